#!/usr/bin/env bash
# The Python binding's test command. From the repository root: `bash bindings-python/test.sh`.
#
# Works from nothing (only python3 and a Rust toolchain) and can be run again at will: it checks
# the Rust code (fmt, clippy) and the Python code (ruff), builds the release wheel with maturin,
# installs that wheel — not the source tree, not an editable build — into a virtual environment
# created fresh for this run, and runs the pytest suite there (shared vectors, argument forms,
# errors, stubtest and mypy against the stubs, the README's examples). Any failure stops it with
# a non-zero exit status.
#
# PYTHON picks the interpreter (default python3). ERRTRIAGE_TEST_SOURCE_INSTALL=1 also checks
# that `pip install ./bindings-python` builds from source (a second, slower build).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
python="${PYTHON:-python3}"
tools="$here/.venv"                       # maturin and ruff, kept between runs
testenv="$root/target/python-wheel-test"  # recreated on every run
dist="$here/dist"

step() { printf '\n== %s\n' "$*"; }

step "rust: fmt and clippy (errtriage-python)"
if ! cargo fmt --version >/dev/null 2>&1 || ! cargo clippy --version >/dev/null 2>&1; then
    rustup component add rustfmt clippy
fi
cargo fmt -p errtriage-python --check
# --no-deps: this crate's lints only; the core has its own checks.
cargo clippy -p errtriage-python --no-deps --quiet -- -D warnings

step "build tools ($tools)"
[ -x "$tools/bin/python" ] || "$python" -m venv "$tools"
"$tools/bin/python" -m pip install --quiet "maturin>=1.9,<2" "ruff>=0.6"

step "python: ruff"
"$tools/bin/ruff" check "$here"
"$tools/bin/ruff" format --check "$here"

step "build the wheel"
rm -rf "$dist"
"$tools/bin/maturin" build --release --manifest-path "$here/Cargo.toml" --out "$dist"
wheels=("$dist"/errtriage-*.whl)
if [ "${#wheels[@]}" -ne 1 ] || [ ! -f "${wheels[0]}" ]; then
    echo "expected exactly one wheel in $dist, found: ${wheels[*]}" >&2
    exit 1
fi
wheel="${wheels[0]}"
case "$(basename "$wheel")" in
    *-abi3-*) ;;
    *) echo "not an abi3 wheel: $wheel" >&2; exit 1 ;;
esac
echo "$(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB"

step "fresh virtual environment with the wheel ($testenv)"
rm -rf "$testenv"
"$python" -m venv "$testenv"
# pyarrow, polars, duckdb, pandas and pyspark for the Arrow tests (test_arrow.py, test_spark.py):
# about a minute of downloads and installs on a fresh machine (pyspark is ~320 MB).
"$testenv/bin/python" -m pip install --quiet pytest "mypy>=1.10" requests httpx aiohttp tenacity \
    pyarrow polars duckdb pandas pyspark
"$testenv/bin/python" -m pip install --quiet --no-deps --no-index "$wheel"

step "pytest against the installed wheel"
cd "$here"
"$testenv/bin/python" -m pytest -p no:cacheprovider tests

if [ -n "${ERRTRIAGE_DIFFERENTIAL:-}" ]; then
    step "differential: the installed wheel answers $ERRTRIAGE_DIFFERENTIAL/inputs.ndjson"
    "$testenv/bin/python" tests/differential.py "$ERRTRIAGE_DIFFERENTIAL/inputs.ndjson" \
        "$ERRTRIAGE_DIFFERENTIAL/python.out"
fi

if [ "${ERRTRIAGE_TEST_SOURCE_INSTALL:-0}" = 1 ]; then
    step "pip install ./bindings-python (source build through the maturin backend)"
    srcenv="$root/target/python-source-test"
    rm -rf "$srcenv"
    "$python" -m venv "$srcenv"
    "$srcenv/bin/python" -m pip install --quiet "$here"
    (cd / && "$srcenv/bin/python" -c 'import errtriage; print("source install:", errtriage.__version__, errtriage.classify(502).action)')
fi
