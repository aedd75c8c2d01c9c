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

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

# Through the package (which imports this module last), so that type checkers read the stubs.
from . import Classifier, EscalationReport, Operation, RetryBudget, RetryPolicy, Step, Verdict, _adapt
from ._adapt import transport_failure

if TYPE_CHECKING:
    from . import Auth

__all__ = ["AttemptTimeout", "Response", "RetryStopped", "aretry", "retry", "stopped", "transport_failure"]


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
A = TypeVar("A")  # aretry's response: httpx's, aiohttp's (``status``) or any client's


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


_STOPPED = "_errtriage_stopped"


def stopped(result: object) -> RetryStopped | None:
    """What stopped the operation whose last response or last transport exception an adapter
    handed back (``errtriage.httpx``, ``errtriage.requests``, ``errtriage.aiohttp``): the
    :class:`RetryStopped` :func:`retry` would have raised, with the step, the last verdict,
    every verdict and the report; None for a response the operation was done with."""
    found = getattr(result, _STOPPED, None)
    return found if isinstance(found, RetryStopped) else None


def _mark(
    result: object, operation: Operation, response: object, exception: BaseException | None
) -> RetryStopped:
    """Attaches the stop to what an adapter hands back (read by :func:`stopped`)."""
    stop = RetryStopped(operation, response=response, exception=exception)
    setattr(result, _STOPPED, stop)
    return stop


T = TypeVar("T")


def _hand_back(operation: Operation, response: T | None, exception: BaseException | None) -> T:
    """How an adapter ends a stopped operation, as its client would without retries: the last
    transport error (a failure with no response, or a body cut off while read) raised, else
    the last response returned; either with the stop attached (read by :func:`stopped`)."""
    if exception is not None:
        _mark(exception, operation, response, exception)
        raise exception
    assert response is not None
    _mark(response, operation, response, None)
    return response


def _timed(call: Callable[[], R], timeout: float | None) -> tuple[R, bytes | None, BaseException | None]:
    """One call and its body (:func:`_adapt.read_attempt`), given up after ``timeout`` seconds
    (the call runs in a daemon thread and its late result is dropped: give the client the same
    timeout so that it ends too)."""

    def attempt() -> tuple[R, bytes | None, BaseException | None]:
        response = call()
        return (response, *_adapt.read_attempt(response))

    if timeout is None:
        return attempt()
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = attempt()
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
    feeder = _adapt.Feeder(operation, budget)
    while True:
        response: R | None = None
        exception: BaseException | None = None
        feeder.begin()
        try:
            response, body, cut = _timed(call, attempt_timeout)
        except AttemptTimeout as exc:
            exception = exc
            step = feeder.timed_out(exc.after_ms)
        except Exception as exc:
            found = feeder.exception(exc)
            if found is None:
                raise
            exception, step = exc, found
        else:
            exception = cut
            step = feeder.response(response, body, cut)
        if step.kind == "done":
            assert response is not None
            return response
        if not _adapt.follow(step, sleep, refresh):
            raise RetryStopped(operation, response=response, exception=exception) from exception


async def aretry(
    call: Callable[[], Awaitable[A]],
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    refresh: Callable[[], object] | Callable[[], Awaitable[object]] | None = None,
    sleep: Callable[[float], object] | Callable[[float], Awaitable[object]] = asyncio.sleep,
    seed: int | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt_timeout: float | None = None,
    classifier: Classifier | None = None,
) -> A:
    """The async twin of :func:`retry`, with the same keywords and the same driver.

    ``call()`` returns an awaitable response: an ``httpx.AsyncClient`` response, an ``aiohttp``
    response (``status``, ``headers``; the body is read with ``await response.read()``) or any
    client's with ``status_code``, ``headers`` and ``content``. ``sleep`` (default
    ``asyncio.sleep``) and ``refresh`` may be plain or async functions. ``attempt_timeout``
    (seconds) bounds the call and the reading of its body together (``asyncio.wait_for``,
    which cancels the attempt).
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
    feeder = _adapt.Feeder(operation, budget)

    async def attempt() -> tuple[A, bytes | None, BaseException | None] | BaseException:
        # Exceptions are returned, so that a TimeoutError out of wait_for is only its own.
        try:
            response = await call()
            return (response, *await _adapt.aread_attempt(response))
        except Exception as exc:
            return exc

    while True:
        response: A | None = None
        exception: BaseException | None = None
        feeder.begin()
        try:
            result = await (
                attempt() if attempt_timeout is None else asyncio.wait_for(attempt(), attempt_timeout)
            )
        except asyncio.TimeoutError:  # TimeoutError itself from Python 3.11
            assert attempt_timeout is not None
            exception = AttemptTimeout(round(attempt_timeout * 1000))
            step = feeder.timed_out(exception.after_ms)
        else:
            if isinstance(result, BaseException):
                found = feeder.exception(result)
                if found is None:
                    raise result
                exception, step = result, found
            else:
                response, body, cut = result
                exception = cut
                step = feeder.response(response, body, cut)
        if step.kind == "done":
            assert response is not None
            return response
        if not await _adapt.afollow(step, sleep, refresh):
            raise RetryStopped(operation, response=response, exception=exception) from exception
