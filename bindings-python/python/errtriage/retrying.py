"""A retry loop for ``requests``, ``httpx`` or any client, driven by errtriage's operation driver.

:func:`retry` calls ``call()`` and feeds each result — a response, a response whose body was cut
off while read, or a transport exception — to an :class:`errtriage.Operation`, then does what
the step says: return the response (``done``), sleep and send again (``retry``), refresh the
credentials through the caller's ``refresh()`` and send again (``refresh``), or raise
:class:`RetryStopped` (``stop``), which carries the core's sentence, the last verdict, every
verdict so far and the escalation report for support.

Nothing is decided here: what counts as success, every step, the stop text, the history and
the one idempotency key and payload an operation is held to are the core's, and so is the table
that reads a client's exception as a transport kind (:func:`transport_failure`, which hands the
core the exception's class names and message). This module only does the I/O: it times each
call, reads responses, sleeps and calls back.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

# Through the package (which imports this module last), so that type checkers read the stubs.
from . import (
    Classifier,
    EscalationReport,
    Operation,
    RetryBudget,
    RetryPolicy,
    Step,
    Verdict,
    _client_failure,
)

if TYPE_CHECKING:
    from . import Auth, TransportKind

__all__ = ["AttemptTimeout", "Response", "RetryStopped", "retry", "transport_failure"]


class AttemptTimeout(TimeoutError):
    """An attempt ran past :func:`retry`'s ``attempt_timeout``, after ``after_ms``: fed to the
    operation as an attempt given up on (the core's ``timeout`` whose request may have been
    sent)."""

    def __init__(self, after_ms: int) -> None:
        super().__init__(f"attempt_timeout: {after_ms} ms")
        self.after_ms = after_ms


class Response(Protocol):
    """What :func:`retry` reads from a response: ``requests.Response`` and ``httpx.Response``
    both have it."""

    @property
    def status_code(self) -> int: ...
    @property
    def content(self) -> bytes: ...
    @property
    def headers(self) -> Any: ...


R = TypeVar("R", bound=Response)


class RetryStopped(Exception):
    """The operation stopped: do ``action`` instead of sending again.

    Attributes: ``step`` (the last step), ``action`` and ``reason`` (the step's), ``verdict``
    (the last failure's), ``history`` (every failure's verdict, in order, the last included),
    ``operation`` (the :class:`errtriage.Operation`), ``response`` (the last response, or None
    after a transport failure) and ``exception`` (the last transport exception, or None). The
    message is the core's sentence (``Operation.stop_message``).
    """

    def __init__(
        self,
        operation: Operation,
        *,
        response: Any = None,
        exception: BaseException | None = None,
    ) -> None:
        step = operation.last_step
        verdict = operation.last_verdict
        if step is None or step.action is None or step.reason is None or verdict is None:
            raise ValueError("RetryStopped: the operation has not stopped")
        self.operation = operation
        self.step: Step = step
        self.action: str = step.action
        self.reason: str = step.reason
        self.verdict: Verdict = verdict
        self.history: list[Verdict] = operation.history
        self.response = response
        self.exception = exception
        super().__init__(operation.stop_message)

    def report(self, *, reproduces: bool | None = None) -> EscalationReport:
        """The escalation report for support: the last failure, after the earlier attempts."""
        report = self.operation.escalation_report(reproduces=reproduces)
        assert report is not None  # a stopped operation always has one
        return report


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
    bug, an invalid URL, a cancellation), which :func:`retry` lets propagate.

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


def _sent_by(carrier: object) -> tuple[str | None, str | None, bytes | str | None]:
    """The method, ``Idempotency-Key`` and payload of the request a response or a client
    exception carries (``requests`` and ``httpx`` both keep it as ``.request``)."""
    try:
        request = getattr(carrier, "request", None)
    except Exception:  # httpx raises when an exception has no request
        return None, None, None
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
        method if isinstance(method, str) else None,
        key if isinstance(key, str) else None,
        payload if isinstance(payload, (bytes, str)) else None,
    )


def _read_body(response: Response) -> bytes:
    """The whole body: ``httpx`` streamed responses are read first, others give ``.content``."""
    read = getattr(response, "read", None)
    if callable(read) and type(response).__module__.startswith("httpx"):
        return bytes(read())
    return bytes(response.content)


def _attempt(call: Callable[[], R]) -> tuple[R, bytes | None, BaseException | None]:
    """One call, and for a response whose body the core wants, the body or what cut it off."""
    response = call()
    if not Operation.wants_body(response.status_code):
        return response, None, None
    try:
        return response, _read_body(response), None
    except Exception as exc:
        if transport_failure(exc) is None:
            raise
        return response, None, exc


def _timed(call: Callable[[], R], timeout: float | None) -> tuple[R, bytes | None, BaseException | None]:
    """:func:`_attempt`, given up after ``timeout`` seconds (the call runs in a daemon thread
    and its late result is dropped: give the client the same timeout so that it ends too)."""
    if timeout is None:
        return _attempt(call)
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = _attempt(call)
        except BaseException as exc:  # handed to the caller's thread
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="errtriage-attempt", daemon=True).start()
    if not done.wait(timeout):
        raise AttemptTimeout(round(timeout * 1000))
    if "error" in box:
        raise box["error"]
    value: tuple[R, bytes | None, BaseException | None] = box["value"]
    return value


def _detail(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def retry(
    call: Callable[[], R],
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    refresh: Callable[[], object] | None = None,
    sleep: Callable[[float], object] = time.sleep,
    seed: int | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt_timeout: float | None = None,
    classifier: Classifier | None = None,
) -> R:
    """Calls ``call()`` until the operation is done or stops.

    ``call`` sends the request (the same payload and idempotency key every time) and returns a
    response object with ``status_code``, ``content`` and ``headers`` — a ``requests`` or
    ``httpx`` response — or raises. Each result goes to an :class:`errtriage.Operation` started
    with ``policy``, ``seed``, ``classifier`` and the request context given here (``method``,
    ``endpoint``, ``idempotency_key``, ``token_fresh``, ``auth``, as for
    :func:`errtriage.classify`); the method, key and payload of the request a response or a
    client's exception carries (``.request``) are observed too, so an unsafe request is known
    as one, and a changed key or payload is a ``ValueError``. On ``done`` the response is
    returned (the ``budget``, if given, is refilled); on ``retry`` ``sleep(seconds)`` is called,
    on ``refresh`` ``refresh()``, and ``call()`` runs again; on ``stop`` — including a refresh
    asked for with no ``refresh`` callback — :class:`RetryStopped` is raised. An exception the
    core does not read as a transport failure, or one from ``refresh`` or ``sleep``, propagates.

    A body cut off while it is read (``ChunkedEncodingError``, ``httpx.ReadError``) is fed as a
    partial response: the status with a ``reset`` transport failure, sent. Each call's own time
    (``time.monotonic``) counts in the policy's time budget; ``attempt_timeout`` (seconds) gives
    up on an attempt that runs longer, as a ``timeout`` failure that may have been sent.
    """
    operation = Operation(
        policy,
        seed=seed,
        can_refresh=refresh is not None,
        method=method,
        endpoint=endpoint,
        idempotency_key=idempotency_key,
        token_fresh=token_fresh,
        auth=auth,
        classifier=classifier,
    )
    while True:
        response: R | None = None
        exception: BaseException | None = None
        started = time.monotonic()
        try:
            response, body, cut = _timed(call, attempt_timeout)
        except AttemptTimeout as exc:
            operation.record_call_ms(round((time.monotonic() - started) * 1000))
            exception = exc
            step = operation.feed(timed_out_ms=exc.after_ms, budget=budget)
        except Exception as exc:
            operation.record_call_ms(round((time.monotonic() - started) * 1000))
            found = transport_failure(exc)
            if found is None:
                raise
            exception = exc
            _observe(operation, exc)
            kind, sent = found
            step = operation.feed(
                transport={"kind": kind, "sent": sent, "detail": _detail(exc)}, budget=budget
            )
        else:
            operation.record_call_ms(round((time.monotonic() - started) * 1000))
            _observe(operation, response)
            if cut is not None:
                # The status and headers arrived, then the body was cut off: a partial response.
                exception = cut
                step = operation.feed(
                    response.status_code, None, response.headers, body_cut=_detail(cut), budget=budget
                )
            else:
                step = operation.feed(response.status_code, body, response.headers, budget=budget)
        if step.kind == "done":
            assert response is not None
            return response
        if step.kind == "retry":
            assert step.delay_ms is not None
            sleep(step.delay_ms / 1000)
        elif step.kind == "refresh":
            assert refresh is not None  # the operation only asks when it can refresh
            refresh()
        else:
            raise RetryStopped(operation, response=response, exception=exception) from exception


def _observe(operation: Operation, carrier: object) -> None:
    """Tells the operation what the request ``carrier`` holds was seen sending."""
    method, key, payload = _sent_by(carrier)
    if method is not None or key is not None or payload is not None:
        operation.observe(method=method, idempotency_key=key, payload=payload)
