"""Writes tests/vectors/otel/attributes.json: a verdict's OpenTelemetry attributes (issue 13 §4).

Expectations written from the OpenTelemetry semantic conventions ("HTTP client spans",
"error.type": the status code as a string for an error status, else a low-cardinality error
identifier; `http.request.resend_count` from the second attempt on) before the core ran.
Run from the repository root."""

import json

CORE_502 = '{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_search_001"}'

cases = [
    {"name": "otel / an error status: error.type is the status code as a string", "input": {"status": 502, "body": CORE_502}, "attempt": 1,
     "expect": {"error.type": "502", "http.response.status_code": 502, "errtriage.rule": "core.upstream_error", "errtriage.category": "transient", "errtriage.action": "retry"}},
    {"name": "otel / the third attempt carries a resend count of 2", "input": {"status": 503}, "attempt": 3,
     "expect": {"error.type": "503", "http.response.status_code": 503, "http.request.resend_count": 2, "errtriage.rule": "status.503", "errtriage.category": "transient", "errtriage.action": "retry"}},
    {"name": "otel / no response: error.type is the rule that decided, no status code", "input": {"transport": {"kind": "timeout", "sent": False}, "request": {"method": "GET"}}, "attempt": None,
     "expect": {"error.type": "transport.not_sent", "errtriage.rule": "transport.not_sent", "errtriage.category": "transient", "errtriage.action": "retry"}},
    {"name": "otel / a 2xx whose body says it failed: error.type is the API's code", "input": {"status": 200, "body": "{\"ok\": false, \"error\": \"channel_not_found\"}"}, "attempt": 1,
     "expect": {"error.type": "channel_not_found", "http.response.status_code": 200, "errtriage.rule": "envelope.not_found", "errtriage.category": "not_found", "errtriage.action": "fix_request"}},
    {"name": "otel / a success sets no error.type", "input": {"status": 200}, "attempt": 2,
     "expect": {"http.response.status_code": 200, "http.request.resend_count": 1, "errtriage.rule": "status.2xx", "errtriage.category": "unknown", "errtriage.action": "stop"}},
]
doc = {
    "group": "OpenTelemetry attributes of a verdict",
    "source": "OpenTelemetry semantic conventions: HTTP client spans, error.type; issue 13 §4",
    "cases": cases,
}
with open("tests/vectors/otel/attributes.json", "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
