"""tests/vectors/readers/ exactly as the core's tests/readers.rs runs it: each document through
``errtriage.read_inputs`` and the whole result compared (or the document-level error with the
core's message), plus the argument forms and a HAR entry's input classified."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

import errtriage

from conftest import VECTORS

READERS = VECTORS / "readers"


def cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(READERS.glob("*.json")):
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        out.extend((f"{path.stem}/{c['name']}", c) for c in doc["cases"])
    return out


CASES = cases()


def data_of(case: dict[str, Any]) -> bytes:
    if "data" in case:
        return str(case["data"]).encode("utf-8")
    return base64.b64decode(case["data_base64"])


def test_the_vectors_are_there() -> None:
    assert len(CASES) >= 15, f"only {len(CASES)} reader cases in {READERS}"


@pytest.mark.parametrize(("name", "case"), CASES, ids=[n for n, _ in CASES])
def test_reader_vector(name: str, case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(ValueError) as caught:
            errtriage.read_inputs(data_of(case), case["format"])
        assert str(caught.value) == case["error"]["message"]
        return
    assert errtriage.read_inputs(data_of(case), case["format"]) == case["expected"]


def test_text_bytes_and_views_read_alike() -> None:
    data = data_of(dict(CASES)["readers/http_curl_stream"])
    whole = errtriage.read_inputs(data)
    assert errtriage.read_inputs(data.decode("utf-8")) == whole
    assert errtriage.read_inputs(bytearray(data)) == whole
    assert errtriage.read_inputs(memoryview(data), format="http") == whole


def test_an_item_classifies() -> None:
    read = errtriage.read_inputs(data_of(dict(CASES)["readers/har_failures_only"]))
    verdict = json.loads(errtriage.classify_json(read["items"][0]["input"]))
    assert verdict["rule"] == "context.retry_same_key"
    assert verdict["request_id"] == "req_search_001"


def test_wrong_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match="data: expected"):
        errtriage.read_inputs(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="format: expected"):
        errtriage.read_inputs(b"", format=3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match='format: expected one of har, http, ndjson, got "xml"'):
        errtriage.read_inputs(b"", format="xml")
