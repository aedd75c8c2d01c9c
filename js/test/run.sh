#!/usr/bin/env bash
# The part of the JS test command both packages share: pack the built package, install the
# tarball into an empty scratch project, run the shared node:test suite against it, and
# type-check a usage file with `tsc --noEmit --strict` against the installed types.
#   js/test/run.sh <node|wasm> <package dir>      (called by bindings-*/test.sh)
# Prints the scratch directory on its last line, for steps that follow (the browser test).
set -euo pipefail

TARGET=$1
PKG=$(cd "$2" && pwd)
JS=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO=$(dirname "$JS")
NAME=$(node -p "require('$PKG/package.json').name")

echo "== npm pack ($NAME)"
rm -f "$PKG"/*.tgz
TARBALL="$PKG/$(cd "$PKG" && npm pack --silent | tail -1)"
echo "tarball: $(basename "$TARBALL"), $(du -k "$TARBALL" | cut -f1) KB"

SCRATCH=${ERRTRIAGE_SCRATCH:-${TMPDIR:-/tmp}/errtriage-js-test-$TARGET}
echo "== install into an empty scratch project: $SCRATCH"
rm -rf "$SCRATCH"
mkdir -p "$SCRATCH"
cd "$SCRATCH"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null
# The clients the adapters are tested with (optional peer dependencies of the package), and
# Node's types, which got's types need for the tsc check below.
npm install --no-audit --no-fund --loglevel=error axios@1.13.2 axios-retry@4.5.0 ky@1.9.1 got@14.6.6 @types/node@20.19.43 >/dev/null
cp "$JS/test/vectors.mjs" "$JS/test/suite.test.mjs" "$JS/test/differential.mjs" .

echo "== node:test suite against the installed $NAME"
set +e
ERRTRIAGE_TARGET=$TARGET ERRTRIAGE_VECTORS="$REPO/tests/vectors" node --test \
  --test-reporter=spec --test-reporter-destination=results.txt \
  --test-reporter=dot --test-reporter-destination=stdout suite.test.mjs
status=$?
set -e
echo
if [ $status -ne 0 ]; then
  grep -B2 -A25 '✖' results.txt | head -150
fi
grep -E '^ℹ (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms)' results.txt
[ $status -eq 0 ] || { echo "FAIL: node:test suite ($NAME)"; exit 1; }

if [ -n "${ERRTRIAGE_DIFFERENTIAL:-}" ]; then
  echo "== differential: the installed $NAME answers $ERRTRIAGE_DIFFERENTIAL/inputs.ndjson"
  node differential.mjs "$TARGET" "$ERRTRIAGE_DIFFERENTIAL/inputs.ndjson" "$ERRTRIAGE_DIFFERENTIAL/$TARGET.out"
fi

echo "== tsc --noEmit --strict on a usage file"
sed "s/from 'errtriage'/from '$NAME'/" "$JS/test/usage.mts" > usage.mts
"$PKG/node_modules/.bin/tsc" --noEmit --strict --target es2022 --module nodenext --moduleResolution nodenext \
  --lib es2022,dom usage.mts
echo "tsc: ok"
echo "$SCRATCH"
