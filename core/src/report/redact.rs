//! Redaction for everything a report carries (seed 001 "Suggested escalation package": the
//! full error body, redacted for secrets). Secrets are replaced by `[REDACTED]` where they
//! stand, so the shape of the data survives: a header or member keeps its name, a query
//! parameter its place. What counts as a secret: credential headers (`Authorization`,
//! `Proxy-Authorization`, cookies, API-key headers), members and parameters named like
//! passwords, secrets, tokens and keys (`client_secret`, `access_token`, `api_key`, …), and,
//! inside any text, `Bearer` credentials, `Basic` credentials (base64 of `user:password`)
//! and JWTs (RFC 7519 compact form).

use alloc::string::String;
use alloc::vec::Vec;

use crate::base64;

/// What a secret is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// A name with only its ASCII letters and digits, lower-cased (`X-Api-Key` → `xapikey`).
fn normalise(name: &str) -> String {
    name.bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| char::from(b.to_ascii_lowercase()))
        .collect()
}

/// Whether a header, member or parameter called `name` holds a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    const EXACT: &[&str] = &[
        "authorization",
        "proxyauthorization",
        "cookie",
        "setcookie",
        "password",
        "passwd",
        "pwd",
        "passphrase",
        "secret",
        "apikey",
        "xapikey",
        "privatekey",
        "clientassertion",
        "subscriptionkey",
        "ocpapimsubscriptionkey",
        "xgoogapikey",
        "licensekey",
        "accesskey",
        "secretkey",
        "secretaccesskey",
        "credentials",
        "credential",
    ];
    let n = normalise(name);
    EXACT.contains(&n.as_str())
        || n.ends_with("token")
        || n.ends_with("secret")
        || n.ends_with("password")
}

/// Query parameters that carry credentials beyond the names above (Google's `key`, signed URLs).
fn is_secret_parameter(name: &str) -> bool {
    is_secret_name(name)
        || matches!(
            normalise(name).as_str(),
            "key" | "sig" | "signature" | "xamzsignature" | "xamzcredential" | "code"
        )
}

/// `headers` with secret values replaced and the rest scrubbed of credentials.
pub(crate) fn headers(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let value = if is_secret_name(name) {
                String::from(REDACTED)
            } else {
                text(value)
            };
            (String::from(*name), value)
        })
        .collect()
}

/// An endpoint (path or URL) with the password of its user info and its secret query
/// parameters replaced.
pub(crate) fn endpoint(url: &str) -> String {
    let (before_query, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let mut out = String::with_capacity(url.len());
    // scheme://user:password@host/...
    let scheme_end = before_query
        .find(':')
        .filter(|&i| before_query.get(i..i + 3) == Some("://"));
    match scheme_end.map(|i| {
        (
            before_query.get(..i).unwrap_or(""),
            before_query.get(i + 3..).unwrap_or(""),
        )
    }) {
        Some((scheme, rest)) => {
            out.push_str(scheme);
            out.push_str("://");
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            match authority.rsplit_once('@') {
                Some((userinfo, host)) => {
                    match userinfo.split_once(':') {
                        Some((user, _)) => {
                            out.push_str(user);
                            out.push(':');
                            out.push_str(REDACTED);
                        }
                        None => out.push_str(userinfo),
                    }
                    out.push('@');
                    out.push_str(host);
                }
                None => out.push_str(authority),
            }
            out.push_str(path);
        }
        None => out.push_str(before_query),
    }
    if let Some(query) = query {
        out.push('?');
        out.push_str(&parameters(query, '&'));
    }
    out
}

/// `a=1&client_secret=x` with secret values replaced (also for form bodies).
fn parameters(query: &str, separator: char) -> String {
    let mut out = String::with_capacity(query.len());
    for (i, pair) in query.split(separator).enumerate() {
        if i > 0 {
            out.push(separator);
        }
        match pair.split_once('=') {
            Some((name, _)) if is_secret_parameter(name) => {
                out.push_str(name);
                out.push('=');
                out.push_str(REDACTED);
            }
            _ => out.push_str(pair),
        }
    }
    out
}

/// Free text with `Bearer` and `Basic` credentials, JWTs and `secret=value` pairs replaced.
pub(crate) fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        let rest = text.get(i..).unwrap_or("");
        let at_word = i == 0 || !bytes.get(i - 1).is_some_and(|b| b.is_ascii_alphanumeric());
        if let Some(skip) = at_word.then(|| secret_at(rest)).flatten() {
            out.push_str(text.get(copied..i + skip.keep).unwrap_or(""));
            out.push_str(REDACTED);
            i += skip.keep + skip.len;
            copied = i;
            continue;
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// A secret found at the start of some text: keep `keep` bytes, then replace `len` bytes.
struct Found {
    keep: usize,
    len: usize,
}

fn token_len(s: &str, extra: &[u8]) -> usize {
    s.bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || extra.contains(b))
        .count()
}

fn secret_at(rest: &str) -> Option<Found> {
    let lower_starts = |p: &str| {
        rest.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    // RFC 6750 §2.1: "Bearer" 1*SP b64token
    if lower_starts("bearer ") {
        let spaces = rest
            .get(6..)
            .map_or(0, |r| r.bytes().take_while(|&b| b == b' ').count());
        let keep = 6 + spaces;
        let after = rest.get(keep..).unwrap_or("");
        let len = token_len(after, b"-._~+/=");
        let token = after.get(..len).unwrap_or("");
        // A credential, not prose ("bearer token expired") and not an auth-param (`realm="x"`).
        let looks_like_credential = len >= 8 || token.bytes().any(|b| !b.is_ascii_alphabetic());
        let is_auth_param = token.ends_with('=') && after.as_bytes().get(len) == Some(&b'"');
        if len > 0 && looks_like_credential && !is_auth_param {
            return Some(Found { keep, len });
        }
    }
    // RFC 7617: "Basic" base64(user-id ":" password); only when it decodes to that.
    if lower_starts("basic ") {
        let spaces = rest
            .get(5..)
            .map_or(0, |r| r.bytes().take_while(|&b| b == b' ').count());
        let keep = 5 + spaces;
        let token = rest.get(keep..).unwrap_or("");
        let len = token_len(token, b"+/=");
        let decodes_to_credentials = token
            .get(..len)
            .and_then(base64::decode)
            .is_some_and(|d| d.contains(&b':'));
        if len >= 4 && decodes_to_credentials {
            return Some(Found { keep, len });
        }
    }
    // RFC 7519 compact JWS: base64url(header).base64url(payload).signature, header `{"…` = `eyJ`.
    if rest.starts_with("eyJ") {
        let len = token_len(rest, b"-_.");
        let parts = rest
            .get(..len)
            .map_or(0, |t| t.split('.').filter(|p| !p.is_empty()).count());
        if parts >= 2 && len >= 16 {
            return Some(Found { keep: 0, len });
        }
    }
    // name=value with a secret name (query strings and form bodies inside text).
    let name_len = token_len(rest, b"-_");
    if name_len > 0
        && rest.as_bytes().get(name_len) == Some(&b'=')
        && is_secret_parameter(rest.get(..name_len).unwrap_or(""))
    {
        let value = rest.get(name_len + 1..).unwrap_or("");
        let len = value
            .bytes()
            .take_while(|b| {
                !matches!(
                    b,
                    b'&' | b' ' | b'"' | b'\'' | b';' | b',' | b'\n' | b'\r' | b'\t'
                )
            })
            .count();
        if len > 0 {
            return Some(Found {
                keep: name_len + 1,
                len,
            });
        }
    }
    None
}

/// JSON text with the values of secret members replaced by `"[REDACTED]"` and every other
/// string scrubbed with [`text`]; everything else (order, spacing, numbers) as it was.
/// `json` must be valid JSON.
pub(crate) fn json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut chars = json.char_indices().peekable();
    // For each open container: is it an object, and is the next string there a key?
    let mut stack: Vec<bool> = Vec::new();
    let mut expect_key = false;
    let mut redact_next = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let start = i;
                let mut end = json.len();
                let mut escaped = false;
                for (j, d) in chars.by_ref() {
                    if escaped {
                        escaped = false;
                    } else if d == '\\' {
                        escaped = true;
                    } else if d == '"' {
                        end = j + 1;
                        break;
                    }
                }
                let literal = json.get(start..end).unwrap_or("");
                if expect_key {
                    out.push_str(literal);
                    redact_next = is_secret_name(literal.trim_matches('"'));
                    expect_key = false;
                } else if redact_next {
                    push_redacted(&mut out);
                    redact_next = false;
                } else {
                    out.push_str(&text(literal));
                }
            }
            '{' | '[' if redact_next => {
                // Skip the whole value, strings included.
                let (mut depth, mut in_string, mut escaped) = (1u32, false, false);
                for (_, d) in chars.by_ref() {
                    if in_string {
                        if escaped {
                            escaped = false;
                        } else if d == '\\' {
                            escaped = true;
                        } else if d == '"' {
                            in_string = false;
                        }
                    } else {
                        match d {
                            '"' => in_string = true,
                            '{' | '[' => depth += 1,
                            '}' | ']' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                push_redacted(&mut out);
                redact_next = false;
            }
            '{' => {
                stack.push(true);
                expect_key = true;
                out.push(c);
            }
            '[' => {
                stack.push(false);
                out.push(c);
            }
            '}' | ']' => {
                stack.pop();
                out.push(c);
            }
            ',' => {
                expect_key = stack.last() == Some(&true);
                out.push(c);
            }
            c if redact_next && !c.is_ascii_whitespace() && c != ':' => {
                // A number or literal: skip to its end.
                while chars
                    .peek()
                    .is_some_and(|(_, d)| !matches!(d, ',' | '}' | ']') && !d.is_ascii_whitespace())
                {
                    chars.next();
                }
                push_redacted(&mut out);
                redact_next = false;
            }
            c => out.push(c),
        }
    }
    out
}

fn push_redacted(out: &mut String) {
    out.push('"');
    out.push_str(REDACTED);
    out.push('"');
}

/// A body for a report: JSON redacted member by member, form bodies parameter by parameter,
/// anything else as text.
pub(crate) fn body(body: &str) -> String {
    let trimmed = body.trim_ascii();
    let is_json = (trimmed.starts_with('{') || trimmed.starts_with('['))
        && matches!(
            crate::body::json::parse(trimmed),
            crate::body::json::Parsed::Complete(_)
        );
    if is_json {
        json(body)
    } else if !trimmed.contains(' ') && trimmed.contains('=') {
        text(&parameters(trimmed, '&'))
    } else {
        text(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for secret in [
            "Authorization",
            "client_secret",
            "access_token",
            "refreshToken",
            "X-Api-Key",
            "password",
            "id_token",
            "Cookie",
        ] {
            assert!(is_secret_name(secret), "{secret}");
        }
        for plain in [
            "idempotency_key",
            "token_type",
            "code",
            "message",
            "requestId",
            "expires_in",
        ] {
            assert!(!is_secret_name(plain), "{plain}");
        }
    }

    #[test]
    fn text_credentials() {
        assert_eq!(
            text("Authorization: Bearer abc.def-ghi_123"),
            "Authorization: Bearer [REDACTED]"
        );
        assert_eq!(text("bearer token expired"), "bearer token expired");
        assert_eq!(text("Bearer abc.def"), "Bearer [REDACTED]");
        assert_eq!(
            text("Bearer realm=\"core\", error=\"invalid_token\""),
            "Bearer realm=\"core\", error=\"invalid_token\""
        );
        assert_eq!(text("Basic dXNlcjpwYXNz"), "Basic [REDACTED]");
        assert_eq!(text("a basic plan"), "a basic plan");
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig_nature-x";
        assert_eq!(text(&format!("token {jwt} end")), "token [REDACTED] end");
        assert_eq!(
            text("grant_type=client_credentials&client_secret=s3cr3t&x=1"),
            "grant_type=client_credentials&client_secret=[REDACTED]&x=1"
        );
        assert_eq!(text("naïve café"), "naïve café");
    }

    #[test]
    fn endpoints() {
        assert_eq!(
            endpoint("/api/core/numbers?limit=5&api_key=abc"),
            "/api/core/numbers?limit=5&api_key=[REDACTED]"
        );
        assert_eq!(
            endpoint("https://u:p@host.example/x?key=AIza&q=1"),
            "https://u:[REDACTED]@host.example/x?key=[REDACTED]&q=1"
        );
        assert_eq!(
            endpoint("https://host.example/path"),
            "https://host.example/path"
        );
    }

    #[test]
    fn json_members() {
        let body = r#"{"client_id":"c1", "client_secret" : "s", "nested":{"password":{"a":[1,"}"]},"n":1},"access_token":12,"note":"Bearer abcdefghijk","list":[{"refresh_token":null}]}"#;
        assert_eq!(
            json(body),
            r#"{"client_id":"c1", "client_secret" : "[REDACTED]", "nested":{"password":"[REDACTED]","n":1},"access_token":"[REDACTED]","note":"Bearer [REDACTED]","list":[{"refresh_token":"[REDACTED]"}]}"#
        );
        assert_eq!(
            body_redacted_form(),
            "grant_type=client_credentials&client_id=c&client_secret=[REDACTED]"
        );
    }

    fn body_redacted_form() -> String {
        body("grant_type=client_credentials&client_id=c&client_secret=shh")
    }

    use alloc::format;
}
