//! Any other JSON object: keep whatever code, message and request id it has, under the usual
//! names, and let the status decide (DESIGN.md §1: "Anything else that parses is `json`").

use super::{raw, string, text, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// Always succeeds.
pub(super) fn recognise(p: &Probe<'_>) -> Said {
    let error_object = p.error.as_ref().and_then(Node::object);
    Said {
        code: text(&p.code).or_else(|| error_object.and_then(|e| text(&e.code))),
        message: string(&p.message)
            .or_else(|| error_object.and_then(|e| string(&e.message)))
            .or_else(|| string(&p.error_description))
            .or_else(|| string(&p.detail))
            .or_else(|| string(&p.error))
            .or_else(|| string(&p.title)),
        request_id: string(&p.request_id)
            .or_else(|| error_object.and_then(|e| string(&e.request_id))),
        details: raw(p.details).or_else(|| raw(p.metadata)),
        delay_ms: None,
        ..Said::new(Shape::Json)
    }
}
