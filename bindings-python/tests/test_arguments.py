"""The argument forms of the idiomatic API: every body type, every kind of header container a
Python HTTP stack hands out, keyword-only context, transport failures; and the responses of
`requests` and `httpx`, built by hand (no network)."""

from __future__ import annotations

import array
import email.message
import http.client
import io
import json
import types
from collections.abc import Iterator, Mapping

import httpx
import pytest
import requests
from requests.structures import CaseInsensitiveDict

import errtriage

UPSTREAM = (
    b'{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.",'
    b'"details":{"providerStatus":502}},"requestId":"req_search_001"}'
)
HEADERS = {"Content-Type": "application/json", "Retry-After": "3", "X-Request-Id": "hdr_1"}


def expected() -> errtriage.Verdict:
    return errtriage.classify(502, UPSTREAM, HEADERS)


def test_the_reference_verdict() -> None:
    v = expected()
    assert (v.shape, v.category, v.action, v.retryable) == ("core_wrapper", "transient", "retry", True)
    assert (v.code, v.request_id, v.details, v.retry_after_ms) == (
        "UPSTREAM_ERROR",
        "req_search_001",
        {"providerStatus": 502},
        3000,
    )


@pytest.mark.parametrize(
    "body",
    [
        UPSTREAM,
        bytearray(UPSTREAM),
        memoryview(UPSTREAM),
        memoryview(b"xx" + UPSTREAM + b"yy")[2:-2],
        memoryview(bytearray(UPSTREAM)),
        UPSTREAM.decode(),
        type("BytesSubclass", (bytes,), {})(UPSTREAM),
        type("StrSubclass", (str,), {})(UPSTREAM.decode()),
    ],
    ids=[
        "bytes",
        "bytearray",
        "memoryview",
        "memoryview-slice",
        "memoryview-bytearray",
        "str",
        "bytes-sub",
        "str-sub",
    ],
)
def test_body_forms(body: object) -> None:
    assert errtriage.classify(502, body, HEADERS) == expected()


def test_non_contiguous_memoryview() -> None:
    doubled = array.array("B", bytes(b for c in UPSTREAM for b in (c, 0)))
    assert errtriage.classify(502, memoryview(doubled)[::2], HEADERS) == expected()


@pytest.mark.parametrize("extra", [0, 1, 2, 1000])
@pytest.mark.parametrize("wide", [False, True])
def test_long_bodies_of_every_type_read_as_their_bytes(extra: int, wide: bool) -> None:
    # Only the core's prefix and one byte cross for a str, bytearray or memoryview: the
    # verdict is the one for the whole body's bytes, at the edge of the prefix and past it.
    item = '"champ invalidé",' if wide else '"field is invalid",'
    head = '{"code":"validation_error","message":"m","request_id":"r","metadata":{"errors":['
    text = head + item * (errtriage.BODY_PREFIX_BYTES // len(item.encode()) + 1)
    text = text[: errtriage.BODY_PREFIX_BYTES - 4] + "é" * 2 + "x" * extra
    data = text.encode()
    want = errtriage.classify(400, data, HEADERS)
    # Whole, the JSON is unfinished (malformed); longer than the prefix, what it held counts.
    assert want.code == ("validation_error" if len(data) > errtriage.BODY_PREFIX_BYTES else None)
    doubled = array.array("B", bytes(b for c in data for b in (c, 0)))
    forms = [text, bytearray(data), memoryview(data), memoryview(doubled)[::2]]
    for body in forms:
        assert errtriage.classify(400, body, HEADERS) == want
    # A lone surrogate just past the prefix is cut off with it.
    assert errtriage.classify(400, text + "\ud800", HEADERS) == errtriage.classify(400, data + b"?", HEADERS)


def test_non_utf8_bytes_are_classified_not_refused() -> None:
    v = errtriage.classify(502, b"\xff\xfe{\x00")
    assert v.shape in errtriage.SHAPES


def test_no_body_and_empty_body_agree() -> None:
    assert errtriage.classify(503) == errtriage.classify(503, b"") == errtriage.classify(503, "")
    assert errtriage.classify(503, None, None) == errtriage.classify(503, headers={})


class _Mapping(Mapping[str, str]):
    """A minimal read-only mapping, to show any Mapping works."""

    def __init__(self, data: dict[str, str]) -> None:
        self._data = data

    def __getitem__(self, key: str) -> str:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


def _message() -> email.message.Message:
    m = email.message.Message()
    for name, value in HEADERS.items():
        m[name] = value
    return m


def _http_message() -> http.client.HTTPMessage:
    raw = "".join(f"{k}: {v}\r\n" for k, v in HEADERS.items()) + "\r\n"
    return http.client.parse_headers(io.BytesIO(raw.encode("latin-1")))


@pytest.mark.parametrize(
    "make",
    [
        lambda: dict(HEADERS),
        lambda: {k.lower(): v for k, v in HEADERS.items()},
        lambda: {k.upper(): v for k, v in HEADERS.items()},
        lambda: {k: [v] for k, v in HEADERS.items()},
        lambda: CaseInsensitiveDict(HEADERS),
        lambda: httpx.Headers(HEADERS),
        _message,
        _http_message,
        lambda: _Mapping(HEADERS),
        lambda: types.MappingProxyType(HEADERS),
        lambda: list(HEADERS.items()),
        lambda: [list(kv) for kv in HEADERS.items()],
        lambda: tuple(HEADERS.items()),
        lambda: (kv for kv in HEADERS.items()),
    ],
    ids=[
        "dict",
        "lower",
        "upper",
        "dict-of-lists",
        "CaseInsensitiveDict",
        "httpx.Headers",
        "email.Message",
        "http.client.HTTPMessage",
        "Mapping",
        "MappingProxyType",
        "list-of-tuples",
        "list-of-lists",
        "tuple",
        "generator",
    ],
)
def test_header_forms(make: object) -> None:
    assert errtriage.classify(502, UPSTREAM, make()) == expected()  # type: ignore[operator]


def test_repeated_headers_reach_the_core_in_order() -> None:
    # The core takes the first usable value of a repeated header; every form must keep both.
    body = b""
    pairs = [("x-request-id", "first"), ("X-Request-Id", "second")]
    want = errtriage.classify(500, body, pairs).request_id
    from_json = errtriage.classify_json(
        '{"status": 500, "headers": [["x-request-id", "first"], ["X-Request-Id", "second"]]}'
    )
    assert want is not None and want == json.loads(from_json)["request_id"]
    assert errtriage.classify(500, body, {"x-request-id": ["first", "second"]}).request_id == want
    # httpx.Headers.items() would join the two into "first, second": multi_items() is used.
    assert errtriage.classify(500, body, httpx.Headers(pairs)).request_id == want
    m = email.message.Message()
    m["x-request-id"] = "first"
    m["X-Request-Id"] = "second"
    assert errtriage.classify(500, body, m).request_id == want


def test_context_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        errtriage.classify(502, UPSTREAM, HEADERS, "POST")  # type: ignore[misc]
    with pytest.raises(TypeError):
        errtriage.classify_transport("timeout", True)  # type: ignore[misc]
    with pytest.raises(TypeError, match="sent"):
        errtriage.classify_transport("timeout")  # type: ignore[call-arg]


def test_context_changes_the_action_not_the_facts() -> None:
    plain = errtriage.classify(502, UPSTREAM, HEADERS)
    unsafe = errtriage.classify(502, UPSTREAM, HEADERS, method="POST", endpoint="/api/core/messages/send")
    safe = errtriage.classify(
        502, UPSTREAM, HEADERS, method="POST", endpoint="/api/core/messages/send", idempotency_key="k-1"
    )
    assert (plain.action, unsafe.action, safe.action) == ("retry", "reconcile", "retry")
    assert plain.code == unsafe.code == safe.code
    assert plain.request_id == unsafe.request_id == safe.request_id


@pytest.mark.parametrize(
    "kwargs, request_json",
    [
        ({"token_fresh": True}, '{"token_fresh": true}'),
        ({"token_fresh": False, "auth": "bearer"}, '{"token_fresh": false, "auth": "bearer"}'),
        ({"auth": "api_key", "attempt": 2}, '{"auth": "api_key", "attempt": 2}'),
        ({"method": "get", "endpoint": "/x"}, '{"method": "get", "endpoint": "/x"}'),
    ],
)
def test_each_context_keyword_matches_the_json_form(kwargs: dict[str, object], request_json: str) -> None:
    body = b'{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing bearer token"},"requestId":"r"}'
    v = errtriage.classify(401, body, **kwargs)
    text = f'{{"status": 401, "body": {json.dumps(body.decode())}, "request": {request_json}}}'
    assert v.to_json() == errtriage.classify_json(text)


def test_now_is_used_for_an_http_date_retry_after() -> None:
    headers = {"retry-after": "Sat, 22 Nov 2025 00:01:00 GMT"}
    v = errtriage.classify(503, b"", headers, now=1763769600)  # 2025-11-22T00:00:00Z
    assert v.retry_after_ms == 60_000
    assert v.to_json() == errtriage.classify_json(
        '{"status": 503, "headers": {"retry-after": "Sat, 22 Nov 2025 00:01:00 GMT"}, "now": 1763769600}'
    )


@pytest.mark.parametrize("kind", errtriage.TRANSPORT_KINDS)
@pytest.mark.parametrize("sent", [True, False, None])
def test_transport_matches_the_json_form(kind: errtriage.TransportKind, sent: bool | None) -> None:
    v = errtriage.classify_transport(kind, sent=sent, method="POST", idempotency_key="k")
    sent_json = {True: "true", False: "false", None: "null"}[sent]
    transport = f'{{"kind": "{kind}", "sent": {sent_json}}}'
    assert v.to_json() == errtriage.classify_json(
        f'{{"transport": {transport}, "request": {{"method": "POST", "idempotency_key": "k"}}}}'
    )
    assert v.shape == "transport" and v.status is None


def test_transport_detail_is_the_message() -> None:
    v = errtriage.classify_transport("dns", sent=False, detail="getaddrinfo ENOTFOUND api.example.com")
    assert v.message == "getaddrinfo ENOTFOUND api.example.com"


def test_numpy_style_integers_are_accepted() -> None:
    class Index:
        def __index__(self) -> int:
            return 502

    assert errtriage.classify(Index(), UPSTREAM, HEADERS) == expected()


# requests and httpx responses, built by hand: what a caller passes from each.


def test_a_requests_response() -> None:
    req = requests.Request(
        "POST", "https://api.example.com/api/core/messages/send", headers={"Idempotency-Key": "k-1"}
    ).prepare()
    resp = requests.Response()
    resp.status_code = 502
    resp.headers = CaseInsensitiveDict(HEADERS)
    resp._content = UPSTREAM
    resp.request = req
    v = errtriage.classify(
        resp.status_code,
        resp.content,
        resp.headers,
        method=req.method,
        endpoint=req.path_url,
        idempotency_key=req.headers.get("Idempotency-Key"),
    )
    assert v.action == "retry" and v.request_id == "req_search_001"
    assert v == errtriage.classify(
        502, UPSTREAM, HEADERS, method="POST", endpoint="/api/core/messages/send", idempotency_key="k-1"
    )


def test_an_httpx_response() -> None:
    req = httpx.Request("POST", "https://api.example.com/api/core/messages/send")
    resp = httpx.Response(502, headers=HEADERS, content=UPSTREAM, request=req)
    v = errtriage.classify(
        resp.status_code,
        resp.content,
        resp.headers,
        method=req.method,
        endpoint=req.url.path,
        idempotency_key=req.headers.get("Idempotency-Key"),
    )
    # POST without an Idempotency-Key after an ambiguous failure: check before sending again.
    assert v.action == "reconcile"
    assert v.to_dict()["details"] == {"providerStatus": 502}


@pytest.mark.parametrize(
    "number, text",
    [
        (30, "30"),
        (0, "0"),
        (-5, "-5"),
        (10**30, "1" + "0" * 30),
        (1.5, "1.5"),
        (30.0, "30"),
        (1e21, "1" + "0" * 21),
        (2.5e-7, "0.00000025"),
    ],
)
def test_header_numbers_read_as_their_decimal_text(number: float, text: str) -> None:
    as_text = {"Retry-After": text, "x-request-id": text}
    given = {"Retry-After": number, "x-request-id": number}
    want = errtriage.classify(503, None, as_text)
    assert errtriage.classify(503, None, given) == want
    assert errtriage.classify(503, None, [("Retry-After", number), ("x-request-id", number)]) == want
    assert errtriage.classify(503, None, {"Retry-After": [number], "x-request-id": (number,)}) == want
    assert errtriage.Classifier.builtin().classify(503, None, given) == want
    assert errtriage.log_fields(503, None, given) == errtriage.log_fields(503, None, as_text)
    report = errtriage.escalation_report(503, None, given)
    assert report == errtriage.escalation_report(503, None, as_text)
    assert ("x-request-id", text) in report.headers
    assert errtriage.classify_lifecycle(b"{}", given) == errtriage.classify_lifecycle(b"{}", as_text)
    op, op_text = errtriage.Operation(seed=1), errtriage.Operation(seed=1)
    assert op.feed(503, None, given) == op_text.feed(503, None, as_text)
    assert op.last_verdict == op_text.last_verdict


def test_header_number_retry_after_is_the_delay() -> None:
    assert errtriage.classify(429, None, {"Retry-After": 30}).retry_after_ms == 30_000


@pytest.mark.parametrize("value", [True, False, None, float("nan"), float("-inf"), b"30", 1j])
def test_header_values_of_other_types_keep_the_cores_wording(value: object) -> None:
    with pytest.raises(TypeError) as raised:
        errtriage.classify(503, None, {"Retry-After": value})
    assert (
        str(raised.value) == f"headers.Retry-After: expected str or a list of str, got {type(value).__name__}"
    )
