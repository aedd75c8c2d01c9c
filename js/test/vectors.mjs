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

/**
 * A vector's JSON-form input as the idiomatic call: `[name, args]`; null for what only the
 * JSON form can say: a partial response (status and transport together) and a later lifecycle
 * failure (`lifecycle`).
 */
export function idiomaticCall(input) {
  if ((input.status != null && input.transport != null) || input.lifecycle != null) return null;
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
  const call = idiomaticCall(testCase.input);
  if (call === null) return problems;
  const [name, args] = call;
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

// ---- Input readers: tests/vectors/readers/ (as core/tests/readers.rs runs them) ------------

/** The case's document as bytes (`data` as UTF-8, or `data_base64`). */
export function readerData(testCase) {
  if (typeof testCase.data === 'string') return new TextEncoder().encode(testCase.data);
  return Uint8Array.from(atob(testCase.data_base64), (c) => c.charCodeAt(0));
}

/** Runs one reader case: `readInputs` compared whole, or the document-level error (class, field, message). */
export function checkReaderCase(api, testCase) {
  const options = testCase.format === null ? undefined : { format: testCase.format };
  let got;
  try {
    got = api.readInputs(readerData(testCase), options);
  } catch (error) {
    if (!testCase.error) return [`threw ${error.name}: ${error.message}`];
    const caught = { name: error.constructor.name, field: error.field, message: error.message };
    const want = { name: ERROR_CLASS[testCase.error.kind], field: testCase.error.field, message: testCase.error.message };
    return sameJson(caught, want) ? [] : [`got ${JSON.stringify(caught)}, expected ${JSON.stringify(want)}`];
  }
  if (testCase.error) return [`did not throw; got ${JSON.stringify(got)}`];
  return sameData(got, testCase.expected) ? [] : [`got ${JSON.stringify(got)}, expected ${JSON.stringify(testCase.expected)}`];
}

// ---- User rules: tests/vectors/user_rules/ (as core/tests/user_rules.rs runs them) ----------

/**
 * Runs one rules document's file: `new Classifier(doc.rules)`, then every case both ways
 * (checkCase on the classifier: `classifyJson` compared whole, and the idiomatic call decoded
 * through the wire, user rules' ids and hints included). Returns `{ cases, problems }`.
 */
export function checkUserRulesFile(api, doc) {
  let classifier;
  try {
    classifier = new api.Classifier(doc.rules);
  } catch (error) {
    return { cases: 0, problems: [`new Classifier: ${error.name}: ${error.message}`] };
  }
  const problems = [];
  for (const testCase of doc.cases) {
    for (const problem of checkCase(classifier, testCase)) problems.push(`${testCase.name}: ${problem}`);
  }
  // The user rules come first in rules(), each found by rule(id), and the printed document
  // reads back with the same user rules (as the Rust test reads it back).
  const spec = typeof doc.rules === 'string' ? JSON.parse(doc.rules) : doc.rules;
  const own = spec.rules.map((r) => r.id);
  const listed = classifier.rules().slice(0, own.length).map((r) => r.id);
  if (!sameJson(listed, own)) problems.push(`rules(): user rules first expected ${JSON.stringify(own)}, got ${JSON.stringify(listed)}`);
  for (const rule of spec.rules) {
    const got = classifier.rule(rule.id);
    const want = { id: rule.id, category: rule.category, action: rule.action, hint: rule.hint, source: rule.source };
    if (!sameJson(got, want)) problems.push(`rule(${rule.id}): got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  const printed = JSON.parse(classifier.rulesJson());
  const again = new api.Classifier({ errtriage_rules: 1, rules: printed.rules.filter((r) => own.includes(r.id)) });
  if (!sameJson(again.rules().slice(0, own.length).map((r) => r.id), own)) problems.push('rulesJson(): the user rules do not read back');
  return { cases: doc.cases.length, problems };
}

/** Runs one invalid rules document: the constructor throws the core's error (class, field, message). */
export function checkInvalidDocument(api, testCase) {
  try {
    new api.Classifier(testCase.rules_text);
  } catch (error) {
    const got = { name: error.constructor.name, field: error.field, message: error.message };
    const want = { name: ERROR_CLASS[testCase.error.kind], field: testCase.error.field, message: testCase.error.message };
    return sameJson(got, want) ? [] : [`got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`];
  }
  return ['new Classifier did not throw'];
}

// ---- Across attempts: tests/vectors/policy/ and tests/vectors/reports/ ----------------------

/** The core's snake_case keys as the JS API's camelCase, recursively (keys only). */
export function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camelKeys(v)]));
}

/** The JS API's camelCase keys back as the core's snake_case, recursively, order kept. */
export function snakeKeys(value) {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeKeys(v)]));
}

/** JSON equality regardless of key order (the scenario expectations are small objects). */
function sameData(a, b) {
  const sorted = (v) => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v === null || typeof v !== 'object') return v;
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted(v[k])]));
  };
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

export const STEP_KEYS = ['kind', 'delayMs', 'action', 'reason', 'message'];

/** Runs one retry-policy scenario: classify each input idiomatically, feed the policy, compare steps. */
export function checkScenario(api, testCase) {
  const problems = [];
  const policy = new api.RetryPolicy(testCase.policy == null ? undefined : camelKeys(testCase.policy));
  const budget = testCase.budget == null ? null : new api.RetryBudget(camelKeys(testCase.budget));
  const attempts = policy.start(testCase.seed == null ? undefined : { seed: testCase.seed });
  testCase.steps.forEach((step, i) => {
    let got;
    if (step.success === true) {
      budget.recordSuccess();
      got = {};
    } else {
      const [name, args] = idiomaticCall(step.input);
      // The attempt's own time, as a helper measures and reports it.
      if (step.call_ms !== undefined) attempts.recordCallMs(step.call_ms);
      const options = {};
      if (step.draw !== undefined) options.draw = step.draw;
      if (budget !== null) options.budget = budget;
      const s = attempts.next(api[name](...args), options);
      if (Object.keys(s).join(',') !== STEP_KEYS.join(',')) problems.push(`step ${i + 1}: keys ${Object.keys(s)}`);
      got = { step: s.kind };
      if (s.kind === 'retry') got.delay_ms = s.delayMs;
      if (s.kind === 'stop') Object.assign(got, { action: s.action, reason: s.reason });
      const absent = STEP_KEYS.filter((k) => k !== 'kind' && s[k] === null).length;
      if (absent !== { retry: 3, refresh: 4, stop: 1 }[s.kind] || (s.kind === 'stop' && typeof s.message !== 'string')) {
        problems.push(`step ${i + 1}: null where a value belongs, or a value where null does: ${JSON.stringify(s)}`);
      }
    }
    if (budget !== null) got.tokens = budget.tokens;
    if (!sameData(got, step.expect)) problems.push(`step ${i + 1}: got ${JSON.stringify(got)}, expected ${JSON.stringify(step.expect)}`);
  });
  return problems;
}

function hexBytes(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

const ERROR_KIND = Object.fromEntries(Object.entries(ERROR_CLASS).map(([kind, name]) => [name, kind]));

/** Runs one idempotency-guard case, op by op. */
export function checkIdempotencyCase(api, testCase) {
  const problems = [];
  const guard = new api.IdempotencyGuard(testCase.capacity == null ? undefined : { capacity: testCase.capacity });
  testCase.ops.forEach((op, i) => {
    let got;
    let want = op.expect;
    if (op.key_for !== undefined) {
      got = { key: guard.keyFor(op.key_for, { random: hexBytes(op.random_hex) }) };
    } else if (op.check !== undefined) {
      try {
        guard.check(op.check.key, op.check.payload);
        got = { ok: true };
      } catch (error) {
        got = { error: { kind: ERROR_KIND[error.constructor.name] ?? error.constructor.name, field: error.field, message: error.message } };
      }
    } else if (op.forget !== undefined) {
      guard.forget(op.forget);
      return;
    } else if (op.len !== undefined) {
      got = guard.size;
      want = op.len;
    } else {
      problems.push(`op ${i + 1}: unknown op ${JSON.stringify(op)}`);
      return;
    }
    if (!sameData(got, want)) problems.push(`op ${i + 1}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  });
  return problems;
}

/** Runs one report case: logFields and escalationReport (or their transport forms), whole, in order. */
export function checkReportCase(api, testCase) {
  const problems = [];
  const [name, args] = idiomaticCall(testCase.input);
  const history = (testCase.history ?? []).map((h) => ({ status: h.status, rule: h.rule, action: h.action, retryAfterMs: h.retry_after_ms, requestId: h.request_id }));
  const options = { history, reproduces: testCase.reproduces };
  const transport = name === 'classifyTransport';
  const fields = transport ? api.logFieldsTransport(...args) : api.logFields(...args);
  const report = transport ? api.escalationReportTransport(...args, options) : api.escalationReport(...args, options);
  // The vector files hold keys sorted; the order of the JS objects is checked in the suite.
  if (!sameData(snakeKeys(fields), testCase.expect.log_fields)) {
    problems.push(`logFields: got ${JSON.stringify(snakeKeys(fields))}, expected ${JSON.stringify(testCase.expect.log_fields)}`);
  }
  const { text, ...structured } = report;
  if (Object.keys(report).at(-1) !== 'text') problems.push('escalationReport: text is not the last key');
  if (!sameData(snakeKeys(structured), testCase.expect.report)) {
    problems.push(`escalationReport: got ${JSON.stringify(snakeKeys(structured))}, expected ${JSON.stringify(testCase.expect.report)}`);
  }
  if (text !== testCase.expect.text) problems.push(`escalationReport.text: got ${JSON.stringify(text)}, expected ${JSON.stringify(testCase.expect.text)}`);
  return problems;
}

// ---- The redaction corpus: tests/vectors/redaction/ (scripts/gen_redaction_corpus.py) ----------

/** `s` as it stands inside a JSON string. */
function jsonEscaped(s) {
  return JSON.stringify(s).slice(1, -1);
}

/** The strings whose presence means a secret leaked: itself and, when long, its last 12 characters. */
function leakProbes(secret) {
  const chars = [...secret];
  return chars.length >= 24 ? [secret, chars.slice(-12).join('')] : [secret];
}

/**
 * Runs one redaction-corpus case: logFields and escalationReport (or their transport forms); no
 * planted secret may appear in the fields, the structured report or its text, and every
 * look-alike must survive in both forms. Returns the problems found.
 */
export function checkRedactionCase(api, testCase) {
  const [name, args] = idiomaticCall(testCase.input);
  const transport = name === 'classifyTransport';
  const fields = JSON.stringify(transport ? api.logFieldsTransport(...args) : api.logFields(...args));
  const { text, ...structured } = transport ? api.escalationReportTransport(...args) : api.escalationReport(...args);
  const report = JSON.stringify(structured);
  const problems = [];
  for (const secret of testCase.secrets) {
    const leaked = leakProbes(secret).some((p) => text.includes(p) || report.includes(jsonEscaped(p)) || fields.includes(jsonEscaped(p)));
    if (leaked) problems.push(`leaked: ${secret}`);
  }
  for (const keep of testCase.keep) {
    if (!text.includes(keep) || !report.includes(jsonEscaped(keep))) problems.push(`look-alike lost: ${keep}`);
  }
  return problems;
}

/** A vector's attempt (the core's JSON form) as `Operation.feed`'s camelCase object. */
function attemptOf(a) {
  const out = {};
  for (const [key, value] of Object.entries(a)) {
    if (key === 'call_ms') out.callMs = value;
    else if (key === 'body_cut') out.bodyCut = value;
    else if (key === 'timed_out_ms') out.timedOutMs = value;
    else if (key === 'request') out.request = camelKeys(value);
    else if (key === 'body_base64') out.body = base64Bytes(value);
    else if (key === 'payload_base64') out.payload = base64Bytes(value);
    else out[key] = value;
  }
  return out;
}

/** Runs one operation-driver scenario (tests/vectors/policy/operations.json) through `Operation`. */
export function checkOperationCase(api, testCase) {
  const problems = [];
  const o = testCase.options ?? {};
  let operation;
  try {
    operation = new api.Operation({
      policy: o.policy == null ? undefined : new api.RetryPolicy(camelKeys(o.policy)),
      seed: o.seed ?? undefined,
      canRefresh: o.can_refresh ?? undefined,
      request: o.request == null ? undefined : camelKeys(o.request),
    });
  } catch (error) {
    if (testCase.error === undefined || error.message !== testCase.error) problems.push(`start: ${error.message}, expected ${testCase.error}`);
    return problems;
  }
  if (testCase.error !== undefined) return [`started, expected the error ${testCase.error}`];
  const budget = testCase.budget == null ? null : new api.RetryBudget(camelKeys(testCase.budget));
  testCase.attempts.forEach((a, i) => {
    const options = {};
    if (a.draw !== undefined) options.draw = a.draw;
    if (budget !== null) options.budget = budget;
    let s;
    try {
      s = operation.feed(attemptOf(a.attempt), options);
    } catch (error) {
      if (a.error === undefined || error.message !== a.error) problems.push(`attempt ${i + 1}: ${error.message}, expected ${a.error ?? 'a step'}`);
      return;
    }
    if (a.error !== undefined) {
      problems.push(`attempt ${i + 1}: a step, expected the error ${a.error}`);
      return;
    }
    const whole = { step: s.kind, delay_ms: s.delayMs, action: s.action, reason: s.reason, message: s.message, attempt: s.attempt, elapsed_ms: s.elapsedMs, rule: s.verdict === null ? null : s.verdict.rule };
    const got = {};
    for (const key of Object.keys(a.expect)) got[key] = key === 'rule' && a.expect.rule === null ? null : whole[key];
    if (!sameData(got, a.expect)) problems.push(`attempt ${i + 1}: got ${JSON.stringify(got)}, expected ${JSON.stringify(a.expect)}`);
    if (a.tokens !== undefined && budget.tokens !== a.tokens) problems.push(`attempt ${i + 1}: ${budget.tokens} tokens, expected ${a.tokens}`);
  });
  const history = operation.history.map((v) => v.rule);
  const want = testCase.history;
  if (history.length !== want.length || history.some((rule, i) => want[i] !== null && want[i] !== rule)) {
    problems.push(`history ${JSON.stringify(history)}, expected ${JSON.stringify(want)}`);
  }
  return problems;
}

/** Runs one client-error case (tests/vectors/policy/client_errors.json): names and message in. */
export function checkClientErrorCase(api, testCase) {
  // An error object carrying exactly the vector's names is not how JS errors look; the table is
  // asked the way `transportFailure` asks it, through an error whose cause chain holds them.
  const got = api.transportFailure(errorCarrying(testCase.names, testCase.message));
  const kindSent = got === null ? null : { kind: got.kind, sent: got.sent };
  return sameData(kindSent, testCase.expect) ? [] : [`got ${JSON.stringify(kindSent)}, expected ${JSON.stringify(testCase.expect)}`];
}

/** An error-like chain whose names, as `transportFailure` collects them, are `names` in order. */
function errorCarrying(names, message) {
  // Each name becomes one link of the chain with only `name` set: `transportFailure` then
  // collects `name` and `name: message`; a vector's names never end in `: ` so the extra
  // entries match nothing the vector does not already say.
  let chain = null;
  for (let i = names.length - 1; i >= 0; i--) chain = { name: names[i], message: i === 0 ? (message ?? '') : '', cause: chain };
  return chain ?? { message: message ?? '' };
}

/**
 * Runs one scenario of tests/vectors/policy/server_scenarios.json: `withRetry` with `fetch`
 * against the hostile server at `base` (tests/server/hostile.py), then asks the server how many
 * requests it received. `run` keeps this run's counts apart. Resolves to a list of problems.
 */
export async function checkServerScenario(api, doc, scenario, base, run) {
  const policy = new api.RetryPolicy(camelKeys(doc.policy));
  const url = `${base}/${scenario.behaviour}/${run}`;
  let token = 'stale';
  const headers = () => {
    const h = { authorization: `Bearer ${token}` };
    if (scenario.idempotency_key) h['idempotency-key'] = scenario.idempotency_key;
    return h;
  };
  const problems = [];
  let got;
  try {
    await api.withRetry((attempt, { signal }) => fetch(url, { method: scenario.method, headers: headers(), body: scenario.payload, signal }), {
      policy,
      init: { method: scenario.method, headers: headers() },
      seed: 1,
      sleep: async () => {},
      refresh: scenario.refresh ? async () => void (token = 'fresh') : undefined,
      attemptTimeoutMs: scenario.attempt_timeout_ms,
    });
    got = { step: 'done' };
  } catch (error) {
    if (!(error instanceof api.RetryStoppedError)) return [`threw ${error}`];
    got = { step: 'stop', action: error.step.action, reason: error.step.reason };
  }
  const want = {};
  for (const key of ['step', 'action', 'reason']) if (scenario.expect[key] !== undefined) want[key] = scenario.expect[key];
  if (!sameData(got, want)) problems.push(`got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  const seen = await (await fetch(`${base}/count/${run}`)).json();
  if (seen.requests !== scenario.expect.requests) problems.push(`the server received ${seen.requests} requests, expected ${scenario.expect.requests}`);
  if (scenario.expect.same_key_and_payload) {
    if (new Set(seen.keys).size !== 1 || seen.keys[0] !== scenario.idempotency_key) problems.push(`keys ${JSON.stringify(seen.keys)}`);
    if (new Set(seen.payloads).size !== 1) problems.push(`payloads ${JSON.stringify(seen.payloads)}`);
  }
  return problems;
}

/**
 * Runs one scenario of tests/vectors/policy/server_scenarios.json through a client adapter:
 * `adapter` is 'axios' (installAxiosRetry), 'axios-retry' (axiosRetryOptions), 'ky' (kyHooks) or
 * 'got' (gotRetry); `clients` the clients' default exports (`axios`, `axiosRetry`, `ky`, `got`).
 * The same expected step and request counts as `checkServerScenario`; the adapter's attempt
 * timeout is the scenario's.
 */
export async function checkAdapterScenario(api, adapter, clients, doc, scenario, base, run) {
  const policy = new api.RetryPolicy(camelKeys(doc.policy));
  const url = `${base}/${scenario.behaviour}/${run}`;
  let token = 'stale';
  const key = scenario.idempotency_key ? { 'idempotency-key': scenario.idempotency_key } : {};
  const common = { policy, seed: 1, sleep: async () => {} };
  const refresh = scenario.refresh ? async () => void (token = 'fresh') : undefined;
  const timeout = scenario.attempt_timeout_ms;
  let send;
  if (adapter === 'axios' || adapter === 'axios-retry') {
    const instance = clients.axios.create({ timeout: timeout ?? 0, responseType: 'arraybuffer' });
    instance.interceptors.request.use((config) => {
      config.headers.set('authorization', `Bearer ${token}`);
      return config;
    });
    if (adapter === 'axios') api.installAxiosRetry(instance, { ...common, refresh });
    else clients.axiosRetry(instance, api.axiosRetryOptions({ ...common, refresh }));
    send = () => instance.request({ url, method: scenario.method, headers: key, data: scenario.payload });
  } else if (adapter === 'ky') {
    const ky = clients.ky.extend(api.kyHooks({ ...common, attemptTimeoutMs: timeout, refresh: scenario.refresh ? async () => ((token = 'fresh'), { authorization: 'Bearer fresh' }) : undefined }));
    send = () => ky(url, { method: scenario.method, headers: { ...key, authorization: `Bearer ${token}` }, body: scenario.payload });
  } else if (adapter === 'got') {
    const got = clients.got.extend(api.gotRetry({ ...common, attemptTimeoutMs: timeout, refresh: scenario.refresh ? async () => ((token = 'fresh'), { authorization: 'Bearer fresh' }) : undefined }));
    send = () => got(url, { method: scenario.method, headers: { ...key, authorization: `Bearer ${token}` }, body: scenario.payload });
  } else throw new Error(`no adapter ${adapter}`);
  const problems = [];
  let got;
  try {
    await send();
    got = { step: 'done' };
  } catch (error) {
    if (!(error instanceof api.RetryStoppedError)) return { problems: [`threw ${error && error.stack}`], got: { threw: String(error) }, requests: null };
    const stopped = error;
    got = { step: 'stop', action: stopped.step.action, reason: stopped.step.reason };
    if (stopped.history.length !== stopped.attempts) problems.push(`history of ${stopped.history.length} for ${stopped.attempts} attempts`);
    // The last attempt's response (the client's own object) when one arrived whole, else its error.
    const answered = ['503', 'retry-after-days', 'retry-after-past', '401-until-fresh'].includes(scenario.behaviour);
    if (answered && stopped.response === null) problems.push('no .response for a stop on a response');
    if (!answered && stopped.cause === undefined) problems.push('no .cause for a stop on an error');
    if (stopped.report() === null) problems.push('no report');
  }
  const want = {};
  for (const name of ['step', 'action', 'reason']) if (scenario.expect[name] !== undefined) want[name] = scenario.expect[name];
  if (!sameData(got, want)) problems.push(`got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  const seen = await (await fetch(`${base}/count/${run}`)).json();
  if (seen.requests !== scenario.expect.requests) problems.push(`the server received ${seen.requests} requests, expected ${scenario.expect.requests}`);
  if (scenario.expect.same_key_and_payload) {
    if (new Set(seen.keys).size !== 1 || seen.keys[0] !== scenario.idempotency_key) problems.push(`keys ${JSON.stringify(seen.keys)}`);
    if (new Set(seen.payloads).size !== 1) problems.push(`payloads ${JSON.stringify(seen.payloads)}`);
  }
  return { problems, got, requests: seen.requests };
}

/** Runs one OpenTelemetry case (tests/vectors/otel/attributes.json): classify, then the attributes. */
export function checkOtelCase(api, testCase) {
  const [name, args] = idiomaticCall(testCase.input);
  const got = api.otelAttributes(api[name](...args), { attempt: testCase.attempt });
  const problems = [];
  if (!sameData(got, testCase.expect)) problems.push(`got ${JSON.stringify(got)}, expected ${JSON.stringify(testCase.expect)}`);
  if (Object.keys(got).join(',') !== Object.keys(testCase.expect).join(',')) problems.push(`order ${Object.keys(got)}`);
  return problems;
}
