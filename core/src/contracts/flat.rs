//! The flat contract of seed 002 ("Error Object"): `{"code", "message", "request_id",
//! "metadata"}`, and its code table (seed 002 "Common Error Codes").

use super::{get, raw, string, Contract, Cx, Said, CODE, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Flat,
    recognise,
    rules: RULES,
};

/// A top-level `code` (string or number) beside a string `message`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, _: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let code = get(body, CODE).and_then(Value::text)?;
    get(body, MESSAGE).and_then(Value::str)?;
    Some(Said {
        code: Some(code),
        message: string(get(body, MESSAGE)),
        request_id: string(get(body, REQUEST_ID)),
        details: raw(body.get("metadata")).or_else(|| raw(body.get("details"))),
        ..Said::new(Shape::Flat)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "flat.invalid_request", "when": {"shape": ["flat"], "code": ["invalid_request"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the malformed body or parameters the message names.",
   "source": "seed 002 \"Request Errors\" (invalid_request, 400)"},
  {"id": "flat.validation_error", "when": {"shape": ["flat"], "code": ["validation_error"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the fields that failed validation (see metadata), then send again.",
   "source": "seed 002 \"Request Errors\" (validation_error, 400)"},
  {"id": "flat.missing_field", "when": {"shape": ["flat"], "code": ["missing_field"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Add the required field the message or metadata names.",
   "source": "seed 002 \"Request Errors\" (missing_field, 400)"},
  {"id": "flat.unauthorized", "when": {"shape": ["flat"], "code": ["unauthorized"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Send a valid license key as Authorization: Bearer <license_key>.",
   "source": "seed 002 \"Authentication Errors\" (unauthorized, 401)"},
  {"id": "flat.license_expired", "when": {"shape": ["flat"], "code": ["license_expired"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "The license has expired: renew it and configure the new key.",
   "source": "seed 002 \"Authentication Errors\" (license_expired, 401)"},
  {"id": "flat.license_invalid", "when": {"shape": ["flat"], "code": ["license_invalid"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "The license key is invalid: check the configured key.",
   "source": "seed 002 \"Authentication Errors\" (license_invalid, 401)"},
  {"id": "flat.forbidden", "when": {"shape": ["flat"], "code": ["forbidden"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The license lacks a capability this call needs: use a license that has it.",
   "source": "seed 002 \"Authentication Errors\" (forbidden, 403)"},
  {"id": "flat.not_found", "when": {"shape": ["flat"], "code": ["not_found"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id or path: the resource does not exist.",
   "source": "seed 002 \"Resource Errors\" (not_found, 404)"},
  {"id": "flat.customer_not_found", "when": {"shape": ["flat"], "code": ["customer_not_found"]}, "category": "not_found", "action": "fix_request",
   "hint": "No customer has this id: check the customer id you sent.",
   "source": "seed 002 \"Resource Errors\" (customer_not_found, 404); \"Error Handling Example\""},
  {"id": "flat.already_exists", "when": {"shape": ["flat"], "code": ["already_exists"]}, "category": "conflict", "action": "reconcile",
   "hint": "A resource with the same unique key exists: fetch and use it instead of creating another.",
   "source": "seed 002 \"Resource Errors\" (already_exists, 409)"},
  {"id": "flat.processing_error", "when": {"shape": ["flat"], "code": ["processing_error"]}, "category": "transient", "action": "retry",
   "hint": "The server failed while processing: retry with bounded backoff.",
   "source": "seed 002 \"Processing Errors\" (processing_error, 500)"},
  {"id": "flat.provider_error", "when": {"shape": ["flat"], "code": ["provider_error"]}, "category": "transient", "action": "retry",
   "hint": "An external provider failed: retry with bounded backoff.",
   "source": "seed 002 \"Processing Errors\" (provider_error, 502)"},
  {"id": "flat.transaction_failed", "when": {"shape": ["flat"], "code": ["transaction_failed"]}, "category": "rejected", "action": "stop",
   "hint": "The financial transaction was declined: do not retry; tell the user.",
   "source": "seed 002 \"Processing Errors\" (transaction_failed, 400)"}
]}"##;
