"""OpenTelemetry attributes of a verdict (tests/vectors/otel/attributes.json), the names and
rules the core's."""

from __future__ import annotations

import json
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, classify_idiomatic

CASES: list[dict[str, Any]] = json.loads((VECTORS / "otel" / "attributes.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_otel_attributes(case: dict[str, Any]) -> None:
    verdict = classify_idiomatic(case["input"])
    got = verdict.otel_attributes(case["attempt"])
    assert got == case["expect"]
    assert list(got) == [k for k in case["expect"]], "the core's order"


def test_attempt_is_checked() -> None:
    with pytest.raises(ValueError, match="attempt"):
        errtriage.classify(503).otel_attributes(0)
