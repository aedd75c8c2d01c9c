//! The CORE API wrapper of seed 000 ("CORE API errors"):
//! `{"error": {"code", "message", "details"}, "requestId"}`, and its rules: the seed's code
//! patterns (400 INVALID_REQUEST … 502 UPSTREAM_ERROR) with message rules for the codes that
//! cover several situations (seed 001 categories A–D).

use super::{get, raw, string, Contract, Cx, Said, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::CoreWrapper,
    recognise,
    rules: RULES,
};

/// An `error` object with a string `code`; the other `{"error": {…}}` contracts were tried first.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let e = cx.error.filter(|e| e.is_object())?;
    let code = e.get("code").and_then(Value::str)?;
    Some(Said {
        code: Some(code),
        message: string(get(e, MESSAGE)),
        request_id: string(get(body, REQUEST_ID)).or_else(|| string(get(e, REQUEST_ID))),
        details: raw(e.get("details")),
        ..Said::new(Shape::CoreWrapper)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "core.missing_idempotency_key", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"], "message": {"all": [["idempotency-key", "idempotency key"], ["required", "missing"]]}}, "category": "invalid_request", "action": "fix_request",
   "hint": "Send an Idempotency-Key header, one key per payload, and keep it when retrying the same payload.",
   "source": "seed 000 \"CORE API errors\" (shape example); seed 001 \"Category A\", \"Send retry policy\""},
  {"id": "core.send_from_not_number_id", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"], "message": {"all": ["sendfrom", ["numberid", "number id", "e.164", "e164"]], "none": ["configured"]}}, "category": "invalid_request", "action": "fix_request",
   "hint": "sendFrom takes a numberId from /api/core/numbers, not an E.164 phone number.",
   "source": "seed 001 \"Category A\" (using E.164 instead of numberId in sendFrom)"},
  {"id": "core.setting_not_configured", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"], "message": {"all": ["configured", ["must have", "must be", "not ", "missing", "requires"]]}}, "category": "rejected", "action": "fix_configuration",
   "hint": "Configure the setting the message names on the account or number (for example campaignregId on the sendFrom number), then send again.",
   "source": "seed 000 \"Common scenarios\" (validation failure: sendFrom must have campaignregId configured); seed 001 \"correct account configuration\""},
  {"id": "core.invalid_e164", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"], "message": {"all": [["e.164", "e164"]]}}, "category": "invalid_request", "action": "fix_request",
   "hint": "Send phone numbers in E.164 format: + then country code and number, e.g. +14155550123.",
   "source": "seed 001 \"Category A\" (invalid E.164 value); seed 000 \"Do not blindly retry\" (invalid recipient format)"},
  {"id": "core.malformed_json", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"], "message": {"all": [["json", "request body"], ["malformed", "invalid", "not valid", "parse", "unexpected", "syntax"]]}}, "category": "invalid_request", "action": "fix_request",
   "hint": "Send a well-formed JSON body with Content-Type: application/json.",
   "source": "seed 001 \"Category A\" (malformed JSON); seed 000 \"Do not blindly retry\" (malformed request bodies)"},
  {"id": "core.invalid_request", "when": {"shape": ["core_wrapper"], "code": ["INVALID_REQUEST"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the request as the message says; do not retry it unchanged.",
   "source": "seed 000 \"HTTP status to error code patterns\" (400 INVALID_REQUEST); seed 001 \"Category A\""},
  {"id": "core.token_expired", "when": {"shape": ["core_wrapper"], "code": ["UNAUTHORIZED"], "message": {"all": ["expired"]}}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The bearer token expired: get a new token from /api/auth/token once, then retry once.",
   "source": "seed 001 \"Category B\" (expired bearer token), \"Safe retry examples\", \"Token refresh policy\""},
  {"id": "core.token_malformed", "when": {"shape": ["core_wrapper"], "code": ["UNAUTHORIZED"], "message": {"all": ["malformed"]}}, "category": "authentication", "action": "fix_request",
   "hint": "Send Authorization: Bearer <access_token> with the token exactly as /api/auth/token issued it.",
   "source": "seed 001 \"Category B\" (malformed bearer token); seed 000 \"Do not blindly retry\""},
  {"id": "core.token_missing", "when": {"shape": ["core_wrapper"], "code": ["UNAUTHORIZED"], "message": {"all": [["missing", "no bearer", "not provided"]], "none": ["invalid", "expired"]}}, "category": "authentication", "action": "fix_request",
   "hint": "Send an Authorization: Bearer header with a token from /api/auth/token.",
   "source": "seed 000 \"Common scenarios\" (invalid token); RFC 6750 §3.1"},
  {"id": "core.unauthorized", "when": {"shape": ["core_wrapper"], "code": ["UNAUTHORIZED"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The bearer token may have expired: get a new token from /api/auth/token once, then retry once.",
   "source": "seed 000 \"Common scenarios\" (invalid token), \"Good retry candidates\"; seed 001 \"Category B\", \"Token refresh policy\""},
  {"id": "core.send_from_not_owned", "when": {"shape": ["core_wrapper"], "code": ["FORBIDDEN"], "message": {"all": [["not owned", "does not own", "not belong", "another client"]]}}, "category": "authorization", "action": "fix_configuration",
   "hint": "sendFrom must be a number owned by this API client: check /api/core/whoami and /api/core/numbers, then correct the client context or the selected number.",
   "source": "seed 000 \"Common scenarios\" (forbidden number access); seed 001 \"Category C\""},
  {"id": "core.forbidden", "when": {"shape": ["core_wrapper"], "code": ["FORBIDDEN"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "Check the client context at /api/core/whoami and the numbers it owns at /api/core/numbers.",
   "source": "seed 000 \"HTTP status to error code patterns\" (403 FORBIDDEN); seed 001 \"Category C\""},
  {"id": "core.not_found", "when": {"shape": ["core_wrapper"], "code": ["NOT_FOUND"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id or path: the resource does not exist for this client.",
   "source": "seed 000 \"HTTP status to error code patterns\" (404 NOT_FOUND)"},
  {"id": "core.idempotency_key_reused", "when": {"shape": ["core_wrapper"], "code": ["CONFLICT"], "message": {"all": ["idempotency"]}}, "category": "invalid_request", "action": "fix_request",
   "hint": "An Idempotency-Key was reused with a different payload: a changed payload is a new operation with a new key.",
   "source": "seed 001 \"Unsafe retry examples\" (same idempotency key reused with changed payload), \"Send retry policy\""},
  {"id": "core.conflict", "when": {"shape": ["core_wrapper"], "code": ["CONFLICT"]}, "category": "conflict", "action": "reconcile",
   "hint": "The request conflicts with the current state: fetch the resource and decide from what is there.",
   "source": "seed 000 \"HTTP status to error code patterns\" (409 CONFLICT); seed 001 \"Recommended operational posture\""},
  {"id": "core.server_error", "when": {"shape": ["core_wrapper"], "code": ["SERVER_ERROR"]}, "category": "transient", "action": "retry",
   "hint": "Retry with bounded backoff; sends keep the same Idempotency-Key and payload.",
   "source": "seed 000 \"HTTP status to error code patterns\" (500 SERVER_ERROR); seed 001 \"Category D\""},
  {"id": "core.upstream_error", "when": {"shape": ["core_wrapper"], "code": ["UPSTREAM_ERROR"]}, "category": "transient", "action": "retry",
   "hint": "An upstream dependency failed: retry with bounded backoff; sends keep the same Idempotency-Key and payload.",
   "source": "seed 000 \"Common scenarios\" (upstream platform dependency error), \"Good retry candidates\"; seed 001 \"Category D\""}
]}"##;
