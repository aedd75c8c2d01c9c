"""The Python runner of the differential test (issue 11 §7, scripts/differential.sh).

    python tests/differential.py IN OUT

Reads an NDJSON file of JSON-form inputs and writes, per line, ``classify_json(line)`` or the
error as ``{"error":{"kind":...,"field":...,"message":...}}`` (the core's kind and field, which
the binding's exceptions carry as attributes), the form every language's runner writes.
"""

import json
import sys

import errtriage


def answer(line: str) -> str:
    try:
        return errtriage.classify_json(line)
    except (TypeError, ValueError) as e:
        error = {
            "kind": getattr(e, "kind", "type" if isinstance(e, TypeError) else "value"),
            "field": getattr(e, "field", None),
            "message": str(e),
        }
        return json.dumps({"error": error}, ensure_ascii=False, separators=(",", ":"))


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8", newline="") as f:
        # Split on \n alone, as JSON Lines does: str.splitlines would split on U+2028 too.
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    with open(target, "w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(answer(line) + "\n")
    print(f"python: {len(lines)} inputs", file=sys.stderr)


if __name__ == "__main__":
    main()
