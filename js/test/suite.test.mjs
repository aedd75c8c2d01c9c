// The one JS test suite of errtriage, run against the installed tarball of the Node addon
// package (ERRTRIAGE_TARGET=node, package `errtriage`) and of the WebAssembly package
// (ERRTRIAGE_TARGET=wasm, package `errtriage-wasm`), the way lightningcss switches with
// TEST_WASM. The test scripts copy this folder into a scratch project that installed the
// tarball, and set ERRTRIAGE_VECTORS to the repository's tests/vectors.
//
//   ERRTRIAGE_TARGET=node|wasm ERRTRIAGE_VECTORS=/path/to/tests/vectors node --test

import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';

import { VERDICT_KEYS, checkCase, checkErrorCase, idiomaticCall } from './vectors.mjs';

const TARGETS = {
  // Where each package keeps its shared JS layer and native half (for the panic test only).
  node: { name: 'errtriage', api: 'dist/api.cjs', native: `dist/errtriage.${process.platform}-${process.arch}.node` },
  wasm: { name: 'errtriage-wasm', api: 'dist/api.mjs', native: 'dist/wasm/errtriage_wasm.js' },
};
const target = TARGETS[process.env.ERRTRIAGE_TARGET ?? 'node'];
if (!target) throw new Error(`ERRTRIAGE_TARGET must be one of ${Object.keys(TARGETS)}`);
const VECTORS = process.env.ERRTRIAGE_VECTORS;
if (!VECTORS) throw new Error('set ERRTRIAGE_VECTORS to the tests/vectors folder');

const require = createRequire(join(process.cwd(), 'index.js'));
const api = await import(target.name);
await api.init();
const packageDir = dirname(require.resolve(`${target.name}/package.json`));
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const vectorFiles = readdirSync(VECTORS).filter((f) => f.endsWith('.json')).sort();
const errorFiles = readdirSync(join(VECTORS, 'errors')).filter((f) => f.endsWith('.json')).sort();
const load = (path) => JSON.parse(readFileSync(path, 'utf8'));

const CORE_502 = '{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_search_001"}';

/** Asserts `fn` throws an instance of `Class` (by name, so cross-realm classes count) naming `field`. */
function throwsNaming(fn, Class, field, messagePart) {
  assert.throws(fn, (error) => {
    assert.equal(error.constructor.name, Class.name, `${error.constructor.name}: ${error.message}`);
    assert.ok(error instanceof Class, 'instanceof');
    assert.equal(error.field, field);
    assert.ok(error.message.startsWith(`${field}: `) || field === '', error.message);
    if (messagePart) assert.ok(error.message.includes(messagePart), error.message);
    return true;
  });
}

describe(`vectors through ${target.name}`, () => {
  let count = 0;
  for (const file of vectorFiles) {
    const { group, cases } = load(join(VECTORS, file));
    describe(`${file}: ${group}`, () => {
      for (const testCase of cases) {
        count++;
        test(testCase.name, () => {
          assert.deepEqual(checkCase(api, testCase), []);
        });
      }
    });
  }
  test('there are vectors', () => assert.ok(count > 0, 'no vectors found'));

  for (const file of errorFiles) {
    const { cases } = load(join(VECTORS, 'errors', file));
    describe(`errors/${file}`, () => {
      for (const testCase of cases) {
        test(testCase.name, () => assert.deepEqual(checkErrorCase(api, testCase), []));
      }
    });
  }
});

describe('package', () => {
  test('require() and import give the same API', () => {
    const cjs = require(target.name);
    for (const name of ['init', 'classify', 'classifyTransport', 'classifyJson', 'classifyResponse', 'rules', 'findRule', 'vocabulary', 'limits']) {
      assert.equal(typeof api[name], 'function', name);
      assert.equal(typeof cjs[name], 'function', `require: ${name}`);
    }
    assert.deepEqual(cjs.classify(502, CORE_502), api.classify(502, CORE_502));
  });

  test('version is the package version', () => {
    assert.equal(api.version, packageJson.version);
    assert.match(api.version, /^\d+\.\d+\.\d+/);
  });

  test('exports map puts types first', () => {
    const root = packageJson.exports['.'];
    assert.equal(Object.keys(root)[0], 'types');
    assert.ok(readFileSync(join(packageDir, root.types), 'utf8').includes('export function classify('));
  });

  test('init() is idempotent and resolves', async () => {
    await api.init();
    await api.init();
  });

  test('the .d.ts unions list exactly the core vocabulary', () => {
    const dts = readFileSync(join(packageDir, packageJson.exports['.'].types), 'utf8');
    const union = (name) => {
      const match = dts.match(new RegExp(`export type ${name} =([^;]+);`));
      assert.ok(match, name);
      return [...match[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);
    };
    const v = api.vocabulary();
    assert.deepEqual(union('Shape'), v.shape);
    assert.deepEqual(union('Category'), v.category);
    assert.deepEqual(union('Action'), v.action);
    assert.deepEqual(union('Outcome'), v.outcome);
    assert.deepEqual(union('TransportKind'), v.transportKind);
    assert.deepEqual(union('AuthScheme'), v.auth);
  });
});

describe('verdicts are plain data', () => {
  const verdict = api.classify(502, CORE_502, { 'retry-after': '2' });

  test('the same keys in order, null when absent', () => {
    assert.deepEqual(Object.keys(verdict), VERDICT_KEYS.map(([camel]) => camel));
    const empty = api.classifyTransport('dns', { sent: false });
    assert.deepEqual(Object.keys(empty), Object.keys(verdict));
    assert.equal(empty.status, null);
    assert.equal(empty.code, null);
    assert.equal(empty.details, null);
    assert.equal(empty.retryAfterMs, null);
    assert.equal(Object.getPrototypeOf(verdict), Object.prototype);
  });

  test('fields', () => {
    assert.equal(verdict.shape, 'core_wrapper');
    assert.equal(verdict.status, 502);
    assert.equal(verdict.code, 'UPSTREAM_ERROR');
    assert.equal(verdict.requestId, 'req_search_001');
    assert.deepEqual(verdict.details, { providerStatus: 502 });
    assert.equal(verdict.retryAfterMs, 2000);
    assert.equal(verdict.retryable, verdict.action === 'retry');
  });

  test('JSON.stringify, structuredClone and deepStrictEqual see plain data', () => {
    assert.deepStrictEqual(structuredClone(verdict), verdict);
    assert.deepStrictEqual(JSON.parse(JSON.stringify(verdict)), verdict);
    assert.deepStrictEqual(api.classify(502, CORE_502, { 'retry-after': '2' }), verdict);
    for (const [key, value] of Object.entries(verdict)) {
      const d = Object.getOwnPropertyDescriptor(verdict, key);
      assert.ok(d.writable && d.enumerable && !d.get, key);
      assert.notEqual(typeof value, 'function');
    }
  });

  test('each call returns a new object', () => {
    const again = api.classify(502, CORE_502, { 'retry-after': '2' });
    assert.notEqual(again, verdict);
    assert.notEqual(again.details, verdict.details);
  });

  test('the camelCase verdict matches classifyJson field for field', () => {
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 502, body: CORE_502, headers: { 'retry-after': '2' } })));
    for (const [camel, snake] of VERDICT_KEYS) assert.deepEqual(verdict[camel], json[snake], camel);
  });

  test('non-ASCII and astral text survives the wire', () => {
    const body = JSON.stringify({ error: { code: 'ÉCHEC_🚀', message: 'Ünïcödé — 日本語 😀', details: { emoji: '🙂', nul: '\u0000' } }, requestId: 'req_é' });
    const v = api.classify(400, body);
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 400, body })));
    assert.equal(v.code, json.code);
    assert.equal(v.message, json.message);
    assert.equal(v.requestId, json.request_id);
    assert.deepEqual(v.details, json.details);
  });
});

describe('argument forms', () => {
  const bytes = new TextEncoder().encode(CORE_502);
  const expected = api.classify(502, CORE_502);

  test('body: string, Uint8Array, Buffer, ArrayBuffer, DataView', () => {
    assert.deepEqual(api.classify(502, bytes), expected);
    assert.deepEqual(api.classify(502, Buffer.from(CORE_502)), expected);
    assert.deepEqual(api.classify(502, bytes.buffer.slice(0)), expected);
    assert.deepEqual(api.classify(502, new DataView(bytes.buffer)), expected);
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    assert.deepEqual(api.classify(502, padded.subarray(4, 4 + bytes.length)), expected);
  });

  test('body: absent, null, empty are an empty body', () => {
    const empty = api.classify(503);
    assert.equal(empty.shape, 'empty');
    assert.deepEqual(api.classify(503, null), empty);
    assert.deepEqual(api.classify(503, ''), empty);
    assert.deepEqual(api.classify(503, new Uint8Array()), empty);
  });

  test('body: bytes that are not UTF-8 are malformed, as in the JSON form', () => {
    const v = api.classify(500, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 500, body_base64: 'e//+fQ==' })));
    assert.equal(v.shape, 'malformed');
    assert.equal(json.shape, 'malformed');
  });

  test('headers: object, repeated values, pairs, Headers, Map', () => {
    const want = api.classify(429, '', { 'Retry-After': '7', 'x-request-id': 'r1' });
    assert.equal(want.retryAfterMs, 7000);
    assert.equal(want.requestId, 'r1');
    assert.deepEqual(api.classify(429, '', [['Retry-After', '7'], ['x-request-id', 'r1']]), want);
    assert.deepEqual(api.classify(429, '', new Headers({ 'Retry-After': '7', 'x-request-id': 'r1' })), want);
    assert.deepEqual(api.classify(429, '', new Map([['Retry-After', '7'], ['x-request-id', 'r1']])), want);
    assert.deepEqual(api.classify(429, '', { 'retry-after': ['7', '9'], 'x-request-id': 'r1', skipped: undefined }), want);
    const forEachOnly = { forEach: (callback) => [['7', 'Retry-After'], ['r1', 'x-request-id']].forEach(([v, n]) => callback(v, n)) };
    assert.deepEqual(api.classify(429, '', forEachOnly), want);
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 429, headers: { 'retry-after': ['7', '9'] } })));
    assert.equal(json.retry_after_ms, 7000);
  });

  test('headers: any character survives, NUL and astral included', () => {
    const headers = [['x-request-id', 'a\u0000b:1:2😀'], ['x-odd', '3:x']];
    const v = api.classify(500, '', headers);
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 500, headers })));
    assert.equal(v.requestId, json.request_id);
    assert.equal(v.requestId, 'a\u0000b:1:2😀');
  });

  test('request: camelCase fields change the action as in the JSON form', () => {
    const body = '{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing bearer token","details":{}},"requestId":"r"}';
    assert.equal(api.classify(401, body).action, 'refresh_credentials');
    assert.equal(api.classify(401, body, null, { tokenFresh: true }).action, 'fix_configuration');
    const timeout = api.classifyTransport('timeout', { sent: true }, { method: 'POST', endpoint: '/api/core/messages/send' });
    const keyed = api.classifyTransport('timeout', { sent: true }, { method: 'POST', endpoint: '/api/core/messages/send', idempotencyKey: 'k-1' });
    assert.equal(timeout.action, 'reconcile');
    assert.equal(keyed.action, 'retry');
    const all = { method: 'GET', endpoint: '/x', idempotencyKey: 'k', tokenFresh: false, auth: 'bearer', attempt: 2, now: 1763769600 };
    assert.equal(api.classify(503, '', null, all).status, 503);
    assert.deepEqual(api.classify(503, '', null, { ...all, method: null, auth: undefined }), api.classify(503, '', null, { endpoint: '/x', idempotencyKey: 'k', tokenFresh: false, attempt: 2, now: 1763769600 }));
  });

  test('request.now measures an HTTP-date Retry-After', () => {
    const v = api.classify(503, '', { 'retry-after': 'Sat, 22 Nov 2025 00:00:30 GMT' }, { now: 1763769600 });
    const json = JSON.parse(api.classifyJson(JSON.stringify({ status: 503, headers: { 'retry-after': 'Sat, 22 Nov 2025 00:00:30 GMT' }, now: 1763769600 })));
    assert.equal(v.retryAfterMs, json.retry_after_ms);
    assert.equal(v.retryAfterMs, 30000);
  });

  test('classifyTransport: sent and detail', () => {
    assert.equal(api.classifyTransport('connect', { sent: false }).outcome, 'not_sent');
    assert.deepEqual(api.classifyTransport('reset'), api.classifyTransport('reset', { sent: null }));
    const detail = api.classifyTransport('dns', { sent: false, detail: 'getaddrinfo ENOTFOUND api.example.com' });
    const json = JSON.parse(api.classifyJson(JSON.stringify({ transport: { kind: 'dns', sent: false, detail: 'getaddrinfo ENOTFOUND api.example.com' } })));
    assert.equal(detail.rule, json.rule);
  });

  test('classifyResponse reads a Response', async () => {
    const response = new Response(CORE_502, { status: 502, headers: { 'retry-after': '2', 'content-type': 'application/json' } });
    const v = await api.classifyResponse(response, { method: 'GET' });
    assert.deepEqual(v, api.classify(502, CORE_502, { 'retry-after': '2', 'content-type': 'application/json' }, { method: 'GET' }));
  });

  test('classifyResponse with fetch from a local server', async () => {
    const server = createServer((req, res) => {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3', 'x-request-id': 'req_local' });
      res.end('{"code":"RATE_LIMITED","message":"slow down"}');
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${server.address().port}/api`);
      const v = await api.classifyResponse(response);
      assert.equal(v.status, 429);
      assert.equal(v.retryAfterMs, 3000);
      assert.equal(v.requestId, 'req_local');
      assert.equal(v.category, 'rate_limited');
    } finally {
      server.close();
    }
  });

  test('rules() and findRule()', () => {
    const rules = api.rules();
    assert.ok(rules.length > 10);
    for (const rule of rules) {
      assert.deepEqual(Object.keys(rule), ['id', 'category', 'action', 'hint', 'source']);
      assert.ok(rule.category === null || api.vocabulary().category.includes(rule.category));
      assert.ok(api.vocabulary().action.includes(rule.action));
    }
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'ids are unique');
    const v = api.classify(502, CORE_502);
    const rule = api.findRule(v.rule);
    assert.equal(rule.hint, v.hint);
    assert.equal(api.findRule('no.such.rule'), null);
    assert.ok(Object.isFrozen(rules) && Object.isFrozen(rule));
  });

  test('limits()', () => {
    const limits = api.limits();
    assert.deepEqual(limits.statusRange, [100, 599]);
    assert.ok(limits.maxRetryAfterMs > 0 && limits.bodyPrefixBytes > 0);
  });
});

describe('errors', () => {
  test('status: TypeError for a non-integer, RangeError out of range', () => {
    throwsNaming(() => api.classify('502'), TypeError, 'status', 'got a string');
    throwsNaming(() => api.classify(502.5), TypeError, 'status', 'fractional');
    throwsNaming(() => api.classify(NaN), TypeError, 'status');
    throwsNaming(() => api.classify(), TypeError, 'status', 'got undefined');
    throwsNaming(() => api.classify(2 ** 53), TypeError, 'status');
    for (const status of [0, 99, 600, 65535, 70000, -1]) {
      throwsNaming(() => api.classify(status), RangeError, 'status', `got ${status}`);
    }
  });

  test('body and headers: TypeError naming the argument', () => {
    throwsNaming(() => api.classify(500, 42), TypeError, 'body', 'got a number (42)');
    throwsNaming(() => api.classify(500, {}), TypeError, 'body', 'got an object');
    throwsNaming(() => api.classify(500, '', 'x: y'), TypeError, 'headers', 'got a string');
    throwsNaming(() => api.classify(500, '', { a: 1 }), TypeError, 'headers.a');
    throwsNaming(() => api.classify(500, '', { a: ['x', 2] }), TypeError, 'headers.a');
    throwsNaming(() => api.classify(500, '', [['a', 'b'], ['c']]), TypeError, 'headers[1]', 'pair');
    throwsNaming(() => api.classify(500, '', [['a', 1]]), TypeError, 'headers[0]');
  });

  test('request: TypeError for types, RangeError for values the core rejects', () => {
    throwsNaming(() => api.classify(500, '', null, 'POST'), TypeError, 'request');
    throwsNaming(() => api.classify(500, '', null, { method: 1 }), TypeError, 'request.method');
    throwsNaming(() => api.classify(500, '', null, { tokenFresh: 'yes' }), TypeError, 'request.tokenFresh');
    throwsNaming(() => api.classify(500, '', null, { attempt: 1.5 }), TypeError, 'request.attempt');
    throwsNaming(() => api.classify(500, '', null, { now: '1763769600' }), TypeError, 'request.now');
    throwsNaming(() => api.classify(500, '', null, { method: 'PO ST' }), RangeError, 'request.method');
    throwsNaming(() => api.classify(500, '', null, { attempt: 0 }), RangeError, 'request.attempt');
    throwsNaming(() => api.classify(500, '', null, { auth: 'oauth' }), RangeError, 'request.auth', '"bearer"');
    throwsNaming(() => api.classify(500, '', null, { idempotency_key: 'k' }), RangeError, 'request.idempotency_key', 'unknown field');
  });

  test('classifyTransport: kind and transport', () => {
    throwsNaming(() => api.classifyTransport(3), TypeError, 'kind');
    throwsNaming(() => api.classifyTransport('meteor'), RangeError, 'transport.kind', '"timeout"');
    throwsNaming(() => api.classifyTransport('timeout', { sent: 'yes' }), TypeError, 'transport.sent');
    throwsNaming(() => api.classifyTransport('timeout', { detail: 5 }), TypeError, 'transport.detail');
    throwsNaming(() => api.classifyTransport('timeout', { sen: true }), RangeError, 'transport.sen', 'unknown field');
    throwsNaming(() => api.classifyTransport('timeout', { sent: true }, { attempt: -1 }), TypeError, 'request.attempt');
  });

  test('classifyJson: TypeError, SyntaxError, and the core field errors', () => {
    throwsNaming(() => api.classifyJson({ status: 500 }), TypeError, 'text');
    throwsNaming(() => api.classifyJson('{'), SyntaxError, '', 'not valid JSON');
    throwsNaming(() => api.classifyJson('{"status": 9000}'), RangeError, 'status');
  });

  test('classifyResponse rejects what is not a Response, before reading', async () => {
    await assert.rejects(api.classifyResponse({}), (e) => e instanceof TypeError && e.field === 'response');
    const response = new Response('x', { status: 500 });
    await assert.rejects(api.classifyResponse(response, { attempt: 'one' }), (e) => e instanceof TypeError && e.field === 'request.attempt');
    assert.equal(response.bodyUsed, false);
  });

  test('findRule: TypeError for a non-string id', () => {
    throwsNaming(() => api.findRule(1), TypeError, 'id');
  });

  test('a panic inside the native half becomes a readable Error; the API keeps working', async () => {
    const native = target.native.endsWith('.node') ? require(join(packageDir, target.native)) : await import(pathToFileURL(join(packageDir, target.native)));
    const { createApi } = target.api.endsWith('.cjs') ? require(join(packageDir, target.api)) : await import(pathToFileURL(join(packageDir, target.api)));
    const { load, api: panicky } = createApi({ ...native, classifyJson: native.panicForTest }, api.version);
    load();
    assert.throws(() => panicky.classifyJson('{}'), (error) => {
      assert.equal(error.constructor, Error);
      assert.match(error.message, /^errtriage: internal error.*deliberate panic for the boundary test/s);
      return true;
    });
    assert.deepEqual(api.classify(502, CORE_502), api.classify(502, new TextEncoder().encode(CORE_502)));
    assert.equal(JSON.parse(api.classifyJson('{"status": 502}')).status, 502);
  });
});

describe('the idiomatic call mapping used by the vector tests', () => {
  test('maps snake_case request fields and base64 bodies', () => {
    const [name, args] = idiomaticCall({ status: 400, body_base64: 'AAE=', request: { idempotency_key: 'k', token_fresh: true }, now: 5 });
    assert.equal(name, 'classify');
    assert.deepEqual([...args[1]], [0, 1]);
    assert.deepEqual(args[3], { idempotencyKey: 'k', tokenFresh: true, now: 5 });
  });
});
