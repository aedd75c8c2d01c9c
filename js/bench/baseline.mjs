// The pure-JS baseline the benchmarks measure errtriage against: what a careful integration
// would hand-write for the same job on the same bodies — decode, JSON.parse, recognise the
// seed contracts (the CORE wrapper of seed 000, the flat object of seed 002, OAuth of RFC
// 6749), look the code up in the seed tables (with the message checks for codes that cover
// several situations), fall back on the status, read Retry-After and the request id, and
// build the same thirteen-field plain object. Benchmark-only: not the model, not exported.

const R = (id, category, action, hint) => ({ id, category, action, hint });

// Seed 000 (CORE wrapper) codes; message checks first, as in the seed's notes.
const CORE = {
  INVALID_REQUEST: [
    [(m) => m.includes('idempotency') && (m.includes('required') || m.includes('missing')), R('core.idempotency_key_required', 'invalid_request', 'fix_request', 'Send an Idempotency-Key header.')],
    [(m) => m.includes('configured'), R('core.not_configured', 'rejected', 'fix_configuration', 'A setting must be configured first.')],
    [() => true, R('core.invalid_request', 'invalid_request', 'fix_request', 'Fix the request.')],
  ],
  UNAUTHORIZED: [
    [(m) => m.includes('expired'), R('core.token_expired', 'authentication', 'refresh_credentials', 'Refresh the token once.')],
    [() => true, R('core.unauthorized', 'authentication', 'refresh_credentials', 'Refresh the token once.')],
  ],
  FORBIDDEN: [
    [(m) => m.includes('not owned') || m.includes('does not own'), R('core.not_owner', 'authorization', 'fix_configuration', 'Check /api/core/whoami.')],
    [() => true, R('core.forbidden', 'authorization', 'fix_configuration', 'Check /api/core/whoami.')],
  ],
  NOT_FOUND: [[() => true, R('core.not_found', 'not_found', 'fix_request', 'Check the path and id.')]],
  CONFLICT: [[() => true, R('core.conflict', 'conflict', 'reconcile', 'Reconcile first.')]],
  SERVER_ERROR: [[() => true, R('core.server_error', 'transient', 'retry', 'Retry with backoff.')]],
  UPSTREAM_ERROR: [[() => true, R('core.upstream_error', 'transient', 'retry', 'Retry with backoff.')]],
  RATE_LIMITED: [[() => true, R('core.rate_limited', 'rate_limited', 'retry', 'Wait, then retry.')]],
};
// Seed 002 (flat object) codes.
const FLAT = {
  invalid_request: R('flat.invalid_request', 'invalid_request', 'fix_request', 'Fix the request.'),
  validation_error: R('flat.validation_error', 'invalid_request', 'fix_request', 'Fix the fields.'),
  missing_field: R('flat.missing_field', 'invalid_request', 'fix_request', 'Add the field.'),
  unauthorized: R('flat.unauthorized', 'authentication', 'refresh_credentials', 'Refresh the token once.'),
  license_expired: R('flat.license_expired', 'authentication', 'fix_configuration', 'Renew the license.'),
  forbidden: R('flat.forbidden', 'authorization', 'fix_configuration', 'Check permissions.'),
  not_found: R('flat.not_found', 'not_found', 'fix_request', 'Check the id.'),
  rate_limited: R('flat.rate_limited', 'rate_limited', 'retry', 'Wait, then retry.'),
  internal_error: R('flat.internal_error', 'transient', 'retry', 'Retry with backoff.'),
};
// RFC 6749 §5.2.
const OAUTH = {
  invalid_client: R('oauth.invalid_client', 'authentication', 'fix_configuration', 'Check the client credentials.'),
  invalid_grant: R('oauth.invalid_grant', 'authentication', 'fix_configuration', 'Get a new grant.'),
  invalid_request: R('oauth.invalid_request', 'invalid_request', 'fix_request', 'Fix the token request.'),
  invalid_token: R('oauth.invalid_token', 'authentication', 'refresh_credentials', 'Refresh the token once.'),
};
const STATUS = {
  400: R('status.400', 'invalid_request', 'fix_request', 'Fix the request.'),
  401: R('status.401', 'authentication', 'refresh_credentials', 'Refresh the token once.'),
  403: R('status.403', 'authorization', 'fix_configuration', 'Check permissions.'),
  404: R('status.404', 'not_found', 'fix_request', 'Check the path.'),
  409: R('status.409', 'conflict', 'reconcile', 'Reconcile first.'),
  429: R('status.429', 'rate_limited', 'retry', 'Wait, then retry.'),
  500: R('status.500', 'transient', 'retry', 'Retry with backoff.'),
  502: R('status.502', 'transient', 'retry', 'Retry with backoff.'),
  503: R('status.503', 'transient', 'retry', 'Retry with backoff.'),
  504: R('status.504', 'transient', 'retry', 'Retry with backoff.'),
};
const UNKNOWN = R('status.other', 'unknown', 'escalate', 'Escalate.');
const decoder = new TextDecoder('utf-8', { fatal: true });

function header(headers, name) {
  if (!headers) return null;
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return null;
}

/** classify(status, body, headers) in plain JS, for the benchmarks. */
export function classifyJs(status, body, headers) {
  let shape = 'empty';
  let code = null;
  let message = null;
  let requestId = null;
  let details = null;
  let rule = null;
  let text = typeof body === 'string' ? body : '';
  if (typeof body !== 'string' && body != null) {
    try {
      text = decoder.decode(body);
    } catch {
      shape = 'malformed';
    }
  }
  const trimmed = text.trim();
  if (shape !== 'malformed' && trimmed !== '') {
    let doc;
    try {
      doc = JSON.parse(trimmed);
    } catch {
      shape = trimmed[0] === '{' || trimmed[0] === '[' ? 'malformed' : trimmed[0] === '<' ? 'html' : 'text';
    }
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      shape = 'json';
      const e = doc.error;
      if (e !== null && typeof e === 'object' && typeof e.code === 'string') {
        shape = 'core_wrapper';
        code = e.code;
        message = typeof e.message === 'string' ? e.message : null;
        details = e.details ?? null;
        requestId = typeof doc.requestId === 'string' ? doc.requestId : null;
        const m = (message ?? '').toLowerCase();
        const entries = CORE[code];
        if (entries) for (const [when, r] of entries) if (when(m)) { rule = r; break; }
      } else if (typeof e === 'string' && OAUTH[e]) {
        shape = 'oauth';
        code = e;
        message = typeof doc.error_description === 'string' ? doc.error_description : null;
        rule = OAUTH[e];
      } else if (typeof doc.code === 'string') {
        shape = 'flat';
        code = doc.code;
        message = typeof doc.message === 'string' ? doc.message : null;
        requestId = typeof doc.request_id === 'string' ? doc.request_id : null;
        details = doc.metadata ?? null;
        rule = FLAT[code] ?? null;
      }
    }
  }
  rule ??= STATUS[status] ?? UNKNOWN;
  requestId ??= header(headers, 'x-request-id');
  let retryAfterMs = null;
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) retryAfterMs = Math.min(Math.ceil(seconds * 1000), 86_400_000);
  }
  const retryable = rule.action === 'retry';
  return {
    shape,
    category: rule.category,
    action: rule.action,
    retryable,
    outcome: status >= 500 ? 'unknown' : 'not_applied',
    status,
    code,
    message,
    requestId,
    details,
    retryAfterMs,
    hint: rule.hint,
    rule: rule.id,
  };
}
