"""Benchmark (a script, not a test): ``errtriage.classify_arrow`` over a table of failures, against
a Python loop over ``errtriage.classify`` and against the CLI (``errtriage classify``) on the same
rows as NDJSON, in the same run; ``classify_many`` too.

The rows are the shared vectors (tests/vectors; lifecycle events and the few megabyte-sized
stress bodies left out) repeated to ``ROWS`` rows (default 200000). Before timing, the script
checks that the Arrow verdicts equal ``classify_json``'s on every distinct row, so the
comparison is like for like.

Run, from the repository root, with errtriage and pyarrow installed (the test venv has both)::

    python bindings-python/bench_arrow.py [ROWS]

It builds the CLI with ``cargo build --release -p errtriage-cli`` first (not timed). Prints rows
per second for each path and its ratio to the Python loop.
"""

from __future__ import annotations

import base64
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyarrow as pa

import errtriage

ROOT = Path(__file__).resolve().parents[1]
BIG = errtriage.BODY_PREFIX_BYTES
REQUEST = ["method", "endpoint", "idempotency_key", "token_fresh", "auth", "attempt"]


def vector_inputs() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "tests" / "vectors").glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8"))["cases"]:
            i = case["input"]
            # Typical failures: no lifecycle events, and not the megabyte stress bodies (over the
            # core's 64 KiB prefix), which time the body reader rather than the batch paths.
            if i.get("lifecycle") is None and len(i.get("body") or i.get("body_base64") or "") <= BIG:
                out.append(i)
    return out


def pairs(headers: Any) -> list[tuple[str, str]] | None:
    if headers is None:
        return None
    if isinstance(headers, list):
        return [(n, v) for n, v in headers]
    return [(n, v) for n, vs in headers.items() for v in (vs if isinstance(vs, list) else [vs])]


def body(i: dict[str, Any]) -> bytes | None:
    if i.get("body_base64") is not None:
        return base64.b64decode(i["body_base64"])
    return None if i.get("body") is None else str(i["body"]).encode()


def table_of(inputs: list[dict[str, Any]]) -> pa.Table:
    t = [i.get("transport") or {} for i in inputs]
    r = [i.get("request") or {} for i in inputs]
    cols: dict[str, Any] = {
        "status": pa.array([i.get("status") for i in inputs], pa.int32()),
        "headers": pa.array([pairs(i.get("headers")) for i in inputs], pa.map_(pa.string(), pa.string())),
        "body": pa.array([body(i) for i in inputs], pa.binary()),
        "transport_kind": pa.array([x.get("kind") for x in t], pa.string()),
        "transport_sent": pa.array([x.get("sent") for x in t], pa.bool_()),
        "transport_detail": pa.array([x.get("detail") for x in t], pa.string()),
        "now": pa.array([i.get("now") for i in inputs], pa.int64()),
    }
    for k in REQUEST:
        cols[k] = [x.get(k) for x in r]
    return pa.table(cols)


def classify_loop(inputs: list[dict[str, Any]]) -> list[errtriage.Verdict]:
    """What a Python program without the batch calls writes: one ``classify`` call per row."""
    out = []
    for i in inputs:
        request = i.get("request") or {}
        transport = i.get("transport")
        if transport is not None and i.get("status") is None:
            out.append(
                errtriage.classify_transport(
                    transport["kind"], sent=transport.get("sent"), detail=transport.get("detail"), **request
                )
            )
            continue
        cut = None
        if transport is not None:
            cut = {
                "kind": transport["kind"],
                "sent": transport.get("sent"),
                "detail": transport.get("detail"),
            }
        out.append(
            errtriage.classify(
                i["status"], body(i), pairs(i.get("headers")), now=i.get("now"), transport=cut, **request
            )
        )
    return out


def cpu() -> float:
    """CPU seconds of this process and its finished children (the CLI)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def best(f: Any, repeat: int = 3) -> tuple[float, float]:
    """The fastest of `repeat` runs: (wall seconds, CPU seconds). The CPU time is the steadier
    figure on a machine shared with other work."""
    runs = []
    for _ in range(repeat):
        wall, used = time.perf_counter(), cpu()
        f()
        runs.append((time.perf_counter() - wall, cpu() - used))
    return min(runs)


def loop_from_table(table: pa.Table) -> list[errtriage.Verdict]:
    """The loop as it runs when the failures are a table: its rows made Python objects first."""
    out = []
    for r in table.to_pylist():
        request = {k: r[k] for k in REQUEST if r[k] is not None}
        headers = r["headers"]
        if r["status"] is None:
            out.append(
                errtriage.classify_transport(
                    r["transport_kind"], sent=r["transport_sent"], detail=r["transport_detail"], **request
                )
            )
            continue
        cut = None
        if r["transport_kind"] is not None:
            cut = {"kind": r["transport_kind"], "sent": r["transport_sent"], "detail": r["transport_detail"]}
        out.append(
            errtriage.classify(r["status"], r["body"], headers, now=r["now"], transport=cut, **request)
        )
    return out


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    distinct = vector_inputs()
    # Like for like: every distinct row's Arrow verdict is classify_json's.
    check = pa.array(errtriage.classify_arrow(table_of(distinct))).to_pylist()
    for row, i in zip(check, distinct, strict=True):
        want = json.loads(errtriage.classify_json(json.dumps(i)))
        got = {
            k: (json.loads(v) if k == "details" and v is not None else v)
            for k, v in row.items()
            if k != "error"
        }
        assert got == want, i
    inputs = (distinct * (rows // len(distinct) + 1))[:rows]
    table = table_of(inputs)
    texts = [json.dumps(i) for i in inputs]

    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "errtriage-cli"], cwd=ROOT, check=True)
    cli = ROOT / "target" / "release" / "errtriage"
    with tempfile.NamedTemporaryFile("w", suffix=".ndjson", delete=False) as f:
        f.write("\n".join(texts) + "\n")
        ndjson = f.name

    def run_cli() -> None:
        with open(ndjson, "rb") as stdin:
            subprocess.run([str(cli), "classify"], stdin=stdin, stdout=subprocess.DEVNULL, check=True)

    results = {
        "python loop over classify": best(lambda: classify_loop(inputs), repeat=1),
        "  the same, rows from the table": best(lambda: loop_from_table(table), repeat=1),
        "classify_many (JSON text)": best(lambda: errtriage.classify_many(texts)),
        "classify_arrow (Arrow table)": best(lambda: errtriage.classify_arrow(table)),
        "CLI: errtriage classify (NDJSON)": best(run_cli),
    }
    Path(ndjson).unlink()
    base_wall, base_cpu = results["python loop over classify"]
    print(
        f"{rows} rows ({len(distinct)} distinct vectors repeated,"
        f" {sum(map(len, texts)) / rows:.0f} bytes each as JSON)"
    )
    print(f"  {'':34} {'rows/s (wall)':>14} {'ratio':>6}  {'rows/s (CPU)':>14} {'ratio':>6}")
    for name, (wall, used) in results.items():
        print(
            f"  {name:34} {rows / wall:14,.0f} {base_wall / wall:5.1f}x"
            f"  {rows / used:14,.0f} {base_cpu / used:5.1f}x"
        )
    print("  (ratios: against the Python loop over classify)")


if __name__ == "__main__":
    main()
