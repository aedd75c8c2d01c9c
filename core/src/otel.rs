//! OpenTelemetry attributes for a verdict (issue 13 §4), the names defined once: the HTTP
//! semantic conventions' `error.type`, `http.response.status_code` and
//! `http.request.resend_count` (OpenTelemetry semantic conventions, "HTTP client spans" and
//! "error.type"), and errtriage's own `errtriage.rule`, `errtriage.category`,
//! `errtriage.action`.
//!
//! `error.type` follows the conventions' rule for HTTP clients: the status code as a string when
//! it is an error status; else (a failure without a response, or a 2xx whose body says it
//! failed) a low-cardinality identifier of the failure — the API's error code when it gave one,
//! else the id of the rule that decided (`transport.timeout`). A success sets no `error.type`.
//! `http.request.resend_count` is set from the second attempt on (attempt − 1), as the
//! conventions ask.

use alloc::string::String;
use alloc::vec::Vec;

use crate::vocab::{Action, Category};

/// The attribute names, in the order [`otel_attributes`] gives them.
pub const OTEL_ATTRIBUTE_NAMES: &[&str] = &[
    "error.type",
    "http.response.status_code",
    "http.request.resend_count",
    "errtriage.rule",
    "errtriage.category",
    "errtriage.action",
];

/// One attribute's value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AttributeValue {
    /// A string attribute.
    Str(String),
    /// An integer attribute.
    Int(i64),
}

/// What the attributes are made of: a verdict's parts (every binding holds them).
#[derive(Clone, Copy, Debug)]
pub struct OtelInput<'a> {
    /// The HTTP status, absent without a response.
    pub status: Option<u16>,
    /// The API's error code.
    pub code: Option<&'a str>,
    /// The id of the rule that decided.
    pub rule: &'a str,
    /// The verdict's category.
    pub category: Category,
    /// The verdict's action.
    pub action: Action,
    /// Which attempt this was (1 for the first).
    pub attempt: Option<u32>,
}

/// The attributes for one attempt's verdict, in [`OTEL_ATTRIBUTE_NAMES`] order, those that
/// do not apply left out.
pub fn otel_attributes(v: &OtelInput<'_>) -> Vec<(&'static str, AttributeValue)> {
    let mut out = Vec::with_capacity(6);
    let success = matches!(v.status, Some(200..=299 | 304))
        && v.category == Category::Unknown
        && v.action == Action::Stop;
    if !success {
        let error = match v.status {
            Some(s) if s >= 400 => alloc::format!("{s}"),
            _ => String::from(v.code.unwrap_or(v.rule)),
        };
        out.push(("error.type", AttributeValue::Str(error)));
    }
    if let Some(s) = v.status {
        out.push((
            "http.response.status_code",
            AttributeValue::Int(i64::from(s)),
        ));
    }
    if let Some(n) = v.attempt.filter(|&n| n > 1) {
        out.push((
            "http.request.resend_count",
            AttributeValue::Int(i64::from(n - 1)),
        ));
    }
    out.push(("errtriage.rule", AttributeValue::Str(String::from(v.rule))));
    out.push((
        "errtriage.category",
        AttributeValue::Str(String::from(v.category.as_str())),
    ));
    out.push((
        "errtriage.action",
        AttributeValue::Str(String::from(v.action.as_str())),
    ));
    out
}

impl crate::verdict::Verdict {
    /// [`otel_attributes`] for this verdict, as attempt `attempt`.
    pub fn otel_attributes(&self, attempt: Option<u32>) -> Vec<(&'static str, AttributeValue)> {
        otel_attributes(&OtelInput {
            status: self.status,
            code: self.code.as_deref(),
            rule: self.rule.id(),
            category: self.category,
            action: self.action,
            attempt,
        })
    }
}

/// The attributes as one JSON object, in order.
pub fn otel_attributes_json(attributes: &[(&'static str, AttributeValue)]) -> String {
    let mut out = String::from("{");
    for (i, (name, value)) in attributes.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        crate::text::push_json_string(&mut out, name);
        out.push(':');
        match value {
            AttributeValue::Str(s) => crate::text::push_json_string(&mut out, s),
            AttributeValue::Int(n) => out.push_str(&alloc::format!("{n}")),
        }
    }
    out.push('}');
    out
}

/// [`otel_attributes`] in the JSON form: `{"status", "code", "rule", "category", "action",
/// "attempt"}` (a verdict's members, and the attempt number) in, the attributes' JSON object
/// out. Members beyond those are a verdict's and are not read.
pub fn otel_attributes_from_json(text: &str) -> Result<String, crate::Error> {
    use crate::json_form::{named_str, object, parse_form, present};
    use crate::Error;
    let value = parse_form(text)?;
    let fields = object(&value, "verdict")?;
    let status = match present(fields, "status") {
        None => None,
        Some(v) => {
            let n = v
                .as_i64()
                .ok_or_else(|| Error::wrong_type("status", "an integer or null", v.kind()))?;
            crate::input::Input::response(n)?.status()
        }
    };
    let rule = named_str(fields, "rule", "rule")?.ok_or_else(|| Error::required("rule"))?;
    let category =
        named_str(fields, "category", "category")?.ok_or_else(|| Error::required("category"))?;
    let action = named_str(fields, "action", "action")?.ok_or_else(|| Error::required("action"))?;
    let attempt =
        match present(fields, "attempt") {
            None => None,
            Some(v) => {
                let n = v
                    .as_i64()
                    .ok_or_else(|| Error::wrong_type("attempt", "a whole number", v.kind()))?;
                Some(u32::try_from(n).map_err(|_| {
                    Error::out_of_range("attempt", 1, u32::MAX, &alloc::format!("{n}"))
                })?)
            }
        };
    Ok(otel_attributes_json(&otel_attributes(&OtelInput {
        status,
        code: named_str(fields, "code", "code")?,
        rule,
        category: Category::parse(category)?,
        action: Action::parse(action)?,
        attempt,
    })))
}
