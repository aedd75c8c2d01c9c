// The dashboard's worker: loads the wasm core off the page's main thread, reads dropped files
// (convert.js's translation), classifies their inputs in chunks and posts progress and the rows
// back, so a 10,000-entry HAR never freezes the page.
//
// Like the page, it decides nothing: every verdict is the core's (`classifyJson` of the module
// or of a `Classifier` over a rules document), every input the JSON form convert.js produced.
// Besides a verdict, each row carries two facts read from its own JSON form for the charts: `at`
// (the form's `now`, a HAR entry's startedDateTime, in unix seconds) and `endpoint` (the form's
// `request.endpoint`).
//
// Messages in (from app.js): {type:'init', wasmUrl}; {type:'rules', name, file|text};
// {type:'rules-reset'}; {type:'files', job, files}; {type:'classify', job, items};
// {type:'cancel', job}. Messages out: {type:'ready', version, rules} | {type:'failed', message};
// {type:'rules', job?, name, ok, rules?, error?}; {type:'progress', job, phase, done, total,
// name?}; {type:'rows', job, rows}; {type:'done', job, label?, logs}; {type:'cancelled', job}.
// Jobs are numbered by the page; a newer `files` or `classify` job supersedes an older one, which
// stops at its next chunk. Everything else is handled in arrival order, one message at a time.

import { fmt } from './charts.js';
import { fileToItems, isRulesDocument, useCore } from './convert.js';

/** Rows classified before the worker posts them and looks at its messages again. */
const CHUNK_ROWS = 250;
/** …or sooner, after this much work (ms), so progress moves and a cancel is seen quickly. */
const CHUNK_MS = 40;

let core = null;
/** What classifies: the module (the built-in rules) or a `Classifier` over a rules document. */
let engine = null;
/** The newest data job (`files`/`classify`): any older one is stale. */
let latestJob = 0;
const cancelled = new Set();

const queue = [];
let draining = false;

self.addEventListener('message', (event) => {
  const msg = event.data;
  if (!msg || typeof msg !== 'object') return;
  // Seen at once, not in queue order: a running job looks at these between chunks.
  if (msg.type === 'cancel') {
    cancelled.add(msg.job);
    return;
  }
  if ((msg.type === 'files' || msg.type === 'classify') && msg.job > latestJob) latestJob = msg.job;
  queue.push(msg);
  if (!draining) drain();
});

async function drain() {
  draining = true;
  while (queue.length) {
    const msg = queue.shift();
    try {
      await handle(msg);
    } catch (e) {
      // A bug here must not wedge the queue: the page shows it and keeps working.
      if (typeof msg.job === 'number') self.postMessage({ type: 'done', job: msg.job, failed: describe(e), logs: 0 });
      else self.postMessage({ type: 'failed', message: describe(e) });
    }
  }
  draining = false;
}

function describe(e) {
  const kind = e && e.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${kind}${e && e.message ? e.message : String(e)}`;
}

const stale = (job) => job !== latestJob || cancelled.has(job);

/** Lets queued messages (a cancel, a newer job) in between chunks. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

async function handle(msg) {
  switch (msg.type) {
    case 'init':
      return init(msg.wasmUrl);
    case 'rules': {
      const text = typeof msg.text === 'string' ? msg.text : await readText(msg.file);
      if (text === null) {
        self.postMessage({ type: 'rules', name: msg.name, ok: false, unreadable: true, error: 'the browser could not read the file' });
        return undefined;
      }
      return loadRules(msg.name, text);
    }
    case 'rules-reset':
      engine = core;
      self.postMessage({ type: 'rules', name: null, ok: true, rules: ruleList(core) });
      return undefined;
    case 'files':
      return readFiles(msg.job, msg.files);
    case 'classify':
      if (await classifyAll(msg.job, msg.items)) self.postMessage({ type: 'done', job: msg.job, logs: 1 });
      return undefined;
    default:
      return undefined;
  }
}

async function init(wasmUrl) {
  try {
    const mod = await import(wasmUrl);
    const start = mod.init || mod.default;
    if (typeof start === 'function') await start();
    if (typeof mod.classifyJson !== 'function') throw new TypeError('the wasm module has no classifyJson export');
    core = mod;
    engine = mod;
    useCore(mod);
    const v = typeof mod.version === 'function' ? mod.version() : mod.version;
    self.postMessage({
      type: 'ready',
      version: typeof v === 'string' ? v : '',
      rules: ruleList(mod),
      classifier: typeof mod.Classifier === 'function',
    });
  } catch (e) {
    self.postMessage({ type: 'failed', message: e && e.message ? e.message : String(e) });
  }
}

/** A classifier's (or the module's) rules as plain objects the page can receive. */
function ruleList(source) {
  try {
    let rules = typeof source.rules === 'function' ? source.rules() : [];
    if (typeof rules === 'string') rules = JSON.parse(rules);
    return (Array.isArray(rules) ? rules : [])
      .filter((r) => r && typeof r.id === 'string')
      .map((r) => ({ id: r.id, category: r.category ?? null, action: r.action ?? null, source: r.source ?? null }));
  } catch {
    return []; // tooltips are a nicety; the page works without them
  }
}

async function readText(file) {
  try {
    return await file.text();
  } catch {
    return null;
  }
}

/** A rules document → the classifier in use, or the core's refusal (the rules in use kept). */
function loadRules(name, text, job) {
  let classifier;
  try {
    classifier = new core.Classifier(text);
  } catch (e) {
    self.postMessage({ type: 'rules', job, name, ok: false, error: describe(e) });
    return false;
  }
  engine = classifier;
  self.postMessage({ type: 'rules', job, name, ok: true, rules: ruleList(classifier) });
  return true;
}

async function readFiles(job, files) {
  const list = [...files];
  const texts = [];
  for (const [i, file] of list.entries()) {
    self.postMessage({ type: 'progress', job, phase: 'reading', done: i, total: list.length, name: file.name });
    texts.push({ file, text: await readText(file) });
    if (stale(job)) return cancelledJob(job);
  }
  // Rules documents first, whatever their place in the drop: the logs beside them use them.
  const logs = [];
  for (const { file, text } of texts) {
    if (text !== null && isRulesDocument(text)) loadRules(file.name, text, job);
    else logs.push({ file, text });
  }
  const items = [];
  const notes = [];
  for (const [i, { file, text }] of logs.entries()) {
    if (text === null) {
      items.push({ source: file.name, error: `cannot read ${file.name}` });
      continue;
    }
    self.postMessage({ type: 'progress', job, phase: 'converting', done: i, total: logs.length, name: file.name });
    await breathe();
    if (stale(job)) return cancelledJob(job);
    try {
      const read = fileToItems(file.name, text);
      const prefix = list.length > 1 ? `${file.name}, ` : '';
      for (const item of read.items) items.push({ ...item, source: prefix + item.source });
      if (read.format === 'har') notes.push(`${file.name}: ${fmt(read.total)} entries, ${fmt(read.skipped)} successful skipped`);
      else notes.push(`${file.name}: ${fmt(read.items.length)} ${read.format === 'json' ? 'items' : 'lines'}`);
    } catch (e) {
      items.push({ source: file.name, error: e.message });
      notes.push(`${file.name}: unreadable`);
    }
  }
  if (!(await classifyAll(job, items))) return undefined;
  self.postMessage({ type: 'done', job, label: notes.join('; '), logs: logs.length });
  return undefined;
}

function cancelledJob(job) {
  self.postMessage({ type: 'cancelled', job });
  return undefined;
}

/** Classifies `items` in chunks, posting each chunk's rows; false when superseded or cancelled. */
async function classifyAll(job, items) {
  const total = items.length;
  let done = 0;
  self.postMessage({ type: 'progress', job, phase: 'classifying', done, total });
  while (done < total) {
    if (stale(job)) {
      cancelledJob(job);
      return false;
    }
    const rows = [];
    const started = performance.now();
    while (done < total && rows.length < CHUNK_ROWS && performance.now() - started < CHUNK_MS) {
      rows.push(classify(items[done]));
      done += 1;
    }
    self.postMessage({ type: 'rows', job, rows });
    self.postMessage({ type: 'progress', job, phase: 'classifying', done, total });
    await breathe();
  }
  if (stale(job)) {
    cancelledJob(job);
    return false;
  }
  return true;
}

/** One item → a row: the core's verdict (or its error) and the facts the charts read. */
function classify(item) {
  const { verdict: _v, error: _e, at: _a, endpoint: _p, ...base } = item;
  const row = { ...base, ...formFacts(item.input) };
  // Nothing to classify: a file that could not be read, an entry convert.js could not translate.
  if (typeof item.input !== 'string') return { ...row, error: item.error || 'no input' };
  try {
    row.verdict = JSON.parse(engine.classifyJson(item.input));
  } catch (e) {
    row.error = describe(e);
  }
  return row;
}

/** `at` and `endpoint` from a JSON-form text; {} when it has none (or is not JSON). */
function formFacts(input) {
  if (typeof input !== 'string') return {};
  let form;
  try {
    form = JSON.parse(input);
  } catch {
    return {};
  }
  const facts = {};
  if (form && typeof form === 'object') {
    if (Number.isFinite(form.now)) facts.at = form.now;
    const request = form.request;
    if (request && typeof request === 'object' && typeof request.endpoint === 'string' && request.endpoint !== '') facts.endpoint = request.endpoint;
  }
  return facts;
}
