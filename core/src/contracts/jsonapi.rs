//! JSON:API error objects (jsonapi.org/format/#error-objects): `{"errors": [{"status", "code",
//! "title", "detail", "source"}]}`. The first error speaks for the response. No rules of its
//! own: its codes are each API's, read as code words.

use super::{get, raw, string, text, Contract, Cx, Said, CODE, REQUEST_ID};
use crate::body::json::Value;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Jsonapi,
    recognise,
    rules: RULES,
};

/// An `errors` array whose first entry has `detail`, `title` or `code`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, _: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let first = body.get("errors").and_then(Value::first)?;
    if first.get("detail").is_none() && first.get("title").is_none() && get(first, CODE).is_none() {
        return None;
    }
    Some(Said {
        code: text(get(first, CODE)),
        message: string(first.get("detail")).or_else(|| string(first.get("title"))),
        request_id: string(get(body, REQUEST_ID)),
        details: raw(first.get("source")),
        failed: true,
        ..Said::new(Shape::Jsonapi)
    })
}

const RULES: &str = r##"{"errtriage_rules": 1, "rules": []}"##;
