// Adapters for axios, axios-retry, ky and got over the shared API (js/api.js), the same file in
// both JS packages (copied by js/build.mjs). They only translate each client's responses and
// errors into what the core's `Operation` is fed (the reading is classifyResponse's, from
// js/api.js), and carry out its step (sleep, refresh, send again, stop): no retry decision,
// transport table, default or message text lives here. One Operation per request, whatever the
// client's own retry settings say.
// The clients are optional peer dependencies: nothing here imports them.

function createAdapters(api, clients) {
  const { Operation, transportFailure, withRetry, RetryStoppedError } = api;
  const { readParts, prefixOf, headerList, header } = clients;
  const KEYS = ['policy', 'budget', 'refresh', 'sleep', 'seed', 'request', 'classifier'];

  /** The options every adapter takes, checked once. */
  function settingsOf(options, extra = []) {
    const given = options ?? {};
    if (typeof given !== 'object') throw new TypeError('options: expected an object');
    for (const key of Object.keys(given)) {
      if (!KEYS.includes(key) && !extra.includes(key)) throw new TypeError(`options.${key}: unknown option`);
    }
    if (given.refresh != null && typeof given.refresh !== 'function') throw new TypeError('options.refresh: expected a function');
    if (given.sleep != null && typeof given.sleep !== 'function') throw new TypeError('options.sleep: expected a function');
    if (given.attemptTimeoutMs != null && !(Number.isSafeInteger(given.attemptTimeoutMs) && given.attemptTimeoutMs > 0)) {
      throw new TypeError('options.attemptTimeoutMs: expected a whole number of milliseconds above 0');
    }
    return given;
  }

  /** One operation (one driver) for one request: `method`, `headers` as the client holds them. */
  function start(settings, method, headers) {
    const request = { ...(settings.request ?? {}), method: String(method || 'GET').toUpperCase() };
    const key = header(headers, 'idempotency-key');
    if (key !== null) request.idempotencyKey = key;
    const operation = new Operation({
      policy: settings.policy,
      seed: settings.seed,
      canRefresh: typeof settings.refresh === 'function',
      request,
      classifier: settings.classifier,
    });
    return new Held({ operation, request, started: performance.now() });
  }

  function feed(held, settings, attempt, payload) {
    attempt.callMs = Math.max(0, Math.round(performance.now() - held.started));
    attempt.request = { method: held.request.method, idempotencyKey: held.request.idempotencyKey };
    if (typeof payload === 'string' || payload instanceof Uint8Array) attempt.payload = payload;
    const budget = settings.budget;
    const step = held.operation.feed(attempt, budget == null ? undefined : { budget });
    held.step = step;
    return step;
  }

  /**
   * An axios or got response or error → what the operation is fed (the reading is
   * classifyResponse's, synchronous: axios-retry does not await its callbacks): `{ status,
   * headers, body }` (a body only when the core wants it), `{ status, headers, bodyCut }` or
   * `{ transport }`; null for an error that is no failure on the wire (a bug, the caller's own
   * cancel), which is handed back as it is.
   */
  function attemptOf(x) {
    let read;
    try {
      read = readParts(x, (status) => Operation.wantsBody(status));
    } catch (error) {
      if (error instanceof TypeError && error.field === 'response') return null;
      throw error;
    }
    if (read.status === undefined) return { transport: read.transport };
    const attempt = { status: read.status, headers: read.headers };
    if (read.cut !== undefined) attempt.bodyCut = read.cut;
    else if (read.body !== undefined) attempt.body = read.body;
    return attempt;
  }

  /** The payload a request sent, for the core's check that a resend sends the same (text or bytes). */
  function payloadOf(data) {
    if (typeof data === 'string') return prefixOf(data);
    if (data instanceof Uint8Array) return prefixOf(data);
    return undefined;
  }

  // ---- axios ----

  /**
   * Installs the driver on an axios instance: a request interceptor starting (or continuing) the
   * request's operation and a response interceptor feeding it every response and error, then
   * sleeping, refreshing and re-issuing through the instance, or throwing a RetryStoppedError.
   * Returns a function that removes both interceptors.
   */
  function installAxiosRetry(instance, options) {
    if (instance === null || (typeof instance !== 'object' && typeof instance !== 'function') || !instance.interceptors) {
      throw new TypeError('instance: expected an axios instance');
    }
    const settings = settingsOf(options);
    const sleep = settings.sleep ?? realSleep;
    const onRequest = instance.interceptors.request.use((config) => {
      if (!(config.errtriage instanceof Held)) config.errtriage = start(settings, config.method, config.headers);
      else config.errtriage.started = performance.now();
      return config;
    });
    const settle = async (config, response, error) => {
      const held = config && config.errtriage;
      if (!(held instanceof Held)) {
        if (error !== undefined) throw error;
        return response;
      }
      const attempt = attemptOf(response ?? error);
      if (attempt === null) throw error;
      const reply = response ?? (error && error.response) ?? null;
      const step = feed(held, settings, attempt, payloadOf(config.data));
      if (step.kind === 'done') {
        if (response !== undefined) return response;
        throw error;
      }
      if (step.kind === 'stop') throw new RetryStoppedError(step, held.operation, { response: reply, cause: error });
      if (step.kind === 'retry') await sleep(step.delayMs);
      else {
        const more = await settings.refresh();
        if (more != null && config.headers) for (const [name, value] of headerList(more)) setHeader(config.headers, name, value);
      }
      return instance.request(config);
    };
    const onResponse = instance.interceptors.response.use(
      (response) => settle(response.config, response, undefined),
      (error) => settle(error && error.config, undefined, error),
    );
    return () => {
      instance.interceptors.request.eject(onRequest);
      instance.interceptors.response.eject(onResponse);
    };
  }

  // ---- axios-retry ----

  /**
   * Options for axios-retry 4.x (`axiosRetry(instance, axiosRetryOptions(options))`) deferring
   * every decision to one Operation per request, held on the request's axios-retry state
   * (`config['axios-retry'].errtriage`, which axios-retry copies from attempt to attempt):
   * - `validateResponse` feeds every response (axios-retry then sends all of them through its
   *   error path): `true` when the core's step is done, so axios's own `validateStatus` no longer
   *   decides;
   * - `retryCondition` feeds what failed without a response (its transport failure, or a body
   *   cut off) and answers the step: retry or refresh → true; a stop throws the RetryStoppedError
   *   (axios-retry 4.x lets a throw from `retryCondition` reject the request, before any wait);
   *   a done step or an error that is no failure on the wire → false (the error as it was);
   * - `retryDelay` is 0 and `onRetry` does the waiting (`sleep`, a real timer by default) and
   *   the refresh, so `sleep` works as in the other adapters;
   * - `retries` is unbounded and `shouldResetTimeout` true: the policy counts the attempts and
   *   each attempt gets axios's whole `timeout`.
   * `refresh` may return headers: they are set on the config axios-retry sends again.
   * What this rests on, in axios-retry's own code (4.5.0, the version tested): the stop is a synchronous throw
   * from `retryCondition`, which axios-retry does not catch, so the request rejects with the
   * RetryStoppedError before any wait (axios-retry has no hook to reject with an error of its
   * caller's; were the throw caught, the request would reject with axios's error and
   * `retryCondition` would answer false). axios's `validateStatus` is replaced: the core's step
   * says which responses resolve (a 2xx, a 304).
   */
  function axiosRetryOptions(options) {
    const settings = settingsOf(options);
    const sleep = settings.sleep ?? realSleep;
    /** The request's operation, its attempt's clock set from axios-retry's `lastRequestTime` (set as each attempt left). */
    const heldOf = (config) => {
      const state = config && config['axios-retry'];
      if (state === null || typeof state !== 'object') return null;
      if (!(state.errtriage instanceof Held)) state.errtriage = start(settings, config.method, config.headers);
      if (typeof state.lastRequestTime === 'number') state.errtriage.started = performance.now() - Math.max(0, Date.now() - state.lastRequestTime);
      return state.errtriage;
    };
    const decided = new WeakMap(); // response → the step fed for it in validateResponse
    return {
      retries: Number.MAX_SAFE_INTEGER,
      shouldResetTimeout: true,
      retryDelay: () => 0,
      // Synchronous on purpose: axios-retry 4.x calls validateResponse without awaiting it.
      validateResponse(response) {
        const held = heldOf(response.config);
        if (held === null) return response.status >= 200 && response.status < 300;
        const attempt = attemptOf(response);
        const step = feed(held, settings, attempt, payloadOf(response.config.data));
        decided.set(response, step);
        return step.kind === 'done';
      },
      retryCondition(error) {
        const config = error && error.config;
        const held = heldOf(config);
        if (held === null) return false;
        let step = error.response ? decided.get(error.response) : undefined;
        if (step === undefined) {
          const attempt = attemptOf(error);
          if (attempt === null) return false;
          step = feed(held, settings, attempt, payloadOf(config.data));
        }
        if (step.kind === 'stop') throw new RetryStoppedError(step, held.operation, { response: error.response ?? null, cause: error });
        return step.kind === 'retry' || step.kind === 'refresh';
      },
      async onRetry(_count, error, config) {
        const held = heldOf(config ?? (error && error.config));
        const step = held && held.step;
        if (!step) return;
        if (step.kind === 'retry') await sleep(step.delayMs);
        else if (step.kind === 'refresh') {
          const more = await settings.refresh();
          if (more != null && config && config.headers) for (const [name, value] of headerList(more)) setHeader(config.headers, name, value);
        }
      },
    };
  }

  // ---- ky ----

  /**
   * Options for ky (`ky.extend(kyHooks(options))`): ky's own retry off (`retry: 0`, `timeout:
   * false`), and ky's `fetch` replaced by `withRetry` around the real fetch, so every attempt's
   * response or failure is the driver's to decide. `refresh` may return headers to set on the
   * later attempts (ky's beforeRequest hooks run once per ky call). `attemptTimeoutMs` is
   * withRetry's per-attempt timeout; `fetch` the fetch to call (globalThis.fetch by default).
   */
  function kyHooks(options) {
    const settings = settingsOf(options, ['attemptTimeoutMs', 'fetch']);
    const realFetch = settings.fetch ?? ((...args) => globalThis.fetch(...args));
    return {
      retry: 0,
      timeout: false,
      throwHttpErrors: true,
      fetch: async (input, init) => {
        const original = typeof Request === 'function' && input instanceof Request ? input : new Request(input, init);
        const headers = new Headers(original.headers);
        const refresh = settings.refresh == null ? undefined : async () => {
          const more = await settings.refresh(original);
          if (more != null) for (const [name, value] of new Headers(more)) headers.set(name, value);
        };
        const payload = original.body === null ? undefined : new Uint8Array(await original.clone().arrayBuffer());
        return withRetry(
          (_n, { signal }) => {
            const request = new Request(original, { headers, signal, body: payload, duplex: payload === undefined ? undefined : 'half' });
            return realFetch(request);
          },
          {
            policy: settings.policy,
            budget: settings.budget,
            seed: settings.seed,
            sleep: settings.sleep,
            classifier: settings.classifier,
            request: settings.request,
            refresh,
            attemptTimeoutMs: settings.attemptTimeoutMs,
            init: { method: original.method, headers },
          },
        );
      },
    };
  }

  // ---- got ----

  /**
   * Options for got 14 (`got.extend(gotRetry(options))`): got's retry with `calculateDelay`
   * asking one Operation per request. got builds new Options for every retry, copying
   * `context` shallowly, so the operation lives in `options.context.errtriage` (an object kept by
   * reference), not on the Options object (keyed on that, every retry started a new operation:
   * a refused connection was retried forever). `enforceRetryRules: false` makes got ask
   * `calculateDelay` whatever its `limit`, `methods`, `statusCodes` and `errorCodes` say; the
   * answer is the step's: its delay (with `sleep` given, `sleep` waits and got 1 ms, as got
   * reads 0 as "no retry"), after a refresh 1 ms, at a stop or a done step 0 — and `beforeError`
   * then rejects with the RetryStoppedError (`.response` got's response, `.cause` got's error).
   * `throwHttpErrors: true` (got retries only what it throws). `attemptTimeoutMs` is got's
   * `timeout.request`: each attempt's own timeout. `refresh(options)` may return headers to set
   * on the later attempts.
   */
  function gotRetry(options) {
    const settings = settingsOf(options, ['attemptTimeoutMs']);
    const heldOf = (opts) => {
      const context = opts && opts.context;
      if (context === null || typeof context !== 'object') return null;
      if (!(context.errtriage instanceof Held)) context.errtriage = start(settings, opts.method, opts.headers);
      return context.errtriage;
    };
    const extension = {
      throwHttpErrors: true,
      retry: {
        limit: Number.MAX_SAFE_INTEGER,
        enforceRetryRules: false,
        calculateDelay: async ({ error, computedValue }) => {
          // A retry an afterResponse hook asked for (retryWithMergedOptions) is not a failure.
          if (error && error.name === 'RetryError') return computedValue;
          const held = heldOf(error && error.options);
          if (held === null) return 0;
          const attempt = attemptOf(error);
          if (attempt === null) return 0;
          const step = feed(held, settings, attempt, payloadOf(gotPayload(error.options.body)));
          if (step.kind === 'stop') {
            held.stopped = new RetryStoppedError(step, held.operation, { response: error.response ?? null, cause: error });
            held.stoppedOn = error;
            return 0;
          }
          if (step.kind === 'done') return 0;
          if (step.kind === 'refresh') {
            const more = await settings.refresh(error.options);
            if (more != null) for (const [name, value] of headerList(more)) setHeader(error.options.headers, name, value);
            return 1;
          }
          if (settings.sleep != null || step.delayMs > 0x7fffffff) {
            await (settings.sleep ?? realSleep)(step.delayMs);
            return 1;
          }
          return Math.max(1, step.delayMs);
        },
      },
      hooks: {
        beforeRequest: [
          (opts) => {
            const held = heldOf(opts);
            if (held !== null) held.started = performance.now();
          },
        ],
        beforeError: [
          (error) => {
            const held = error && error.options && error.options.context ? error.options.context.errtriage : undefined;
            if (!(held instanceof Held) || held.stopped === undefined || held.stoppedOn !== error) return error;
            return held.stopped;
          },
        ],
      },
    };
    if (settings.attemptTimeoutMs != null) extension.timeout = { request: settings.attemptTimeoutMs };
    return extension;
  }

  /** got's body option as the payload sent (text or bytes; a stream or form is not read). */
  function gotPayload(body) {
    if (typeof body === 'string') return body;
    if (body instanceof Uint8Array) return body;
    return undefined;
  }

  return { installAxiosRetry, axiosRetryOptions, kyHooks, gotRetry };
}

/** Sets a header on a client's headers: AxiosHeaders (`set`), or a plain object (got's, lower-case names). */
function setHeader(headers, name, value) {
  if (typeof headers.set === 'function') headers.set(name, value);
  else headers[name.toLowerCase()] = value;
}

/** A request's operation and its last step, carried on the client's per-request state (a class instance: axios and got copy it by reference). */
class Held {
  constructor({ operation, request, started }) {
    this.operation = operation;
    this.request = request;
    this.started = started;
    this.step = undefined;
  }
}

function realSleep(ms) {
  return new Promise((resolve) => {
    const wait = (left) => (left > 0x7fffffff ? setTimeout(() => wait(left - 0x7fffffff), 0x7fffffff) : setTimeout(resolve, left));
    wait(ms);
  });
}

export { createAdapters };
