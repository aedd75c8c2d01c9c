"""`classify_many`: every shared vector in one call gives, item by item, the verdict
`classify_json` gives for it alone; the argument forms, the errors (the first bad item raises,
its index in the message) and a user's rules."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, load_cases

CASES = [c for _, c in load_cases(VECTORS)]


def test_every_vector_in_one_call_as_dicts_and_as_text() -> None:
    inputs = [c["input"] for c in CASES]
    as_dicts = errtriage.classify_many(inputs)
    as_text = errtriage.classify_many(json.dumps(i) for i in inputs)  # any iterable
    assert len(as_dicts) == len(CASES) >= 80
    for case, a, b in zip(CASES, as_dicts, as_text, strict=True):
        single = errtriage.classify_json(json.dumps(case["input"]))
        assert a.to_json() == single == b.to_json()
        assert a.to_dict() == case["expect"]


def test_empty_and_types() -> None:
    assert errtriage.classify_many([]) == []
    assert errtriage.classify_many(()) == []
    with pytest.raises(TypeError, match=r"^inputs: expected an iterable"):
        errtriage.classify_many(5)  # type: ignore[arg-type]
    # One input where many are expected is not read character by character.
    with pytest.raises(TypeError, match=r"^inputs: "):
        errtriage.classify_many('{"status": 502}')
    with pytest.raises(TypeError, match=r"^inputs: "):
        errtriage.classify_many({"status": 502})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("item", "kind", "field"),
    [
        ({"status": 1000}, "value", "inputs[2].status"),
        ("{", "syntax", "inputs[2]"),
        ("", "syntax", "inputs[2]"),
        ({"status": "502"}, "type", "inputs[2].status"),
        ({"colour": 1}, "value", "inputs[2].colour"),
    ],
)
def test_the_first_bad_item_raises_as_classify_json_would(item: Any, kind: str, field: str) -> None:
    text = item if isinstance(item, str) else json.dumps(item)
    with pytest.raises(ValueError) as single:
        errtriage.classify_json(text)
    good = {"status": 502}
    with pytest.raises(ValueError) as many:
        errtriage.classify_many([good, good, item, {"status": 7}])
    assert many.value.kind == single.value.kind == kind  # type: ignore[attr-defined]
    assert many.value.field == field  # type: ignore[attr-defined]
    # The message is classify_json's, said of the item.
    single_message = str(single.value)
    inner = single_message.split(": ", 1)[1] if single.value.field else single_message  # type: ignore[attr-defined]
    assert str(many.value).startswith(field + ": ")
    assert str(many.value).endswith(inner)


def test_an_item_of_the_wrong_type_is_a_type_error_naming_its_index() -> None:
    with pytest.raises(TypeError, match=r"^inputs\[1\]: expected str or dict") as e:
        errtriage.classify_many([{"status": 502}, b'{"status": 502}'])  # type: ignore[list-item]
    assert e.value.field == "inputs[1]"  # type: ignore[attr-defined]


def test_an_iterator_that_raises_passes_its_error_through() -> None:
    def items() -> Any:
        yield {"status": 502}
        raise KeyError("from the iterator")

    with pytest.raises(KeyError, match="from the iterator"):
        errtriage.classify_many(items())


def test_with_a_users_rules() -> None:
    rules = {
        "errtriage_rules": 1,
        "rules": [
            {
                "id": "acme.quota",
                "when": {"code": ["QUOTA_EXCEEDED"]},
                "category": "rejected",
                "action": "fix_configuration",
                "hint": "Raise the quota.",
                "source": "test",
            }
        ],
    }
    acme = errtriage.Classifier(rules)
    inputs = [{"status": 429, "body": '{"code": "QUOTA_EXCEEDED"}'}, {"status": 503}]
    got = acme.classify_many(inputs)
    assert [v.rule for v in got] == ["acme.quota", "status.503"]
    assert [v.to_json() for v in got] == [acme.classify_json(json.dumps(i)) for i in inputs]
    assert got[0] != errtriage.classify_many(inputs)[0]


def test_threads_share_one_classifier() -> None:
    inputs = [c["input"] for c in CASES]
    expected = [v.to_json() for v in errtriage.classify_many(inputs)]
    results: list[list[str]] = []

    def work() -> None:
        results.append([v.to_json() for v in errtriage.classify_many(inputs)])

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
