"""Every shared vector (tests/vectors/*.json) through both entry points of the installed
package, compared as a whole verdict; every invalid input (tests/vectors/errors/*.json)
against the error it must give."""

from __future__ import annotations

import json
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, classify_idiomatic, load_cases

CASES = load_cases(VECTORS)
ERROR_CASES = load_cases(VECTORS / "errors")
VERDICT_KEYS = [
    "shape",
    "category",
    "action",
    "retryable",
    "outcome",
    "status",
    "code",
    "message",
    "request_id",
    "details",
    "retry_after_ms",
    "hint",
    "rule",
]


def test_the_shared_vectors_are_there() -> None:
    # An empty directory would make the parametrized tests below vanish rather than fail.
    assert len(CASES) >= 80, f"only {len(CASES)} vectors in {VECTORS}"
    assert len(ERROR_CASES) >= 10, f"only {len(ERROR_CASES)} invalid-input vectors"


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_classify_json(case: dict[str, Any]) -> None:
    out = errtriage.classify_json(json.dumps(case["input"]))
    assert json.loads(out) == case["expect"]
    assert list(json.loads(out)) == VERDICT_KEYS
    assert "\n" not in out


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_idiomatic_api(case: dict[str, Any]) -> None:
    input = case["input"]
    verdict = classify_idiomatic(input)
    assert verdict.to_dict() == case["expect"]
    # Byte for byte the JSON form's answer: both paths end in the core's Verdict::to_json.
    assert verdict.to_json() == errtriage.classify_json(json.dumps(input))
    # The other argument forms give the same verdict.
    if input.get("transport") is None:
        if isinstance(input.get("body"), str):
            assert classify_idiomatic(input, body=input["body"]) == verdict
        headers = input.get("headers")
        if isinstance(headers, dict):
            pairs = [
                (name, v)
                for name, value in headers.items()
                for v in (value if isinstance(value, list) else [value])
            ]
            assert classify_idiomatic(input, headers=pairs) == verdict


@pytest.mark.parametrize("case", [c for _, c in ERROR_CASES], ids=[i for i, _ in ERROR_CASES])
def test_invalid_json_form_input(case: dict[str, Any]) -> None:
    with pytest.raises(ValueError) as raised:
        errtriage.classify_json(case["input_text"])
    assert str(raised.value) == case["error"]["message"]
