"""Wrong arguments: a wrong type is a TypeError, a wrong value a ValueError, each message starts
with the argument's name (as the JSON form spells it), value messages are word for word the
core's, and nothing ever surfaces as pyo3's PanicException."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, body_bytes, load_cases


def json_form_error(text: str) -> str:
    with pytest.raises(ValueError) as raised:
        errtriage.classify_json(text)
    return str(raised.value)


# (call, the equivalent JSON-form input): the same bad value gives the same message both ways.
VALUE_ERRORS: list[tuple[str, Callable[[], object], str]] = [
    ("status below range", lambda: errtriage.classify(99), '{"status": 99}'),
    ("status above range", lambda: errtriage.classify(600), '{"status": 600}'),
    ("status zero", lambda: errtriage.classify(0), '{"status": 0}'),
    ("status negative", lambda: errtriage.classify(-5), '{"status": -5}'),
    ("status beyond u16", lambda: errtriage.classify(70000), '{"status": 70000}'),
    (
        "method",
        lambda: errtriage.classify(500, method="GET /x"),
        '{"status": 500, "request": {"method": "GET /x"}}',
    ),
    (
        "empty method",
        lambda: errtriage.classify(500, method=""),
        '{"status": 500, "request": {"method": ""}}',
    ),
    ("auth", lambda: errtriage.classify(500, auth="oauth"), '{"status": 500, "request": {"auth": "oauth"}}'),  # type: ignore[arg-type]
    (
        "attempt zero",
        lambda: errtriage.classify(500, attempt=0),
        '{"status": 500, "request": {"attempt": 0}}',
    ),
    (
        "transport kind",
        lambda: errtriage.classify_transport("timed_out", sent=True),  # type: ignore[arg-type]
        '{"transport": {"kind": "timed_out", "sent": true}}',
    ),
    (
        "transport context",
        lambda: errtriage.classify_transport("reset", sent=None, method="a b"),
        '{"transport": {"kind": "reset"}, "request": {"method": "a b"}}',
    ),
]


@pytest.mark.parametrize("call, text", [v[1:] for v in VALUE_ERRORS], ids=[v[0] for v in VALUE_ERRORS])
def test_value_errors_are_the_cores(call: Callable[[], object], text: str) -> None:
    with pytest.raises(ValueError) as raised:
        call()
    assert not isinstance(raised.value, TypeError)
    assert str(raised.value) == json_form_error(text)


@pytest.mark.parametrize(
    "call, field",
    [
        (lambda: errtriage.classify(10**30), "status"),
        (lambda: errtriage.classify(-(10**30)), "status"),
        (lambda: errtriage.classify(500, attempt=-1), "request.attempt"),
        (lambda: errtriage.classify(500, attempt=2**32), "request.attempt"),
        (lambda: errtriage.classify(500, now=2**63), "now"),
    ],
)
def test_other_value_errors_name_the_argument(call: Callable[[], object], field: str) -> None:
    with pytest.raises(ValueError, match=f"^{field}[.:\\[]"):
        call()


def test_out_of_range_numbers_keep_the_cores_wording() -> None:
    with pytest.raises(ValueError) as raised:
        errtriage.classify(10**30)
    assert str(raised.value) == json_form_error('{"status": 700}').replace("700", str(10**30))
    with pytest.raises(ValueError) as raised:
        errtriage.classify(500, attempt=-7)
    assert str(raised.value) == json_form_error('{"status": 500, "request": {"attempt": 0}}').replace(
        "got 0", "got -7"
    )


TYPE_ERRORS: list[tuple[Callable[[], object], str]] = [
    (lambda: errtriage.classify("502"), "status"),
    (lambda: errtriage.classify(502.0), "status"),
    (lambda: errtriage.classify(True), "status"),
    (lambda: errtriage.classify(None), "status"),
    (lambda: errtriage.classify(502, 12), "body"),
    (lambda: errtriage.classify(502, [b"x"]), "body"),
    (lambda: errtriage.classify(502, body={"a": 1}), "body"),
    (lambda: errtriage.classify(502, None, 5), "headers"),
    (lambda: errtriage.classify(502, None, "x-request-id: 1"), "headers"),
    (lambda: errtriage.classify(502, None, b"x"), "headers"),
    (lambda: errtriage.classify(502, None, {"x": None}), "headers.x"),
    (lambda: errtriage.classify(502, None, {"x": True}), "headers.x"),
    (lambda: errtriage.classify(502, None, {"x": float("inf")}), "headers.x"),
    (lambda: errtriage.classify(502, None, {"x": ["a", b"1"]}), "headers.x"),
    (lambda: errtriage.classify(502, None, {1: "a"}), "headers"),
    (lambda: errtriage.classify(502, None, [("a", "b", "c")]), "headers[0]"),
    (lambda: errtriage.classify(502, None, [("a", "b"), ("c", False)]), "headers[1]"),
    (lambda: errtriage.classify(502, None, ["ab"]), "headers[0]"),
    (lambda: errtriage.classify(502, method=1), "request.method"),
    (lambda: errtriage.classify(502, endpoint=b"/x"), "request.endpoint"),
    (lambda: errtriage.classify(502, idempotency_key=1), "request.idempotency_key"),
    (lambda: errtriage.classify(502, token_fresh="yes"), "request.token_fresh"),
    (lambda: errtriage.classify(502, token_fresh=1), "request.token_fresh"),
    (lambda: errtriage.classify(502, auth=1), "request.auth"),
    (lambda: errtriage.classify(502, attempt="1"), "request.attempt"),
    (lambda: errtriage.classify(502, attempt=True), "request.attempt"),
    (lambda: errtriage.classify(502, now=1.5), "now"),
    (lambda: errtriage.classify(502, now="1763769600"), "now"),
    (lambda: errtriage.classify_transport(1, sent=True), "transport.kind"),
    (lambda: errtriage.classify_transport(None, sent=True), "transport.kind"),
    (lambda: errtriage.classify_transport("dns", sent="no"), "transport.sent"),
    (lambda: errtriage.classify_transport("dns", sent=0), "transport.sent"),
    (lambda: errtriage.classify_transport("dns", sent=True, detail=1), "transport.detail"),
    (lambda: errtriage.classify_transport("dns", sent=True, attempt=1.0), "request.attempt"),
    (lambda: errtriage.classify_json(b"{}"), "text"),
    (lambda: errtriage.classify_json(None), "text"),
]


@pytest.mark.parametrize("call, field", TYPE_ERRORS, ids=[f"{i}-{f}" for i, (_, f) in enumerate(TYPE_ERRORS)])
def test_type_errors_name_the_argument(call: Callable[[], object], field: str) -> None:
    with pytest.raises(TypeError) as raised:
        call()
    message = str(raised.value)
    assert message.startswith(f"{field}: expected "), message
    assert ", got " in message


def test_unknown_keywords_are_refused() -> None:
    with pytest.raises(TypeError, match="statuscode"):
        errtriage.classify(statuscode=500)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="idempotencyKey"):
        errtriage.classify(500, idempotencyKey="k")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not json",
        "[]",
        "null",
        "{}",
        '{"status": "502"}',
        '{"status": 502, "bogus": 1}',
        '{"status": 502.5}',
    ],
)
def test_classify_json_refuses_malformed_input_with_value_error(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        errtriage.classify_json(text)
    assert type(raised.value) is ValueError


class Hostile:
    """An object whose every protocol raises, standing in for any surprising caller value."""

    def __index__(self) -> int:
        raise RuntimeError("__index__")

    def __iter__(self) -> Any:
        raise RuntimeError("__iter__")

    def items(self) -> Any:
        raise RuntimeError("items")

    def __str__(self) -> str:
        raise RuntimeError("__str__")


def test_caller_exceptions_propagate_unchanged() -> None:
    with pytest.raises(RuntimeError, match="items"):
        errtriage.classify(500, None, Hostile())  # type: ignore[arg-type]

    def pairs() -> Any:
        yield ("a", "b")
        raise KeyError("mid-iteration")

    with pytest.raises(KeyError):
        errtriage.classify(500, None, pairs())


def test_nothing_surfaces_as_a_panic() -> None:
    # pyo3's PanicException derives from BaseException; every outcome here must be a verdict
    # or an ordinary Exception. Random bodies and headers, plus every vector body cut short.
    rng = random.Random(20251122)
    pieces = [
        b"{",
        b"}",
        b"[",
        b"]",
        b'"',
        b"\\",
        b":",
        b",",
        b"error",
        b"code",
        b"<",
        b">",
        b"\xff",
        b"\x00",
        b"1e999",
        b"-",
    ]
    bodies = [b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60))) for _ in range(300)]
    bodies += [rng.randbytes(rng.randrange(0, 200)) for _ in range(200)]
    for _, case in load_cases(VECTORS):
        body = body_bytes(case["input"]) or b""
        bodies.append(body[: len(body) // 2])
    names = [
        "retry-after",
        "date",
        "x-request-id",
        "www-authenticate",
        "content-type",
        "x-should-retry",
        "ratelimit-reset",
    ]
    values = [
        "",
        "0",
        "-1",
        "1e9",
        "99999999999999999999",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "Bearer error=",
        "\u00e9",
        "true",
    ]
    for body in bodies:
        status = rng.randrange(100, 600)
        headers = [(rng.choice(names), rng.choice(values)) for _ in range(rng.randrange(0, 4))]
        try:
            v = errtriage.classify(status, body, headers, now=rng.choice([None, 0, -(2**63), 2**63 - 1]))
        except BaseException as e:
            pytest.fail(f"{type(e).__name__}: {e} for status={status} body={body!r} headers={headers!r}")
        assert json.loads(v.to_json()) == v.to_dict()


@pytest.mark.parametrize(
    ("text", "kind", "field"),
    [
        ("{", "syntax", ""),
        ("[]", "type", "input"),
        ('{"status": "502"}', "type", "status"),
        ('{"status": 42}', "value", "status"),
    ],
)
def test_classify_json_errors_carry_the_core_kind_and_field(text: str, kind: str, field: str) -> None:
    with pytest.raises(ValueError) as raised:
        errtriage.classify_json(text)
    assert (getattr(raised.value, "kind", None), getattr(raised.value, "field", None)) == (kind, field)


def test_argument_errors_carry_the_core_kind_and_field() -> None:
    with pytest.raises(TypeError) as wrong_type:
        errtriage.classify("502")  # type: ignore[arg-type]
    assert (getattr(wrong_type.value, "kind", None), getattr(wrong_type.value, "field", None)) == (
        "type",
        "status",
    )
    with pytest.raises(ValueError) as wrong_value:
        errtriage.classify(700)
    assert (getattr(wrong_value.value, "kind", None), getattr(wrong_value.value, "field", None)) == (
        "value",
        "status",
    )


# Issue 11, Deliver 5: numbers out of range worded by the core's one rule (`Error::out_of_range`),
# the same text as the JS bindings' (js/test/suite.test.mjs).
OUT_OF_RANGE: list[tuple[Callable[[], object], str]] = [
    (
        lambda: errtriage.classify(500, attempt=2**32),
        "request.attempt: expected a whole number from 1 to 4294967295, got 4294967296",
    ),
    (
        lambda: errtriage.classify(500, attempt=10**30),
        f"request.attempt: expected a whole number from 1 to 4294967295, got {10**30}",
    ),
    (
        lambda: errtriage.classify(500, now=2**63),
        "now: expected a whole number from -9223372036854775808 to 9223372036854775807,"
        " got 9223372036854775808",
    ),
    (
        lambda: errtriage.RetryPolicy(max_attempts=2**53),
        "max_attempts: expected a whole number from 1 to 4294967295, got 9007199254740992",
    ),
    (
        lambda: errtriage.RetryPolicy(max_attempts=10**30),
        f"max_attempts: expected a whole number from 1 to 4294967295, got {10**30}",
    ),
]


@pytest.mark.parametrize("call, message", OUT_OF_RANGE)
def test_numbers_out_of_range_are_worded_by_the_core(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError) as raised:
        call()
    assert str(raised.value) == message


def test_attempt_out_of_range_is_the_json_forms_error() -> None:
    with pytest.raises(ValueError) as raised:
        errtriage.classify(500, attempt=2**32)
    assert str(raised.value) == json_form_error('{"status": 500, "request": {"attempt": 4294967296}}')


def test_a_negative_now_is_unix_seconds_before_1970_as_in_the_json_form() -> None:
    v = errtriage.classify(503, b"", {"retry-after": "Thu, 01 Jan 1970 00:00:10 GMT"}, now=-5)
    form = '{"status": 503, "headers": {"retry-after": "Thu, 01 Jan 1970 00:00:10 GMT"}, "now": -5}'
    assert v.to_json() == errtriage.classify_json(form)
