"""`errtriage.retry` against a real HTTP server on 127.0.0.1 (http.server in a thread, answering
from a script), with `requests` and with `httpx`; sleeps are recorded instead of slept. Also
`transport_failure` on the exceptions the two clients raise. No outside network."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
import requests

import errtriage

UNAUTHORIZED = b'{"error": {"code": "UNAUTHORIZED", "message": "Invalid or missing bearer token"}}'
UPSTREAM = b'{"error": {"code": "UPSTREAM_ERROR", "message": "Upstream failed"}, "requestId": "req_up_1"}'


@dataclass
class Reply:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to wait before answering (to make the client time out)
    cut: bool = False  # announce twice the body's length, send the body, close: a reset mid-body


@dataclass
class Server:
    url: str
    script: list[Reply]
    seen: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server(url="", script=[])

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            state.seen.append((self.command, self.path, dict(self.headers), body))
            reply = state.script.pop(0) if state.script else Reply(500, b"script exhausted")
            if reply.delay:
                time.sleep(reply.delay)
            try:
                self.send_response(reply.status)
                headers = {"Content-Type": "application/json", **reply.headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                length = len(reply.body) * 2 if reply.cut else len(reply.body)
                self.send_header("Content-Length", str(length))
                self.end_headers()
                self.wfile.write(reply.body)
                if reply.cut:
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
            except OSError:
                pass  # the client gave up (timeout)

        do_GET = answer
        do_POST = answer

        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


Send = Callable[..., Any]


def requests_send(method: str, url: str, *, timeout: float = 5, **kwargs: Any) -> Any:
    return requests.request(method, url, timeout=timeout, **kwargs)


def httpx_send(method: str, url: str, *, timeout: float = 5, **kwargs: Any) -> Any:
    return httpx.request(method, url, timeout=timeout, **kwargs)


CLIENTS = pytest.mark.parametrize("send", [requests_send, httpx_send], ids=["requests", "httpx"])


class Sleeps(list[float]):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@CLIENTS
def test_503_with_retry_after_then_200(server: Server, send: Send) -> None:
    server.script = [Reply(503, UPSTREAM, {"Retry-After": "0"}), Reply(200, b'{"ok": true}')]
    sleeps = Sleeps()
    budget = errtriage.RetryBudget()
    resp = errtriage.retry(
        lambda: send("GET", server.url + "/api/core/numbers"),
        sleep=sleeps,
        budget=budget,
        method="GET",
        endpoint="/api/core/numbers",
    )
    assert resp.status_code == 200 and resp.json() == {"ok": True}
    assert sleeps == [0.0]  # the server's delay, not backoff
    assert len(server.seen) == 2
    # One transient retry was charged and the success returned one token.
    assert budget.tokens == budget.capacity - budget.transient_cost + budget.success_refill


@CLIENTS
def test_backoff_delays_come_from_the_seeded_policy(server: Server, send: Send) -> None:
    server.script = [Reply(503), Reply(503), Reply(200)]
    sleeps = Sleeps()
    errtriage.retry(lambda: send("GET", server.url + "/x"), sleep=sleeps, seed=42, method="GET")
    # The same delays as the policy gives for the same verdicts and seed.
    attempts = errtriage.RetryPolicy().start(seed=42)
    verdict = errtriage.classify(503, method="GET")
    expected = [attempts.next(verdict).delay_ms for _ in range(2)]
    assert sleeps == [ms / 1000 for ms in expected if ms is not None]


@CLIENTS
def test_401_then_refresh_then_200(server: Server, send: Send) -> None:
    server.script = [Reply(401, UNAUTHORIZED), Reply(200, b"{}")]
    token = ["old"]
    refreshes: list[str] = []

    def refresh() -> None:
        refreshes.append(token[0])
        token[0] = "new"

    sleeps = Sleeps()
    resp = errtriage.retry(
        lambda: send("GET", server.url + "/me", headers={"Authorization": f"Bearer {token[0]}"}),
        refresh=refresh,
        sleep=sleeps,
        auth="bearer",
    )
    assert resp.status_code == 200
    assert refreshes == ["old"] and sleeps == []
    assert [seen[2]["Authorization"] for seen in server.seen] == ["Bearer old", "Bearer new"]


@CLIENTS
def test_401_twice_stops_with_fix_configuration(server: Server, send: Send) -> None:
    server.script = [Reply(401, UNAUTHORIZED, {"X-Request-Id": "r1"}), Reply(401, UNAUTHORIZED)]
    refreshes: list[int] = []
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("GET", server.url + "/me"),
            refresh=lambda: refreshes.append(1),
            sleep=Sleeps(),
            method="GET",
            endpoint="/me",
        )
    stopped = raised.value
    assert len(refreshes) == 1, "never a refresh loop"
    # The attempt after the refresh is sent with a fresh token (the driver knows), so its 401
    # is the playbook's "a 401 right after acquiring a token": fix_configuration, final.
    assert (stopped.step.kind, stopped.reason, stopped.action) == (
        "stop",
        "final",
        "fix_configuration",
    )
    assert stopped.verdict.rule == "context.token_fresh"
    assert stopped.verdict.status == 401 and len(stopped.history) == 2
    assert stopped.response is not None and stopped.exception is None
    assert "refresh" in str(stopped) and "fix_configuration" in str(stopped)
    report = stopped.report(reproduces=True)
    assert report.status == 401 and report.reproduces is True
    assert [a["status"] for a in report.attempts] == [401, 401]
    assert report.attempts[0]["request_id"] == "r1"


@CLIENTS
def test_post_timeout_without_idempotency_key_stops_with_reconcile(server: Server, send: Send) -> None:
    server.script = [Reply(200, b"{}", delay=1.0)]
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("POST", server.url + "/api/core/messages/send", json={"to": "x"}, timeout=0.2),
            sleep=Sleeps(),
            method="POST",
            endpoint="/api/core/messages/send",
        )
    stopped = raised.value
    assert (stopped.action, stopped.reason) == ("reconcile", "final")
    assert stopped.verdict.shape == "transport" and stopped.verdict.outcome == "unknown"
    assert errtriage.transport_failure(stopped.exception) == ("timeout", True)  # type: ignore[arg-type]
    assert stopped.__cause__ is stopped.exception
    report = stopped.report()
    assert report.transport is not None and report.transport["kind"] == "timeout"
    assert report.transport["sent"] is True and report.status is None
    assert len(server.seen) == 1, "an unsafe request is never sent twice"


@CLIENTS
def test_post_timeout_with_idempotency_key_is_retried(server: Server, send: Send) -> None:
    server.script = [Reply(200, b"{}", delay=1.0), Reply(200, b'{"sent": 1}')]
    sleeps = Sleeps()
    guard = errtriage.IdempotencyGuard()
    payload = b'{"to": "+14155550123", "text": "hi"}'
    key = guard.key_for(payload)
    resp = errtriage.retry(
        lambda: (
            send(
                "POST",
                server.url + "/send",
                content=payload,
                headers={"Idempotency-Key": key},
                timeout=0.2,
            )
            if send is httpx_send
            else send(
                "POST", server.url + "/send", data=payload, headers={"Idempotency-Key": key}, timeout=0.2
            )
        ),
        sleep=sleeps,
        seed=1,
        method="POST",
        idempotency_key=key,
    )
    assert resp.status_code == 200 and len(sleeps) == 1
    assert {seen[2]["Idempotency-Key"] for seen in server.seen} == {key}
    guard.check(key, payload)


@CLIENTS
def test_connection_refused_is_a_connect_failure(send: Send) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again before the call: nothing listens there
    sleeps = Sleeps()
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("GET", f"http://127.0.0.1:{port}/"),
            policy=errtriage.RetryPolicy(max_attempts=2),
            sleep=sleeps,
            seed=3,
            method="GET",
        )
    stopped = raised.value
    assert errtriage.transport_failure(stopped.exception) == ("connect", False)  # type: ignore[arg-type]
    assert stopped.verdict.rule == "transport.connect"
    assert (stopped.action, stopped.reason) == ("escalate", "attempts_exhausted")
    assert len(sleeps) == 1


def test_refresh_step_without_a_callback_raises(server: Server) -> None:
    server.script = [Reply(401, UNAUTHORIZED)]
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(lambda: requests_send("GET", server.url + "/"), sleep=Sleeps())
    assert raised.value.step.kind == "stop" and raised.value.reason == "refresh_unavailable"
    assert raised.value.action == "refresh_credentials"
    assert "refresh callback" in str(raised.value)
    assert len(server.seen) == 1, "never sent again without the refresh"


def test_other_exceptions_propagate_untouched() -> None:
    def broken() -> Any:
        raise KeyError("bug")

    with pytest.raises(KeyError):
        errtriage.retry(broken, sleep=Sleeps())
    with pytest.raises(requests.exceptions.InvalidURL):
        errtriage.retry(lambda: requests.get("http://[bad"), sleep=Sleeps())


def test_an_empty_budget_stops_retries(server: Server) -> None:
    server.script = [Reply(503), Reply(503)]
    budget = errtriage.RetryBudget(capacity=5, transient_cost=5)
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(lambda: requests_send("GET", server.url + "/"), budget=budget, sleep=Sleeps(), seed=1)
    assert raised.value.reason == "retry_budget_empty" and budget.tokens == 0
    assert len(server.seen) == 2


@pytest.mark.parametrize(
    "exc, expected",
    [
        (requests.exceptions.ConnectTimeout(), ("timeout", False)),
        (requests.exceptions.ReadTimeout(), ("timeout", True)),
        (requests.exceptions.SSLError(), ("tls", False)),
        (requests.exceptions.ConnectionError(), ("other", None)),
        (requests.exceptions.ChunkedEncodingError(), ("reset", True)),
        (httpx.ConnectTimeout("t"), ("timeout", False)),
        (httpx.PoolTimeout("t"), ("timeout", False)),
        (httpx.ReadTimeout("t"), ("timeout", True)),
        (httpx.WriteTimeout("t"), ("timeout", False)),
        (httpx.ConnectError("refused"), ("connect", False)),
        (httpx.ConnectError("[Errno -2] Name or service not known"), ("dns", False)),
        (httpx.ReadError("reset"), ("reset", True)),
        (httpx.RemoteProtocolError("Server disconnected"), ("reset", None)),
        (socket.gaierror(-2, "Name or service not known"), ("dns", False)),
        (ConnectionRefusedError(), ("connect", False)),
        (ConnectionResetError(), ("reset", None)),
        (TimeoutError(), ("timeout", None)),
        (requests.exceptions.InvalidURL(), None),
        (httpx.UnsupportedProtocol("ftp"), None),
        (ValueError(), None),
        (FileNotFoundError(), None),
    ],
    ids=lambda v: type(v).__name__ if isinstance(v, BaseException) else str(v),
)
def test_transport_failure(exc: BaseException, expected: tuple[str, bool | None] | None) -> None:
    assert errtriage.transport_failure(exc) == expected


def test_transport_failure_reads_the_cause_chain() -> None:
    try:
        try:
            raise socket.gaierror(-2, "Name or service not known")
        except OSError as e:
            raise requests.exceptions.ConnectionError("wrapped") from e
    except requests.exceptions.ConnectionError as wrapped:
        assert errtriage.transport_failure(wrapped) == ("dns", False)


# ---- Deliver 4 (issue 11): no duplicate sends, partial bodies, past delays, the time budget ----

PAST = "Wed, 21 Oct 2015 07:28:00 GMT"


def requests_stream(method: str, url: str, **kwargs: Any) -> Any:
    return requests.request(method, url, timeout=5, stream=True, **kwargs)


def httpx_stream(method: str, url: str, **kwargs: Any) -> Any:
    client = httpx.Client(timeout=5)
    return client.send(client.build_request(method, url, **kwargs), stream=True)


STREAMS = pytest.mark.parametrize(
    "send",
    [requests_send, httpx_send, requests_stream, httpx_stream],
    ids=["requests", "httpx", "requests-stream", "httpx-stream"],
)


@CLIENTS
def test_a_hanging_post_without_a_key_is_sent_once_then_reconciles(server: Server, send: Send) -> None:
    # The server never answers in time; the helper's own attempt timeout gives up on it.
    server.script = [Reply(200, b"{}", delay=3.0), Reply(200, b"{}")]
    started = time.monotonic()
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("POST", server.url + "/api/core/messages/send", json={"to": "x"}, timeout=10),
            sleep=Sleeps(),
            method="POST",
            attempt_timeout=0.3,
        )
    assert time.monotonic() - started < 2.5
    stopped = raised.value
    assert isinstance(stopped.exception, errtriage.AttemptTimeout)
    assert (stopped.action, stopped.reason) == ("reconcile", "final")
    assert stopped.verdict.shape == "transport" and stopped.verdict.rule == "context.unsafe_retry"
    assert stopped.verdict.outcome == "unknown"
    assert [seen[0] for seen in server.seen] == ["POST"], "sent exactly once"


@CLIENTS
def test_the_method_and_key_come_from_the_clients_request_when_not_given(server: Server, send: Send) -> None:
    # No method= here: the timeout exception carries the request, whose method is POST.
    server.script = [Reply(200, b"{}", delay=1.0), Reply(200, b"{}")]
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("POST", server.url + "/send", json={"to": "x"}, timeout=0.2), sleep=Sleeps()
        )
    assert raised.value.action == "reconcile"
    assert len(server.seen) == 1
    time.sleep(0.9)
    assert len(server.seen) == 1


@STREAMS
def test_a_reset_mid_body_on_a_get_is_retried(server: Server, send: Send) -> None:
    server.script = [Reply(502, UPSTREAM, cut=True), Reply(200, b'{"ok": true}')]
    sleeps = Sleeps()
    resp = errtriage.retry(lambda: send("GET", server.url + "/numbers"), sleep=sleeps, seed=7)
    assert resp.status_code == 200
    assert len(server.seen) == 2 and len(sleeps) == 1


@pytest.mark.parametrize("send", [requests_stream, httpx_stream], ids=["requests-stream", "httpx-stream"])
def test_a_body_cut_off_while_read_is_a_partial_response(server: Server, send: Send) -> None:
    server.script = [Reply(502, UPSTREAM, {"X-Request-Id": "req_cut"}, cut=True)]
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("POST", server.url + "/send"),
            policy=errtriage.RetryPolicy(max_attempts=1),
            sleep=Sleeps(),
        )
    stopped = raised.value
    verdict = stopped.verdict
    assert verdict.status == 502 and verdict.outcome == "unknown" and verdict.request_id == "req_cut"
    assert stopped.action == "reconcile", "a keyless POST whose answer was cut off is not resent"
    assert errtriage.transport_failure(stopped.exception) is not None  # type: ignore[arg-type]
    report = stopped.report()
    assert report.status == 502 and report.transport is not None and report.transport["kind"] == "reset"
    assert len(server.seen) == 1


@CLIENTS
def test_a_429_with_a_retry_after_date_in_the_past_backs_off(server: Server, send: Send) -> None:
    server.script = [Reply(429, b"", {"Retry-After": PAST}) for _ in range(3)] + [Reply(200, b"{}")]
    sleeps = Sleeps()
    resp = errtriage.retry(lambda: send("GET", server.url + "/numbers"), sleep=sleeps, seed=5, method="GET")
    assert resp.status_code == 200
    assert len(server.seen) == 4 and len(sleeps) == 3
    assert all(delay > 0 for delay in sleeps), sleeps


@CLIENTS
def test_slow_answers_spend_the_time_budget(server: Server, send: Send) -> None:
    server.script = [Reply(503, UPSTREAM, delay=0.4) for _ in range(10)]
    sleeps = Sleeps()
    policy = errtriage.RetryPolicy(max_attempts=10, max_elapsed_ms=1000, base_delay_ms=10)
    with pytest.raises(errtriage.RetryStopped) as raised:
        errtriage.retry(
            lambda: send("GET", server.url + "/numbers"), policy=policy, sleep=sleeps, seed=1, method="GET"
        )
    assert raised.value.reason == "time_budget_exhausted"
    # 400 ms, 800 ms and the delays fit in 1 s; a third slow answer does not: 3 requests on a quiet
    # machine, 2 on a loaded one, never more (counting sleeps alone, as before, it went on to 10).
    assert 2 <= len(server.seen) <= 3 and len(sleeps) == len(server.seen) - 1


def test_record_call_ms_counts_in_elapsed_ms() -> None:
    attempts = errtriage.RetryPolicy().start(seed=1)
    attempts.record_call_ms(250)
    assert attempts.elapsed_ms == 250
    with pytest.raises(ValueError, match=r"^ms: "):
        attempts.record_call_ms(-1)
    with pytest.raises(TypeError, match=r"^ms: "):
        attempts.record_call_ms("5")  # type: ignore[arg-type]
