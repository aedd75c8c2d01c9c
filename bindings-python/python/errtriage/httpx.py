"""httpx transports that retry each request on errtriage's operation driver.

::

    import errtriage, httpx
    client = httpx.Client(transport=errtriage.httpx.RetryTransport(httpx.HTTPTransport()))
    response = client.get("https://api.example.com/v1/things")

Each request is one operation (:class:`errtriage.Operation`) started with the request's method,
path and ``Idempotency-Key`` header; its payload is read into memory first (so that a resend
sends the same bytes) and observed, so a keyless POST whose outcome is unknown is never sent
twice. Every result goes to the driver: a response (its body is read here: the driver needs a
failure's body, and a 2xx body may say it failed), a body cut off while read, or an httpx
transport exception (read by the core's client-error table). The transport sleeps the step's
delay, calls ``refresh(request)`` — which may set new credentials on the request — on a refresh
step, and sends again.

**On a stop, the last response is returned** (a 4xx/5xx the caller's own code handles as it
would without retries; ``response.raise_for_status()`` still works) and the stop is attached:
``response.extensions["errtriage"]`` and ``errtriage.stopped(response)`` are the
:class:`errtriage.RetryStopped` :func:`errtriage.retry` would have raised (its ``step``,
``verdict``, ``history``, ``report()``, and the core's sentence as ``str()``). **When the last
attempt ended in a transport error, that httpx exception is raised**, and
``errtriage.stopped(exc)`` gives the same. The client's own timeouts bound each attempt.
A response the operation is done with carries nothing.

Importing this module imports httpx (``pip install errtriage[httpx]``); ``import errtriage``
does not.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

import httpx

from . import Classifier, Operation, RetryBudget, RetryPolicy, _adapt
from .retrying import _hand_back, stopped

__all__ = ["AsyncRetryTransport", "RetryTransport"]


def _operation(
    request: httpx.Request,
    policy: RetryPolicy | None,
    seed: int | None,
    can_refresh: bool,
    classifier: Classifier | None,
) -> Operation:
    method, key, payload = _adapt.request_parts(request)
    operation = Operation(
        policy,
        seed=seed,
        can_refresh=can_refresh,
        method=method,
        endpoint=request.url.path,
        idempotency_key=key,
        classifier=classifier,
    )
    _adapt.observe(operation, (None, None, payload))
    return operation


class _Settings:
    def __init__(
        self,
        policy: RetryPolicy | None,
        budget: RetryBudget | None,
        seed: int | None,
        classifier: Classifier | None,
    ) -> None:
        self.policy = policy
        self.budget = budget
        self.seed = seed
        self.classifier = classifier


class RetryTransport(httpx.BaseTransport):
    """Wraps a sync httpx transport (default ``httpx.HTTPTransport()``); every request it
    handles is retried as errtriage's driver says. ``refresh(request)`` is called on a refresh
    step (set the new credentials on ``request``); ``sleep`` defaults to ``time.sleep``."""

    def __init__(
        self,
        transport: httpx.BaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        budget: RetryBudget | None = None,
        refresh: Callable[[httpx.Request], object] | None = None,
        sleep: Callable[[float], object] = time.sleep,
        seed: int | None = None,
        classifier: Classifier | None = None,
    ) -> None:
        self.transport = transport if transport is not None else httpx.HTTPTransport()
        self.refresh = refresh
        self.sleep = sleep
        self._settings = _Settings(policy, budget, seed, classifier)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        s = self._settings
        request.read()  # a streamed payload, in memory: every attempt sends the same bytes
        operation = _operation(request, s.policy, s.seed, self.refresh is not None, s.classifier)
        feeder = _adapt.Feeder(operation, s.budget)
        hook = self.refresh
        refresh = None if hook is None else (lambda: hook(request))
        while True:
            response: httpx.Response | None = None
            exception: BaseException | None = None
            feeder.begin()
            try:
                response = self.transport.handle_request(request)
                body, cut = _adapt.read_attempt(response)
            except Exception as exc:
                step = feeder.exception(exc)
                if step is None:
                    raise
                exception = exc
            else:
                exception = cut
                step = feeder.response(response, body, cut)
            if step.kind == "done":
                assert response is not None
                return response
            if step.kind == "stop":
                return _stop(operation, response, exception)
            if response is not None:
                response.close()
            _adapt.follow(step, self.sleep, refresh)

    def close(self) -> None:
        self.transport.close()


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """:class:`RetryTransport` for ``httpx.AsyncClient``: wraps an async transport (default
    ``httpx.AsyncHTTPTransport()``); ``sleep`` (default ``asyncio.sleep``) and ``refresh`` may
    be plain or async functions."""

    def __init__(
        self,
        transport: httpx.AsyncBaseTransport | None = None,
        *,
        policy: RetryPolicy | None = None,
        budget: RetryBudget | None = None,
        refresh: Callable[[httpx.Request], object]
        | Callable[[httpx.Request], Awaitable[object]]
        | None = None,
        sleep: Callable[[float], object] | Callable[[float], Awaitable[object]] | None = None,
        seed: int | None = None,
        classifier: Classifier | None = None,
    ) -> None:
        self.transport = transport if transport is not None else httpx.AsyncHTTPTransport()
        self.refresh = refresh
        self.sleep = sleep
        self._settings = _Settings(policy, budget, seed, classifier)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        import asyncio

        s = self._settings
        await request.aread()
        operation = _operation(request, s.policy, s.seed, self.refresh is not None, s.classifier)
        feeder = _adapt.Feeder(operation, s.budget)
        hook = self.refresh
        refresh = None if hook is None else (lambda: hook(request))
        while True:
            response: httpx.Response | None = None
            exception: BaseException | None = None
            feeder.begin()
            try:
                response = await self.transport.handle_async_request(request)
                body, cut = await _adapt.aread_attempt(response)
            except Exception as exc:
                step = feeder.exception(exc)
                if step is None:
                    raise
                exception = exc
            else:
                exception = cut
                step = feeder.response(response, body, cut)
            if step.kind == "done":
                assert response is not None
                return response
            if step.kind == "stop":
                return _stop(operation, response, exception)
            if response is not None:
                await response.aclose()
            await _adapt.afollow(step, self.sleep or asyncio.sleep, refresh)

    async def aclose(self) -> None:
        await self.transport.aclose()


def _stop(
    operation: Operation, response: httpx.Response | None, exception: BaseException | None
) -> httpx.Response:
    """:func:`_hand_back`, the stop also in the response's extensions."""
    handed = _hand_back(operation, response, exception)
    handed.extensions["errtriage"] = stopped(handed)
    return handed
