"""The across-attempts API beyond the shared vectors: RetryPolicy, Attempts, Step, RetryBudget,
IdempotencyGuard, log_fields and escalation_report — defaults from the core, value semantics,
where draws come from, thread safety, redaction, and argument errors naming the argument."""

from __future__ import annotations

import json
import random
import re
import threading
from typing import Any

import pytest

import errtriage

UNAUTHORIZED = b'{"error": {"code": "UNAUTHORIZED", "message": "Invalid or missing bearer token"}}'


def test_policy_defaults_come_from_the_core_and_compare_by_value() -> None:
    policy = errtriage.RetryPolicy()
    assert policy == errtriage.RetryPolicy(max_attempts=None) == errtriage.RetryPolicy(**policy.to_dict())
    assert hash(policy) == hash(errtriage.RetryPolicy(**policy.to_dict()))
    assert policy != errtriage.RetryPolicy(max_attempts=policy.max_attempts + 1)
    assert list(policy.to_dict()) == [
        "max_attempts",
        "max_elapsed_ms",
        "base_delay_ms",
        "rate_limited_base_ms",
        "max_delay_ms",
        "max_server_delay_ms",
    ]
    assert repr(policy) == "RetryPolicy(" + ", ".join(f"{k}={v}" for k, v in policy.to_dict().items()) + ")"
    with pytest.raises(AttributeError):
        policy.max_attempts = 9  # type: ignore[misc]


def test_seeded_draws_are_reproducible_and_explicit_draws_win() -> None:
    verdict = errtriage.classify(503)
    policy = errtriage.RetryPolicy(max_attempts=10, max_elapsed_ms=10**9)

    def delays(attempts: errtriage.Attempts) -> list[int | None]:
        return [attempts.next(verdict).delay_ms for _ in range(5)]

    assert delays(policy.start(seed=7)) == delays(policy.start(seed=7))
    assert delays(policy.start(seed=7)) != delays(policy.start(seed=8))
    attempts = policy.start(seed=7)
    assert attempts.next(verdict, draw=0.0) == errtriage.RetryPolicy().start().next(verdict, draw=0.0)
    assert attempts.next(verdict, draw=0.0).delay_ms == 0
    assert (attempts.failures, attempts.elapsed_ms, attempts.refreshed) == (2, 0, False)
    assert attempts.policy == policy


def test_unseeded_draws_come_from_the_random_module() -> None:
    verdict = errtriage.classify(503)
    policy = errtriage.RetryPolicy(max_attempts=10, max_elapsed_ms=10**9)
    random.seed(1234)
    first = [policy.start().next(verdict).delay_ms for _ in range(5)]
    random.seed(1234)
    assert [policy.start().next(verdict).delay_ms for _ in range(5)] == first


def test_refresh_once_then_stop() -> None:
    attempts = errtriage.RetryPolicy().start(seed=1)
    verdict = errtriage.classify(401, UNAUTHORIZED)
    refresh = attempts.next(verdict)
    assert refresh.kind == "refresh" and attempts.refreshed
    assert (refresh.delay_ms, refresh.action, refresh.reason, refresh.message) == (None, None, None, None)
    stop = attempts.next(verdict)
    assert (stop.kind, stop.action, stop.reason) == ("stop", "fix_configuration", "refresh_failed")
    assert stop.message is not None and stop.message.endswith(".")
    assert stop.to_dict() == {
        "kind": "stop",
        "delay_ms": None,
        "action": "fix_configuration",
        "reason": "refresh_failed",
        "message": stop.message,
    }
    assert repr(stop) == "Step(kind='stop', action='fix_configuration', reason='refresh_failed')"
    # Once stopped, stopped.
    assert attempts.next(errtriage.classify(503)) == stop
    assert hash(stop) == hash(attempts.next(verdict))
    assert {refresh, stop} == {refresh, stop, attempts.next(verdict)}


def test_vocabularies() -> None:
    assert errtriage.STEP_KINDS == ("retry", "refresh", "done", "stop")
    assert "refresh_failed" in errtriage.STOP_REASONS and len(set(errtriage.STOP_REASONS)) == 8
    assert errtriage.GUARD_CAPACITY > 0


def test_budget_is_shared_safely_between_threads() -> None:
    budget = errtriage.RetryBudget(capacity=1000, transient_cost=1)
    assert (budget.tokens, budget.capacity, budget.transient_cost) == (1000, 1000, 1)
    default = errtriage.RetryBudget()
    assert default.tokens == default.capacity > 0
    assert repr(default).startswith("RetryBudget(tokens=")
    taken = []

    def worker() -> None:
        taken.append(sum(budget.try_withdraw("transient") for _ in range(400)))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(taken) == 1000 and budget.tokens == 0
    budget.record_success()
    assert budget.tokens == budget.success_refill


def test_budget_charged_through_attempts() -> None:
    budget = errtriage.RetryBudget(capacity=10, transient_cost=4, throttled_cost=1)
    attempts = errtriage.RetryPolicy(max_attempts=10).start(seed=1)
    for _ in range(2):
        assert attempts.next(errtriage.classify(503), budget=budget).kind == "retry"
    assert budget.tokens == 2
    step = attempts.next(errtriage.classify(503), budget=budget)
    assert (step.kind, step.reason) == ("stop", "retry_budget_empty")


def test_idempotency_guard() -> None:
    guard = errtriage.IdempotencyGuard()
    key = guard.key_for(b'{"to": "+1"}')
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", key)
    assert guard.key_for('{"to": "+1"}') == key  # str is its UTF-8 bytes
    assert guard.key_for(bytearray(b'{"to": "+2"}')) != key
    assert len(guard) == 2
    guard.check(key, memoryview(b'{"to": "+1"}'))
    with pytest.raises(ValueError, match=r"^idempotency_key: "):
        guard.check(key, b'{"to": "+3"}')
    guard.forget(key)
    guard.check(key, b'{"to": "+3"}')
    small = errtriage.IdempotencyGuard(1)
    small.key_for(b"a", random=bytes(16))
    small.key_for(b"b", random=bytes(16))
    assert len(small) == 1
    assert repr(small) == "IdempotencyGuard(len=1)"


REDACTION_BODY = json.dumps(
    {"error": "invalid_client", "client_secret": "s3cr3t-value", "error_description": "bad"}
).encode()


def test_reports_redact_secrets() -> None:
    jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature-x"
    report = errtriage.escalation_report(
        401,
        REDACTION_BODY,
        {"Authorization": f"Bearer {jwt}", "Set-Cookie": "sid=abc", "X-Request-Id": "r-1"},
        method="POST",
        endpoint="https://user:pw@api.example.com/token?api_key=k123&x=1",
        token_fresh=True,
        reproduces=False,
    )
    text = report.text + report.to_json()
    for secret in ["s3cr3t-value", jwt, "sid=abc", "k123", ":pw@"]:
        assert secret not in text, secret
    assert report.endpoint == "https://user:[REDACTED]@api.example.com/token?api_key=[REDACTED]&x=1"
    assert ("Authorization", "[REDACTED]") in report.headers
    assert (report.token_fresh, report.reproduces, report.request_id) == (True, False, "r-1")
    assert report.attempts == [
        {
            "attempt": 1,
            "status": 401,
            "rule": report.rule,
            "action": report.action,
            "retry_after_ms": None,
            "request_id": "r-1",
        }
    ]
    assert str(report) == report.text and report.text.startswith("errtriage escalation report\n")
    assert repr(report).startswith("EscalationReport(endpoint=")
    with pytest.raises(TypeError):
        hash(report)
    fields = errtriage.log_fields(
        401, REDACTION_BODY, endpoint="/x?access_token=t0k3n", idempotency_key="k", now=1763769600
    )
    assert fields["endpoint"] == "/x?access_token=[REDACTED]"
    assert (fields["status"], fields["request_timestamp"], fields["idempotency_key"]) == (
        401,
        1763769600,
        "k",
    )


def test_transport_failure_reports() -> None:
    transport = {"kind": "timeout", "sent": True, "detail": "read timed out"}
    fields = errtriage.log_fields(transport=transport, method="POST", idempotency_key="k")  # type: ignore[arg-type]
    assert (fields["status"], fields["method"]) == (None, "POST")
    report = errtriage.escalation_report(transport=transport, method="POST")  # type: ignore[arg-type]
    assert report.transport == transport and report.status is None and report.body is None
    assert report.action == "reconcile"  # a POST with no idempotency key
    assert report == errtriage.escalation_report(transport=transport, method="POST")  # type: ignore[arg-type]


def test_partial_response_reports() -> None:
    # A status with a transport failure: the status and headers arrived, the body was cut off
    # (the JSON form's `status` with `transport`).
    transport: Any = {"kind": "reset", "sent": True, "detail": "reset"}
    fields = errtriage.log_fields(502, b'{"error": {"co', {"x-request-id": "r-9"}, transport=transport)
    assert (fields["status"], fields["request_id"]) == (502, "r-9")
    report = errtriage.escalation_report(502, b'{"error": {"co', transport=transport, method="POST")
    assert report.status == 502 and report.transport == transport
    verdict = errtriage.classify(502, b'{"error": {"co', transport=transport, method="POST")
    assert (report.action, report.rule) == (verdict.action, verdict.rule)


@pytest.mark.parametrize(
    "call, error, message",
    [
        (
            lambda: errtriage.RetryPolicy(max_attempts=0),
            ValueError,
            "max_attempts: expected at least 1, got 0",
        ),
        (lambda: errtriage.RetryPolicy(max_attempts="3"), TypeError, "max_attempts: expected int or None"),
        (lambda: errtriage.RetryPolicy(max_delay_ms=True), TypeError, "max_delay_ms: expected int or None"),
        (
            lambda: errtriage.RetryPolicy(base_delay_ms=-1),
            ValueError,
            "base_delay_ms: expected a whole number",
        ),
        (lambda: errtriage.RetryPolicy(base_delay_ms=10**9), ValueError, "base_delay_ms: expected at most"),
        (lambda: errtriage.RetryPolicy().start(seed=-1), ValueError, "seed: "),
        (lambda: errtriage.RetryPolicy().start(seed="1"), TypeError, "seed: "),
        (
            lambda: errtriage.RetryPolicy().start().next("503"),
            TypeError,
            "verdict: expected Verdict, got str",
        ),
        (
            lambda: errtriage.RetryPolicy().start().next(errtriage.classify(503), draw=1.0),
            ValueError,
            "draw: ",
        ),
        (
            lambda: errtriage.RetryPolicy().start().next(errtriage.classify(503), draw="0"),
            TypeError,
            "draw: ",
        ),
        (
            lambda: errtriage.RetryPolicy().start().next(errtriage.classify(503), budget=1),
            TypeError,
            "budget: ",
        ),
        (lambda: errtriage.RetryBudget(transient_cost=0), ValueError, "transient_cost: expected from 1"),
        (lambda: errtriage.RetryBudget(capacity=-1), ValueError, "capacity: "),
        (lambda: errtriage.RetryBudget().try_withdraw("nope"), ValueError, "category: "),
        (lambda: errtriage.IdempotencyGuard(-1), ValueError, "capacity: "),
        (
            lambda: errtriage.IdempotencyGuard().key_for(b"x", random=b"abc"),
            ValueError,
            "random: expected exactly 16",
        ),
        (lambda: errtriage.IdempotencyGuard().key_for(b"x", random="a" * 16), TypeError, "random: "),
        (lambda: errtriage.IdempotencyGuard().key_for(None), TypeError, "payload: expected bytes"),
        (lambda: errtriage.IdempotencyGuard().check(1, b""), TypeError, "key: expected str, got int"),
        (lambda: errtriage.IdempotencyGuard().check("", b""), ValueError, "idempotency_key: "),
        (
            lambda: errtriage.log_fields(),
            ValueError,
            "status: required unless transport or lifecycle is given",
        ),
        (lambda: errtriage.log_fields(700), ValueError, "status: expected an HTTP status from 100 to 599"),
        (
            lambda: errtriage.log_fields(transport={"kind": "nope", "sent": False}),
            ValueError,
            "transport.kind: ",
        ),
        (lambda: errtriage.log_fields(transport={"sent": False}), ValueError, "transport.kind: "),
        (lambda: errtriage.log_fields(transport={"kind": "dns", "sent": 1}), TypeError, "transport.sent: "),
        (
            lambda: errtriage.log_fields(transport={"kind": "dns", "x": 1}),
            ValueError,
            "transport.x: unknown field",
        ),
        (lambda: errtriage.log_fields(transport="dns"), TypeError, "transport: expected a mapping"),
        (lambda: errtriage.log_fields(500, method="GET POST"), ValueError, "request.method: "),
        (lambda: errtriage.escalation_report(500, body=3), TypeError, "body: "),
        (lambda: errtriage.escalation_report(500, history="abc"), TypeError, "history: "),
        (lambda: errtriage.escalation_report(500, history=[3]), TypeError, "history[0]: "),
        (
            lambda: errtriage.escalation_report(500, history=[{"rule": "nope", "action": "retry"}]),
            ValueError,
            'history[0].rule: expected the id of a rule of the model, got "nope"',
        ),
        (
            lambda: errtriage.escalation_report(500, history=[{"rule": "status.503", "action": "x"}]),
            ValueError,
            "history[0].action: expected one of",
        ),
        (
            lambda: errtriage.escalation_report(500, history=[{"rule": "status.503"}]),
            ValueError,
            "history[0].action",
        ),
        (
            lambda: errtriage.escalation_report(
                500, history=[{"rule": "status.503", "action": "retry", "status": 9}]
            ),
            ValueError,
            "history[0].status: expected an HTTP status",
        ),
        (
            lambda: errtriage.escalation_report(500, reproduces="yes"),
            TypeError,
            "reproduces: expected bool or None",
        ),
    ],
)
def test_argument_errors(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        call()
    assert str(raised.value).startswith(message)
