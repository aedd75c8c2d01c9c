"""A ``requests`` transport adapter that retries each request on errtriage's operation driver.

::

    import errtriage, requests
    session = requests.Session()
    session.mount("https://", errtriage.requests.RetryAdapter())

Each request the adapter sends is one operation (:class:`errtriage.Operation`) started with the
prepared request's method, path and ``Idempotency-Key`` header, its payload observed (a
streamed body, which cannot be sent twice the same, is not). urllib3's own retries are off
(``max_retries=0``): the driver decides. Every result goes to the driver — a response (its body
is read here), a body cut off while read (``ChunkedEncodingError``), or a ``requests``
exception read by the core's client-error table — and the adapter sleeps the step's delay,
calls ``refresh(request)`` (set new credentials on the ``PreparedRequest``) on a refresh step,
and sends again. Give the session call a ``timeout=``: it bounds each attempt.

**On a stop, the last response is returned** with the stop attached
(``errtriage.stopped(response)``: the :class:`errtriage.RetryStopped` :func:`errtriage.retry`
would have raised); **when the last attempt ended in a transport error (or a cut-off body),
that ``requests`` exception is raised**, and ``errtriage.stopped(exc)`` gives the same.

Importing this module imports requests (``pip install errtriage[requests]``); ``import
errtriage`` does not.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from requests import PreparedRequest, Response
from requests.adapters import HTTPAdapter

from . import Classifier, Operation, RetryBudget, RetryPolicy, _adapt
from .retrying import _hand_back

__all__ = ["RetryAdapter"]


class RetryAdapter(HTTPAdapter):
    """An ``HTTPAdapter`` whose ``send`` retries as errtriage's driver says. Keywords of
    ``HTTPAdapter`` (``pool_connections``, ``pool_maxsize``, ``pool_block``) are passed on;
    ``max_retries`` is always 0."""

    def __init__(
        self,
        *,
        policy: RetryPolicy | None = None,
        budget: RetryBudget | None = None,
        refresh: Callable[[PreparedRequest], object] | None = None,
        sleep: Callable[[float], object] = time.sleep,
        seed: int | None = None,
        classifier: Classifier | None = None,
        pool_connections: int = 10,
        pool_maxsize: int = 10,
        pool_block: bool = False,
    ) -> None:
        super().__init__(
            pool_connections=pool_connections, pool_maxsize=pool_maxsize, max_retries=0, pool_block=pool_block
        )
        self.policy = policy
        self.budget = budget
        self.refresh = refresh
        self.sleep = sleep
        self.seed = seed
        self.classifier = classifier

    def send(
        self,
        request: PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float | None, float | None] | None = None,
        verify: bool | str = True,
        cert: str | tuple[str, str] | None = None,
        proxies: dict[str, str] | None = None,
    ) -> Response:
        method, key, payload = _adapt.request_parts(request)
        operation = Operation(
            self.policy,
            seed=self.seed,
            can_refresh=self.refresh is not None,
            method=method,
            endpoint=request.path_url,
            idempotency_key=key,
            classifier=self.classifier,
        )
        _adapt.observe(operation, (None, None, payload))
        feeder = _adapt.Feeder(operation, self.budget)
        hook = self.refresh
        refresh = None if hook is None else (lambda: hook(request))
        while True:
            response: Response | None = None
            exception: BaseException | None = None
            feeder.begin()
            try:
                response = super().send(
                    request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies
                )
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
                return _hand_back(operation, response, exception)
            if response is not None:
                response.close()
            _adapt.follow(step, self.sleep, refresh)
