"""A retry loop for ``requests``, ``httpx`` or any client, driven by errtriage's policy.

:func:`retry` calls ``call()`` until it returns a response with a status below 400, classifying
each failure — a response, or a transport exception — and asking a per-operation
:class:`errtriage.Attempts` what to do next: sleep and send again, refresh the credentials
through the caller's ``refresh()`` and send again, or stop. On a stop it raises
:class:`RetryStopped`, which carries the step, the last verdict, every verdict so far and what
is needed to build the escalation report for support.

Nothing is decided here: the verdicts come from the core's classifier and every step from the
core's policy. This module only reads responses, maps a client's exception types to the
core's transport kinds (:func:`transport_failure`; ``requests`` and ``httpx`` are recognised
when they are installed and never imported otherwise), sleeps and calls back.
"""

from __future__ import annotations

import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

# Through the package (which imports this module last), so that type checkers read the stubs.
from . import EscalationReport, RetryBudget, RetryPolicy, Step, Verdict, classify, classify_transport
from . import escalation_report as _escalation_report

if TYPE_CHECKING:
    from . import Auth, TransportKind, _TransportFailure

__all__ = ["AttemptTimeout", "Response", "RetryStopped", "retry", "transport_failure"]


class AttemptTimeout(TimeoutError):
    """An attempt ran past :func:`retry`'s ``attempt_timeout``: a ``timeout`` transport failure
    whose request may or may not have been sent."""


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
    """The policy said stop (or asked for a credential refresh no ``refresh`` callback could
    give): do ``action`` instead of sending again.

    Attributes: ``step`` (the policy's last step), ``verdict`` (the last failure's verdict),
    ``action`` and ``reason`` (from the step; ``reason`` is None for an unanswered refresh),
    ``history`` (every verdict of the operation, in order), ``response`` (the last response, or
    None after a transport failure), ``exception`` (the last transport exception, or None).
    """

    def __init__(
        self,
        step: Step,
        verdict: Verdict,
        *,
        history: list[Verdict],
        response: Any = None,
        exception: BaseException | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        self.step = step
        self.verdict = verdict
        self.history = history
        self.response = response
        self.exception = exception
        self._context = dict(context or {})
        if step.kind == "stop":
            assert step.action is not None and step.message is not None
            self.action: str = step.action
            self.reason: str | None = step.reason
            why = step.message
        else:
            self.action = verdict.action
            self.reason = None
            why = "The policy asked to refresh the credentials, but no refresh callback was given."
        attempts = len(history)
        what = f"status {verdict.status}" if verdict.status is not None else "a transport failure"
        request_id = f", request id {verdict.request_id}" if verdict.request_id else ""
        super().__init__(
            f"{self.action} after {attempts} attempt{'s' if attempts != 1 else ''} "
            f"({what}, rule {verdict.rule}{request_id}): {why} {verdict.hint}"
        )

    def report(self, *, reproduces: bool | None = None) -> EscalationReport:
        """The escalation report for support: the last failure, after the earlier attempts."""
        context = dict(self._context)
        earlier = self.history[:-1]
        transport = context.pop("transport", None)
        if self.response is not None:
            # A body cut off while read (a partial response) is reported as the status, the
            # headers and the transport failure.
            body = b"" if transport is not None else self.response.content
            return _escalation_report(
                self.response.status_code,
                body,
                self.response.headers,
                transport=transport,
                history=earlier,
                reproduces=reproduces,
                **context,
            )
        return _escalation_report(transport=transport, history=earlier, reproduces=reproduces, **context)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and what it wraps (``__cause__``, ``__context__``, urllib3's ``reason``)."""
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


def _from_os_error(exc: BaseException) -> tuple[TransportKind, bool | None] | None:
    """What the socket layer says, anywhere in the chain of causes."""
    for e in _causes(exc):
        if isinstance(e, socket.gaierror):
            return "dns", False
        if isinstance(e, ssl.SSLError):
            return "tls", False
        if isinstance(e, ConnectionRefusedError):
            return "connect", False
    for e in _causes(exc):
        if isinstance(e, (ConnectionResetError, ConnectionAbortedError, BrokenPipeError)):
            return "reset", None
    return None


def _requests_failure(exc: BaseException) -> tuple[TransportKind, bool | None] | None:
    requests = sys.modules.get("requests")
    if requests is None:
        return None
    ex = requests.exceptions
    if not isinstance(exc, ex.RequestException):
        return None
    if isinstance(exc, ex.ConnectTimeout):  # before ConnectionError: it is both
        return "timeout", False
    if isinstance(exc, ex.ReadTimeout):
        return "timeout", True
    if isinstance(exc, ex.Timeout):
        return "timeout", None
    if isinstance(exc, ex.SSLError):
        return "tls", False
    if isinstance(exc, ex.ProxyError):
        return "connect", False
    if isinstance(exc, ex.ChunkedEncodingError):  # the response had begun: the request was sent
        return "reset", True
    if isinstance(exc, ex.ConnectionError):
        urllib3 = sys.modules.get("urllib3")
        if urllib3 is not None:
            for e in _causes(exc):
                if isinstance(e, urllib3.exceptions.NewConnectionError):
                    found = _from_os_error(e)
                    return found if found is not None else ("connect", False)
        return _from_os_error(exc) or ("other", None)
    return None  # InvalidURL, TooManyRedirects, …: not a transport failure


def _httpx_failure(exc: BaseException) -> tuple[TransportKind, bool | None] | None:
    httpx = sys.modules.get("httpx")
    if httpx is None or not isinstance(exc, httpx.TransportError):
        return None
    if isinstance(exc, (httpx.ConnectTimeout, httpx.PoolTimeout)):
        return "timeout", False
    if isinstance(exc, httpx.ReadTimeout):
        return "timeout", True
    if isinstance(exc, httpx.WriteTimeout):
        return "timeout", False
    if isinstance(exc, httpx.TimeoutException):
        return "timeout", None
    if isinstance(exc, httpx.ConnectError):
        found = _from_os_error(exc)
        if found is None and "name or service not known" in str(exc).lower():
            return "dns", False
        return found if found is not None else ("connect", False)
    if isinstance(exc, httpx.ProxyError):
        return "connect", False
    if isinstance(exc, httpx.ReadError):  # reading the response: the request was written
        return "reset", True
    if isinstance(exc, httpx.WriteError):
        return "reset", False
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.NetworkError)):
        return "reset", None
    return None  # UnsupportedProtocol, LocalProtocolError, …: not a transport failure


def transport_failure(exc: BaseException) -> tuple[TransportKind, bool | None] | None:
    """The core's transport kind for a client exception and whether the request was fully
    written (True, False, or None when it cannot be told); None when the exception is not a
    transport failure (a bug, an invalid URL), which :func:`retry` lets propagate.

    Recognises ``requests`` and ``httpx`` exceptions (by type, when those packages are
    loaded) and the standard library's socket errors (``socket.gaierror``, ``ssl.SSLError``,
    ``ConnectionRefusedError``, ``ConnectionResetError``, ``TimeoutError``, …).
    """
    for library in (_requests_failure, _httpx_failure):
        found = library(exc)
        if found is not None:
            return found
    if isinstance(exc, TimeoutError):
        return "timeout", None
    if isinstance(exc, OSError):
        return _from_os_error(exc)
    return None


def _request_of(obj: object) -> tuple[str | None, str | None]:
    """The method and ``Idempotency-Key`` of the request a response or a client exception
    carries (``requests`` and ``httpx`` both keep it as ``.request``), else ``(None, None)``."""
    try:
        request = getattr(obj, "request", None)
    except Exception:  # httpx raises when an exception has no request
        return None, None
    method = getattr(request, "method", None)
    headers = getattr(request, "headers", None)
    key = None
    if headers is not None:
        try:
            key = headers.get("Idempotency-Key")
        except Exception:
            key = None
    return (method if isinstance(method, str) else None), (key if isinstance(key, str) else None)


def _read_body(response: Response) -> bytes:
    """The whole body: ``httpx`` streamed responses are read first, others give ``.content``."""
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(response, httpx.Response):
        return bytes(response.read())
    return bytes(response.content)


def _attempt(call: Callable[[], R]) -> tuple[R, bytes | None, BaseException | None]:
    """One call, and for a failed response its body, or the transport failure that cut it off."""
    response = call()
    if response.status_code < 400:
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
        raise AttemptTimeout(f"the attempt took longer than {timeout:g} s (attempt_timeout)")
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
) -> R:
    """Calls ``call()`` until it succeeds or errtriage's policy says stop.

    ``call`` sends the request (the same payload and idempotency key every time) and returns a
    response object with ``status_code``, ``content`` and ``headers`` — a ``requests`` or
    ``httpx`` response — or raises. A response with a status below 400 is returned (and, with a
    ``budget``, recorded as a success). A failed response or a transport exception
    (:func:`transport_failure`) is classified with the request context given here and fed to
    ``policy.start(seed=seed)``'s attempts; on a retry step ``sleep(seconds)`` is called, on a
    refresh step ``refresh()``, and ``call()`` runs again; on a stop, :class:`RetryStopped` is
    raised. Any other exception, from ``call``, ``refresh`` or ``sleep``, propagates.

    ``method``, ``endpoint``, ``idempotency_key``, ``token_fresh`` and ``auth`` are
    :func:`errtriage.classify`'s keywords; the attempt number is counted here. When ``method``
    or ``idempotency_key`` is not given, the ones of the request the response or the client's
    exception carries (``.request``) are passed: the core reads a failure without a method as
    a safe request's, so an unsafe one must be named. A body cut off while it is read
    (``ChunkedEncodingError``, ``httpx.ReadError``, ``RemoteProtocolError``) is a partial
    response: the status with a ``reset`` transport failure, sent. Each call's own time
    (``time.monotonic``) counts in the policy's time budget; ``attempt_timeout`` (seconds)
    gives up on an attempt that runs longer, as a ``timeout`` failure that may have been sent.
    """
    attempts = (policy if policy is not None else RetryPolicy()).start(seed=seed)
    given: dict[str, Any] = {
        "method": method,
        "endpoint": endpoint,
        "idempotency_key": idempotency_key,
        "token_fresh": token_fresh,
        "auth": auth,
    }
    history: list[Verdict] = []
    while True:
        attempt = len(history) + 1
        context = dict(given)
        response: R | None = None
        exception: BaseException | None = None
        transport: dict[str, Any] | None = None
        started = time.monotonic()
        try:
            response, body, cut = _timed(call, attempt_timeout)
        except Exception as exc:
            attempts.record_call_ms(round((time.monotonic() - started) * 1000))
            found = transport_failure(exc)
            if found is None:
                raise
            kind, sent = found
            exception = exc
            _fill(context, exc)
            transport = {"kind": kind, "sent": sent, "detail": str(exc) or type(exc).__name__}
            verdict = classify_transport(
                kind, sent=sent, detail=transport["detail"], attempt=attempt, **context
            )
        else:
            attempts.record_call_ms(round((time.monotonic() - started) * 1000))
            if response.status_code < 400:
                if budget is not None:
                    budget.record_success()
                return response
            _fill(context, response)
            if cut is not None:
                # The status and headers arrived, then the body was cut off: a partial response.
                exception = cut
                partial: _TransportFailure = {
                    "kind": "reset",
                    "sent": True,
                    "detail": str(cut) or type(cut).__name__,
                }
                transport = dict(partial)
                verdict = classify(
                    response.status_code,
                    b"",
                    response.headers,
                    attempt=attempt,
                    transport=partial,
                    **context,
                )
            else:
                verdict = classify(response.status_code, body, response.headers, attempt=attempt, **context)
        history.append(verdict)
        step = attempts.next(verdict, budget=budget)
        if step.kind == "retry":
            assert step.delay_ms is not None
            sleep(step.delay_ms / 1000)
        elif step.kind == "refresh" and refresh is not None:
            refresh()
        else:
            report_context = dict(context, attempt=attempt)
            if transport is not None:
                report_context["transport"] = transport
            raise RetryStopped(
                step,
                verdict,
                history=history,
                response=response,
                exception=exception,
                context=report_context,
            ) from exception


def _fill(context: dict[str, Any], carrier: object) -> None:
    """Fills the method and key not given from the request ``carrier`` holds."""
    if context["method"] is not None and context["idempotency_key"] is not None:
        return
    method, key = _request_of(carrier)
    if context["method"] is None:
        context["method"] = method
    if context["idempotency_key"] is None:
        context["idempotency_key"] = key
