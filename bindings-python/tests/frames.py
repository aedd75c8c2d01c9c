"""Shared by the Arrow tests: the shared vectors as columns (the layout `classify_arrow` reads by
default), and a verdict row compared with `classify_json`'s answer for the same input."""

from __future__ import annotations

import json
from typing import Any

import errtriage

from conftest import VECTORS, body_bytes, load_cases

# Every vector but the lifecycle ones (a webhook event is not a row of a failures table).
CASES = [c for _, c in load_cases(VECTORS) if c["input"].get("lifecycle") is None]

REQUEST_COLUMNS = ["method", "endpoint", "idempotency_key", "token_fresh", "auth", "attempt"]


def header_pairs(headers: Any) -> list[tuple[str, str]] | None:
    """The JSON form's headers (an object, values a string or a list; or [name, value] pairs)."""
    if headers is None:
        return None
    if isinstance(headers, list):
        return [(n, v) for n, v in headers]
    out = []
    for name, value in headers.items():
        for v in value if isinstance(value, list) else [value]:
            out.append((name, v))
    return out


def columns(inputs: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """The inputs as columns: status, headers (pairs), body (bytes), transport_*, the request's
    fields and now; a field an input does not have is None."""
    cols: dict[str, list[Any]] = {
        k: []
        for k in [
            "status",
            "headers",
            "body",
            "transport_kind",
            "transport_sent",
            "transport_detail",
            *REQUEST_COLUMNS,
            "now",
        ]
    }
    for i in inputs:
        transport = i.get("transport") or {}
        request = i.get("request") or {}
        cols["status"].append(i.get("status"))
        cols["headers"].append(header_pairs(i.get("headers")))
        cols["body"].append(body_bytes(i))
        cols["transport_kind"].append(transport.get("kind"))
        cols["transport_sent"].append(transport.get("sent"))
        cols["transport_detail"].append(transport.get("detail"))
        for k in REQUEST_COLUMNS:
            cols[k].append(request.get(k))
        cols["now"].append(i.get("now"))
    return cols


def expected(input: dict[str, Any], via: Any = errtriage) -> dict[str, Any]:
    """What a verdict row must hold: classify_json's answer, details as its JSON text."""
    answer = via.classify_json(json.dumps(input))
    verdict: dict[str, Any] = json.loads(answer)
    if verdict["details"] is not None:
        # The exact text classify_json embeds (compact, key order kept), as the column holds it.
        start = answer.index('"details":') + len('"details":')
        end = answer.rindex(',"retry_after_ms":')
        verdict["details"] = answer[start:end]
    verdict["error"] = None
    return verdict
