//! OData JSON errors (OData v4.01 JSON Format §21), as Microsoft Graph and Azure send them:
//! `{"error": {"code", "message", "target", "details": […], "innererror": {"request-id", …}}}`,
//! and the Graph and Azure codes with their documented handling.

use super::{get, raw, string, Contract, Cx, Said, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Odata,
    recognise,
    rules: RULES,
};

/// An `error` object with a string `code` and an OData mark: `innererror`, `target`, or
/// `details` as an array.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let e = cx.error.filter(|e| e.is_object())?;
    let code = e.get("code").and_then(Value::str)?;
    let inner = get(e, &["innererror", "innerError"]);
    let details_is_array = e.get("details").is_some_and(Value::is_array);
    if inner.is_none() && e.get("target").is_none() && !details_is_array {
        return None;
    }
    Some(Said {
        code: Some(code),
        message: string(get(e, MESSAGE)),
        request_id: inner
            .and_then(|i| string(get(i, REQUEST_ID)))
            .or_else(|| string(get(body, REQUEST_ID))),
        details: raw(e.get("details")),
        ..Said::new(Shape::Odata)
    })
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "odata.token_expired", "when": {"shape": ["odata"], "code": ["InvalidAuthenticationToken", "ExpiredAuthenticationToken"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The access token is expired or not yet valid: refresh it once, then retry once.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.authentication_failed", "when": {"shape": ["odata"], "code": ["AuthenticationFailed", "InvalidAuthenticationTokenTenant", "unauthenticated"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Check the credentials and the tenant the token was issued for.",
   "source": "Azure Resource Manager common error codes"},
  {"id": "odata.access_denied", "when": {"shape": ["odata"], "code": ["Authorization_RequestDenied", "AuthorizationFailed", "accessDenied", "ErrorAccessDenied", "Forbidden", "AuthorizationPermissionMismatch"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "Grant the app or user the permission this call needs (and admin consent where required).",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.not_found", "when": {"shape": ["odata"], "code": ["Request_ResourceNotFound", "ResourceNotFound", "itemNotFound", "ErrorItemNotFound", "ResourceGroupNotFound", "NotFound"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the id, path and tenant: the resource does not exist there.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.throttled", "when": {"shape": ["odata"], "code": ["TooManyRequests", "activityLimitReached", "ApplicationThrottled", "throttledRequest"]}, "category": "rate_limited", "action": "retry",
   "hint": "Throttled: wait for Retry-After, then retry.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.transient", "when": {"shape": ["odata"], "code": ["serviceNotAvailable", "ServiceUnavailable", "generalException", "InternalServerError", "ServerBusy", "timeout", "OperationTimedOut", "InternalError"]}, "category": "transient", "action": "retry",
   "hint": "A transient service failure: retry with backoff.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.bad_request", "when": {"shape": ["odata"], "code": ["BadRequest", "invalidRequest", "InvalidRequest", "Request_BadRequest", "InvalidParameter", "InvalidRequestContent", "InvalidResourceName", "invalidRange", "malformedRequest"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the request as the message says; do not retry unchanged.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.conflict", "when": {"shape": ["odata"], "code": ["nameAlreadyExists", "Conflict", "resourceModified", "ErrorIrresolvableConflict", "preconditionFailed"]}, "category": "conflict", "action": "reconcile",
   "hint": "The resource changed or already exists: read its current state, then decide.",
   "source": "Microsoft Graph \"Error responses and resource types\""},
  {"id": "odata.quota", "when": {"shape": ["odata"], "code": ["quotaLimitReached", "QuotaExceeded"]}, "category": "rejected", "action": "fix_configuration",
   "hint": "A quota is used up: free space or raise the limit.",
   "source": "Azure Resource Manager common error codes"}
]}"##;
