// Types of errtriage's JavaScript API, shared word for word by `errtriage` (Node addon) and
// `errtriage-wasm` (WebAssembly). The unions list the core's vocabulary; the test command
// checks them against the real build (`vocabulary()`), and a usage file with `tsc --strict`.

/** Which error contract the response body follows. */
export type Shape =
  | 'transport'
  | 'oauth'
  | 'core_wrapper'
  | 'flat'
  | 'problem'
  | 'google'
  | 'aws_json'
  | 'aws_xml'
  | 'odata'
  | 'typed'
  | 'graphql'
  | 'jsonapi'
  | 'envelope'
  | 'json'
  | 'html'
  | 'text'
  | 'empty'
  | 'malformed';

/** What kind of failure this is. */
export type Category =
  | 'invalid_request'
  | 'authentication'
  | 'authorization'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'transient'
  | 'rejected'
  | 'unknown';

/** What the caller should do next. */
export type Action =
  | 'retry'
  | 'refresh_credentials'
  | 'fix_request'
  | 'fix_configuration'
  | 'reconcile'
  | 'stop'
  | 'escalate';

/** Did the server apply the request? */
export type Outcome = 'not_applied' | 'unknown' | 'not_sent';

/** How a request failed when no response arrived. */
export type TransportKind = 'dns' | 'connect' | 'tls' | 'timeout' | 'reset' | 'other';

/** The authentication scheme the request used. */
export type AuthScheme = 'bearer' | 'basic' | 'api_key' | 'none';

/** JSON as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** What one failed call means and what to do about it. Plain data: every key always present, `null` when absent. */
export interface Verdict {
  shape: Shape;
  category: Category;
  action: Action;
  /** `true` exactly when `action` is `'retry'`. */
  retryable: boolean;
  outcome: Outcome;
  /** The HTTP status; `null` for a transport failure. */
  status: number | null;
  /** The machine-readable code, as the API sent it. */
  code: string | null;
  /** The human-readable message, as the API sent it. */
  message: string | null;
  /** The request id, from the body or the usual headers. */
  requestId: string | null;
  /** Route-specific context, parsed from the JSON the API sent. */
  details: JsonValue | null;
  /** The delay the server asked for, in milliseconds (capped at one day). */
  retryAfterMs: number | null;
  /** One short sentence on what to do. */
  hint: string;
  /** The id of the rule that decided (see `rules()`). */
  rule: string;
}

/** One line of the model. */
export interface Rule {
  readonly id: string;
  /** `null` for rules that adjust the action and keep the category. */
  readonly category: Category | null;
  readonly action: Action;
  readonly hint: string;
  /** Where the rule comes from (seed section, RFC, vendor documentation). */
  readonly source: string;
}

/** The response body: text, or bytes as received. */
export type Body = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/**
 * A WHATWG `Headers`, or any iterable of `[name, value]` pairs (such as a `Map`). The
 * `forEach` form types a `Headers` where the `dom.iterable` lib is not loaded.
 */
export type HeaderPairs = Iterable<readonly [string, string]> | { forEach(callback: (value: string, name: string) => void): void };

/** Response headers: a record (repeated names as arrays), `[name, value]` pairs, or a `Headers`. */
export type HeadersInput = Readonly<Record<string, string | readonly string[] | undefined>> | HeaderPairs;

/** What the caller knows about the request that failed. Every field is optional. */
export interface RequestContext {
  /** The HTTP method (`'POST'`, …). */
  method?: string | null;
  /** The endpoint path or URL that was called. */
  endpoint?: string | null;
  /** The `Idempotency-Key` the request carried. */
  idempotencyKey?: string | null;
  /** `true` when the bearer token was acquired just before this call. */
  tokenFresh?: boolean | null;
  auth?: AuthScheme | null;
  /** Which attempt this was, from 1. */
  attempt?: number | null;
  /** The current unix time in seconds, for an HTTP-date `Retry-After` with no `Date` header. */
  now?: number | null;
}

/** A failure with no response. */
export interface TransportFailure {
  /** Was the request fully written? `null`/absent: unknown. */
  sent?: boolean | null;
  /** The client library's own words (`'getaddrinfo ENOTFOUND api.example.com'`). */
  detail?: string | null;
}

/** What `classifyResponse` reads from a fetch `Response`. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: HeaderPairs;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The core's vocabularies, in declaration order. */
export interface Vocabulary {
  readonly shape: readonly Shape[];
  readonly category: readonly Category[];
  readonly action: readonly Action[];
  readonly outcome: readonly Outcome[];
  readonly transportKind: readonly TransportKind[];
  readonly auth: readonly AuthScheme[];
}

/** The core's limits. */
export interface Limits {
  /** Lowest and highest status accepted. */
  readonly statusRange: readonly [number, number];
  /** The cap on `retryAfterMs`. */
  readonly maxRetryAfterMs: number;
  /** How much of a body is read; a longer body is classified from this prefix. */
  readonly bodyPrefixBytes: number;
}

/** Errors thrown for invalid arguments carry the dotted name of the field at fault. */
export interface ArgumentError extends Error {
  /** `'status'`, `'request.attempt'`, `'headers[2]'`, … (empty for the whole input). */
  field: string;
}

/**
 * Loads the WebAssembly module (browsers: once, before anything else; idempotent). `input`
 * is the `.wasm`'s URL, its bytes, a `Response` or a compiled `WebAssembly.Module`. In Node
 * both packages are ready on import and this resolves at once.
 */
export function init(input?: string | object): Promise<void>;

/**
 * Classifies a response. Throws `TypeError` for a wrong argument type and `RangeError` for a
 * status outside 100..=599 or an invalid request value (an `ArgumentError` naming the field).
 */
export function classify(status: number, body?: Body | null, headers?: HeadersInput | null, request?: RequestContext | null): Verdict;

/** Classifies a failure with no response (DNS, connect, TLS, timeout, reset, other). */
export function classifyTransport(kind: TransportKind, transport?: TransportFailure | null, request?: RequestContext | null): Verdict;

/**
 * The JSON form (one input object in, the canonical verdict JSON out, snake_case, byte for
 * byte what every errtriage binding returns). Throws `SyntaxError` when `text` is not JSON,
 * `TypeError`/`RangeError` for a wrong field.
 */
export function classifyJson(text: string): string;

/** Reads a fetch `Response`'s status, headers and body (consuming it), and classifies it. */
export function classifyResponse(response: ResponseLike, request?: RequestContext | null): Promise<Verdict>;

/** Every rule of the model, in the core's order. */
export function rules(): readonly Rule[];

/** The rule with this id, or `null`. */
export function findRule(id: string): Rule | null;

/** The vocabularies, in the core's declaration order. */
export function vocabulary(): Vocabulary;

/** The core's limits. */
export function limits(): Limits;

/** The package version (the workspace version of the Rust crates). */
export const version: string;
