// The dashboard page: reads inputs (paste form, dropped or picked files, the shipped example),
// has the wasm core classify each one, and renders the verdicts and a summary.
//
// All classification is the core's (`classifyJson`). This file converts nothing itself (see
// convert.js) and decides nothing: it shows what the core returned. Every string that came from
// a file, a paste or the core is inserted with textContent, never as HTML.

import { fileToItems, hostOf, isRulesDocument, pasteToForm, useCore } from './convert.js';
import { summarize } from './summary.js';

const $ = (id) => document.getElementById(id);

/** The wasm module once loaded. */
let core = null;
/** What classifies: the module (the built-in rules), or a `Classifier` over a rules document. */
let engine = null;
/** Rule id → rule description from the classifier's `rules()`, for tooltips (optional). */
let ruleIndex = new Map();
/** The ids of the built-in rules, to tell a user rule's verdict apart. */
let builtinIds = new Set();
/** The rules document in use: { name, classifier } or null (the built-in rules). */
let loadedRules = null;

/** What the table shows: { label, fromPaste, rows: [{ n, source, method, url, input, verdict?, error? }] } */
let current = null;
/** { category, action } or null: the summary cell the table is narrowed to. */
let filter = null;

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
// Loading the core.

async function loadEngine() {
  const status = $('engine');
  try {
    const mod = await import('errtriage-wasm');
    const init = mod.init || mod.default;
    if (typeof init === 'function') await init();
    if (typeof mod.classifyJson !== 'function') throw new TypeError('the wasm module has no classifyJson export');
    core = mod;
    engine = mod;
    useCore(mod);
    indexRules(mod);
    builtinIds = new Set(ruleIndex.keys());
    if (typeof mod.Classifier !== 'function') {
      for (const control of document.querySelectorAll('#rules-file, label[for="rules-file"]')) control.disabled = true;
      rulesNote('Rules files need a newer build of the wasm package (no Classifier export).', 'bad');
    }
    const v = typeof mod.version === 'function' ? mod.version() : mod.version;
    const version = typeof v === 'string' && v ? ` ${v}` : '';
    status.textContent = `Classifier ready: errtriage${version} (WebAssembly)${ruleIndex.size ? `, ${ruleIndex.size} rules` : ''}.`;
    status.className = 'engine ok';
    document.body.dataset.ready = 'true';
  } catch (e) {
    status.textContent = `The classifier could not be loaded (${e.message}). Build it with “cd bindings-wasm && npm install && npm run build”, then serve the repository root and reload.`;
    status.className = 'engine bad';
    document.body.dataset.ready = 'error';
    for (const control of document.querySelectorAll('main button, main input, main textarea')) control.disabled = true;
  }
}

/** Rule id → rule, from a classifier's (or the module's) `rules()`. */
function indexRules(source) {
  try {
    let rules = typeof source.rules === 'function' ? source.rules() : [];
    if (typeof rules === 'string') rules = JSON.parse(rules);
    ruleIndex = new Map((Array.isArray(rules) ? rules : []).filter((r) => r && r.id).map((r) => [r.id, r]));
  } catch {
    ruleIndex = new Map(); // tooltips are a nicety; the table works without them
  }
}

// ---------------------------------------------------------------------------------------------
// A rules document: the core reads and checks it (`new Classifier`); the page only shows the
// outcome and classifies with it.

function rulesNote(text, kind) {
  const note = $('rules-state');
  note.textContent = text;
  note.className = `rules-state${kind ? ` ${kind}` : ''}`;
}

/** The rules in use, in words. */
function rulesInUse() {
  return loadedRules ? `the rules of ${loadedRules.name}` : 'the built-in rules';
}

function loadRules(name, text) {
  let classifier;
  try {
    classifier = new core.Classifier(text);
  } catch (e) {
    const kind = e && e.name && e.name !== 'Error' ? `${e.name}: ` : '';
    rulesNote(`${name}: not loaded — ${kind}${e && e.message ? e.message : String(e)}. Verdicts still use ${rulesInUse()}.`, 'bad');
    return false;
  }
  const rules = classifier.rules();
  const own = rules.filter((r) => !builtinIds.has(r.id)).length;
  const off = builtinIds.size - (rules.length - own);
  loadedRules = { name, classifier };
  engine = classifier;
  indexRules(classifier);
  const parts = [`${own} rule${own === 1 ? '' : 's'} of your own`];
  if (off > 0) parts.push(`${off} built-in rule${off === 1 ? '' : 's'} switched off`);
  rulesNote(`Rules: ${name} — ${parts.join(', ')}; they decide before the built-in rules.`, 'user');
  $('rules-reset').hidden = false;
  reclassify();
  return true;
}

function useBuiltinRules() {
  loadedRules = null;
  engine = core;
  indexRules(core);
  rulesNote('Rules: the built-in rules.', '');
  $('rules-reset').hidden = true;
  reclassify();
}

/** Classifies the rows on show again, with the rules now in use. */
function reclassify() {
  if (!current) return;
  current = {
    ...current,
    rows: current.rows.map((row) => {
      if (row.input === undefined) return row; // a file that could not be read: nothing to classify
      const { verdict, error, ...item } = row;
      return classify(item);
    }),
  };
  render();
}

async function readRulesFile(file) {
  let text;
  try {
    text = await file.text();
  } catch (e) {
    rulesNote(`${file.name}: cannot read it (${e.message}). Verdicts still use ${rulesInUse()}.`, 'bad');
    return;
  }
  loadRules(file.name, text);
}

/** Runs one item through the core: adds `verdict`, or `error` with the core's message. */
function classify(item) {
  if (item.error) return item;
  try {
    return { ...item, verdict: JSON.parse(engine.classifyJson(item.input)) };
  } catch (e) {
    const kind = e && e.name && e.name !== 'Error' ? `${e.name}: ` : '';
    return { ...item, error: `${kind}${e && e.message ? e.message : String(e)}` };
  }
}

// ---------------------------------------------------------------------------------------------
// Inputs.

function show(label, items, { fromPaste = false, append = false } = {}) {
  const rows = append && current ? current.rows.slice() : [];
  for (const item of items) rows.push({ n: rows.length + 1, ...classify(item) });
  current = { label, fromPaste, rows };
  filter = null;
  render();
}

async function readFiles(files) {
  const list = [...files];
  if (!list.length) return;
  const items = [];
  const notes = [];
  for (const file of list) {
    let text;
    try {
      text = await file.text();
    } catch (e) {
      items.push({ source: file.name, error: `cannot read ${file.name}: ${e.message}` });
      continue;
    }
    if (isRulesDocument(text)) {
      loadRules(file.name, text);
      continue;
    }
    try {
      const read = fileToItems(file.name, text);
      const prefix = list.length > 1 ? `${file.name}, ` : '';
      for (const item of read.items) items.push({ ...item, source: prefix + item.source });
      if (read.format === 'har') notes.push(`${file.name}: ${read.total} entries, ${read.skipped} successful skipped`);
      else notes.push(`${file.name}: ${read.items.length} ${read.format === 'json' ? 'items' : 'lines'}`);
    } catch (e) {
      items.push({ source: file.name, error: e.message });
      notes.push(`${file.name}: unreadable`);
    }
  }
  if (items.length || notes.length) show(notes.join('; '), items);
}

async function loadExample() {
  const button = $('example');
  button.disabled = true;
  try {
    const response = await fetch('examples/failures.har');
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const file = new File([await response.blob()], 'failures.har', { type: 'application/json' });
    await readFiles([file]);
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
  const item = {
    source: 'pasted',
    method: jsonForm.request && jsonForm.request.method,
    url: jsonForm.request && jsonForm.request.endpoint,
    input: JSON.stringify(jsonForm),
  };
  const append = Boolean(current && current.fromPaste);
  const count = (append ? current.rows.length : 0) + 1;
  show(`${count} pasted response${count === 1 ? '' : 's'}`, [item], { fromPaste: true, append });
  const last = $('verdicts').querySelector('tbody tr.row:last-of-type');
  if (last) last.scrollIntoView({ block: 'nearest' });
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
    if (engine) readFiles(e.dataTransfer.files);
  });
  $('rules-file').addEventListener('change', (e) => {
    const [file] = e.target.files;
    if (!file || !core) return;
    readRulesFile(file).finally(() => {
      e.target.value = '';
    });
  });
  $('file').addEventListener('change', (e) => {
    readFiles(e.target.files).finally(() => {
      e.target.value = ''; // picking the same file again re-reads it
    });
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
        const pressed = Boolean(filter && filter.category === category && filter.action === action);
        td.append(el('button', {
          type: 'button', class: 'count', 'aria-pressed': String(pressed),
          'aria-label': `${count} ${category} with action ${action}: show only these`,
          text: String(count),
          onclick: () => setFilter(pressed ? null : { category, action }),
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

function setFilter(next) {
  filter = next;
  render();
  const pressed = document.querySelector('#summary button[aria-pressed="true"]');
  (pressed || $('table-title')).focus?.();
}

function render() {
  const section = $('results');
  if (!current) {
    section.hidden = true;
    return;
  }
  section.hidden = false;
  const summary = summarize(current.rows);
  const parts = [`${summary.classified} failure${summary.classified === 1 ? '' : 's'} classified`];
  if (summary.invalid) parts.push(`${summary.invalid} invalid input${summary.invalid === 1 ? '' : 's'}`);
  $('results-meta').textContent = `${parts.join(' · ')} — ${current.label}`;
  renderSummary(summary);

  const tbody = $('verdicts').querySelector('tbody');
  tbody.replaceChildren();
  let shown = 0;
  for (const row of current.rows) {
    if (filter && !(row.verdict && row.verdict.category === filter.category && row.verdict.action === filter.action)) continue;
    const detailId = `detail-${row.n}`;
    tbody.append(row.verdict ? verdictRow(row, detailId) : errorRow(row, detailId));
    tbody.append(detailRow(detailId));
    shown += 1;
  }
  if (!current.rows.length) {
    tbody.append(el('tr', {}, el('td', { colspan: 10, class: 'muted', text: 'No failed requests in this input.' })));
  }
  $('filter-state').textContent = filter
    ? `Showing ${shown} of ${current.rows.length}: ${filter.category} → ${filter.action}`
    : `${current.rows.length} row${current.rows.length === 1 ? '' : 's'}`;
  $('show-all').hidden = !filter;
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
  $('rules-reset').addEventListener('click', () => {
    useBuiltinRules();
    $('rules-file').focus();
  });
  $('table-title').tabIndex = -1;
  loadEngine();
}

main();
