#!/usr/bin/env bash
# Set-up shared by bindings-node/test.sh and bindings-wasm/test.sh: check the tools, install
# the wasm target and the wasm-bindgen CLI at the crate's exact version (both packages build
# the WebAssembly core: errtriage-wasm, and the fallback inside the Node package), check the
# package version against the workspace's, and lint the crate. Sourced, not run:
#   source js/test/setup.sh <package dir> <crate>
set -euo pipefail

for tool in cargo node npm python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found"; exit 1; }
done

SETUP_PKG=$(cd "$1" && pwd)
SETUP_CRATE=$2
SETUP_REPO=$(dirname "$SETUP_PKG")

echo "== toolchain: wasm32-unknown-unknown, wasm-bindgen CLI"
rustup target add wasm32-unknown-unknown
SETUP_WANT=$(grep -A1 '^name = "wasm-bindgen"$' "$SETUP_REPO/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
SETUP_HAVE=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$SETUP_HAVE" != "$SETUP_WANT" ]; then
  echo "wasm-bindgen CLI ${SETUP_HAVE:-missing}, crate $SETUP_WANT: installing (a few minutes)"
  cargo install wasm-bindgen-cli --version "$SETUP_WANT"
fi

echo "== version: package.json against the workspace (Cargo.toml)"
node --input-type=module -e "
import { checkVersion } from '$SETUP_REPO/js/build.mjs';
console.log('version', checkVersion('$SETUP_PKG').version, 'ok');
"

echo "== cargo fmt --check, clippy -D warnings, unit tests ($SETUP_CRATE)"
(cd "$SETUP_REPO" && cargo fmt -p "$SETUP_CRATE" --check)
(cd "$SETUP_REPO" && cargo clippy -q -p "$SETUP_CRATE" --all-targets -- -D warnings)
(cd "$SETUP_REPO" && cargo test -q -p "$SETUP_CRATE" 2>&1 | grep -E '^test result|FAILED|panicked' || true)
(cd "$SETUP_REPO" && cargo test -q -p "$SETUP_CRATE" >/dev/null 2>&1) || { echo "FAIL: cargo test -p $SETUP_CRATE"; exit 1; }
