import { test } from 'node:test';
import assert from 'node:assert/strict';

import { summarize } from '../../src/summary.js';

const row = (category, action) => ({ verdict: { category, action } });

test('summary: counts by category × action, totals, invalid rows apart', () => {
  const s = summarize([
    row('transient', 'retry'),
    row('authentication', 'fix_configuration'),
    row('transient', 'retry'),
    { error: 'SyntaxError: input is not valid JSON' },
    row('transient', 'reconcile'),
  ]);
  assert.equal(s.classified, 4);
  assert.equal(s.invalid, 1);
  assert.equal(s.counts.get('transient|retry'), 2);
  assert.equal(s.counts.get('transient|reconcile'), 1);
  assert.equal(s.byCategory.get('transient'), 3);
  assert.equal(s.byAction.get('retry'), 2);
  assert.deepEqual(s.categories, ['authentication', 'transient'], 'in the vocabulary order');
  assert.deepEqual(s.actions, ['retry', 'fix_configuration', 'reconcile']);
});

test('summary: values outside the known vocabulary sort last, not dropped', () => {
  const s = summarize([row('zzz_new', 'retry'), row('aaa_new', 'retry'), row('unknown', 'escalate')]);
  assert.deepEqual(s.categories, ['unknown', 'aaa_new', 'zzz_new']);
  assert.equal(s.classified, 3);
});

test('summary: empty', () => {
  const s = summarize([]);
  assert.equal(s.classified, 0);
  assert.equal(s.invalid, 0);
  assert.deepEqual(s.categories, []);
});

// ---- The charts' counting ---------------------------------------------------------------------

import { TIME_STEPS, timeBuckets, topCounts } from '../../src/summary.js';
import { clock, niceCeil, stepText } from '../../src/charts.js';

const timed = (category, at, extra = {}) => ({ verdict: { category, action: 'retry', ...extra }, at });

test('time buckets: the smallest step giving at most maxBuckets bars, aligned, counted by category', () => {
  const t0 = Date.parse('2025-11-21T14:02:10Z') / 1000;
  const rows = [timed('transient', t0), timed('transient', t0 + 1), timed('authentication', t0 + 1), timed('transient', t0 + 20), { error: 'x', at: t0 }];
  const b = timeBuckets(rows, 48);
  assert.equal(b.step, 1, 'a 21 s span in 1 s bars');
  assert.equal(b.buckets.length, 21);
  assert.equal(b.buckets[0].start, t0);
  assert.deepEqual([...b.buckets[1].counts], [['transient', 1], ['authentication', 1]]);
  assert.equal(b.buckets[1].total, 2);
  assert.equal(b.peak, 2);
  assert.equal(b.timed, 4, 'invalid inputs are not counted');
  assert.deepEqual(b.categories, ['authentication', 'transient']);
  assert.equal(b.buckets.reduce((s, x) => s + x.total, 0), 4);

  const coarse = timeBuckets(rows, 5);
  assert.equal(coarse.step, 5);
  assert.equal(coarse.buckets[0].start % 5, 0, 'aligned to multiples of the step');
  assert.ok(coarse.buckets.length <= 5);
});

test('time buckets: rows without a usable time are counted apart; huge spans stay bounded', () => {
  const b = timeBuckets([timed('transient', undefined), timed('transient', Number.NaN), timed('transient', -5), timed('transient', 1e300)]);
  assert.equal(b.timed, 0);
  assert.equal(b.untimed, 4);
  assert.deepEqual(b.buckets, []);
  const wide = timeBuckets([timed('transient', 0), timed('transient', 253402300799)], 10);
  assert.ok(wide.buckets.length <= 10, `${wide.buckets.length} bars`);
  assert.ok(wide.step >= TIME_STEPS[TIME_STEPS.length - 1]);
  assert.equal(wide.buckets.reduce((s, x) => s + x.total, 0), 2);
  const day = timeBuckets([timed('transient', 86400 * 3 + 5), timed('transient', 86400 * 20)], 30);
  assert.equal(day.step, 86400);
  assert.equal(day.buckets[0].start, 86400 * 3, 'a day starts at 00:00 UTC');
});

test('top counts: most frequent first, ties by value, the rest and the rows without one', () => {
  const rows = ['b', 'a', 'b', 'c', null, 'a', 'b', 'd', ''].map((code) => ({ verdict: { category: 'transient', action: 'retry', code } }));
  rows.push({ error: 'bad' });
  const top = topCounts(rows, (r) => r.verdict.code, 2);
  assert.deepEqual(top.top, [{ key: 'b', count: 3 }, { key: 'a', count: 2 }]);
  assert.equal(top.distinct, 4);
  assert.equal(top.rest, 2, 'c and d');
  assert.equal(top.without, 2, 'null and the empty string');
  assert.equal(top.counted, 7);
  assert.deepEqual(topCounts([], (r) => r.x).top, []);
});

test('chart helpers: nice axis tops, UTC labels, steps in words', () => {
  assert.deepEqual([0, 1, 1.5, 3, 7, 10, 11, 180, 4000].map(niceCeil), [1, 1, 2, 5, 10, 10, 20, 200, 5000]);
  const t = Date.parse('2025-11-21T14:02:10Z') / 1000;
  assert.equal(clock(t, 1), '14:02:10');
  assert.equal(clock(t, 300), '14:02');
  assert.equal(clock(t, 300, true), '11-21 14:02');
  assert.equal(clock(t, 86400), '2025-11-21');
  assert.deepEqual([1, 30, 300, 7200, 86400, 172800].map(stepText), ['1 s', '30 s', '5 min', '2 h', '1 day', '2 days']);
});

test('chart helpers: spans of time in UTC', async () => {
  const { spanText } = await import('../../src/charts.js');
  const t = Date.parse('2025-11-21T14:02:10Z') / 1000;
  assert.equal(spanText(t, t + 21, 1), '2025-11-21 14:02:10 – 14:02:31 UTC');
  assert.equal(spanText(t, t + 86400, 300), '2025-11-21 14:02 – 2025-11-22 14:02 UTC');
  assert.equal(spanText(t, t + 3 * 86400, 86400), '2025-11-21 – 2025-11-24');
});
