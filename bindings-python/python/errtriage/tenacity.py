"""tenacity strategies that ask errtriage's operation driver: ``retry``, ``wait`` and ``stop``
sharing one :class:`errtriage.Operation` per call.

::

    import errtriage, requests, tenacity

    @tenacity.retry(**errtriage.tenacity.strategies(method="GET"))
    def things() -> requests.Response:
        return requests.get("https://api.example.com/v1/things", timeout=5)

The decorated function returns a response (``requests``, ``httpx``; an aiohttp response's body
must be read first, so return ``httpx`` responses from async functions or use
``errtriage.aretry``) or raises a client exception. Each call of the decorated function is one
operation (keyed on tenacity's ``RetryCallState``), fed each outcome with the attempt's own
time (tenacity's clock, less the time it slept). The ``retry`` predicate says whether the
driver wants another attempt; ``wait`` is the step's delay; ``stop`` is the driver's stop.
A response the operation is done with is returned; an exception the core does not read as a
transport failure propagates at once; on a stop, ``retry_error_callback`` raises
:class:`errtriage.RetryStopped` (the same as :func:`errtriage.retry`, its message the core's
sentence). On a refresh step ``before_sleep`` calls ``refresh()``.

Importing this module does not import tenacity: the strategies are plain callables
(``pip install errtriage[tenacity]`` for tenacity itself).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

from . import Classifier, Operation, RetryBudget, RetryPolicy, Step, _adapt
from .retrying import RetryStopped

if TYPE_CHECKING:
    from tenacity import RetryCallState

    from . import Auth

__all__ = ["Strategies", "strategies"]


class Strategies(TypedDict):
    """The keywords of ``tenacity.retry`` that :func:`strategies` fills."""

    retry: Callable[[RetryCallState], bool]
    wait: Callable[[RetryCallState], float]
    stop: Callable[[RetryCallState], bool]
    before_sleep: Callable[[RetryCallState], None]
    retry_error_callback: Callable[[RetryCallState], Any]


class _Call:
    """One call's operation and what its last outcome was."""

    def __init__(self, operation: Operation, budget: RetryBudget | None) -> None:
        self.operation = operation
        self.feeder = _adapt.Feeder(operation, budget)
        self.step: Step | None = None
        self.response: Any = None
        self.exception: BaseException | None = None
        self.fed = 0  # the attempt numbers fed so far
        self.call_s = 0.0  # the calls' own time so far


def strategies(
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    refresh: Callable[[], object] | None = None,
    seed: int | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    classifier: Classifier | None = None,
) -> Strategies:
    """``retry``, ``wait``, ``stop``, ``before_sleep`` and ``retry_error_callback`` for
    ``@tenacity.retry(**strategies(...))``, with :func:`errtriage.retry`'s keywords (the
    request context is also read from each response's or exception's ``.request``)."""
    calls: weakref.WeakKeyDictionary[RetryCallState, _Call] = weakref.WeakKeyDictionary()

    def of(state: RetryCallState) -> _Call:
        call = calls.get(state)
        if call is None:
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
            call = calls[state] = _Call(operation, budget)
        return call

    def feed(state: RetryCallState) -> _Call:
        call = of(state)
        if call.fed == state.attempt_number or state.outcome is None:
            return call  # this outcome is fed already
        call.fed = state.attempt_number
        # The attempt's own time: since the call started, less the sleeps and earlier attempts.
        since = state.seconds_since_start or 0.0
        took = max(0.0, since - state.idle_for - call.call_s)
        call.call_s += took
        call.operation.record_call_ms(round(took * 1000))
        outcome = state.outcome
        call.response, call.exception = None, None
        if outcome.failed:
            exc = outcome.exception()
            assert exc is not None
            call.exception = exc
            call.step = call.feeder.exception(exc)
        else:
            response = outcome.result()
            body, cut = _adapt.read_attempt(response)
            call.response, call.exception = response, cut
            call.step = call.feeder.response(response, body, cut)
        return call

    def retry(state: RetryCallState) -> bool:
        step = feed(state).step
        # None: not a transport failure, which tenacity re-raises; done: the result returned.
        return step is not None and step.kind != "done"

    def wait(state: RetryCallState) -> float:
        step = feed(state).step
        return step.delay_ms / 1000 if step is not None and step.delay_ms is not None else 0.0

    def stop(state: RetryCallState) -> bool:
        step = feed(state).step
        return step is not None and step.kind == "stop"

    def before_sleep(state: RetryCallState) -> None:
        step = feed(state).step
        if step is not None and step.kind == "refresh":
            assert refresh is not None  # the operation only asks when it can refresh
            refresh()

    def retry_error_callback(state: RetryCallState) -> Any:
        call = feed(state)
        raise RetryStopped(
            call.operation, response=call.response, exception=call.exception
        ) from call.exception

    return {
        "retry": retry,
        "wait": wait,
        "stop": stop,
        "before_sleep": before_sleep,
        "retry_error_callback": retry_error_callback,
    }
