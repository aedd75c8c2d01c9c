// The JavaScript face of errtriage, shared word for word by the Node addon package
// (`errtriage`) and the WebAssembly package (`errtriage-wasm`): argument checks and
// normalisation on the way in, decoding of the compact wire (js/wire.rs) on the way out.
//
// Written once here; each package's build copies it in (as ESM, or as CommonJS for the
// addon) and hands it its native half. No rule, table, default or message lives here: the
// vocabularies and the rule table come from the core at load, value checks happen in the
// core, and even the type errors raised here are worded by the core (`Error::wrong_type`).

const TAG_VERDICT = 0;
/** Error classes by the wire's error kind: the core's Syntax, Type, Value, then internal. */
const ERROR_CLASSES = [SyntaxError, TypeError, RangeError, Error];
const REQUEST_KEYS = ['method', 'endpoint', 'idempotencyKey', 'tokenFresh', 'auth', 'attempt', 'now'];
const TRANSPORT_KEYS = ['sent', 'detail'];
const EMPTY = new Uint8Array(0);

/**
 * Builds the public API over a native half (napi addon or wasm-bindgen module) exposing
 * `classifyBytes`, `classifyText`, `classifyTransport`, `classifyJson`, `argumentError`, `meta`
 * and, for wasm, `takePanic`. `load()` must run once the native half is ready (synchronously for the addon
 * and Node wasm, after `init()` in browsers); calls before it throw.
 */
function createApi(native, packageVersion) {
  // Filled by load(): vocabularies, rule table (ids and hints interned), limits.
  let shapes = null;
  let categories, actions, outcomes, ruleIds, hints, ruleList, ruleById, vocabulary, limits;
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
    ruleList = Object.freeze(meta.rules.map((r) => Object.freeze(r)));
    ruleIds = ruleList.map((r) => r.id);
    hints = ruleList.map((r) => r.hint);
    ruleById = new Map(ruleList.map((r) => [r.id, r]));
    categories = v.category;
    actions = v.action;
    outcomes = v.outcome;
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

  function decode(wire) {
    if (wire.charCodeAt(0) !== TAG_VERDICT) raise(wire);
    const status = wire.charCodeAt(6);
    const rule = wire.charCodeAt(7);
    const retryAfter = wide(wire, 8);
    const codeLength = wide(wire, 10);
    const messageLength = wide(wire, 12);
    const requestIdLength = wide(wire, 14);
    const detailsLength = wide(wire, 16);
    let at = 18;
    let code = null;
    if (codeLength !== 0) code = wire.slice(at, (at += codeLength - 1));
    let message = null;
    if (messageLength !== 0) message = wire.slice(at, (at += messageLength - 1));
    let requestId = null;
    if (requestIdLength !== 0) requestId = wire.slice(at, (at += requestIdLength - 1));
    let details = null;
    if (detailsLength !== 0) details = JSON.parse(wire.slice(at, at + detailsLength - 1));
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
      hint: hints[rule],
      rule: ruleIds[rule],
    };
  }

  /** A non-string `body` as bytes (an empty body when absent). */
  function bodyBytes(body) {
    if (body instanceof Uint8Array) return body;
    if (body === undefined || body === null) return EMPTY;
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    if (isArrayBuffer(body)) return new Uint8Array(body);
    return typeError('body', 'a string, Uint8Array, Buffer or ArrayBuffer', body);
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
    else if (Number.isInteger(attempt) && attempt >= 0 && attempt <= 0xffffffff) out += attempt + ';';
    else typeError('request.attempt', 'a whole number', attempt);
    if (now !== undefined) present++;
    if (now === undefined || now === null) out += '~';
    else if (Number.isSafeInteger(now)) out += now + ';';
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

  function classify(status, body, headers, request) {
    ready();
    if (!Number.isSafeInteger(status)) typeError('status', 'an integer', status);
    return classifyEncoded(status, body, encodeHeaders(headers), encodeRequest(request));
  }

  function classifyEncoded(status, body, headers, request) {
    let wire;
    try {
      if (typeof body === 'string') wire = native.classifyText(status, body, headers, request);
      else wire = native.classifyBytes(status, bodyBytes(body), headers, request);
    } catch (error) {
      guard(error);
    }
    return decode(wire);
  }

  function classifyTransport(kind, transport, request) {
    ready();
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
    const encoded = encodeRequest(request);
    let wire;
    try {
      wire = native.classifyTransport(kind, sent, detail, encoded);
    } catch (error) {
      guard(error);
    }
    return decode(wire);
  }

  function classifyJson(text) {
    ready();
    if (typeof text !== 'string') typeError('text', 'a string', text);
    let wire;
    try {
      wire = native.classifyJson(text);
    } catch (error) {
      guard(error);
    }
    if (wire.charCodeAt(0) !== 123 /* '{' */) raise(wire);
    return wire;
  }

  async function classifyResponse(response, request) {
    ready();
    if (response === null || typeof response !== 'object' || typeof response.status !== 'number' || typeof response.arrayBuffer !== 'function') {
      typeError('response', 'a fetch Response', response);
    }
    if (!Number.isSafeInteger(response.status)) typeError('response.status', 'an integer', response.status);
    // Every argument is checked before the body is consumed.
    const headers = encodeHeaders(response.headers);
    const encoded = encodeRequest(request);
    const body = new Uint8Array(await response.arrayBuffer());
    return classifyEncoded(response.status, body, headers, encoded);
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
    api: {
      classify,
      classifyTransport,
      classifyJson,
      classifyResponse,
      rules,
      findRule,
      vocabulary: () => (ready(), vocabulary),
      limits: () => (ready(), limits),
    },
  };
}

/** A number below 2^30 from two 15-bit code units (js/wire.rs `push_wide`). */
function wide(wire, at) {
  return (wire.charCodeAt(at) << 15) | wire.charCodeAt(at + 1);
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
