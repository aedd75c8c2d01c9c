"""Shared helpers: where the repository's shared vectors are, and how a JSON-form input maps
onto the idiomatic API (the mapping the issue asks the Python suite to check)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import errtriage

BINDING = Path(__file__).resolve().parents[1]
REPO = BINDING.parent
# The shared vectors (DESIGN.md §5); ERRTRIAGE_VECTORS points elsewhere for a one-off run.
VECTORS = Path(os.environ.get("ERRTRIAGE_VECTORS", REPO / "tests" / "vectors"))


def vector_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


def load_cases(directory: Path) -> list[tuple[str, dict[str, Any]]]:
    """Every case of every file in `directory`, as (test id, case)."""
    out = []
    for path in vector_files(directory):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append((f"{path.stem}/{case['name']}", case))
    return out


def body_bytes(input: dict[str, Any]) -> bytes | None:
    """The body of a JSON-form input as the bytes a client would have received."""
    if input.get("body_base64") is not None:
        return base64.b64decode(input["body_base64"], validate=True)
    if input.get("body") is not None:
        return str(input["body"]).encode("utf-8")
    return None


def classify_idiomatic(input: dict[str, Any], via: Any = errtriage, **overrides: Any) -> errtriage.Verdict:
    """Classifies a JSON-form input through `classify` / `classify_transport` of `via` (the
    module, or an `errtriage.Classifier`).

    `overrides` replaces the body or headers argument, to try the other forms they take.
    """
    context = dict(input.get("request") or {})
    lifecycle = input.get("lifecycle")
    if lifecycle is not None:
        args_l: dict[str, Any] = {"body": body_bytes(input), "headers": input.get("headers")}
        args_l.update(overrides)
        return via.classify_lifecycle(
            args_l["body"], args_l["headers"], event=lifecycle.get("event"), **context
        )
    transport = input.get("transport")
    if transport is not None and input.get("status") is None:
        # classify_transport has no headers, body or clock: a failure with no response has none.
        return via.classify_transport(
            transport["kind"],
            sent=transport.get("sent"),
            detail=transport.get("detail"),
            **context,
        )
    args: dict[str, Any] = {"body": body_bytes(input), "headers": input.get("headers")}
    args.update(overrides)
    return via.classify(
        input["status"], args["body"], args["headers"], now=input.get("now"), transport=transport, **context
    )
