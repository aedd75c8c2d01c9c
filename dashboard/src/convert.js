// Input translation for the dashboard: HAR entries, NDJSON lines and the paste form become
// errtriage's JSON form (DESIGN.md §1 "The JSON form"), one JSON text per failure, ready for the
// wasm core's `classifyJson`.
//
// This module decides nothing about a failure, and since issue 14 it does not read HAR files
// itself either: a HAR is read by the core's input reader (`readInputs`, errtriage::readers),
// the one the CLI and every binding use, which picks the failed entries (status >= 400, or no
// response at all), reads each into the JSON form (a Chrome net error name through the core's
// client-error table) and reports a bad entry by itself. The functions below that took a HAR
// entry apart keep their names and signatures and ask the core.
//
// Pure functions, no DOM, no I/O: the same file runs in the browser and under node:test.

/** Transport kinds of the JSON form, for documentation and tests. */
export const TRANSPORT_KINDS = ['dns', 'connect', 'tls', 'timeout', 'reset', 'other'];

/** The loaded core (the `errtriage-wasm` module), set by `useCore`. */
let core = null;

/** Hands the loaded core (the `errtriage-wasm` module) to this module. */
export function useCore(module) {
  if (!module || typeof module.readInputs !== 'function') throw new TypeError('useCore: expected the errtriage-wasm module');
  core = module;
}

function loaded() {
  if (core === null) throw new Error('convert.js: call useCore(core) first');
  return core;
}

/** One HAR entry read by the core: its item, or null when it is not a failure. */
function readEntry(entry) {
  const { items } = loaded().readInputs(JSON.stringify({ log: { entries: [entry ?? null] } }), { format: 'har' });
  return items.length ? items[0] : null;
}

/**
 * Maps a HAR `_error` value (e.g. "net::ERR_NAME_NOT_RESOLVED") to the JSON form's `transport`,
 * as the core's HAR reader does: the kind and sent-state of the core's client-error table
 * (`other`, unknown, for a name it does not know), the text verbatim as `detail`.
 * @param {string|undefined|null} error
 * @returns {{kind: string, sent: boolean|null, detail: string}}
 */
export function netErrorToTransport(error) {
  const item = readEntry({ response: { status: 0, _error: typeof error === 'string' ? error : null } });
  return JSON.parse(item.input).transport;
}

/** A HAR entry is a failure when its status is 400 or more, or when no response came back (the core's reading). */
export function isFailedEntry(entry) {
  return readEntry(entry) !== null;
}

/** The path and query of a URL (what the core's request context calls the endpoint), as the core's HAR reader takes it. */
export function endpointOf(url) {
  if (typeof url !== 'string' || url === '') return undefined;
  const item = readEntry({ request: { url }, response: { status: 0 } });
  return JSON.parse(item.input).request?.endpoint;
}

/** The host of a URL, for display; '' when the URL has none. */
export function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** Drops members whose value is undefined, so the JSON form carries only what is known. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/**
 * One HAR entry → the JSON form (as an object), read by the core. Assumes `isFailedEntry(entry)`;
 * throws when the core cannot read the entry (a TypeError with its message) or it is not a failure.
 * @returns {object}
 */
export function harEntryToForm(entry) {
  const item = readEntry(entry);
  if (item === null) throw new TypeError('not a failed HAR entry (status below 400)');
  if (item.error !== undefined) throw new TypeError(item.error);
  return JSON.parse(item.input);
}

/**
 * An item the dashboard shows as one row: where it came from, what to display for the request,
 * and either `input` (the JSON form text for `classifyJson`) or `error` (why it could not be
 * read). Verdicts are added by the caller.
 * @typedef {{source: string, method?: string, url?: string, input?: string, error?: string}} Item
 */

/**
 * A HAR document (text or parsed) → one item per failed entry, in the file's order, read by the
 * core's HAR reader (a document that is not a HAR throws the core's RangeError).
 * @returns {{items: Item[], total: number, skipped: number}}
 */
export function harToItems(har) {
  const text = typeof har === 'string' ? har : JSON.stringify(har);
  const read = loaded().readInputs(text, { format: 'har' });
  const items = read.items.map((item) => {
    const shown = item.input === undefined ? {} : requestOf(item.input);
    const row = { source: `entry ${item.entry}`, ...shown };
    if (item.url !== undefined) row.url = item.url;
    if (item.input !== undefined) row.input = item.input;
    else row.error = `cannot read this entry: ${item.error}`;
    return row;
  });
  return { items, total: items.length + read.skipped, skipped: read.skipped };
}

/**
 * NDJSON text → one item per non-blank line. Each line goes to the core *as written*, so an
 * invalid line gets the core's own error message; it is parsed here only to show its request.
 * Lines starting with `//` or `#` are comments.
 * @returns {{items: Item[]}}
 */
export function ndjsonToItems(text) {
  const items = [];
  String(text)
    .split(/\r?\n/)
    .forEach((line, i) => {
      const trimmed = line.trim();
      if (trimmed === '' || trimmed.startsWith('//') || trimmed.startsWith('#')) return;
      items.push({ source: `line ${i + 1}`, ...requestOf(trimmed), input: trimmed });
    });
  return { items };
}

/** Method and endpoint of a JSON-form text, for display only; {} when unreadable. */
export function requestOf(jsonText) {
  try {
    const value = JSON.parse(jsonText);
    const request = value && typeof value === 'object' ? value.request : undefined;
    if (request && typeof request === 'object') {
      return compact({
        method: typeof request.method === 'string' ? request.method : undefined,
        url: typeof request.endpoint === 'string' ? request.endpoint : undefined,
      });
    }
  } catch {
    // the core will report it
  }
  return {};
}

/**
 * Whether a file's text is an errtriage rules document (`{"errtriage_rules": …}`), recognised by
 * content like a HAR, so one dropped beside a log is loaded as the page's rules rather than read
 * as inputs. Only the marker member is looked at: checking the document is the core's.
 */
export function isRulesDocument(text) {
  const trimmed = String(text).replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return false;
  try {
    const doc = JSON.parse(trimmed);
    return doc !== null && typeof doc === 'object' && !Array.isArray(doc) && Object.prototype.hasOwnProperty.call(doc, 'errtriage_rules');
  } catch {
    return false;
  }
}

/**
 * Any dropped or picked file → items. A HAR is recognised by its content (`log.entries`), not
 * its name, since browsers save HARs as .har or .json; a JSON array is a list of JSON-form
 * inputs; anything else is read as NDJSON (a single JSON object is a one-line NDJSON).
 * @returns {{format: 'har'|'json'|'ndjson', items: Item[], total?: number, skipped?: number}}
 */
export function fileToItems(name, text) {
  const trimmed = String(text).replace(/^\uFEFF/, '').trim();
  let doc;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      doc = JSON.parse(trimmed);
    } catch {
      doc = undefined; // several lines of JSON: NDJSON
    }
  }
  if (doc && typeof doc === 'object' && !Array.isArray(doc) && doc.log) {
    return { format: 'har', ...harToItems(doc) };
  }
  if (/\.har$/i.test(name || '')) {
    // Named .har but not one: say so rather than guessing.
    throw new TypeError(`${name} is not a HAR file (expected a JSON object with log.entries)`);
  }
  if (Array.isArray(doc)) {
    return {
      format: 'json',
      items: doc.map((value, i) => {
        const input = JSON.stringify(value);
        return { source: `item ${i + 1}`, ...requestOf(input), input };
      }),
    };
  }
  return { format: 'ndjson', ...ndjsonToItems(trimmed) };
}

/**
 * "Name: value" lines → [name, value] pairs, in order, repeats kept. A line without a colon is
 * an error (the paste form shows it) rather than a silently dropped header. A leading status
 * line ("HTTP/1.1 502 Bad Gateway") is skipped, so a raw response head can be pasted as is.
 * @returns {Array<[string, string]>}
 */
export function parseHeaderLines(text) {
  const pairs = [];
  String(text ?? '')
    .split(/\r?\n/)
    .forEach((line, i) => {
      if (line.trim() === '') return;
      if (i === 0 && /^HTTP\/\d(\.\d)?\s+\d{3}/i.test(line.trim())) return;
      const colon = line.indexOf(':', line.startsWith(':') ? 1 : 0);
      if (colon <= 0) throw new SyntaxError(`header line ${i + 1} has no "Name: value": ${line.trim()}`);
      const name = line.slice(0, colon).trim();
      if (name === '' || /\s/.test(name)) throw new SyntaxError(`header line ${i + 1} has an invalid name: ${line.trim()}`);
      pairs.push([name, line.slice(colon + 1).trim()]);
    });
  return pairs;
}

/**
 * The paste form's fields → the JSON form (as an object). The status is required and kept as
 * typed when it is a whole number, so the core's range check (100..=599) speaks for itself.
 * @param {{status: string|number, headers?: string, body?: string, method?: string,
 *          endpoint?: string, idempotencyKey?: string}} fields
 * @param {number} [now] unix seconds the response was received (the page passes its clock)
 */
export function pasteToForm(fields, now) {
  const raw = String(fields.status ?? '').trim();
  if (!/^\d+$/.test(raw)) throw new TypeError('status must be a whole number such as 502');
  const form = { status: Number(raw) };
  const headers = parseHeaderLines(fields.headers);
  if (headers.length) form.headers = headers;
  if (fields.body) form.body = String(fields.body);
  const request = compact({
    method: fields.method && fields.method.trim() ? fields.method.trim().toUpperCase() : undefined,
    endpoint: fields.endpoint && fields.endpoint.trim() ? fields.endpoint.trim() : undefined,
    idempotency_key: fields.idempotencyKey && fields.idempotencyKey.trim() ? fields.idempotencyKey.trim() : undefined,
  });
  if (Object.keys(request).length) form.request = request;
  // An HTTP-date Retry-After is measured against the response's Date header, else against `now`.
  if (Number.isInteger(now)) form.now = now;
  return form;
}
