"""``classify_response``: a client's response in, the core's verdict out.

The method and ``Idempotency-Key`` of the request the response carries (``requests`` and
``httpx``: ``.request``; aiohttp: ``.request_info``) are read unless given. ``requests`` and
``httpx`` responses are read synchronously; an aiohttp response's body is read by awaiting it,
so aiohttp responses go to :func:`aclassify_response` (which also reads async httpx
responses). A body cut off while it is read is classified as the partial response it is (the
transport kind the core's client-error table gives the exception).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import Classifier, Verdict, _adapt
from . import classify as _classify

if TYPE_CHECKING:
    from . import Auth

__all__ = ["aclassify_response", "classify_response"]


def _verdict(
    response: Any,
    body: bytes | None,
    cut: BaseException | None,
    *,
    classifier: Classifier | None,
    method: str | None,
    endpoint: str | None,
    idempotency_key: str | None,
    token_fresh: bool | None,
    auth: Auth | None,
    attempt: int | None,
    now: int | None,
) -> Verdict:
    sent_method, sent_key, _ = _adapt.sent_by(response)
    transport = None
    if cut is not None:
        found = _adapt.transport_failure(cut)
        assert found is not None  # read_attempt only hands back transport failures
        transport = {"kind": found[0], "sent": found[1], "detail": _adapt.detail(cut)}
    classify = classifier.classify if classifier is not None else _classify
    return classify(
        _adapt.status_of(response),
        body,
        response.headers,
        method=method if method is not None else sent_method,
        endpoint=endpoint,
        idempotency_key=idempotency_key if idempotency_key is not None else sent_key,
        token_fresh=token_fresh,
        auth=auth,
        attempt=attempt,
        now=now,
        transport=transport,  # type: ignore[arg-type]
    )


def _read(response: Any) -> tuple[bytes | None, BaseException | None]:
    try:
        return _adapt.read_body(response), None
    except Exception as exc:
        if _adapt.transport_failure(exc) is None:
            raise
        return None, exc


async def _aread(response: Any) -> tuple[bytes | None, BaseException | None]:
    try:
        return await _adapt.aread_body(response), None
    except Exception as exc:
        if _adapt.transport_failure(exc) is None:
            raise
        return None, exc


def classify_response(
    response: Any,
    *,
    classifier: Classifier | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt: int | None = None,
    now: int | None = None,
) -> Verdict:
    """The verdict on a ``requests`` or ``httpx`` response (an aiohttp response raises
    ``TypeError``: use :func:`aclassify_response`), by ``classifier`` or the built-in model."""
    body, cut = _read(response)
    return _verdict(
        response,
        body,
        cut,
        classifier=classifier,
        method=method,
        endpoint=endpoint,
        idempotency_key=idempotency_key,
        token_fresh=token_fresh,
        auth=auth,
        attempt=attempt,
        now=now,
    )


async def aclassify_response(
    response: Any,
    *,
    classifier: Classifier | None = None,
    method: str | None = None,
    endpoint: str | None = None,
    idempotency_key: str | None = None,
    token_fresh: bool | None = None,
    auth: Auth | None = None,
    attempt: int | None = None,
    now: int | None = None,
) -> Verdict:
    """:func:`classify_response` for an aiohttp response (``await response.read()``) or an
    async httpx one (``await response.aread()``); any other response as there."""
    body, cut = await _aread(response)
    return _verdict(
        response,
        body,
        cut,
        classifier=classifier,
        method=method,
        endpoint=endpoint,
        idempotency_key=idempotency_key,
        token_fresh=token_fresh,
        auth=auth,
        attempt=attempt,
        now=now,
    )
