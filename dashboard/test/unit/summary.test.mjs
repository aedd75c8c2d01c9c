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
