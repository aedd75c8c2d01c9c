// The dashboard in a real browser: headless Chromium driven by playwright-core, the page served
// from the repository root (dashboard/test.sh starts the server and sets DASHBOARD_URL).
//
// Expected verdicts are never a copy kept here: they come from the same wasm core run in Node
// (bindings-wasm's Node build, not the page's code) for the inputs the conversion module
// produces; a few facts from the seed documents are asserted outright.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';

import { harToItems, pasteToForm, useCore } from '../../src/convert.js';

const DASHBOARD_URL = process.env.DASHBOARD_URL;
if (!DASHBOARD_URL) throw new Error('DASHBOARD_URL is not set: run dashboard/test.sh');
const HERE = new URL('../../', import.meta.url); // dashboard/
const HAR_TEXT = readFileSync(new URL('examples/failures.har', HERE), 'utf8');
const SCREENSHOT = new URL('screenshot.png', HERE).pathname;
/** The same wasm core in Node, through the package's "./node" export. */
const WASM_PACKAGE = new URL('../bindings-wasm/', HERE);
const nodeCore = (async () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', WASM_PACKAGE), 'utf8'));
  const entry = pkg.exports['./node'];
  const core = await import(new URL(typeof entry === 'string' ? entry : entry.default, WASM_PACKAGE).href);
  await core.init();
  // The page's translation asks the core which transport kind a net error is: so does this.
  useCore(core);
  return core;
})();

let context;
let userDataDir;

before(async () => {
  userDataDir = mkdtempSync(join(tmpdir(), 'errtriage-dashboard-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true, // playwright passes --headless
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

/** Opens the dashboard, failing the test on any page error or console error. */
async function openDashboard(t) {
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  t.after(async () => {
    await page.close();
    assert.deepEqual(problems, [], 'the page ran without errors');
  });
  await page.goto(DASHBOARD_URL);
  await page.waitForSelector('body[data-ready]');
  assert.equal(await page.getAttribute('body', 'data-ready'), 'true', await page.textContent('#engine'));
  return page;
}

/**
 * The core's verdicts for JSON-form texts, from the wasm package's Node build (not the page);
 * with `rules`, from a `Classifier` over that rules document.
 */
async function coreVerdicts(inputs, rules) {
  const module = await nodeCore;
  const core = rules === undefined ? module : new module.Classifier(rules);
  return inputs.map((text) => {
    try {
      return { verdict: JSON.parse(core.classifyJson(text)) };
    } catch (e) {
      return { error: `${e.name}: ${e.message}` };
    }
  });
}

/** Every row of the verdict table, as the text of its cells. */
async function tableRows(page) {
  return page.$$eval('#verdicts tbody tr.row', (trs) => trs.map((tr) => {
    const cell = (col) => {
      const td = tr.querySelector(`td[data-col="${col}"]`);
      return td ? td.textContent.trim() : null;
    };
    return {
      error: tr.classList.contains('error'),
      n: cell('n'),
      request: cell('request'),
      status: cell('status'),
      shape: cell('shape'),
      category: cell('category'),
      action: tr.querySelector('td[data-col="action"] .chip')?.textContent.trim() ?? null,
      actionNote: tr.querySelector('td[data-col="action"] .after')?.textContent.trim() ?? null,
      code: cell('code'),
      message: cell('message'),
      request_id: cell('request_id'),
      hint: cell('hint'),
      rule: tr.querySelector('[data-col="rule"]')?.textContent.trim() ?? null,
      userRule: tr.querySelector('[data-col="rule"]')?.dataset.user === 'true',
      errorText: cell('error'),
    };
  }));
}

/** The summary table: { cells: {"category|action": n}, categoryTotals, actionTotals, grand }. */
async function summaryTable(page) {
  return page.$eval('#summary', (table) => {
    const actions = [...table.querySelectorAll('thead th')].slice(1, -1).map((th) => th.textContent.trim());
    const cells = {};
    const categoryTotals = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      const category = tr.querySelector('th').textContent.trim();
      tr.querySelectorAll('td[data-action]').forEach((td, i) => {
        const n = Number(td.textContent.trim());
        if (n) cells[`${category}|${actions[i]}`] = n;
      });
      categoryTotals[category] = Number(tr.querySelector('td[data-total="category"]').textContent);
    }
    const actionTotals = {};
    for (const td of table.querySelectorAll('tfoot td[data-action]')) actionTotals[td.dataset.action] = Number(td.textContent);
    return { actions, cells, categoryTotals, actionTotals, grand: Number(table.querySelector('[data-total="all"]').textContent) };
  });
}

const dash = (v) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Each table row shows exactly what the core said for its input. */
function assertRowsMatchCore(rows, expected) {
  assert.equal(rows.length, expected.length, 'one row per input');
  rows.forEach((row, i) => {
    const want = expected[i];
    if (want.error) {
      assert.equal(row.error, true, `row ${i + 1} is an error row`);
      assert.ok(row.errorText.includes(want.error.replace(/^\w+: /, '')), `row ${i + 1} shows the core's error: ${row.errorText}`);
      return;
    }
    const v = want.verdict;
    assert.equal(row.error, false, `row ${i + 1}: ${row.errorText}`);
    assert.equal(row.shape, v.shape, `row ${i + 1} shape`);
    assert.equal(row.category, v.category, `row ${i + 1} category`);
    assert.equal(row.action, v.action, `row ${i + 1} action`);
    if (v.retry_after_ms !== null) assert.match(row.actionNote, /^after \d/, `row ${i + 1} shows the delay`);
    else assert.equal(row.actionNote, null, `row ${i + 1} has no delay`);
    assert.equal(row.code, dash(v.code), `row ${i + 1} code`);
    assert.equal(row.message, dash(v.message), `row ${i + 1} message`);
    assert.equal(row.request_id, dash(v.request_id), `row ${i + 1} request id`);
    assert.equal(row.status, v.status === null ? '—no response' : String(v.status), `row ${i + 1} status`);
    assert.equal(row.rule, v.rule, `row ${i + 1} rule`);
    if (v.hint) assert.ok(row.hint.startsWith(v.hint), `row ${i + 1} hint`);
  });
}

/** Drops files on the drop zone the way a person does: dragenter, dragover, drop with a DataTransfer. */
async function dropFiles(page, files) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const f of files) dt.items.add(new File([f.text], f.name, { type: f.type }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#dropzone', type, { dataTransfer });
}

test('dropping the example HAR lists every failed entry with the core\'s verdict', async (t) => {
  const page = await openDashboard(t);
  await dropFiles(page, [{ name: 'failures.har', type: 'application/json', text: HAR_TEXT }]);
  await page.waitForSelector('#verdicts tbody tr.row');

  // Failed entries, counted straight from the HAR (status >= 400, or no response).
  const entries = JSON.parse(HAR_TEXT).log.entries;
  const failed = entries.filter((e) => !e.response || e.response._error || !(e.response.status > 0) || e.response.status >= 400);
  assert.ok(failed.length >= 12 && failed.length < entries.length, 'the example mixes failures and successes');
  const rows = await tableRows(page);
  assert.equal(rows.length, failed.length, 'one row per failed entry');
  assert.match(await page.textContent('#results-meta'), new RegExp(`${failed.length} failures classified .*${entries.length} entries, ${entries.length - failed.length} successful skipped`));
  assert.ok(rows.every((r) => !r.error), 'every entry of the example is valid input');

  // Every row is what the core says for that entry.
  await nodeCore;
  const { items } = harToItems(HAR_TEXT);
  const expected = await coreVerdicts(items.map((i) => i.input));
  assertRowsMatchCore(rows, expected);

  // Facts from the seed documents, held outright.
  const byCode = (code) => {
    const found = rows.filter((r) => r.code === code);
    assert.ok(found.length, `a row with code ${code}`);
    return found[0];
  };
  const fact = (code, shape, category, action) => {
    const r = byCode(code);
    assert.deepEqual([r.shape, r.category, r.action], [shape, category, action], code);
    return r;
  };
  fact('invalid_client', 'oauth', 'authentication', 'fix_configuration');
  assert.equal(fact('UPSTREAM_ERROR', 'core_wrapper', 'transient', 'retry').request_id, 'req_search_001');
  assert.equal(fact('FORBIDDEN', 'core_wrapper', 'authorization', 'fix_configuration').request_id, 'req_send_002');
  assert.equal(byCode('customer_not_found').request_id, 'req_7f3a2b1c');
  assert.equal(byCode('customer_not_found').shape, 'flat');
  const missingKey = rows.find((r) => r.message === 'Idempotency-Key header is required');
  assert.deepEqual([missingKey.code, missingKey.category, missingKey.request_id], ['INVALID_REQUEST', 'invalid_request', 'req_send_001']);
  const transport = rows.filter((r) => r.shape === 'transport');
  assert.ok(transport.some((r) => r.message === 'net::ERR_NAME_NOT_RESOLVED'), 'the DNS failure, its net error as the message');
  assert.ok(transport.some((r) => r.message === 'net::ERR_CONNECTION_RESET'), 'the connection reset');
  assert.ok(rows.some((r) => r.shape === 'html' && r.status === '504'), 'the nginx 504 page');
  assert.ok(rows.some((r) => r.status === '429' && r.actionNote === 'after 30 s'), 'the 429 shows its Retry-After');

  // The summary agrees with the table.
  const summary = await summaryTable(page);
  assert.equal(summary.grand, rows.length);
  const count = (key) => rows.filter(key).length;
  for (const [category, total] of Object.entries(summary.categoryTotals)) {
    assert.equal(total, count((r) => r.category === category), `total for ${category}`);
  }
  for (const [action, total] of Object.entries(summary.actionTotals)) {
    assert.equal(total, count((r) => r.action === action), `total for ${action}`);
  }
  for (const [key, n] of Object.entries(summary.cells)) {
    const [category, action] = key.split('|');
    assert.equal(n, count((r) => r.category === category && r.action === action), key);
  }
  assert.equal(Object.values(summary.cells).reduce((a, b) => a + b, 0), rows.length);

  // Text stays text: a row's detail opens and shows the JSON form that went to the core.
  await page.click('#verdicts tbody tr.row:first-of-type button.expand');
  const detail = await page.textContent('#verdicts tbody tr.detail:not([hidden])');
  assert.ok(detail.includes('"status": 401') && detail.includes('"endpoint": "/api/auth/token"'), detail.slice(0, 200));

  await page.screenshot({ path: SCREENSHOT, fullPage: true });
});

test('a summary count narrows the table to its rows; the example button loads the same HAR', async (t) => {
  const page = await openDashboard(t);
  await page.click('#example');
  await page.waitForSelector('#verdicts tbody tr.row');
  const all = await tableRows(page);
  await nodeCore;
  const { items } = harToItems(HAR_TEXT);
  assert.equal(all.length, items.length);

  const button = page.locator('#summary tbody tr', { hasText: 'transient' }).locator('button.count').first();
  const n = Number(await button.textContent());
  await button.focus();
  await page.keyboard.press('Enter'); // keyboard, not only the mouse
  const narrowed = await tableRows(page);
  assert.equal(narrowed.length, n);
  assert.ok(narrowed.every((r) => r.category === 'transient'));
  assert.equal(await button.getAttribute('aria-pressed'), 'true');
  await page.click('#show-all');
  assert.equal((await tableRows(page)).length, all.length);
});

test('pasting a response classifies it; a bad header line is reported, not thrown', async (t) => {
  const page = await openDashboard(t);
  const body = '{"error":{"code":"UPSTREAM_ERROR","message":"Upstream search failed with status 502.","details":{"providerStatus":502}},"requestId":"req_paste_1"}';
  await page.fill('#p-status', '502');
  await page.fill('#p-method', 'POST');
  await page.fill('#p-endpoint', '/api/core/messages/send');
  await page.fill('#p-key', 'k-1');
  await page.fill('#p-headers', 'Content-Type: application/json\nRetry-After 2');
  await page.fill('#p-body', body);
  await page.click('#paste button[type=submit]');
  assert.match(await page.textContent('#paste-error'), /line 2/);
  assert.equal(await page.isHidden('#results'), true, 'nothing classified from an invalid form');

  await page.fill('#p-headers', 'Content-Type: application/json\nRetry-After: 2');
  await page.click('#paste button[type=submit]');
  await page.waitForSelector('#verdicts tbody tr.row');
  assert.equal(await page.textContent('#paste-error'), '');
  const rows = await tableRows(page);
  assert.equal(rows.length, 1);
  const [expected] = await coreVerdicts([JSON.stringify(pasteToForm({ status: '502', headers: 'Content-Type: application/json\nRetry-After: 2', body, method: 'POST', endpoint: '/api/core/messages/send', idempotencyKey: 'k-1' }))]);
  assertRowsMatchCore(rows, [expected]);
  assert.deepEqual([rows[0].code, rows[0].category, rows[0].request_id], ['UPSTREAM_ERROR', 'transient', 'req_paste_1']);
  assert.deepEqual([rows[0].action, rows[0].actionNote], ['retry', 'after 2 s']);
  assert.match(rows[0].request, /POST\s*\/api\/core\/messages\/send/);

  // A second paste is added below the first; markup in an API's text is shown as text.
  await page.fill('#p-status', '400');
  await page.fill('#p-headers', 'Content-Type: application/json');
  await page.fill('#p-body', '{"code":"validation_error","message":"<img src=x onerror=\\"window.__injected=1\\"><b>to</b> is required","request_id":"req_x"}');
  await page.click('#paste button[type=submit]');
  await page.waitForFunction(() => document.querySelectorAll('#verdicts tbody tr.row').length === 2);
  const second = (await tableRows(page))[1];
  assert.equal(second.message, '<img src=x onerror="window.__injected=1"><b>to</b> is required');
  assert.equal(await page.evaluate(() => window.__injected), undefined);
  assert.equal(await page.locator('#verdicts tbody img, #verdicts tbody b').count(), 0);
  assert.equal((await summaryTable(page)).grand, 2);
});

test('an NDJSON file with an invalid line: an error row, the other lines classified', async (t) => {
  const page = await openDashboard(t);
  const lines = [
    '{"status":401,"headers":{"content-type":"application/json"},"body":"{\\"error\\":\\"invalid_client\\",\\"error_description\\":\\"Client authentication failed\\"}","request":{"method":"POST","endpoint":"/api/auth/token"}}',
    '{"status":503,"headerz":{"retry-after":"5"}}',
    '{"transport":{"kind":"timeout","sent":true,"detail":"read timed out"},"request":{"method":"POST","endpoint":"/api/core/messages/send"}}',
    '{"status":409,"body":"{\\"code\\":\\"already_exists\\",\\"message\\":\\"A customer with this email already exists\\",\\"request_id\\":\\"req_dup_1\\",\\"metadata\\":{}}"}',
  ];
  await page.setInputFiles('#file', { name: 'calls.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(`${lines.join('\n')}\n`) });
  await page.waitForSelector('#verdicts tbody tr.row');
  const rows = await tableRows(page);
  assert.equal(rows.length, 4);
  const expected = await coreVerdicts(lines);
  assert.equal(expected.filter((e) => e.error).length, 1, 'the core rejects exactly the misspelt line');
  assertRowsMatchCore(rows, expected);
  assert.equal(rows[1].error, true);
  assert.match(rows[1].errorText, /headerz/);
  assert.match(rows[1].request, /line 2/);
  assert.deepEqual([rows[0].category, rows[0].action], ['authentication', 'fix_configuration']);
  assert.match(await page.textContent('#results-meta'), /3 failures classified · 1 invalid input/);
  assert.equal((await summaryTable(page)).grand, 3);
});

test('on a narrow screen the page does not scroll sideways', async (t) => {
  const page = await openDashboard(t);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#example');
  await page.waitForSelector('#verdicts tbody tr.row');
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
  // Each card still labels its fields.
  const label = await page.$eval('#verdicts tbody tr.row td[data-col="category"]', (td) => getComputedStyle(td, '::before').content);
  assert.equal(label, '"Category"');
});

const RULES = {
  errtriage_rules: 1,
  disable: ['status.504'],
  rules: [
    { id: 'acme.customer_missing', when: { code: ['customer_not_found'] }, category: 'not_found', action: 'stop', hint: 'That customer was deleted: stop and tell the user.', source: 'Acme CRM errors' },
    { id: 'acme.gateway_page', when: { shape: ['html'], status: 502 }, category: 'transient', action: 'escalate', hint: 'Our gateway is down: page the platform team.', source: 'Acme runbook' },
  ],
};

test('a rules file: the note gives its rule count, verdicts come from that classifier; an invalid one shows the core\'s error', async (t) => {
  const page = await openDashboard(t);
  assert.match(await page.textContent('#rules-state'), /built-in rules/);
  await page.click('#example');
  await page.waitForSelector('#verdicts tbody tr.row');
  await nodeCore;
  const { items } = harToItems(HAR_TEXT);
  const inputs = items.map((i) => i.input);
  assertRowsMatchCore(await tableRows(page), await coreVerdicts(inputs));

  // Picked with the file input: the rows on show are classified again with the document.
  await page.setInputFiles('#rules-file', { name: 'acme-rules.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(RULES, null, 2)) });
  await page.waitForFunction(() => document.getElementById('rules-state').classList.contains('user'));
  const note = await page.textContent('#rules-state');
  assert.match(note, /acme-rules\.json/);
  assert.match(note, /\b2 rules of your own\b/);
  assert.match(note, /\b1 built-in rule switched off\b/);
  const withRules = await tableRows(page);
  const expected = await coreVerdicts(inputs, RULES);
  assertRowsMatchCore(withRules, expected);
  const missing = withRules.find((r) => r.code === 'customer_not_found');
  assert.deepEqual([missing.rule, missing.category, missing.action, missing.userRule], ['acme.customer_missing', 'not_found', 'stop', true]);
  assert.ok(missing.hint.startsWith(RULES.rules[0].hint), missing.hint);
  assert.ok(withRules.some((r) => r.rule === 'acme.gateway_page' && r.action === 'escalate'), 'the nginx 502 page decided by the user rule');
  assert.ok(!withRules.some((r) => r.rule === 'status.504'), 'the switched-off rule decides nothing');
  assert.ok(withRules.filter((r) => !r.userRule).every((r) => !r.rule.startsWith('acme.')), 'built-in verdicts are not marked');

  // Dropped: an invalid document is refused with the core's own message; the rules in use stay.
  const bad = { errtriage_rules: 1, rules: [{ ...RULES.rules[0], when: { status: 'often' } }] };
  let coreError;
  try {
    new (await nodeCore).Classifier(bad);
  } catch (e) {
    coreError = e;
  }
  assert.ok(coreError instanceof RangeError && coreError.field === 'rules[0].when.status', String(coreError));
  await dropFiles(page, [{ name: 'broken-rules.json', type: 'application/json', text: JSON.stringify(bad) }]);
  await page.waitForFunction(() => document.getElementById('rules-state').classList.contains('bad'));
  const refused = await page.textContent('#rules-state');
  assert.ok(refused.includes(coreError.message), refused);
  assert.match(refused, /broken-rules\.json: not loaded — RangeError: .*Verdicts still use the rules of acme-rules\.json\./);
  assertRowsMatchCore(await tableRows(page), expected);

  // Back to the built-in rules.
  await page.click('#rules-reset');
  await page.waitForFunction(() => /built-in rules/.test(document.getElementById('rules-state').textContent));
  assert.equal(await page.isHidden('#rules-reset'), true);
  assertRowsMatchCore(await tableRows(page), await coreVerdicts(inputs));
});

test('a rules document dropped together with a log: the log is classified with it', async (t) => {
  const page = await openDashboard(t);
  const lines = [
    '{"status":404,"body":"{\\"code\\":\\"customer_not_found\\",\\"message\\":\\"No customer cus_1\\",\\"request_id\\":\\"req_c1\\",\\"metadata\\":{}}"}',
    '{"status":503,"headers":{"retry-after":"5"}}',
  ];
  // The log first, the rules second: the rules still apply to the log.
  await dropFiles(page, [
    { name: 'calls.ndjson', type: 'application/x-ndjson', text: `${lines.join('\n')}\n` },
    { name: 'rules.json', type: 'application/json', text: JSON.stringify(RULES) },
  ]);
  await page.waitForSelector('#verdicts tbody tr.row');
  const rows = await tableRows(page);
  assertRowsMatchCore(rows, await coreVerdicts(lines, RULES));
  assert.equal(rows.length, 2, 'the rules document is not read as inputs');
  assert.deepEqual([rows[0].rule, rows[0].userRule], ['acme.customer_missing', true]);
  assert.match(await page.textContent('#rules-state'), /rules\.json — 2 rules of your own/);
});
