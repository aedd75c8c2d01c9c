// errtriage-wasm for Node: the module is compiled and instantiated synchronously on import,
// so the API is ready at once; `init()` is there (a no-op) so code written for browsers runs
// unchanged.

import { readFileSync } from 'node:fs';
import * as native from './wasm/errtriage_wasm.js';
import { createApi } from './api.mjs';
import { createAdapters } from './adapters.mjs';
import { version as packageVersion } from './version.mjs';

native.initSync({ module: readFileSync(new URL('./wasm/errtriage_wasm_bg.wasm', import.meta.url)) });
const { load, api, clients } = createApi(native, packageVersion);
load();

/** Already loaded in Node; resolves at once (kept so browser code runs unchanged). */
async function ready() {}

// The names come from the one export list (js/index.d.ts, written in by js/build.mjs).
export const { /* @exports */ } = { init: ready, ...api, ...createAdapters(api, clients), version: packageVersion, backend: 'wasm' };
