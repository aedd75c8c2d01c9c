#!/usr/bin/env bash
# Tests of the triage dashboard, from nothing: Chromium, the npm devDependency, the wasm build
# of the core (when it is missing), the unit tests of the input translation, then the page in
# headless Chromium against a local static server. Run from anywhere; idempotent; exits non-zero
# on any failure. The page is compared with dashboard/screenshot.png; with
# ERRTRIAGE_UPDATE_SCREENSHOT=1 the screenshot is rewritten instead.
set -euo pipefail

DASH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$DASH")"
cd "$ROOT"
say() { printf '\n== dashboard: %s\n' "$*"; }

# 1. Chromium (Debian's; playwright's own download cannot work offline).
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  say "installing chromium"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
fi
export CHROMIUM

# 2. The devDependencies: playwright-core (never `npx playwright install`), pngjs, pixelmatch.
say "npm install"
npm --prefix "$DASH" install --no-audit --no-fund

# 3. The wasm build of the core, at the path the page's import map names.
WASM_MODULE="$(sed -n 's/.*"errtriage-wasm": *"\.\.\/\([^"]*\)".*/\1/p' "$DASH/index.html")"
[ -n "$WASM_MODULE" ] || { echo "dashboard: no errtriage-wasm entry in index.html's import map" >&2; exit 1; }
if [ ! -f "$ROOT/$WASM_MODULE" ]; then
  say "building the wasm package ($WASM_MODULE is missing)"
  # Its build needs the wasm target and wasm-bindgen-cli at exactly the crate's version
  # (TOOLCHAIN.md "WebAssembly"); both are no-ops when already there.
  rustup target add wasm32-unknown-unknown
  PINNED="$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"$/\1/p;}' "$ROOT/Cargo.lock")"
  if [ -n "$PINNED" ] && [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$PINNED" ]; then
    cargo install wasm-bindgen-cli --version "$PINNED"
  fi
  (cd "$ROOT/bindings-wasm" && npm install --no-audit --no-fund && npm run build)
  [ -f "$ROOT/$WASM_MODULE" ] || { echo "dashboard: the build did not produce $WASM_MODULE" >&2; exit 1; }
fi

# 4. Unit tests of the HAR / NDJSON / paste → JSON-form translation.
say "unit tests"
node --test "$DASH"/test/unit/*.test.mjs

# 5. A static server on a free port of 127.0.0.1, serving the repository root.
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
SERVER_LOG="$(mktemp -t errtriage-dashboard-server.XXXXXX)"
python3 -m http.server --bind 127.0.0.1 "$PORT" --directory "$ROOT" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!
cleanup() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -f "$SERVER_LOG"
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request, sys; urllib.request.urlopen('http://127.0.0.1:$PORT/dashboard/', timeout=1)" 2>/dev/null; then break; fi
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$SERVER_LOG" >&2; echo "dashboard: the server did not start" >&2; exit 1; }
  sleep 0.1
done

# 6. The page in headless Chromium.
say "browser tests (http://127.0.0.1:$PORT/dashboard/)"
DASHBOARD_URL="http://127.0.0.1:$PORT/dashboard/" node --test "$DASH"/test/browser/*.test.mjs
if [ -n "${ERRTRIAGE_UPDATE_SCREENSHOT:-}" ]; then say "ok; dashboard/screenshot.png rewritten: look at it before committing"; else say "ok"; fi
