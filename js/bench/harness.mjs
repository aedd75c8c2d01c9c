// The benchmark both packages run (bindings-node/bench.mjs, bindings-wasm/bench.mjs): one
// package's `classify` against the pure-JS baseline (baseline.mjs) on the same bodies, as
// strings and as Uint8Array; median ns per call over several rounds, and the ratio.

import { classifyJs } from './baseline.mjs';

/** Error bodies from the seed documents, with the headers that came with them. */
export const CASES = [
  ['502 CORE upstream', 502, '{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_search_001"}', { 'content-type': 'application/json' }],
  ['401 CORE unauthorized', 401, '{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing bearer token","details":{}},"requestId":"req_auth_001"}', { 'content-type': 'application/json' }],
  ['400 flat validation', 400, '{"code":"validation_error","message":"to: must be E.164","request_id":"req_42","metadata":{"field":"to"}}', { 'content-type': 'application/json' }],
  ['429 rate limited', 429, '{"error":{"code":"RATE_LIMITED","message":"Too many requests","details":{}},"requestId":"req_rl"}', { 'content-type': 'application/json', 'retry-after': '2' }],
  ['400 OAuth token', 400, '{"error":"invalid_grant","error_description":"The refresh token has expired"}', { 'content-type': 'application/json' }],
];

function measure(fn, iterations) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn(i);
  return Number(process.hrtime.bigint() - start) / iterations;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Interleaves rounds of `a` and `b` so machine noise hits both; returns median ns/call. */
function compare(a, b, { rounds = 15, iterations = 20000 } = {}) {
  for (let i = 0; i < 3; i++) measure(a, iterations), measure(b, iterations);
  const ta = [];
  const tb = [];
  for (let r = 0; r < rounds; r++) {
    ta.push(measure(a, iterations));
    tb.push(measure(b, iterations));
  }
  return [median(ta), median(tb)];
}

/** Runs the comparison for `label` (a package's API); prints a table; returns the totals. */
export function run(label, api, { target } = {}) {
  const encoder = new TextEncoder();
  let sink = 0;
  const rows = [];
  const totals = {};
  for (const form of ['string', 'Uint8Array']) {
    let sumPackage = 0;
    let sumJs = 0;
    for (const [name, status, text, headers] of CASES) {
      const body = form === 'string' ? text : encoder.encode(text);
      const expected = api.classify(status, body, headers);
      const mine = classifyJs(status, body, headers);
      for (const key of ['shape', 'code', 'message', 'requestId', 'retryAfterMs', 'status']) {
        if (JSON.stringify(expected[key]) !== JSON.stringify(mine[key])) {
          throw new Error(`baseline disagrees with ${label} on ${name}.${key}: ${mine[key]} vs ${expected[key]}`);
        }
      }
      const [tPackage, tJs] = compare(
        () => (sink += api.classify(status, body, headers).status),
        () => (sink += classifyJs(status, body, headers).status),
      );
      sumPackage += tPackage;
      sumJs += tJs;
      rows.push({ body: form, case: name, [`${label} ns`]: Math.round(tPackage), 'pure JS ns': Math.round(tJs), ratio: +(tPackage / tJs).toFixed(2) });
    }
    totals[form] = sumPackage / sumJs;
    rows.push({ body: form, case: 'ALL (sum)', [`${label} ns`]: Math.round(sumPackage), 'pure JS ns': Math.round(sumJs), ratio: +totals[form].toFixed(2) });
  }
  console.table(rows);
  if (sink === 0) console.log('');
  if (target) {
    for (const [form, limit] of Object.entries(target)) {
      const ok = totals[form] <= limit;
      console.log(`${ok ? 'OK  ' : 'MISS'} ${label} / pure JS with ${form} bodies: ${totals[form].toFixed(2)}× (target ≤ ${limit}×)`);
    }
  }
  return totals;
}
