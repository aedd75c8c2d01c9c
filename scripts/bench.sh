#!/usr/bin/env bash
# Every benchmark errtriage has, in one command (not part of scripts/test.sh; benchmarks are
# not timed tests). Each prints its ratio against a baseline measured in the same run:
#   1. core: `classify` against a validate-only parse (serde IgnoredAny) of the same seed
#      bodies, 1 MB against 64 KiB, 1,000 user rules (cargo bench --bench classify); and, when
#      valgrind is installed, the same comparison in instructions (benches/instructions.rs
#      under callgrind: steady on a busy machine);
#   2. the escalation report at 16 KiB .. 1 MB (cargo bench --bench report);
#   3. Python: errtriage against a pure-Python implementation with the same tables, and every
#      body type at 100 B, 64 KiB, 1 MB and 100 MB (time, peak memory) (bindings-python/bench.py);
#   4. Node addon and 5. wasm in Node: against pure JS with the same tables (js/bench), and
#      every body size (js/bench/sizes.mjs).
# Builds what it runs: the release wheel into target/bench-venv, `npm run build` in each JS
# package (run bindings-*/test.sh once first on a fresh machine: it installs the tools).
# BENCH_ONLY=core|python|node|wasm runs one part.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
only=${BENCH_ONLY:-all}
want() { [ "$only" = all ] || [ "$only" = "$1" ]; }
step() { printf '\n==> %s\n' "$*"; }

if want core; then
  step "core: classify vs validate-only parse (wall clock)"
  cargo bench -q -p errtriage --bench classify
  if command -v valgrind >/dev/null; then
    step "core: the same in instructions (callgrind), per call"
    cargo bench -q -p errtriage --bench instructions --no-run 2>/dev/null
    bin=$(cargo bench -q -p errtriage --bench instructions --no-run --message-format=json 2>/dev/null \
      | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
    count() { # mode calls inputs -> instructions per call
      local ir
      ir=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --toggle-collect='*measured_*' \
        "$bin" "$1" "$2" 2>&1 | sed -n 's/.*Collected : //p')
      echo $((ir / ($2 * $3)))
    }
    c=$(count classify 200 9); p=$(count parse 200 9); j=$(count to_json 200 9)
    r=$(count scratch 200 9); f=$(count form 200 9)
    awk -v c="$c" -v p="$p" -v j="$j" -v r="$r" -v f="$f" 'BEGIN {
      printf "classify %d, validate-only parse %d instructions a call: %.2fx (target <= 2x)\n", c, p, c / p
      printf "classify_ref with a kept scratch (the bindings) %d: %.2fx\n", r, r / p
      printf "to_json %d instructions a call; classify_json of the JSON form (the CLI) %d\n", j, f }'
    t=$(count text 200 6)
    awk -v t="$t" -v c="$c" 'BEGIN {
      printf "bodies that are not JSON: classify %d instructions a call, %.2fx the seed bodies (target <= 1x)\n", t, t / c }'
    for kind in json html; do
      s=$(count "${kind}64k" 20 1); l=$(count "${kind}1m" 20 1)
      awk -v s="$s" -v l="$l" -v k="$kind" 'BEGIN {
        printf "%s body: 64 KiB %d, 1 MB %d instructions: %.2fx (target 1.0x)\n", k, s, l, l / s }'
    done
  fi
  step "core: escalation report by body size"
  cargo bench -q -p errtriage --bench report
fi

if want python; then
  step "Python: errtriage vs pure Python, and every body size"
  venv="$ROOT/target/bench-venv"
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet "maturin>=1.9,<2"
  rm -rf "$ROOT/target/bench-wheel"
  "$venv/bin/maturin" build --quiet --release --manifest-path bindings-python/Cargo.toml --out "$ROOT/target/bench-wheel"
  "$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps --no-index "$ROOT"/target/bench-wheel/errtriage-*.whl
  "$venv/bin/python" bindings-python/bench.py
fi

for pkg in node wasm; do
  if want "$pkg"; then
    step "$pkg: errtriage vs pure JS, and every body size"
    (cd "bindings-$pkg" && { [ -d node_modules ] || npm install --no-audit --no-fund --loglevel=error; } \
      && npm run -s build >/dev/null && node bench.mjs)
  fi
done
