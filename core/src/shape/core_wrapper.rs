//! The CORE API wrapper of seed 000 ("CORE API errors"):
//! `{"error": {"code", "message", "details"}, "requestId"}`.

use super::{raw, string, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// An `error` object with a string `code`; the other `{"error": {…}}` contracts were tried first.
pub(super) fn recognise(p: &Probe<'_>, e: &Probe<'_>) -> Option<Said> {
    let code = e.code.as_ref().and_then(Node::str)?;
    Some(Said {
        code: Some(code.into()),
        message: string(&e.message),
        request_id: string(&p.request_id).or_else(|| string(&e.request_id)),
        details: raw(e.details),
        ..Said::new(Shape::CoreWrapper)
    })
}
