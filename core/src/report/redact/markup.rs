//! Secrets in XML and HTML: the content of an element with a secret's name
//! (`<Password>…</Password>`, `<wsse:Password Type="…">…`, `<SecretAccessKey>`, a namespace
//! prefix ignored), children included, up to its closing tag; an element that never closes
//! loses its first text only. And the value of a form field or setting named like a secret:
//! `<input name="csrf_token" value="…">`, `<meta name="csrf-token" content="…">`,
//! `<add key="ApiKey" value="…"/>`, `<input type="password" value="…">`. Tags and element
//! names stay, so the document keeps its shape. One pass over the tags with a stack of open
//! elements; a closing tag is matched against the eight innermost, so broken markup costs no
//! more than good.

use alloc::vec::Vec;

use super::marks::Marks;
use super::names::is_secret_name;
use super::scan::{at, count_while};

/// How deep the stack of open elements is kept, and how far down a closing tag is matched.
const MAX_OPEN: usize = 1024;
const MATCH_DEPTH: usize = 8;

/// HTML elements that never close.
const VOID: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b':' | b'.' | b'-')
}

/// Whether `<` is followed by a URL (`<https://…>` in a `Link` header or prose), not a tag.
fn is_url(text: &[u8], from: usize) -> bool {
    let scheme = count_while(text, from, 32, |b| {
        b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-')
    });
    text.get(from + scheme..from + scheme + 3) == Some(b"://")
}

/// An open element: its name's range and, for a secret one, where its content starts.
struct Open {
    name: (usize, usize),
    secret_content: Option<usize>,
}

/// A tag's attributes that matter: the `name`/`key`/`id` value, `type="password"`, and the
/// ranges of `value`/`content` values.
#[derive(Default)]
struct Attributes {
    secret_named: bool,
    values: [(usize, usize); 2],
    value_count: usize,
}

fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(colon) => name.get(colon + 1..).unwrap_or(name),
        None => name,
    }
}

fn secret(name: &[u8]) -> bool {
    core::str::from_utf8(local(name)).is_ok_and(is_secret_name)
}

/// Reads the attributes from `i` to the end of the tag; returns where the tag ends (after `>`,
/// or at the next `<` or the end for a broken tag) and whether it closes itself (`/>`).
fn attributes(
    text: &[u8],
    mut i: usize,
    marks: &mut Marks,
    found: &mut Attributes,
) -> (usize, bool) {
    loop {
        i += count_while(text, i, usize::MAX, |b| b.is_ascii_whitespace());
        match at(text, i) {
            None => return (i, false),
            Some(b'>') => return (i + 1, false),
            Some(b'<') => return (i, false),
            Some(b'/') if at(text, i + 1) == Some(b'>') => return (i + 2, true),
            Some(b) if !is_name_byte(b) => {
                i += 1;
                continue;
            }
            Some(_) => {}
        }
        let name_start = i;
        i += count_while(text, i, usize::MAX, is_name_byte);
        let name = text.get(name_start..i).unwrap_or(&[]);
        i += count_while(text, i, usize::MAX, |b| b.is_ascii_whitespace());
        if at(text, i) != Some(b'=') {
            continue;
        }
        i += 1;
        i += count_while(text, i, usize::MAX, |b| b.is_ascii_whitespace());
        let (start, end) = match at(text, i) {
            Some(q @ (b'"' | b'\'')) => {
                let len = if q == b'"' {
                    count_while(text, i + 1, usize::MAX, |b| b != b'"' && b != b'<')
                } else {
                    count_while(text, i + 1, usize::MAX, |b| b != b'\'' && b != b'<')
                };
                let range = (i + 1, i + 1 + len);
                i = range.1 + usize::from(at(text, range.1) == Some(q));
                range
            }
            _ => {
                let len = count_while(text, i, usize::MAX, |b| {
                    !b.is_ascii_whitespace() && b != b'>' && b != b'<'
                });
                let range = (i, i + len);
                i = range.1;
                range
            }
        };
        let value = text.get(start..end).unwrap_or(&[]);
        let lower = |s: &[u8], t: &[u8]| s.eq_ignore_ascii_case(t);
        if ["name", "key", "id", "property"]
            .iter()
            .any(|n| lower(name, n.as_bytes()))
        {
            found.secret_named |= core::str::from_utf8(value).is_ok_and(is_secret_name);
        } else if lower(name, b"type") && lower(value, b"password") {
            found.secret_named = true;
        } else if lower(name, b"value") || lower(name, b"content") {
            if let Some(slot) = found.values.get_mut(found.value_count) {
                *slot = (start, end);
                found.value_count += 1;
            }
        } else if secret(name) {
            marks.mark(start, end);
        }
    }
}

/// Marks secret element contents and secret form-field values in `text`.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut open: Vec<Open> = Vec::new();
    // The first text of the innermost secret element, marked when the next tag starts.
    let mut pending: Option<usize> = None;
    let mut i = 0;
    while let Some(offset) = text
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        let lt = i + offset;
        if let Some(start) = pending.take() {
            marks.mark(start, lt);
        }
        match at(text, lt + 1) {
            Some(b'/') => {
                let name_start = lt + 2;
                let name_end = name_start + count_while(text, name_start, usize::MAX, is_name_byte);
                let name = text.get(name_start..name_end).unwrap_or(&[]);
                let depth = open.len();
                let matched = (1..=MATCH_DEPTH.min(depth)).find(|&d| {
                    open.get(depth - d).is_some_and(|o| {
                        text.get(o.name.0..o.name.1)
                            .is_some_and(|n| n.eq_ignore_ascii_case(name))
                    })
                });
                if let Some(d) = matched {
                    for closed in open.drain(depth - d..) {
                        if let Some(content) = closed.secret_content {
                            marks.mark(content, lt);
                        }
                    }
                }
                let gt = count_while(text, name_end, usize::MAX, |b| b != b'>' && b != b'<');
                i = name_end + gt + usize::from(at(text, name_end + gt) == Some(b'>'));
            }
            Some(b) if b.is_ascii_alphabetic() && !is_url(text, lt + 1) => {
                let name_start = lt + 1;
                let name_end = name_start + count_while(text, name_start, usize::MAX, is_name_byte);
                let name = text.get(name_start..name_end).unwrap_or(&[]);
                let mut found = Attributes::default();
                let (end, self_closing) = attributes(text, name_end, marks, &mut found);
                if found.secret_named {
                    for &(s, e) in found.values.iter().take(found.value_count) {
                        marks.mark(s, e);
                    }
                }
                let void = VOID.iter().any(|v| v.eq_ignore_ascii_case(name));
                let closed_tag = end > 0 && at(text, end - 1) == Some(b'>');
                if !self_closing && !void && closed_tag {
                    let is_secret = secret(name);
                    if is_secret {
                        pending = Some(end);
                    }
                    if open.len() < MAX_OPEN {
                        open.push(Open {
                            name: (name_start, name_end),
                            secret_content: is_secret.then_some(end),
                        });
                    }
                }
                i = end.max(lt + 1);
            }
            _ => i = lt + 1,
        }
    }
    if let Some(start) = pending {
        marks.mark(start, text.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn redact(text: &str) -> String {
        let mut marks = Marks::new(text.len());
        mark(text.as_bytes(), &mut marks);
        marks.apply(text).unwrap_or_else(|| String::from(text))
    }

    #[test]
    fn elements_and_fields() {
        for (text, want) in [
            (
                "<Error><Code>X</Code><Password>p1</Password><RequestId>r</RequestId></Error>",
                "<Error><Code>X</Code><Password>[REDACTED]</Password><RequestId>r</RequestId></Error>",
            ),
            (
                r#"<wsse:Password Type="PasswordText">p2</wsse:Password>"#,
                r#"<wsse:Password Type="PasswordText">[REDACTED]</wsse:Password>"#,
            ),
            (
                "<Credentials><User>u</User><Key>k</Key></Credentials><x>1</x>",
                "<Credentials>[REDACTED]</Credentials><x>1</x>",
            ),
            (
                r#"<input type="hidden" name="csrfmiddlewaretoken" value="abc"><p>ok</p>"#,
                r#"<input type="hidden" name="csrfmiddlewaretoken" value="[REDACTED]"><p>ok</p>"#,
            ),
            (r#"<meta name="csrf-token" content="t1">"#, r#"<meta name="csrf-token" content="[REDACTED]">"#),
            (r#"<add key="ApiKey" value="k2" />"#, r#"<add key="ApiKey" value="[REDACTED]" />"#),
            (r#"<input type="password" value="pw">"#, r#"<input type="password" value="[REDACTED]">"#),
            (r#"<div data-api-key="k3">x</div>"#, r#"<div data-api-key="[REDACTED]">x</div>"#),
            ("<token>abc", "<token>[REDACTED]"),
            ("<token>abc<b>x</b> rest", "<token>[REDACTED]<b>x</b> rest"),
            ("a < b and c > d", "a < b and c > d"),
            (
                "<https://x.example/?token=t&order=o>; rel=next",
                "<https://x.example/?token=t&order=o>; rel=next",
            ),
            (r#"<meta name="viewport" content="width=device-width">"#, r#"<meta name="viewport" content="width=device-width">"#),
        ] {
            assert_eq!(redact(text), want, "{text}");
        }
    }
}
