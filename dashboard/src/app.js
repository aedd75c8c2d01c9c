// The dashboard page: reads inputs (paste form, dropped or picked files, the shipped example),
// has the wasm core classify each one in a worker (src/worker.js), and renders charts, a summary
// and the verdicts, a page of rows at a time.
//
// All classification is the core's (`classifyJson`, in the worker, off the main thread: a large
// HAR never freezes the page, a progress bar shows how far it is). This file converts nothing
// itself beyond the paste form (see convert.js) and decides nothing: it shows what the core
// returned. Every string that came from a file, a paste or the core is inserted with
// textContent, never as HTML.

import { barChart, fmt, spanText, stepText, timeChart } from './charts.js';
import { hostOf, pasteToForm } from './convert.js';
import { summarize, timeBuckets, topCounts } from './summary.js';

const $ = (id) => document.getElementById(id);

/** The worker that holds the wasm core and classifies. */
let worker = null;
/** Whether the worker has the core loaded. */
let ready = false;
/** Rule id → rule description from the classifier's `rules()`, for tooltips (optional). */
let ruleIndex = new Map();
/** The ids of the built-in rules, to tell a user rule's verdict apart. */
let builtinIds = new Set();
/** The rules document in use: { name } or null (the built-in rules). */
let loadedRules = null;

/** What the table shows: { label, fromPaste, rows: [{ n, source, method, url, input, at?, endpoint?, verdict?, error? }] } */
let current = null;
/** What the table is narrowed to, or null: {kind: 'cell', category, action} (a summary count),
 * {kind: 'rule'|'code'|'endpoint', value} (a bar) or {kind: 'time', from, to} (a time bar). */
let filter = null;
/** The page of the table on show (0-based) and its size. */
let page = 0;
let pageSize = 50;
/** The rows `filter` lets through (recomputed when the rows or the filter change). */
let shownRows = [];

/** Jobs sent to the worker and not finished: job id → { kind, rows, ...what to do when done }. */
const jobs = new Map();
let lastJob = 0;
/** The job the progress bar follows. */
let activeJob = 0;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only).

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function chip(kind, value) {
  return el('span', { class: `chip ${kind} ${kind}-${String(value).replace(/[^a-z_]/g, '')}`, text: value });
}


// ---------------------------------------------------------------------------------------------
// The worker and the core in it.

/** Where the import map says the wasm module is (the worker has no import map of its own). */
function wasmUrl() {
  try {
    if (typeof import.meta.resolve === 'function') return import.meta.resolve('errtriage-wasm');
  } catch {
    /* fall back on reading the map */
  }
  const map = JSON.parse(document.querySelector('script[type="importmap"]').textContent);
  return new URL(map.imports['errtriage-wasm'], document.baseURI).href;
}

function startWorker() {
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  } catch (e) {
    engineFailed(e.message);
    return;
  }
  worker.addEventListener('message', (event) => onWorkerMessage(event.data));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    engineFailed(event.message || 'the worker script could not be run');
  });
  worker.postMessage({ type: 'init', wasmUrl: wasmUrl() });
}

function engineFailed(message) {
  const status = $('engine');
  if (ready) {
    status.textContent = `The classifier stopped working (${message}). Reload the page.`;
  } else {
    status.textContent = `The classifier could not be loaded (${message}). Build it with “cd bindings-wasm && npm install && npm run build”, then serve the repository root and reload.`;
  }
  status.className = 'engine bad';
  document.body.dataset.ready = 'error';
  for (const control of document.querySelectorAll('main button, main input, main textarea, main select')) control.disabled = true;
  hideProgress();
}

function onWorkerMessage(msg) {
  switch (msg.type) {
    case 'ready': {
      ready = true;
      ruleIndex = new Map(msg.rules.map((r) => [r.id, r]));
      builtinIds = new Set(ruleIndex.keys());
      if (!msg.classifier) {
        for (const control of document.querySelectorAll('#rules-file, label[for="rules-file"]')) control.disabled = true;
        rulesNote('Rules files need a newer build of the wasm package (no Classifier export).', 'bad');
      }
      const version = msg.version ? ` ${msg.version}` : '';
      const status = $('engine');
      status.textContent = `Classifier ready: errtriage${version} (WebAssembly, in a worker)${ruleIndex.size ? `, ${ruleIndex.size} rules` : ''}.`;
      status.className = 'engine ok';
      document.body.dataset.ready = 'true';
      return;
    }
    case 'failed':
      engineFailed(msg.message);
      return;
    case 'rules':
      onRules(msg);
      return;
    case 'progress':
      if (msg.job === activeJob && jobs.has(msg.job)) showProgress(msg);
      return;
    case 'rows': {
      const job = jobs.get(msg.job);
      if (job) for (const row of msg.rows) job.rows.push(row);
      return;
    }
    case 'done':
      finishJob(msg);
      return;
    case 'cancelled': {
      const job = jobs.get(msg.job);
      if (!job) return;
      jobs.delete(msg.job);
      if (msg.job === activeJob) hideProgress();
      if (job.after) job.after();
      // Rules loaded before the cancel are in use: the rows on show get their verdicts.
      if (job.rulesChanged) reclassify();
      return;
    }
    default:
  }
}

/** Sends a data job (files to read, or items to classify); a newer one supersedes it. */
function submit(type, payload, meta) {
  lastJob += 1;
  const job = lastJob;
  // The worker stops older jobs; their rows are not wanted, what was to follow them still is.
  for (const [old, { after }] of jobs) {
    jobs.delete(old);
    if (after) after();
  }
  jobs.set(job, { ...meta, rows: [] });
  activeJob = job;
  showProgress({ job, phase: 'starting', done: 0, total: 0, title: meta.title });
  worker.postMessage({ type, job, ...payload });
  return job;
}

function finishJob(msg) {
  const job = jobs.get(msg.job);
  if (!job) return; // superseded
  jobs.delete(msg.job);
  if (msg.job === activeJob) hideProgress();
  const after = job.after || (() => {});
  if (msg.failed) {
    show('error', [{ source: 'dashboard', error: `could not finish: ${msg.failed}` }], { then: after });
    return;
  }
  if (job.kind === 'files') {
    if (msg.logs > 0) {
      show(msg.label, job.rows, { then: after });
    } else {
      after();
      if (job.rulesChanged) reclassify();
    }
  } else if (job.kind === 'paste') {
    const append = Boolean(job.append && current && current.fromPaste);
    const count = (append ? current.rows.length : 0) + job.rows.length;
    show(`${count} pasted response${count === 1 ? '' : 's'}`, job.rows, {
      fromPaste: true,
      append,
      then: () => {
        after();
        const last = $('verdicts').querySelector('tbody tr.row:last-of-type');
        if (last) last.scrollIntoView({ block: 'nearest' });
      },
    });
  } else if (job.kind === 'reclassify') {
    if (current === job.of) {
      // Same rows, same order: each keeps its number.
      current = { ...current, rows: job.rows.map((row, i) => ({ n: current.rows[i].n, ...row })) };
    }
    render({ keepPage: true, then: after });
  }
}

// ---------------------------------------------------------------------------------------------
// Progress.

function showProgress(p) {
  const box = $('progress');
  const bar = $('progress-bar');
  const text = $('progress-text');
  const job = jobs.get(p.job);
  box.hidden = false;
  if (p.phase === 'classifying' && p.total > 0) {
    bar.max = p.total;
    bar.value = p.done;
    text.textContent = `Classifying ${fmt(p.done)} of ${fmt(p.total)} input${p.total === 1 ? '' : 's'}…`;
  } else {
    bar.removeAttribute('value'); // indeterminate: reading and converting are one step each
    if (p.phase === 'reading') text.textContent = `Reading ${p.name}…`;
    else if (p.phase === 'converting') text.textContent = `Converting ${p.name}…`;
    else text.textContent = (job && job.title) || p.title || 'Working…';
  }
}

function hideProgress() {
  $('progress').hidden = true;
  activeJob = 0;
}

function cancelJob() {
  if (!activeJob) return;
  worker.postMessage({ type: 'cancel', job: activeJob });
  $('progress-text').textContent = 'Cancelling…';
}

// ---------------------------------------------------------------------------------------------
// A rules document: the core reads and checks it (`new Classifier`, in the worker); the page
// only shows the outcome.

function rulesNote(text, kind) {
  const note = $('rules-state');
  note.textContent = text;
  note.className = `rules-state${kind ? ` ${kind}` : ''}`;
}

/** The rules in use, in words. */
function rulesInUse() {
  return loadedRules ? `the rules of ${loadedRules.name}` : 'the built-in rules';
}

/** The worker's answer to a rules document (or to going back to the built-in rules). */
function onRules(msg) {
  if (!msg.ok) {
    const why = msg.unreadable ? `cannot read it (${msg.error})` : `not loaded — ${msg.error}`;
    rulesNote(`${msg.name}: ${why}. Verdicts still use ${rulesInUse()}.`, 'bad');
    return;
  }
  const apply = () => {
    ruleIndex = new Map(msg.rules.map((r) => [r.id, r]));
    if (msg.name === null) {
      loadedRules = null;
      rulesNote('Rules: the built-in rules.', '');
      $('rules-reset').hidden = true;
    } else {
      const own = msg.rules.filter((r) => !builtinIds.has(r.id)).length;
      const off = builtinIds.size - (msg.rules.length - own);
      loadedRules = { name: msg.name };
      const parts = [`${own} rule${own === 1 ? '' : 's'} of your own`];
      if (off > 0) parts.push(`${off} built-in rule${off === 1 ? '' : 's'} switched off`);
      rulesNote(`Rules: ${msg.name} — ${parts.join(', ')}; they decide before the built-in rules.`, 'user');
      $('rules-reset').hidden = false;
    }
  };
  if (msg.job) {
    // Within a drop: the logs beside the document are classified with it.
    apply();
    const job = jobs.get(msg.job);
    if (job) job.rulesChanged = true;
    return;
  }
  // The rows on show are classified again; the note changes with them, so the two agree.
  if (!reclassify(apply)) apply();
}

/**
 * Classifies the rows on show again, with the rules now in use; `after` runs when they are
 * (or when a newer job takes over). False when there is nothing to classify.
 */
function reclassify(after) {
  if (!current || !current.rows.length) return false;
  const items = current.rows.map((row) => {
    const item = { source: row.source, method: row.method, url: row.url, input: row.input };
    if (row.input === undefined) item.error = row.error; // a file that could not be read: kept as is
    return item;
  });
  submit('classify', { items }, { kind: 'reclassify', of: current, after, title: 'Classifying again with the new rules…' });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Inputs.

function show(label, rows, { fromPaste = false, append = false, then = () => {} } = {}) {
  const all = append && current ? current.rows.slice() : [];
  for (const row of rows) all.push({ n: all.length + 1, ...row });
  current = { label, fromPaste, rows: all };
  filter = null;
  render({ lastPage: append, then });
}

function readFiles(files) {
  const list = [...files];
  if (!list.length || !ready) return;
  const names = list.map((f) => f.name).join(', ');
  submit('files', { files: list }, { kind: 'files', title: `Reading ${names}…` });
}

async function loadExample() {
  const button = $('example');
  button.disabled = true;
  try {
    const response = await fetch('examples/failures.har');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const file = new File([await response.blob()], 'failures.har', { type: 'application/json' });
    readFiles([file]);
  } catch (e) {
    show('example', [{ source: 'examples/failures.har', error: `cannot load the example: ${e.message}` }]);
  } finally {
    button.disabled = false;
  }
}

function onPaste(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const error = $('paste-error');
  error.textContent = '';
  const fields = Object.fromEntries(new FormData(form));
  let jsonForm;
  try {
    jsonForm = pasteToForm(fields, Math.floor(Date.now() / 1000));
  } catch (e) {
    error.textContent = e.message;
    (/status/.test(e.message) ? $('p-status') : $('p-headers')).focus();
    return;
  }
  if (!ready) return;
  const item = {
    source: 'pasted',
    method: jsonForm.request && jsonForm.request.method,
    url: jsonForm.request && jsonForm.request.endpoint,
    input: JSON.stringify(jsonForm),
  };
  submit('classify', { items: [item] }, { kind: 'paste', append: Boolean(current && current.fromPaste), title: 'Classifying…' });
}

function wireDrop() {
  const zone = $('dropzone');
  const hasFiles = (e) => e.dataTransfer && [...e.dataTransfer.types].includes('Files');
  // Files dropped anywhere on the page are read (and never make the browser navigate away);
  // text dragged into the textareas keeps its usual behaviour.
  document.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    zone.classList.add('over');
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) zone.classList.remove('over');
  });
  document.addEventListener('drop', (e) => {
    zone.classList.remove('over');
    if (!hasFiles(e)) return;
    e.preventDefault();
    readFiles(e.dataTransfer.files);
  });
  $('rules-file').addEventListener('change', (e) => {
    const [file] = e.target.files;
    e.target.value = '';
    if (!file || !ready) return;
    worker.postMessage({ type: 'rules', name: file.name, file });
  });
  $('file').addEventListener('change', (e) => {
    readFiles(e.target.files);
    e.target.value = ''; // picking the same file again re-reads it
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering.

function describeRule(id) {
  const rule = ruleIndex.get(id);
  if (!rule) return `rule ${id}`;
  const parts = [`rule ${id}`];
  if (rule.category || rule.action) parts.push(`decides: ${rule.category ?? '(category kept)'} → ${rule.action}`);
  if (rule.source) parts.push(`source: ${rule.source}`);
  return parts.join('\n');
}

/** A path as text nodes with line-break opportunities after each "/", "?" and "&". */
function breakable(path) {
  const nodes = [];
  for (const part of path.split(/(?<=[/?&])/)) nodes.push(document.createTextNode(part), el('wbr'));
  return nodes;
}

function requestCell(row) {
  const td = el('td', { class: 'req', 'data-col': 'request', 'data-label': 'Request' });
  if (row.method) td.append(el('span', { class: 'method', text: row.method }), ' ');
  if (row.url) {
    const host = hostOf(row.url);
    let path = row.url;
    if (host) {
      try {
        const u = new URL(row.url);
        path = u.pathname + u.search;
      } catch {
        /* keep as given */
      }
    }
    td.append(el('span', { class: 'path', title: row.url }, ...breakable(path)));
    if (host) td.append(el('span', { class: 'host', text: host }));
  } else if (!row.method) {
    td.append(el('span', { class: 'muted', text: '—' }));
  }
  td.append(el('span', { class: 'source', text: row.source }));
  return td;
}

function textCell(col, label, value, cls) {
  const td = el('td', { 'data-col': col, 'data-label': label, class: cls });
  if (value === null || value === undefined || value === '') td.append(el('span', { class: 'muted', text: '—' }));
  else td.textContent = String(value);
  return td;
}

function delayText(ms) {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  if (s < 120) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
  return `${Math.round(s / 60)} min`;
}

/** Puts each labelled cell's content in one wrapper, so the narrow-screen card layout can set
 * the label beside it (see style.css). */
function wrapCells(tr) {
  for (const td of tr.querySelectorAll('td[data-label]')) {
    const inner = el('div', { class: 'cell' });
    inner.append(...td.childNodes);
    td.append(inner);
  }
  return tr;
}

function verdictRow(row, detailId) {
  const v = row.verdict;
  const tr = el('tr', { class: 'row', 'data-category': v.category, 'data-action': v.action });
  tr.append(indexCell(row, detailId));
  tr.append(requestCell(row));
  const status = el('td', { 'data-col': 'status', 'data-label': 'Status', class: 'num' });
  if (v.status === null || v.status === undefined) {
    status.append(el('span', { class: 'muted', title: 'no response (transport failure)', text: '—' }), el('span', { class: 'visually-hidden', text: 'no response' }));
  }
  else status.textContent = String(v.status);
  tr.append(status);
  tr.append(textCell('shape', 'Shape', v.shape, 'mono'));
  const category = el('td', { 'data-col': 'category', 'data-label': 'Category' }, chip('category', v.category));
  tr.append(category);
  const action = el('td', { 'data-col': 'action', 'data-label': 'Action' }, chip('action', v.action));
  if (typeof v.retry_after_ms === 'number') action.append(el('span', { class: 'after', text: `after ${delayText(v.retry_after_ms)}` }));
  if (v.outcome) action.append(el('span', { class: 'outcome', title: 'Did the server apply the request?', text: `outcome: ${v.outcome.replace(/_/g, ' ')}` }));
  tr.append(action);
  tr.append(textCell('code', 'Code', v.code, 'mono code'));
  const message = textCell('message', 'Message', v.message, 'message');
  if (v.message) message.title = v.message;
  tr.append(message);
  tr.append(textCell('request_id', 'Request id', v.request_id, 'mono'));
  const hint = el('td', { 'data-col': 'hint', 'data-label': 'Hint', class: 'hint' });
  if (v.hint) hint.append(el('span', { class: 'hint-text', text: v.hint }));
  else hint.append(el('span', { class: 'muted', text: '—' }));
  if (v.rule) {
    const user = builtinIds.size > 0 && !builtinIds.has(v.rule);
    hint.append(el('span', { class: user ? 'rule user' : 'rule', 'data-col': 'rule', 'data-user': user ? 'true' : null, title: describeRule(v.rule) + (user ? `\n(your rule, from ${loadedRules ? loadedRules.name : 'your rules'})` : ''), text: v.rule }));
  }
  tr.append(hint);
  return wrapCells(tr);
}

function errorRow(row, detailId) {
  const tr = el('tr', { class: 'row error' });
  tr.append(indexCell(row, detailId));
  tr.append(requestCell(row));
  tr.append(el('td', { colspan: 8, 'data-col': 'error', 'data-label': 'Invalid input', class: 'error-text' },
    el('strong', { text: 'Invalid input: ' }), row.error));
  return wrapCells(tr);
}

function indexCell(row, detailId) {
  const button = el('button', {
    type: 'button', class: 'expand', 'aria-expanded': 'false', 'aria-controls': detailId,
    'aria-label': `Row ${row.n}: show the input and the full verdict`, text: String(row.n),
  });
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    const detail = $(detailId);
    if (open && !detail.firstChild) detail.append(detailCell(row)); // built on first use: bodies can be large
    detail.hidden = !open;
  });
  return el('td', { class: 'n', 'data-col': 'n', 'data-label': '#' }, button);
}

/** Indented JSON with short arrays of strings (header pairs) kept on one line. */
function pretty(text) {
  let out;
  try {
    out = JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text, null, 2);
  } catch {
    return text;
  }
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  return out.replace(new RegExp(`\\[\\n\\s*(${str}),\\n\\s*(${str})\\n\\s*\\]`, 'g'), '[$1, $2]');
}

function detailCell(row) {
  const blocks = el('div', { class: 'detail-grid' });
  if (row.input !== undefined) {
    blocks.append(el('div', {}, el('h4', { text: 'Input sent to the core (JSON form)' }), el('pre', { text: pretty(row.input) })));
  }
  if (row.verdict) {
    blocks.append(el('div', {}, el('h4', { text: 'Verdict' }), el('pre', { text: pretty(row.verdict) })));
  }
  if (row.error) blocks.append(el('div', {}, el('h4', { text: 'Error' }), el('pre', { text: row.error })));
  return el('td', { colspan: 10 }, blocks);
}

/** The hidden row under each result; filled when first opened. */
function detailRow(id) {
  return el('tr', { class: 'detail', id, hidden: true });
}

function renderSummary(summary) {
  const table = $('summary');
  table.replaceChildren();
  if (!summary.classified) {
    table.append(el('tbody', {}, el('tr', {}, el('td', { text: 'No failure could be classified.' }))));
    return;
  }
  const head = el('tr', {}, el('th', { scope: 'col', text: 'Category \\ action' }));
  for (const action of summary.actions) head.append(el('th', { scope: 'col' }, chip('action', action)));
  head.append(el('th', { scope: 'col', text: 'Total' }));
  table.append(el('thead', {}, head));
  const body = el('tbody');
  for (const category of summary.categories) {
    const tr = el('tr', { 'data-category': category }, el('th', { scope: 'row' }, chip('category', category)));
    for (const action of summary.actions) {
      const count = summary.counts.get(`${category}|${action}`) || 0;
      const td = el('td', { class: 'num', 'data-action': action });
      if (count) {
        const pressed = Boolean(filter && filter.kind === 'cell' && filter.category === category && filter.action === action);
        td.append(el('button', {
          type: 'button', class: 'count', 'aria-pressed': String(pressed),
          'aria-label': `${count} ${category} with action ${action}: show only these`,
          text: String(count),
          onclick: () => setFilter(pressed ? null : { kind: 'cell', category, action }, 'summary'),
        }));
      } else {
        td.append(el('span', { class: 'zero', 'aria-hidden': 'true', text: '·' }));
      }
      tr.append(td);
    }
    tr.append(el('td', { class: 'num total', 'data-total': 'category', text: String(summary.byCategory.get(category)) }));
    body.append(tr);
  }
  table.append(body);
  const foot = el('tr', {}, el('th', { scope: 'row', text: 'Total' }));
  for (const action of summary.actions) foot.append(el('td', { class: 'num total', 'data-action': action, text: String(summary.byAction.get(action)) }));
  foot.append(el('td', { class: 'num total grand', 'data-total': 'all', text: String(summary.classified) }));
  table.append(el('tfoot', {}, foot));
}

// ---------------------------------------------------------------------------------------------
// Charts (src/charts.js draws them; the counts are summary.js's, from the core's verdicts).

/** The three "top" charts: which field each counts, in the words it uses. */
const TOP_CHARTS = [
  { kind: 'rule', box: 'chart-rules', title: 'Top rules', noun: 'rule', key: (row) => row.verdict.rule },
  { kind: 'endpoint', box: 'chart-endpoints', title: 'Top endpoints', noun: 'endpoint', key: (row) => row.endpoint },
  { kind: 'code', box: 'chart-codes', title: 'Top codes', noun: 'code', key: (row) => row.verdict.code },
];
const TOP_N = 10;
let chartsWidth = 0;

/**
 * Draws the charts; with `split`, only the time chart, returning a function that draws the
 * top charts (to be called in a later task).
 */
function renderCharts(summary = summarize(current ? current.rows : []), { split = false } = {}) {
  const rows = current ? current.rows : [];
  const box = $('charts');
  box.hidden = !rows.some((r) => r.verdict);
  if (box.hidden) return () => {};
  const timeBox = $('chart-time');
  // Every width read before anything is drawn: one layout, not one per chart.
  chartsWidth = box.clientWidth;
  const width = timeBox.clientWidth;
  const widths = new Map(TOP_CHARTS.map((chart) => [chart.kind, $(chart.box).clientWidth]));
  const data = timeBuckets(rows, Math.max(8, Math.min(60, Math.floor(width / 16))));
  const notes = [];
  if (data.timed) {
    timeBox.replaceChildren(timeChart(data, {
      width,
      selected: filter && filter.kind === 'time' ? filter : null,
      onSelect: (span) => setFilter(span && { kind: 'time', ...span }, 'chart'),
    }));
    const first = data.buckets[0].start;
    const last = data.buckets[data.buckets.length - 1].end;
    notes.push(`${spanText(first, last, data.step)}, bars of ${stepText(data.step)}`);
  } else {
    timeBox.replaceChildren(el('p', { class: 'muted chart-empty', text: 'No failure has a time (a HAR entry’s startedDateTime, or now in the JSON form).' }));
  }
  if (data.untimed) notes.push(`${fmt(data.untimed)} without a time not shown`);
  $('chart-time-note').textContent = notes.join(' · ');
  $('chart-time-note').title = notes.join(' · ');
  const legend = $('chart-legend');
  legend.replaceChildren();
  const { byCategory } = summary;
  for (const category of data.categories) {
    legend.append(el('li', { 'data-category': category },
      el('span', { class: `swatch series-${category.replace(/[^a-z_]/g, '')}`, 'aria-hidden': 'true' }),
      `${category} `, el('span', { class: 'legend-count', text: fmt(byCategory.get(category) || 0) })));
  }

  const tops = () => drawTops(rows, widths);
  if (split) return tops;
  tops();
  return () => {};
}

function drawTops(rows, widths) {
  for (const chart of TOP_CHARTS) {
    const target = $(chart.box);
    const counts = topCounts(rows, chart.key, TOP_N);
    const note = $(`${chart.box}-note`);
    const parts = [];
    if (counts.distinct > counts.top.length) parts.push(`${fmt(counts.distinct)} in all; ${fmt(counts.rest)} failure${counts.rest === 1 ? '' : 's'} in the others`);
    if (counts.without) parts.push(`${fmt(counts.without)} without a ${chart.noun}`);
    note.textContent = parts.join(' · ');
    note.title = parts.join(' · ');
    if (!counts.top.length) {
      target.replaceChildren(el('p', { class: 'muted chart-empty', text: `No failure has a ${chart.noun}.` }));
      continue;
    }
    target.replaceChildren(barChart(counts, {
      width: widths.get(chart.kind),
      title: chart.title,
      kind: chart.kind,
      noun: chart.noun,
      selected: filter && filter.kind === chart.kind ? filter.value : null,
      onSelect: (key) => setFilter(key === null ? null : { kind: chart.kind, value: key }, 'chart'),
    }));
  }
}

// ---------------------------------------------------------------------------------------------
// The table, a page at a time: 10,000 rows never become 10,000 DOM rows.

function matches(row, f) {
  const v = row.verdict;
  if (!v) return false;
  switch (f.kind) {
    case 'cell': return v.category === f.category && v.action === f.action;
    case 'rule': return v.rule === f.value;
    case 'code': return v.code === f.value;
    case 'endpoint': return row.endpoint === f.value;
    case 'time': return typeof row.at === 'number' && row.at >= f.from && row.at < f.to;
    default: return true;
  }
}

function filterText(f) {
  switch (f.kind) {
    case 'cell': return `${f.category} → ${f.action}`;
    case 'time': return spanText(f.from, f.to, f.to - f.from);
    default: return `${f.kind} ${f.value}`;
  }
}

function setFilter(next, from) {
  filter = next;
  render();
  const pressed = from === 'summary' ? document.querySelector('#summary button[aria-pressed="true"]') : null;
  (pressed || $('table-title')).focus?.({ preventScroll: from === 'chart' });
  if (from === 'chart' && next) $('table-title').scrollIntoView({ block: 'start', behavior: 'instant' });
}

const pageCount = () => Math.max(1, Math.ceil(shownRows.length / pageSize));

function goTo(p, scroll = false) {
  page = Math.min(Math.max(0, p), pageCount() - 1);
  renderTable();
  if (scroll) $('table-title').scrollIntoView({ block: 'start', behavior: 'instant' });
}

function renderPager(nav, scroll) {
  nav.replaceChildren();
  const pages = pageCount();
  nav.hidden = pages <= 1;
  if (pages <= 1) return;
  const first = page * pageSize + 1;
  const last = Math.min(shownRows.length, (page + 1) * pageSize);
  const button = (label, text, target, disabled) => el('button', {
    type: 'button', class: 'button secondary small', 'aria-label': label, text, disabled,
    'data-page': target, onclick: () => goTo(target, scroll),
  });
  nav.append(
    button('First page', '« First', 0, page === 0),
    button('Previous page', '‹ Previous', page - 1, page === 0),
    el('span', { class: 'page-state', text: `Rows ${fmt(first)}–${fmt(last)} of ${fmt(shownRows.length)} · page ${fmt(page + 1)} of ${fmt(pages)}` }),
    button('Next page', 'Next ›', page + 1, page >= pages - 1),
    button('Last page', 'Last »', pages - 1, page >= pages - 1),
  );
}

function renderTable() {
  const tbody = $('verdicts').querySelector('tbody');
  tbody.replaceChildren();
  const start = page * pageSize;
  for (const row of shownRows.slice(start, start + pageSize)) {
    const detailId = `detail-${row.n}`;
    tbody.append(row.verdict ? verdictRow(row, detailId) : errorRow(row, detailId));
    tbody.append(detailRow(detailId));
  }
  if (!current.rows.length) {
    tbody.append(el('tr', {}, el('td', { colspan: 10, class: 'muted', text: 'No failed requests in this input.' })));
  }
  $('filter-state').textContent = filter
    ? `Showing ${fmt(shownRows.length)} of ${fmt(current.rows.length)}: ${filterText(filter)}`
    : `${fmt(current.rows.length)} row${current.rows.length === 1 ? '' : 's'}`;
  $('show-all').hidden = !filter;
  renderPager($('pager-top'), false);
  renderPager($('pager-bottom'), true);
}

/** Bumped by each render: a part drawn later is not drawn over a newer render. */
let renderCount = 0;

/** Runs `fn` in a task of its own once the page has painted what came before. */
const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));

/**
 * Shows `current`: the summary, the charts and the table's page. At once for a filter or a
 * page; for new rows (`then` given), in three tasks — summary and time chart, the top charts,
 * the table — each painted before the next, so no single task on the main thread does all of
 * it. `then` runs once the table is there (the results line is written last: what waits for
 * the rows can wait for it).
 */
function render({ keepPage = false, lastPage = false, then } = {}) {
  const section = $('results');
  renderCount += 1;
  if (!current) {
    section.hidden = true;
    if (then) then();
    return;
  }
  section.hidden = false;
  const summary = summarize(current.rows);
  shownRows = filter ? current.rows.filter((row) => matches(row, filter)) : current.rows;
  if (lastPage) page = pageCount() - 1;
  else if (!keepPage) page = 0;
  page = Math.min(page, pageCount() - 1);
  const table = () => {
    renderTable();
    const parts = [`${fmt(summary.classified)} failure${summary.classified === 1 ? '' : 's'} classified`];
    if (summary.invalid) parts.push(`${fmt(summary.invalid)} invalid input${summary.invalid === 1 ? '' : 's'}`);
    $('results-meta').textContent = `${parts.join(' · ')} — ${current.label}`;
  };
  if (!then) {
    renderSummary(summary);
    renderCharts(summary);
    table();
    return;
  }
  const mine = renderCount;
  const live = () => mine === renderCount;
  renderSummary(summary);
  const draw = renderCharts(summary, { split: true });
  $('verdicts').querySelector('tbody').replaceChildren(); // not the old rows under the new charts
  afterPaint(() => {
    if (live()) draw();
    afterPaint(() => {
      if (live()) table();
      then();
    });
  });
}

// ---------------------------------------------------------------------------------------------

function main() {
  wireDrop();
  $('example').addEventListener('click', loadExample);
  $('paste').addEventListener('submit', onPaste);
  $('clear').addEventListener('click', () => {
    current = null;
    filter = null;
    render();
    $('example').focus();
  });
  $('show-all').addEventListener('click', () => setFilter(null));
  $('cancel').addEventListener('click', cancelJob);
  $('page-size').addEventListener('change', (e) => {
    const first = page * pageSize;
    pageSize = Number(e.target.value) || 100;
    if (current) goTo(Math.floor(first / pageSize));
  });
  $('rules-reset').addEventListener('click', () => {
    worker.postMessage({ type: 'rules-reset' });
    $('rules-file').focus();
  });
  $('table-title').tabIndex = -1;
  // Charts are drawn at the width they have: again when it changes.
  new ResizeObserver(() => {
    const box = $('charts');
    if (current && !box.hidden && Math.abs(box.clientWidth - chartsWidth) > 8) renderCharts();
  }).observe($('charts'));
  startWorker();
}

main();
