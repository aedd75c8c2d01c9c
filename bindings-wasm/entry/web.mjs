// errtriage-wasm for browsers, bundlers and edge runtimes. Call `await init()` once (it is
// idempotent); then the API is synchronous, the same as the Node addon's.
//
//   import { init, classifyJson } from 'errtriage-wasm';
//   await init();                      // fetches errtriage_wasm_bg.wasm next to this file
//   await init(urlOrBytesOrModule);    // or from where you serve it

import initWasm, * as native from './wasm/errtriage_wasm.js';
import { createApi } from './api.mjs';
import { createAdapters } from './adapters.mjs';
import { version } from './version.mjs';

const { load, api, clients } = createApi(native, version);
let loading = null;

/** Loads the WebAssembly module (once); `input` is its URL, bytes or compiled module. */
export function init(input) {
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

export const { classify, classifyTransport, classifyJson, classifyMany, classifyManyAsync, classifyResponse, Classifier, rules, findRule, vocabulary, limits, RetryPolicy, RetryBudget, IdempotencyGuard, Operation, transportFailure, otelAttributes, readInputs, logFields, logFieldsTransport, escalationReport, escalationReportTransport, withRetry, RetryStoppedError, installAxiosRetry, axiosRetryOptions, kyHooks, gotRetry } = { ...api, ...createAdapters(api, clients) };
export { version };
