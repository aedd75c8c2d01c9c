//! Success-flag envelopes: `{"ok": false, "error": "invalid_auth"}` (Slack Web API,
//! api.slack.com/web#evaluating_responses; Telegram Bot API) and `{"success": false, "errors":
//! [{"code", "message"}]}` (Cloudflare v4 API and many others), often sent with HTTP 200: a
//! failure whatever the status (issue 10 §4).

use super::{get, raw, string, text, Contract, Cx, Said, CODE, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Envelope,
    recognise,
    rules: RULES,
};

/// `ok` or `success` is `false`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let failed = |name: &str| body.get(name).and_then(Value::boolean) == Some(false);
    if !failed("ok") && !failed("success") {
        return None;
    }
    let error_object = cx.error.filter(|e| e.is_object());
    let first_error = body.get("errors").and_then(Value::first);
    let code = string(cx.error)
        .or_else(|| error_object.and_then(|e| text(get(e, CODE))))
        .or_else(|| first_error.and_then(|e| text(get(e, CODE))))
        .or_else(|| text(get(body, CODE)))
        .or_else(|| text(body.get("error_code")));
    let message = string(get(body, MESSAGE))
        .or_else(|| error_object.and_then(|e| string(get(e, MESSAGE))))
        .or_else(|| first_error.and_then(|e| string(get(e, MESSAGE))))
        .or_else(|| string(body.get("error_description")))
        .or_else(|| string(body.get("description")));
    Some(Said {
        code,
        message,
        request_id: string(get(body, REQUEST_ID)),
        details: raw(body.get("details")).or_else(|| raw(body.get("metadata"))),
        delay_ms: body
            .get("parameters")
            .and_then(|p| p.get("retry_after"))
            .and_then(Value::seconds_ms),
        failed: true,
        ..Said::new(Shape::Envelope)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "envelope.token_expired", "when": {"shape": ["envelope"], "code": ["token_expired"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The token expired: refresh it once, then retry once.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.invalid_auth", "when": {"shape": ["envelope"], "code": ["not_authed", "invalid_auth", "account_inactive", "token_revoked", "no_permission"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "The token is missing, invalid or revoked: reinstall or reconfigure the credentials.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.missing_scope", "when": {"shape": ["envelope"], "code": ["missing_scope", "not_allowed_token_type", "ekm_access_denied", "access_denied"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The token lacks a scope or type this method needs: add it and reinstall.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.rate_limited", "when": {"shape": ["envelope"], "code": ["ratelimited", "rate_limited"]}, "category": "rate_limited", "action": "retry",
   "hint": "Rate limited: wait for Retry-After, then retry.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.transient", "when": {"shape": ["envelope"], "code": ["internal_error", "fatal_error", "service_unavailable", "request_timeout"]}, "category": "transient", "action": "retry",
   "hint": "A server-side failure: retry with backoff.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.invalid_request", "when": {"shape": ["envelope"], "code": ["invalid_arguments", "invalid_arg_name", "invalid_array_arg", "invalid_charset", "invalid_form_data", "invalid_post_type", "missing_post_type", "invalid_json", "json_not_object", "no_text"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the arguments as the error says.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"},
  {"id": "envelope.not_found", "when": {"shape": ["envelope"], "code": ["channel_not_found", "user_not_found", "message_not_found", "file_not_found"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id: the object does not exist or is not visible to this token.",
   "source": "Slack Web API \"Evaluating responses\" and method errors"}
]}"##;
