#!/usr/bin/env python3
"""Score errtriage against the documentation-labelled corpus in eval/corpus/.

Usage:
    python3 eval/evaluate.py [--split dev|heldout|all] [--cli PATH] [--show-misses]

Each corpus line holds an errtriage JSON-form `input` and the `expect`ed verdict fields,
written from the API's own documentation. The CLI is run twice on the chosen split:

* errtriage: the inputs as they are;
* status-only baseline: the same inputs with `body`, `body_base64` and `headers` removed
  (the request context is kept), i.e. the model reading the status line alone.

The report gives per-field accuracy for both, a confusion table of expected -> got
category for errtriage's misses, and with --show-misses every case errtriage gets wrong.
It is a report, not a test: the exit status is always 0.

Split rule: a case is held out when the first hex digit of sha256(id) is 0-4.
Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent
REPO_ROOT = EVAL_DIR.parent
CORPUS_DIR = EVAL_DIR / "corpus"
FIELDS = ("category", "action", "retryable", "code", "request_id")


def is_heldout(case_id: str) -> bool:
    """The split rule: held out when sha256(id) starts with a hex digit 0-4."""
    return hashlib.sha256(case_id.encode("utf-8")).hexdigest()[0] in "01234"


def load_corpus(split: str) -> list[dict]:
    """All cases of every corpus file, in file then line order, filtered by split."""
    cases = []
    for path in sorted(CORPUS_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                cases.append(json.loads(line))
    if split == "all":
        return cases
    want_heldout = split == "heldout"
    return [c for c in cases if is_heldout(c["id"]) == want_heldout]


def status_only(inp: dict) -> dict:
    """The baseline's input: the status line and request context, nothing the body or headers say."""
    return {k: v for k, v in inp.items() if k not in ("body", "body_base64", "headers")}


def classify(cli: str, inputs: list[dict]) -> list[dict | None]:
    """Run `cli classify` on the inputs (one temp NDJSON file); one verdict per input, None on error."""
    with tempfile.NamedTemporaryFile("w", suffix=".ndjson", encoding="utf-8", delete=False) as f:
        for inp in inputs:
            f.write(json.dumps(inp, ensure_ascii=False) + "\n")
        path = f.name
    try:
        proc = subprocess.run([cli, "classify", path], capture_output=True, text=True, check=False)
    finally:
        Path(path).unlink(missing_ok=True)
    lines = proc.stdout.splitlines()
    verdicts: list[dict | None] = []
    for i in range(len(inputs)):
        v = json.loads(lines[i]) if i < len(lines) and lines[i].strip() else None
        verdicts.append(None if v is None or "error" in v else v)
    if len(lines) != len(inputs) or proc.returncode not in (0, 1):
        print(f"warning: {cli} gave {len(lines)} lines for {len(inputs)} inputs (exit {proc.returncode}): "
              f"{proc.stderr.strip()[:300]}", file=sys.stderr)
    return verdicts


def got_fields(verdict: dict | None) -> dict:
    """The five scored fields of a verdict; codes compared as text (a number as its decimal text)."""
    if verdict is None:
        return {f: "<error>" for f in FIELDS}
    got = {f: verdict.get(f) for f in FIELDS}
    for f in ("code", "request_id"):
        if got[f] is not None and not isinstance(got[f], str):
            got[f] = json.dumps(got[f])
    return got


def score(cases: list[dict], verdicts: list[dict | None]) -> tuple[collections.Counter, list[tuple]]:
    """Per-field hit counts (plus "all five") and the list of (case, got, verdict) misses."""
    hits: collections.Counter = collections.Counter()
    misses = []
    for case, verdict in zip(cases, verdicts):
        got = got_fields(verdict)
        ok = {f: got[f] == case["expect"][f] for f in FIELDS}
        hits.update(f for f in FIELDS if ok[f])
        if all(ok.values()):
            hits["all five"] += 1
        else:
            misses.append((case, got, verdict))
    return hits, misses


def pct(n: int, total: int) -> str:
    return f"{n:4d}/{total:<4d} {100.0 * n / total:5.1f}%" if total else "   -"


def report(split: str, cli: str, show_misses: bool) -> None:
    cases = load_corpus(split)
    n = len(cases)
    apis = len({c["api"] for c in cases})
    print(f"errtriage eval: split={split}, {n} cases, {apis} APIs, cli={cli}\n")
    if not n:
        return

    full_hits, misses = score(cases, classify(cli, [c["input"] for c in cases]))
    base_hits, _ = score(cases, classify(cli, [status_only(c["input"]) for c in cases]))

    print(f"{'field':<12} {'errtriage':>18}   {'status-only baseline':>20}")
    for field in (*FIELDS, "all five"):
        print(f"{field:<12} {pct(full_hits[field], n):>18}   {pct(base_hits[field], n):>20}")

    confusion = collections.Counter(
        (case["expect"]["category"], got["category"]) for case, got, _ in misses
        if got["category"] != case["expect"]["category"])
    print(f"\ncategory confusion on errtriage misses (expected -> got), {sum(confusion.values())} cases:")
    for (want, got), count in sorted(confusion.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {count:4d}  {want:<16} -> {got}")

    if show_misses:
        print(f"\nmisses ({len(misses)}):")
        for case, got, verdict in misses:
            rule = verdict.get("rule") if verdict else "<error>"
            want = case["expect"]
            diff = ", ".join(f"{f}: {want[f]!r} -> {got[f]!r}" for f in FIELDS if got[f] != want[f])
            print(f"  {case['id']}  [{rule}]\n      {diff}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--cli", default=str(REPO_ROOT / "target" / "release" / "errtriage"),
                        help="errtriage CLI binary (default: target/release/errtriage)")
    parser.add_argument("--show-misses", action="store_true", help="list every case errtriage gets wrong")
    args = parser.parse_args()
    try:
        report(args.split, args.cli, args.show_misses)
    except (OSError, ValueError) as err:  # a missing CLI or unreadable corpus is reported, not raised
        print(f"error: {err}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
