//! The flat contract of seed 002 ("Error Object"): `{"code", "message", "request_id", "metadata"}`.

use super::{raw, string, text, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// A top-level `code` (string or number) beside a string `message`.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    p.code.as_ref().and_then(Node::text)?;
    p.message.as_ref().and_then(Node::str)?;
    Some(Said {
        code: text(&p.code),
        message: string(&p.message),
        request_id: string(&p.request_id),
        details: raw(p.metadata).or_else(|| raw(p.details)),
        ..Said::new(Shape::Flat)
    })
}
