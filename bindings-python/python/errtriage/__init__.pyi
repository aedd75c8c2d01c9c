# Type stubs for errtriage. The vocabularies below are checked against the compiled module's
# own word lists by tests/test_stubs.py, and every signature by `python -m mypy.stubtest`.

from collections.abc import Iterable, Mapping, Sequence
from typing import Final, Literal, Protocol, TypeAlias, final, type_check_only

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

__version__: Final[str]

Shape: TypeAlias = Literal[
    "transport",
    "oauth",
    "core_wrapper",
    "flat",
    "problem",
    "google",
    "aws_json",
    "aws_xml",
    "odata",
    "typed",
    "graphql",
    "jsonapi",
    "envelope",
    "json",
    "html",
    "text",
    "empty",
    "malformed",
]
Category: TypeAlias = Literal[
    "invalid_request",
    "authentication",
    "authorization",
    "not_found",
    "conflict",
    "rate_limited",
    "transient",
    "rejected",
    "unknown",
]
Action: TypeAlias = Literal[
    "retry",
    "refresh_credentials",
    "fix_request",
    "fix_configuration",
    "reconcile",
    "stop",
    "escalate",
]
Outcome: TypeAlias = Literal["not_applied", "unknown", "not_sent"]
TransportKind: TypeAlias = Literal["dns", "connect", "tls", "timeout", "reset", "other"]
Auth: TypeAlias = Literal["bearer", "basic", "api_key", "none"]

SHAPES: Final[tuple[Shape, ...]]
CATEGORIES: Final[tuple[Category, ...]]
ACTIONS: Final[tuple[Action, ...]]
OUTCOMES: Final[tuple[Outcome, ...]]
TRANSPORT_KINDS: Final[tuple[TransportKind, ...]]
AUTHS: Final[tuple[Auth, ...]]
STATUS_RANGE: Final[tuple[int, int]]
MAX_RETRY_AFTER_MS: Final[int]
BODY_PREFIX_BYTES: Final[int]

@type_check_only
class _HeaderItems(Protocol):
    # Any mapping-like object with `items()`: dict, requests' CaseInsensitiveDict,
    # email.message.Message, multidict; httpx.Headers (read through `multi_items()`).
    def items(self) -> Iterable[tuple[str, str | Sequence[str]]]: ...

_Headers: TypeAlias = Mapping[str, str | Sequence[str]] | _HeaderItems | Iterable[tuple[str, str] | list[str]]
_Body: TypeAlias = bytes | bytearray | memoryview | str

# The JSON value of `Verdict.details`.
_JSON: TypeAlias = dict[str, _JSON] | list[_JSON] | str | int | float | bool | None

@final
class Verdict:
    """What one failed call means and what to do about it."""

    @property
    def shape(self) -> Shape: ...
    @property
    def category(self) -> Category: ...
    @property
    def action(self) -> Action: ...
    @property
    def retryable(self) -> bool: ...
    @property
    def outcome(self) -> Outcome: ...
    @property
    def status(self) -> int | None: ...
    @property
    def code(self) -> str | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def request_id(self) -> str | None: ...
    @property
    def details(self) -> _JSON: ...
    @property
    def retry_after_ms(self) -> int | None: ...
    @property
    def hint(self) -> str: ...
    @property
    def rule(self) -> str: ...
    def to_dict(self) -> dict[str, _JSON]: ...
    def to_json(self) -> str: ...
    def __copy__(self) -> Verdict: ...
    def __deepcopy__(self, memo: object, /) -> Verdict: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Rule:
    """One line of the model: what it decides and where it comes from."""

    @property
    def id(self) -> str: ...
    @property
    def category(self) -> Category | None: ...
    @property
    def action(self) -> Action: ...
    @property
    def hint(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def codes(self) -> tuple[str, ...]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def classify(
    status: int,
    body: _Body | None = None,
    headers: _Headers | None = None,
    *,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt: int | None = None,
    now: int | None = None,
) -> Verdict: ...
def classify_transport(
    kind: TransportKind,
    *,
    sent: bool | None,
    detail: str | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt: int | None = None,
) -> Verdict: ...
def classify_json(text: str) -> str: ...
def rules() -> list[Rule]: ...
def rule(id: str) -> Rule | None: ...
