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
export type Outcome = 'not_applied' | 'unknown' | 'not_sent' | 'applied';

/** How a request failed when no response arrived. */
export type TransportKind = 'dns' | 'connect' | 'tls' | 'timeout' | 'reset' | 'other';

/** The authentication scheme the request used. */
export type AuthScheme = 'bearer' | 'basic' | 'api_key' | 'none';

/** What the retry policy says to do next. */
export type StepKind = 'retry' | 'refresh' | 'done' | 'stop';

/** Why the retry policy stopped. */
export type StopReason =
  | 'final'
  | 'attempts_exhausted'
  | 'time_budget_exhausted'
  | 'delay_too_long'
  | 'retry_signal_on_final_status'
  | 'refresh_failed'
  | 'retry_budget_empty'
  | 'refresh_unavailable';

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
  /** Route-specific context, parsed from the JSON the API sent; a number whose decimal exponent is
   * outside -307..307 (`1e400`) is its exact text, a string, never `Infinity` (the core's rule, as in Python). */
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
  /** Where the rule comes from (seed section, RFC, vendor documentation; a user rule's own `source`). */
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
  readonly stepKind: readonly StepKind[];
  readonly stopReason: readonly StopReason[];
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

/** One input in the JSON form: its JSON text, or the object itself (snake_case fields). */
export type JsonInput = string | { readonly [field: string]: unknown };

/**
 * Classifies many inputs in the JSON form in one native call: the verdicts in order, each what
 * `classify` gives for that input (`JSON.parse(classifyJson(text))`, camelCased). The first bad
 * input throws as `classifyJson` would for it (`SyntaxError`/`TypeError`/`RangeError`), its
 * `field` naming it (`inputs[3].status`); an input that is neither a string nor a plain object
 * is a `TypeError`.
 */
export function classifyMany(inputs: readonly JsonInput[]): Verdict[];

/**
 * `classifyMany` off the main thread: with the native addon (`backend === 'native'`) the inputs
 * are classified on a libuv worker thread while the event loop runs; on the WebAssembly build
 * (the errtriage-wasm package, or the Node package's fallback: no threads of its own) the
 * promise settles with the synchronous answer. Errors reject the promise.
 */
export function classifyManyAsync(inputs: readonly JsonInput[]): Promise<Verdict[]>;

/** An axios response (`AxiosResponse`) as `classifyResponse` reads it: `data` as axios left it. */
export interface AxiosResponseLike {
  readonly status: number;
  readonly headers: object;
  readonly data: unknown;
  readonly config: object;
}

/** A got response (`Response`, an `http.IncomingMessage` with got's `rawBody`). */
export interface GotResponseLike {
  readonly statusCode: number;
  readonly headers: object;
  readonly rawBody?: Uint8Array;
}

/**
 * What `classifyResponse` reads: a fetch `Response` (ky's too), an axios response, a got
 * response, or a client's error — an `AxiosError`, got's `RequestError` / `HTTPError` /
 * `ReadError` / `TimeoutError`, ky's `HTTPError`, what fetch threw.
 */
export type ClientResponse = ResponseLike | AxiosResponseLike | GotResponseLike | Error;

/**
 * Classifies a client's response or error: the status, headers and body (a fetch body is
 * consumed, as far as the core reads it; an axios body as axios parsed it, JSON re-serialised),
 * the method and `Idempotency-Key` the request was sent with unless `request` names them; a
 * body cut off while read is the partial response it is, an error with no response the
 * transport failure the core's client-error table makes of it. A `TypeError` (`.field`
 * 'response') for anything else, an error that is no failure on the wire included.
 */
export function classifyResponse(response: ClientResponse, request?: RequestContext | null): Promise<Verdict>;

/** Every rule of the model, in the core's order. */
export function rules(): readonly Rule[];

/** The rule with this id, or `null`. */
export function findRule(id: string): Rule | null;

// ---- Your own API's rules (issue 9) ---------------------------------------------------------

/** One value or a non-empty list of them. */
export type OneOrMore<T> = T | readonly T[];

/** A status (`403`), a class (`'4xx'`), a range (`[400, 499]`), or a list of these. */
export type StatusCondition = number | string | readonly [number, number] | readonly (number | string | readonly [number, number])[];

/** Words and phrases, matched whole (case ignored); a trailing `*` matches a prefix. */
export interface WordsCondition {
  /** Every entry must appear (an entry that is a list: any one of it). */
  all?: readonly (string | readonly string[])[];
  /** At least one must appear. */
  any?: readonly string[];
  /** None may appear. */
  none?: readonly string[];
}

/** A condition on a response header (its first value); exactly one test. */
export interface HeaderCondition {
  name: string;
  /** A parameter inside the value (`remaining` in `limit=10, remaining=0`). */
  param?: string;
  present?: boolean;
  /** Equal, ASCII case ignored. */
  equals?: string;
  /** The auth scheme of a `WWW-Authenticate` value. */
  scheme?: string;
  lt?: number;
  le?: number;
  eq?: number;
  ge?: number;
  gt?: number;
}

/** When a rule applies: every condition given must hold (at least one). */
export interface RuleConditions {
  shape?: OneOrMore<Shape>;
  /** The error code, exactly. */
  code?: OneOrMore<string>;
  /** The error code, ASCII case ignored. */
  code_ci?: OneOrMore<string>;
  /** The error's `type` member (typed contracts). */
  type?: OneOrMore<string>;
  /** The code split into words, whatever its casing or namespace. */
  code_words?: WordsCondition;
  message?: WordsCondition;
  status?: StatusCondition;
  not_status?: StatusCondition;
  /** Whether the status is 2xx. */
  success?: boolean;
  headers?: readonly HeaderCondition[];
  /** The request's method (case ignored). */
  method?: OneOrMore<string>;
  /** A prefix of the endpoint's path. */
  endpoint?: OneOrMore<string>;
  /** The endpoint URL's host (`.example.com` matches its subdomains). */
  host?: OneOrMore<string>;
  /** Transport failures of these kinds. */
  transport?: OneOrMore<TransportKind>;
  /** With `transport`: whether the request was sent. */
  sent?: 'yes' | 'no' | 'unknown';
  /** With `transport`: words of the failure's detail. */
  detail?: WordsCondition;
}

/** One rule of a rules document. */
export interface UserRule {
  /** `family.name` in a family of your own (`acme.quota_exceeded`). */
  id: string;
  when: RuleConditions;
  category: Category;
  action: Action;
  hint: string;
  source: string;
}

/** A rules document, schema version 1: your rules, and built-in rules switched off by id. */
export interface RulesDocument {
  errtriage_rules: 1;
  rules: readonly UserRule[];
  disable?: readonly string[];
}

/**
 * The built-in rules with your rules document over them: your rules win, `disable` switches
 * built-ins off, and a verdict one of your rules decided names it in `rule` (with its hint).
 * The document is a string (the JSON text) or the object itself; the core checks it whole and
 * the constructor throws an `ArgumentError` naming its JSON path (`rules[3].when.status`):
 * `SyntaxError` for JSON that does not parse, `TypeError` for a wrong type, `RangeError` for a
 * wrong value. The module-level functions keep using the built-in rules.
 */
export class Classifier {
  constructor(rules: string | RulesDocument);
  /** `classify` with these rules. */
  classify(status: number, body?: Body | null, headers?: HeadersInput | null, request?: RequestContext | null): Verdict;
  /** `classifyTransport` with these rules. */
  classifyTransport(kind: TransportKind, transport?: TransportFailure | null, request?: RequestContext | null): Verdict;
  /** `classifyJson` with these rules. */
  classifyJson(text: string): string;
  /** `classifyMany` with these rules. */
  classifyMany(inputs: readonly JsonInput[]): Verdict[];
  /** `classifyManyAsync` with these rules. */
  classifyManyAsync(inputs: readonly JsonInput[]): Promise<Verdict[]>;
  /** `classifyResponse` with these rules. */
  classifyResponse(response: ClientResponse, request?: RequestContext | null): Promise<Verdict>;
  /** Every rule in the order they are consulted: yours first, then the built-ins left on. */
  rules(): readonly Rule[];
  /** The rule with this id, or `null` (a built-in switched off is `null`). */
  rule(id: string): Rule | null;
  /** Every rule as one rules document (the form `errtriage rules --json` prints). */
  rulesJson(): string;
}

/** The vocabularies, in the core's declaration order. */
export function vocabulary(): Vocabulary;

/** The core's limits. */
export function limits(): Limits;

// ---- Across attempts (DESIGN.md §2) -------------------------------------------------------

/** A retry policy's configuration; times in milliseconds. Every field left out takes the core's default. */
export interface RetryPolicyOptions {
  /** Attempts in all, the first included (a refresh-then-retry counts as one). */
  maxAttempts?: number | null;
  /** The most time the delays between attempts may add up to. */
  maxElapsedMs?: number | null;
  /** Backoff base for transient failures: the n-th retry waits up to `base · 2ⁿ⁻¹`. */
  baseDelayMs?: number | null;
  /** Backoff base for throttling (`rate_limited`). */
  rateLimitedBaseMs?: number | null;
  /** The cap on one backoff delay. */
  maxDelayMs?: number | null;
  /** A server-given delay above this stops with `escalate` rather than sleeping that long. */
  maxServerDelayMs?: number | null;
}

/**
 * Bounded retries with capped exponential backoff and full jitter, at most one credential
 * refresh, the server's delay when within the cap. The resolved configuration (core defaults
 * filled in) is on the object, frozen. Invalid values throw a `RangeError` worded by the core
 * (`.field` is the core's name, e.g. `'max_attempts'`); wrong types a `TypeError`.
 */
export class RetryPolicy {
  constructor(options?: RetryPolicyOptions | null);
  readonly maxAttempts: number;
  readonly maxElapsedMs: number;
  readonly baseDelayMs: number;
  readonly rateLimitedBaseMs: number;
  readonly maxDelayMs: number;
  readonly maxServerDelayMs: number;
  /**
   * A new operation under this policy. With `seed` (0 ≤ seed < 2^64), the draws `next()` is
   * not given come from the core's SplitMix64 seeded with it — the same delays in every
   * language; without, from `Math.random()`.
   */
  start(options?: { seed?: number | bigint | null } | null): Attempts;
}

/** The fields of a verdict the policy reads. */
export type PolicyVerdict = Pick<Verdict, 'action' | 'category' | 'retryAfterMs'>;

/** One operation's progress under a `RetryPolicy` (from `policy.start()`). */
export interface Attempts {
  /**
   * The next step after the failure `verdict` describes. `draw` is the jitter's random number
   * in [0, 1) (`RangeError` outside); `budget` is charged for a retry. Once a step is `stop`,
   * every later call answers the same stop.
   */
  next(verdict: PolicyVerdict, options?: { draw?: number | null; budget?: RetryBudget | null } | null): Step;
  /**
   * Reports how long an attempt's call took (ms, measured with a monotonic clock): counted in
   * `elapsedMs` against the policy's `maxElapsedMs`.
   */
  recordCallMs(ms: number): void;
  /** Failures fed in so far. */
  readonly failures: number;
  /** The time taken so far: the delays granted plus the calls' reported time (ms). */
  readonly elapsedMs: number;
  /** Whether the one credential refresh has been used. */
  readonly refreshed: boolean;
}

/** Wait `delayMs`, then send the same request again (same idempotency key, same payload). */
export interface RetryStep {
  kind: 'retry';
  delayMs: number;
  action: null;
  reason: null;
  message: null;
}

/** Refresh the credentials, then send the request again at once (granted once per operation). */
export interface RefreshStep {
  kind: 'refresh';
  delayMs: null;
  action: null;
  reason: null;
  message: null;
}

/** Do not send it again: do `action` instead, for `reason` (`message` says it for a person). */
export interface StopStep {
  kind: 'stop';
  delayMs: null;
  action: Action;
  reason: StopReason;
  message: string;
}

/** The policy's answer: plain data, the same five keys always, `null` where absent. */
export type Step = RetryStep | RefreshStep | StopStep;

/** A retry budget's size and costs; fields left out take the core's defaults. */
export interface RetryBudgetOptions {
  capacity: number;
  /** Tokens a retry of a transient failure takes. */
  transientCost: number;
  /** Tokens a retry of a throttled (`rate_limited`) failure takes. */
  throttledCost: number;
  /** Tokens a success gives back. */
  successRefill: number;
}

/** A token bucket shared across operations: retries draw from it, successes refill it. */
export class RetryBudget {
  constructor(options?: RetryBudgetOptions | null);
  /** A request succeeded: return tokens to the bucket. */
  recordSuccess(): void;
  readonly tokens: number;
  readonly capacity: number;
}

/** The payload of a send: text (as UTF-8) or bytes. */
export type Payload = string | Uint8Array | ArrayBuffer | ArrayBufferView;

/** One idempotency key per payload; a key reused with a changed payload is refused. */
export class IdempotencyGuard {
  /** Remembers up to `capacity` key/payload pairs (the oldest go first); the core's default when absent. */
  constructor(options?: { capacity?: number | null } | null);
  /**
   * The key for `payload`: the one it already has, or a new UUIDv4 made from `random` (16
   * bytes; default `crypto.getRandomValues`).
   */
  keyFor(payload: Payload, options?: { random?: Uint8Array | null } | null): string;
  /** Throws a `RangeError` with `.field === 'idempotency_key'` when `key` went with another payload (or is empty). */
  check(key: string, payload: Payload): void;
  /** Forgets `key` (its operation finished). */
  forget(key: string): void;
  /** How many key/payload pairs are remembered. */
  readonly size: number;
}

// ---- Logging and escalation (DESIGN.md §3) ---------------------------------------------------

/** The fields to log for every failure (endpoint redacted), in the core's order. */
export interface LogFields {
  endpoint: string | null;
  method: string | null;
  status: number | null;
  /** Unix seconds: the request's `now`, else the response's `Date`. */
  requestTimestamp: number | null;
  requestId: string | null;
  messageId: string | null;
  externalReference: string | null;
  idempotencyKey: string | null;
}

/** One attempt as `escalationReport` takes it: a verdict, or these fields of one. */
export type AttemptLike = Pick<Verdict, 'status' | 'rule' | 'action' | 'retryAfterMs' | 'requestId'>;

export interface EscalationOptions {
  /** The earlier attempts' verdicts, oldest first (`RetryStoppedError.history`). */
  history?: readonly AttemptLike[] | null;
  /** Whether the failure reproduces consistently, when known. */
  reproduces?: boolean | null;
}

/** Everything support needs, redacted (the core's report, camelCase), and `text` for a ticket. */
export interface EscalationReport {
  endpoint: string | null;
  method: string | null;
  status: number | null;
  requestTimestamp: number | null;
  requestId: string | null;
  idempotencyKey: string | null;
  messageId: string | null;
  externalReference: string | null;
  reproduces: boolean | null;
  tokenFresh: boolean | null;
  shape: Shape;
  category: Category;
  action: Action;
  rule: string;
  hint: string;
  code: string | null;
  /** The API's message, redacted. */
  message: string | null;
  transport: { kind: TransportKind; sent: boolean | null; detail: string | null } | null;
  /** The response headers, secret values redacted. */
  headers: [string, string][];
  /** The error body (its first 64 KiB), redacted. */
  body: string | null;
  /** Every attempt, this one last. */
  attempts: { attempt: number; status: number | null; rule: string; action: Action; retryAfterMs: number | null; requestId: string | null }[];
  /** The same report as readable text. */
  text: string;
}

/** The log fields of a failed response (same arguments as `classify`). */
export function logFields(status: number, body?: Body | null, headers?: HeadersInput | null, request?: RequestContext | null): LogFields;

/** The log fields of a failure with no response (same arguments as `classifyTransport`). */
export function logFieldsTransport(kind: TransportKind, transport?: TransportFailure | null, request?: RequestContext | null): LogFields;

/** The escalation report of a failed response, after the attempts in `options.history`. */
export function escalationReport(status: number, body?: Body | null, headers?: HeadersInput | null, request?: RequestContext | null, options?: EscalationOptions | null): EscalationReport;

/** The escalation report of a failure with no response. */
export function escalationReportTransport(kind: TransportKind, transport?: TransportFailure | null, request?: RequestContext | null, options?: EscalationOptions | null): EscalationReport;

// ---- withRetry --------------------------------------------------------------------------------

/** What `withRetry`'s `fn` returns: a fetch `Response` (`ok` for 2xx). */
export interface FetchResponseLike extends ResponseLike {
  readonly ok: boolean;
}

export interface WithRetryOptions {
  /** The policy (default: `new RetryPolicy()`). */
  policy?: RetryPolicy | null;
  /** Charged for each retry; refilled on success. */
  budget?: RetryBudget | null;
  /** Called on a `refresh` step, before the call is made again; without it, a refresh the verdict asks for stops the operation (`refresh_unavailable`). */
  refresh?: (() => unknown) | null;
  /** Waits `ms` (default: a real timer); tests pass a recorder. */
  sleep?: ((ms: number) => unknown) | null;
  /** Seeds the jitter (see `RetryPolicy.start`). */
  seed?: number | bigint | null;
  /** The request every attempt sends (the operation counts attempts: no `attempt`). */
  request?: RequestContext | null;
  /** Classifies the failures (default: the built-in model). */
  classifier?: Classifier | null;
  /**
   * The fetch `Request` or `RequestInit` that `fn` sends: its method (GET when it names none)
   * and `Idempotency-Key` header are passed to the core where `request` leaves them out. The
   * core reads a failure without a method as a safe request's: name an unsafe one here or in
   * `request`.
   */
  init?: { method?: string | null; headers?: unknown } | null;
  /** Gives up on an attempt after this many ms (aborting `signal`): a `timeout` that may have been sent. */
  attemptTimeoutMs?: number | null;
}

/** What `withRetry` passes to `fn` with the attempt number. */
export interface AttemptOptions {
  /** Aborted when the attempt passes `attemptTimeoutMs`: pass it to fetch. */
  signal: AbortSignal;
}

/**
 * Calls `fn(attempt, { signal })` (attempt from 1) and feeds each result to an `Operation` — a
 * response (its body read only when `Operation.wantsBody(status)`), what fetch throws on the
 * wire (read by `transportFailure`), a body cut off while read (the status with a `reset`: a
 * partial response), an attempt past `attemptTimeoutMs` — each call's own time counted in the
 * time budget. A `done` step returns the response, a `retry` step sleeps, a `refresh` step calls
 * `refresh()`, a `stop` step throws `RetryStoppedError`. Anything else fn throws (a bug, an
 * `AbortError` from the caller's own signal) is thrown unchanged.
 */
export function withRetry<R extends FetchResponseLike>(fn: (attempt: number, options: AttemptOptions) => R | Promise<R>, options?: WithRetryOptions | null): Promise<R>;

/** The operation under `withRetry` stopped; the message is the core's sentence. */
export class RetryStoppedError extends Error {
  name: 'RetryStoppedError';
  /** The stop: its action, reason and message. */
  step: OperationStep & { kind: 'stop'; action: Action; reason: StopReason; message: string };
  /** The verdict of the last attempt. */
  verdict: Verdict;
  /** Every failure's verdict, oldest first, the last one included. */
  history: Verdict[];
  /** How many calls were made. */
  attempts: number;
  /** The operation that stopped. */
  operation: Operation;
  /** The last attempt's response (a fetch Response, an axios or got response), or null. */
  response: unknown;
  /**
   * The last attempt's error, when there was one: the client's own (an AxiosError, got's
   * HTTPError or RequestError, what fetch threw), what cut a body off, or the `TimeoutError`
   * of `withRetry`'s attempt timeout.
   */
  cause?: unknown;
  /** The escalation report for support. */
  report(options?: { reproduces?: boolean | null } | null): EscalationReport;
}

// ---- The operation driver ---------------------------------------------------------------------

/** How an operation starts. */
export interface OperationOptions {
  policy?: RetryPolicy | null;
  /** Seeds the jitter draws (the core's SplitMix64). */
  seed?: number | bigint | null;
  /** Whether the caller can refresh credentials when asked. */
  canRefresh?: boolean | null;
  /** The request every attempt sends (no `attempt`: the operation counts). */
  request?: RequestContext | null;
  /** Classifies the failures (default: the built-in model). */
  classifier?: Classifier | null;
}

/** One attempt's result: a response, a response whose body was cut off, or a transport failure. */
export interface AttemptResult {
  status?: number | null;
  headers?: HeadersInput | null;
  body?: Body | null;
  transport?: (TransportFailure & { kind: TransportKind }) | null;
  /** The body was cut off while read: what the client said (a partial response, sent). */
  bodyCut?: string | null;
  /** You gave up on the attempt after this many ms (a timeout that may have been sent). */
  timedOutMs?: number | null;
  now?: number | null;
  /** What the attempt was seen sending. */
  request?: { method?: string | null; idempotencyKey?: string | null } | null;
  /** The call's own time, from a monotonic clock. */
  callMs?: number | null;
  /** The request body sent: a keyed operation is held to the first one. */
  payload?: Body | null;
}

/** The driver's answer to one attempt. */
export interface OperationStep {
  kind: StepKind;
  delayMs: number | null;
  action: Action | null;
  reason: StopReason | null;
  /** For a stop, the core's sentence for a person. */
  message: string | null;
  /** The number of the attempt just fed. */
  attempt: number;
  elapsedMs: number;
  /** That attempt's verdict (null for a success). */
  verdict: Verdict | null;
}

/** One operation under the core's driver: feed each attempt's result, do what the step says. */
export class Operation {
  constructor(options?: OperationOptions | null);
  /** Whether to read the body of a response with this status before feeding it. */
  static wantsBody(status: number): boolean;
  feed(attempt: AttemptResult, options?: { draw?: number | null; budget?: RetryBudget | null } | null): OperationStep;
  /** Every failure's verdict so far, oldest first, the last one included. */
  readonly history: Verdict[];
  /** After a stop, the escalation report; else null. */
  escalationReport(options?: { reproduces?: boolean | null } | null): EscalationReport | null;
}

/** The OpenTelemetry attributes of a verdict (semantic-convention names; errtriage's own under `errtriage.`). */
export interface OtelAttributes {
  'error.type'?: string;
  'http.response.status_code'?: number;
  'http.request.resend_count'?: number;
  'errtriage.rule': string;
  'errtriage.category': Category;
  'errtriage.action': Action;
}

/** A verdict's OpenTelemetry attributes as attempt `attempt` (1 for the first). */
export function otelAttributes(verdict: Verdict, options?: { attempt?: number | null } | null): OtelAttributes;

/** A format the core's input readers read. */
export type InputFormat = 'har' | 'http' | 'ndjson';

/**
 * One failure read from a document: where it stands (`entry` of a HAR, `response` of a curl
 * stream, `line` of a log; exactly one of them), and either `input` (the JSON form, for
 * `classifyJson`) or `error`; `url` for a HAR entry, `extra` for a log line's own members.
 */
export interface ReadItem {
  entry?: number;
  response?: number;
  line?: number;
  input?: string;
  error?: string;
  url?: string;
  extra?: { [name: string]: unknown };
}

/** What `readInputs` read: the format, one item per failure in order, and the successes skipped. */
export interface ReadInputs {
  format: InputFormat;
  items: ReadItem[];
  skipped: number;
}

/**
 * Reads a HAR file, `curl -si` output or an NDJSON log (text or bytes) with the core's readers;
 * `format` absent: guessed from the first bytes. Throws a RangeError when the document is not
 * of its format (a HAR without `log.entries`) or the format is unknown.
 */
export function readInputs(data: string | Uint8Array | ArrayBuffer, options?: { format?: InputFormat | null } | null): ReadInputs;

/** What the core's client-error table reads in an error a client threw: null when it is not a transport failure. */
export function transportFailure(error: unknown, message?: string | null): { kind: TransportKind; sent: boolean | null; detail: string } | null;

/** The package version (the workspace version of the Rust crates). */
export const version: string;

/**
 * Which build of the core answers: `'native'` (the platform's prebuilt addon, package
 * `errtriage-<platform>`) or `'wasm'` (the WebAssembly build: always in errtriage-wasm, and the
 * Node package's fallback where no addon loads). `ERRTRIAGE_BACKEND=native|wasm` forces either.
 */
export const backend: 'native' | 'wasm';

/** Options of the client adapters (js/adapters.js): the driver's settings, no retry rules. */
export interface AdapterOptions {
  policy?: RetryPolicy | null;
  budget?: RetryBudget | null;
  seed?: number | bigint | null;
  classifier?: Classifier | null;
  request?: Omit<RequestContext, 'attempt' | 'method' | 'idempotencyKey'> | null;
  /** Renew the credentials (the step said refresh); axios adapters: may return headers to set on the later attempts. */
  refresh?: (() => Record<string, string> | Headers | void | Promise<Record<string, string> | Headers | void>) | null;
  sleep?: ((ms: number) => Promise<void>) | null;
}
/** Installs the driver on an axios instance (interceptors); returns a function removing them. */
export function installAxiosRetry(instance: { interceptors: { request: { use(...args: any[]): number; eject(id: number): void }; response: { use(...args: any[]): number; eject(id: number): void } }; request(config: any): Promise<any> }, options?: AdapterOptions | null): () => void;
export interface KyAdapterOptions extends Omit<AdapterOptions, 'refresh'> {
  /** Renew the credentials; may return headers to set on the later attempts. */
  refresh?: ((request: Request) => HeadersInit | void | Promise<HeadersInit | void>) | null;
  attemptTimeoutMs?: number | null;
  fetch?: ((request: Request) => Promise<Response>) | null;
}
/**
 * Options for axios-retry 4.x (`axiosRetry(instance, axiosRetryOptions(options))`): one
 * operation per request decides every retry (`validateResponse`, `retryCondition`), `onRetry`
 * sleeps and refreshes, a stop rejects with a `RetryStoppedError`.
 */
export function axiosRetryOptions(options?: AdapterOptions | null): {
  retries: number;
  shouldResetTimeout: true;
  retryDelay: (retryCount: number, error: any) => number;
  validateResponse: (response: any) => boolean;
  retryCondition: (error: any) => boolean;
  onRetry: (retryCount: number, error: any, requestConfig: any) => Promise<void>;
};
export interface GotAdapterOptions extends Omit<AdapterOptions, 'refresh'> {
  /** Renew the credentials (given got's Options); may return headers to set on the later attempts. */
  refresh?: ((options: any) => Record<string, string> | Headers | void | Promise<Record<string, string> | Headers | void>) | null;
  /** Each attempt's own timeout (got's `timeout.request`). */
  attemptTimeoutMs?: number | null;
}
/**
 * Options for got 14 (`got.extend(gotRetry(options))`): got's retry asks one operation per
 * request (`calculateDelay`, whatever got's limit, methods and status codes say); a stop
 * rejects with a `RetryStoppedError` (`beforeError`).
 */
export function gotRetry(options?: GotAdapterOptions | null): {
  throwHttpErrors: true;
  retry: { limit: number; enforceRetryRules: false; calculateDelay: (retryObject: { error: any; computedValue: number }) => Promise<number> };
  hooks: { beforeRequest: ((options: any) => void)[]; beforeError: ((error: any) => Error)[] };
  timeout?: { request: number };
};
/** Options for `ky.extend(...)`: ky's retry off, its fetch replaced by withRetry over fetch. */
export function kyHooks(options?: KyAdapterOptions | null): { retry: 0; timeout: false; throwHttpErrors: true; fetch: (input: Request | URL | string, init?: RequestInit) => Promise<Response> };
