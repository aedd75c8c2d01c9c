#!/usr/bin/env bash
# The sdist of errtriage: `maturin sdist` (the binding crate, the core it depends on by path,
# the workspace manifest and lock, the Python package), its listing checked for the core, then
# `pip install` of it in a clean virtual environment — a build from source through the maturin
# backend, which needs a Rust toolchain — and the installed package asked for a verdict.
#   bash bindings-python/sdist-test.sh <tools venv> <out dir>   (test.sh with
#   ERRTRIAGE_TEST_SOURCE_INSTALL=1, and scripts/release)
# Prints the sdist's path on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
tools="$1"
out="$2"
python="${PYTHON:-python3}"

printf '\n== sdist (maturin sdist)\n' >&2
rm -f "$out"/errtriage-*.tar.gz
"$tools/bin/maturin" sdist --manifest-path "$here/Cargo.toml" --out "$out" >&2
sdists=("$out"/errtriage-*.tar.gz)
sdist="${sdists[0]}"
[ "${#sdists[@]}" -eq 1 ] && [ -f "$sdist" ] || { echo "expected one sdist in $out" >&2; exit 1; }
listing="$(tar -tzf "$sdist")"
for want in /pyproject.toml /core/Cargo.toml /core/src/lib.rs /bindings-python/Cargo.toml \
    /bindings-python/src/lib.rs /python/errtriage/__init__.py /python/errtriage/py.typed /Cargo.lock; do
    grep -q -- "$want\$" <<<"$listing" || { echo "sdist: no *$want in $sdist" >&2; exit 1; }
done
echo "$(basename "$sdist"): $(du -k "$sdist" | cut -f1) KiB, $(wc -l <<<"$listing") files" >&2

printf '\n== pip install of the sdist in a clean venv (a source build)\n' >&2
srcenv="$root/target/python-sdist-test"
rm -rf "$srcenv"
"$python" -m venv "$srcenv"
# --no-cache-dir: a build from this sdist, never a wheel pip cached from an earlier one.
"$srcenv/bin/python" -m pip install --quiet --no-cache-dir "$sdist" >&2
(cd / && "$srcenv/bin/python" -c 'import errtriage; v = errtriage.classify(502); assert v.action == "retry", v; print("sdist install:", errtriage.__version__, v.action)') >&2
echo "$sdist"
