// Running one shared vector (tests/vectors/*.json) through a JS errtriage API: the JSON form
// (`classifyJson`) and the idiomatic call (`classify` / `classifyTransport`). Plain ESM with
// no Node imports, so the node:test suite and the browser page (bindings-wasm) share it.

/** The verdict's keys in order: the JS names and the JSON form's. */
export const VERDICT_KEYS = [
  ['shape', 'shape'],
  ['category', 'category'],
  ['action', 'action'],
  ['retryable', 'retryable'],
  ['outcome', 'outcome'],
  ['status', 'status'],
  ['code', 'code'],
  ['message', 'message'],
  ['requestId', 'request_id'],
  ['details', 'details'],
  ['retryAfterMs', 'retry_after_ms'],
  ['hint', 'hint'],
  ['rule', 'rule'],
];

const REQUEST_KEYS = {
  method: 'method',
  endpoint: 'endpoint',
  idempotency_key: 'idempotencyKey',
  token_fresh: 'tokenFresh',
  auth: 'auth',
  attempt: 'attempt',
};

/** Standard base64 → bytes (atob exists in browsers and Node ≥ 16). */
export function base64Bytes(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A vector's JSON-form input as the idiomatic call: `[name, args]`. */
export function idiomaticCall(input) {
  let request;
  if (input.request != null || input.now != null) {
    request = {};
    for (const [snake, camel] of Object.entries(REQUEST_KEYS)) {
      if (input.request?.[snake] !== undefined) request[camel] = input.request[snake];
    }
    if (input.now != null) request.now = input.now;
  }
  if (input.transport != null) {
    const { kind, ...transport } = input.transport;
    return ['classifyTransport', [kind, transport, request]];
  }
  const body = input.body_base64 != null ? base64Bytes(input.body_base64) : input.body;
  return ['classify', [input.status, body, input.headers, request]];
}

/** A JS verdict with the JSON form's keys, in the JS verdict's own key order. */
export function toSnake(verdict) {
  const names = new Map(VERDICT_KEYS);
  return Object.fromEntries(Object.entries(verdict).map(([k, v]) => [names.get(k) ?? `<unexpected ${k}>`, v]));
}

/** Deep equality for JSON data, key order included. */
export function sameJson(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Runs one case both ways; returns the problems found (empty when it passes). Key order and
 * presence are part of the check: the JS verdict must have exactly VERDICT_KEYS, in order.
 */
export function checkCase(api, testCase) {
  const problems = [];
  const json = JSON.parse(api.classifyJson(JSON.stringify(testCase.input)));
  if (!sameJson(json, testCase.expect)) {
    problems.push(`classifyJson: got ${JSON.stringify(json)}, expected ${JSON.stringify(testCase.expect)}`);
  }
  const [name, args] = idiomaticCall(testCase.input);
  const verdict = api[name](...args);
  const keys = Object.keys(verdict).join(',');
  const expectedKeys = VERDICT_KEYS.map(([camel]) => camel).join(',');
  if (keys !== expectedKeys) problems.push(`${name}: keys ${keys}, expected ${expectedKeys}`);
  const snake = toSnake(verdict);
  if (!sameJson(snake, testCase.expect)) {
    problems.push(`${name}: got ${JSON.stringify(snake)}, expected ${JSON.stringify(testCase.expect)}`);
  }
  return problems;
}

/** Runs one invalid-input case (tests/vectors/errors): the class, field and message thrown. */
export const ERROR_CLASS = { syntax: 'SyntaxError', type: 'TypeError', value: 'RangeError' };

export function checkErrorCase(api, testCase) {
  try {
    api.classifyJson(testCase.input_text);
  } catch (error) {
    const got = { name: error.constructor.name, field: error.field, message: error.message };
    const want = { name: ERROR_CLASS[testCase.error.kind], field: testCase.error.field, message: testCase.error.message };
    return sameJson(got, want) ? [] : [`got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
  }
  return ['classifyJson did not throw'];
}
