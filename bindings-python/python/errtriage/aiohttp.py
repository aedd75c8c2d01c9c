"""An aiohttp client middleware that retries each request on errtriage's operation driver
(client middlewares: aiohttp 3.12 and later).

::

    import aiohttp, errtriage
    async with aiohttp.ClientSession(middlewares=[errtriage.aiohttp.retry_middleware()]) as session:
        async with session.get("https://api.example.com/v1/things") as response: ...

Each request through the middleware is one operation (:class:`errtriage.Operation`) started
with the request's method, path and ``Idempotency-Key`` header, its payload observed (bytes,
str and JSON payloads; a streamed one is not). Every result goes to the driver — a response
(its body read with ``await response.read()``, so it stays readable for the caller), a body
cut off while read (``ClientPayloadError``), or an aiohttp exception read by the core's
client-error table — and the middleware sleeps the step's delay (``asyncio.sleep`` unless
given ``sleep``), awaits ``refresh(request)`` (set new credentials on the ``ClientRequest``'s
headers) on a refresh step, and sends again through the rest of the chain. Bound each attempt
with the session's ``aiohttp.ClientTimeout(sock_read=…)`` (``total`` spans every attempt).

**On a stop, the last response is returned** with the stop attached
(``errtriage.stopped(response)``: the :class:`errtriage.RetryStopped` :func:`errtriage.retry`
would have raised); **when the last attempt ended in a transport error (or a cut-off body),
that aiohttp exception is raised**, and ``errtriage.stopped(exc)`` gives the same.

Importing this module imports aiohttp (``pip install errtriage[aiohttp]``); ``import
errtriage`` does not.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiohttp import ClientHandlerType, ClientMiddlewareType, ClientRequest, ClientResponse
from aiohttp.payload import BytesPayload

from . import Classifier, Operation, RetryBudget, RetryPolicy, _adapt
from .retrying import _hand_back

__all__ = ["retry_middleware"]


async def _payload(request: ClientRequest) -> bytes | None:
    body = request.body
    if isinstance(body, bytes):
        return body
    if isinstance(body, BytesPayload):  # bytes, str and JSON payloads: kept, read again freely
        return await body.as_bytes()
    return None  # a stream: nothing to compare


def retry_middleware(
    *,
    policy: RetryPolicy | None = None,
    budget: RetryBudget | None = None,
    refresh: Callable[[ClientRequest], object] | Callable[[ClientRequest], Awaitable[object]] | None = None,
    sleep: Callable[[float], object] | Callable[[float], Awaitable[object]] = asyncio.sleep,
    seed: int | None = None,
    classifier: Classifier | None = None,
) -> ClientMiddlewareType:
    """A middleware for ``aiohttp.ClientSession(middlewares=[...])`` (or one request's
    ``middlewares=``): every request through it is retried as errtriage's driver says."""

    async def errtriage_retry(request: ClientRequest, handler: ClientHandlerType) -> ClientResponse:
        method, key, _ = _adapt.request_parts(request)
        operation = Operation(
            policy,
            seed=seed,
            can_refresh=refresh is not None,
            method=method,
            endpoint=request.url.path,
            idempotency_key=key,
            classifier=classifier,
        )
        _adapt.observe(operation, (None, None, await _payload(request)))
        feeder = _adapt.Feeder(operation, budget)
        again = None if refresh is None else (lambda: refresh(request))
        while True:
            response: ClientResponse | None = None
            exception: BaseException | None = None
            feeder.begin()
            try:
                response = await handler(request)
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
                return _hand_back(operation, response, exception)
            if response is not None:
                response.release()
            await _adapt.afollow(step, sleep, again)

    return errtriage_retry
