//! Shape detection: which error contract the body follows, and what the API said in it (code,
//! message, request id, details, a delay). One module per contract, tried in the precedence
//! order of DESIGN.md §1 "Shapes"; the first that recognises the body wins.

mod aws;
mod core_wrapper;
mod envelope;
mod flat;
mod generic;
mod google;
mod graphql;
mod jsonapi;
mod oauth;
mod odata;
mod problem;
mod typed;

use alloc::string::String;

use serde_json::value::RawValue;

use crate::body::probe::{Node, Probe};
use crate::body::Body;
use crate::headers::{Name, ResponseHeaders, REQUEST_ID};
use crate::text::compact_json;
use crate::vocab::Shape;

/// What the API said, in the words of its contract.
#[derive(Debug, Default)]
pub(crate) struct Said {
    pub shape: Option<Shape>,
    /// The machine-readable code, as sent (a number becomes its decimal text).
    pub code: Option<String>,
    /// For typed errors, the error `type` (looked up when `code` matches nothing).
    pub kind: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    /// Route-specific context, as compact JSON text.
    pub details: Option<String>,
    /// A delay the body asks for (Google `RetryInfo`, `retry_after`), in milliseconds.
    pub delay_ms: Option<u64>,
}

impl Said {
    fn new(shape: Shape) -> Self {
        Said {
            shape: Some(shape),
            ..Said::default()
        }
    }
}

/// Recognises the contract of `body`.
pub(crate) fn detect(body: &Body<'_>, headers: &ResponseHeaders<'_>) -> Said {
    let content_type = headers.get(Name::ContentType);
    let mut said = match body {
        Body::Empty => Said::new(Shape::Empty),
        Body::Json(Node::Object(p)) => object(p, content_type),
        Body::Json(Node::Str(s)) => Said {
            message: Some(String::from(s.trim())),
            ..Said::new(Shape::Json)
        },
        Body::Json(_) | Body::OversizedJson => Said::new(Shape::Json),
        Body::Html { title } => Said {
            message: title.map(String::from),
            ..Said::new(Shape::Html)
        },
        Body::Xml {
            code,
            message,
            request_id,
        } => aws::from_xml(*code, *message, *request_id),
        Body::Text(text) => Said {
            message: Some(String::from(*text)),
            ..Said::new(Shape::Text)
        },
        Body::Malformed => Said::new(Shape::Malformed),
    };
    // Contracts that live in headers, for bodies that name no contract of their own.
    if matches!(
        said.shape,
        Some(Shape::Empty | Shape::Text | Shape::Html | Shape::Json)
    ) {
        if let Some(from_header) =
            oauth::from_www_authenticate(headers).or_else(|| aws::from_error_type_header(headers))
        {
            said = Said {
                request_id: said.request_id,
                ..from_header
            };
        }
    }
    if said.request_id.is_none() {
        said.request_id = REQUEST_ID
            .iter()
            .find_map(|&name| headers.get(name))
            .filter(|v| !v.is_empty())
            .map(String::from);
    }
    said
}

/// A top-level JSON object, tried contract by contract.
fn object(p: &Probe<'_>, content_type: Option<&str>) -> Said {
    let mut said = contract(p, content_type);
    if said.delay_ms.is_none() {
        // Discord-style `retry_after` (seconds) at the top level or inside `error`.
        let inner = p
            .error
            .as_ref()
            .and_then(Node::object)
            .and_then(|e| e.retry_after.as_ref());
        said.delay_ms = p.retry_after.as_ref().or(inner).and_then(Node::seconds_ms);
    }
    said
}

fn contract(p: &Probe<'_>, content_type: Option<&str>) -> Said {
    envelope::recognise(p)
        .or_else(|| oauth::recognise(p))
        .or_else(|| {
            p.error
                .as_ref()
                .and_then(Node::object)
                .and_then(|e| error_object(p, e))
        })
        .or_else(|| flat::recognise(p))
        .or_else(|| problem::recognise(p, content_type))
        .or_else(|| aws::recognise(p))
        .or_else(|| graphql::recognise(p))
        .or_else(|| jsonapi::recognise(p))
        .unwrap_or_else(|| generic::recognise(p))
}

/// `{"error": {…}}`: the CORE wrapper unless the inner object carries another contract's marks.
fn error_object(p: &Probe<'_>, e: &Probe<'_>) -> Option<Said> {
    google::recognise(p, e)
        .or_else(|| typed::recognise(p, e))
        .or_else(|| odata::recognise(p, e))
        .or_else(|| core_wrapper::recognise(p, e))
}

/// A string member, owned.
pub(crate) fn string(node: &Option<Node<'_>>) -> Option<String> {
    node.as_ref().and_then(Node::str).map(String::from)
}

/// A string or number member (codes and ids may be either), owned.
pub(crate) fn text(node: &Option<Node<'_>>) -> Option<String> {
    node.as_ref().and_then(Node::text).map(String::from)
}

/// A raw member as compact JSON text.
pub(crate) fn raw(value: Option<&RawValue>) -> Option<String> {
    value.map(|v| compact_json(v.get()))
}
