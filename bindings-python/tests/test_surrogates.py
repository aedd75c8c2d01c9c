"""A lone surrogate in a `str` argument reads as U+FFFD (issue 11, Deliver 5).

The one decision the core makes for a lone `\\ud800` escape in the JSON form, and JavaScript for
a lone surrogate in a string: each test compares the whole verdict with the JSON form's.
"""

from __future__ import annotations

import json

import pytest

import errtriage

LONE = "a\ud800b"
ESCAPED = "a\\ud800b"  # the JSON form's escape for the same text


def _message_body(message: str) -> str:
    return '{"error":{"code":"X","message":"' + message + '"},"requestId":"r1"}'


def test_body() -> None:
    v = errtriage.classify(400, _message_body(LONE))
    assert v.message == "a\ufffdb"
    assert v.to_json() == errtriage.classify_json(json.dumps({"status": 400, "body": _message_body(ESCAPED)}))
    # The whole body read as text: the same verdict as the body with U+FFFD in it.
    assert v.to_json() == errtriage.classify(400, _message_body("a\ufffdb")).to_json()


def test_header_value() -> None:
    v = errtriage.classify(503, b"", {"x-request-id": LONE, "retry-after": "2"})
    assert v.request_id == "a\ufffdb"
    form = '{"status": 503, "headers": {"x-request-id": "a\\ud800b", "retry-after": "2"}}'
    assert v.to_json() == errtriage.classify_json(form)
    # every header form, pairs included
    assert (
        errtriage.classify(503, b"", [("x-request-id", LONE), ("retry-after", "2")]).to_json() == v.to_json()
    )
    assert errtriage.classify(503, b"", {"x-request-id": [LONE], "retry-after": "2"}).to_json() == v.to_json()


def test_transport_detail() -> None:
    v = errtriage.classify_transport("reset", sent=True, detail=LONE)
    assert v.message == "a\ufffdb"
    form = '{"transport": {"kind": "reset", "sent": true, "detail": "a\\ud800b"}}'
    assert v.to_json() == errtriage.classify_json(form)
    report = errtriage.escalation_report(transport={"kind": "reset", "sent": True, "detail": LONE})
    assert (
        report.to_json()
        == errtriage.escalation_report(
            transport={"kind": "reset", "sent": True, "detail": "a\ufffdb"}
        ).to_json()
    )


def test_classify_json_text() -> None:
    raw = '{"status": 400, "body": "' + _message_body(LONE).replace('"', '\\"') + '"}'
    escaped = json.dumps({"status": 400, "body": _message_body(ESCAPED)})
    assert errtriage.classify_json(raw) == errtriage.classify_json(escaped)
    assert json.loads(errtriage.classify_json(raw))["message"] == "a\ufffdb"


def test_context_strings() -> None:
    body = '{"error":{"code":"UPSTREAM_ERROR","message":"m"}}'
    v = errtriage.classify(502, body, method="POST", endpoint=LONE, idempotency_key=LONE)
    form = json.dumps(
        {"status": 502, "body": body, "request": {"method": "POST", "idempotency_key": "a\ufffdb"}}
    )
    assert v.to_json() == errtriage.classify_json(form)
    # a method with a lone surrogate is not an HTTP token, as the JSON form's escape says
    with pytest.raises(ValueError) as raised:
        errtriage.classify(502, body, method="GE\ud800T")
    with pytest.raises(ValueError) as from_json:
        errtriage.classify_json('{"status": 502, "request": {"method": "GE\\ud800T"}}')
    assert str(raised.value) == str(from_json.value)


def test_a_surrogate_pair_is_the_character_it_makes() -> None:
    # Read as UTF-16, as a JSON escape pair and a JavaScript string are.
    pair = "\ud83d\ude00"
    assert errtriage.classify(400, _message_body(pair)).message == "\U0001f600"
    assert errtriage.classify(400, _message_body("\ude00\ud83d")).message == "\ufffd\ufffd"


def test_rules_document() -> None:
    with pytest.raises(ValueError) as lone:
        errtriage.Classifier("{\udc80}")
    with pytest.raises(ValueError) as replaced:
        errtriage.Classifier("{\ufffd}")
    assert str(lone.value) == str(replaced.value)


def test_idempotency_key_and_payload() -> None:
    guard = errtriage.IdempotencyGuard()
    guard.check(LONE, LONE)
    guard.check("a\ufffdb", "a\ufffdb")  # the same key and payload as the lone surrogate's
    with pytest.raises(ValueError):
        guard.check("a\ufffdb", "another payload")
