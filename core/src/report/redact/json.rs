//! JSON bodies, member by member: the value of a member with a secret's name (`names.rs`) is
//! replaced by `"[REDACTED]"` whatever it is (a string, a number, a whole object); every other
//! string, keys included, is decoded (`\uXXXX`, `\"`), scrubbed as text and, only if that
//! changed it, written back re-escaped, so the body keeps its bytes where nothing was hidden.
//!
//! The walk is a tokenizer with a stack, not a parser, so it holds where a parser gives up:
//! a body cut at the 64 KiB prefix, a byte order mark, trailing data after the document
//! (more JSON is walked the same way; anything else is scrubbed as text), an unquoted key,
//! and escaped member names (`"pass\u0077ord"` is `password`). JSON inside a string is
//! caught by the text pass (its `"name": "value"` pairs). One pass, each byte read a constant
//! number of times.

use alloc::string::String;
use alloc::vec::Vec;

use super::scan::at;
use super::{names, redacted_text, REDACTED};
use crate::text::push_json_string;

/// Where a JSON string that starts at `start` (its quote) ends: after its closing quote, or
/// the end of the text.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    let mut escaped = false;
    while let Some(b) = at(bytes, i) {
        i += 1;
        if escaped {
            escaped = false;
        } else if b == b'\\' {
            escaped = true;
        } else if b == b'"' {
            return i;
        }
    }
    i
}

/// Where the object or array that opens at `start` ends (after its closing bracket), or the
/// end of the text.
fn container_end(bytes: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while let Some(b) = at(bytes, i) {
        match b {
            b'"' => {
                i = string_end(bytes, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

fn hex4(s: &str) -> Option<u32> {
    let digits = s.get(..4)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// The text a JSON string literal stands for (`literal` with its quotes; a missing closing
/// quote is tolerated; a bad escape is kept as written, a lone surrogate becomes U+FFFD).
pub(super) fn decode(literal: &str) -> String {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    let inner = match inner.strip_suffix('"') {
        Some(s) if !s.ends_with('\\') || s.ends_with("\\\\") => s,
        _ => inner,
    };
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(slash) = rest.find('\\') {
        out.push_str(rest.get(..slash).unwrap_or(""));
        let after = rest.get(slash + 1..).unwrap_or("");
        let mut chars = after.chars();
        let consumed = match chars.next() {
            Some('"') => {
                out.push('"');
                1
            }
            Some('\\') => {
                out.push('\\');
                1
            }
            Some('/') => {
                out.push('/');
                1
            }
            Some('b') => {
                out.push('\u{8}');
                1
            }
            Some('f') => {
                out.push('\u{c}');
                1
            }
            Some('n') => {
                out.push('\n');
                1
            }
            Some('r') => {
                out.push('\r');
                1
            }
            Some('t') => {
                out.push('\t');
                1
            }
            Some('u') => match hex4(after.get(1..).unwrap_or("")) {
                Some(hi @ 0xD800..=0xDBFF) => {
                    let low = after
                        .get(5..7)
                        .filter(|s| *s == "\\u")
                        .and_then(|_| hex4(after.get(7..).unwrap_or("")))
                        .filter(|lo| (0xDC00..=0xDFFF).contains(lo));
                    match low {
                        Some(lo) => {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            11
                        }
                        None => {
                            out.push('\u{FFFD}');
                            5
                        }
                    }
                }
                Some(code) => {
                    out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    5
                }
                None => {
                    out.push('\\');
                    0
                }
            },
            Some(_) | None => {
                out.push('\\');
                0
            }
        };
        rest = after.get(consumed..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// Writes a string literal: as it was, unless the text it stands for carries a credential.
fn push_scrubbed(out: &mut String, literal: &str, decoded: &str) {
    match redacted_text(decoded, false) {
        Some(clean) => push_json_string(out, &clean),
        None => out.push_str(literal),
    }
}

fn push_redacted(out: &mut String) {
    out.push('"');
    out.push_str(REDACTED);
    out.push('"');
}

fn is_structural(b: u8) -> bool {
    matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b',' | b'"') || b.is_ascii_whitespace()
}

/// `text` (JSON, or what starts like it) with secret members and credentials replaced.
pub(super) fn redact(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // For each open container: is it an object?
    let mut stack: Vec<bool> = Vec::new();
    let mut expect_key = false;
    let mut redact_next = false;
    let mut i = 0;
    while let Some(b) = at(bytes, i) {
        let in_object = stack.last() == Some(&true);
        match b {
            b'"' => {
                let end = string_end(bytes, i);
                let literal = text.get(i..end).unwrap_or("");
                let decoded = decode(literal);
                if expect_key && in_object {
                    redact_next = names::is_secret_name(&decoded);
                    expect_key = false;
                    push_scrubbed(&mut out, literal, &decoded);
                } else if redact_next {
                    push_redacted(&mut out);
                    redact_next = false;
                } else {
                    push_scrubbed(&mut out, literal, &decoded);
                }
                i = end;
            }
            b'{' | b'[' if redact_next => {
                i = container_end(bytes, i);
                push_redacted(&mut out);
                redact_next = false;
            }
            b'{' | b'[' => {
                stack.push(b == b'{');
                expect_key = b == b'{';
                out.push(char::from(b));
                i += 1;
            }
            b'}' | b']' => {
                stack.pop();
                expect_key = false;
                redact_next = false;
                out.push(char::from(b));
                i += 1;
                if stack.is_empty() {
                    // The document ended: more JSON is walked on, anything else is text.
                    let rest = text.get(i..).unwrap_or("");
                    let next = rest.trim_start();
                    if !next.is_empty() && !next.starts_with(['{', '[']) {
                        match redacted_text(rest, false) {
                            Some(clean) => out.push_str(&clean),
                            None => out.push_str(rest),
                        }
                        return out;
                    }
                }
            }
            b',' => {
                expect_key = in_object;
                redact_next = false;
                out.push(',');
                i += 1;
            }
            b':' => {
                out.push(':');
                i += 1;
            }
            b if b.is_ascii_whitespace() => {
                out.push(char::from(b));
                i += 1;
            }
            _ => {
                // A number, a literal, an unquoted key or stray text, up to the next token.
                let len = bytes
                    .get(i..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&b| !is_structural(b))
                    .count();
                let mut end = i + len;
                while end < text.len() && !text.is_char_boundary(end) {
                    end += 1;
                }
                let run = text.get(i..end).unwrap_or("");
                if expect_key && in_object {
                    redact_next = names::is_secret_name(run);
                    expect_key = false;
                    out.push_str(&redacted_text(run, false).unwrap_or_else(|| String::from(run)));
                } else if redact_next {
                    push_redacted(&mut out);
                    redact_next = false;
                } else {
                    out.push_str(&redacted_text(run, false).unwrap_or_else(|| String::from(run)));
                }
                i = end.max(i + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_escapes() {
        assert_eq!(decode(r#""pass\u0077ord""#), "password");
        assert_eq!(decode(r#""a\"b\\c\/d\n""#), "a\"b\\c/d\n");
        assert_eq!(decode(r#""\ud83d\ude00 \ud800 \x""#), "😀 \u{FFFD} \\x");
        assert_eq!(decode(r#""cut"#), "cut");
    }

    #[test]
    fn members_at_any_depth() {
        let body = r#"{"client_id":"c1", "client_secret" : "s", "nested":{"password":{"a":[1,"}"]},"n":1},"access_token":12,"note":"Bearer abcdefghijk","list":[{"refresh_token":null}]}"#;
        assert_eq!(
            redact(body),
            r#"{"client_id":"c1", "client_secret" : "[REDACTED]", "nested":{"password":"[REDACTED]","n":1},"access_token":"[REDACTED]","note":"Bearer [REDACTED]","list":[{"refresh_token":"[REDACTED]"}]}"#
        );
    }

    #[test]
    fn holds_where_a_parser_gives_up() {
        // Escaped key, unquoted key, BOM, cut, trailing data.
        assert_eq!(
            redact("\u{feff}{\"pass\\u0077ord\":\"p1\",token:'t1', \"cut\": {\"api_key\": \"k1"),
            "\u{feff}{\"pass\\u0077ord\":\"[REDACTED]\",token:\"[REDACTED]\", \"cut\": {\"api_key\": \"[REDACTED]\""
        );
        assert_eq!(
            redact(r#"{"a":1}{"secret":"s1"} trailing password=p2"#),
            r#"{"a":1}{"secret":"[REDACTED]"} trailing password=[REDACTED]"#
        );
        // JSON inside a string.
        assert_eq!(
            redact(r#"{"body":"{\"client_secret\":\"s3\"}"}"#),
            r#"{"body":"{\"client_secret\":\"[REDACTED]\"}"}"#
        );
    }
}
