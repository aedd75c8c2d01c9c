#!/usr/bin/env bash
# Differential fuzzing across languages (issue 11 §7): one seeded file of hostile JSON-form
# inputs, answered by Rust, Python, the Node addon and wasm, which must agree byte for byte.
#   scripts/differential.sh gen DIR      DIR/inputs.ndjson (scripts/gen_differential.py;
#                                        DIFF_SEED, DIFF_COUNT: default 11 and 3000)
#   scripts/differential.sh compare DIR  the Rust runner (core/examples/differential.rs), then
#                                        DIR/{rust,python,node,wasm}.out compared
# scripts/test.sh runs gen before the language suites and exports ERRTRIAGE_DIFFERENTIAL=DIR;
# bindings-python/test.sh and js/test/run.sh then answer DIR/inputs.ndjson with the package
# they just installed (tests/differential.py, js/test/differential.mjs), and compare runs last.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:?usage: differential.sh gen|compare DIR}
dir=${2:?usage: differential.sh gen|compare DIR}
mkdir -p "$dir"

case "$mode" in
  gen)
    rm -f "$dir"/*.out
    python3 scripts/gen_differential.py "$dir/inputs.ndjson" --seed "${DIFF_SEED:-11}" --count "${DIFF_COUNT:-3000}"
    ;;
  compare)
    cargo run -q --release --locked -p errtriage --example differential -- "$dir/inputs.ndjson" "$dir/rust.out"
    n=$(wc -l < "$dir/inputs.ndjson")
    status=0
    for lang in rust python node wasm; do
      if [ ! -f "$dir/$lang.out" ]; then
        echo "differential: no $lang output ($dir/$lang.out)"; status=1; continue
      fi
      printf '%s  %s (%s lines)\n' "$(sha256sum < "$dir/$lang.out" | cut -d' ' -f1)" "$lang" "$(wc -l < "$dir/$lang.out")"
    done
    [ $status -eq 0 ] || exit 1
    for lang in python node wasm; do
      if ! cmp -s "$dir/rust.out" "$dir/$lang.out"; then
        line=$(cmp "$dir/rust.out" "$dir/$lang.out" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        line=${line:-$(( $(wc -l < "$dir/rust.out") + 1 ))}
        echo "differential: $lang differs from rust, first at line $line"
        echo "  input:  $(sed -n "${line}p" "$dir/inputs.ndjson" | cut -c1-400)"
        echo "  rust:   $(sed -n "${line}p" "$dir/rust.out" | cut -c1-400)"
        echo "  $lang: $(sed -n "${line}p" "$dir/$lang.out" | cut -c1-400)"
        status=1
      fi
    done
    [ $status -eq 0 ] || exit 1
    echo "differential: $n inputs, 4 languages, identical"
    ;;
  *) echo "usage: differential.sh gen|compare DIR"; exit 2 ;;
esac
