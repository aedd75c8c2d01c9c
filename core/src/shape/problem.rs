//! RFC 9457 problem details: `{"type", "title", "status", "detail", "instance"}`, served as
//! `application/problem+json`. The `type` URI is the code; `detail` (else `title`) the message.

use super::{string, Said};
use crate::body::probe::{Node, Probe};
use crate::text::contains_ignore_ascii_case;
use crate::vocab::Shape;

/// Declared by media type, or a `title` with one of `type`, `status` or `detail`.
pub(super) fn recognise(p: &Probe<'_>, content_type: Option<&str>) -> Option<Said> {
    let declared = content_type.is_some_and(|ct| contains_ignore_ascii_case(ct, "problem+json"));
    let has_title = p.title.as_ref().and_then(Node::str).is_some();
    let has_other = p.kind.as_ref().and_then(Node::str).is_some()
        || matches!(p.status, Some(Node::Num(_)))
        || p.detail.as_ref().and_then(Node::str).is_some();
    if !(declared || (has_title && has_other)) {
        return None;
    }
    Some(Said {
        code: string(&p.kind),
        message: string(&p.detail).or_else(|| string(&p.title)),
        request_id: string(&p.request_id),
        ..Said::new(Shape::Problem)
    })
}
