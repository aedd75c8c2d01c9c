//! Success-flag envelopes: `{"ok": false, "error": "invalid_auth"}` (Slack Web API,
//! api.slack.com/web#evaluating_responses) and `{"success": false, "errors": [{"code",
//! "message"}]}` (Cloudflare v4 API and many others), often sent with HTTP 200.

use super::{raw, string, text, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// `ok` or `success` is `false`.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    let failed = |flag: &Option<Node<'_>>| flag.as_ref().and_then(Node::boolean) == Some(false);
    if !failed(&p.ok) && !failed(&p.success) {
        return None;
    }
    let error_object = p.error.as_ref().and_then(Node::object);
    let first_error = p.errors.as_ref().and_then(Node::first_object);
    let code = string(&p.error)
        .or_else(|| error_object.and_then(|e| text(&e.code)))
        .or_else(|| first_error.and_then(|e| text(&e.code)))
        .or_else(|| text(&p.code));
    let message = string(&p.message)
        .or_else(|| error_object.and_then(|e| string(&e.message)))
        .or_else(|| first_error.and_then(|e| string(&e.message)))
        .or_else(|| string(&p.error_description));
    Some(Said {
        code,
        message,
        request_id: string(&p.request_id),
        details: raw(p.details).or_else(|| raw(p.metadata)),
        ..Said::new(Shape::Envelope)
    })
}
