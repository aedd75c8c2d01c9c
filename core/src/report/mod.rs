//! What to log for every failure and what to hand support (seed 001 "Good client logging
//! fields", "Suggested escalation package"; seed 000 "Escalation checklist"). Both read the same
//! input as [`crate::classify`] and never carry a secret: endpoints, headers, bodies, messages
//! and ids pass through [`redact`] first, and through [`limits`] for their size.

mod escalation;
pub(crate) mod history;
pub(crate) mod limits;
mod log_fields;
pub(crate) mod redact;

pub(crate) use escalation::report_for;
pub use escalation::{escalation_report, AttemptRecord, EscalationReport};
pub use history::RECORD_FIELDS;
pub(crate) use log_fields::fields_for;
pub use log_fields::{log_fields, LogFields};

use alloc::string::String;

use crate::body::json::Value;
use crate::body::{self, Body};
use crate::headers::{Name, ResponseHeaders};
use crate::http_date;
use crate::input::Input;

/// The message id and external reference the response body carries, if any: at the top
/// level, in `data`, or in `error`.
fn body_ids(input: &Input<'_>) -> (Option<String>, Option<String>) {
    let headers = ResponseHeaders::scan(input.headers);
    let arena = body::json::Arena::new();
    let Body::Json { value: top, .. } = body::read(input.body, &headers, &arena) else {
        return (None, None);
    };
    let places = [
        Some(&top).filter(|t| t.is_object()),
        top.get("data").filter(|d| d.is_object()),
        top.get("error").filter(|e| e.is_object()),
    ];
    let find = |names: &[&str]| {
        places
            .iter()
            .flatten()
            .find_map(|p| p.first_of(names).and_then(Value::text).map(|t| field(&t)))
    };
    (
        find(&["messageId", "message_id"]),
        find(&["externalReference", "external_reference"]),
    )
}

/// An id, code, key or method as a report shows it: redacted, at most
/// [`limits::REPORT_MAX_FIELD_BYTES`].
fn field(s: &str) -> String {
    limits::bounded(s, limits::REPORT_MAX_FIELD_BYTES, redact::text)
}

/// An endpoint as a report shows it: credentials in its user info, query, fragment and path
/// redacted, at most [`limits::REPORT_MAX_ENDPOINT_BYTES`].
fn endpoint(e: &str) -> String {
    limits::bounded(e, limits::REPORT_MAX_ENDPOINT_BYTES, redact::text)
}

/// When the request was made: the caller's clock, else the response's `Date`.
fn request_timestamp(input: &Input<'_>) -> Option<i64> {
    input.now.or_else(|| {
        ResponseHeaders::scan(input.headers)
            .get(Name::Date)
            .and_then(http_date::parse)
    })
}

/// `,"name":"value"` (or `null`), the reports' JSON writer.
fn push_field(out: &mut String, name: &str, value: Option<&str>) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    match value {
        Some(v) => crate::text::push_json_string(out, v),
        None => out.push_str("null"),
    }
}

/// `,"name":true|false|null`.
fn push_bool(out: &mut String, name: &str, value: Option<bool>) {
    out.push_str(",\"");
    out.push_str(name);
    out.push_str("\":");
    out.push_str(match value {
        Some(true) => "true",
        Some(false) => "false",
        None => "null",
    });
}

/// A number, or `null`.
fn push_number(out: &mut String, n: Option<i64>) {
    use core::fmt::Write;
    match n {
        Some(n) => {
            let _ = write!(out, "{n}");
        }
        None => out.push_str("null"),
    }
}
