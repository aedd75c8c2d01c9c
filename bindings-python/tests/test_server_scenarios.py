"""`errtriage.retry` against the hostile server (tests/server/hostile.py), with requests and
httpx: the scenarios of tests/vectors/policy/server_scenarios.json, whose request counts the
Node and browser suites check too (issue 12 "Tests")."""

from __future__ import annotations

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
