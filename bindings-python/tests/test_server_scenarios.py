"""`errtriage.retry` against the hostile server (tests/server/hostile.py), with requests and
httpx: the scenarios of tests/vectors/policy/server_scenarios.json, whose request counts the
Node and browser suites check too (issue 12 "Tests")."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests

import errtriage

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = json.loads((ROOT / "tests/vectors/policy/server_scenarios.json").read_text())


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "tests/server/hostile.py"), "--lifetime", "120"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    port = int(proc.stdout.readline())
    yield f"http://127.0.0.1:{port}"
    assert proc.stdin is not None
    proc.stdin.close()
    proc.wait(timeout=10)


def requests_send(method: str, url: str, headers: dict[str, str], payload: str | None) -> Any:
    return requests.request(method, url, headers=headers, data=payload, timeout=5)


def httpx_send(method: str, url: str, headers: dict[str, str], payload: str | None) -> Any:
    return httpx.request(method, url, headers=headers, content=payload, timeout=5)


CLIENTS: list[Callable[..., Any]] = [requests_send, httpx_send]


@pytest.mark.parametrize("send", CLIENTS, ids=["requests", "httpx"])
@pytest.mark.parametrize("case", SCENARIOS["cases"], ids=[c["name"] for c in SCENARIOS["cases"]])
def test_server_scenario(base: str, case: dict[str, Any], send: Callable[..., Any]) -> None:
    run = f"py-{send.__name__}-{uuid.uuid4().hex[:8]}"
    url = f"{base}/{case['behaviour']}/{run}"
    token = {"value": "stale"}
    key = case.get("idempotency_key")

    def call() -> Any:
        headers = {"Authorization": f"Bearer {token['value']}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        return send(case["method"], url, headers, case.get("payload"))

    def refresh() -> None:
        token["value"] = "fresh"

    timeout = case.get("attempt_timeout_ms")
    expect = case["expect"]
    try:
        errtriage.retry(
            call,
            policy=errtriage.RetryPolicy(**SCENARIOS["policy"]),
            refresh=refresh if case.get("refresh") else None,
            sleep=lambda s: None,
            seed=1,
            method=case["method"],
            idempotency_key=key,
            attempt_timeout=None if timeout is None else timeout / 1000,
        )
        got = {"step": "done"}
    except errtriage.RetryStopped as stopped:
        got = {"step": "stop", "action": stopped.action, "reason": stopped.reason}
    want = {k: v for k, v in expect.items() if k in ("step", "action", "reason")}
    assert got == want
    seen = requests.get(f"{base}/count/{run}", timeout=5).json()
    assert seen["requests"] == expect["requests"]
    if expect.get("same_key_and_payload"):
        assert set(seen["keys"]) == {key} and len(set(seen["payloads"])) == 1


# --- the adapters: the same scenarios, the same counts ------------------------------------------
#
# Each runner sends the case's request once through an adapter (its own timeouts standing for
# the case's attempt timeout) and answers the operation's last step as {"step", "action", "reason"}.

Runner = Callable[[dict[str, Any], str], dict[str, Any]]


def _headers(case: dict[str, Any]) -> dict[str, str]:
    headers = {"Authorization": "Bearer stale"}
    if case.get("idempotency_key") is not None:
        headers["Idempotency-Key"] = case["idempotency_key"]
    return headers


def _timeout(case: dict[str, Any]) -> float:
    return case.get("attempt_timeout_ms", 5000) / 1000


def _outcome(result: object) -> dict[str, Any]:
    stop = errtriage.stopped(result)
    if stop is None:
        return {"step": "done"}
    return {"step": "stop", "action": stop.action, "reason": stop.reason}


def _policy() -> errtriage.RetryPolicy:
    return errtriage.RetryPolicy(**SCENARIOS["policy"])


def _fresh(request: Any) -> None:
    request.headers["Authorization"] = "Bearer fresh"


def _payload(case: dict[str, Any]) -> bytes | None:
    return None if case.get("payload") is None else case["payload"].encode()


def run_httpx_transport(case: dict[str, Any], url: str) -> dict[str, Any]:
    import errtriage.httpx

    transport = errtriage.httpx.RetryTransport(
        httpx.HTTPTransport(),
        policy=_policy(),
        refresh=_fresh if case.get("refresh") else None,
        sleep=lambda s: None,
        seed=1,
    )
    with httpx.Client(transport=transport, timeout=_timeout(case)) as client:
        try:
            response = client.request(case["method"], url, headers=_headers(case), content=_payload(case))
        except httpx.TransportError as exc:
            return _outcome(exc)
    return _outcome(response)


def run_httpx_async_transport(case: dict[str, Any], url: str) -> dict[str, Any]:
    import errtriage.httpx

    async def main() -> dict[str, Any]:
        transport = errtriage.httpx.AsyncRetryTransport(
            httpx.AsyncHTTPTransport(),
            policy=_policy(),
            refresh=_fresh if case.get("refresh") else None,
            sleep=lambda s: None,
            seed=1,
        )
        async with httpx.AsyncClient(transport=transport, timeout=_timeout(case)) as client:
            try:
                response = await client.request(
                    case["method"], url, headers=_headers(case), content=_payload(case)
                )
            except httpx.TransportError as exc:
                return _outcome(exc)
        return _outcome(response)

    return asyncio.run(main())


def run_requests_adapter(case: dict[str, Any], url: str) -> dict[str, Any]:
    import errtriage.requests

    with requests.Session() as session:
        session.mount(
            "http://",
            errtriage.requests.RetryAdapter(
                policy=_policy(),
                refresh=_fresh if case.get("refresh") else None,
                sleep=lambda s: None,
                seed=1,
            ),
        )
        try:
            response = session.request(
                case["method"], url, headers=_headers(case), data=_payload(case), timeout=_timeout(case)
            )
        except requests.RequestException as exc:
            return _outcome(exc)
    return _outcome(response)


def run_aiohttp_middleware(case: dict[str, Any], url: str) -> dict[str, Any]:
    import aiohttp

    import errtriage.aiohttp

    async def main() -> dict[str, Any]:
        middleware = errtriage.aiohttp.retry_middleware(
            policy=_policy(),
            refresh=_fresh if case.get("refresh") else None,
            sleep=lambda s: None,
            seed=1,
        )
        timeout = aiohttp.ClientTimeout(sock_read=_timeout(case))
        async with aiohttp.ClientSession(middlewares=[middleware], timeout=timeout) as session:
            try:
                async with session.request(
                    case["method"], url, headers=_headers(case), data=_payload(case)
                ) as response:
                    return _outcome(response)
            except aiohttp.ClientError as exc:
                return _outcome(exc)

    return asyncio.run(main())


def _aretry(case: dict[str, Any], send: Callable[[dict[str, str]], Any]) -> dict[str, Any]:
    token = {"value": "stale"}

    def refresh() -> None:
        token["value"] = "fresh"

    async def main() -> dict[str, Any]:
        async def call() -> Any:
            return await send({**_headers(case), "Authorization": f"Bearer {token['value']}"})

        timeout = case.get("attempt_timeout_ms")
        try:
            await errtriage.aretry(
                call,
                policy=_policy(),
                refresh=refresh if case.get("refresh") else None,
                sleep=lambda s: asyncio.sleep(0),
                seed=1,
                method=case["method"],
                idempotency_key=case.get("idempotency_key"),
                attempt_timeout=None if timeout is None else timeout / 1000,
            )
        except errtriage.RetryStopped as stopped:
            return {"step": "stop", "action": stopped.action, "reason": stopped.reason}
        return {"step": "done"}

    return asyncio.run(main())


def run_aretry_httpx(case: dict[str, Any], url: str) -> dict[str, Any]:
    async def send(headers: dict[str, str]) -> Any:
        async with httpx.AsyncClient(timeout=5) as client:
            return await client.request(case["method"], url, headers=headers, content=_payload(case))

    return _aretry(case, send)


def run_aretry_aiohttp(case: dict[str, Any], url: str) -> dict[str, Any]:
    import aiohttp

    async def send(headers: dict[str, str]) -> Any:
        async with aiohttp.ClientSession() as session:
            response = await session.request(case["method"], url, headers=headers, data=_payload(case))
            await response.read()  # within the session; aretry reads it again from its cache
            return response

    return _aretry(case, send)


def run_tenacity_requests(case: dict[str, Any], url: str) -> dict[str, Any]:
    import tenacity

    import errtriage.tenacity

    token = {"value": "stale"}

    def refresh() -> None:
        token["value"] = "fresh"

    @tenacity.retry(
        sleep=lambda s: None,
        **errtriage.tenacity.strategies(
            policy=_policy(),
            refresh=refresh if case.get("refresh") else None,
            seed=1,
            method=case["method"],
            idempotency_key=case.get("idempotency_key"),
        ),
    )
    def call() -> requests.Response:
        headers = {**_headers(case), "Authorization": f"Bearer {token['value']}"}
        return requests.request(
            case["method"], url, headers=headers, data=_payload(case), timeout=_timeout(case)
        )

    try:
        call()
    except errtriage.RetryStopped as stopped:
        return {"step": "stop", "action": stopped.action, "reason": stopped.reason}
    return {"step": "done"}


ADAPTERS: dict[str, Runner] = {
    "aretry-httpx": run_aretry_httpx,
    "aretry-aiohttp": run_aretry_aiohttp,
    "httpx-RetryTransport": run_httpx_transport,
    "httpx-AsyncRetryTransport": run_httpx_async_transport,
    "requests-RetryAdapter": run_requests_adapter,
    "aiohttp-retry_middleware": run_aiohttp_middleware,
    "tenacity-requests": run_tenacity_requests,
}


@pytest.mark.parametrize("adapter", ADAPTERS)
@pytest.mark.parametrize("case", SCENARIOS["cases"], ids=[c["name"] for c in SCENARIOS["cases"]])
def test_adapter_scenario(base: str, case: dict[str, Any], adapter: str) -> None:
    run = f"py-{adapter}-{uuid.uuid4().hex[:8]}"
    got = ADAPTERS[adapter](case, f"{base}/{case['behaviour']}/{run}")
    expect = case["expect"]
    assert got == {k: v for k, v in expect.items() if k in ("step", "action", "reason")}
    seen = requests.get(f"{base}/count/{run}", timeout=5).json()
    assert seen["requests"] == expect["requests"]
    if expect.get("same_key_and_payload"):
        key = case["idempotency_key"]
        assert set(seen["keys"]) == {key} and len(set(seen["payloads"])) == 1
