// The JavaScript face of errtriage, shared word for word by the Node addon package
// (`errtriage`) and the WebAssembly package (`errtriage-wasm`): argument checks and
// normalisation on the way in, decoding of the compact wire (js/wire.rs) on the way out.
//
// Written once here; each package's build copies it in (as ESM, or as CommonJS for the
// addon) and hands it its native half. No rule, table, default or message lives here: the
// vocabularies and the rule table come from the core at load, value checks happen in the
// core, and even the type errors raised here are worded by the core (`Error::wrong_type`).

const TAG_VERDICT = 0;
const TAG_ERROR = 1;
/** The rule number of a user's rule, whose id ends the verdict's wire string (js/wire.rs). */
const USER_RULE = 0x3ffe;
/** Error classes by the wire's error kind: the core's Syntax, Type, Value, then internal. */
const ERROR_CLASSES = [SyntaxError, TypeError, RangeError, Error];
const REQUEST_KEYS = ['method', 'endpoint', 'idempotencyKey', 'tokenFresh', 'auth', 'attempt', 'now'];
const TRANSPORT_KEYS = ['sent', 'detail'];
// The JS names of the core's RetryPolicy and RetryBudget fields, in the structs' order (the
// wire's order). Names only: every default and every check is the core's.
const POLICY_KEYS = ['maxAttempts', 'maxElapsedMs', 'baseDelayMs', 'rateLimitedBaseMs', 'maxDelayMs', 'maxServerDelayMs'];
const BUDGET_KEYS = ['capacity', 'transientCost', 'throttledCost', 'successRefill'];
const WITH_RETRY_KEYS = ['policy', 'budget', 'refresh', 'sleep', 'seed', 'request', 'init', 'attemptTimeoutMs', 'classifier'];
const OPERATION_KEYS = ['policy', 'seed', 'canRefresh', 'request', 'classifier'];
const ATTEMPT_KEYS = ['status', 'headers', 'body', 'transport', 'bodyCut', 'timedOutMs', 'now', 'request', 'callMs', 'payload'];
const SENT_KEYS = ['method', 'idempotencyKey'];
const TRANSPORT_FIELDS = ['kind', 'sent', 'detail'];
const EMPTY = new Uint8Array(0);

/**
 * Builds the public API over a native half (napi addon or wasm-bindgen module) exposing
 * `classifyBytes`, `classifyText`, `classifyTransport`, `classifyJson`, `argumentError`, `meta`,
 * the classes `Classifier`, `Operation`, `Budget`, `Guard` and, for wasm, `takePanic`. `load()` must run once the native half is ready (synchronously for the addon
 * and Node wasm, after `init()` in browsers); calls before it throw.
 */
function createApi(native, packageVersion) {
  // Filled by load(): vocabularies, rule table (ids and hints interned), limits.
  let shapes = null;
  let categories, actions, outcomes, ruleList, ruleById, vocabulary, limits;
  /** The most of a body `classify` hands across: the core's prefix and one byte more. */
  let bodyLimit = 0;
  /**
   * The built-in classifier's decoding table: rule ids and hints by wire number (js/wire.rs);
   * a user's classifier has its own, whose `byId` names its user rules.
   */
  const builtin = { ids: null, hints: null, byId: null };
  let stepKinds, stopReasons, stopMessages;
  const isWasmTrap = (e) => typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError;

  function load() {
    if (shapes !== null) return;
    const meta = JSON.parse(native.meta());
    if (meta.version !== packageVersion) {
      throw new Error(`errtriage: the native module is version ${meta.version}, this package is ${packageVersion}; rebuild the package`);
    }
    const v = meta.vocabulary;
    for (const words of Object.values(v)) Object.freeze(words);
    vocabulary = Object.freeze(v);
    limits = Object.freeze({ ...meta.limits, statusRange: Object.freeze(meta.limits.statusRange) });
    bodyLimit = limits.bodyPrefixBytes + 1;
    ruleList = Object.freeze(meta.rules.map((r) => Object.freeze(r)));
    builtin.ids = ruleList.map((r) => r.id);
    builtin.hints = ruleList.map((r) => r.hint);
    ruleById = new Map(ruleList.map((r) => [r.id, r]));
    builtin.byId = ruleById;
    categories = v.category;
    actions = v.action;
    outcomes = v.outcome;
    stepKinds = v.stepKind;
    stopReasons = v.stopReason;
    stopMessages = Object.freeze(meta.stopMessages);
    shapes = v.shape;
  }

  function ready() {
    if (shapes === null) {
      throw new Error('errtriage: the WebAssembly module is not loaded yet; call `await init()` first');
    }
  }

  /** Throws the error a wire string carries (tag 1): kind, field, message, from the core. */
  function raise(wire) {
    const kind = wire.charCodeAt(1);
    const fieldEnd = 4 + wide(wire, 2) - 1;
    const error = new ERROR_CLASSES[kind](wire.slice(fieldEnd));
    error.field = wire.slice(4, fieldEnd);
    throw error;
  }

  /** Calls the native half; a wasm trap becomes the readable error its panic hook kept. */
  function guard(error) {
    if (isWasmTrap(error) && typeof native.takePanic === 'function') {
      const wire = native.takePanic();
      if (typeof wire === 'string') {
        try {
          raise(wire);
        } catch (readable) {
          readable.cause = error;
          throw readable;
        }
      }
    }
    throw error;
  }

  /** A wrong argument type: a `TypeError` worded by the core (`Error::wrong_type`). */
  function typeError(field, expected, value) {
    raise(native.argumentError(true, field, expected, describe(value)));
  }

  /** A verdict from its wire string; `table` names the rules of the classifier that decided. */
  function decode(wire, table) {
    if (wire.charCodeAt(0) !== TAG_VERDICT) raise(wire);
    // The header is ASCII (js/wire.rs): 7-bit units, two for the status and the rule, four
    // for each wide number.
    const status = (wire.charCodeAt(6) << 7) | wire.charCodeAt(7);
    const rule = (wire.charCodeAt(8) << 7) | wire.charCodeAt(9);
    const retryAfter = ascii4(wire, 10);
    const codeLength = ascii4(wire, 14);
    const messageLength = ascii4(wire, 18);
    const requestIdLength = ascii4(wire, 22);
    const detailsLength = ascii4(wire, 26);
    let at = 30;
    let code = null;
    if (codeLength !== 0) code = wire.slice(at, (at += codeLength - 1));
    let message = null;
    if (messageLength !== 0) message = wire.slice(at, (at += messageLength - 1));
    let requestId = null;
    if (requestIdLength !== 0) requestId = wire.slice(at, (at += requestIdLength - 1));
    let details = null;
    if (detailsLength !== 0) details = JSON.parse(wire.slice(at, (at += detailsLength - 1)));
    let id = table.ids[rule];
    let hint = table.hints[rule];
    if (rule === USER_RULE) {
      id = wire.slice(at);
      hint = table.byId.get(id)?.hint;
    }
    return {
      shape: shapes[wire.charCodeAt(1)],
      category: categories[wire.charCodeAt(2)],
      action: actions[wire.charCodeAt(3)],
      retryable: wire.charCodeAt(5) === 1,
      outcome: outcomes[wire.charCodeAt(4)],
      status: status === 0 ? null : status,
      code,
      message,
      requestId,
      details,
      retryAfterMs: retryAfter === 0 ? null : retryAfter - 1,
      hint,
      rule: id,
    };
  }

  /** A non-string `body` as bytes (an empty body when absent). */
  function bodyBytes(body, field = 'body') {
    if (body instanceof Uint8Array) {
      // A view of a detached buffer reads as empty: only an empty view can be one.
      if (body.byteLength === 0 && isDetached(body.buffer)) raise(native.detachedError(field));
      return body;
    }
    if (body === undefined || body === null) return EMPTY;
    if (ArrayBuffer.isView(body)) return viewOf(body.buffer, field, body.byteOffset, body.byteLength);
    if (isArrayBuffer(body)) return viewOf(body, field);
    return typeError(field, 'a string, Uint8Array, Buffer or ArrayBuffer', body);
  }

  /** Bytes of an ArrayBuffer; a detached one is the core's argument error naming `field`. */
  function viewOf(buffer, field, offset, length) {
    try {
      return offset === undefined ? new Uint8Array(buffer) : new Uint8Array(buffer, offset, length);
    } catch (error) {
      if (error instanceof TypeError && isDetached(buffer)) return raise(native.detachedError(field));
      throw error;
    }
  }

  /** Any body or payload as bytes: text as UTF-8. */
  function anyBytes(value, field) {
    return typeof value === 'string' ? encoder.encode(value) : bodyBytes(value, field);
  }

  /** Headers → the wire's length-prefixed text (undefined for none). */
  function encodeHeaders(headers) {
    if (headers === undefined || headers === null) return undefined;
    if (typeof headers !== 'object') {
      return typeError('headers', 'an object, an array of [name, value] pairs or a Headers', headers);
    }
    let out = '';
    if (Array.isArray(headers) || typeof headers[Symbol.iterator] === 'function') {
      let i = 0;
      for (const pair of headers) {
        if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
          typeError(`headers[${i}]`, 'a [name, value] pair of strings', pair);
        }
        out += pair[0].length + ':' + pair[0] + pair[1].length + ':' + pair[1];
        i++;
      }
      return out;
    }
    if (typeof headers.forEach === 'function') {
      let i = 0;
      headers.forEach((value, name) => {
        if (typeof name !== 'string' || typeof value !== 'string') typeError(`headers[${i}]`, 'a [name, value] pair of strings', [name, value]);
        out += name.length + ':' + name + value.length + ':' + value;
        i++;
      });
      return out;
    }
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (typeof value === 'string') {
        out += name.length + ':' + name + value.length + ':' + value;
      } else if (Array.isArray(value)) {
        for (const item of value) {
          if (typeof item !== 'string') typeError(`headers.${name}`, 'a string or an array of strings', item);
          out += name.length + ':' + name + item.length + ':' + item;
        }
      } else if (value !== undefined) {
        typeError(`headers.${name}`, 'a string or an array of strings', value);
      }
    }
    return out;
  }

  /**
   * Checks the request context's types (its values are the core's to check) and encodes it
   * for the wire (js/wire.rs `decode_request`); undefined when there is none.
   */
  function encodeRequest(request) {
    if (request === undefined || request === null) return undefined;
    if (typeof request !== 'object' || Array.isArray(request)) {
      return typeError('request', 'an object', request);
    }
    const { method, endpoint, idempotencyKey, tokenFresh, auth, attempt, now } = request;
    let present = 0;
    let out = '';
    for (const [field, value] of [['method', method], ['endpoint', endpoint], ['idempotencyKey', idempotencyKey], ['auth', auth]]) {
      if (value !== undefined) present++;
      if (value === undefined || value === null) out += '~';
      else if (typeof value === 'string') out += value.length + ':' + value;
      else typeError(`request.${field}`, 'a string', value);
    }
    if (tokenFresh !== undefined) present++;
    if (tokenFresh === undefined || tokenFresh === null) out += '~';
    else if (typeof tokenFresh === 'boolean') out += tokenFresh ? 't' : 'f';
    else typeError('request.tokenFresh', 'true, false or null', tokenFresh);
    if (attempt !== undefined) present++;
    if (attempt === undefined || attempt === null) out += '~';
    else if (Number.isInteger(attempt)) out += decimal(attempt) + ';';
    else typeError('request.attempt', 'a whole number', attempt);
    if (now !== undefined) present++;
    if (now === undefined || now === null) out += '~';
    else if (Number.isInteger(now)) out += decimal(now) + ';';
    else typeError('request.now', 'an integer (unix seconds)', now);
    if (present !== 7) unknownKeys(request, REQUEST_KEYS, 'request');
    return out;
  }

  function optionalString(field, value) {
    if (value !== null && typeof value !== 'string') typeError(field, 'a string', value);
  }

  /** A misspelt option is an error, not ignored (css-inline's `deny_unknown_fields`). */
  function unknownKeys(object, allowed, path) {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key) && object[key] !== undefined) {
        raise(native.argumentError(false, `${path}.${key}`, `one of the fields ${allowed.join(', ')}`, 'an unknown field'));
      }
    }
  }

  // The classify functions, on a classifier's native half (`on`: the module for the built-in
  // rules, a native `Classifier` for a user's) and its decoding table.

  function classifyOn(on, table, status, body, headers, request) {
    if (!Number.isSafeInteger(status)) typeError('status', 'an integer', status);
    return classifyEncoded(on, table, status, body, encodeHeaders(headers), encodeRequest(request));
  }

  function classifyEncoded(on, table, status, body, headers, request) {
    let wire;
    try {
      // Only the core's prefix and one byte more cross (a view, or a slice V8 does not copy):
      // a 100 MB body costs what a 64 KiB one does. Each UTF-16 unit is at least one byte of
      // UTF-8, so the first `bodyLimit` units hold the first `bodyLimit` bytes and more.
      if (typeof body === 'string') {
        wire = on.classifyText(status, body.length > bodyLimit ? body.slice(0, bodyLimit) : body, headers, request);
      } else {
        const bytes = bodyBytes(body);
        wire = on.classifyBytes(status, bytes.length > bodyLimit ? bytes.subarray(0, bodyLimit) : bytes, headers, request);
      }
    } catch (error) {
      guard(error);
    }
    return decode(wire, table);
  }

  /** Checks `classifyTransport`'s first two arguments: `{ sent, detail }`. */
  function transportParts(kind, transport) {
    if (typeof kind !== 'string') typeError('kind', 'a string', kind);
    let sent;
    let detail;
    if (transport !== undefined && transport !== null) {
      if (typeof transport !== 'object' || Array.isArray(transport)) typeError('transport', 'an object', transport);
      ({ sent, detail } = transport);
      if (sent !== undefined && sent !== null && typeof sent !== 'boolean') typeError('transport.sent', 'true, false or null', sent);
      if (detail !== undefined) optionalString('transport.detail', detail);
      unknownKeys(transport, TRANSPORT_KEYS, 'transport');
    }
    return { sent, detail };
  }

  function classifyTransportOn(on, table, kind, transport, request) {
    const { sent, detail } = transportParts(kind, transport);
    const encoded = encodeRequest(request);
    let wire;
    try {
      wire = on.classifyTransport(kind, sent, detail, encoded);
    } catch (error) {
      guard(error);
    }
    return decode(wire, table);
  }

  function classifyJsonOn(on, text) {
    if (typeof text !== 'string') typeError('text', 'a string', text);
    let wire;
    try {
      wire = on.classifyJson(text);
    } catch (error) {
      guard(error);
    }
    if (wire.charCodeAt(0) !== 123 /* '{' */) raise(wire);
    return wire;
  }

  /**
   * The verdict on a client's response or error: a fetch `Response` (ky's too), an axios
   * response or `AxiosError`, a got `Response` or `RequestError` / `HTTPError`, ky's `HTTPError`,
   * or what fetch threw. The method and `Idempotency-Key` the request was sent with are read from
   * the object unless `request` names them; a body only as far as the core reads it; a body cut
   * off while read is the partial response it is, an error with no response a transport failure
   * (the core's client-error table, `transportFailure`).
   */
  async function classifyResponseOn(on, table, response, request, classifier) {
    encodeRequest(request); // every argument is checked before the body is read
    const read = await readClient(response);
    const context = { ...read.sent };
    if (request !== undefined && request !== null) {
      for (const key of Object.keys(request)) if (request[key] !== undefined && request[key] !== null) context[key] = request[key];
    }
    if (read.status === undefined) return classifyTransportOn(on, table, read.transport.kind, { sent: read.transport.sent, detail: read.transport.detail }, context);
    if (read.cut === undefined) return classifyEncoded(on, table, read.status, read.body ?? EMPTY, encodeHeaders(read.headers), encodeRequest(context));
    // A body cut off while read: the verdict the operation driver gives such an attempt (the
    // core's Operation::body_cut), through a one-attempt operation.
    const { attempt, now, ...sent } = context;
    const operation = new Operation({ request: sent, classifier });
    const step = operation.feed({ status: read.status, headers: read.headers, bodyCut: read.cut, now: now ?? undefined });
    return step.verdict;
  }

  /** The core's body prefix and one byte more (so the core knows a longer body went on). */
  function prefixOf(body) {
    if (body === undefined) return undefined;
    const room = limits.bodyPrefixBytes + 1;
    if (typeof body === 'string') return body.length > room ? body.slice(0, room) : body;
    return body.length > room ? body.subarray(0, room) : body;
  }

  /** A fetch Response's body, read only as far as the core reads it; the reader is then cancelled. */
  async function fetchPrefix(response) {
    if (response.body === null || typeof response.body !== 'object' || typeof response.body.getReader !== 'function') {
      return prefixOf(new Uint8Array(await response.arrayBuffer()));
    }
    const reader = response.body.getReader();
    const room = limits.bodyPrefixBytes + 1;
    const chunks = [];
    let length = 0;
    try {
      while (length < room) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        length += value.length;
      }
    } finally {
      if (length >= room) reader.cancel().catch(() => {});
      else reader.releaseLock();
    }
    const bytes = new Uint8Array(Math.min(length, room));
    let at = 0;
    for (const chunk of chunks) {
      const part = chunk.subarray(0, bytes.length - at);
      bytes.set(part, at);
      at += part.length;
    }
    return bytes;
  }

  /**
   * What a client's response or error says, for the core: `{ status, headers, body, cut,
   * transport, sent: { method, idempotencyKey } }` — no status: a transport failure; a status
   * and `cut` (what the client said): a body cut off while read — the body read only when
   * `wants(status)`. A TypeError for anything
   * else (`.field` 'response'). Synchronous but for a fetch Response's body: that is left as
   * `fetched`, for `readClient` to read.
   */
  function readParts(x, wants) {
    const wrong = () => typeError('response', "a fetch Response, an axios or got response, or a client's error", x);
    if (x === null || typeof x !== 'object') return wrong();
    // fetch (and ky): a Response, or an error holding one (ky's HTTPError, with its Request).
    const fetched = isFetchResponse(x) ? x : x instanceof Error && isFetchResponse(x.response) ? x.response : null;
    if (fetched !== null) {
      if (!Number.isSafeInteger(fetched.status)) typeError('response.status', 'an integer', fetched.status);
      encodeHeaders(fetched.headers);
      const parts = { status: fetched.status, headers: fetched.headers, sent: sentBy(x.request, x.request && x.request.headers) };
      if (wants(fetched.status)) parts.fetched = fetched;
      return parts;
    }
    // axios: a response (`data`, `config`), or an AxiosError with or without one.
    if (isAxiosResponse(x)) {
      const parts = { status: x.status, headers: headerList(x.headers), sent: sentBy(x.config, x.config.headers) };
      if (wants(x.status)) parts.body = prefixOf(bodyOf(x.data));
      return parts;
    }
    if (x.isAxiosError === true) {
      const sent = sentBy(x.config, x.config && x.config.headers);
      if (isAxiosResponse(x.response)) return { ...readParts(x.response, wants), sent };
      // The status and headers arrived, the body was cut off (axios gives no response then).
      const head = x.request && x.request.res;
      if (head && typeof head.statusCode === 'number') return { status: head.statusCode, headers: headerList(head.headers), cut: messageOf(x), sent };
      const transport = transportFailure(x);
      if (transport === null) return wrong();
      return { transport, sent };
    }
    // got: a Response (`statusCode`, `rawBody`), or a RequestError (HTTPError, ReadError, …).
    if (isGotResponse(x)) {
      const options = x.request && x.request.options;
      const parts = { status: x.statusCode, headers: headerList(x.headers), sent: sentBy(options, options && options.headers) };
      if (wants(x.statusCode)) parts.body = prefixOf(bytesOf(x.rawBody));
      return parts;
    }
    if (x instanceof Error && x.options !== null && typeof x.options === 'object' && typeof x.options.method === 'string') {
      const sent = sentBy(x.options, x.options.headers);
      const response = x.response;
      const head = response !== null && typeof response === 'object' && typeof response.statusCode === 'number';
      // ReadError (or a timeout) after the status and headers arrived: a body cut off.
      if (head && (x.name === 'ReadError' || response.complete === false)) {
        return { status: response.statusCode, headers: headerList(response.headers), cut: messageOf(x), sent };
      }
      // HTTPError, or a whole response got refused otherwise (ParseError on a 2xx, …).
      if (isGotResponse(response)) return { ...readParts(response, wants), sent };
      const transport = transportFailure(x);
      if (transport === null) return wrong();
      return { transport, sent };
    }
    // What fetch (or any client) threw with no response.
    const transport = x instanceof Error ? transportFailure(x) : null;
    if (transport === null) return wrong();
    return { transport, sent: {} };
  }

  /** `readParts`, a fetch Response's body read too (as far as the core reads; a cut is a partial response). */
  async function readClient(x, wants = () => true) {
    const { fetched, ...parts } = readParts(x, wants);
    if (fetched === undefined) return parts;
    if (fetched.bodyUsed === true) typeError('response', 'a Response whose body is unread (pass response.clone())', fetched);
    try {
      parts.body = await fetchPrefix(fetched);
    } catch (error) {
      // The caller's own abort is not a failure to classify; anything else cut the body off.
      if (error !== null && typeof error === 'object' && error.name === 'AbortError') throw error;
      parts.cut = messageOf(error);
    }
    return parts;
  }

  // classifyMany / classifyManyAsync (issue 14 §4): inputs in the JSON form, one native call.

  const MANY_ITEM = 'a string or a plain object (an input in the JSON form)';

  /** The JSON-form text of each input: a string as is, a plain object JSON.stringify'd. */
  function manyTexts(inputs) {
    if (!Array.isArray(inputs)) typeError('inputs', 'an array of inputs in the JSON form', inputs);
    const texts = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) {
      const item = inputs[i];
      if (typeof item === 'string') {
        texts[i] = item;
      } else if (item !== null && typeof item === 'object' && !Array.isArray(item) && !ArrayBuffer.isView(item) && !isArrayBuffer(item)) {
        try {
          texts[i] = JSON.stringify(item);
        } catch (error) {
          raise(native.argumentError(true, `inputs[${i}]`, MANY_ITEM, `an object JSON.stringify cannot write (${error.message})`));
        }
      } else {
        typeError(`inputs[${i}]`, MANY_ITEM, item);
      }
    }
    return texts;
  }

  /** The verdicts of js/wire.rs `classify_many`'s answer; its last answer may be an error. */
  function decodeMany(wire, table) {
    const out = [];
    for (let at = 0; at < wire.length; ) {
      const length = wide(wire, at);
      at += 2;
      out.push(decode(wire.slice(at, (at += length)), table));
    }
    return out;
  }

  function classifyManyOn(on, table, inputs) {
    const texts = manyTexts(inputs);
    let wire;
    try {
      wire = on.classifyMany(texts);
    } catch (error) {
      guard(error);
    }
    return decodeMany(wire, table);
  }

  async function classifyManyAsyncOn(on, table, inputs) {
    // The Node addon classifies on a worker thread; the WebAssembly package has no threads of
    // its own, so there the promise settles with the synchronous answer.
    if (typeof on.classifyManyAsync !== 'function') return classifyManyOn(on, table, inputs);
    const texts = manyTexts(inputs);
    let wire;
    try {
      wire = await on.classifyManyAsync(texts);
    } catch (error) {
      guard(error);
    }
    return decodeMany(wire, table);
  }

  // The module-level functions: the built-in rules.

  function classifyMany(inputs) {
    ready();
    return classifyManyOn(native, builtin, inputs);
  }

  async function classifyManyAsync(inputs) {
    ready();
    return classifyManyAsyncOn(native, builtin, inputs);
  }

  function classify(status, body, headers, request) {
    ready();
    return classifyOn(native, builtin, status, body, headers, request);
  }

  function classifyTransport(kind, transport, request) {
    ready();
    return classifyTransportOn(native, builtin, kind, transport, request);
  }

  function classifyJson(text) {
    ready();
    return classifyJsonOn(native, text);
  }

  async function classifyResponse(response, request) {
    ready();
    return classifyResponseOn(native, builtin, response, request, undefined);
  }

  /** A rules document as the text the core reads: a string as is, an object JSON.stringify'd. */
  function documentText(rules) {
    if (typeof rules === 'string') return rules;
    if (rules === null || typeof rules !== 'object' || ArrayBuffer.isView(rules) || isArrayBuffer(rules)) {
      return typeError('rules', 'a rules document (a string or a plain object)', rules);
    }
    try {
      return JSON.stringify(rules);
    } catch (error) {
      return raise(native.argumentError(true, 'rules', 'a rules document (a string or a plain object)', `an object JSON.stringify cannot write (${error.message})`));
    }
  }

  /**
   * The built-in rules with a user's rules document over them (`{"errtriage_rules": 1, …}`,
   * a string or a plain object), read and validated by the core; the same methods as the
   * module-level functions. The state lives in a native `Classifier` (no `.free()` needed).
   */
  /** Each Classifier's native half and rule table, for the operations that classify with it. */
  const classifierNatives = new WeakMap();
  let builtinNative = null;

  class Classifier {
    #native;
    #table;
    #rules;
    #byId;

    constructor(rules) {
      ready();
      const text = documentText(rules);
      const held = call(() => new native.Classifier());
      const wire = call(() => held.load(text));
      if (wire.charCodeAt(0) !== 123 /* '{' */) raise(wire);
      // js/wire.rs `Classifier::load`: the user rules, then every rule's number in order.
      const { user, order } = JSON.parse(wire);
      const all = ruleList.concat(user.map((r) => Object.freeze(r)));
      this.#rules = Object.freeze(order.map((n) => all[n]).filter((r) => r !== undefined));
      this.#byId = new Map(this.#rules.map((r) => [r.id, r]));
      // Verdicts name built-in rules by number (switched-off ones too), user rules by id.
      this.#table = { ids: builtin.ids, hints: builtin.hints, byId: this.#byId };
      this.#native = held;
      classifierNatives.set(this, { held, table: this.#table });
      Object.freeze(this);
    }

    classify(status, body, headers, request) {
      return classifyOn(this.#native, this.#table, status, body, headers, request);
    }

    classifyTransport(kind, transport, request) {
      return classifyTransportOn(this.#native, this.#table, kind, transport, request);
    }

    classifyJson(text) {
      return classifyJsonOn(this.#native, text);
    }

    classifyMany(inputs) {
      return classifyManyOn(this.#native, this.#table, inputs);
    }

    classifyManyAsync(inputs) {
      return classifyManyAsyncOn(this.#native, this.#table, inputs);
    }

    async classifyResponse(response, request) {
      return classifyResponseOn(this.#native, this.#table, response, request, this);
    }

    /** Every rule in the order they are consulted: the user's, then the built-ins left on. */
    rules() {
      return this.#rules;
    }

    /** The rule with this id, or null. */
    rule(id) {
      if (typeof id !== 'string') typeError('id', 'a string', id);
      return this.#byId.get(id) ?? null;
    }

    /** Every rule as one rules document (the form `errtriage rules --json` prints). */
    rulesJson() {
      const on = this.#native;
      return call(() => on.rulesJson());
    }
  }

  // ---- Across attempts (DESIGN.md §2) -------------------------------------------------
  // The state lives in the native half (js/wire.rs `Operation`, the core's RetryBudget and
  // IdempotencyGuard, each in a napi or wasm-bindgen class that needs no `.free()`); these
  // classes check argument types, encode, and decode the answers.

  /** Calls the native half, turning a wasm trap into its readable error. */
  function call(f) {
    try {
      return f();
    } catch (error) {
      return guard(error);
    }
  }

  /** `options` as an object (`{}` when absent); a TypeError naming `field` otherwise. */
  function optionsObject(field, options, allowed) {
    if (options === undefined || options === null) return {};
    if (typeof options !== 'object' || Array.isArray(options)) typeError(field, 'an object', options);
    unknownKeys(options, allowed, field);
    return options;
  }

  /**
   * An integer's exact decimal text, even beyond 2^53 (`String(2 ** 70)` is `1.1805916207174113e+21`):
   * the core checks the range, and its error names the caller's number.
   */
  function decimal(n) {
    return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  }

  function isWhole(value) {
    return Number.isSafeInteger(value) && value >= 0;
  }

  /** `~` or `<integer>;` per key (js/wire.rs `next_integer`), checking each is a whole number. */
  function encodeWholes(object, keys, path) {
    let out = '';
    for (const key of keys) {
      const value = object[key];
      if (value === undefined || value === null) out += '~';
      else if (Number.isInteger(value)) out += decimal(value) + ';';
      else typeError(`${path}.${key}`, 'a whole number', value);
    }
    return out;
  }

  /** The step a wire string carries (js/wire.rs `encode_step`): the same five keys always. */
  function decodeStep(wire) {
    if (wire.charCodeAt(0) !== TAG_VERDICT) raise(wire);
    const kind = wire.charCodeAt(1);
    let delayMs = null;
    let action = null;
    let reason = null;
    let message = null;
    if (kind === 0) {
      delayMs = Number(wire.slice(2));
    } else if (kind === 3) {
      action = actions[wire.charCodeAt(2)];
      reason = stopReasons[wire.charCodeAt(3)];
      message = stopMessages[wire.charCodeAt(3)];
    }
    return { kind: stepKinds[kind], delayMs, action, reason, message };
  }

  const budgets = new WeakMap();

  class RetryPolicy {
    #encoded;

    constructor(options) {
      ready();
      const encoded = encodeWholes(optionsObject('policy', options, POLICY_KEYS), POLICY_KEYS, 'policy');
      const wire = call(() => native.policy(encoded));
      if (wire.charCodeAt(0) === TAG_ERROR) raise(wire);
      const values = wire.split(';');
      POLICY_KEYS.forEach((key, i) => {
        this[key] = Number(values[i]);
      });
      this.#encoded = wire;
      Object.freeze(this);
    }

    /** A new operation under this policy; `seed` makes its draws reproducible (SplitMix64). */
    start(options) {
      const { seed } = optionsObject('options', options, ['seed']);
      let seedText;
      if (seed !== undefined && seed !== null) {
        if (isWhole(seed) || typeof seed === 'bigint') seedText = String(seed);
        else typeError('seed', 'a whole number or a bigint', seed);
      }
      const operation = call(() => new native.Operation());
      const wire = call(() => operation.start(this.#encoded, seedText));
      if (wire !== '') raise(wire);
      return new Attempts(operation, seedText !== undefined);
    }
  }

  class Attempts {
    #operation;
    #seeded;

    constructor(operation, seeded) {
      this.#operation = operation;
      this.#seeded = seeded;
    }

    /** The next step after the failure `verdict` describes (its action, category, retryAfterMs). */
    next(verdict, options) {
      if (verdict === null || typeof verdict !== 'object') typeError('verdict', 'a verdict object', verdict);
      const { action, category, retryAfterMs } = verdict;
      if (typeof action !== 'string') typeError('verdict.action', 'a string', action);
      if (typeof category !== 'string') typeError('verdict.category', 'a string', category);
      if (retryAfterMs !== undefined && retryAfterMs !== null && !isWhole(retryAfterMs)) {
        typeError('verdict.retryAfterMs', 'a whole number or null', retryAfterMs);
      }
      let { draw, budget } = optionsObject('options', options, ['draw', 'budget']);
      if (draw === undefined || draw === null) draw = this.#seeded ? undefined : Math.random();
      else if (typeof draw !== 'number') typeError('draw', 'a number', draw);
      let held;
      if (budget !== undefined && budget !== null) {
        held = budgets.get(budget);
        if (held === undefined) typeError('budget', 'a RetryBudget', budget);
      }
      const ms = retryAfterMs ?? undefined;
      const operation = this.#operation;
      return decodeStep(call(() => (held === undefined ? operation.next(action, category, ms, draw) : operation.nextWithBudget(action, category, ms, draw, held))));
    }

    /** Reports how long an attempt's call took (ms, from a monotonic clock): counted in `elapsedMs` against `maxElapsedMs`. */
    recordCallMs(ms) {
      if (!isWhole(ms)) typeError('ms', 'a whole number', ms);
      this.#operation.recordCallMs(ms);
    }

    /** Failures fed in so far. */
    get failures() {
      return this.#operation.failures();
    }

    /** The time taken so far: the delays granted plus the calls' reported time (ms). */
    get elapsedMs() {
      return this.#operation.elapsedMs();
    }

    /** Whether the one credential refresh has been used. */
    get refreshed() {
      return this.#operation.refreshed();
    }
  }

  class RetryBudget {
    constructor(options) {
      ready();
      const object = optionsObject('budget', options, BUDGET_KEYS);
      const held = call(() => new native.Budget());
      // Fields left out take the core's defaults (js/wire.rs `budget`).
      if (BUDGET_KEYS.some((key) => object[key] !== undefined && object[key] !== null)) {
        const encoded = encodeWholes(object, BUDGET_KEYS, 'budget');
        const wire = call(() => held.configure(encoded));
        if (wire !== '') raise(wire);
      }
      budgets.set(this, held);
    }

    /** A request succeeded: return tokens to the bucket. */
    recordSuccess() {
      budgets.get(this).recordSuccess();
    }

    /** Tokens left. */
    get tokens() {
      return budgets.get(this).tokens();
    }

    /** The most tokens it holds. */
    get capacity() {
      return budgets.get(this).capacity();
    }
  }

  class IdempotencyGuard {
    #guard;

    constructor(options) {
      ready();
      const { capacity } = optionsObject('options', options, ['capacity']);
      if (capacity !== undefined && capacity !== null && !isWhole(capacity)) typeError('capacity', 'a whole number', capacity);
      this.#guard = call(() => new native.Guard(capacity ?? undefined));
    }

    /** The key for `payload`: the one it has, or a new UUIDv4 from 16 random bytes. */
    keyFor(payload, options) {
      const bytes = anyBytes(payload, 'payload');
      let { random } = optionsObject('options', options, ['random']);
      if (random === undefined || random === null) {
        random = globalThis.crypto.getRandomValues(new Uint8Array(16));
      } else if (!(random instanceof Uint8Array)) {
        typeError('random', '16 random bytes (a Uint8Array)', random);
      }
      const wire = call(() => this.#guard.keyFor(bytes, random));
      if (wire.charCodeAt(0) === TAG_ERROR) raise(wire);
      return wire;
    }

    /** Throws a RangeError (field `idempotency_key`) when `key` was seen with another payload. */
    check(key, payload) {
      if (typeof key !== 'string') typeError('key', 'a string', key);
      const bytes = anyBytes(payload, 'payload');
      const wire = call(() => this.#guard.check(key, bytes));
      if (wire !== '') raise(wire);
    }

    /** Forgets `key` (its operation finished). */
    forget(key) {
      if (typeof key !== 'string') typeError('key', 'a string', key);
      call(() => this.#guard.forget(key));
    }

    /** How many key/payload pairs are remembered. */
    get size() {
      return this.#guard.size();
    }
  }

  // ---- The operation driver (issue 12) ------------------------------------------------------
  // Every decision across attempts is the core's (errtriage::Operation): what counts as
  // success, each step, the stop sentence, the history, the one key and payload per operation.
  // Options and attempts cross as the core's JSON form; this only translates names.

  /** Headers as [name, value] pairs (a Headers, an array of pairs, or an object). */
  function headerPairs(headers) {
    encodeHeaders(headers); // the type checks and their messages
    if (headers === undefined || headers === null) return [];
    if (Array.isArray(headers)) return headers;
    if (typeof headers[Symbol.iterator] === 'function') return [...headers];
    if (typeof headers.forEach === 'function') {
      const pairs = [];
      headers.forEach((value, name) => pairs.push([name, value]));
      return pairs;
    }
    const pairs = [];
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (Array.isArray(value)) for (const v of value) pairs.push([name, v]);
      else pairs.push([name, value]);
    }
    return pairs;
  }

  /** Standard base64 of bytes (RFC 4648 §4), for the JSON form's `*_base64` members. */
  function base64(bytes) {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  }

  /** Puts `value` (a string or bytes) in `json` as `name` or `name_base64`. */
  function putBytes(json, name, value, field) {
    if (value === undefined || value === null) return;
    if (typeof value === 'string') json[name] = value;
    else json[name + '_base64'] = base64(bodyBytes(value, field));
  }

  /** The core's snake_case name of a JS camelCase one. */
  function snake(name) {
    return name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
  }

  /** A verdict from the core's JSON (the same object `classify` returns). */
  function verdictOf(v) {
    return {
      shape: v.shape,
      category: v.category,
      action: v.action,
      retryable: v.retryable,
      outcome: v.outcome,
      status: v.status,
      code: v.code,
      message: v.message,
      requestId: v.request_id,
      details: v.details,
      retryAfterMs: v.retry_after_ms,
      hint: v.hint,
      rule: v.rule,
    };
  }

  /** The report a wire string carries: its JSON, a NUL, its text. */
  function reportOf(wire) {
    const nul = wire.indexOf('\0');
    const result = camelKeys(JSON.parse(wire.slice(0, nul)));
    result.text = wire.slice(nul + 1);
    return result;
  }

  class Operation {
    #driver;
    #seeded;
    #now;

    /** Starts an operation: `{ policy, seed, canRefresh, request, classifier }`, all optional. */
    constructor(options) {
      ready();
      const { policy, seed, canRefresh, request, classifier } = optionsObject('options', options, OPERATION_KEYS);
      const parts = [];
      if (policy !== undefined && policy !== null) {
        if (!(policy instanceof RetryPolicy)) typeError('options.policy', 'a RetryPolicy', policy);
        const fields = {};
        for (const key of POLICY_KEYS) fields[snake(key)] = policy[key];
        parts.push('"policy":' + JSON.stringify(fields));
      }
      if (seed !== undefined && seed !== null) {
        if (isWhole(seed) || typeof seed === 'bigint') parts.push('"seed":' + String(seed));
        else typeError('seed', 'a whole number or a bigint', seed);
      }
      if (canRefresh !== undefined && canRefresh !== null) {
        if (typeof canRefresh !== 'boolean') typeError('options.canRefresh', 'a boolean', canRefresh);
        parts.push('"can_refresh":' + canRefresh);
      }
      if (request !== undefined && request !== null) {
        encodeRequest(request); // the type checks and their messages
        const fields = {};
        for (const key of Object.keys(request)) {
          // `now` is the caller's clock, given with each attempt.
          if (key === 'now') this.#now = request.now ?? undefined;
          else if (request[key] !== undefined && request[key] !== null) fields[snake(key)] = request[key];
        }
        parts.push('"request":' + JSON.stringify(fields));
      }
      let on;
      if (classifier === undefined || classifier === null) on = builtinNative ?? (builtinNative = call(() => new native.Classifier()));
      else {
        const held = classifierNatives.get(classifier);
        if (held === undefined) typeError('options.classifier', 'a Classifier', classifier);
        on = held.held;
      }
      const driver = call(() => new native.Driver());
      const wire = call(() => driver.start(on, '{' + parts.join(',') + '}'));
      if (wire !== '') raise(wire);
      this.#driver = driver;
      this.#seeded = call(() => driver.seeded());
    }

    /** Whether to read the body of a response with this status before feeding it (the core's answer). */
    static wantsBody(status) {
      ready();
      if (!Number.isSafeInteger(status)) typeError('status', 'an integer', status);
      return native.wantsBody(status);
    }

    /**
     * Feeds one attempt's result — `{ status, headers, body }`, `{ status, headers, bodyCut }`
     * (the body was cut off while read: what the client said), `{ transport }`, or
     * `{ timedOutMs }` (you gave up on the attempt), with `callMs`, `request`
     * (`{ method, idempotencyKey }` the attempt was seen sending) and `payload` — and answers the step:
     * `{ kind, delayMs, action, reason, message, attempt, elapsedMs, verdict }`.
     */
    feed(attempt, options) {
      if (attempt === null || typeof attempt !== 'object' || Array.isArray(attempt)) typeError('attempt', 'an object', attempt);
      unknownKeys(attempt, ATTEMPT_KEYS, 'attempt');
      const json = {};
      const { status, headers, body, transport, bodyCut, timedOutMs, now, request, callMs, payload } = attempt;
      if (status !== undefined && status !== null) {
        if (!Number.isSafeInteger(status)) typeError('attempt.status', 'an integer', status);
        json.status = status;
      }
      if (headers !== undefined && headers !== null) json.headers = headerPairs(headers);
      putBytes(json, 'body', body, 'attempt.body');
      if (transport !== undefined && transport !== null) {
        if (typeof transport !== 'object') typeError('attempt.transport', 'an object', transport);
        unknownKeys(transport, TRANSPORT_FIELDS, 'attempt.transport');
        json.transport = { kind: transport.kind, sent: transport.sent ?? null, detail: transport.detail ?? null };
      }
      if (bodyCut !== undefined && bodyCut !== null) {
        if (typeof bodyCut !== 'string') typeError('attempt.bodyCut', 'a string', bodyCut);
        json.body_cut = bodyCut;
      }
      if (timedOutMs !== undefined && timedOutMs !== null) {
        if (!isWhole(timedOutMs)) typeError('attempt.timedOutMs', 'a whole number', timedOutMs);
        json.timed_out_ms = timedOutMs;
      }
      if (now !== undefined && now !== null) {
        if (!Number.isSafeInteger(now)) typeError('attempt.now', 'an integer', now);
        json.now = now;
      } else if (this.#now !== undefined) json.now = this.#now;
      if (request !== undefined && request !== null) {
        if (typeof request !== 'object') typeError('attempt.request', 'an object', request);
        unknownKeys(request, SENT_KEYS, 'attempt.request');
        json.request = {};
        for (const key of SENT_KEYS) if (request[key] !== undefined && request[key] !== null) json.request[snake(key)] = request[key];
      }
      if (callMs !== undefined && callMs !== null) {
        if (!isWhole(callMs)) typeError('attempt.callMs', 'a whole number', callMs);
        json.call_ms = callMs;
      }
      putBytes(json, 'payload', payload, 'attempt.payload');
      let { draw, budget } = optionsObject('options', options, ['draw', 'budget']);
      if (draw === undefined || draw === null) draw = this.#seeded ? undefined : Math.random();
      else if (typeof draw !== 'number') typeError('draw', 'a number', draw);
      let held;
      if (budget !== undefined && budget !== null) {
        held = budgets.get(budget);
        if (held === undefined) typeError('budget', 'a RetryBudget', budget);
      }
      const text = JSON.stringify(json);
      const driver = this.#driver;
      const wire = call(() => (held === undefined ? driver.feed(text, draw) : driver.feedWithBudget(text, draw, held)));
      if (wire.charCodeAt(0) === TAG_ERROR) raise(wire);
      const step = JSON.parse(wire);
      return {
        kind: step.step,
        delayMs: step.delay_ms ?? null,
        action: step.action ?? null,
        reason: step.reason ?? null,
        message: step.message ?? null,
        attempt: step.attempt,
        elapsedMs: step.elapsed_ms,
        verdict: step.verdict === null ? null : verdictOf(step.verdict),
      };
    }

    /** Every failure's verdict so far, oldest first, the last one included. */
    get history() {
      const driver = this.#driver;
      return JSON.parse(call(() => driver.history())).map(verdictOf);
    }

    /** After a stop, the escalation report of the last failure with the earlier attempts; else null. */
    escalationReport(options) {
      const { reproduces } = optionsObject('options', options, ['reproduces']);
      if (reproduces !== undefined && reproduces !== null && typeof reproduces !== 'boolean') typeError('options.reproduces', 'true, false or null', reproduces);
      const driver = this.#driver;
      const wire = call(() => driver.report(reproduces ?? undefined));
      return wire === '' ? null : reportOf(wire);
    }
  }

  /**
   * The OpenTelemetry attributes of a verdict as attempt `attempt` (names and rules the
   * core's): `error.type`, `http.response.status_code`, `http.request.resend_count`,
   * `errtriage.rule`, `errtriage.category`, `errtriage.action`, those that apply.
   */
  function otelAttributes(verdict, options) {
    ready();
    if (verdict === null || typeof verdict !== 'object') typeError('verdict', 'a verdict object', verdict);
    const { attempt } = optionsObject('options', options, ['attempt']);
    if (attempt !== undefined && attempt !== null && !Number.isSafeInteger(attempt)) typeError('options.attempt', 'a whole number', attempt);
    const parts = { status: verdict.status ?? null, code: verdict.code ?? null, rule: verdict.rule, category: verdict.category, action: verdict.action, attempt: attempt ?? null };
    const wire = call(() => native.otelAttributes(JSON.stringify(parts)));
    if (wire.charCodeAt(0) === TAG_ERROR) raise(wire);
    return JSON.parse(wire);
  }

  /**
   * `{ kind, sent, detail }` for an error a client threw on the wire, or null for anything else
   * (a bug in `fn`, or an `AbortError`: the caller cancelled). The core's table decides
   * (errtriage::transport_failure) from every name the error and its causes carry.
   */
  function transportFailure(error, message) {
    ready();
    if (Array.isArray(error)) {
      // The names themselves (a Chrome net error from a HAR, a libcurl code, a Java class).
      error.forEach((name, i) => typeof name === 'string' || typeError(`names[${i}]`, 'a string', name));
      if (message !== undefined && message !== null && typeof message !== 'string') typeError('message', 'a string', message);
      return askTable(error, message ?? '');
    }
    if (error === null || typeof error !== 'object') return null;
    const names = [];
    const messages = [];
    for (let e = error, depth = 0; e !== null && typeof e === 'object' && depth < 8; e = e.cause, depth++) {
      const name = typeof e.name === 'string' ? e.name : undefined;
      const code = typeof e.code === 'string' ? e.code : undefined;
      const event = typeof e.event === 'string' ? e.event : undefined;
      const message = typeof e.message === 'string' ? e.message : '';
      if (name && code && event) names.push(`${name}:${code}:${event}`);
      if (name && code) names.push(`${name}:${code}`);
      if (code) names.push(code);
      if (name) {
        names.push(name);
        names.push(`${name}: ${message}`);
      }
      if (message !== '' && !messages.includes(message)) messages.push(message);
    }
    return askTable(names, messages.join(': '));
  }

  /**
   * The core's input readers (`errtriage::readers`): a HAR file, `curl -si` output or an NDJSON
   * log (a string, or its bytes) → `{ format, items, skipped }`, one item per failure with the
   * JSON form as `input` (for `classifyJson`) or an `error`. `options.format` is 'har', 'http'
   * or 'ndjson'; absent, the core guesses it from the first bytes.
   */
  function readInputs(data, options) {
    ready();
    const { format } = optionsObject('options', options, ['format']);
    if (format !== undefined && format !== null && typeof format !== 'string') typeError('options.format', 'a string', format);
    const bytes = anyBytes(data, 'data');
    const wire = call(() => native.readInputs(bytes, format ?? undefined));
    if (wire.charCodeAt(0) !== 123 /* '{' */) raise(wire);
    return JSON.parse(wire);
  }

  /** The core's table for these names and message: `{ kind, sent, detail }` or null. */
  function askTable(names, detail) {
    const wire = call(() => native.transportFailure(JSON.stringify({ names, message: detail })));
    if (wire.charCodeAt(0) === TAG_ERROR) raise(wire);
    const found = JSON.parse(wire);
    if (found === null) return null;
    return { kind: found.kind, sent: found.sent, detail: detail || names[0] || found.matched };
  }

  // ---- Logging and escalation (DESIGN.md §3) ----------------------------------------------

  /**
   * One report call in the core's JSON form (a cold path): the input — `status`, or a
   * transport failure `kind` with `transport` — with, for a report, the history (verdicts or
   * attempt records, read and checked by the core) and `reproduces`.
   */
  function report(escalation, status, kind, transport, body, headers, request, options) {
    const json = {};
    if (kind === undefined) json.status = status;
    else {
      const { sent, detail } = transportParts(kind, transport);
      json.transport = { kind, sent: sent ?? null, detail: detail ?? null };
    }
    if (headers !== undefined && headers !== null) json.headers = headerPairs(headers);
    if (typeof body === 'string') json.body = body;
    else {
      const bytes = bodyBytes(body, 'body');
      if (bytes.length > 0) json.body_base64 = base64(bytes);
    }
    if (request !== undefined && request !== null) {
      encodeRequest(request); // the type checks and their messages
      json.request = {};
      for (const key of Object.keys(request)) {
        if (request[key] === undefined || request[key] === null) continue;
        if (key === 'now') json.now = request.now;
        else json.request[snake(key)] = request[key];
      }
    }
    if (escalation) {
      const { history, reproduces } = optionsObject('options', options, ['history', 'reproduces']);
      if (reproduces !== undefined && reproduces !== null && typeof reproduces !== 'boolean') typeError('options.reproduces', 'true, false or null', reproduces);
      if (reproduces !== undefined) json.reproduces = reproduces;
      if (history !== undefined && history !== null) {
        if (!Array.isArray(history)) typeError('options.history', 'an array of verdicts', history);
        json.history = history.map((v, i) => {
          if (v === null || typeof v !== 'object' || Array.isArray(v)) typeError(`options.history[${i}]`, 'a verdict object', v);
          const record = {};
          for (const key of Object.keys(v)) record[snake(key)] = v[key];
          return record;
        });
      }
    }
    const text = JSON.stringify(json);
    const wire = call(() => native.reportJson(escalation, text));
    if (wire.charCodeAt(0) !== 123 /* '{' */) raise(wire);
    if (!escalation) return camelKeys(JSON.parse(wire));
    return reportOf(wire);
  }

  function logFields(status, body, headers, request) {
    ready();
    if (!Number.isSafeInteger(status)) typeError('status', 'an integer', status);
    return report(false, status, undefined, undefined, body, headers, request);
  }

  function logFieldsTransport(kind, transport, request) {
    ready();
    return report(false, 0, kind, transport, undefined, undefined, request);
  }

  function escalationReport(status, body, headers, request, options) {
    ready();
    if (!Number.isSafeInteger(status)) typeError('status', 'an integer', status);
    return report(true, status, undefined, undefined, body, headers, request, options);
  }

  function escalationReportTransport(kind, transport, request, options) {
    ready();
    return report(true, 0, kind, transport, undefined, undefined, request, options);
  }

  // ---- withRetry: fetch under the policy ----------------------------------------------------

  /**
   * The request context for each attempt: `request`'s fields, and the method and
   * `Idempotency-Key` of `init` (a fetch `Request` or `RequestInit`; fetch's method is GET
   * when it names none) where `request` leaves them out. The core reads a failure without a
   * method as a safe request's, so an unsafe request must be named in one or the other.
   */
  function retryContext(request, init) {
    const context = {};
    if (init !== undefined && init !== null) {
      if (typeof init !== 'object') typeError('options.init', 'a Request or a RequestInit', init);
      const method = init.method;
      if (method !== undefined && method !== null && typeof method !== 'string') typeError('options.init.method', 'a string', method);
      context.method = method ?? 'GET';
      const key = headerValue(init.headers, 'idempotency-key');
      if (key !== null) context.idempotencyKey = key;
    }
    if (request !== undefined && request !== null) {
      for (const name of Object.keys(request)) if (request[name] !== undefined && request[name] !== null) context[name] = request[name];
    }
    return context;
  }

  /**
   * Calls `fn(attempt, { signal })` until the operation is done or stops: each result — the
   * response (its body read only when the core wants it), what fetch throws on the wire (read
   * by the core's client-error table), a body cut off while read — is fed to an `Operation`,
   * and this only carries out the step: return the response, sleep, refresh, call again, or
   * throw a `RetryStoppedError`. Each call's own time (`performance.now()`) counts in the
   * policy's time budget; with `attemptTimeoutMs`, an attempt running longer is aborted through
   * `signal` and is a `timeout` that may have been sent.
   */
  async function withRetry(fn, options) {
    ready();
    if (typeof fn !== 'function') typeError('fn', 'a function', fn);
    let { policy, budget, refresh, sleep, seed, request, init, attemptTimeoutMs, classifier } = optionsObject('options', options, WITH_RETRY_KEYS);
    if (refresh !== undefined && refresh !== null && typeof refresh !== 'function') typeError('options.refresh', 'a function', refresh);
    if (sleep === undefined || sleep === null) sleep = realSleep;
    else if (typeof sleep !== 'function') typeError('options.sleep', 'a function', sleep);
    if (attemptTimeoutMs !== undefined && attemptTimeoutMs !== null && !isWhole(attemptTimeoutMs)) typeError('options.attemptTimeoutMs', 'a whole number', attemptTimeoutMs);
    encodeRequest(request); // checked before the first call
    if (request !== undefined && request !== null && request.attempt !== undefined && request.attempt !== null) {
      typeError('options.request.attempt', 'nothing (the operation counts its attempts)', request.attempt);
    }
    const operation = new Operation({
      policy,
      seed,
      canRefresh: typeof refresh === 'function',
      request: retryContext(request, init),
      classifier,
    });
    const feedOptions = budget === undefined || budget === null ? undefined : { budget };
    for (let attempt = 1; ; ) {
      const started = performance.now();
      const outcome = await timedAttempt(fn, attempt, attemptTimeoutMs);
      const result = { callMs: Math.round(performance.now() - started) };
      if (outcome.timedOut) {
        result.timedOutMs = attemptTimeoutMs;
      } else if (outcome.error !== undefined) {
        const failure = transportFailure(outcome.error);
        if (failure === null) throw outcome.error;
        result.transport = failure;
      } else {
        result.status = outcome.response.status;
        result.headers = outcome.response.headers;
        if (outcome.cut !== undefined) {
          const cut = outcome.cut;
          result.bodyCut = String((cut && cut.message) || cut);
        } else if (outcome.body !== undefined) {
          result.body = outcome.body;
        }
      }
      const step = operation.feed(result, feedOptions);
      if (step.kind === 'done') return outcome.response;
      if (step.kind === 'stop') throw new RetryStoppedError(step, operation, { response: outcome.response, cause: outcome.error ?? outcome.cut ?? outcome.reason });
      if (step.kind === 'retry') await sleep(step.delayMs);
      else await refresh();
      attempt = step.attempt + 1;
    }
  }

  /**
   * One attempt: `fn`, and for a response whose body the core wants, its body (or what cut it
   * off), raced against `timeoutMs` when given (the attempt's `signal` is then aborted with a
   * TimeoutError).
   */
  async function timedAttempt(fn, attempt, timeoutMs) {
    const controller = new AbortController();
    const run = (async () => {
      let response;
      try {
        response = await fn(attempt, { signal: controller.signal });
      } catch (error) {
        return { error };
      }
      if (response === null || typeof response !== 'object' || typeof response.status !== 'number' || typeof response.arrayBuffer !== 'function') {
        typeError('response', 'a fetch Response', response);
      }
      if (!Number.isSafeInteger(response.status)) typeError('response.status', 'an integer', response.status);
      encodeHeaders(response.headers);
      if (!native.wantsBody(response.status)) return { response };
      try {
        return { response, body: new Uint8Array(await response.arrayBuffer()) };
      } catch (error) {
        // The caller's own abort is not a failure to classify; anything else cut the body off.
        if (error !== null && typeof error === 'object' && error.name === 'AbortError' && !controller.signal.aborted) throw error;
        return { response, cut: error };
      }
    })();
    if (timeoutMs === undefined || timeoutMs === null) return run;
    let timer;
    const expired = new Promise((resolve) => {
      timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs);
    });
    try {
      const outcome = await Promise.race([run, expired]);
      if (outcome.timedOut) {
        const reason = new DOMException('attempt timed out', 'TimeoutError');
        controller.abort(reason);
        run.catch(() => {}); // its late result is dropped
        return { timedOut: true, reason };
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  function rules() {
    ready();
    return ruleList;
  }

  function findRule(id) {
    ready();
    if (typeof id !== 'string') typeError('id', 'a string', id);
    return ruleById.get(id) ?? null;
  }

  return {
    load,
    /** For js/adapters.js: the same reading of the clients' objects as classifyResponse's. */
    clients: { readParts, readClient, prefixOf, headerList, header },
    api: {
      classify,
      classifyTransport,
      classifyJson,
      classifyMany,
      classifyManyAsync,
      classifyResponse,
      Classifier,
      rules,
      findRule,
      vocabulary: () => (ready(), vocabulary),
      limits: () => (ready(), limits),
      RetryPolicy,
      RetryBudget,
      IdempotencyGuard,
      Operation,
      transportFailure,
      otelAttributes,
      readInputs,
      logFields,
      logFieldsTransport,
      escalationReport,
      escalationReportTransport,
      withRetry,
      RetryStoppedError,
    },
  };
}

const encoder = new TextEncoder();

/** The operation under `withRetry` stopped: `.step` says why (its `message` is the core's sentence). */
class RetryStoppedError extends Error {
  /** `last`: `{ response, cause }`, the last attempt's response (the client's own object) or error. */
  constructor(step, operation, last) {
    super(step.message, last && last.cause !== undefined ? { cause: last.cause } : undefined);
    this.name = 'RetryStoppedError';
    /** The last attempt's response (a fetch Response, an axios or got response), or null. */
    this.response = (last && last.response) ?? null;
    this.step = step;
    /** The last failure's verdict. */
    this.verdict = step.verdict;
    /** Every failure's verdict, oldest first, the last one included. */
    this.history = operation.history;
    /** How many attempts were made. */
    this.attempts = step.attempt;
    this.operation = operation;
  }

  /** The escalation report for support: the last failure, after the earlier attempts. */
  report(options) {
    return this.operation.escalationReport(options);
  }
}

/** The value of header `name` (lower case) in a Headers, an array of pairs or an object; null when absent. */
function headerValue(headers, name) {
  if (headers === undefined || headers === null || typeof headers !== 'object') return null;
  if (typeof headers.get === 'function' && !Array.isArray(headers)) {
    const value = headers.get(name);
    return typeof value === 'string' ? value : null;
  }
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  for (const pair of pairs) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[0].toLowerCase() === name && typeof pair[1] === 'string') return pair[1];
  }
  return null;
}

// ---- Reading the clients' objects (classifyResponse, js/adapters.js): shape checks only ----

/** What a client said of a failure: its message, or the value as text. */
function messageOf(error) {
  return String((error !== null && typeof error === 'object' && error.message) || error);
}

function isFetchResponse(x) {
  return x !== null && typeof x === 'object' && typeof x.status === 'number' && typeof x.arrayBuffer === 'function' && x.headers !== null && typeof x.headers === 'object';
}

/** An axios response: `status`, `headers` (AxiosHeaders), `data`, `config`. */
function isAxiosResponse(x) {
  return x !== null && typeof x === 'object' && typeof x.status === 'number' && 'data' in x && x.config !== null && typeof x.config === 'object';
}

/** A got response (an http.IncomingMessage with got's `rawBody` and `request`). */
function isGotResponse(x) {
  return x !== null && typeof x === 'object' && typeof x.statusCode === 'number' && x.headers !== null && typeof x.headers === 'object' && 'rawBody' in x;
}

/** The method and Idempotency-Key a request was sent with (a fetch Request, axios config, got Options). */
function sentBy(request, headers) {
  const sent = {};
  if (request === null || typeof request !== 'object') return sent;
  if (typeof request.method === 'string') sent.method = request.method.toUpperCase();
  const key = header(headers, 'idempotency-key');
  if (key !== null) sent.idempotencyKey = key;
  return sent;
}

/**
 * Headers of any client as [name, value] pairs of strings: fetch Headers, AxiosHeaders
 * (through its toJSON), Node's and got's plain object with arrays (one pair per value) and
 * numbers; null and undefined values left out.
 */
function headerList(headers) {
  if (headers === null || typeof headers !== 'object') return [];
  if (typeof Headers === 'function' && headers instanceof Headers) return [...headers];
  const source = typeof headers.toJSON === 'function' ? headers.toJSON() : headers;
  const pairs = [];
  if (source === null || typeof source !== 'object') return pairs;
  for (const [name, value] of Object.entries(source)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) pairs.push([name, String(item)]);
    else pairs.push([name, String(value)]);
  }
  return pairs;
}

/** The value of header `name` (lower case) in any client's headers; null when absent. */
function header(headers, name) {
  for (const [key, value] of headerList(headers)) if (key.toLowerCase() === name) return value;
  return null;
}

/**
 * A body as the core reads it: bytes (ArrayBuffer, a view, a Buffer) or text as they are; any
 * other value (JSON an axios parsed) re-serialised by JSON.stringify — the same members and
 * values, white space and escapes may differ from the bytes sent; a stream is not read.
 */
function bodyOf(data) {
  if (data === null || data === undefined) return undefined;
  if (typeof data === 'string') return data;
  const bytes = bytesOf(data);
  if (bytes !== undefined) return bytes;
  if (typeof data === 'object' && typeof data.pipe === 'function') return undefined;
  try {
    const text = JSON.stringify(data);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined; // a cycle, a bigint: nothing the core could read
  }
}

function bytesOf(data) {
  if (data instanceof ArrayBuffer || Object.prototype.toString.call(data) === '[object ArrayBuffer]') return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return undefined;
}

/** setTimeout, in steps a timer accepts (at most 2^31 - 1 ms each). */
function realSleep(ms) {
  return new Promise((resolve) => {
    const wait = (left) => (left > 0x7fffffff ? setTimeout(() => wait(left - 0x7fffffff), 0x7fffffff) : setTimeout(resolve, left));
    wait(ms);
  });
}

/** The core's snake_case JSON as camelCase plain data (keys only; values untouched). */
function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const key of Object.keys(value)) out[key.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = camelKeys(value[key]);
  return out;
}

/** A number below 2^30 from two 15-bit code units (js/wire.rs `push_wide`). */
function wide(wire, at) {
  return (wire.charCodeAt(at) << 15) | wire.charCodeAt(at + 1);
}

/** A number as four 7-bit units at `at` (a verdict's header: js/wire.rs `push_ascii`). */
function ascii4(wire, at) {
  return (
    (wire.charCodeAt(at) << 21) |
    (wire.charCodeAt(at + 1) << 14) |
    (wire.charCodeAt(at + 2) << 7) |
    wire.charCodeAt(at + 3)
  );
}

/** Whether an ArrayBuffer was detached (transferred, or its worker's memory released). */
function isDetached(buffer) {
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  try {
    buffer.slice(0, 0);
    return false;
  } catch {
    return true;
  }
}

function isArrayBuffer(value) {
  return value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
}

/** How a JS value is named in a type error's "got" part. */
function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return 'a boolean';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return String(value);
      if (!Number.isInteger(value)) return `a fractional number (${value})`;
      return value < 0 ? `a negative number (${value})` : `a number (${value})`;
    case 'string':
      return 'a string';
    case 'bigint':
      return 'a bigint';
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
    default: {
      const name = value.constructor && value.constructor.name;
      return name && name !== 'Object' ? `a ${name}` : 'an object';
    }
  }
}

export { createApi };
