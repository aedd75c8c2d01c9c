"""What every errtriage helper and adapter shares: reading a client's requests and responses,
and handing an attempt's result to the core's operation driver.

Nothing here decides anything. The driver (:class:`errtriage.Operation`) says what counts as
success, every step, every stop sentence; the core's client-error table
(:func:`transport_failure`) says which exceptions are transport failures and of which kind.
This module only reads: a response's status, headers and body (``requests``, ``httpx``,
``aiohttp``), the method, ``Idempotency-Key`` header and payload of the request a response or
exception carries, and each call's own time; and it does what a step says (sleep, refresh).
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

# Through the package (which imports this module before the helpers), so that type checkers
# read the stubs.
from . import Operation, RetryBudget, Step, _client_failure

if TYPE_CHECKING:
    from . import TransportKind


# --- the core's client-error table -------------------------------------------------------------


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what it wraps (``__cause__``, ``__context__``, urllib3's ``reason``,
    exceptions among ``args``), each once, nearest first."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        reason = getattr(e, "reason", None)
        todo += [e.__cause__, e.__context__, reason if isinstance(reason, BaseException) else None]
        todo += [a for a in getattr(e, "args", ()) if isinstance(a, BaseException)]


def _names(exc: BaseException) -> list[str]:
    """Every class of the exception and of what it wraps, as ``module.QualName``, most specific
    first: the names the core's table is written in."""
    names: list[str] = []
    for e in _causes(exc):
        for cls in type(e).__mro__:
            if cls in (BaseException, Exception, object):
                continue
            names.append(f"{cls.__module__}.{cls.__qualname__}")
    return names


def transport_failure(
    error: BaseException | Sequence[str], message: str | None = None
) -> tuple[TransportKind, bool | None] | None:
    """The core's transport kind for a client error and whether the request was fully written
    (True, False, or None when it cannot be told); None when it is not a transport failure (a
    bug, an invalid URL, a cancellation), which the helpers let propagate.

    ``error`` is an exception (its classes and those of what it wraps are read, with its
    message) or the names themselves (``["java.net.SocketTimeoutException"]``, libcurl's
    ``CURLE_…``; none at all for a line of curl's or Go's text given as ``message``).
    """
    text: str | None
    if isinstance(error, BaseException):
        names = _names(error)
        text = message if message is not None else str(error)
    elif isinstance(error, str):
        raise TypeError("error: expected an exception or a sequence of str, got str")
    else:
        names, text = list(error), message
    found = _client_failure(names, text)
    if found is None:
        return None
    return found["kind"], found["sent"]


def detail(exc: BaseException) -> str:
    """What a client said about a failure: its message, else its class's name."""
    return str(exc) or type(exc).__name__


# --- requests ----------------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def request_parts(request: object) -> tuple[str | None, str | None, bytes | str | None]:
    """The method, ``Idempotency-Key`` header and payload of a client's request object:
    ``requests.PreparedRequest``, ``httpx.Request`` (its payload unless streamed) or aiohttp's
    ``RequestInfo`` (no payload: aiohttp does not keep it)."""
    if request is None:
        return None, None, None
    method = getattr(request, "method", None)
    key = None
    headers = getattr(request, "headers", None)
    if headers is not None:
        try:
            key = headers.get("Idempotency-Key")
        except Exception:
            key = None
    payload: Any = getattr(request, "body", None)  # requests' PreparedRequest
    if payload is None:
        try:
            payload = getattr(request, "content", None)  # httpx; raises for a streamed body
        except Exception:
            payload = None
    return (
        _text(method),
        _text(key),
        payload if isinstance(payload, (bytes, str)) else None,
    )


def sent_by(carrier: object) -> tuple[str | None, str | None, bytes | str | None]:
    """The method, key and payload of the request a response or a client exception carries
    (``.request`` for ``requests`` and ``httpx``, ``.request_info`` for ``aiohttp``)."""
    for name in ("request", "request_info"):
        try:
            request = getattr(carrier, name, None)
        except Exception:  # httpx raises when an exception has no request
            continue
        if request is not None:
            return request_parts(request)
    return None, None, None


def observe(operation: Operation, parts: tuple[str | None, str | None, bytes | str | None]) -> None:
    """Tells the operation what a request was seen sending (method, key, payload)."""
    method, key, payload = parts
    if method is not None or key is not None or payload is not None:
        operation.observe(method=method, idempotency_key=key, payload=payload)


# --- responses ---------------------------------------------------------------------------------


def _is_aiohttp(response: object) -> bool:
    return type(response).__module__.startswith("aiohttp")


def status_of(response: Any) -> int:
    """The status: ``status_code`` (``requests``, ``httpx``) or ``status`` (``aiohttp``)."""
    status = getattr(response, "status_code", None)
    if status is None:
        status = response.status
    return int(status)


def read_body(response: Any) -> bytes:
    """The whole body: an ``httpx`` response is read first (it may be streamed), others give
    ``.content``. An ``aiohttp`` response is read by awaiting it (:func:`aread_body`)."""
    if _is_aiohttp(response):
        raise TypeError(
            "response: an aiohttp response's body is read by awaiting it; "
            "use errtriage.aclassify_response (or errtriage.aretry)"
        )
    read = getattr(response, "read", None)
    if callable(read) and type(response).__module__.startswith("httpx"):
        return bytes(read())
    return bytes(response.content)


async def aread_body(response: Any) -> bytes:
    """The whole body of an ``aiohttp`` (``await read()``) or async ``httpx``
    (``await aread()``) response; a response already read gives ``.content``."""
    if _is_aiohttp(response):
        return bytes(await response.read())
    aread = getattr(response, "aread", None)
    if callable(aread) and type(response).__module__.startswith("httpx"):
        try:
            return bytes(await aread())
        except RuntimeError:  # httpx: a sync stream (a response made for a sync client)
            return read_body(response)
    return bytes(response.content)


def read_attempt(response: Any) -> tuple[bytes | None, BaseException | None]:
    """The body of a response when the driver wants it (a failure's, or a 2xx that might say it
    failed), or the transport failure that cut it off while it was read."""
    if not Operation.wants_body(status_of(response)):
        return None, None
    try:
        return read_body(response), None
    except Exception as exc:
        if transport_failure(exc) is None:
            raise
        return None, exc


async def aread_attempt(response: Any) -> tuple[bytes | None, BaseException | None]:
    """:func:`read_attempt` for an awaited body."""
    if not Operation.wants_body(status_of(response)):
        return None, None
    try:
        return await aread_body(response), None
    except Exception as exc:
        if transport_failure(exc) is None:
            raise
        return None, exc


# --- feeding the driver ------------------------------------------------------------------------


class Feeder:
    """Hands one operation's attempts to the driver: each call's own time (from
    :meth:`begin`, on ``time.monotonic``), what its request sent, and its result."""

    def __init__(self, operation: Operation, budget: RetryBudget | None = None) -> None:
        self.operation = operation
        self.budget = budget
        self._started: float | None = None

    def begin(self) -> None:
        """An attempt starts now."""
        self._started = time.monotonic()

    def _record(self) -> None:
        if self._started is not None:
            self.operation.record_call_ms(round((time.monotonic() - self._started) * 1000))
            self._started = None

    def response(self, response: Any, body: bytes | None, cut: BaseException | None) -> Step:
        """A response: its status, headers and body, or (``cut``) a body cut off while read."""
        self._record()
        observe(self.operation, sent_by(response))
        status = status_of(response)
        if cut is not None:
            # The status and headers arrived, then the body was cut off: a partial response.
            return self.operation.feed(
                status, None, response.headers, body_cut=detail(cut), budget=self.budget
            )
        return self.operation.feed(status, body, response.headers, budget=self.budget)

    def exception(self, exc: BaseException) -> Step | None:
        """A client exception: the step for a transport failure, None for anything else (which
        the caller lets propagate)."""
        self._record()
        found = transport_failure(exc)
        if found is None:
            return None
        observe(self.operation, sent_by(exc))
        kind, sent = found
        return self.operation.feed(
            transport={"kind": kind, "sent": sent, "detail": detail(exc)}, budget=self.budget
        )

    def timed_out(self, after_ms: int) -> Step:
        """An attempt given up on after ``after_ms``."""
        self._record()
        return self.operation.feed(timed_out_ms=after_ms, budget=self.budget)


def follow(step: Step, sleep: Callable[[float], object], refresh: Callable[[], object] | None) -> bool:
    """Does what a step says before the next attempt: True to send again (after sleeping the
    delay, or refreshing), False when the operation is over (done or stopped)."""
    if step.kind == "retry":
        assert step.delay_ms is not None
        sleep(step.delay_ms / 1000)
        return True
    if step.kind == "refresh":
        assert refresh is not None  # the operation only asks when it can refresh
        refresh()
        return True
    return False


async def afollow(
    step: Step,
    sleep: Callable[[float], object] | Callable[[float], Awaitable[object]],
    refresh: Callable[[], object] | Callable[[], Awaitable[object]] | None,
) -> bool:
    """:func:`follow` where ``sleep`` and ``refresh`` may be async (their result is awaited
    when it is awaitable)."""
    if step.kind == "retry":
        assert step.delay_ms is not None
        slept = sleep(step.delay_ms / 1000)
        if inspect.isawaitable(slept):
            await slept
        return True
    if step.kind == "refresh":
        assert refresh is not None
        refreshed = refresh()
        if inspect.isawaitable(refreshed):
            await refreshed
        return True
    return False
