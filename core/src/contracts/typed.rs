//! Typed errors in the Stripe style (docs.stripe.com/api/errors), also used by OpenAI and
//! Anthropic: `{"error": {"type": "card_error", "code": "card_declined", "message", …}}`.
//! The `code` is the code when present; the `type` is looked up when the code says nothing.
//! Rules: Stripe "Errors" and "Error codes", OpenAI "Error codes", Anthropic "Errors".

use alloc::borrow::Cow;
use alloc::string::String;

use super::{get, string, Contract, Cx, Said, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::text::push_json_string;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Typed,
    recognise,
    rules: RULES,
};

/// An `error` object with a string `type`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let e = cx.error.filter(|e| e.is_object())?;
    let kind = e.get("type").and_then(Value::str)?;
    // Stripe, OpenAI and Anthropic send string codes; Facebook's Graph API a number (`190`).
    let code = e.get("code").and_then(Value::text);
    // Details keep what the contract adds beside code and message, as sent.
    let mut details = String::from("{\"type\":");
    push_json_string(&mut details, &kind);
    for name in ["decline_code", "param"] {
        if let Some(value) = e.get(name).and_then(Value::json) {
            details.push_str(",\"");
            details.push_str(name);
            details.push_str("\":");
            details.push_str(&value);
        }
    }
    details.push('}');
    Some(Said {
        code: Some(code.unwrap_or_else(|| kind.clone())),
        kind: Some(kind),
        message: string(get(e, MESSAGE)),
        request_id: string(get(body, REQUEST_ID)).or_else(|| string(get(e, REQUEST_ID))),
        details: Some(Cow::Owned(details)),
        ..Said::new(Shape::Typed)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "typed.lock_timeout", "when": {"shape": ["typed"], "code": ["lock_timeout", "idempotency_key_in_use"]}, "category": "conflict", "action": "retry",
   "hint": "Another request is working on the same object or key: retry shortly with the same Idempotency-Key.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.rate_limit", "when": {"shape": ["typed"], "code": ["rate_limit", "rate_limit_exceeded"]}, "category": "rate_limited", "action": "retry",
   "hint": "Too many requests: retry with exponential backoff.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.resource_missing", "when": {"shape": ["typed"], "code": ["resource_missing", "model_not_found"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id: no such object exists in this account or mode.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.invalid_api_key", "when": {"shape": ["typed"], "code": ["invalid_api_key", "api_key_expired", "secret_key_required"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Check the configured API key (and test versus live mode).",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.insufficient_quota", "when": {"shape": ["typed"], "code": ["insufficient_quota"]}, "category": "rejected", "action": "fix_configuration",
   "hint": "The account is out of credit or quota: check the plan and billing.",
   "source": "OpenAI API \"Error codes\""},
  {"id": "typed.context_length_exceeded", "when": {"shape": ["typed"], "code": ["context_length_exceeded"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "The input is too long for the model: shorten it.",
   "source": "OpenAI API \"Error codes\""},
  {"id": "typed.card_error", "when": {"shape": ["typed"], "type": ["card_error"]}, "category": "rejected", "action": "stop",
   "hint": "The card was declined: do not retry; ask the customer for another payment method.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.idempotency_error", "when": {"shape": ["typed"], "type": ["idempotency_error"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "An Idempotency-Key was reused with different parameters: a changed request needs a new key.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.invalid_request_error", "when": {"shape": ["typed"], "type": ["invalid_request_error", "request_too_large"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the parameter the message names; do not retry unchanged.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.authentication_error", "when": {"shape": ["typed"], "type": ["authentication_error"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Check the configured API key.",
   "source": "Anthropic API \"Errors\""},
  {"id": "typed.permission_error", "when": {"shape": ["typed"], "type": ["permission_error"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The API key lacks permission for this resource.",
   "source": "Anthropic API \"Errors\""},
  {"id": "typed.not_found_error", "when": {"shape": ["typed"], "type": ["not_found_error"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id or path: the resource does not exist.",
   "source": "Anthropic API \"Errors\""},
  {"id": "typed.rate_limit_error", "when": {"shape": ["typed"], "type": ["rate_limit_error"]}, "category": "rate_limited", "action": "retry",
   "hint": "Rate limited: retry after the delay the server gives.",
   "source": "Anthropic API \"Errors\""},
  {"id": "typed.billing_error", "when": {"shape": ["typed"], "type": ["billing_error", "insufficient_quota"]}, "category": "rejected", "action": "fix_configuration",
   "hint": "Billing or credit problem: check the account's plan and payment method.",
   "source": "Anthropic API \"Errors\""},
  {"id": "typed.api_error", "when": {"shape": ["typed"], "type": ["api_error", "api_connection_error", "server_error", "timeout_error"]}, "category": "transient", "action": "retry",
   "hint": "A server-side failure: retry with backoff, with the same Idempotency-Key.",
   "source": "Stripe API \"Errors\" and \"Error codes\""},
  {"id": "typed.overloaded_error", "when": {"shape": ["typed"], "type": ["overloaded_error"]}, "category": "transient", "action": "retry",
   "hint": "The service is overloaded: retry with backoff.",
   "source": "Anthropic API \"Errors\""}
]}"##;
