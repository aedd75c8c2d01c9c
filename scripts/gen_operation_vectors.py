"""Writes tests/vectors/policy/operations.json: the operation driver's scenarios (issue 12).

Each expectation below was written from the playbook (seed 001 "Step 3", "Token refresh
policy", "Send retry policy") and the policy's documented defaults (4 attempts, 250 ms / 1 s
bases, 60 s budget and server-delay cap) before the driver ran; `message` and `elapsed_ms`
are the core's texts and sums, checked by hand against them. Run from the repository root.
"""

import json

EXPIRED = '{"error":{"code":"UNAUTHORIZED","message":"Bearer token has expired","details":{}},"requestId":"req_auth_1"}'
GET = {"method": "GET", "endpoint": "/v1/items"}
POST = {"method": "POST", "endpoint": "/api/core/messages/send"}


def step(kind, rule=None, **more):
    out = {"step": kind}
    out.update(more)
    out["rule"] = rule
    return out


cases = [
    {
        "name": "operation / success after retries: 2xx ends it, and a success refills the budget",
        "options": {"request": GET},
        "budget": {"capacity": 10, "transient_cost": 5},
        "attempts": [
            {"attempt": {"status": 503}, "draw": 0.5, "expect": step("retry", "status.503", delay_ms=125, attempt=1, elapsed_ms=125), "tokens": 5},
            {"attempt": {"status": 502}, "draw": 0.5, "expect": step("retry", "status.502", delay_ms=250, attempt=2, elapsed_ms=375), "tokens": 0},
            {"attempt": {"status": 200, "body": "{\"id\": 7}"}, "draw": 0.5, "expect": step("done", attempt=3, elapsed_ms=375), "tokens": 1},
        ],
        "history": ["status.503", "status.502"],
    },
    {
        "name": "seed 001 / Token refresh policy / refresh once, and the 401 to the fresh token stops",
        "options": {"request": GET, "can_refresh": True},
        "attempts": [
            {"attempt": {"status": 401, "body": EXPIRED}, "expect": step("refresh", "core.token_expired", attempt=1, elapsed_ms=0)},
            {"attempt": {"status": 401, "body": EXPIRED}, "expect": step("stop", "context.token_fresh", action="fix_configuration", reason="final", attempt=2, elapsed_ms=0)},
        ],
        "history": ["core.token_expired", "context.token_fresh"],
    },
    {
        "name": "operation / a refresh the caller cannot do stops, never resends",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 401, "body": EXPIRED}, "expect": step("stop", "core.token_expired", action="refresh_credentials", reason="refresh_unavailable", attempt=1, elapsed_ms=0,
                message="refresh_credentials after 1 attempt (status 401, rule core.token_expired, request id req_auth_1): The credentials need a refresh and this operation has no way to refresh them: refresh them (or give the retry helper a refresh callback), then send again. The bearer token expired: get a new token from /api/auth/token once, then retry once.")},
        ],
        "history": ["core.token_expired"],
    },
    {
        "name": "seed 001 / Send retry policy / a keyless POST whose outcome is unknown is reconciled and never resent",
        "options": {"request": POST},
        "attempts": [
            {"attempt": {"transport": {"kind": "timeout", "sent": None, "detail": "read timed out"}}, "expect": step("stop", "context.unsafe_retry", action="reconcile", reason="final", attempt=1, elapsed_ms=0)},
            {"attempt": {"status": 200}, "expect": step("stop", "context.unsafe_retry", action="reconcile", reason="final", attempt=1, elapsed_ms=0)},
        ],
        "history": ["context.unsafe_retry"],
    },
    {
        "name": "operation / the method an attempt was seen sending counts: a POST seen, not given, is reconciled",
        "options": {"request": {"endpoint": "/v1/charges"}},
        "attempts": [
            {"attempt": {"request": {"method": "POST"}, "transport": {"kind": "reset", "sent": True}}, "expect": step("stop", "context.unsafe_retry", action="reconcile", reason="final", attempt=1, elapsed_ms=0)},
        ],
        "history": ["context.unsafe_retry"],
    },
    {
        "name": "seed 001 / Send retry policy / a keyed POST is resent with the same key and payload",
        "options": {"request": dict(POST, idempotency_key="key-7f3a")},
        "attempts": [
            {"attempt": {"request": {"idempotency_key": "key-7f3a"}, "payload": "{\"to\":\"+15550100\"}", "transport": {"kind": "reset", "sent": True}}, "draw": 0.5, "expect": step("retry", "context.retry_same_key", delay_ms=125, attempt=1, elapsed_ms=125)},
            {"attempt": {"request": {"idempotency_key": "key-7f3a"}, "payload": "{\"to\":\"+15550100\"}", "status": 201}, "draw": 0.5, "expect": step("done", attempt=2, elapsed_ms=125)},
        ],
        "history": ["context.retry_same_key"],
    },
    {
        "name": "operation / a changed payload under the same key is a new operation: an error",
        "options": {"request": dict(POST, idempotency_key="key-7f3a")},
        "attempts": [
            {"attempt": {"payload": "{\"to\":\"+15550100\"}", "transport": {"kind": "reset", "sent": True}}, "draw": 0.5, "expect": step("retry", "context.retry_same_key", delay_ms=125, attempt=1, elapsed_ms=125)},
            {"attempt": {"payload": "{\"to\":\"+15550199\"}", "status": 201}, "draw": 0.5, "error": "payload: expected the payload the operation's first attempt sent (a changed payload is a new operation, with a new idempotency key), got a different payload"},
        ],
        "history": ["context.retry_same_key"],
    },
    {
        "name": "operation / an attempt sending another idempotency key is an error",
        "options": {"request": dict(POST, idempotency_key="key-7f3a")},
        "attempts": [
            {"attempt": {"request": {"idempotency_key": "key-other"}, "status": 503}, "draw": 0.5, "error": "request.idempotency_key: expected the operation's key \"key-7f3a\" (a changed key is a new operation), got \"key-other\""},
        ],
        "history": [],
    },
    {
        "name": "operation / the shared budget runs dry and the operation stops",
        "options": {"request": GET, "policy": {"max_attempts": 10}},
        "budget": {"capacity": 5, "transient_cost": 5},
        "attempts": [
            {"attempt": {"status": 503}, "draw": 0.5, "expect": step("retry", "status.503", delay_ms=125, attempt=1, elapsed_ms=125), "tokens": 0},
            {"attempt": {"status": 503}, "draw": 0.5, "expect": step("stop", "status.503", action="escalate", reason="retry_budget_empty", attempt=2, elapsed_ms=125), "tokens": 0},
        ],
        "history": ["status.503", "status.503"],
    },
    {
        "name": "operation / a server delay of days is over the cap: escalate, do not sleep",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 503, "headers": {"retry-after": "172800"}}, "draw": 0.5, "expect": step("stop", "status.503", action="escalate", reason="delay_too_long", attempt=1, elapsed_ms=0)},
        ],
        "history": ["status.503"],
    },
    {
        "name": "operation / a Retry-After date already past on a 429 backs off as usual",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 429, "headers": {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, "now": 1764000000}, "draw": 0.5, "expect": step("retry", "status.429", delay_ms=500, attempt=1, elapsed_ms=500)},
        ],
        "history": ["status.429"],
    },
    {
        "name": "operation / slow calls spend the time budget with the delays",
        "options": {"request": GET, "policy": {"max_elapsed_ms": 1000}},
        "attempts": [
            {"attempt": {"status": 503, "call_ms": 600}, "draw": 0.5, "expect": step("retry", "status.503", delay_ms=125, attempt=1, elapsed_ms=725)},
            {"attempt": {"status": 503, "call_ms": 400}, "draw": 0.5, "expect": step("stop", "status.503", action="escalate", reason="time_budget_exhausted", attempt=2, elapsed_ms=1125)},
        ],
        "history": ["status.503", "status.503"],
    },
    {
        "name": "seed 001 / Step 3 / 503 forever: attempts run out, and the stop says so",
        "options": {"request": GET, "seed": 42},
        "attempts": [
            {"attempt": {"status": 503}, "expect": step("retry", "status.503", delay_ms=185, attempt=1, elapsed_ms=185)},
            {"attempt": {"status": 503}, "expect": step("retry", "status.503", delay_ms=79, attempt=2, elapsed_ms=264)},
            {"attempt": {"status": 503}, "expect": step("retry", "status.503", delay_ms=278, attempt=3, elapsed_ms=542)},
            {"attempt": {"status": 503}, "expect": step("stop", "status.503", action="escalate", reason="attempts_exhausted", attempt=4, elapsed_ms=542,
                message="escalate after 4 attempts (status 503, rule status.503): The attempts allowed for this operation are used up. Unavailable for now: retry after Retry-After or with backoff.")},
        ],
        "history": ["status.503", "status.503", "status.503", "status.503"],
    },
    {
        "name": "operation / a 2xx whose body says it failed is a failure",
        "options": {"request": {"method": "POST", "endpoint": "/api/chat.postMessage"}},
        "attempts": [
            {"attempt": {"status": 200, "body": "{\"ok\": false, \"error\": \"channel_not_found\"}"}, "expect": step("stop", "envelope.not_found", action="fix_request", reason="final", attempt=1, elapsed_ms=0)},
        ],
        "history": ["envelope.not_found"],
    },
    {
        "name": "operation / 304 Not Modified is a success; an unfollowed redirect is not",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 304}, "expect": step("done", attempt=1, elapsed_ms=0)},
        ],
        "history": [],
    },
    {
        "name": "operation / an unfollowed redirect stops with fix_configuration",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 302, "headers": {"location": "https://api.example.com/v2/items"}}, "expect": step("stop", "status.3xx", action="fix_configuration", reason="final", attempt=1, elapsed_ms=0)},
        ],
        "history": ["status.3xx"],
    },
    {
        "name": "operation / a body cut off mid-read on a GET is retried",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"status": 503, "transport": {"kind": "reset", "sent": True, "detail": "terminated"}}, "draw": 0.5, "expect": step("retry", attempt=1)},
            {"attempt": {"status": 200}, "draw": 0.5, "expect": step("done", attempt=2)},
        ],
        "history": [None],
    },
    {
        "name": "operation / a helper's own attempt timeout is the core's timeout, maybe sent: a keyless POST is reconciled",
        "options": {"request": POST},
        "attempts": [
            {"attempt": {"timed_out_ms": 300, "call_ms": 300}, "expect": step("stop", "context.unsafe_retry", action="reconcile", reason="final", attempt=1, elapsed_ms=300)},
        ],
        "history": ["context.unsafe_retry"],
    },
    {
        "name": "operation / a helper's own attempt timeout on a GET is retried",
        "options": {"request": GET},
        "attempts": [
            {"attempt": {"timed_out_ms": 300, "call_ms": 300}, "draw": 0.5, "expect": step("retry", delay_ms=125, attempt=1, elapsed_ms=425)},
        ],
        "history": [None],
    },
    {
        "name": "operation / a body the client could not finish reading is the core's partial response: sent, so a keyless POST is reconciled",
        "options": {"request": POST},
        "attempts": [
            {"attempt": {"status": 502, "headers": {"content-type": "application/json"}, "body_cut": "terminated"}, "expect": step("stop", action="reconcile", reason="final", attempt=1, elapsed_ms=0)},
        ],
        "history": [None],
    },
    {
        "name": "operation / options are checked by the core",
        "options": {"request": GET, "policy": {"max_attempts": 0}},
        "error": "max_attempts: expected at least 1, got 0",
    },
]

doc = {
    "group": "Operation driver scenarios: options and attempts in, steps out",
    "source": "seed 001 \"Step 3\", \"Token refresh policy\", \"Send retry policy\"; RFC 9110 §15.3, §15.4.5; issue 12",
    "note": "expect holds the step JSON's members, verdict replaced by its rule (null: not compared); tokens is the shared budget after the step",
    "cases": cases,
}
with open("tests/vectors/policy/operations.json", "w") as f:
    json.dump(doc, f, indent=1, ensure_ascii=False)
    f.write("\n")
