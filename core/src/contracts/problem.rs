//! RFC 9457 problem details: `{"type", "title", "status", "detail", "instance"}`, served as
//! `application/problem+json`. The `type` URI is the code; `detail` (else `title`) the message.
//! No rules of its own: problem types are URIs a person names, read as code words.

use super::{get, string, Contract, Cx, Said, REQUEST_ID};
use crate::body::json::Value;
use crate::text::contains_ignore_ascii_case;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Problem,
    recognise,
    rules: RULES,
};

/// Declared by media type, or a `title` with one of `type`, `status` or `detail`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    if !body.is_object() {
        return None;
    }
    let declared = cx
        .content_type
        .is_some_and(|ct| contains_ignore_ascii_case(ct, "problem+json"));
    let has_title = body.get("title").and_then(Value::str).is_some();
    let has_other = body.get("type").and_then(Value::str).is_some()
        || matches!(body.get("status"), Some(Value::Num(_)))
        || body.get("detail").and_then(Value::str).is_some();
    if !(declared || (has_title && has_other)) {
        return None;
    }
    Some(Said {
        code: string(body.get("type")),
        message: string(body.get("detail")).or_else(|| string(body.get("title"))),
        request_id: string(get(body, REQUEST_ID)),
        ..Said::new(Shape::Problem)
    })
}

const RULES: &str = r##"{"errtriage_rules": 1, "rules": []}"##;
