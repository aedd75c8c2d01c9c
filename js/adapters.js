// Adapters for axios and ky over the shared API (js/api.js), the same file in both JS
// packages (copied by js/build.mjs). They only translate each client's responses and errors into
// what the core's `Operation` is fed, and carry out its step (sleep, refresh, send again, stop):
// no retry decision, transport table, default or message text lives here.
// The clients are optional peer dependencies: nothing here imports them.

function createAdapters(api) {
  const { Operation, transportFailure, withRetry, RetryStoppedError } = api;
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
    return { operation, request, started: performance.now() };
  }

  function feed(state, settings, attempt, payload) {
    attempt.callMs = Math.max(0, Math.round(performance.now() - state.started));
    attempt.request = { method: state.request.method, idempotencyKey: state.request.idempotencyKey };
    if (typeof payload === 'string' || payload instanceof Uint8Array) attempt.payload = payload;
    const budget = settings.budget;
    return state.operation.feed(attempt, budget == null ? undefined : { budget });
  }

  // ---- axios ----

  /**
   * axios response → what the core is fed. The body is `response.data` as axios left it: bytes
   * with `responseType: 'arraybuffer'`, a string with `'text'` or unparsed JSON, and parsed JSON
   * re-serialised with JSON.stringify (the same members and values; white space and key
   * escapes may differ from the bytes sent).
   */
  function axiosAttempt(response) {
    const attempt = { status: response.status, headers: plainHeaders(response.headers) };
    if (Operation.wantsBody(response.status)) {
      const body = bodyOf(response.data);
      if (body !== undefined) attempt.body = body;
    }
    return attempt;
  }

  /**
   * Installs the driver on an axios instance: a request interceptor starting (or continuing) the
   * request's operation and a response interceptor feeding it every response and error, then
   * sleeping, refreshing and re-issuing through the instance, or throwing a RetryStoppedError.
   * Returns a function that removes both interceptors.
   */
  function installAxiosRetry(instance, options) {
    if (instance === null || typeof instance !== 'object' && typeof instance !== 'function' || !instance.interceptors) {
      throw new TypeError('instance: expected an axios instance');
    }
    const settings = settingsOf(options);
    const sleep = settings.sleep ?? realSleep;
    const onRequest = instance.interceptors.request.use((config) => {
      if (!(config.errtriage instanceof AxiosState)) config.errtriage = new AxiosState(start(settings, config.method, config.headers));
      else config.errtriage.state.started = performance.now();
      return config;
    });
    const settle = async (config, response, error) => {
      const held = config && config.errtriage;
      if (!(held instanceof AxiosState)) {
        if (error !== undefined) throw error;
        return response;
      }
      const reply = response ?? (error && error.response);
      let attempt;
      const cut = error && !reply && error.request && error.request.res;
      if (reply) attempt = axiosAttempt(reply);
      else if (cut && typeof cut.statusCode === 'number') {
        // The status and headers arrived, the body was cut off (axios gives no response here).
        attempt = { status: cut.statusCode, headers: plainHeaders(cut.headers), bodyCut: String(error.message) };
      } else {
        const transport = transportFailure(error);
        if (transport === null) throw error;
        attempt = { transport };
      }
      const step = feed(held.state, settings, attempt, typeof config.data === 'string' ? config.data : undefined);
      if (step.kind === 'done') {
        if (reply) return reply;
        throw error;
      }
      if (step.kind === 'stop') throw new RetryStoppedError(step, held.state.operation, { response: reply ?? null, cause: error });
      if (step.kind === 'retry') await sleep(step.delayMs);
      else await settings.refresh();
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
        let headers = new Headers(original.headers);
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


  return { installAxiosRetry, kyHooks };
}

/** The request's operation, on axios's config (a class instance: axios keeps it by reference when it merges configs). */
class AxiosState {
  constructor(state) {
    this.state = state;
  }
}

/** Headers of any client (fetch Headers, AxiosHeaders, Node's object with arrays) as pairs. */
function plainHeaders(headers) {
  if (headers == null || typeof headers !== 'object') return [];
  if (typeof Headers === 'function' && headers instanceof Headers) return [...headers];
  const source = typeof headers.toJSON === 'function' ? headers.toJSON() : headers;
  const pairs = [];
  for (const [name, value] of Object.entries(source)) {
    if (value == null) continue;
    pairs.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
  }
  return pairs;
}

function header(headers, name) {
  for (const [key, value] of plainHeaders(headers)) if (key.toLowerCase() === name) return value;
  return null;
}

/** A body as the core reads it: bytes or text; parsed JSON re-serialised. */
function bodyOf(data) {
  if (data == null) return undefined;
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (typeof data === 'object' && typeof data.pipe === 'function') return undefined; // a stream: not read here
  return JSON.stringify(data);
}

function realSleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 0x7fffffff)));
}

export { createAdapters };
