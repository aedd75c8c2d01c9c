#!/usr/bin/env bash
# Every test errtriage has, on a fresh machine: installs what is missing (rustup targets, a
# Python venv, npm packages, wasm-bindgen-cli at the pinned version, Debian's Chromium), then
# runs the Rust checks, each language's suite over the shared vectors, differential fuzzing
# (the same 3,000 hostile inputs answered byte for byte alike in Rust, Python, Node and wasm,
# scripts/differential.sh), a short fuzzing run
# (FUZZ_SECONDS per target, default 10), and ends with the Rust test runner. Exits non-zero on
# the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "one version: every crate, the Python package, the npm packages, the dashboard (scripts/check_version.py)"
python3 scripts/check_version.py

step "Rust toolchain pieces"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
rustup target add wasm32v1-none wasm32-unknown-unknown

step "cargo fmt --check"
cargo fmt --all --check

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p errtriage-wasm --target wasm32-unknown-unknown --locked -- -D warnings

step "no_std: the core builds for wasm32v1-none (a target without std)"
cargo build -p errtriage --target wasm32v1-none --locked

step "differential fuzzing: generate the inputs (scripts/differential.sh)"
# Each language suite answers them with the package it installs; compared after the suites.
export ERRTRIAGE_DIFFERENTIAL="$PWD/target/differential"
bash scripts/differential.sh gen "$ERRTRIAGE_DIFFERENTIAL"

for suite in bindings-python bindings-node bindings-wasm dashboard; do
  if [ -f "$suite/test.sh" ]; then
    step "$suite"
    bash "$suite/test.sh"
  fi
done

step "differential fuzzing: Rust, Python, Node and wasm answer byte for byte the same"
bash scripts/differential.sh compare "$ERRTRIAGE_DIFFERENTIAL"

step "the CLI on the shipped example"
cargo run -q --locked -p errtriage-cli -- classify --summary examples/failures.ndjson

step "fuzzing: each cargo-fuzz target for ${FUZZ_SECONDS:-10} s, seeded from tests/vectors (scripts/fuzz.sh)"
# Installs cargo-fuzz when missing (~1 min) and builds the targets with AddressSanitizer
# (~1.5 min cold); bash scripts/fuzz.sh 3600 runs them for hours.
bash scripts/fuzz.sh "${FUZZ_SECONDS:-10}"

step "Rust tests: core (vectors, rule tables, robustness, JSON form, doctests), CLI, errtriage-reqwest (against tests/server/hostile.py)"
cargo test --locked -p errtriage-cli -p errtriage -p errtriage-reqwest
