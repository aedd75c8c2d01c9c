"""Benchmark (a script, not a test): ``errtriage.classify`` against a pure-Python function doing
the same job on the same bodies.

The pure-Python side is written the way a careful Python developer would write it for the three
seed contracts: ``json.loads``, recognise the OAuth, CORE-wrapper and flat shapes, look the code
up in the seed code tables (with the message rules that split INVALID_REQUEST, UNAUTHORIZED and
FORBIDDEN), fall back on the status, adjust the action from the request context, take the
request id from the body or the headers and ``Retry-After``, and return the same thirteen fields
as a dict. Before timing, the script checks that both sides give the same answer on every body,
so the comparison is like for like.

Then every body size: ``classify`` on a JSON error body of 100 B, 64 KiB, 1 MB and 100 MB as
``bytes``, ``bytearray``, ``memoryview`` and a non-ASCII ``str``; time per call (median), its
ratio to the 64 KiB time measured in the same run, and the extra peak memory (the process's peak
RSS after the calls less the RSS before them, the body already built; Linux's
``/proc/self/clear_refs`` resets the peak).

Run: ``python bindings-python/bench.py`` (with errtriage installed). Prints ns per call for both
on each seed body and over the mix, and the ratio; then the size table.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

import errtriage

# The seed tables: code -> [(rule id, words each group of which must match, words that must not
# appear, category, action)]. Message rules stand before the plain code rule.
Rule = tuple[str, tuple[tuple[str, ...], ...], tuple[str, ...], str, str]
CORE: dict[str, list[Rule]] = {
    "INVALID_REQUEST": [
        (
            "core.missing_idempotency_key",
            (("idempotency-key", "idempotency key"), ("required", "missing")),
            (),
            "invalid_request",
            "fix_request",
        ),
        (
            "core.send_from_not_number_id",
            (("sendfrom",), ("numberid", "number id", "e.164", "e164")),
            ("configured",),
            "invalid_request",
            "fix_request",
        ),
        (
            "core.setting_not_configured",
            (("configured",), ("must have", "must be", "not ", "missing", "requires")),
            (),
            "rejected",
            "fix_configuration",
        ),
        ("core.invalid_e164", (("e.164", "e164"),), (), "invalid_request", "fix_request"),
        (
            "core.malformed_json",
            (
                ("json", "request body"),
                ("malformed", "invalid", "not valid", "parse", "unexpected", "syntax"),
            ),
            (),
            "invalid_request",
            "fix_request",
        ),
        ("core.invalid_request", (), (), "invalid_request", "fix_request"),
    ],
    "UNAUTHORIZED": [
        ("core.token_expired", (("expired",),), (), "authentication", "refresh_credentials"),
        ("core.token_malformed", (("malformed",),), (), "authentication", "fix_request"),
        (
            "core.token_missing",
            (("missing", "no bearer", "not provided"),),
            ("invalid", "expired"),
            "authentication",
            "fix_request",
        ),
        ("core.unauthorized", (), (), "authentication", "refresh_credentials"),
    ],
    "FORBIDDEN": [
        (
            "core.send_from_not_owned",
            (("not owned", "does not own", "not belong", "another client"),),
            (),
            "authorization",
            "fix_configuration",
        ),
        ("core.forbidden", (), (), "authorization", "fix_configuration"),
    ],
    "NOT_FOUND": [("core.not_found", (), (), "not_found", "fix_request")],
    "CONFLICT": [
        ("core.idempotency_key_reused", (("idempotency",),), (), "invalid_request", "fix_request"),
        ("core.conflict", (), (), "conflict", "reconcile"),
    ],
    "SERVER_ERROR": [("core.server_error", (), (), "transient", "retry")],
    "UPSTREAM_ERROR": [("core.upstream_error", (), (), "transient", "retry")],
}
OAUTH: dict[str, list[Rule]] = {
    "invalid_request": [
        (
            "oauth.missing_client_credentials",
            (("client_id", "client_secret", "client credentials"), ("required", "missing")),
            (),
            "authentication",
            "fix_configuration",
        ),
        ("oauth.invalid_request", (), (), "invalid_request", "fix_request"),
    ],
    "invalid_client": [("oauth.invalid_client", (), (), "authentication", "fix_configuration")],
    "invalid_grant": [("oauth.invalid_grant", (), (), "authentication", "fix_configuration")],
    "unauthorized_client": [("oauth.unauthorized_client", (), (), "authorization", "fix_configuration")],
    "unsupported_grant_type": [("oauth.unsupported_grant_type", (), (), "invalid_request", "fix_request")],
    "invalid_scope": [("oauth.invalid_scope", (), (), "invalid_request", "fix_request")],
    "invalid_token": [("oauth.invalid_token", (), (), "authentication", "refresh_credentials")],
    "insufficient_scope": [("oauth.insufficient_scope", (), (), "authorization", "fix_configuration")],
}
FLAT: dict[str, list[Rule]] = {
    code: [(f"flat.{code}", (), (), category, action)]
    for code, category, action in [
        ("invalid_request", "invalid_request", "fix_request"),
        ("validation_error", "invalid_request", "fix_request"),
        ("missing_field", "invalid_request", "fix_request"),
        ("unauthorized", "authentication", "fix_configuration"),
        ("license_expired", "authentication", "fix_configuration"),
        ("license_invalid", "authentication", "fix_configuration"),
        ("forbidden", "authorization", "fix_configuration"),
        ("not_found", "not_found", "fix_request"),
        ("customer_not_found", "not_found", "fix_request"),
        ("already_exists", "conflict", "reconcile"),
        ("processing_error", "transient", "retry"),
        ("provider_error", "transient", "retry"),
        ("transaction_failed", "rejected", "stop"),
    ]
}
STATUS = {
    400: ("status.400", "invalid_request", "fix_request"),
    401: ("status.401", "authentication", "refresh_credentials"),
    403: ("status.403", "authorization", "fix_configuration"),
    404: ("status.404", "not_found", "fix_request"),
    409: ("status.409", "conflict", "reconcile"),
    429: ("status.429", "rate_limited", "retry"),
    500: ("status.500", "transient", "retry"),
    502: ("status.502", "transient", "retry"),
    503: ("status.503", "transient", "retry"),
    504: ("status.504", "transient", "retry"),
}
NOT_PROCESSED = {408, 421, 425, 429, 503, 521, 522, 523, 529}
IDEMPOTENT = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}
MAX_RETRY_AFTER_MS = 86_400_000
# The hints are data of the same size whichever side holds them; take them from the model.
HINTS = {r.id: r.hint for r in errtriage.rules()}


def _match(table: dict[str, list[Rule]], code: str, message: str | None) -> Rule | None:
    rules = table.get(code)
    if not rules:
        return None
    text = (message or "").lower()
    for rule in rules:
        _, groups, none, _, _ = rule
        if all(any(w in text for w in group) for group in groups) and not any(w in text for w in none):
            return rule
    return None


def _retry_after_ms(headers: dict[str, str]) -> int | None:
    value = headers.get("retry-after")
    if value is None:
        return None
    if value.isdigit():
        return min(int(value) * 1000, MAX_RETRY_AFTER_MS)
    try:
        at = parsedate_to_datetime(value)
        now = parsedate_to_datetime(headers["date"])
    except (KeyError, TypeError, ValueError):
        return None
    return min(max(int((at - now).total_seconds() * 1000), 0), MAX_RETRY_AFTER_MS)


def classify_py(
    status: int,
    body: bytes,
    headers: list[tuple[str, str]],
    *,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
) -> dict[str, Any]:
    """The pure-Python equivalent for the seed contracts."""
    hdrs: dict[str, str] = {}
    for name, value in headers:
        hdrs.setdefault(name.lower(), value.strip())
    shape, code, message, request_id, details, table = "json", None, None, None, None, None
    try:
        doc = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        doc = None
        stripped = body.strip()
        shape = "empty" if not stripped else "malformed" if stripped[:1] in (b"{", b"[") else "text"
    if isinstance(doc, dict):
        error = doc.get("error")
        if isinstance(error, str):
            shape, table, code = "oauth", OAUTH, error
            message = doc.get("error_description")
        elif isinstance(error, dict) and "code" in error:
            shape, table, code = "core_wrapper", CORE, error.get("code")
            message = error.get("message")
            request_id = doc.get("requestId")
            details = error.get("details")
        elif "code" in doc and "message" in doc:
            shape, table, code = "flat", FLAT, doc.get("code")
            message = doc.get("message")
            request_id = doc.get("request_id")
            details = doc.get("metadata")
    rule = _match(table, code, message) if table is not None and isinstance(code, str) else None
    if rule is not None:
        rule_id, category, action = rule[0], rule[3], rule[4]
    else:
        rule_id, category, action = STATUS.get(status, ("status.other", "unknown", "escalate"))
    if category == "transient":
        outcome = "not_applied" if status in NOT_PROCESSED else "unknown"
    else:
        outcome = "unknown" if category == "unknown" else "not_applied"
    # The request context adjusts the action, never the facts.
    if action == "refresh_credentials":
        if endpoint is not None and endpoint.split("?")[0].endswith("/token"):
            rule_id, action = "context.token_endpoint", "fix_configuration"
        elif token_fresh:
            rule_id, action = "context.token_fresh", "fix_configuration"
    elif action == "retry" and outcome == "unknown":
        if idempotency_key:
            rule_id = "context.retry_same_key"
        elif method is not None and method.upper() not in IDEMPOTENT:
            rule_id, action = "context.unsafe_retry", "reconcile"
    if request_id is None:
        request_id = hdrs.get("x-request-id") or hdrs.get("request-id")
    return {
        "shape": shape,
        "category": category,
        "action": action,
        "retryable": action == "retry",
        "outcome": outcome,
        "status": status,
        "code": code,
        "message": message,
        "request_id": request_id,
        "details": details,
        "retry_after_ms": _retry_after_ms(hdrs),
        "hint": HINTS.get(rule_id),
        "rule": rule_id,
    }


def _core(code: str, message: str, request_id: str, details: str = "{}") -> bytes:
    return (
        f'{{"error":{{"code":"{code}","message":"{message}","details":{details}}},"requestId":"{request_id}"}}'
    ).encode()


# The seed documents' example bodies (the same mix as the core's own benchmark).
SEED_BODIES: list[tuple[str, int, bytes]] = [
    (
        "oauth invalid_client",
        401,
        b'{"error":"invalid_client","error_description":"Client authentication failed"}',
    ),
    (
        "oauth unsupported_grant_type",
        400,
        b'{"error":"unsupported_grant_type","error_description":"Only client_credentials is supported"}',
    ),
    (
        "oauth missing credentials",
        400,
        b'{"error":"invalid_request","error_description":"client_id and client_secret are required"}',
    ),
    (
        "core idempotency key",
        400,
        _core("INVALID_REQUEST", "Idempotency-Key header is required", "req_send_001"),
    ),
    ("core invalid token", 401, _core("UNAUTHORIZED", "Invalid or missing bearer token", "req_auth_001")),
    (
        "core forbidden number",
        403,
        _core("FORBIDDEN", "sendFrom is not owned by this API client", "req_send_002"),
    ),
    (
        "core validation",
        400,
        _core("INVALID_REQUEST", "sendFrom must have campaignregId configured", "req_send_003"),
    ),
    (
        "core upstream",
        502,
        _core(
            "UPSTREAM_ERROR",
            "Upstream search failed with status 502.",
            "req_search_001",
            '{"providerStatus":502}',
        ),
    ),
    (
        "flat customer_not_found",
        404,
        b'{\n  "code": "customer_not_found",\n  "message": "No customer found with ID: invalid_id",\n'
        b'  "request_id": "req_7f3a2b1c",\n  "metadata": {\n    "customer_id": "invalid_id"\n  }\n}',
    ),
]
HEADERS = [
    ("content-type", "application/json"),
    ("x-request-id", "hdr_1"),
    ("date", "Sat, 22 Nov 2025 00:00:00 GMT"),
    ("retry-after", "2"),
]
CONTEXT: dict[str, Any] = {"method": "POST", "endpoint": "/api/core/messages/send", "idempotency_key": "k-1"}


def ns_per_call(run: Callable[[int], None], calls_per_round: int, rounds: int = 7) -> float:
    """Median ns per call over `rounds` rounds, after one warm-up round."""
    run(max(1, calls_per_round // 10))
    samples = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        run(calls_per_round)
        samples.append((time.perf_counter_ns() - start) / calls_per_round)
    return statistics.median(samples)


def loop(fn: Callable[..., Any], inputs: list[tuple[int, bytes]]) -> Callable[[int], None]:
    """A run of `calls` calls over `inputs`, keywords passed the way a caller writes them (a
    `**context` unpacking would add ~170 ns of Python work to both sides)."""
    headers = HEADERS
    method, endpoint, key = CONTEXT["method"], CONTEXT["endpoint"], CONTEXT["idempotency_key"]

    def run(calls: int) -> None:
        work = (inputs * (calls // len(inputs) + 1))[:calls]
        for status, body in work:
            fn(status, body, headers, method=method, endpoint=endpoint, idempotency_key=key)

    return run


def main() -> int:
    # Like for like: both sides must give the same verdict on every body.
    for name, status, body in SEED_BODIES:
        want = errtriage.classify(status, body, HEADERS, **CONTEXT).to_dict()
        got = classify_py(status, body, HEADERS, **CONTEXT)
        if got != want:
            diff = {k: (got[k], want[k]) for k in want if got[k] != want[k]}
            print(f"pure-Python and errtriage disagree on {name}: {diff}", file=sys.stderr)
            return 1

    calls = 20_000
    classify = errtriage.classify
    print(f"errtriage {errtriage.__version__}, Python {sys.version.split()[0]}; median ns per call")
    print(f"{'seed body':<28} {'errtriage':>10} {'pure Python':>12} {'ratio':>7}")
    for name, status, body in SEED_BODIES:
        fast = ns_per_call(loop(errtriage.classify, [(status, body)]), calls)
        slow = ns_per_call(loop(classify_py, [(status, body)]), calls)
        print(f"{name:<28} {fast:>10.0f} {slow:>12.0f} {slow / fast:>6.1f}x")

    mix = [(status, body) for _, status, body in SEED_BODIES]
    fast = ns_per_call(loop(errtriage.classify, mix), calls * 5)
    slow = ns_per_call(loop(classify_py, mix), calls * 5)

    def as_dict(
        status: int, body: bytes, headers: Any, *, method: str, endpoint: str, idempotency_key: str
    ) -> dict[str, Any]:
        return classify(
            status, body, headers, method=method, endpoint=endpoint, idempotency_key=idempotency_key
        ).to_dict()

    with_dict = ns_per_call(loop(as_dict, mix), calls * 5)
    print(f"{'mix of all seed bodies':<28} {fast:>10.0f} {slow:>12.0f} {slow / fast:>6.1f}x   (target >= 8x)")
    print(f"{'  same, with .to_dict()':<28} {with_dict:>10.0f} {slow:>12.0f} {slow / with_dict:>6.1f}x")
    return 0


SIZES = [("100 B", 100), ("64 KiB", 64 * 1024), ("1 MB", 1024 * 1024), ("100 MB", 100 * 1024 * 1024)]


def json_body(size: int, wide: bool) -> str:
    """A JSON error body of about `size` bytes of UTF-8; `wide` makes it non-ASCII."""
    head = (
        '{"code":"validation_error","message":"Field is invalid","request_id":"req_1","metadata":{"errors":['
    )
    item = '"champ invalidé",' if wide else '"field is invalid",'
    tail = '"last"]}}'
    n = max(0, -(-(size - len(head) - len(tail)) // len(item.encode())))
    return head + item * n + tail


def reset_peak() -> None:
    """Resets the peak RSS to the current RSS where Linux allows it (`/proc/self/clear_refs`),
    so building the body does not hide what the calls add."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def peak_kib() -> int:
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def sizes() -> int:
    """Every body type at every size: time per call, the ratio to 64 KiB, extra peak memory."""
    forms: list[tuple[str, Callable[[str], Any]]] = [
        ("bytes", lambda t: t.encode()),
        ("bytearray", lambda t: bytearray(t.encode())),
        ("memoryview", lambda t: memoryview(t.encode())),
        ("str (non-ASCII)", lambda t: t),
    ]
    headers = [("content-type", "application/json")]
    print()
    print(f"{'body':<16} {'size':>7} {'µs/call':>10} {'vs 64 KiB':>10} {'extra peak MB':>14}")
    misses = 0
    for form, make in forms:
        base = None
        for name, size in SIZES:
            body = make(json_body(size, form.startswith("str")))
            reset_peak()
            before = peak_kib()
            samples = []
            start = time.perf_counter()
            while len(samples) < 5 or (time.perf_counter() - start < 0.15 and len(samples) < 2000):
                t = time.perf_counter()
                errtriage.classify(400, body, headers)
                samples.append(time.perf_counter() - t)
            extra_mb = (peak_kib() - before) / 1024
            us = statistics.median(samples) * 1e6
            if name == "64 KiB":
                base = us
            ratio = f"{us / base:.2f}x" if base else ""
            print(f"{form:<16} {name:>7} {us:>10.1f} {ratio:>10} {extra_mb:>14.1f}")
            if name == "100 MB" and base:
                ok = us / base <= 2 and extra_mb <= 1
                misses += not ok
                verdict = "OK  " if ok else "MISS"
                print(
                    f"{verdict} 100 MB {form}: {us / base:.2f}x the 64 KiB time, "
                    f"+{extra_mb:.1f} MB (target <= 2x, <= 1 MB)"
                )
            del body
    return 0


if __name__ == "__main__":
    sys.exit(main() or sizes())
