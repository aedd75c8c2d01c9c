# Type stubs for errtriage. The vocabularies below are checked against the compiled module's
# own word lists by tests/test_stubs.py, and every signature by `python -m mypy.stubtest`.

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final, Literal, NotRequired, Protocol, TypeAlias, TypedDict, final, type_check_only

from . import aiohttp as aiohttp
from . import httpx as httpx
from . import requests as requests
from . import tenacity as tenacity
from .responses import aclassify_response as aclassify_response
from .responses import classify_response as classify_response
from .retrying import AttemptTimeout as AttemptTimeout
from .retrying import RetryStopped as RetryStopped
from .retrying import aretry as aretry
from .retrying import retry as retry
from .retrying import stopped as stopped
from .retrying import transport_failure as transport_failure

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
Outcome: TypeAlias = Literal["not_applied", "unknown", "not_sent", "applied"]
TransportKind: TypeAlias = Literal["dns", "connect", "tls", "timeout", "reset", "other"]
Auth: TypeAlias = Literal["bearer", "basic", "api_key", "none"]
StopReason: TypeAlias = Literal[
    "final",
    "attempts_exhausted",
    "time_budget_exhausted",
    "delay_too_long",
    "retry_signal_on_final_status",
    "refresh_failed",
    "retry_budget_empty",
    "refresh_unavailable",
]
StepKind: TypeAlias = Literal["retry", "refresh", "done", "stop"]

SHAPES: Final[tuple[Shape, ...]]
CATEGORIES: Final[tuple[Category, ...]]
ACTIONS: Final[tuple[Action, ...]]
OUTCOMES: Final[tuple[Outcome, ...]]
TRANSPORT_KINDS: Final[tuple[TransportKind, ...]]
AUTHS: Final[tuple[Auth, ...]]
STOP_REASONS: Final[tuple[StopReason, ...]]
STEP_KINDS: Final[tuple[StepKind, ...]]
GUARD_CAPACITY: Final[int]
STATUS_RANGE: Final[tuple[int, int]]
MAX_RETRY_AFTER_MS: Final[int]
BODY_PREFIX_BYTES: Final[int]

@type_check_only
class _HeaderItems(Protocol):
    # Any mapping-like object with `items()`: dict, requests' CaseInsensitiveDict,
    # email.message.Message, multidict; httpx.Headers (read through `multi_items()`).
    def items(self) -> Iterable[tuple[str, _HeaderValue | Sequence[_HeaderValue]]]: ...

# A header value: text, or a number read as its decimal text (an int, not a bool; a finite float).
_HeaderValue: TypeAlias = str | int | float
_Headers: TypeAlias = (
    Mapping[str, _HeaderValue | Sequence[_HeaderValue]]
    | _HeaderItems
    | Iterable[tuple[str, _HeaderValue] | list[str]]
)
_Body: TypeAlias = bytes | bytearray | memoryview | str

# The JSON value of `Verdict.details`: a number whose decimal exponent is outside -307..307
# (`1e400`) is its exact text, a `str`, never `inf` (the core's rule, as in JavaScript).
_JSON: TypeAlias = dict[str, _JSON] | list[_JSON] | str | int | float | bool | None

# classify_many's items: an input in the JSON form, as its text or the parsed object.
_JsonInput: TypeAlias = str | dict[str, Any]

@type_check_only
class _ArrowStream(Protocol):
    def __arrow_c_stream__(self, requested_schema: Any = None, /) -> object: ...

@type_check_only
class _ArrowArray(Protocol):
    def __arrow_c_array__(self, requested_schema: Any = None, /) -> tuple[object, object]: ...

# What classify_arrow reads: any Arrow table or record batch (pyarrow, Polars, DuckDB, ...).
_ArrowData: TypeAlias = _ArrowStream | _ArrowArray

@final
class ArrowVerdicts:
    """classify_arrow's verdicts: one Arrow struct column (the verdict's fields and `error`),
    exported through the Arrow PyCapsule interface (`pa.array(v)`, `pl.Series(v)`, `pa.table(v)`)."""

    def __arrow_c_array__(self, requested_schema: object | None = None) -> tuple[object, object]: ...
    def __arrow_c_schema__(self) -> object: ...
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def __len__(self) -> int: ...

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
    def otel_attributes(self, attempt: int | None = None) -> dict[str, str | int]: ...
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
    def is_user(self) -> bool: ...
    @property
    def codes(self) -> tuple[str, ...]: ...
    def to_json(self) -> str: ...
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
    transport: _TransportFailure | None = None,
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
def classify_lifecycle(
    body: _Body | None = None,
    headers: _Headers | None = None,
    *,
    event: str | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt: int | None = None,
) -> Verdict: ...
def classify_json(text: str) -> str: ...
def classify_many(inputs: Iterable[_JsonInput]) -> list[Verdict]: ...
def classify_arrow(
    data: _ArrowData,
    *,
    status: str | None = None,
    headers: str | None = None,
    body: str | None = None,
    transport_kind: str | None = None,
    transport_sent: str | None = None,
    transport_detail: str | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: str | None = None,
    auth: str | None = None,
    attempt: str | None = None,
    now: str | None = None,
) -> ArrowVerdicts: ...
def read_inputs(data: str | bytes | bytearray | memoryview, format: str | None = None) -> dict[str, Any]: ...
def rules() -> list[Rule]: ...
def rule(id: str) -> Rule | None: ...

# A rules document: its JSON text (str, or UTF-8 bytes) or the parsed object.
_RulesDocument: TypeAlias = str | bytes | dict[str, Any]

@final
class Classifier:
    """The built-in model with a user's rules document over it; immutable, thread-safe."""

    def __new__(cls, rules: _RulesDocument) -> Classifier: ...
    @staticmethod
    def builtin() -> Classifier: ...
    def log_fields(
        self,
        status: int | None = None,
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
        transport: _TransportFailure | None = None,
    ) -> _LogFields: ...
    def escalation_report(
        self,
        status: int | None = None,
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
        transport: _TransportFailure | None = None,
        history: Iterable[Verdict | _AttemptRecord] | None = None,
        reproduces: bool | None = None,
    ) -> EscalationReport: ...
    def classify(
        self,
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
        transport: _TransportFailure | None = None,
    ) -> Verdict: ...
    def classify_transport(
        self,
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
    def classify_lifecycle(
        self,
        body: _Body | None = None,
        headers: _Headers | None = None,
        *,
        event: str | None = None,
        method: str | None = None,
        endpoint: str | None = None,
        idempotency_key: str | None = None,
        token_fresh: bool | None = None,
        auth: Auth | None = None,
        attempt: int | None = None,
    ) -> Verdict: ...
    def classify_json(self, text: str) -> str: ...
    def classify_many(self, inputs: Iterable[_JsonInput]) -> list[Verdict]: ...
    def classify_arrow(
        self,
        data: _ArrowData,
        *,
        status: str | None = None,
        headers: str | None = None,
        body: str | None = None,
        transport_kind: str | None = None,
        transport_sent: str | None = None,
        transport_detail: str | None = None,
        method: str | None = None,
        endpoint: str | None = None,
        idempotency_key: str | None = None,
        token_fresh: str | None = None,
        auth: str | None = None,
        attempt: str | None = None,
        now: str | None = None,
    ) -> ArrowVerdicts: ...
    def rules(self) -> list[Rule]: ...
    def rule(self, id: str) -> Rule | None: ...
    def rules_json(self) -> str: ...
    def __copy__(self) -> Classifier: ...
    def __deepcopy__(self, memo: object, /) -> Classifier: ...

# Across attempts (DESIGN.md §2).

@final
class RetryPolicy:
    """How many attempts, how long in all, how to back off (ms). Omitted: the core's default."""

    def __new__(
        cls,
        *,
        max_attempts: int | None = None,
        max_elapsed_ms: int | None = None,
        base_delay_ms: int | None = None,
        rate_limited_base_ms: int | None = None,
        max_delay_ms: int | None = None,
        max_server_delay_ms: int | None = None,
    ) -> RetryPolicy: ...
    @property
    def max_attempts(self) -> int: ...
    @property
    def max_elapsed_ms(self) -> int: ...
    @property
    def base_delay_ms(self) -> int: ...
    @property
    def rate_limited_base_ms(self) -> int: ...
    @property
    def max_delay_ms(self) -> int: ...
    @property
    def max_server_delay_ms(self) -> int: ...
    def start(self, *, seed: int | None = None) -> Attempts: ...
    def to_dict(self) -> dict[str, int]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Attempts:
    """One operation's progress under a RetryPolicy; made by `RetryPolicy.start`."""

    def next(
        self, verdict: Verdict, *, draw: float | None = None, budget: RetryBudget | None = None
    ) -> Step: ...
    @property
    def policy(self) -> RetryPolicy: ...
    @property
    def failures(self) -> int: ...
    def record_call_ms(self, ms: int) -> None:
        """Reports how long an attempt's call took (from a monotonic clock): counted in
        `elapsed_ms` against the policy's `max_elapsed_ms`."""
    @property
    def elapsed_ms(self) -> int: ...
    @property
    def refreshed(self) -> bool: ...

@type_check_only
class _StepDict(TypedDict):
    kind: StepKind
    delay_ms: int | None
    action: Action | None
    reason: StopReason | None
    message: str | None

@final
class Step:
    """The policy's answer: retry after `delay_ms`, refresh then retry, or stop."""

    @property
    def kind(self) -> StepKind: ...
    @property
    def delay_ms(self) -> int | None: ...
    @property
    def action(self) -> Action | None: ...
    @property
    def reason(self) -> StopReason | None: ...
    @property
    def message(self) -> str | None: ...
    def to_dict(self) -> _StepDict: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Operation:
    """One operation under the core's driver: feed each attempt's result, do what the step says."""

    def __new__(
        cls,
        policy: RetryPolicy | None = None,
        *,
        seed: int | None = None,
        can_refresh: bool = False,
        method: str | None = None,
        endpoint: str | None = None,
        idempotency_key: str | None = None,
        token_fresh: bool | None = None,
        auth: Auth | None = None,
        classifier: Classifier | None = None,
    ) -> Operation: ...
    @staticmethod
    def wants_body(status: int) -> bool: ...
    @property
    def attempt(self) -> int: ...
    @property
    def idempotency_key(self) -> str | None: ...
    def observe(
        self, *, method: str | None = None, idempotency_key: str | None = None, payload: _Body | None = None
    ) -> None: ...
    def record_call_ms(self, ms: int) -> None: ...
    def feed(
        self,
        status: int | None = None,
        body: _Body | None = None,
        headers: _Headers | None = None,
        *,
        transport: _TransportFailure | None = None,
        body_cut: str | None = None,
        timed_out_ms: int | None = None,
        now: int | None = None,
        draw: float | None = None,
        budget: RetryBudget | None = None,
    ) -> Step: ...
    def feed_json(
        self, attempt: str, *, draw: float | None = None, budget: RetryBudget | None = None
    ) -> str: ...
    @property
    def history(self) -> list[Verdict]: ...
    @property
    def last_verdict(self) -> Verdict | None: ...
    @property
    def last_step(self) -> Step | None: ...
    @property
    def stop_message(self) -> str | None: ...
    @property
    def elapsed_ms(self) -> int: ...
    def escalation_report(self, *, reproduces: bool | None = None) -> EscalationReport | None: ...

@final
class RetryBudget:
    """A token bucket shared across operations; thread-safe. Omitted: the core's default."""

    def __new__(
        cls,
        *,
        capacity: int | None = None,
        transient_cost: int | None = None,
        throttled_cost: int | None = None,
        success_refill: int | None = None,
    ) -> RetryBudget: ...
    @property
    def tokens(self) -> int: ...
    @property
    def capacity(self) -> int: ...
    @property
    def transient_cost(self) -> int: ...
    @property
    def throttled_cost(self) -> int: ...
    @property
    def success_refill(self) -> int: ...
    def record_success(self) -> None: ...
    def try_withdraw(self, category: Category) -> bool: ...

@final
class IdempotencyGuard:
    """One idempotency key per payload; no key reused with a changed payload. Thread-safe."""

    def __new__(cls, capacity: int | None = None) -> IdempotencyGuard: ...
    def key_for(self, payload: _Body, *, random: bytes | bytearray | memoryview | None = None) -> str: ...
    def check(self, key: str, payload: _Body) -> None: ...
    def forget(self, key: str) -> None: ...
    def __len__(self) -> int: ...

# Escalation and logging (DESIGN.md §3).

@type_check_only
class _TransportFailure(TypedDict):
    kind: TransportKind
    sent: bool | None
    detail: NotRequired[str | None]

@type_check_only
class _AttemptRecord(TypedDict):
    status: NotRequired[int | None]
    rule: str
    action: Action
    retry_after_ms: NotRequired[int | None]
    request_id: NotRequired[str | None]

@type_check_only
class _ReportAttempt(TypedDict):
    attempt: int
    status: int | None
    rule: str
    action: Action
    retry_after_ms: int | None
    request_id: str | None

@type_check_only
class _LogFields(TypedDict):
    endpoint: str | None
    method: str | None
    status: int | None
    request_timestamp: int | None
    request_id: str | None
    message_id: str | None
    external_reference: str | None
    idempotency_key: str | None

@final
class EscalationReport:
    """Everything support needs about a failed call, secrets redacted."""

    @property
    def endpoint(self) -> str | None: ...
    @property
    def method(self) -> str | None: ...
    @property
    def status(self) -> int | None: ...
    @property
    def request_timestamp(self) -> int | None: ...
    @property
    def request_id(self) -> str | None: ...
    @property
    def idempotency_key(self) -> str | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def external_reference(self) -> str | None: ...
    @property
    def reproduces(self) -> bool | None: ...
    @property
    def token_fresh(self) -> bool | None: ...
    @property
    def shape(self) -> Shape: ...
    @property
    def category(self) -> Category: ...
    @property
    def action(self) -> Action: ...
    @property
    def rule(self) -> str: ...
    @property
    def hint(self) -> str: ...
    @property
    def code(self) -> str | None: ...
    @property
    def message(self) -> str | None: ...
    @property
    def transport(self) -> _TransportFailure | None: ...
    @property
    def headers(self) -> list[tuple[str, str]]: ...
    @property
    def body(self) -> str | None: ...
    @property
    def attempts(self) -> list[_ReportAttempt]: ...
    @property
    def text(self) -> str: ...
    def to_dict(self) -> dict[str, _JSON]: ...
    def to_json(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

@type_check_only
class _ClientFailure(TypedDict):
    kind: TransportKind
    sent: bool | None
    matched: str
    source: str

def _client_failure(names: Iterable[str], message: str | None = None) -> _ClientFailure | None: ...
def _read_inputs(data: str | bytes | bytearray | memoryview, format: str | None = None) -> str: ...
def log_fields(
    status: int | None = None,
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
    transport: _TransportFailure | None = None,
) -> _LogFields: ...
def escalation_report(
    status: int | None = None,
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
    transport: _TransportFailure | None = None,
    history: Iterable[Verdict | _AttemptRecord] | None = None,
    reproduces: bool | None = None,
) -> EscalationReport: ...
