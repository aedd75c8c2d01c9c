//! The generic reader (issue 10 §1): for a JSON body no named contract claims, find the error's
//! code, message, request id, details and delay by the member names and nestings public APIs
//! use, in one documented order, looking at a fixed handful of places (so the work is bounded
//! whatever the body holds).
//!
//! Where the error is: `data` when it holds `error` or an error code; the first of `error` (an
//! object), `errors` (its first element), `fault`
//! (Apigee, SOAP-in-JSON), `Error`, `err`, `exception`; a top-level array's first object;
//! else the body itself. A JSON-RPC 2.0 body (`jsonrpc` beside an `error` object, JSON-RPC 2.0
//! §5.1) is read the same way.
//!
//! In that place, in this order:
//! - code: the first of a list `error_codes`; [`CODE_NAMES`]; a string `status` that is a name (`PERMISSION_DENIED`), not a
//!   verdict word (`error`, `fail`); `error` or `type` when they are one word; and, when the
//!   code found is a number, a string code of the nested `errors[0]` (Google's v1 `reason`) wins;
//! - message: [`MESSAGE_NAMES`], then `error`/`title` as text;
//! - request id: [`REQUEST_ID_NAMES`] in the place, then at the top;
//! - details: `details`, `detail`, `metadata`, `data` when they are objects or arrays;
//! - delay: `retry_after`/`retryAfter`/`retry_after_seconds` (seconds), `retry_after_ms`
//!   (milliseconds), `retryDelay` (a protobuf duration), at the place or the top.
//!
//! A body that says it failed (an `error` or `fault` with content, non-empty `errors`,
//! `status: "error"|"fail"` as JSend has it, `result: "error"`) is a failure even in a 2xx.

use alloc::borrow::Cow;

use super::{google::duration_ms, raw, Said};
use crate::body::json::Value;
use crate::vocab::Shape;

/// Member names that hold a code, in order.
pub(crate) const CODE_NAMES: &[&str] = &[
    "code",
    "Code",
    "error_code",
    "errorCode",
    "ErrorCode",
    "err_code",
    "errcode",
    "errCode",
    "errorcode",
    "error_type",
    "errorType",
    "faultcode",
    "reason",
    "subcode",
    "errno",
];

/// Member names that hold a message, in order.
pub(crate) const MESSAGE_NAMES: &[&str] = &[
    "message",
    "Message",
    "error_description",
    "errorMessage",
    "error_message",
    "ErrorMessage",
    "faultstring",
    "msg",
    "description",
    "detail",
    "details",
    "error_msg",
    "errmsg",
    "reason",
    "title",
];

/// Member names that hold a request id, in order (the APIs' own docs: AWS `RequestId`, Stripe
/// `request_id`, Facebook `fbtrace_id`, Azure and Spring `traceId`, many `correlationId`).
pub(crate) const REQUEST_ID_NAMES: &[&str] = &[
    "requestId",
    "request_id",
    "requestID",
    "RequestId",
    "RequestID",
    "request-id",
    "x-request-id",
    "reqId",
    "req_id",
    "traceId",
    "trace_id",
    "traceID",
    "fbtrace_id",
    "correlationId",
    "correlation_id",
    "correlationID",
    "incidentId",
    "incident_id",
    "errorId",
    "error_id",
];

/// Words of a `status` that mark a success.
const SUCCESS_WORDS: &[&str] = &[
    "ok",
    "success",
    "succeeded",
    "successful",
    "done",
    "completed",
    "accepted",
    "created",
    "active",
    "pending",
    "queued",
    "sent",
    "delivered",
];

/// Words of a JSend-style `status` that mark a failure, not a code.
const FAILURE_WORDS: &[&str] = &["error", "fail", "failed", "failure", "err", "ko", "nok"];

/// Reads any JSON body. Always succeeds.
pub(crate) fn recognise<'a>(body: &Value<'_, 'a>) -> Said<'a> {
    let mut said = Said::new(Shape::Json);
    match body {
        Value::Str(_) => {
            said.message = body.str().map(|s| super::narrowed(s, str::trim));
            return said;
        }
        Value::Array(items, _) => {
            if let Some(first) = items.iter().find(|i| i.is_object()) {
                read_place(first, body, &mut said);
                said.failed = said.code.is_some() || said.message.is_some();
            }
            return said;
        }
        Value::Object(..) => {}
        _ => return said,
    }
    let place = error_place(body);
    read_place(place.unwrap_or(body), body, &mut said);
    said.failed = says_failed(body, place);
    said
}

/// The member that holds the error, when the body has one.
fn error_place<'v, 't, 'a>(body: &'v Value<'t, 'a>) -> Option<&'v Value<'t, 'a>> {
    // An error inside `data` (`{"request_id": …, "data": {"error": …, "error_code": …}}`).
    if let Some(data) = body.get("data").filter(|d| {
        d.is_object()
            && ["error", "error_code", "errorCode"]
                .iter()
                .any(|n| d.get(n).is_some())
    }) {
        return Some(data.get("error").filter(|e| e.is_object()).unwrap_or(data));
    }
    for name in [
        "error",
        "errors",
        "fault",
        "Error",
        "err",
        "exception",
        "Errors",
    ] {
        match body.get(name) {
            Some(v @ Value::Object(..)) => {
                // `{"errors": {"field": ["msg"]}}` (Rails) is a map of fields: the body speaks.
                if name.eq_ignore_ascii_case("errors") {
                    continue;
                }
                return Some(v);
            }
            Some(Value::Array(items, _)) => {
                if let Some(first) = items.iter().find(|i| i.is_object()) {
                    return Some(first);
                }
            }
            _ => {}
        }
    }
    None
}

/// A string that is one word (no white space): how codes are written.
fn one_word(s: &str) -> bool {
    !s.is_empty() && s.len() <= 128 && !s.bytes().any(|b| b.is_ascii_whitespace())
}

fn code_in<'a>(place: &Value<'_, 'a>) -> Option<Cow<'a, str>> {
    // A list of codes (`"error_codes": ["payment_source_required"]`, Checkout.com): the first.
    if let Some(first) = place
        .get("error_codes")
        .or_else(|| place.get("errorCodes"))
        .and_then(Value::first)
        .and_then(Value::str)
    {
        return Some(first);
    }
    for name in CODE_NAMES {
        if let Some(v) = place.get(name) {
            match v {
                Value::Str(_) => {
                    if let Some(s) = v.str().filter(|s| one_word(s) || *name != "reason") {
                        if !s.trim().is_empty() {
                            return Some(s);
                        }
                    }
                }
                Value::Num(_) => {
                    if let Some(n) = v.text() {
                        return Some(n);
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(s) = place.get("status").and_then(Value::str) {
        let is_name = one_word(&s)
            && !s.bytes().all(|b| b.is_ascii_digit())
            && !FAILURE_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w));
        if is_name {
            return Some(s);
        }
    }
    for name in ["error", "type", "errorType", "error_type", "name"] {
        if let Some(s) = place.get(name).and_then(Value::str) {
            if one_word(&s) && !FAILURE_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)) {
                return Some(s);
            }
        }
    }
    None
}

fn read_place<'a>(place: &Value<'_, 'a>, top: &Value<'_, 'a>, said: &mut Said<'a>) {
    let mut code = code_in(place);
    let numeric = code
        .as_deref()
        .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
    if code.is_none() {
        // Apigee: `{"fault": {"faultstring": …, "detail": {"errorcode": "oauth.v2.InvalidApiKey"}}}`.
        code = place
            .get("detail")
            .filter(|d| d.is_object())
            .and_then(code_in);
    }
    if numeric || code.is_none() {
        // Google's v1 errors: `{"error": {"code": 403, "errors": [{"reason": "rateLimitExceeded"}]}}`.
        let nested = place.get("errors").and_then(Value::first).and_then(code_in);
        if let Some(n) = nested.filter(|n| !n.bytes().all(|b| b.is_ascii_digit() || b == b'-')) {
            code = Some(n);
        }
    }
    said.code = code;
    said.message = message_in(place)
        .or_else(|| {
            place
                .get("errors")
                .and_then(Value::first)
                .and_then(message_in)
        })
        .or_else(|| {
            if core::ptr::eq(place, top) {
                None
            } else {
                message_in(top)
            }
        });
    said.request_id = request_id_in(place).or_else(|| request_id_in(top));
    said.details = ["details", "detail", "metadata", "data"]
        .iter()
        .find_map(|name| {
            place
                .get(name)
                .filter(|v| matches!(v, Value::Object(..) | Value::Array(..)))
                .and_then(|v| raw(Some(v)))
        });
    said.delay_ms = delay_in(place).or_else(|| delay_in(top));
}

fn message_in<'a>(place: &Value<'_, 'a>) -> Option<Cow<'a, str>> {
    for name in MESSAGE_NAMES {
        if let Some(s) = place.get(name).and_then(Value::str) {
            let t = s.trim();
            if !(t.is_empty() || *name == "reason" && one_word(t)) {
                return Some(super::narrowed(s, str::trim));
            }
        }
    }
    // `{"error": "Not Found"}`, `{"errors": "…"}` (Shopify): a string that is a sentence.
    let s = place
        .get("error")
        .or_else(|| place.get("errors"))
        .and_then(Value::str)?;
    let t = s.trim();
    (!t.is_empty() && !one_word(t)).then(|| super::narrowed(s, str::trim))
}

fn request_id_in<'a>(place: &Value<'_, 'a>) -> Option<Cow<'a, str>> {
    REQUEST_ID_NAMES.iter().find_map(|name| {
        place
            .get(name)
            .and_then(Value::str)
            .filter(|s| !s.trim().is_empty())
    })
}

/// A delay at the top of `body` or in its `error` object.
pub(crate) fn delay(body: &Value<'_, '_>) -> Option<u64> {
    delay_in(body).or_else(|| body.get("error").and_then(delay_in))
}

fn delay_in(place: &Value<'_, '_>) -> Option<u64> {
    // Every delay member's name starts with `retry` or `wait`: most bodies have none.
    let has_delay = place.members().iter().any(|(k, _)| {
        let raw = k.raw();
        raw.starts_with("retry") || raw.starts_with("wait")
    });
    if !has_delay {
        return None;
    }
    for name in [
        "retry_after",
        "retryAfter",
        "retry_after_seconds",
        "retryAfterSeconds",
        "retry_in",
        "wait_seconds",
    ] {
        if let Some(ms) = place.get(name).and_then(Value::seconds_ms) {
            return Some(ms);
        }
    }
    if let Some(ms) = place
        .get("retry_after_ms")
        .or_else(|| place.get("retryAfterMs"))
        .and_then(|v| v.text().and_then(|t| crate::number::whole(&t)))
    {
        return Some(ms);
    }
    place.get("retryDelay").and_then(duration_ms)
}

/// Whether the body says the call failed.
fn says_failed(body: &Value<'_, '_>, place: Option<&Value<'_, '_>>) -> bool {
    if place.is_some() {
        return true;
    }
    if let Some(s) = body
        .get("error")
        .or_else(|| body.get("errors"))
        .and_then(Value::str)
    {
        if !s.trim().is_empty() {
            return true;
        }
    }
    let word = |name: &str| {
        body.get(name)
            .and_then(Value::str)
            .is_some_and(|s| FAILURE_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w)))
    };
    // A status that is a name other than a success word (Google Maps' `"status":
    // "OVER_QUERY_LIMIT"`) reports an outcome: the rules decide whether it is a failure.
    let named_status = body.get("status").and_then(Value::str).is_some_and(|s| {
        one_word(&s)
            && !s.bytes().all(|b| b.is_ascii_digit())
            && !SUCCESS_WORDS.iter().any(|w| s.eq_ignore_ascii_case(w))
    });
    named_status
        || word("status")
        || word("result")
        || word("state")
        || body.get("isError").and_then(Value::boolean) == Some(true)
}
