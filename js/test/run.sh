#!/usr/bin/env bash
# The part of the JS test command both packages share: pack the built package (for the Node
# package also its addon package npm/<platform>/), install the tarballs into an empty scratch
# project, run the shared node:test suite against them, and type-check a usage file with
# `tsc --noEmit --strict` against the installed types. The Node package's suite runs three
# ways: with the native addon, with ERRTRIAGE_BACKEND=wasm, and with the addon's .node file
# deleted from node_modules (the WebAssembly fallback must take over by itself).
#   js/test/run.sh <node|wasm> <package dir>      (called by bindings-*/test.sh)
# Prints the scratch directory on its last line, for steps that follow (the browser test).
set -euo pipefail

TARGET=$1
PKG=$(cd "$2" && pwd)
JS=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(dirname "$JS")
NAME=$(node -p "require('$PKG/package.json').name")

pack() {  # pack <dir>: npm pack there, print the tarball's path
  rm -f "$1"/*.tgz
  local tarball
  tarball="$1/$(cd "$1" && npm pack --silent | tail -1)"
  echo "tarball: $(basename "$tarball"), $(du -k "$tarball" | cut -f1) KB" >&2
  echo "$tarball"
}
echo "== npm pack ($NAME)"
TARBALLS=("$(pack "$PKG")")
if [ "$TARGET" = node ]; then
  # The addon packages built here (npm/<platform>/, this machine's), npm's optional dependencies.
  for dir in "$PKG"/npm/*/; do
    ls "$dir"*.node >/dev/null 2>&1 && TARBALLS+=("$(pack "$dir")")
  done
  [ "${#TARBALLS[@]}" -gt 1 ] || { echo "FAIL: no addon package in $PKG/npm/ (npm run build)"; exit 1; }
fi

SCRATCH=${ERRTRIAGE_SCRATCH:-${TMPDIR:-/tmp}/errtriage-js-test-$TARGET}
echo "== install into an empty scratch project: $SCRATCH"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH"
npm init -y >/dev/null
# The clients the adapters are tested with (optional peer dependencies of the package), and
# Node's types, which got's types need for the tsc check below.
npm install --no-audit --no-fund --loglevel=error axios@1.13.2 axios-retry@4.5.0 ky@1.9.1 got@14.6.6 @types/node@20.19.43 >/dev/null
# --offline: the tarballs only; the optional addon packages of other platforms are not fetched
# (npm skips an optional dependency it cannot get), this machine's comes from its tarball.
npm install --offline --no-audit --no-fund --loglevel=error "${TARBALLS[@]}" >/dev/null
cp "$JS/test/vectors.mjs" "$JS/test/suite.test.mjs" "$JS/test/differential.mjs" .

suite() {  # suite <label> <expected backend> [VAR=value ...]: the node:test suite, once
  local label=$1 expect=$2 status
  shift 2
  echo "== node:test suite against the installed $NAME ($label)"
  set +e
  env "$@" ERRTRIAGE_EXPECT_BACKEND="$expect" ERRTRIAGE_TARGET=$TARGET ERRTRIAGE_VECTORS="$REPO/tests/vectors" node --test \
    --test-reporter=spec --test-reporter-destination="results-$expect.txt" \
    --test-reporter=dot --test-reporter-destination=stdout suite.test.mjs
  status=$?
  set -e
  echo
  if [ $status -ne 0 ]; then
    grep -B2 -A25 '✖' "results-$expect.txt" | head -150
  fi
  grep -E '^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)' "results-$expect.txt"
  [ $status -eq 0 ] || { echo "FAIL: node:test suite ($NAME, $label)"; exit 1; }
}
if [ "$TARGET" = node ]; then
  suite "native addon" native
else
  suite "WebAssembly" wasm
fi

if [ -n "${ERRTRIAGE_DIFFERENTIAL:-}" ]; then
  echo "== differential: the installed $NAME answers $ERRTRIAGE_DIFFERENTIAL/inputs.ndjson"
  node differential.mjs "$TARGET" "$ERRTRIAGE_DIFFERENTIAL/inputs.ndjson" "$ERRTRIAGE_DIFFERENTIAL/$TARGET.out"
fi

echo "== tsc --noEmit --strict on a usage file"
sed "s/from 'errtriage'/from '$NAME'/" "$JS/test/usage.mts" > usage.mts
"$PKG/node_modules/.bin/tsc" --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
  --lib es2022,dom usage.mts
echo "tsc: ok"

if [ "$TARGET" = node ]; then
  suite "forced: ERRTRIAGE_BACKEND=wasm" wasm ERRTRIAGE_BACKEND=wasm
  if [ -n "${ERRTRIAGE_DIFFERENTIAL:-}" ]; then
    echo "== differential: the package's WebAssembly build answers byte for byte as its addon did"
    ERRTRIAGE_BACKEND=wasm node differential.mjs "$TARGET" "$ERRTRIAGE_DIFFERENTIAL/inputs.ndjson" node-wasm.out
    cmp "$ERRTRIAGE_DIFFERENTIAL/$TARGET.out" node-wasm.out && echo "same bytes: $(wc -l < node-wasm.out) lines"
  fi
  addons=(node_modules/errtriage-*/*.node)
  [ -f "${addons[0]}" ] || { echo "FAIL: no installed addon to delete"; exit 1; }
  rm -f "${addons[@]}"
  echo "deleted ${addons[*]}"
  suite "the addon deleted: the fallback" wasm
  echo "== forcing: ERRTRIAGE_BACKEND=native without an addon, and a bad value, are errors"
  for forced in native auto; do
    if out=$(ERRTRIAGE_BACKEND=$forced node -e "require('errtriage')" 2>&1); then
      echo "FAIL: ERRTRIAGE_BACKEND=$forced loaded"; exit 1
    fi
    grep -E "did not load|must be \"native\", \"wasm\" or unset" <<<"$out" | head -1
  done
fi
echo "$SCRATCH"
