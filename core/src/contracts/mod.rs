//! The error contracts errtriage knows by name, one file each: how its body is told apart, where
//! its code, message, request id, details and delay live, and its rules (a rules document, the
//! same language a user writes). [`REGISTRY`] lists them in precedence order (DESIGN.md §1
//! "Shapes"); the first that recognises a JSON body wins, and bodies no contract claims go to
//! the generic reader (`generic.rs`, issue 10 §1).
//!
//! Adding a contract: write `contracts/<name>.rs` with a `CONTRACT` (its recogniser and rules),
//! add it to [`REGISTRY`], and add its name to [`crate::Shape`].

pub(crate) mod aws;
pub(crate) mod core_wrapper;
pub(crate) mod envelope;
pub(crate) mod flat;
pub(crate) mod generic;
pub(crate) mod google;
pub(crate) mod graphql;
pub(crate) mod jsonapi;
pub(crate) mod oauth;
pub(crate) mod odata;
pub(crate) mod problem;
pub(crate) mod read;
pub(crate) mod typed;

use alloc::borrow::Cow;
use alloc::string::String;

use crate::body::json::Value;
use crate::vocab::Shape;

/// What the API said, in the words of its contract: texts borrowed from the body or the
/// headers (`'a`) where they stand there as they are, owned where they had to be decoded.
#[derive(Debug, Default)]
pub(crate) struct Said<'a> {
    pub shape: Option<Shape>,
    /// The machine-readable code, as sent (a number becomes its decimal text).
    pub code: Option<Cow<'a, str>>,
    /// For typed errors, the error `type` (looked up when `code` matches nothing).
    pub kind: Option<Cow<'a, str>>,
    pub message: Option<Cow<'a, str>>,
    pub request_id: Option<Cow<'a, str>>,
    /// Route-specific context, as compact JSON text.
    pub details: Option<Cow<'a, str>>,
    /// A delay the body asks for, in milliseconds.
    pub delay_ms: Option<u64>,
    /// The body says the call failed even though the status may be 2xx (`ok: false`, a
    /// JSON-RPC `error`, GraphQL `errors` without data, a SOAP fault).
    pub failed: bool,
}

impl Said<'_> {
    pub(crate) fn new(shape: Shape) -> Self {
        Said {
            shape: Some(shape),
            ..Said::default()
        }
    }
}

/// What a recogniser may know beside the body.
pub(crate) struct Cx<'v, 't, 'a> {
    pub content_type: Option<&'v str>,
    /// The body's top-level `error` member, which most contracts look at first (looked up
    /// once for all of them).
    pub error: Option<&'v Value<'t, 'a>>,
}

/// One contract: its shape, how its JSON body is recognised, and its rules document.
pub(crate) struct Contract {
    pub shape: Shape,
    pub recognise: for<'v, 't, 'a> fn(&'v Value<'t, 'a>, &Cx<'v, 't, 'a>) -> Option<Said<'a>>,
    pub rules: &'static str,
}

/// The contracts whose bodies are JSON objects, in precedence order.
pub(crate) static REGISTRY: &[&Contract] = &[
    &envelope::CONTRACT,
    &oauth::CONTRACT,
    &google::CONTRACT,
    &typed::CONTRACT,
    &odata::CONTRACT,
    &core_wrapper::CONTRACT,
    &aws::CONTRACT,
    &flat::CONTRACT,
    &problem::CONTRACT,
    &graphql::CONTRACT,
    &jsonapi::CONTRACT,
];

/// The first contract that recognises `body`.
pub(crate) fn recognise<'v, 't, 'a>(
    body: &'v Value<'t, 'a>,
    cx: &Cx<'v, 't, 'a>,
) -> Option<Said<'a>> {
    REGISTRY.iter().find_map(|c| (c.recognise)(body, cx))
}

/// The spellings of the members every contract reads.
pub(crate) const CODE: &[&str] = &["code", "Code"];
pub(crate) const MESSAGE: &[&str] = &["message", "Message"];
pub(crate) const REQUEST_ID: &[&str] = &[
    "requestId",
    "request_id",
    "requestID",
    "RequestId",
    "request-id",
    "fbtrace_id",
];

/// A string member.
pub(crate) fn string<'a>(v: Option<&Value<'_, 'a>>) -> Option<Cow<'a, str>> {
    v.and_then(Value::str)
}

/// A string or whole-number member (codes and ids may be either).
pub(crate) fn text<'a>(v: Option<&Value<'_, 'a>>) -> Option<Cow<'a, str>> {
    v.and_then(Value::text)
}

/// A member as compact JSON text.
pub(crate) fn raw<'a>(v: Option<&Value<'_, 'a>>) -> Option<Cow<'a, str>> {
    v.and_then(Value::json)
}

/// The part of `text` that `part` picks out, borrowed when `text` is.
pub(crate) fn narrowed<'a>(text: Cow<'a, str>, part: impl Fn(&str) -> &str) -> Cow<'a, str> {
    match text {
        Cow::Borrowed(s) => Cow::Borrowed(part(s)),
        Cow::Owned(s) => Cow::Owned(String::from(part(&s))),
    }
}

/// The first of the spellings of a member.
pub(crate) fn get<'v, 't, 'a>(v: &'v Value<'t, 'a>, names: &[&str]) -> Option<&'v Value<'t, 'a>> {
    v.first_of(names)
}
