"""The redaction corpus (tests/vectors/redaction/, written by scripts/gen_redaction_corpus.py)
through the installed package: every case's log fields and escalation report (JSON and text)
must carry none of its planted secrets (nor, for a secret of 24 characters or more, its last
12 characters) and every one of its look-alikes. The same check as core/tests/redaction_corpus.rs
and the JS suite; all of the redaction is the core's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import errtriage

from conftest import VECTORS, body_bytes

CORPUS = sorted((VECTORS / "redaction").glob("*.json"))


def load(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["cases"])


CASES = [case for path in CORPUS for case in load(path)]


def json_escaped(s: str) -> str:
    """`s` as it stands inside a JSON string written by the core."""
    return json.dumps(s, ensure_ascii=False)[1:-1]


def probes(secret: str) -> list[str]:
    return [secret, secret[-12:]] if len(secret) >= 24 else [secret]


def outputs(input: dict[str, Any]) -> tuple[str, str, str]:
    """Log fields JSON, report JSON and report text for a JSON-form input."""
    kwargs: dict[str, Any] = dict(input.get("request") or {})
    kwargs["now"] = input.get("now")
    if input.get("transport") is not None:
        kwargs["transport"] = input["transport"]
    args = (input.get("status"), body_bytes(input), input.get("headers"))
    fields = errtriage.log_fields(*args, **kwargs)
    report = errtriage.escalation_report(*args, **kwargs)
    return json.dumps(fields, ensure_ascii=False), report.to_json(), report.text


def problems(case: dict[str, Any]) -> tuple[list[str], list[str]]:
    """The secrets that leaked and the look-alikes that were lost."""
    fields, report, text = outputs(case["input"])
    leaked = [
        s
        for s in case["secrets"]
        if any(p in text or json_escaped(p) in report or json_escaped(p) in fields for p in probes(s))
    ]
    lost = [k for k in case["keep"] if k not in text or json_escaped(k) not in report]
    return leaked, lost


def test_the_corpus_is_there() -> None:
    # An empty folder would make the parametrized test below vanish rather than fail.
    assert len(CORPUS) >= 10
    assert sum(len(c["secrets"]) for c in CASES) >= 500


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_no_secret_leaks_and_every_look_alike_stays(case: dict[str, Any]) -> None:
    leaked, lost = problems(case)
    assert leaked == [], f"leaked: {leaked}"
    assert lost == [], f"look-alikes lost: {lost}"
