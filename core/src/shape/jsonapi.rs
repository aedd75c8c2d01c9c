//! JSON:API error objects (jsonapi.org/format/#error-objects): `{"errors": [{"status", "code",
//! "title", "detail", "source"}]}`. The first error speaks for the response.

use super::{raw, string, text, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// An `errors` array whose first entry has `detail`, `title` or `code`.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    let first = p.errors.as_ref().and_then(Node::first_object)?;
    if first.detail.is_none() && first.title.is_none() && first.code.is_none() {
        return None;
    }
    Some(Said {
        code: text(&first.code),
        message: string(&first.detail).or_else(|| string(&first.title)),
        request_id: string(&p.request_id),
        details: raw(first.source),
        ..Said::new(Shape::Jsonapi)
    })
}
