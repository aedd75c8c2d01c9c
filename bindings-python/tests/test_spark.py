"""PySpark: `classify_arrow` inside `mapInArrow` on a `local[2]` session (the scale-out path),
over the shared vectors as a Spark data frame; every row equal to `classify_json`'s answer.
One session for the module, stopped at the end."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

import errtriage

from frames import CASES, columns, expected

pyspark_sql = pytest.importorskip("pyspark.sql")

# Spark's Python workers must be this interpreter (the one with errtriage and pyarrow).
os.environ["PYSPARK_PYTHON"] = sys.executable

INPUT_DDL = (
    "status int, headers array<struct<name: string, value: string>>, body binary,"
    " transport_kind string, transport_sent boolean, transport_detail string, method string,"
    " endpoint string, idempotency_key string, token_fresh boolean, auth string, attempt int, now bigint"
)
VERDICT_DDL = (
    "shape string, category string, action string, retryable boolean, outcome string, status int,"
    " code string, message string, request_id string, details string, retry_after_ms bigint,"
    " hint string, rule string, error string"
)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = (
        pyspark_sql.SparkSession.builder.master("local[2]")
        .appName("errtriage-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_map_in_arrow_row_by_row(spark: Any) -> None:
    # Defined here, not at module level: Spark's workers get them by value (cloudpickle sends a
    # module-level function by reference, and the workers cannot import this test module).
    def triage(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        """The README's function: each batch of failures in, the verdicts' fields out."""
        for batch in batches:
            yield pa.RecordBatch.from_struct_array(pa.array(errtriage.classify_arrow(batch)))

    def keyed(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        """`triage` with each row's index beside its verdict (partitions keep no order)."""
        for batch in batches:
            verdicts = pa.array(errtriage.classify_arrow(batch))
            yield pa.RecordBatch.from_arrays([batch.column("i"), verdicts], names=["i", "verdict"])

    inputs = [c["input"] for c in CASES]
    cols = columns(inputs)
    cols["headers"] = [
        None if pairs is None else [{"name": n, "value": v} for n, v in pairs] for pairs in cols["headers"]
    ]
    data = [(i, *row) for i, row in enumerate(zip(*cols.values(), strict=True))]
    frame = spark.createDataFrame(data, "i int, " + INPUT_DDL).repartition(2)
    assert frame.rdd.getNumPartitions() == 2

    fields = ", ".join(f"{name}: {kind}" for name, kind in (f.split(" ") for f in VERDICT_DDL.split(", ")))
    got = frame.mapInArrow(keyed, f"i int, verdict struct<{fields}>").collect()
    assert sorted(r["i"] for r in got) == list(range(len(inputs)))
    for r in got:
        assert r["verdict"].asDict() == expected(inputs[r["i"]]), inputs[r["i"]]

    # The flat form (one column per verdict field), as the README writes it.
    flat = frame.mapInArrow(triage, VERDICT_DDL)
    assert flat.columns == [f.split(" ")[0] for f in VERDICT_DDL.split(", ")]
    actions = sorted(r["action"] for r in flat.select("action").collect())
    assert actions == sorted(expected(i)["action"] for i in inputs)
