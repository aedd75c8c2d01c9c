//! GraphQL responses with errors (GraphQL spec §7.1.2 "Errors"): `{"errors": [{"message",
//! "locations", "path", "extensions": {"code"}}], "data"}`. The code is `extensions.code`
//! (Apollo's convention), else the error's `type` (GitHub's).

use alloc::string::String;

use super::{raw, string, Said};
use crate::body::probe::{read, Node, Probe};
use crate::vocab::Shape;

/// An `errors` array whose first entry has a string `message` and no JSON:API member.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    let first = p.errors.as_ref().and_then(Node::first_object)?;
    first.message.as_ref().and_then(Node::str)?;
    let looks_like_jsonapi =
        first.detail.is_some() || first.title.is_some() || first.source.is_some();
    if looks_like_jsonapi && !first.graphql_position && first.extensions.is_none() {
        return None;
    }
    let extension_code = first.extensions.and_then(|ext| match read(ext.get()) {
        Ok(Node::Object(ext)) => ext.code.as_ref().and_then(Node::text).map(String::from),
        _ => None,
    });
    Some(Said {
        code: extension_code.or_else(|| string(&first.kind)),
        message: string(&first.message),
        request_id: string(&p.request_id),
        details: raw(first.extensions),
        ..Said::new(Shape::Graphql)
    })
}
