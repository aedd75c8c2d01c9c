"""What to do about a failed HTTP API call.

``errtriage`` classifies a failed call — a status with its headers and body, or a transport
failure — plus a little about the request, into a :class:`Verdict`: the error contract the body
follows, the kind of failure, what to do next, whether the server applied the request, and what
the API said. The decisions are made by the errtriage Rust core, the same one behind every
errtriage binding; this package only translates.

>>> import errtriage
>>> body = b'{"error": {"code": "UNAUTHORIZED", "message": "Invalid or missing bearer token"}}'
>>> v = errtriage.classify(401, body, {"x-request-id": "req_auth_001"})
>>> v.category, v.action, v.request_id
('authentication', 'refresh_credentials', 'req_auth_001')

Across attempts, an :class:`Operation` (the core's driver) answers each attempt's result with
the next :class:`Step` (done, retry after a delay, refresh the credentials then retry, or stop),
and a :class:`RetryPolicy`'s :class:`Attempts` does the same for verdicts alone; :func:`retry`
runs that loop around a ``requests`` or ``httpx`` call; :func:`log_fields` and :func:`escalation_report`
give what to log for every failure and what to hand support, secrets redacted. A
:class:`Classifier` puts your own API's rules (a rules document) over the built-in model.

>>> attempts = errtriage.RetryPolicy().start(seed=7)
>>> attempts.next(v)
Step(kind='refresh')
>>> attempts.next(v).reason
'refresh_failed'
"""

import json as _json
from typing import Any, Literal

from ._native import (
    ACTIONS,
    AUTHS,
    BODY_PREFIX_BYTES,
    CATEGORIES,
    GUARD_CAPACITY,
    MAX_RETRY_AFTER_MS,
    OUTCOMES,
    SHAPES,
    STATUS_RANGE,
    STEP_KINDS,
    STOP_REASONS,
    TRANSPORT_KINDS,
    ArrowVerdicts,
    Attempts,
    Classifier,
    EscalationReport,
    IdempotencyGuard,
    Operation,
    RetryBudget,
    RetryPolicy,
    Rule,
    Step,
    Verdict,
    __version__,
    _client_failure,  # noqa: F401  (for retrying.py; not public)
    _read_inputs,
)

# The module-level functions are the built-in classifier's methods: one implementation, in
# `Classifier`, with a user's rules or without.
_BUILTIN = Classifier.builtin()
classify = _BUILTIN.classify
classify_transport = _BUILTIN.classify_transport
classify_lifecycle = _BUILTIN.classify_lifecycle
classify_json = _BUILTIN.classify_json
classify_many = _BUILTIN.classify_many
classify_arrow = _BUILTIN.classify_arrow
log_fields = _BUILTIN.log_fields
escalation_report = _BUILTIN.escalation_report
rules = _BUILTIN.rules
rule = _BUILTIN.rule


def read_inputs(data: str | bytes | bytearray | memoryview, format: str | None = None) -> dict[str, Any]:
    """Reads a HAR file, ``curl -si`` output or an NDJSON log into inputs in the JSON form.

    ``format`` is ``"har"``, ``"http"`` or ``"ndjson"``; ``None`` guesses it from the first
    bytes. Returns ``{"format": ..., "items": [...], "skipped": n}``: one item per failure, in
    order, each ``{"entry"|"response"|"line": n, "input": "<JSON form>"}`` (for
    ``classify_json``) or ``{..., "error": "..."}``, with ``"url"`` (HAR) and ``"extra"`` (a log
    line's own members) when there are any. A document that is not of its format raises
    ValueError; the reading itself is the core's (``errtriage::readers``).
    """
    return _json.loads(_read_inputs(data, format))  # type: ignore[no-any-return]


# The vocabularies as Literal types, built from the core's own word lists so that they cannot
# drift at run time; the stubs (__init__.pyi) spell them out for type checkers, and the tests
# check the two against each other.
Shape = Literal[SHAPES]
Category = Literal[CATEGORIES]
Action = Literal[ACTIONS]
Outcome = Literal[OUTCOMES]
TransportKind = Literal[TRANSPORT_KINDS]
Auth = Literal[AUTHS]
StopReason = Literal[STOP_REASONS]
StepKind = Literal[STEP_KINDS]

# Last: the retry loop and the adapters import the names above from this package.
from .responses import aclassify_response, classify_response  # noqa: E402
from .retrying import AttemptTimeout, RetryStopped, aretry, retry, stopped, transport_failure  # noqa: E402

# The adapters, each importing its client: imported when first used (`errtriage.httpx`), so
# that `import errtriage` imports no HTTP client.
_ADAPTERS = ("aiohttp", "httpx", "requests", "tenacity")


def __getattr__(name: str) -> object:
    if name in _ADAPTERS:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ACTIONS",
    "AUTHS",
    "BODY_PREFIX_BYTES",
    "CATEGORIES",
    "GUARD_CAPACITY",
    "MAX_RETRY_AFTER_MS",
    "OUTCOMES",
    "SHAPES",
    "STATUS_RANGE",
    "STEP_KINDS",
    "STOP_REASONS",
    "TRANSPORT_KINDS",
    "Action",
    "ArrowVerdicts",
    "AttemptTimeout",
    "Attempts",
    "Auth",
    "Category",
    "Classifier",
    "EscalationReport",
    "IdempotencyGuard",
    "Operation",
    "Outcome",
    "RetryBudget",
    "RetryPolicy",
    "RetryStopped",
    "Rule",
    "Shape",
    "Step",
    "StepKind",
    "StopReason",
    "TransportKind",
    "Verdict",
    "__version__",
    "aclassify_response",
    "aretry",
    "classify",
    "classify_arrow",
    "classify_json",
    "classify_lifecycle",
    "classify_many",
    "classify_response",
    "classify_transport",
    "escalation_report",
    "log_fields",
    "read_inputs",
    "retry",
    "rule",
    "rules",
    "stopped",
    "transport_failure",
]
