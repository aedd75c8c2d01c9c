//! # errtriage
//!
//! One decision model for failed HTTP API calls. Give it what came back (status, headers, body
//! bytes) or what went wrong on the wire (DNS, connect, TLS, timeout, reset), plus a little
//! about the request (method, endpoint, idempotency key, token freshness); it answers with a
//! [`Verdict`]: which error contract the body follows ([`Shape`]), what kind of failure it is
//! ([`Category`]), what to do next ([`Action`]), whether the server applied it ([`Outcome`]),
//! what the API said (code, message, request id, details, a delay) and the rule that decided.
//!
//! ```
//! use errtriage::{classify, Action, Category, Input, Request, Shape};
//!
//! let body = br#"{"error":{"code":"UNAUTHORIZED","message":"Invalid or missing bearer token","details":{}},"requestId":"req_auth_001"}"#;
//! let input = Input::response(401)?.with_body(body);
//! let verdict = classify(&input);
//! assert_eq!(verdict.shape, Shape::CoreWrapper);
//! assert_eq!(verdict.category, Category::Authentication);
//! assert_eq!(verdict.action, Action::RefreshCredentials);
//! assert_eq!(verdict.request_id.as_deref(), Some("req_auth_001"));
//!
//! // The same 401 right after a new token was acquired is not an expiry: no refresh loop.
//! let fresh = input.with_request(Request { token_fresh: Some(true), ..Request::default() })?;
//! assert_eq!(classify(&fresh).action, Action::FixConfiguration);
//! assert_eq!(classify(&fresh).rule.id(), "context.token_fresh");
//! # Ok::<(), errtriage::Error>(())
//! ```
//!
//! The crate is `no_std` + `alloc`, has no clock, no randomness and no I/O, forbids `unsafe`,
//! and never panics: every input gets a verdict or an [`Error`].

#![no_std]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

mod base64;
mod body;
mod classifier;
mod classify;
mod client_errors;
mod context;
mod contracts;
pub mod details;
mod directives;
mod error;
mod headers;
mod http_date;
mod idempotency;
mod input;
mod json_form;
mod json_tree;
mod number;
mod operation;
mod otel;
mod policy;
pub mod readers;
mod report;
pub mod rules;
mod scratch;
mod text;
mod verdict;
mod vocab;

pub use body::BODY_PREFIX_BYTES;
pub use classifier::Classifier;
pub use classify::classify;
pub use client_errors::{
    transport_failure, transport_failure_json, ClientFailure, MAX_CLIENT_ERROR_NAMES,
};
pub use directives::MAX_RETRY_AFTER_MS;
pub use error::{Error, ErrorKind};
pub use idempotency::{fingerprint, IdempotencyGuard, GUARD_CAPACITY};
pub use input::{
    Headers, Input, Request, Transport, MAX_HEADER_VALUE_BYTES, MAX_TRANSPORT_DETAIL_BYTES,
    STATUS_RANGE,
};
pub use json_form::classify_json;
pub use operation::{Operation, OperationOptions};
pub use otel::{
    otel_attributes, otel_attributes_from_json, otel_attributes_json, AttributeValue, OtelInput,
    OTEL_ATTRIBUTE_NAMES,
};
pub use policy::{Attempts, Failure, RetryBudget, RetryPolicy, SplitMix64, Step, StopReason};
pub use report::limits::{
    REPORT_MAX_ENDPOINT_BYTES, REPORT_MAX_FIELD_BYTES, REPORT_MAX_HEADERS,
    REPORT_MAX_HEADER_NAME_BYTES, REPORT_MAX_MESSAGE_BYTES,
};
pub use report::{
    escalation_report, log_fields, AttemptRecord, EscalationReport, LogFields, RECORD_FIELDS,
};
pub use rules::document::{MAX_LIST, MAX_PATTERN, MAX_RULES};
pub use rules::Rule;
pub use scratch::{Scratch, SCRATCH_KEEP_BYTES};
pub use verdict::{Verdict, VerdictRef};
pub use vocab::{Action, Auth, Category, Outcome, Sent, Shape, TransportKind};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
