//! GraphQL responses with errors (GraphQL spec §7.1.2 "Errors"): `{"errors": [{"message",
//! "locations", "path", "extensions": {"code"}}], "data"}`. The code is `extensions.code`
//! (Apollo's convention), else the error's `type` (GitHub's). Errors with no usable `data` are a
//! failure whatever the status (issue 10 §4).

use super::{get, raw, string, text, Contract, Cx, Said, CODE, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Graphql,
    recognise,
    rules: RULES,
};

/// An `errors` array whose first entry has a string `message` and no JSON:API member.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, _: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let first = body.get("errors").and_then(Value::first)?;
    get(first, MESSAGE).and_then(Value::str)?;
    let extensions = first.get("extensions");
    let positioned = first.get("locations").is_some() || first.get("path").is_some();
    let looks_like_jsonapi = first.get("detail").is_some()
        || first.get("title").is_some()
        || first.get("source").is_some();
    if looks_like_jsonapi && !positioned && extensions.is_none() {
        return None;
    }
    // No usable data: none, `null`, or an object whose every field is `null`
    // (`{"data": {"repository": null}}`, GitHub's answer to a missing repository).
    let data_missing = match body.get("data") {
        None | Some(Value::Null) => true,
        Some(d @ Value::Object(..)) => d.members().iter().all(|(_, v)| matches!(v, Value::Null)),
        Some(_) => false,
    };
    Some(Said {
        code: text(extensions.and_then(|x| get(x, CODE))).or_else(|| string(first.get("type"))),
        message: string(get(first, MESSAGE)),
        request_id: string(get(body, REQUEST_ID)),
        details: raw(extensions),
        failed: data_missing,
        ..Said::new(Shape::Graphql)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "graphql.invalid_query", "when": {"shape": ["graphql"], "code": ["GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "OPERATION_RESOLUTION_FAILURE", "PERSISTED_QUERY_NOT_SUPPORTED"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the query or its variables as the message says.",
   "source": "Apollo Server \"Error handling\" (built-in error codes)"},
  {"id": "graphql.unauthenticated", "when": {"shape": ["graphql"], "code": ["UNAUTHENTICATED"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The credential is missing or expired: refresh it once, then retry once.",
   "source": "Apollo Server \"Error handling\" (built-in error codes)"},
  {"id": "graphql.forbidden", "when": {"shape": ["graphql"], "code": ["FORBIDDEN"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The caller may not access this field or object.",
   "source": "Apollo Server \"Error handling\" (built-in error codes)"},
  {"id": "graphql.not_found", "when": {"shape": ["graphql"], "code": ["NOT_FOUND"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id: the object does not exist or is not visible.",
   "source": "GitHub GraphQL API error types"},
  {"id": "graphql.rate_limited", "when": {"shape": ["graphql"], "code": ["RATE_LIMITED", "TOO_MANY_REQUESTS"]}, "category": "rate_limited", "action": "retry",
   "hint": "Rate limited: wait for the reset, then retry.",
   "source": "GitHub GraphQL API \"Rate limits\""},
  {"id": "graphql.internal", "when": {"shape": ["graphql"], "code": ["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE"]}, "category": "transient", "action": "retry",
   "hint": "A server error: retry with backoff (queries are safe to repeat; mutations need an idempotency key).",
   "source": "Apollo Server \"Error handling\" (built-in error codes)"}
]}"##;
