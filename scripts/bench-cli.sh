#!/usr/bin/env bash
# The CLI benchmark (issue 14): not a test, not in scripts/test.sh. One command:
#
#   bash scripts/bench-cli.sh            # LINES=500000 HAR_MB=100 by default
#
# Generates, in target/bench-cli/, an NDJSON log of LINES inputs (the shipped example's
# failures, each with an `id` member of its own, as real logs have) and a HAR file of about
# HAR_MB megabytes (one entry in ten a failure, the others successes with bodies), then runs,
# each under /usr/bin/time -v (wall time and peak RSS), in the same run:
#   - the floor: serde_json parse-and-print of every line (cli/examples/json_floor.rs), one thread;
#   - jq -c . (when jq is installed);
#   - errtriage classify on one thread (--jobs 1) and on every core;
#   - errtriage classify --summary --by rule (every core);
#   - errtriage classify --summary --by rule on the HAR, and classify on the HAR;
# and prints lines/s and MB/s, peak memory, and the ratios (errtriage against the floor and jq;
# every core against one).
set -euo pipefail
cd "$(dirname "$0")/.."
LINES="${LINES:-500000}"
HAR_MB="${HAR_MB:-100}"
OUT=target/bench-cli
mkdir -p "$OUT"

cargo build --release -q -p errtriage-cli --bin errtriage --example json_floor
BIN=target/release/errtriage
FLOOR=target/release/examples/json_floor

python3 - "$OUT/lines.ndjson" "$LINES" <<'PY'
import json, sys
path, n = sys.argv[1], int(sys.argv[2])
examples = [json.loads(l) for l in open("examples/failures.ndjson", encoding="utf-8") if l.strip()]
with open(path, "w", encoding="utf-8") as out:
    for i in range(n):
        line = {"id": f"req-{i}"}
        line.update(examples[i % len(examples)])
        out.write(json.dumps(line, separators=(",", ":")) + "\n")
PY

python3 - "$OUT/big.har" "$HAR_MB" <<'PY'
import json, sys
path, mb = sys.argv[1], int(sys.argv[2])
examples = [json.loads(l) for l in open("examples/failures.ndjson", encoding="utf-8") if l.strip()]
responses = [e for e in examples if "status" in e and "transport" not in e]
filler = "x" * 700
with open(path, "w", encoding="utf-8") as out:
    out.write('{"log": {"version": "1.2", "creator": {"name": "bench-cli", "version": "1"}, "pages": [], "entries": [\n')
    i, size = 0, 0
    while size < mb * 1_000_000:
        if i % 10 == 0:
            e = responses[(i // 10) % len(responses)]
            headers = e.get("headers", {})
            response = {"status": e["status"], "statusText": "", "httpVersion": "http/2.0",
                        "headers": [{"name": k, "value": v} for k, v in headers.items()],
                        "content": {"size": len(e.get("body", "")), "mimeType": "application/json", "text": e.get("body", "")}}
        else:
            response = {"status": 200, "statusText": "OK", "httpVersion": "http/2.0",
                        "headers": [{"name": "content-type", "value": "application/json"}],
                        "content": {"size": 720, "mimeType": "application/json", "text": json.dumps({"ok": True, "pad": filler})}}
        request = examples[i % len(examples)].get("request", {})
        entry = {"startedDateTime": "2025-11-22T00:00:00.000Z", "time": 12.5,
                 "request": {"method": request.get("method", "GET"), "url": "https://api.example.com" + request.get("endpoint", "/v1/x"),
                             "httpVersion": "http/2.0", "headers": [{"name": "accept", "value": "application/json"}], "queryString": [], "cookies": [], "headersSize": -1, "bodySize": 0},
                 "response": response, "cache": {}, "timings": {"send": 0.1, "wait": 10, "receive": 2}}
        text = ("" if i == 0 else ",\n") + json.dumps(entry)
        out.write(text)
        size += len(text)
        i += 1
    out.write("\n]}}\n")
PY

# measure NAME INPUT COMMAND… : runs COMMAND < INPUT > /dev/null under time -v; sets SECS and RSS_KB.
measure() {
  local name="$1" input="$2"; shift 2
  /usr/bin/time -v "$@" < "$input" > /dev/null 2> "$OUT/$name.time" || {
    local rc=$?
    # classify exits 1 when some inputs are invalid; anything else is a failure of the bench.
    if [ "$rc" -ne 1 ]; then cat "$OUT/$name.time" >&2; exit "$rc"; fi
  }
  local wall
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$OUT/$name.time")"
  SECS="$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")"
  RSS_KB="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$OUT/$name.time")"
  eval "SECS_$name=$SECS RSS_$name=$RSS_KB"
}

report() { # NAME INPUT UNITS
  local name="$1" input="$2" units="$3" secs rss bytes
  secs="$(eval echo "\$SECS_$name")"; rss="$(eval echo "\$RSS_$name")"
  bytes="$(stat -c %s "$input")"
  python3 -c "
import sys
name, secs, rss, bytes_, units = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
secs = max(secs, 0.01)
print(f'{name:<22} {secs:7.2f} s  {units/secs/1e3:9.0f} k records/s  {bytes_/secs/1e6:7.1f} MB/s  peak RSS {rss/1024:6.1f} MB')
" "$name" "$secs" "$rss" "$bytes" "$units"
}

ratio() { python3 -c "import sys; print(f'{sys.argv[1]}: {float(sys.argv[3])/max(float(sys.argv[2]),0.01):.2f}x')" "$1" "$2" "$3"; }

NDJSON="$OUT/lines.ndjson"
HAR="$OUT/big.har"
CORES="$(nproc)"
echo "inputs: $LINES NDJSON lines ($(du -m "$NDJSON" | cut -f1) MB), a $(du -m "$HAR" | cut -f1) MB HAR; $CORES cores"
echo

measure floor "$NDJSON" "$FLOOR"
report floor "$NDJSON" "$LINES"
if command -v jq >/dev/null; then
  measure jq "$NDJSON" jq -c .
  report jq "$NDJSON" "$LINES"
fi
measure one "$NDJSON" "$BIN" classify --jobs 1
report one "$NDJSON" "$LINES"
measure all "$NDJSON" "$BIN" classify --jobs "$CORES"
report all "$NDJSON" "$LINES"
measure summary "$NDJSON" "$BIN" classify --summary --by rule
report summary "$NDJSON" "$LINES"

ENTRIES="$(grep -c '"startedDateTime"' "$HAR")"
measure har_summary "$HAR" "$BIN" classify --format har --summary --by rule
report har_summary "$HAR" "$ENTRIES"
measure har "$HAR" "$BIN" classify --format har
report har "$HAR" "$ENTRIES"

echo
echo "ratios (time of the other / time of errtriage; above 1: errtriage is faster)"
ratio "errtriage one core vs the serde_json floor" "$SECS_one" "$SECS_floor"
if command -v jq >/dev/null; then
  ratio "errtriage one core vs jq -c" "$SECS_one" "$SECS_jq"
fi
ratio "errtriage $CORES cores vs one core (speed-up)" "$SECS_all" "$SECS_one"
echo "peak memory: classify $((RSS_all / 1024)) MB, summary $((RSS_summary / 1024)) MB, HAR $((RSS_har / 1024)) MB"
