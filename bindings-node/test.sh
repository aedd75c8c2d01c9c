#!/usr/bin/env bash
# The test command of the Node addon package `errtriage`, runnable from anywhere (e.g. the
# repo root: `bash bindings-node/test.sh`), from nothing on a fresh machine with Rust, Node
# and npm: lint the crate, npm install (not `npm ci`: TOOLCHAIN.md), build (this machine's
# addon package npm/<platform>/ and the package with its WebAssembly fallback), npm pack both,
# install the tarballs into an empty scratch project, run the shared node:test suite (every
# vector, both ways, argument forms, errors) against them three ways — the native addon,
# ERRTRIAGE_BACKEND=wasm, the addon's .node deleted — and `tsc --noEmit --strict` a usage file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
PKG=$(pwd)

source ../js/test/setup.sh "$PKG" errtriage-node

echo "== npm install && npm run build"
npm install --no-audit --no-fund --loglevel=error
npm run build

bash ../js/test/run.sh node "$PKG"
echo "PASS: errtriage (node addon)"
