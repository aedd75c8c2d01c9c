#!/usr/bin/env bash
# The Python binding's test command. From the repository root: `bash bindings-python/test.sh`.
#
# Works from nothing (only python3 and a Rust toolchain) and can be run again at will: it checks
# the Rust code (fmt, clippy) and the Python code (ruff), builds the release wheel that is
# published — manylinux2014 (glibc 2.17) x86_64 abi3, linked by maturin with zig (PyPI's
# `ziglang`) — checks its tag and the glibc symbol versions it needs (auditwheel), installs that
# wheel — not the source tree, not an editable build — into a virtual environment created fresh
# for this run, and runs the pytest suite there (shared vectors, argument forms, errors, stubtest
# and mypy against the stubs, the README's examples). Any failure stops it with a non-zero exit
# status.
#
# Then the sdist: built, its listing checked for the core, and `pip install`ed in a clean venv,
# a source build (sdist-test.sh; the second build, under a minute on a quiet 2-core machine;
# ERRTRIAGE_TEST_SOURCE_INSTALL=0 skips it). PYTHON picks the interpreter (default python3).
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
# ziglang: the zig linker maturin uses for manylinux2014; auditwheel: checks the wheel's tag.
"$tools/bin/python" -m pip install --quiet "maturin>=1.9,<2" "ruff>=0.6" "ziglang>=0.13" "auditwheel>=6"

step "python: ruff"
"$tools/bin/ruff" check "$here"
"$tools/bin/ruff" format --check "$here"

step "build the wheel (manylinux2014 x86_64, abi3, zig)"
rm -rf "$dist"
# The tools venv first on PATH: maturin runs zig as `python3 -m ziglang` when no zig is there.
PATH="$tools/bin:$PATH" "$tools/bin/maturin" build --release --zig --compatibility manylinux2014 \
    --target x86_64-unknown-linux-gnu --manifest-path "$here/Cargo.toml" --out "$dist"
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
case "$(basename "$wheel")" in
    *-abi3-manylinux2014_x86_64.manylinux_2_17_x86_64.whl) ;;
    *) echo "not a manylinux2014 x86_64 wheel: $wheel" >&2; exit 1 ;;
esac
echo "$(basename "$wheel"): $(du -k "$wheel" | cut -f1) KiB"
# auditwheel reads the extension's ELF: the glibc symbol versions it needs must allow 2.17.
mkdir -p "$root/target"
"$tools/bin/auditwheel" show "$wheel" | tee "$root/target/python-auditwheel.txt"
tr -s ' \n' ' ' <"$root/target/python-auditwheel.txt" | grep -q 'consistent with the following platform tag: "manylinux_2_17_x86_64"' \
    || { echo "auditwheel: the extension needs a newer glibc than manylinux2014's 2.17" >&2; exit 1; }

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

if [ "${ERRTRIAGE_TEST_SOURCE_INSTALL:-1}" = 1 ]; then
    bash "$here/sdist-test.sh" "$tools" "$dist" >/dev/null
fi
