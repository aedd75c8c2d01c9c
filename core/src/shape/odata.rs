//! OData JSON errors (OData v4.01 JSON Format §21), as Microsoft Graph and Azure send them:
//! `{"error": {"code", "message", "target", "details": […], "innererror": {"request-id", …}}}`.

use super::{raw, string, Said};
use crate::body::probe::{Node, Probe};
use crate::vocab::Shape;

/// An `error` object with a string `code` and an OData mark: `innererror`, `target`, or
/// `details` as an array.
pub(super) fn recognise(p: &Probe<'_>, e: &Probe<'_>) -> Option<Said> {
    let code = e.code.as_ref().and_then(Node::str)?;
    let details_is_array = e
        .details
        .is_some_and(|d| d.get().trim_start().starts_with('['));
    if e.inner_error.is_none() && e.target.is_none() && !details_is_array {
        return None;
    }
    let inner = e.inner_error.as_ref().and_then(Node::object);
    Some(Said {
        code: Some(code.into()),
        message: string(&e.message),
        request_id: inner
            .and_then(|i| string(&i.request_id))
            .or_else(|| string(&p.request_id)),
        details: raw(e.details),
        ..Said::new(Shape::Odata)
    })
}
