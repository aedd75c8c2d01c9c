"""The adapters' edges, in process (httpx.MockTransport, fakes, a local aiohttp server):
imports, what a stop hands back, refreshes, exceptions that are not transport failures,
classify_response for each client."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from typing import Any

import httpx
import pytest
import requests

import errtriage

UNAUTHORIZED = {"error": {"code": "UNAUTHORIZED", "message": "Bearer token has expired"}}
POLICY = errtriage.RetryPolicy(max_attempts=3, base_delay_ms=1, rate_limited_base_ms=1, max_delay_ms=5)


def test_import_errtriage_imports_no_client() -> None:
    code = (
        "import sys, errtriage\n"
        "clients = ('httpx', 'aiohttp', 'requests', 'tenacity', 'urllib3', 'multidict')\n"
        "print(sorted(m for m in clients if m in sys.modules))\n"
        "errtriage.httpx.RetryTransport\n"  # the attribute imports the adapter (and httpx) on use
        "print('httpx' in sys.modules, 'aiohttp' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "True False"]


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        errtriage.nope  # type: ignore[attr-defined]  # noqa: B018


def scripted(*responses: httpx.Response | Exception) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    script = list(responses)
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        r = script.pop(0)
        if isinstance(r, Exception):
            raise r
        return r

    return httpx.MockTransport(handler), seen


def test_httpx_transport_stop_returns_last_response_with_the_stop() -> None:
    mock, seen = scripted(*[httpx.Response(503) for _ in range(3)])
    transport = errtriage.httpx.RetryTransport(mock, policy=POLICY, sleep=lambda s: None, seed=1)
    with httpx.Client(transport=transport) as client:
        response = client.get("https://api.example.com/x")
    assert response.status_code == 503 and len(seen) == 3
    stop = response.extensions["errtriage"]
    assert stop is errtriage.stopped(response)
    assert (stop.action, stop.reason) == ("escalate", "attempts_exhausted")
    assert len(stop.history) == 3 and str(stop) == stop.operation.stop_message


def test_httpx_transport_done_carries_nothing() -> None:
    mock, _ = scripted(httpx.Response(503), httpx.Response(200, json={"ok": True}))
    transport = errtriage.httpx.RetryTransport(mock, sleep=lambda s: None, seed=1)
    with httpx.Client(transport=transport) as client:
        response = client.get("https://api.example.com/x")
    assert response.json() == {"ok": True}
    assert "errtriage" not in response.extensions and errtriage.stopped(response) is None


def test_httpx_transport_refresh_sets_the_new_credentials() -> None:
    script = [httpx.Response(401, json=UNAUTHORIZED), httpx.Response(200)]
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.headers["Authorization"])
        return script.pop(0)

    def refresh(request: httpx.Request) -> None:
        request.headers["Authorization"] = "Bearer fresh"

    transport = errtriage.httpx.RetryTransport(
        httpx.MockTransport(handler), refresh=refresh, sleep=lambda s: None
    )
    with httpx.Client(transport=transport) as client:
        assert client.get("https://x.test/", headers={"Authorization": "Bearer old"}).status_code == 200
    assert sent == ["Bearer old", "Bearer fresh"]


def test_httpx_transport_keyless_post_timeout_raises_the_error_once() -> None:
    mock, seen = scripted(httpx.ReadTimeout("timed out"))
    transport = errtriage.httpx.RetryTransport(mock, sleep=lambda s: None)
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ReadTimeout) as raised:
        client.post("https://x.test/send", content=b'{"to": 1}')
    stop = errtriage.stopped(raised.value)
    assert stop is not None and (stop.action, stop.reason) == ("reconcile", "final") and len(seen) == 1


def test_httpx_transport_keyed_post_resends_the_same_bytes() -> None:
    mock, seen = scripted(httpx.ReadTimeout("timed out"), httpx.Response(201))
    transport = errtriage.httpx.RetryTransport(mock, sleep=lambda s: None)
    with httpx.Client(transport=transport) as client:
        r = client.post("https://x.test/send", content=b'{"to": 1}', headers={"Idempotency-Key": "k1"})
    assert r.status_code == 201 and [q.content for q in seen] == [b'{"to": 1}'] * 2


def test_httpx_transport_lets_other_exceptions_propagate() -> None:
    mock, seen = scripted(ZeroDivisionError("bug"))
    transport = errtriage.httpx.RetryTransport(mock, sleep=lambda s: None)
    with httpx.Client(transport=transport) as client, pytest.raises(ZeroDivisionError):
        client.get("https://x.test/")
    assert len(seen) == 1


def test_async_transport_awaits_an_async_sleep() -> None:
    slept: list[float] = []

    async def sleep(s: float) -> None:
        slept.append(s)

    async def main() -> int:
        script = [httpx.Response(503, headers={"Retry-After": "1"}), httpx.Response(200)]
        mock = httpx.MockTransport(lambda request: script.pop(0))
        transport = errtriage.httpx.AsyncRetryTransport(mock, sleep=sleep)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport) as client:
            return (await client.get("https://x.test/")).status_code

    assert asyncio.run(main()) == 200 and slept == [1.0]


def test_aretry_with_httpx_async_client() -> None:
    async def main() -> tuple[int, list[float]]:
        script = [httpx.Response(502), httpx.Response(200, json={"ok": True})]
        delays: list[float] = []
        async with httpx.AsyncClient(transport=httpx.MockTransport(lambda r: script.pop(0))) as client:
            response = await errtriage.aretry(
                lambda: client.get("https://x.test/"), sleep=delays.append, seed=1, method="GET"
            )
        return response.status_code, delays

    status, delays = asyncio.run(main())
    assert status == 200 and len(delays) == 1


def test_aretry_attempt_timeout_is_a_timeout_failure() -> None:
    async def slow() -> httpx.Response:
        await asyncio.sleep(5)
        raise AssertionError("not reached")

    async def main() -> errtriage.RetryStopped:
        with pytest.raises(errtriage.RetryStopped) as raised:
            await errtriage.aretry(slow, attempt_timeout=0.05, method="POST", sleep=lambda s: None)
        return raised.value

    stopped = asyncio.run(main())
    assert (stopped.action, stopped.reason) == ("reconcile", "final")
    assert isinstance(stopped.exception, errtriage.AttemptTimeout)


def test_aretry_lets_other_exceptions_propagate() -> None:
    async def bug() -> httpx.Response:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        asyncio.run(errtriage.aretry(bug))


def test_requests_adapter_has_urllib3_retries_off() -> None:
    adapter = errtriage.requests.RetryAdapter()
    assert adapter.max_retries.total == 0


def test_tenacity_non_transport_exception_propagates_at_once() -> None:
    import tenacity

    calls = []

    @tenacity.retry(sleep=lambda s: None, **errtriage.tenacity.strategies())
    def bug() -> requests.Response:
        calls.append(1)
        raise ValueError("bug")

    with pytest.raises(ValueError):
        bug()
    assert calls == [1]


def test_tenacity_each_call_is_its_own_operation() -> None:
    import tenacity

    script: list[int] = [503, 200, 503, 200]

    @tenacity.retry(sleep=lambda s: None, **errtriage.tenacity.strategies(seed=1))
    def call() -> httpx.Response:
        return httpx.Response(script.pop(0), request=httpx.Request("GET", "https://x.test/"))

    assert call().status_code == 200 and call().status_code == 200 and script == []


def test_classify_response_requests_and_httpx_read_the_request() -> None:
    request = httpx.Request("POST", "https://x.test/send", headers={"Idempotency-Key": "k-1"})
    response = httpx.Response(502, json={"error": {"code": "UPSTREAM_ERROR"}}, request=request)
    v = errtriage.classify_response(response)
    assert v == errtriage.classify(
        502, response.content, response.headers, method="POST", idempotency_key="k-1"
    )
    assert errtriage.classify_response(response, method="GET") == errtriage.classify(
        502, response.content, response.headers, method="GET", idempotency_key="k-1"
    )

    prepared = requests.Request("POST", "https://x.test/send", data=b"{}").prepare()
    r = requests.Response()
    r.status_code, r._content, r.request = 503, b"", prepared
    r.headers["Retry-After"] = "5"
    assert errtriage.classify_response(r) == errtriage.classify(503, b"", {"Retry-After": "5"}, method="POST")


def test_aclassify_response_aiohttp_and_sync_refused() -> None:
    import aiohttp
    from aiohttp import web

    async def handler(request: web.Request) -> web.Response:
        return web.json_response(UNAUTHORIZED, status=401)

    result: dict[str, Any] = {}

    async def main() -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = runner.addresses[0][1]
        try:
            async with aiohttp.ClientSession() as session:
                url = f"http://127.0.0.1:{port}/x"
                async with session.post(url, headers={"Idempotency-Key": "k-2"}) as resp:
                    result["verdict"] = await errtriage.aclassify_response(resp)
                    result["body"] = await resp.read()
                    with pytest.raises(TypeError) as raised:
                        errtriage.classify_response(resp)
                    result["sync"] = str(raised.value)
        finally:
            await runner.cleanup()

    asyncio.run(main())
    assert result["verdict"] == errtriage.classify(401, result["body"], method="POST", idempotency_key="k-2")
    assert "aclassify_response" in result["sync"]
    assert json.loads(result["body"]) == UNAUTHORIZED
