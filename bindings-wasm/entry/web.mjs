// errtriage-wasm for browsers, bundlers and edge runtimes. Call `await init()` once (it is
// idempotent); then the API is synchronous, the same as the Node addon's.
//
//   import { init, classifyJson } from 'errtriage-wasm';
//   await init();                      // fetches errtriage_wasm_bg.wasm next to this file
//   await init(urlOrBytesOrModule);    // or from where you serve it

import initWasm, * as native from './wasm/errtriage_wasm.js';
import { createApi } from './api.mjs';
import { createAdapters } from './adapters.mjs';
import { version as packageVersion } from './version.mjs';

const { load, api, clients } = createApi(native, packageVersion);
let loading = null;

/** Loads the WebAssembly module (once); `input` is its URL, bytes or compiled module. */
function loadOnce(input) {
  if (loading === null) {
    loading = initWasm(input === undefined ? undefined : { module_or_path: input }).then(
      () => load(),
      (error) => {
        loading = null;
        throw error;
      },
    );
  }
  return loading;
}

// The names come from the one export list (js/index.d.ts, written in by js/build.mjs).
export const { /* @exports */ } = { init: loadOnce, ...api, ...createAdapters(api, clients), version: packageVersion, backend: 'wasm' };
