//! A JSON tree for reading the JSON form and rules documents: objects as lists of members (first
//! occurrence wins on lookup, as in the body reader), strings borrowed where the text allows,
//! numbers kept apart by kind so that messages can say what arrived. Read with the crate's one
//! JSON reader (`body::json`), without the body limits: the core needs no JSON library.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::body::json::{self as reader, Limits, Parsed, Value};

/// Documents nest at most this deep.
pub(crate) const MAX_DEPTH: usize = 128;

/// One JSON value.
#[derive(Debug)]
pub(crate) enum Json<'a> {
    Null,
    Bool(bool),
    /// An integer that fits `i64`.
    Int(i64),
    /// An integer above `i64::MAX`.
    BigUint,
    /// A number with a fraction or exponent.
    Fraction,
    Str(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Vec<(Cow<'a, str>, Json<'a>)>),
}

impl<'a> Json<'a> {
    /// The members of an object.
    pub(crate) fn members(&self) -> Option<&[(Cow<'a, str>, Json<'a>)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_i64(&self) -> Option<i64> {
        match self {
            Json::Int(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    /// How the value is described in an error message.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Int(_) => "a number",
            Json::BigUint => "an integer above 2^63",
            Json::Fraction => "a fractional number",
            Json::Str(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

/// The first member called `name` of an object's members.
pub(crate) fn member<'v, 'a>(
    members: &'v [(Cow<'a, str>, Json<'a>)],
    name: &str,
) -> Option<&'v Json<'a>> {
    members
        .iter()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value)
}

/// Reads `text` as one JSON document; the error says what is wrong and where, in words the same
/// in every language (`it ends early at line 1 column 22`).
pub(crate) fn parse(text: &str) -> Result<Json<'_>, String> {
    let limits = Limits {
        depth: MAX_DEPTH,
        members: usize::MAX,
        items: usize::MAX,
    };
    let arena = reader::Arena::new();
    let (parsed, at) = reader::parse_with(text, limits, &arena);
    let place = || position(text, at);
    match parsed {
        Parsed::Complete(v) => {
            convert(v).ok_or_else(|| format!("it nests deeper than {MAX_DEPTH} levels"))
        }
        Parsed::Cut(_) => {
            let (line, column) = place();
            Err(format!("it ends early at line {line} column {column}"))
        }
        Parsed::Invalid if at >= text.len() => {
            let (line, column) = place();
            Err(format!("it ends early at line {line} column {column}"))
        }
        Parsed::Invalid => {
            let (line, column) = place();
            Err(format!(
                "unexpected {} at line {line} column {column}",
                describe(text, at)
            ))
        }
    }
}

/// The 1-based line and column (in characters) of byte `at`.
fn position(text: &str, at: usize) -> (usize, usize) {
    let before = text.get(..at).unwrap_or(text);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before.get(start..).map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// What stands at byte `at`, for a message.
fn describe(text: &str, at: usize) -> String {
    match text.get(at..).and_then(|rest| rest.chars().next()) {
        Some(c) if c.is_ascii_graphic() => format!("'{c}'"),
        Some(c) => format!("character U+{:04X}", u32::from(c)),
        None => String::from("end"),
    }
}

fn convert<'a>(v: Value<'_, 'a>) -> Option<Json<'a>> {
    Some(match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(b),
        Value::Num(n) => number(n),
        Value::Str(t) => Json::Str(t.decoded()),
        Value::Array(items, _) => {
            Json::Array(items.iter().copied().map(convert).collect::<Option<_>>()?)
        }
        Value::Object(members, _) => Json::Object(
            members
                .iter()
                .map(|&(k, v)| Some((k.decoded(), convert(v)?)))
                .collect::<Option<_>>()?,
        ),
        Value::Deep => return None,
    })
}

/// A number by kind: an integer that fits `i64`, a larger one, or a fraction or exponent.
fn number(text: &str) -> Json<'_> {
    if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        return Json::Fraction;
    }
    match text.parse::<i64>() {
        Ok(n) => Json::Int(n),
        Err(_) if !text.starts_with('-') => Json::BigUint,
        Err(_) => Json::Fraction,
    }
}
