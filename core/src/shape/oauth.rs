//! OAuth 2.0 errors: the token endpoint's JSON body (RFC 6749 §5.2, seed 000 "OAuth errors")
//! and a resource server's `WWW-Authenticate: Bearer error="…"` (RFC 6750 §3).

use alloc::string::String;

use super::{string, Said};
use crate::body::probe::{Node, Probe};
use crate::headers::{Name, ResponseHeaders};
use crate::text::push_json_string;
use crate::vocab::Shape;

/// `{"error": "invalid_client", "error_description": "…"}`. The `error` value must look like an
/// OAuth error code (RFC 6749 §5.2 uses lower-case words joined by `_`), which keeps out bodies
/// such as Spring's `{"error": "Not Found", "message": …}`.
pub(super) fn recognise(p: &Probe<'_>) -> Option<Said> {
    let code = p.error.as_ref().and_then(Node::str)?;
    if !is_oauth_code(code) {
        return None;
    }
    let details = p.error_uri.as_ref().and_then(Node::str).map(|uri| {
        let mut d = String::from("{\"error_uri\":");
        push_json_string(&mut d, uri);
        d.push('}');
        d
    });
    Some(Said {
        code: Some(String::from(code)),
        message: string(&p.error_description),
        request_id: string(&p.request_id),
        details,
        ..Said::new(Shape::Oauth)
    })
}

fn is_oauth_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="…"`.
pub(super) fn from_www_authenticate(headers: &ResponseHeaders<'_>) -> Option<Said> {
    let value = headers.get(Name::WwwAuthenticate)?;
    let params = value
        .get(..6)
        .filter(|s| s.eq_ignore_ascii_case("bearer"))
        .and_then(|_| value.get(6..))?;
    let code = param(params, "error")?;
    Some(Said {
        code: Some(String::from(code)),
        message: param(params, "error_description").map(String::from),
        ..Said::new(Shape::Oauth)
    })
}

/// The value of `name` in an auth-param list (`a="x", b=y`), quotes removed.
fn param<'a>(params: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = params;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        let eq = rest.find('=')?;
        let key = rest.get(..eq)?.trim();
        let after = rest.get(eq + 1..)?.trim_start();
        let (value, tail) = if let Some(quoted) = after.strip_prefix('"') {
            let end = quoted.find('"')?;
            (quoted.get(..end)?, quoted.get(end + 1..)?)
        } else {
            let end = after.find(',').unwrap_or(after.len());
            (after.get(..end)?.trim(), after.get(end..)?)
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        rest = tail;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_auth_params() {
        let p = r#" realm="example", error="invalid_token", error_description="The access token expired""#;
        assert_eq!(param(p, "error"), Some("invalid_token"));
        assert_eq!(
            param(p, "error_description"),
            Some("The access token expired")
        );
        assert_eq!(
            param("realm=x,error=insufficient_scope", "error"),
            Some("insufficient_scope")
        );
        assert_eq!(param("realm=\"unterminated", "error"), None);
    }
}
