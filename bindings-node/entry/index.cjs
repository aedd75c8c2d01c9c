// errtriage for Node (CommonJS entry; index.mjs re-exports it for `import`): loads the prebuilt
// native addon for this platform (the optional dependency `errtriage-<platform>`, platforms.cjs)
// and, where none is installed or it does not load, the WebAssembly build bundled in this
// package (wasm/, wasm-bindgen's CommonJS glue); the same core either way, so the same API and
// the same verdict bytes. `backend` says which answers; ERRTRIAGE_BACKEND=native|wasm forces it.
'use strict';

const { createApi } = require('./api.cjs');
const { createAdapters } = require('./adapters.cjs');
const { currentPlatform } = require('./platforms.cjs');
const { version } = require('./version.cjs');

function loadNative() {
  const platform = currentPlatform();
  if (platform === null) {
    throw new Error(`errtriage: no prebuilt addon for ${process.platform}-${process.arch}`);
  }
  try {
    return require(`errtriage-${platform}`);
  } catch (error) {
    // In a checkout, `npm run build` leaves the addon in npm/<platform>/ beside dist/ (never
    // in the published package, whose files are dist/ only).
    try {
      return require(require('node:path').join(__dirname, '..', 'npm', platform, `errtriage.${platform}.node`));
    } catch {
      throw new Error(`errtriage: the addon package errtriage-${platform} did not load (install it, or build it: bindings-node/README.md)`, { cause: error });
    }
  }
}

function loadBackend() {
  const wanted = process.env.ERRTRIAGE_BACKEND ?? '';
  if (wanted === 'wasm') return ['wasm', require('./wasm/errtriage_wasm.js')];
  if (wanted === 'native') return ['native', loadNative()];
  if (wanted !== '') {
    throw new RangeError(`errtriage: ERRTRIAGE_BACKEND must be "native", "wasm" or unset, got ${JSON.stringify(wanted)}`);
  }
  try {
    return ['native', loadNative()];
  } catch {
    return ['wasm', require('./wasm/errtriage_wasm.js')];
  }
}

const [backend, native] = loadBackend();
const { load, api, clients } = createApi(native, version);
load();

/** Nothing to load in Node: resolves at once (kept so code written for errtriage-wasm runs unchanged). */
async function init() {}

module.exports = { init, ...api, ...createAdapters(api, clients), version, backend };
