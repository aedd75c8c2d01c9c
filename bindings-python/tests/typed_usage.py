"""Code written against the stubs, type-checked with `mypy --strict` by test_stubs.py (and run
by it too, so every line is also valid at run time). It uses each documented argument form, so a
stub too narrow for them fails the check."""

from __future__ import annotations

import email.message
from collections.abc import Callable
from typing import assert_type

import httpx
import tenacity
from requests.structures import CaseInsensitiveDict

import errtriage

body = b'{"error":{"code":"SERVER_ERROR","message":"boom","details":{}},"requestId":"r"}'
v = errtriage.classify(500, body, {"retry-after": "1"}, method="POST", idempotency_key="k")
assert_type(v, errtriage.Verdict)
assert_type(v.shape, errtriage.Shape)
assert_type(v.category, errtriage.Category)
assert_type(v.action, errtriage.Action)
assert_type(v.outcome, errtriage.Outcome)
assert_type(v.retryable, bool)
assert_type(v.status, int | None)
assert_type(v.code, str | None)
assert_type(v.retry_after_ms, int | None)
assert_type(v.rule, str)
assert_type(v.to_json(), str)

if v.action == "retry":
    delay_s = (v.retry_after_ms or 1000) / 1000
elif v.action == "refresh_credentials":
    delay_s = 0.0
else:
    delay_s = -1.0

errtriage.classify(502, bytearray(body), CaseInsensitiveDict({"x-request-id": "1"}))
errtriage.classify(502, memoryview(body), httpx.Headers({"x-request-id": "1"}))
message = email.message.Message()
message["x-request-id"] = "1"
errtriage.classify(502, body.decode(), message)
errtriage.classify(502, None, [("x-request-id", "1"), ("x-request-id", "2")])
errtriage.classify(
    502, headers={"set-cookie": ["a=1", "b=2"]}, token_fresh=True, auth="bearer", attempt=2, now=0
)

t = errtriage.classify_transport("timeout", sent=True, detail="read timed out", method="GET")
kinds: tuple[errtriage.TransportKind, ...] = errtriage.TRANSPORT_KINDS
json_text: str = errtriage.classify_json('{"status": 500}')

rule = errtriage.rule(v.rule)
if rule is not None:
    category: errtriage.Category | None = rule.category
    codes: tuple[str, ...] = rule.codes
all_rules: list[errtriage.Rule] = errtriage.rules()
details = v.to_dict()["details"]
version: str = errtriage.__version__

# Across attempts.
policy = errtriage.RetryPolicy(max_attempts=3, base_delay_ms=100)
attempts = policy.start(seed=1)
step = attempts.next(v, draw=0.5, budget=errtriage.RetryBudget(capacity=50))
assert_type(step.kind, errtriage.StepKind)
assert_type(step.reason, errtriage.StopReason | None)
assert_type(step.delay_ms, int | None)
reasons: tuple[errtriage.StopReason, ...] = errtriage.STOP_REASONS
guard = errtriage.IdempotencyGuard()
key: str = guard.key_for(b"payload", random=bytes(16))
guard.check(key, "payload")
fields = errtriage.log_fields(502, body, method="POST", idempotency_key=key)
assert_type(fields["request_id"], str | None)
report = errtriage.escalation_report(
    transport={"kind": "timeout", "sent": True},
    method="POST",
    history=[v, {"rule": v.rule, "action": "retry", "status": 500}],
    reproduces=True,
)
assert_type(report.text, str)
assert_type(report.attempts[0]["attempt"], int)
stopped: type[Exception] = errtriage.RetryStopped
found = errtriage.transport_failure(TimeoutError())
if found is not None:
    kind, sent = found
    assert_type(kind, errtriage.TransportKind)

# Your own API's rules.
document = {
    "errtriage_rules": 1,
    "rules": [
        {
            "id": "acme.quota",
            "when": {"code": ["QUOTA_EXCEEDED"]},
            "category": "rejected",
            "action": "fix_configuration",
            "hint": "Raise the quota.",
            "source": "Acme API errors",
        }
    ],
}
acme = errtriage.Classifier(document)
errtriage.Classifier('{"errtriage_rules": 1, "rules": []}')
errtriage.Classifier(b'{"errtriage_rules": 1, "rules": []}')
av = acme.classify(429, b'{"code": "QUOTA_EXCEEDED"}', {"x-request-id": "1"}, method="GET")
assert_type(av, errtriage.Verdict)
assert_type(acme.classify_transport("reset", sent=None), errtriage.Verdict)
assert_type(acme.classify_json('{"status": 500}'), str)
assert_type(acme.rules(), list[errtriage.Rule])
assert_type(acme.rules_json(), str)
user_rule = acme.rule(av.rule)
assert_type(user_rule, errtriage.Rule | None)
if user_rule is not None:
    assert_type(user_rule.is_user, bool)
    assert_type(user_rule.to_json(), str)
partial = errtriage.classify(502, b"{", transport={"kind": "reset", "sent": True})

# Header values given as numbers.
errtriage.classify(429, None, {"Retry-After": 30, "x-ratelimit-remaining": 0.0})
errtriage.classify(429, None, [("Retry-After", 30)])

# The adapters, typed through the package (`errtriage.httpx` is imported on first use).
transport = errtriage.httpx.RetryTransport(httpx.MockTransport(lambda r: httpx.Response(200)))
with httpx.Client(transport=transport) as typed_client:
    typed_response = typed_client.get("https://x.test/")
assert_type(errtriage.stopped(typed_response), errtriage.RetryStopped | None)
assert_type(errtriage.classify_response(typed_response), errtriage.Verdict)
async_transport = errtriage.httpx.AsyncRetryTransport(httpx.MockTransport(lambda r: httpx.Response(200)))
adapter = errtriage.requests.RetryAdapter(policy=errtriage.RetryPolicy(max_attempts=2))
middleware = errtriage.aiohttp.retry_middleware(seed=1)
kwargs = errtriage.tenacity.strategies(method="GET")
typed_wait: Callable[[tenacity.RetryCallState], float] = kwargs["wait"]


async def typed_aretry() -> httpx.Response:
    async with httpx.AsyncClient(transport=async_transport) as client:
        return await errtriage.aretry(lambda: client.get("https://x.test/"), method="GET")
