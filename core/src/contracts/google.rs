//! Google APIs' `google.rpc.Status` in JSON (AIP-193, cloud.google.com/apis/design/errors):
//! `{"error": {"code": 403, "message", "status": "PERMISSION_DENIED", "details": […]}}`.
//! The canonical `status` name is the code; a `google.rpc.RetryInfo` in `details` is a delay.
//! Rules: the canonical codes (google/rpc/code.proto) and their documented retry advice.

use super::{get, raw, string, Contract, Cx, Said, MESSAGE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Google,
    recognise,
    rules: RULES,
};

/// An `error` object whose `code` is a number and whose `status` is a canonical code name.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let e = cx.error.filter(|e| e.is_object())?;
    if !matches!(e.get("code"), Some(Value::Num(_))) {
        return None;
    }
    let status = e.get("status").and_then(Value::str)?;
    let details = e.get("details");
    Some(Said {
        code: Some(status),
        message: string(get(e, MESSAGE)),
        request_id: string(get(body, REQUEST_ID)),
        details: raw(details),
        delay_ms: details.and_then(retry_info_ms),
        ..Said::new(Shape::Google)
    })
}

/// The `retryDelay` of a `google.rpc.RetryInfo` entry of `details`.
pub(crate) fn retry_info_ms(details: &Value<'_, '_>) -> Option<u64> {
    let Value::Array(entries, _) = details else {
        return None;
    };
    entries.iter().find_map(|entry| {
        let is_retry_info = entry
            .get("@type")
            .and_then(Value::str)
            .is_some_and(|t| t.ends_with("google.rpc.RetryInfo"));
        if !is_retry_info {
            return None;
        }
        entry.get("retryDelay").and_then(duration_ms)
    })
}

/// A protobuf JSON `Duration` (`"30s"`, `"1.5s"`), or a `{"seconds", "nanos"}` object, in ms.
pub(crate) fn duration_ms(v: &Value<'_, '_>) -> Option<u64> {
    match v {
        Value::Str(_) => {
            let text = v.str()?;
            crate::number::decimal_scaled(text.trim_ascii().strip_suffix('s')?, 3)
        }
        Value::Object(..) => {
            let seconds = v.get("seconds").and_then(Value::text);
            let nanos = v.get("nanos").and_then(Value::text);
            let s = seconds.as_deref().map_or(Some(0), crate::number::whole)?;
            let n = nanos.as_deref().map_or(Some(0), crate::number::whole)?;
            Some(s.saturating_mul(1000).saturating_add(n.div_ceil(1_000_000)))
        }
        _ => None,
    }
}

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "google.invalid_argument", "when": {"shape": ["google"], "code": ["INVALID_ARGUMENT", "OUT_OF_RANGE"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the argument the message names; do not retry unchanged.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.failed_precondition", "when": {"shape": ["google"], "code": ["FAILED_PRECONDITION"]}, "category": "rejected", "action": "fix_configuration",
   "hint": "The system is not in the state this call needs (an API or setting not enabled, a non-empty resource): fix that state first.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.unauthenticated", "when": {"shape": ["google"], "code": ["UNAUTHENTICATED"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The credential is missing, invalid or expired: refresh it once, then retry once.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.permission_denied", "when": {"shape": ["google"], "code": ["PERMISSION_DENIED"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "Grant the caller the permission the message names, or enable the API for the project.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.not_found", "when": {"shape": ["google"], "code": ["NOT_FOUND"]}, "category": "not_found", "action": "fix_request",
   "hint": "Check the resource name: it does not exist or is not visible to this caller.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.already_exists", "when": {"shape": ["google"], "code": ["ALREADY_EXISTS"]}, "category": "conflict", "action": "reconcile",
   "hint": "The resource already exists: fetch it instead of creating it again.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.aborted", "when": {"shape": ["google"], "code": ["ABORTED"]}, "category": "conflict", "action": "retry",
   "hint": "A concurrent change aborted the call: retry the whole read-modify-write sequence.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.resource_exhausted", "when": {"shape": ["google"], "code": ["RESOURCE_EXHAUSTED"]}, "category": "rate_limited", "action": "retry",
   "hint": "A rate limit or quota was hit: retry after the delay, or raise the quota.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.cancelled", "when": {"shape": ["google"], "code": ["CANCELLED"]}, "category": "unknown", "action": "stop",
   "hint": "The call was cancelled, usually by the caller; nothing to retry unless you still want the result.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.data_loss", "when": {"shape": ["google"], "code": ["DATA_LOSS"]}, "category": "unknown", "action": "escalate",
   "hint": "The service reports unrecoverable data loss: escalate with the request id.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.internal", "when": {"shape": ["google"], "code": ["INTERNAL"]}, "category": "transient", "action": "retry",
   "hint": "An internal error: retry with bounded backoff.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.unimplemented", "when": {"shape": ["google"], "code": ["UNIMPLEMENTED"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "The method is not implemented or not enabled for this API version.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.unavailable", "when": {"shape": ["google"], "code": ["UNAVAILABLE"]}, "category": "transient", "action": "retry",
   "hint": "The service is unavailable for now: retry with backoff.",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"},
  {"id": "google.deadline_exceeded", "when": {"shape": ["google"], "code": ["DEADLINE_EXCEEDED"]}, "category": "transient", "action": "retry",
   "hint": "The deadline passed before the call finished: retry with backoff (the outcome is unknown).",
   "source": "google/rpc/code.proto; cloud.google.com/apis/design/errors"}
]}"##;
