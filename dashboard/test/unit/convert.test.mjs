// Unit tests of the input translation (src/convert.js): HAR entries, NDJSON lines and the paste
// form → errtriage's JSON form. Run in Node: node --test test/unit/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import * as core from '../../../bindings-wasm/dist/node.mjs';
import {
  TRANSPORT_KINDS,
  endpointOf,
  fileToItems,
  harEntryToForm,
  harToItems,
  isFailedEntry,
  isRulesDocument,
  ndjsonToItems,
  netErrorToTransport,
  parseHeaderLines,
  pasteToForm,
  useCore,
} from '../../src/convert.js';

// The translation asks the real core (the wasm build the page loads) which kind a net error is.
await core.init();
useCore(core);

const EXAMPLE = new URL('../../examples/failures.har', import.meta.url);

/** A minimal Chrome-style HAR entry. */
function entry({ method = 'GET', url = 'https://api.example/api/core/numbers', reqHeaders = [], status = 502, headers = [], content = {}, error, started = '2025-11-21T14:02:11.120Z' } = {}) {
  const response = error
    ? { status: 0, statusText: '', httpVersion: '', headers: [], cookies: [], content: { size: 0, mimeType: 'x-unknown' }, _error: error }
    : { status, statusText: '', httpVersion: 'http/2.0', headers, cookies: [], content: { size: 0, mimeType: 'application/json', ...content } };
  return { startedDateTime: started, request: { method, url, headers: reqHeaders }, response };
}

const har = (...entries) => ({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } });

test('net errors: the names the brief lists map to their transport kinds', () => {
  const cases = {
    'net::ERR_NAME_NOT_RESOLVED': 'dns',
    'net::ERR_CONNECTION_REFUSED': 'connect',
    'net::ERR_CERT_AUTHORITY_INVALID': 'tls',
    'net::ERR_CERT_DATE_INVALID': 'tls',
    'net::ERR_SSL_PROTOCOL_ERROR': 'tls',
    'net::ERR_TIMED_OUT': 'timeout',
    'net::ERR_CONNECTION_RESET': 'reset',
    'net::ERR_EMPTY_RESPONSE': 'reset',
    'net::ERR_FAILED': 'other',
    'net::ERR_HTTP2_PROTOCOL_ERROR': 'other',
    'net::ERR_ABORTED': 'other',
  };
  for (const [error, kind] of Object.entries(cases)) {
    const t = netErrorToTransport(error);
    assert.equal(t.kind, kind, error);
    assert.equal(t.detail, error, 'the net error text is passed on verbatim');
  }
});

test('net errors: sent is null unless the name says (the core\'s table)', () => {
  assert.equal(netErrorToTransport('net::ERR_CONNECTION_RESET').sent, null);
  assert.equal(netErrorToTransport('net::ERR_TIMED_OUT').sent, null);
  // A failed lookup cannot have sent anything (core/src/client_errors.rs, Chromium's list).
  assert.equal(netErrorToTransport('net::ERR_NAME_NOT_RESOLVED').sent, false);
  assert.equal(netErrorToTransport('net::ERR_CONNECTION_TIMED_OUT').sent, false);
  assert.equal(netErrorToTransport('net::ERR_CONNECTION_TIMED_OUT').kind, 'timeout');
  assert.equal(netErrorToTransport('net::ERR_EMPTY_RESPONSE').sent, true);
});

test('net errors: without the net:: prefix, in lower case, or missing', () => {
  assert.equal(netErrorToTransport('ERR_NAME_NOT_RESOLVED').kind, 'dns');
  assert.equal(netErrorToTransport('net::err_connection_refused').kind, 'connect');
  assert.deepEqual(netErrorToTransport(undefined), { kind: 'other', sent: null, detail: 'no response (status 0)' });
  assert.deepEqual(netErrorToTransport(''), { kind: 'other', sent: null, detail: 'no response (status 0)' });
});

test('net errors: every kind the core answers is one of the JSON form', () => {
  for (const name of ['ERR_NAME_NOT_RESOLVED', 'ERR_CONNECTION_REFUSED', 'ERR_CERT_DATE_INVALID', 'ERR_TIMED_OUT', 'ERR_EMPTY_RESPONSE', 'ERR_FAILED']) {
    assert.ok(TRANSPORT_KINDS.includes(netErrorToTransport(`net::${name}`).kind), name);
  }
});

test('failed entries: status >= 400 or no response', () => {
  assert.equal(isFailedEntry(entry({ status: 200 })), false);
  assert.equal(isFailedEntry(entry({ status: 204 })), false);
  assert.equal(isFailedEntry(entry({ status: 304 })), false);
  assert.equal(isFailedEntry(entry({ status: 399 })), false);
  assert.equal(isFailedEntry(entry({ status: 400 })), true);
  assert.equal(isFailedEntry(entry({ status: 599 })), true);
  assert.equal(isFailedEntry(entry({ error: 'net::ERR_FAILED' })), true);
  assert.equal(isFailedEntry({ request: { method: 'GET', url: 'https://x/' } }), true, 'no response object');
  assert.equal(isFailedEntry({ request: {}, response: { status: 0 } }), true, 'status 0 without _error');
});

test('HAR entry with a response: status, header pairs, body, request context, now', () => {
  const form = harEntryToForm(entry({
    method: 'post',
    url: 'https://api.redcloud.example/api/core/messages/send?dryRun=1',
    reqHeaders: [{ name: ':path', value: '/x' }, { name: 'Idempotency-Key', value: 'k-1' }, { name: 'authorization', value: 'Bearer abc' }],
    status: 502,
    headers: [{ name: ':status', value: '502' }, { name: 'Content-Type', value: 'application/json' }, { name: 'set-cookie', value: 'a=1' }, { name: 'set-cookie', value: 'b=2' }],
    content: { text: '{"error":{"code":"UPSTREAM_ERROR"}}' },
  }));
  assert.deepEqual(form, {
    status: 502,
    headers: [['Content-Type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']],
    body: '{"error":{"code":"UPSTREAM_ERROR"}}',
    request: { method: 'POST', endpoint: '/api/core/messages/send?dryRun=1', idempotency_key: 'k-1', auth: 'bearer' },
    now: 1763733731,
  });
});

test('HAR entry: base64 content becomes body_base64; missing content means no body', () => {
  const b64 = Buffer.from('{"a":1}').toString('base64');
  const form = harEntryToForm(entry({ content: { text: `${b64.slice(0, 4)}\n${b64.slice(4)}`, encoding: 'base64' } }));
  assert.equal(form.body_base64, b64, 'line breaks inside base64 are dropped');
  assert.equal('body' in form, false);
  const bare = harEntryToForm(entry({ status: 503 }));
  assert.equal('body' in bare, false);
  assert.equal('body_base64' in bare, false);
});

test('HAR entry: auth scheme only when the request shows it', () => {
  assert.equal(harEntryToForm(entry({ reqHeaders: [{ name: 'Authorization', value: 'Basic dTpw' }] })).request.auth, 'basic');
  assert.equal(harEntryToForm(entry({ reqHeaders: [{ name: 'x-api-key', value: 'k' }] })).request.auth, 'api_key');
  assert.equal('auth' in harEntryToForm(entry()).request, false, 'sanitized exports drop Authorization: no evidence of none');
});

test('HAR entry without a response: transport from _error, no status or headers', () => {
  const form = harEntryToForm(entry({ method: 'POST', url: 'https://api.example/api/core/messages/send', reqHeaders: [{ name: 'idempotency-key', value: 'k-9' }], error: 'net::ERR_CONNECTION_RESET' }));
  assert.deepEqual(form, {
    transport: { kind: 'reset', sent: null, detail: 'net::ERR_CONNECTION_RESET' },
    request: { method: 'POST', endpoint: '/api/core/messages/send', idempotency_key: 'k-9' },
    now: 1763733731,
  });
});

test('HAR document: only failures, in order, counted', () => {
  const { items, total, skipped } = harToItems(JSON.stringify(har(
    entry({ status: 200 }),
    entry({ status: 401, url: 'https://a.example/api/auth/token', method: 'POST' }),
    entry({ status: 302 }),
    entry({ error: 'net::ERR_NAME_NOT_RESOLVED', url: 'https://nowhere.example/' }),
  )));
  assert.equal(total, 4);
  assert.equal(skipped, 2);
  assert.deepEqual(items.map((i) => i.source), ['entry 2', 'entry 4']);
  assert.equal(items[0].method, 'POST');
  assert.equal(items[0].url, 'https://a.example/api/auth/token');
  assert.equal(JSON.parse(items[0].input).status, 401);
  assert.equal(JSON.parse(items[1].input).transport.kind, 'dns');
});

test('HAR document: not a HAR is an error, not an empty result', () => {
  assert.throws(() => harToItems('{"log":{}}'), /log\.entries/);
  assert.throws(() => harToItems('{"entries":[]}'), /log\.entries/);
});

test('endpointOf: path and query of a URL, a bare path kept', () => {
  assert.equal(endpointOf('https://h.example:8443/api/auth/token?x=1#frag'), '/api/auth/token?x=1');
  assert.equal(endpointOf('/api/core/whoami'), '/api/core/whoami');
  assert.equal(endpointOf(''), undefined);
  assert.equal(endpointOf(undefined), undefined);
});

test('the example HAR: a realistic mix, successes skipped', () => {
  const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  assert.equal(doc.log.version, '1.2');
  const { items, total, skipped } = harToItems(doc);
  assert.ok(total >= 15 && total <= 25, `15–25 entries, got ${total}`);
  assert.ok(skipped >= 2, 'includes successes that must be skipped');
  assert.equal(items.length + skipped, total);
  const forms = items.map((i) => JSON.parse(i.input));
  const bodies = forms.map((f) => f.body ?? (f.body_base64 ? Buffer.from(f.body_base64, 'base64').toString() : ''));
  const has = (needle) => bodies.some((b) => b.includes(needle));
  for (const needle of ['"INVALID_REQUEST"', '"FORBIDDEN"', '"UNAUTHORIZED"', '"UPSTREAM_ERROR"', '"invalid_client"', '"unsupported_grant_type"', '"customer_not_found"', '"card_error"', '"errors"', 'problem', '<html>']) {
    if (needle === 'problem') {
      assert.ok(forms.some((f) => (f.headers || []).some(([n, v]) => /content-type/i.test(n) && v.includes('problem+json'))), 'an RFC 9457 problem+json');
    } else {
      assert.ok(has(needle), `the example has ${needle}`);
    }
  }
  assert.ok(forms.some((f) => f.status === 429 && f.headers.some(([n]) => /^retry-after$/i.test(n))), 'a 429 with Retry-After');
  assert.ok(forms.some((f) => f.status === 503 && f.headers.some(([n, v]) => /content-type/i.test(n) && v.startsWith('text/plain'))), 'a 503 text body');
  const kinds = forms.filter((f) => f.transport).map((f) => f.transport.kind);
  assert.ok(kinds.includes('dns') && kinds.includes('reset'), `no-response failures: ${kinds}`);
  assert.ok(forms.some((f) => f.body_base64), 'one body captured as base64');
});

test('NDJSON: one item per non-blank line, passed on as written', () => {
  const text = '{"status":502,"request":{"method":"POST","endpoint":"/api/core/messages/send"}}\n\n  // a comment\n{"status": 404}\r\nnot json at all\n';
  const { items } = ndjsonToItems(text);
  assert.deepEqual(items.map((i) => i.source), ['line 1', 'line 4', 'line 5']);
  assert.equal(items[0].method, 'POST');
  assert.equal(items[0].url, '/api/core/messages/send');
  assert.equal(items[1].input, '{"status": 404}', 'not re-serialised');
  assert.equal(items[2].input, 'not json at all', 'an invalid line still goes to the core, which reports it');
  assert.equal(items[2].method, undefined);
});

test('fileToItems: HAR by content (even named .json), arrays, NDJSON, single objects', () => {
  const harText = JSON.stringify(har(entry({ status: 500 }), entry({ status: 200 })));
  const asJson = fileToItems('export.json', harText);
  assert.equal(asJson.format, 'har');
  assert.equal(asJson.items.length, 1);
  assert.equal(fileToItems('x.har', `\uFEFF${harText}`).format, 'har', 'a byte-order mark is ignored');

  const array = fileToItems('inputs.json', '[{"status":502},{"transport":{"kind":"timeout"}}]');
  assert.equal(array.format, 'json');
  assert.deepEqual(array.items.map((i) => i.input), ['{"status":502}', '{"transport":{"kind":"timeout"}}']);

  const nd = fileToItems('log.ndjson', '{"status":502}\n{"status":503}\n');
  assert.equal(nd.format, 'ndjson');
  assert.equal(nd.items.length, 2);

  const one = fileToItems('one.json', '{"status": 418}');
  assert.equal(one.format, 'ndjson');
  assert.deepEqual(one.items.map((i) => i.input), ['{"status": 418}']);

  assert.throws(() => fileToItems('broken.har', '{"status": 502}'), /not a HAR/);
});

test('paste: header lines to pairs, repeats and colons in values kept', () => {
  assert.deepEqual(parseHeaderLines('Content-Type: application/json\nRetry-After:2\r\nSet-Cookie: a=1\nSet-Cookie: b=2\nDate: Fri, 21 Nov 2025 14:02:11 GMT\n\n'), [
    ['Content-Type', 'application/json'],
    ['Retry-After', '2'],
    ['Set-Cookie', 'a=1'],
    ['Set-Cookie', 'b=2'],
    ['Date', 'Fri, 21 Nov 2025 14:02:11 GMT'],
  ]);
  assert.deepEqual(parseHeaderLines('HTTP/1.1 502 Bad Gateway\nServer: nginx'), [['Server', 'nginx']], 'a status line is skipped');
  assert.deepEqual(parseHeaderLines(''), []);
  assert.throws(() => parseHeaderLines('Content-Type application/json'), /line 1/);
  assert.throws(() => parseHeaderLines('ok: 1\nBad Name: x'), /line 2/);
});

test('paste: the form fields to the JSON form', () => {
  assert.deepEqual(pasteToForm({
    status: ' 502 ', headers: 'Content-Type: application/json', body: '{"error":{}}', method: 'post', endpoint: ' /api/core/messages/send ', idempotencyKey: 'k-1',
  }, 1763769600), {
    status: 502,
    headers: [['Content-Type', 'application/json']],
    body: '{"error":{}}',
    request: { method: 'POST', endpoint: '/api/core/messages/send', idempotency_key: 'k-1' },
    now: 1763769600,
  });
  assert.deepEqual(pasteToForm({ status: '404', headers: '', body: '', method: '', endpoint: '', idempotencyKey: '' }), { status: 404 });
  assert.throws(() => pasteToForm({ status: '' }), /status/);
  assert.throws(() => pasteToForm({ status: '50x' }), /status/);
  // Out of range is for the core to say (it owns validation); the form only needs a number.
  assert.equal(pasteToForm({ status: '700' }).status, 700);
});

test('isRulesDocument: recognised by its errtriage_rules member, whatever its name', () => {
  assert.equal(isRulesDocument('{"errtriage_rules": 1, "rules": []}'), true);
  assert.equal(isRulesDocument('\uFEFF  {"rules": [], "errtriage_rules": 2}\n'), true, 'a BOM, white space, another version: the core says what is wrong');
  assert.equal(isRulesDocument('{"status": 502}'), false);
  assert.equal(isRulesDocument('[{"errtriage_rules": 1}]'), false);
  assert.equal(isRulesDocument('{"log": {"entries": []}}'), false);
  assert.equal(isRulesDocument('{"errtriage_rules": 1,'), false, 'not JSON: read as a log, whose error row says so');
  assert.equal(isRulesDocument('{"status":500}\n{"errtriage_rules":1}'), false, 'NDJSON');
});
