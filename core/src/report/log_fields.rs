//! The fields the playbook says to log for every failure (seed 001 "Good client logging
//! fields"): endpoint, method, status, request timestamp, `requestId`, `messageId`,
//! `externalReference`, idempotency key. Every string redacted and bounded like a report's.

use alloc::string::String;

use super::{body_ids, endpoint, field, push_field, push_number, request_timestamp};
use crate::classify::classify;
use crate::input::Input;
use crate::text::push_json_string;

/// One failure's log line, as structured fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct LogFields {
    /// The endpoint called, secrets in its query and user info redacted.
    pub endpoint: Option<String>,
    /// The HTTP method.
    pub method: Option<String>,
    /// The HTTP status; absent for a transport failure.
    pub status: Option<u16>,
    /// When the request was made, in unix seconds: the caller's `now`, else the response's `Date`.
    pub request_timestamp: Option<i64>,
    /// The request id, from the body or the usual headers.
    pub request_id: Option<String>,
    /// `messageId` from the response body (top level, `data` or `error`).
    pub message_id: Option<String>,
    /// `externalReference` from the response body.
    pub external_reference: Option<String>,
    /// The `Idempotency-Key` the request carried.
    pub idempotency_key: Option<String>,
}

/// The log fields of one failed call.
pub fn log_fields(input: &Input<'_>) -> LogFields {
    fields_for(&classify(input), input)
}

/// The log fields of `input`, whose verdict (by whichever rules) is `verdict`.
pub(crate) fn fields_for(verdict: &crate::verdict::Verdict, input: &Input<'_>) -> LogFields {
    let (message_id, external_reference) = body_ids(input);
    let request = &input.request;
    LogFields {
        endpoint: request.endpoint.map(endpoint),
        method: request.method.map(field),
        status: verdict.status,
        request_timestamp: request_timestamp(input),
        request_id: verdict.request_id.as_deref().map(field),
        message_id,
        external_reference,
        idempotency_key: request.idempotency_key.map(field),
    }
}

impl LogFields {
    /// One line of JSON, fields in the order above, `null` where absent.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(192);
        out.push_str("{\"endpoint\":");
        match &self.endpoint {
            Some(e) => push_json_string(&mut out, e),
            None => out.push_str("null"),
        }
        push_field(&mut out, "method", self.method.as_deref());
        out.push_str(",\"status\":");
        push_number(&mut out, self.status.map(i64::from));
        out.push_str(",\"request_timestamp\":");
        push_number(&mut out, self.request_timestamp);
        push_field(&mut out, "request_id", self.request_id.as_deref());
        push_field(&mut out, "message_id", self.message_id.as_deref());
        push_field(
            &mut out,
            "external_reference",
            self.external_reference.as_deref(),
        );
        push_field(&mut out, "idempotency_key", self.idempotency_key.as_deref());
        out.push('}');
        out
    }
}
