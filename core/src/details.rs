//! A verdict's `details` for languages that parse it into their own values (issue 11 §5).
//!
//! `details` is the server's JSON, byte for byte, white space removed: [`crate::Verdict::to_json`]
//! keeps it so. A language's JSON parser would lose some of it — a number outside the range of a
//! 64-bit float becomes `inf` (Python) or `Infinity` (JavaScript), which no JSON encoder writes
//! back as JSON — and a recursive parser or `repr` fails on deep nesting. So the one decision,
//! the same in every binding:
//!
//! - **a number whose decimal exponent is outside −307…307** (written `d.ddd×10^e`: `1e308`,
//!   `1e400`, `-2.5E-400`, an integer of 309 digits or more) **is kept as its exact text, a
//!   string** (`"1e400"`); every other number stays a number (a float reads it finite, and a
//!   non-zero number stays non-zero). Zero, however written, is a number.
//! - the value is read without recursion ([`tokens`]), so any depth the body reader allowed
//!   converts; strings decode as everywhere else in the core (a lone surrogate escape is U+FFFD).

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, ErrorKind};

/// Smallest and largest decimal exponent of a number kept as a number.
pub const DETAILS_EXPONENT_RANGE: (i64, i64) = (-307, 307);

/// One step of a `details` value, in document order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DetailsToken<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number in range, as written: an integer when it has no `.`, `e` or `E`.
    Number(&'a str),
    /// A string, decoded; also a number out of range, as its exact text.
    Str(Cow<'a, str>),
    /// `[`: the values up to the matching [`DetailsToken::End`] are its elements.
    Array,
    /// `{`: keys ([`DetailsToken::Key`]) and values alternate up to the matching end.
    Object,
    /// An object member's name, decoded.
    Key(Cow<'a, str>),
    /// `]` or `}`.
    End,
}

/// Whether the JSON number `text` is kept as a number (see the module's rule).
pub fn number_in_range(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (
            unsigned.get(..at).unwrap_or(""),
            unsigned.get(at + 1..).unwrap_or(""),
        ),
        None => (unsigned, ""),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let leading = match whole.bytes().position(|b| b != b'0') {
        Some(first) => (whole.len() - 1 - first) as i64,
        None => match fraction.bytes().position(|b| b != b'0') {
            Some(first) => -(first as i64) - 1,
            None => return true, // zero
        },
    };
    let digits = exponent.trim_start_matches(['+', '-']);
    let mut e: i64 = 0;
    for b in digits.bytes() {
        e = e
            .saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')));
    }
    if exponent.starts_with('-') {
        e = -e;
    }
    let scientific = leading.saturating_add(e);
    (DETAILS_EXPONENT_RANGE.0..=DETAILS_EXPONENT_RANGE.1).contains(&scientific)
}

/// `details` as JSON every language's parser reads without loss of range: the same text, with
/// each number out of range written as a string of its exact text.
pub fn portable_details(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                i += 1;
                while let Some(&c) = b.get(i).filter(|&&c| c != b'"') {
                    i += if c == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                i += number_len(b.get(i..).unwrap_or(&[]));
                let number = text.get(start..i).unwrap_or("");
                if !number_in_range(number) {
                    let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 8));
                    o.push_str(text.get(copied..start).unwrap_or(""));
                    o.push('"');
                    o.push_str(number);
                    o.push('"');
                    copied = i;
                }
            }
            _ => i += 1,
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(text.get(copied..).unwrap_or(""));
            Cow::Owned(o)
        }
    }
}

/// `details` (compact JSON, as a verdict holds it) as a flat list of tokens, read without
/// recursion, numbers out of range as strings; an error for text that is not compact JSON.
pub fn tokens(text: &str) -> Result<Vec<DetailsToken<'_>>, Error> {
    let invalid = || {
        Error::new(
            ErrorKind::Syntax,
            "details",
            String::from("details: expected compact JSON text"),
        )
    };
    let b = text.as_bytes();
    let mut out = Vec::new();
    // The open containers: true for an object.
    let mut open: Vec<bool> = Vec::new();
    // In an object, whether the next string is a key.
    let mut want_key = false;
    let mut i = 0;
    loop {
        // A value (or the end of a container) is expected at `i`.
        let Some(&c) = b.get(i) else {
            return Err(invalid());
        };
        if want_key {
            let (key, end) = string(text, i).ok_or_else(invalid)?;
            if b.get(end) != Some(&b':') {
                return Err(invalid());
            }
            out.push(DetailsToken::Key(key));
            i = end + 1;
            want_key = false;
            continue;
        } else {
            match c {
                b'{' => {
                    out.push(DetailsToken::Object);
                    open.push(true);
                    i += 1;
                    if b.get(i) == Some(&b'}') {
                        out.push(DetailsToken::End);
                        open.pop();
                        i += 1;
                    } else {
                        want_key = true;
                        continue;
                    }
                }
                b'[' => {
                    out.push(DetailsToken::Array);
                    open.push(false);
                    i += 1;
                    if b.get(i) == Some(&b']') {
                        out.push(DetailsToken::End);
                        open.pop();
                        i += 1;
                    } else {
                        continue;
                    }
                }
                b'"' => {
                    let (s, end) = string(text, i).ok_or_else(invalid)?;
                    out.push(DetailsToken::Str(s));
                    i = end;
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    i += number_len(b.get(i..).unwrap_or(&[]));
                    let n = text.get(start..i).ok_or_else(invalid)?;
                    out.push(if number_in_range(n) {
                        DetailsToken::Number(n)
                    } else {
                        DetailsToken::Str(Cow::Borrowed(n))
                    });
                }
                _ => {
                    let rest = text.get(i..).unwrap_or("");
                    let (token, len) = if rest.starts_with("null") {
                        (DetailsToken::Null, 4)
                    } else if rest.starts_with("true") {
                        (DetailsToken::Bool(true), 4)
                    } else if rest.starts_with("false") {
                        (DetailsToken::Bool(false), 5)
                    } else {
                        return Err(invalid());
                    };
                    out.push(token);
                    i += len;
                }
            }
        }
        // After a value: a comma, the end of a container, or the end of the text.
        loop {
            match (open.last(), b.get(i)) {
                (None, None) => return Ok(out),
                (Some(&object), Some(b',')) => {
                    want_key = object;
                    i += 1;
                    break;
                }
                (Some(true), Some(b'}')) | (Some(false), Some(b']')) => {
                    out.push(DetailsToken::End);
                    open.pop();
                    i += 1;
                }
                _ => return Err(invalid()),
            }
        }
    }
}

/// How many bytes of number text `b` starts with.
fn number_len(b: &[u8]) -> usize {
    b.iter()
        .take_while(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
        .count()
}

/// The string whose opening quote is at `at`: decoded, and the offset after its closing quote.
fn string(text: &str, at: usize) -> Option<(Cow<'_, str>, usize)> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let mut i = at + 1;
    let mut escaped = false;
    while *b.get(i)? != b'"' {
        if b.get(i) == Some(&b'\\') {
            escaped = true;
            i += 1;
        }
        i += 1;
    }
    let raw = text.get(at + 1..i)?;
    let s = if escaped {
        Cow::Owned(crate::body::json::unescape(raw))
    } else {
        Cow::Borrowed(raw)
    };
    Some((s, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn numbers_out_of_range_keep_their_text() {
        for n in [
            "0", "-0", "0.0", "0e99999", "1", "1.5", "1e307", "9.99e307", "1e-307", "-12",
        ] {
            assert!(number_in_range(n), "{n}");
        }
        for n in [
            "1e308",
            "1e400",
            "-2.5E-400",
            "1e-308",
            "0.0001e-304",
            "1e99999999999999999999",
        ] {
            assert!(!number_in_range(n), "{n}");
        }
        let big = format!("1{}", "0".repeat(308));
        assert!(!number_in_range(&big));
        assert!(number_in_range(&big[..308]));
        assert_eq!(
            portable_details(r#"{"a":1e400,"b":[1.5,"1e400",-1E-400]}"#),
            r#"{"a":"1e400","b":[1.5,"1e400","-1E-400"]}"#
        );
        assert!(matches!(portable_details(r#"{"a":1}"#), Cow::Borrowed(_)));
    }

    #[test]
    fn tokens_without_recursion() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(tokens(&deep).unwrap().len(), 200_000);
        use DetailsToken::*;
        assert_eq!(
            tokens(r#"{"a":[1,1e400,"x\ud800"],"b":{},"c":null,"d":true}"#).unwrap(),
            [
                Object,
                Key("a".into()),
                Array,
                Number("1"),
                Str("1e400".into()),
                Str("x\u{FFFD}".into()),
                End,
                Key("b".into()),
                Object,
                End,
                Key("c".into()),
                Null,
                Key("d".into()),
                Bool(true),
                End
            ]
        );
        for bad in [
            "",
            "[",
            "[1,]",
            "{\"a\"}",
            "{\"a\":1,}",
            "1 ",
            "[1]]",
            "nul",
            "\"abc",
        ] {
            assert!(tokens(bad).is_err(), "{bad}");
        }
    }
}
