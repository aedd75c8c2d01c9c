//! Typed errors in the Stripe style (docs.stripe.com/api/errors), also used by OpenAI and
//! Anthropic: `{"error": {"type": "card_error", "code": "card_declined", "message", …}}`.
//! The `code` is the code when present; the `type` is looked up when the code says nothing.

use alloc::string::String;

use super::{string, Said};
use crate::body::probe::{Node, Probe};
use crate::text::push_json_string;
use crate::vocab::Shape;

/// An `error` object with a string `type`.
pub(super) fn recognise(p: &Probe<'_>, e: &Probe<'_>) -> Option<Said> {
    let kind = e.kind.as_ref().and_then(Node::str)?;
    let code = e.code.as_ref().and_then(Node::str);
    // Details keep what the contract adds beside code and message, as sent.
    let mut details = String::from("{\"type\":");
    push_json_string(&mut details, kind);
    for (name, value) in [("decline_code", e.decline_code), ("param", e.param)] {
        if let Some(value) = value {
            details.push_str(",\"");
            details.push_str(name);
            details.push_str("\":");
            details.push_str(&crate::text::compact_json(value.get()));
        }
    }
    details.push('}');
    Some(Said {
        code: Some(String::from(code.unwrap_or(kind))),
        kind: Some(String::from(kind)),
        message: string(&e.message),
        request_id: string(&p.request_id).or_else(|| string(&e.request_id)),
        details: Some(details),
        ..Said::new(Shape::Typed)
    })
}
