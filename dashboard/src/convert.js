// Input translation for the dashboard: HAR entries, NDJSON lines and the paste form become
// errtriage's JSON form (DESIGN.md §1 "The JSON form"), one JSON text per failure, ready for the
// wasm core's `classifyJson`.
//
// This module only *translates*. It decides nothing about a failure: no category, action,
// retry advice or code lookup lives here — that is all the core's. The few choices it makes are
// about reading the inputs faithfully:
//   - which HAR entries are failures (status >= 400, or no response at all), because a HAR holds
//     every request the page made, successes included;
//   - a HAR records a failed-without-response request only as a name like
//     "net::ERR_NAME_NOT_RESOLVED": the core's client-error table (`useCore`) says which
//     transport kind it is; the name itself is passed on verbatim as `detail`.
//
// Pure functions, no DOM, no I/O: the same file runs in the browser and under node:test.

/** Transport kinds of the JSON form, for documentation and tests. */
export const TRANSPORT_KINDS = ['dns', 'connect', 'tls', 'timeout', 'reset', 'other'];

/**
 * The core's client-error table (the wasm package's `transportFailure`), set by `useCore` once
 * the core is loaded: which transport `kind` a Chrome net error name stands for, and whether
 * the request was sent, is the core's answer (errtriage::transport_failure), never this file's.
 */
let readTransport = null;

/** Hands the loaded core (the `errtriage-wasm` module) to this module. */
export function useCore(core) {
  if (!core || typeof core.transportFailure !== 'function') throw new TypeError('useCore: expected the errtriage-wasm module');
  readTransport = core.transportFailure;
}

/**
 * Maps a HAR `_error` value (e.g. "net::ERR_NAME_NOT_RESOLVED") to the JSON form's `transport`:
 * the kind and sent-state the core's table gives the name (`other`, unknown, for a name it does
 * not know: the entry has no response, so it is a transport failure of some kind). The text is
 * kept verbatim as `detail`, so the core (and the person reading) sees exactly what the browser
 * reported.
 * @param {string|undefined|null} error
 * @returns {{kind: string, sent: boolean|null, detail: string}}
 */
export function netErrorToTransport(error) {
  if (readTransport === null) throw new Error('convert.js: call useCore(core) first');
  const detail = typeof error === 'string' && error.trim() !== '' ? error.trim() : 'no response (status 0)';
  // Chrome writes the names in upper case; a hand-edited HAR may not.
  const name = detail.replace(/^net::/i, '').toUpperCase();
  const known = readTransport([name]);
  return { kind: known ? known.kind : 'other', sent: known ? known.sent : null, detail };
}

/** A HAR entry is a failure when its status is 400 or more, or when no response came back. */
export function isFailedEntry(entry) {
  const response = entry && entry.response;
  if (!response) return true;
  if (response._error) return true;
  const status = Number(response.status);
  return !(status > 0) || status >= 400;
}

/** The path and query of a URL (what the core's request context calls the endpoint). */
export function endpointOf(url) {
  if (typeof url !== 'string' || url === '') return undefined;
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url; // not absolute: already a path, or something odd — keep it as given
  }
}

/** The host of a URL, for display; '' when the URL has none. */
export function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

/** The first value of a header in a HAR name/value list, case-insensitively. */
function harHeader(headers, name) {
  if (!Array.isArray(headers)) return undefined;
  const lower = name.toLowerCase();
  const found = headers.find((h) => h && typeof h.name === 'string' && h.name.toLowerCase() === lower);
  return found && typeof found.value === 'string' ? found.value : undefined;
}

/**
 * The auth scheme the request used, when its headers show it. Absent otherwise: Chrome's
 * default ("sanitized") HAR export strips Authorization headers, so no header is no evidence
 * of no auth.
 */
function authScheme(headers) {
  const authorization = harHeader(headers, 'authorization');
  if (authorization) {
    const scheme = authorization.trim().split(/\s+/)[0].toLowerCase();
    if (scheme === 'bearer') return 'bearer';
    if (scheme === 'basic') return 'basic';
  }
  if (harHeader(headers, 'x-api-key') !== undefined) return 'api_key';
  return undefined;
}

/** Unix seconds of an ISO 8601 date, or undefined. */
function unixSeconds(iso) {
  if (typeof iso !== 'string') return undefined;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

/** Drops members whose value is undefined, so the JSON form carries only what is known. */
function compact(object) {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

/**
 * One HAR entry → the JSON form (as an object). Assumes `isFailedEntry(entry)`.
 * @returns {object}
 */
export function harEntryToForm(entry) {
  const request = (entry && entry.request) || {};
  const response = (entry && entry.response) || {};
  const status = Number(response.status);
  const form = {};
  if (status > 0 && !response._error) {
    form.status = status;
    // HTTP/2 pseudo-headers (":status") are not header fields; some exporters include them.
    form.headers = (Array.isArray(response.headers) ? response.headers : [])
      .filter((h) => h && typeof h.name === 'string' && !h.name.startsWith(':'))
      .map((h) => [h.name, typeof h.value === 'string' ? h.value : String(h.value ?? '')]);
    const content = response.content || {};
    if (typeof content.text === 'string' && content.text !== '') {
      if (content.encoding === 'base64') form.body_base64 = content.text.replace(/\s+/g, '');
      else form.body = content.text;
    }
  } else {
    form.transport = netErrorToTransport(response._error);
  }
  form.request = compact({
    method: typeof request.method === 'string' ? request.method.toUpperCase() : undefined,
    endpoint: endpointOf(request.url),
    idempotency_key: harHeader(request.headers, 'idempotency-key'),
    auth: authScheme(request.headers),
  });
  const now = unixSeconds(entry && entry.startedDateTime);
  if (now !== undefined) form.now = now;
  return form;
}

/**
 * An item the dashboard shows as one row: where it came from, what to display for the request,
 * and either `input` (the JSON form text for `classifyJson`) or `error` (why it could not be
 * read). Verdicts are added by the caller.
 * @typedef {{source: string, method?: string, url?: string, input?: string, error?: string}} Item
 */

/**
 * A HAR document (text or parsed) → one item per failed entry, in the file's order.
 * @returns {{items: Item[], total: number, skipped: number}}
 */
export function harToItems(har) {
  const doc = typeof har === 'string' ? JSON.parse(har) : har;
  const entries = doc && doc.log && doc.log.entries;
  if (!Array.isArray(entries)) throw new TypeError('not a HAR file: log.entries is missing');
  const items = [];
  entries.forEach((entry, i) => {
    if (!isFailedEntry(entry)) return;
    const request = (entry && entry.request) || {};
    const item = { source: `entry ${i + 1}`, method: request.method, url: request.url };
    try {
      item.input = JSON.stringify(harEntryToForm(entry));
    } catch (e) {
      item.error = `cannot read this entry: ${e.message}`;
    }
    items.push(item);
  });
  return { items, total: entries.length, skipped: entries.length - items.length };
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
