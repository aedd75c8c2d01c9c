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
"""

from typing import Literal

from ._native import (
    ACTIONS,
    AUTHS,
    BODY_PREFIX_BYTES,
    CATEGORIES,
    MAX_RETRY_AFTER_MS,
    OUTCOMES,
    SHAPES,
    STATUS_RANGE,
    TRANSPORT_KINDS,
    Rule,
    Verdict,
    __version__,
    classify,
    classify_json,
    classify_transport,
    rule,
    rules,
)

# The vocabularies as Literal types, built from the core's own word lists so that they cannot
# drift at run time; the stubs (__init__.pyi) spell them out for type checkers, and the tests
# check the two against each other.
Shape = Literal[SHAPES]
Category = Literal[CATEGORIES]
Action = Literal[ACTIONS]
Outcome = Literal[OUTCOMES]
TransportKind = Literal[TRANSPORT_KINDS]
Auth = Literal[AUTHS]

__all__ = [
    "ACTIONS",
    "AUTHS",
    "BODY_PREFIX_BYTES",
    "CATEGORIES",
    "MAX_RETRY_AFTER_MS",
    "OUTCOMES",
    "SHAPES",
    "STATUS_RANGE",
    "TRANSPORT_KINDS",
    "Action",
    "Auth",
    "Category",
    "Outcome",
    "Rule",
    "Shape",
    "TransportKind",
    "Verdict",
    "__version__",
    "classify",
    "classify_json",
    "classify_transport",
    "rule",
    "rules",
]
