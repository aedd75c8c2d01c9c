//! Secret-named values written as pairs in text: `name=value` (query strings, form bodies,
//! `.env` lines, ADO.NET `Password=…;` connection strings), `name: value` (headers and YAML
//! copied into a message), `"name": "value"` and `'name': 'value'` (JSON or a JS object that
//! did not parse, JSON inside a JSON string, `\"name\":\"value\"` escaped once or more), and
//! `name="value"` attributes. The name is judged by `names.rs` (with the parameter rule after
//! `?`, `&` or `#`, and for the first field of a form body); the name and the separator stay,
//! the value goes:
//!
//! - a quoted value up to its closing quote (escapes honoured);
//! - an object or array value up to its matching bracket;
//! - after `Authorization:`, `Proxy-Authorization:`, `Cookie:` or `Set-Cookie:` the rest of
//!   the line (a known scheme word such as `Bearer` stays);
//! - any other value up to white space or one of `& ; , " ' < > ) ] } \` and backtick; after
//!   `name:` (prose, YAML) only when it has a digit or a symbol or is 12 bytes or more, so
//!   `invalid token: expired` stays (`password: changeme` stays too: a known gap). `null`,
//!   `true` and `false` stay.

use core::str;

use super::marks::Marks;
use super::names::{is_secret_name, is_secret_parameter};
use super::scan::{at, count_while, starts_with, Class, Runs};

const MAX_SPACES: usize = 16;
const MAX_ESCAPES: usize = 8;

/// Names whose `name: value` is a whole header line.
const WHOLE_LINE: &[&[u8]] = &[
    b"authorization",
    b"proxyauthorization",
    b"cookie",
    b"setcookie",
];

/// Authentication scheme words that stay before the credential (RFC 9110 §11, vendors').
const SCHEMES: &[&[u8]] = &[
    b"bearer",
    b"basic",
    b"digest",
    b"token",
    b"negotiate",
    b"ntlm",
    b"dpop",
    b"oauth",
    b"mac",
    b"hoba",
    b"mutual",
    b"aws4-hmac-sha256",
    b"sharedkey",
    b"sharedkeylite",
    b"apikey",
    b"sso-key",
];

/// Whether `name`, letters and digits lower-cased, is one of `list`.
fn normalised_is(name: &[u8], list: &[&[u8]]) -> bool {
    list.iter().any(|target| {
        let mut letters = name
            .iter()
            .filter(|b| b.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase);
        target.iter().all(|&t| letters.next() == Some(t)) && letters.next().is_none()
    })
}

fn ends_bare_value(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'&' | b';' | b',' | b'"' | b'\'' | b'<' | b'>' | b')' | b']' | b'}' | b'\\' | b'`'
        )
}

/// The quote before `ns`, if the name is quoted, and how many backslashes escape it.
fn opening_quote(text: &[u8], ns: usize) -> (Option<u8>, usize) {
    let Some(q) = ns.checked_sub(1).and_then(|p| at(text, p)) else {
        return (None, 0);
    };
    if q != b'"' && q != b'\'' {
        return (None, 0);
    }
    let mut escapes = 0;
    while escapes < MAX_ESCAPES
        && ns
            .checked_sub(2 + escapes)
            .and_then(|p| at(text, p))
            .is_some_and(|b| b == b'\\')
    {
        escapes += 1;
    }
    (Some(q), escapes)
}

/// The end of a quoted value's content from `start`: the next `q` not escaped (after `k`
/// backslashes, when the quotes themselves are escaped), or the end of the line.
fn quoted_end(text: &[u8], start: usize, q: u8, k: usize) -> usize {
    let mut i = start;
    let mut escaped = false;
    while let Some(b) = at(text, i) {
        if b == b'\n' || b == b'\r' {
            return i;
        }
        if k == 0 {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == q {
                return i;
            }
        } else if b == q {
            let slashes = count_back(text, i, k);
            return i - slashes;
        }
        i += 1;
    }
    i
}

/// How many backslashes (at most `max`) stand right before `i`.
fn count_back(text: &[u8], i: usize, max: usize) -> usize {
    let mut n = 0;
    while n < max
        && i.checked_sub(n + 1)
            .and_then(|p| at(text, p))
            .is_some_and(|b| b == b'\\')
    {
        n += 1;
    }
    n
}

/// The end of the object or array that opens at `start` (after its closing bracket), or the
/// end of the text.
fn container_end(text: &[u8], start: usize) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut i = start;
    while let Some(b) = at(text, i) {
        i += 1;
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    i
}

/// The value after the separator at `j`: (start, end) of what is replaced.
fn value(
    text: &[u8],
    j: usize,
    colon: bool,
    quoted_name: bool,
    name: &[u8],
) -> Option<(usize, usize)> {
    let first = at(text, j)?;
    let k = count_while(text, j, MAX_ESCAPES, |b| b == b'\\');
    if let Some(q) = at(text, j + k).filter(|&q| q == b'"' || q == b'\'') {
        if k > 0 || first == q {
            let start = j + k + 1;
            return Some((start, quoted_end(text, start, q, k)));
        }
    }
    if k > 0 {
        return None;
    }
    if first == b'{' || first == b'[' {
        return Some((j, container_end(text, j)));
    }
    if colon && normalised_is(name, WHOLE_LINE) {
        let word = count_while(text, j, 24, |b| b.is_ascii_alphanumeric() || b == b'-');
        let scheme = text.get(j..j + word).unwrap_or(&[]);
        let start = if at(text, j + word) == Some(b' ')
            && SCHEMES.iter().any(|s| s.eq_ignore_ascii_case(scheme))
        {
            j + word + 1
        } else {
            j
        };
        let len = count_while(text, start, usize::MAX, |b| {
            !matches!(b, b'\n' | b'\r' | b'"' | b'\'' | b'`')
        });
        return Some((start, start + len));
    }
    let len = count_while(text, j, usize::MAX, |b| !ends_bare_value(b));
    let v = text.get(j..j + len).unwrap_or(&[]);
    if len == 0 || v == b"null" || v == b"true" || v == b"false" {
        return None;
    }
    let credential_like = v.iter().any(|b| !b.is_ascii_alphabetic()) || len >= 12;
    if colon && !quoted_name && !credential_like {
        return None;
    }
    Some((j, j + len))
}

/// The pair whose name is `text[ns..ne]`, if its value is a secret: where scanning resumes.
fn pair(text: &[u8], ns: usize, ne: usize, form: bool, marks: &mut Marks) -> Option<usize> {
    let name = text.get(ns..ne)?;
    let (quote, escapes) = opening_quote(text, ns);
    let key_start = ns - usize::from(quote.is_some()) - escapes;
    let mut j = ne;
    if let Some(q) = quote {
        let k = count_while(text, j, MAX_ESCAPES, |b| b == b'\\');
        if k != escapes || at(text, j + k) != Some(q) {
            return None;
        }
        j += k + 1;
    }
    j += count_while(text, j, MAX_SPACES, |b| b == b' ' || b == b'\t');
    let sep = at(text, j)?;
    let next = at(text, j + 1);
    let colon = match sep {
        b'=' if next != Some(b'=') => false,
        b':' if next != Some(b':') && !starts_with(text, j + 1, b"//") => true,
        _ => return None,
    };
    j += 1;
    j += count_while(text, j, MAX_SPACES, |b| b == b' ' || b == b'\t');
    let before = key_start.checked_sub(1).and_then(|p| at(text, p));
    let parameter = (form && key_start == 0) || matches!(before, Some(b'?' | b'&' | b'#'));
    let name_text = str::from_utf8(name).ok()?;
    let secret = if parameter {
        is_secret_parameter(name_text)
    } else {
        is_secret_name(name_text)
    };
    if !secret {
        return None;
    }
    let (start, end) = value(text, j, colon, quote.is_some(), name)?;
    marks.mark(start, end);
    Some(end.max(ne))
}

/// Marks the values of secret-named pairs in `text`; `form` when `text` is a whole form body.
pub(super) fn mark(text: &[u8], form: bool, marks: &mut Marks) {
    let mut runs = Runs::new(text);
    let mut i = 0;
    while let Some(b) = at(text, i) {
        let after_name_byte = i
            .checked_sub(1)
            .and_then(|p| at(text, p))
            .is_some_and(|p| Class::Name.has(p));
        if !Class::Name.has(b) || after_name_byte {
            i += 1;
            continue;
        }
        let name_end = runs.end(Class::Name, i);
        i = pair(text, i, name_end, form, marks)
            .unwrap_or(name_end)
            .max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn redact(text: &str, form: bool) -> String {
        let mut marks = Marks::new(text.len());
        mark(text.as_bytes(), form, &mut marks);
        marks.apply(text).unwrap_or_else(|| String::from(text))
    }

    #[test]
    fn pairs_in_text() {
        for (text, want) in [
            (
                "grant_type=client_credentials&client_secret=s3cr3t&x=1",
                "grant_type=client_credentials&client_secret=[REDACTED]&x=1",
            ),
            (
                "/x?key=AIza123&q=1#access_token=abc&state=9",
                "/x?key=[REDACTED]&q=1#access_token=[REDACTED]&state=9",
            ),
            ("a key=1 here", "a key=1 here"),
            (
                "Server=tcp:db,1433;User ID=app;Password=p@ss w;Encrypt=True;",
                "Server=tcp:db,1433;User ID=app;Password=[REDACTED] w;Encrypt=True;",
            ),
            (
                r#"{"password": "a\"b", "n": 1}"#,
                r#"{"password": "[REDACTED]", "n": 1}"#,
            ),
            (
                r#"{\"client_secret\":\"s2\",\"a\":1}"#,
                r#"{\"client_secret\":\"[REDACTED]\",\"a\":1}"#,
            ),
            (r#"'api_key': 'k-1'"#, r#"'api_key': '[REDACTED]'"#),
            (
                "credentials: {\"u\": \"x\", \"p\": [1]} end",
                "credentials: [REDACTED] end",
            ),
            (
                "Authorization: Bearer abc def\nnext",
                "Authorization: Bearer [REDACTED]\nnext",
            ),
            ("Cookie: a=b; c=d", "Cookie: [REDACTED]"),
            ("invalid token: expired", "invalid token: expired"),
            (
                "config check failed, password: hunter123!abcd is bad",
                "config check failed, password: [REDACTED] is bad",
            ),
            ("secret = x9 and", "secret = [REDACTED] and"),
            (
                r#"<Credential password="pw1" user="u">"#,
                r#"<Credential password="[REDACTED]" user="u">"#,
            ),
            (
                "token_type=Bearer&expires_in=3600",
                "token_type=Bearer&expires_in=3600",
            ),
            (r#""password": null"#, r#""password": null"#),
            (
                "https://host:8443/token:refresh",
                "https://host:8443/token:refresh",
            ),
        ] {
            assert_eq!(redact(text, false), want, "{text}");
        }
        assert_eq!(redact("code=abc&state=1", true), "code=[REDACTED]&state=1");
        assert_eq!(redact("code=abc&state=1", false), "code=abc&state=1");
    }
}
