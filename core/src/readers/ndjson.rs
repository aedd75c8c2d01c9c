//! Log lines in the JSON form, one per line, with members of their own (`ts`, `id`, …) passed
//! through beside the input. A line whose members are all the JSON form's is the input as
//! written; otherwise the input is the line's JSON-form members, verbatim and in order, and the
//! others are the item's `extra`. A line that is not a JSON object (or not UTF-8, or blank) gets
//! exactly the error `classify_json` gives it.

use alloc::collections::VecDeque;
use alloc::string::String;
use alloc::vec::Vec;

use super::{Item, Location, Record};
use crate::error::{Error, ErrorKind};
use crate::json_form::{object, parse_form, FIELDS};
use crate::json_tree::MAX_DEPTH;

/// Lines split at `\n`; the last one need not end with one.
#[derive(Default)]
pub(crate) struct Framer {
    partial: Vec<u8>,
    line: u64,
}

impl Framer {
    pub(crate) fn feed(&mut self, mut chunk: &[u8], out: &mut VecDeque<Record>) {
        while let Some(end) = chunk.iter().position(|&b| b == b'\n') {
            let (line, rest) = chunk.split_at(end);
            let bytes = if self.partial.is_empty() {
                line.to_vec()
            } else {
                let mut bytes = core::mem::take(&mut self.partial);
                bytes.extend_from_slice(line);
                bytes
            };
            self.push(bytes, out);
            chunk = rest.get(1..).unwrap_or(&[]);
        }
        self.partial.extend_from_slice(chunk);
    }

    pub(crate) fn end(&mut self, out: &mut VecDeque<Record>) {
        if !self.partial.is_empty() {
            let bytes = core::mem::take(&mut self.partial);
            self.push(bytes, out);
        }
    }

    fn push(&mut self, bytes: Vec<u8>, out: &mut VecDeque<Record>) {
        self.line += 1;
        out.push_back(Record {
            location: Location::Line(self.line),
            bytes,
            cut: false,
        });
    }

    pub(crate) fn buffered(&self) -> usize {
        self.partial.len()
    }
}

/// One line as an item.
pub(crate) fn read(record: &Record) -> Item {
    let mut item = Item {
        location: record.location,
        input: Err(Error::new(
            ErrorKind::Syntax,
            "",
            String::from("input is not UTF-8"),
        )),
        url: None,
        extra: Vec::new(),
    };
    let Ok(text) = core::str::from_utf8(&record.bytes) else {
        return item;
    };
    item.input = match members(text) {
        // Every member is the JSON form's: the line is the input, as written.
        Some(members) if members.iter().all(|m| m.form) => Ok(String::from(text)),
        Some(members) => {
            let mut form = String::with_capacity(text.len());
            form.push('{');
            for m in &members {
                if m.form {
                    if form.len() > 1 {
                        form.push(',');
                    }
                    form.push_str(m.text);
                } else if !item.extra.iter().any(|(n, _)| *n == m.name) {
                    item.extra.push((m.name.clone(), String::from(m.value)));
                }
            }
            form.push('}');
            Ok(form)
        }
        // Not a JSON object: the core's own words for what is wrong with it.
        None => match parse_form(text).and_then(|v| object(&v, "input").map(|_| ())) {
            Err(e) => Err(e),
            Ok(()) => Ok(String::from(text)),
        },
    };
    item
}

/// One member of a line's object.
struct Member<'a> {
    /// The decoded name.
    name: String,
    /// `"name": value` as written.
    text: &'a str,
    /// The value as written.
    value: &'a str,
    /// Whether the JSON form has a member of this name.
    form: bool,
}

/// The members of `text` when it is one valid JSON object (RFC 8259, nesting at most the JSON
/// form's depth), else `None`.
fn members(text: &str) -> Option<Vec<Member<'_>>> {
    let b = text.as_bytes();
    let mut i = space(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = space(b, i + 1);
    let mut out = Vec::new();
    if b.get(i) == Some(&b'}') {
        return (space(b, i + 1) == b.len()).then_some(out);
    }
    loop {
        let key_start = i;
        let key_end = string(b, i)?;
        let raw_key = text.get(key_start + 1..key_end - 1)?;
        let name = if raw_key.contains('\\') {
            match crate::json_tree::parse(text.get(key_start..key_end)?).ok()? {
                crate::json_tree::Json::Str(s) => String::from(s.as_ref()),
                _ => return None,
            }
        } else {
            String::from(raw_key)
        };
        i = space(b, key_end);
        if b.get(i) != Some(&b':') {
            return None;
        }
        let value_start = space(b, i + 1);
        let value_end = value(b, value_start, 1)?;
        out.push(Member {
            form: FIELDS.contains(&name.as_str()),
            name,
            text: text.get(key_start..value_end)?,
            value: text.get(value_start..value_end)?,
        });
        i = space(b, value_end);
        match b.get(i) {
            Some(b',') => i = space(b, i + 1),
            Some(b'}') => return (space(b, i + 1) == b.len()).then_some(out),
            _ => return None,
        }
    }
}

fn space(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        i += 1;
    }
    i
}

/// The end (past the closing quote) of the string starting at `i`.
fn string(b: &[u8], i: usize) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let mut i = i + 1;
    loop {
        match *b.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => match *b.get(i + 1)? {
                b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => i += 2,
                b'u' => {
                    let hex = b.get(i + 2..i + 6)?;
                    if !hex.iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    i += 6;
                }
                _ => return None,
            },
            0..=0x1f => return None,
            _ => i += 1,
        }
    }
}

/// The end of the value starting at `i`, which stands at nesting `depth`.
fn value(b: &[u8], i: usize, depth: usize) -> Option<usize> {
    match *b.get(i)? {
        b'"' => string(b, i),
        b'{' | b'[' if depth >= MAX_DEPTH => None,
        b'{' => {
            let mut i = space(b, i + 1);
            if b.get(i) == Some(&b'}') {
                return Some(i + 1);
            }
            loop {
                i = space(b, string(b, i)?);
                if b.get(i) != Some(&b':') {
                    return None;
                }
                i = space(b, value(b, space(b, i + 1), depth + 1)?);
                match *b.get(i)? {
                    b',' => i = space(b, i + 1),
                    b'}' => return Some(i + 1),
                    _ => return None,
                }
            }
        }
        b'[' => {
            let mut i = space(b, i + 1);
            if b.get(i) == Some(&b']') {
                return Some(i + 1);
            }
            loop {
                i = space(b, value(b, i, depth + 1)?);
                match *b.get(i)? {
                    b',' => i = space(b, i + 1),
                    b']' => return Some(i + 1),
                    _ => return None,
                }
            }
        }
        b't' => literal(b, i, b"true"),
        b'f' => literal(b, i, b"false"),
        b'n' => literal(b, i, b"null"),
        _ => number(b, i),
    }
}

fn literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    b.get(i..i + word.len())
        .filter(|w| *w == word)
        .map(|_| i + word.len())
}

/// RFC 8259 §6: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn number(b: &[u8], mut i: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        (i > start).then_some(i)
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    i = match b.get(i)? {
        b'0' => i + 1,
        b'1'..=b'9' => digits(i)?,
        _ => return None,
    };
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = digits(i)?;
    }
    Some(i)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn item(line: &str) -> Item {
        read(&Record {
            location: Location::Line(1),
            bytes: line.as_bytes().to_vec(),
            cut: false,
        })
    }

    #[test]
    fn passes_the_form_through_and_keeps_the_rest() {
        let i = item(r#" {"ts": 1.50e3, "status": 502, "id": {"a": [1, "x\"y"]}, "ts": 2} "#);
        assert_eq!(i.input.as_deref(), Ok(r#"{"status": 502}"#));
        assert_eq!(i.extra("ts"), Some("1.50e3"));
        assert_eq!(i.extra("id"), Some(r#"{"a": [1, "x\"y"]}"#));
        assert_eq!(
            item(r#"{"status":502}"#).input.as_deref(),
            Ok(r#"{"status":502}"#)
        );
        assert_eq!(
            item(r#"{"st\u0061tus":502,"x":1}"#).input.as_deref(),
            Ok(r#"{"st\u0061tus":502}"#)
        );
    }

    #[test]
    fn what_is_not_an_object_gets_the_cores_error() {
        for line in [
            "",
            "not json",
            "[1]",
            "{\"status\": 5x2, \"ts\": 1}",
            "{\"a\":01}",
            "{\"a\":\"\t\"}",
        ] {
            let expected = crate::classify_json(line).unwrap_err();
            assert_eq!(item(line).input, Err(expected), "{line}");
        }
        let deep = alloc::format!("{{\"x\":{}{}}}", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            item(&deep).input,
            Err(crate::classify_json(&deep).unwrap_err())
        );
    }
}
