"""Code written against the stubs, type-checked with `mypy --strict` by test_stubs.py (and run
by it too, so every line is also valid at run time). It uses each documented argument form, so a
stub too narrow for them fails the check."""

from __future__ import annotations

import email.message
from typing import assert_type

import httpx
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
