"""`classify_arrow`: the shared vectors as a table, through pyarrow, Polars, DuckDB (an Arrow
UDF) and pandas, each row equal to `classify_json`'s answer for that input; the column types it
reads, the names it is given, bad rows (null verdict, the core's message in `error`) and the
whole-call errors."""

from __future__ import annotations

import json
import struct
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import errtriage

from frames import CASES, columns, expected

HEADERS = pa.list_(pa.struct([("name", pa.string()), ("value", pa.string())]))
SCHEMA = pa.schema(
    [
        ("status", pa.int64()),
        ("headers", HEADERS),
        ("body", pa.binary()),
        ("transport_kind", pa.string()),
        ("transport_sent", pa.bool_()),
        ("transport_detail", pa.string()),
        ("method", pa.string()),
        ("endpoint", pa.string()),
        ("idempotency_key", pa.string()),
        ("token_fresh", pa.bool_()),
        ("auth", pa.string()),
        ("attempt", pa.int64()),
        ("now", pa.int64()),
    ]
)
FIELDS = [
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
    "error",
]


def vectors_table() -> pa.Table:
    return pa.table(columns([c["input"] for c in CASES]), schema=SCHEMA)


def rows(verdicts: errtriage.ArrowVerdicts) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = pa.array(verdicts).to_pylist()
    return out


def assert_rows_match(got: list[dict[str, Any]], inputs: list[dict[str, Any]], via: Any = errtriage) -> None:
    assert len(got) == len(inputs)
    for row, input in zip(got, inputs, strict=True):
        assert row == expected(input, via), json.dumps(input)


def test_every_vector_row_by_row_with_pyarrow() -> None:
    assert len(CASES) >= 80
    table = vectors_table()
    verdicts = errtriage.classify_arrow(table)
    assert len(verdicts) == len(CASES)
    assert repr(verdicts) == f"ArrowVerdicts(rows={len(CASES)}, errors=0)"
    column = pa.array(verdicts)
    assert column.type.names == FIELDS
    assert column.null_count == 0
    got = column.to_pylist()
    assert_rows_match(got, [c["input"] for c in CASES])
    # And each equals the vector's own expectation.
    for row, case in zip(got, CASES, strict=True):
        del row["error"]
        if row["details"] is not None:
            row["details"] = json.loads(row["details"])
        assert row == case["expect"]


def test_the_types_of_the_verdict_column() -> None:
    column = pa.array(errtriage.classify_arrow(vectors_table()))
    types = {f.name: f.type for f in column.type}
    assert types["retryable"] == pa.bool_()
    assert types["status"] == pa.int32()
    assert types["retry_after_ms"] == pa.int64()
    assert {n for n, t in types.items() if t == pa.string()} == set(FIELDS) - {
        "retryable",
        "status",
        "retry_after_ms",
    }
    # The stream form is a table with one column per field.
    assert pa.table(errtriage.classify_arrow(vectors_table())).column_names == FIELDS
    assert pa.schema(column.type).names == FIELDS  # via __arrow_c_schema__ of the type


def test_batches_chunks_and_a_record_batch() -> None:
    table = vectors_table()
    whole = rows(errtriage.classify_arrow(table))
    chunked = pa.Table.from_batches(table.to_batches(max_chunksize=7))
    assert chunked.column(0).num_chunks > 1
    assert rows(errtriage.classify_arrow(chunked)) == whole
    batch = table.to_batches()[0]
    assert rows(errtriage.classify_arrow(batch)) == whole[: batch.num_rows]
    # A struct array is a record batch too (the __arrow_c_array__ path).
    assert (
        rows(errtriage.classify_arrow(pa.StructArray.from_arrays(batch.columns, names=batch.schema.names)))
        == (whole[: batch.num_rows])
    )
    empty = errtriage.classify_arrow(table.slice(0, 0))
    assert len(empty) == 0
    assert pa.array(empty).type.names == FIELDS


def test_other_column_types_read_the_same() -> None:
    inputs = [
        c["input"]
        for c in CASES
        if c["input"].get("body_base64") is None and isinstance(c["input"].get("headers", {}), dict)
    ]
    cols = columns(inputs)
    table = pa.table(
        {
            "status": pa.array(cols["status"], pa.uint16()),
            "headers": pa.array(cols["headers"], pa.map_(pa.string(), pa.string())),
            "body": pa.array(
                [b.decode() if b is not None else None for b in cols["body"]], pa.large_string()
            ),
            "transport_kind": pa.array(cols["transport_kind"], pa.string_view()),
            "transport_sent": cols["transport_sent"],
            "transport_detail": cols["transport_detail"],
            "method": pa.array(cols["method"], pa.large_string()),
            "endpoint": cols["endpoint"],
            "idempotency_key": cols["idempotency_key"],
            "token_fresh": cols["token_fresh"],
            "auth": cols["auth"],
            "attempt": pa.array(cols["attempt"], pa.int8()),
            "now": cols["now"],
        }
    )
    assert_rows_match(rows(errtriage.classify_arrow(table)), inputs)


def test_column_names_are_configurable() -> None:
    table = vectors_table().rename_columns([f"c_{n}" for n in SCHEMA.names])
    names = {n: f"c_{n}" for n in SCHEMA.names}
    got = rows(errtriage.classify_arrow(table, **names))
    assert got == rows(errtriage.classify_arrow(vectors_table()))
    with pytest.raises(ValueError, match=r"^status: expected the name of a column of data") as e:
        errtriage.classify_arrow(table, status="code")
    assert e.value.field == "status"  # type: ignore[attr-defined]


BAD_ROWS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"status": 1000}, {"status": 1000}),
    ({"status": 99}, {"status": 99}),
    ({}, {}),
    ({"transport_kind": "cosmic_ray"}, {"transport": {"kind": "cosmic_ray"}}),
    ({"status": 502, "auth": "kerberos"}, {"status": 502, "request": {"auth": "kerberos"}}),
    ({"status": 502, "attempt": -1}, {"status": 502, "request": {"attempt": -1}}),
    ({"status": 502, "attempt": 0}, {"status": 502, "request": {"attempt": 0}}),
    ({"status": 502, "method": "GET POST"}, {"status": 502, "request": {"method": "GET POST"}}),
]


def test_bad_rows_have_a_null_verdict_and_classify_jsons_message() -> None:
    table = pa.Table.from_pylist(
        [{"status": 503}] + [r for r, _ in BAD_ROWS] + [{"status": 429}],
        schema=pa.schema(
            [
                ("status", pa.int64()),
                ("transport_kind", pa.string()),
                ("auth", pa.string()),
                ("attempt", pa.int64()),
                ("method", pa.string()),
            ]
        ),
    )
    got = rows(errtriage.classify_arrow(table))
    assert got[0]["rule"] == "status.503"
    assert got[-1]["rule"] == "status.429"
    for row, (_, form) in zip(got[1:-1], BAD_ROWS, strict=True):
        text = json.dumps(form)
        with pytest.raises(ValueError) as single:
            errtriage.classify_json(text)
        assert row["error"] == str(single.value), text
        assert {k for k, v in row.items() if v is not None} == {"error"}


def test_whole_call_errors() -> None:
    with pytest.raises(TypeError, match=r"^data: expected an Arrow table or record batch"):
        errtriage.classify_arrow([{"status": 502}])
    with pytest.raises(TypeError, match=r"^status: expected an integer column"):
        errtriage.classify_arrow(pa.table({"status": ["502"]}))
    with pytest.raises(TypeError, match=r"^headers: expected a map<string, string> column"):
        errtriage.classify_arrow(pa.table({"status": [502], "headers": ["x-request-id: 1"]}))
    with pytest.raises(TypeError, match=r"^method: expected a string column"):
        errtriage.classify_arrow(pa.table({"status": [502], "method": [b"GET"]}))
    with pytest.raises(TypeError, match=r"^token_fresh: expected a boolean column"):
        errtriage.classify_arrow(pa.table({"status": [502], "token_fresh": [1]}))
    with pytest.raises(TypeError, match=r"^data: expected a table or a record batch"):
        errtriage.classify_arrow(pa.array([502]))


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
    inputs = [{"status": 429, "body": '{"code": "QUOTA_EXCEEDED"}'}] + [c["input"] for c in CASES]
    table = pa.table(columns(inputs), schema=SCHEMA)
    got = rows(acme.classify_arrow(table))
    assert got[0]["rule"] == "acme.quota"
    assert_rows_match(got, inputs, via=acme)


def test_polars_frame_row_by_row() -> None:
    frame = pl.from_arrow(vectors_table())
    assert isinstance(frame, pl.DataFrame)
    verdicts = pl.DataFrame(errtriage.classify_arrow(frame))
    assert verdicts.columns == FIELDS
    assert_rows_match(verdicts.to_dicts(), [c["input"] for c in CASES])
    # As one struct column beside the failures.
    joined = frame.with_columns(verdict=pl.Series(errtriage.classify_arrow(frame)))
    assert joined["verdict"].struct.field("action").to_list() == verdicts["action"].to_list()


def test_duckdb_arrow_udf() -> None:
    inputs = [c["input"] for c in CASES]
    con = duckdb.connect()
    failures = vectors_table()
    con.register("failures", failures)

    def triage(status: Any, headers: Any, body: Any, kind: Any, sent: Any, method: Any, key: Any) -> Any:
        batch = pa.table(
            [status, headers, body, kind, sent, method, key],
            names=[
                "status",
                "headers",
                "body",
                "transport_kind",
                "transport_sent",
                "method",
                "idempotency_key",
            ],
        )
        return pa.array(errtriage.classify_arrow(batch))

    verdict_type = pa.array(errtriage.classify_arrow(failures.slice(0, 0))).type
    sql = {pa.string(): "VARCHAR", pa.bool_(): "BOOLEAN", pa.int32(): "INTEGER", pa.int64(): "BIGINT"}
    ddl = "STRUCT(" + ", ".join(f"{f.name} {sql[f.type]}" for f in verdict_type) + ")"
    con.create_function(
        "triage",
        triage,
        [
            "BIGINT",
            "STRUCT(name VARCHAR, value VARCHAR)[]",
            "BLOB",
            "VARCHAR",
            "BOOLEAN",
            "VARCHAR",
            "VARCHAR",
        ],
        ddl,
        type="arrow",
        null_handling="special",
    )
    result = con.sql(
        "SELECT triage(status, headers, body, transport_kind, transport_sent, method, idempotency_key) AS v"
        " FROM failures"
    ).arrow()
    got = pa.table(result).column("v").to_pylist()
    # The UDF was given only some of the columns: compare with the same inputs less the rest.
    trimmed = []
    for i in inputs:
        t = {k: v for k, v in i.items() if k != "now"}
        if "request" in t:
            t["request"] = {k: v for k, v in t["request"].items() if k in ("method", "idempotency_key")}
        if "transport" in t:
            t["transport"] = {k: v for k, v in t["transport"].items() if k != "detail"}
        trimmed.append(t)
    assert_rows_match(got, trimmed)


def test_pandas_through_pyarrow() -> None:
    inputs = [c["input"] for c in CASES]
    frame = pd.DataFrame(columns(inputs))
    table = pa.Table.from_pandas(frame, schema=SCHEMA, preserve_index=False)
    verdicts = pa.table(errtriage.classify_arrow(table)).to_pandas()
    assert list(verdicts.columns) == FIELDS
    records = verdicts.astype(object).where(verdicts.notna(), None).to_dict("records")
    for r in records:
        for k in ("status", "retry_after_ms"):
            if r[k] is not None:
                r[k] = int(r[k])
    assert_rows_match(records, inputs)


def test_what_a_producer_hands_over_is_checked() -> None:
    # A string column whose bytes are not UTF-8 (pyarrow builds it unchecked): refused whole,
    # never read as text.
    offsets = pa.py_buffer(struct.pack("<2i", 0, 2))
    bad = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(b"\xff\xfe")])
    with pytest.raises(ValueError, match=r"^data: not readable as Arrow: "):
        errtriage.classify_arrow(pa.table({"status": [502], "method": bad}))
    with pytest.raises(ValueError, match=r"^data: not readable as Arrow: "):
        errtriage.classify_arrow(pa.record_batch({"status": [502], "method": bad}))
    # A struct array with null rows is no record batch.
    nullable = pa.array([{"status": 502}, None], pa.struct([("status", pa.int32())]))
    with pytest.raises(
        ValueError, match=r"^data: expected a record batch, got a struct array with null rows"
    ):
        errtriage.classify_arrow(nullable)


def test_null_header_entries_are_skipped() -> None:
    entries = pa.array(
        [{"name": "retry-after", "value": "9"}, None, {"name": "x-request-id", "value": None}],
        pa.struct([("name", pa.string()), ("value", pa.string())]),
    )
    headers = pa.ListArray.from_arrays(pa.array([0, 3], pa.int32()), entries)
    got = rows(errtriage.classify_arrow(pa.table({"status": [429], "headers": headers})))
    assert got == [expected({"status": 429, "headers": {"retry-after": "9"}})]
