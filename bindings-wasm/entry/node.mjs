// errtriage-wasm for Node: the module is compiled and instantiated synchronously on import,
// so the API is ready at once; `init()` is there (a no-op) so code written for browsers runs
// unchanged.

import { readFileSync } from 'node:fs';
import * as native from './wasm/errtriage_wasm.js';
import { createApi } from './api.mjs';
import { createAdapters } from './adapters.mjs';
import { version } from './version.mjs';

native.initSync({ module: readFileSync(new URL('./wasm/errtriage_wasm_bg.wasm', import.meta.url)) });
const { load, api, clients } = createApi(native, version);
load();

/** Already loaded in Node; resolves at once (kept so browser code runs unchanged). */
export async function init() {}

export const { classify, classifyTransport, classifyJson, classifyMany, classifyManyAsync, classifyResponse, Classifier, rules, findRule, vocabulary, limits, RetryPolicy, RetryBudget, IdempotencyGuard, Operation, transportFailure, otelAttributes, readInputs, logFields, logFieldsTransport, escalationReport, escalationReportTransport, withRetry, RetryStoppedError, installAxiosRetry, axiosRetryOptions, kyHooks, gotRetry } = { ...api, ...createAdapters(api, clients) };
export { version };
