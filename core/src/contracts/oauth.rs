//! OAuth 2.0 errors: the token endpoint's JSON body (RFC 6749 §5.2, seed 000 "OAuth errors")
//! and a resource server's `WWW-Authenticate: Bearer error="…"` (RFC 6750 §3), with the codes
//! of RFC 6749 §5.2 and §4.1.2.1, RFC 6750 §3.1 and RFC 8628 §3.5. Seed 000: "`invalid_client`…
//! do not blindly retry"; "treat OAuth errors and CORE API errors as different shapes".

use alloc::borrow::Cow;
use alloc::string::String;

use super::{get, string, Contract, Cx, Said, REQUEST_ID};
use crate::body::json::Value;
use crate::headers::{Name, ResponseHeaders};
use crate::text::push_json_string;
use crate::vocab::Shape;

pub(crate) static CONTRACT: Contract = Contract {
    shape: Shape::Oauth,
    recognise,
    rules: RULES,
};

/// `{"error": "invalid_client", "error_description": "…"}`. The `error` value must look like an
/// OAuth error code (RFC 6749 §5.2 uses lower-case words joined by `_`), which keeps out bodies
/// such as Spring's `{"error": "Not Found", "message": …}`.
fn recognise<'v, 't, 'a>(body: &'v Value<'t, 'a>, cx: &Cx<'v, 't, 'a>) -> Option<Said<'a>> {
    let code = cx.error.and_then(Value::str)?;
    if !is_oauth_code(&code) {
        return None;
    }
    let details = body.get("error_uri").and_then(Value::str).map(|uri| {
        let mut d = String::from("{\"error_uri\":");
        push_json_string(&mut d, &uri);
        d.push('}');
        Cow::Owned(d)
    });
    Some(Said {
        code: Some(code),
        message: string(body.get("error_description")),
        request_id: string(get(body, REQUEST_ID)),
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
pub(crate) fn from_www_authenticate<'a>(headers: &ResponseHeaders<'a>) -> Option<Said<'a>> {
    let value = headers.get(Name::WwwAuthenticate)?;
    let params = value
        .get(..6)
        .filter(|s| s.eq_ignore_ascii_case("bearer"))
        .and_then(|_| value.get(6..))?;
    let code = param(params, "error")?;
    Some(Said {
        code: Some(Cow::Borrowed(code)),
        message: param(params, "error_description").map(Cow::Borrowed),
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

/// The rules, in the rules-document form (first match wins).
const RULES: &str = r##"{"errtriage_rules": 1, "rules": [
  {"id": "oauth.missing_client_credentials", "when": {"shape": ["oauth"], "code": ["invalid_request"], "message": {"all": [["client_id", "client_secret", "client credentials"], ["required", "missing"]]}}, "category": "authentication", "action": "fix_configuration",
   "hint": "Send both client_id and client_secret to the token endpoint; check that both are configured.",
   "source": "seed 000 \"OAuth errors\" (example: missing credentials); RFC 6749 §2.3.1"},
  {"id": "oauth.invalid_request", "when": {"shape": ["oauth"], "code": ["invalid_request"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Fix the token request: a required parameter is missing, repeated or malformed.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\""},
  {"id": "oauth.invalid_client", "when": {"shape": ["oauth"], "code": ["invalid_client"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "Check client_id and client_secret; invalid_client is not fixed by retrying or refreshing.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\" (example: invalid client), \"Do not blindly retry\""},
  {"id": "oauth.invalid_grant", "when": {"shape": ["oauth"], "code": ["invalid_grant"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "The grant (authorization code, refresh token or credentials) is invalid, expired or revoked: obtain a new one.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\""},
  {"id": "oauth.unauthorized_client", "when": {"shape": ["oauth"], "code": ["unauthorized_client"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "This client is not allowed to use this grant type; change the client's registration or the grant.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\""},
  {"id": "oauth.unsupported_grant_type", "when": {"shape": ["oauth"], "code": ["unsupported_grant_type"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Send a grant_type the token endpoint supports, such as client_credentials.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\" (example: unsupported grant type)"},
  {"id": "oauth.invalid_scope", "when": {"shape": ["oauth"], "code": ["invalid_scope"]}, "category": "invalid_request", "action": "fix_request",
   "hint": "Request only scopes the client is registered for.",
   "source": "RFC 6749 §5.2; seed 000 \"OAuth errors\""},
  {"id": "oauth.invalid_token", "when": {"shape": ["oauth"], "code": ["invalid_token"]}, "category": "authentication", "action": "refresh_credentials",
   "hint": "The access token is expired, revoked or malformed: refresh it once, then retry once.",
   "source": "RFC 6750 §3.1; seed 001 \"Token refresh policy\""},
  {"id": "oauth.insufficient_scope", "when": {"shape": ["oauth"], "code": ["insufficient_scope"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "Request a token with the scope this call needs.",
   "source": "RFC 6750 §3.1"},
  {"id": "oauth.access_denied", "when": {"shape": ["oauth"], "code": ["access_denied"]}, "category": "authorization", "action": "fix_configuration",
   "hint": "The resource owner or server denied the request; check the client's permissions.",
   "source": "RFC 6749 §4.1.2.1; RFC 8628 §3.5"},
  {"id": "oauth.server_error", "when": {"shape": ["oauth"], "code": ["server_error", "temporarily_unavailable"]}, "category": "transient", "action": "retry",
   "hint": "The authorization server failed or is overloaded: retry the token request with backoff.",
   "source": "RFC 6749 §4.1.2.1"},
  {"id": "oauth.authorization_pending", "when": {"shape": ["oauth"], "code": ["authorization_pending"]}, "category": "transient", "action": "retry",
   "hint": "The user has not finished authorizing yet: poll again at the given interval.",
   "source": "RFC 8628 §3.5"},
  {"id": "oauth.slow_down", "when": {"shape": ["oauth"], "code": ["slow_down"]}, "category": "rate_limited", "action": "retry",
   "hint": "Polling too fast: add 5 seconds to the polling interval, then poll again.",
   "source": "RFC 8628 §3.5"},
  {"id": "oauth.expired_token", "when": {"shape": ["oauth"], "code": ["expired_token"]}, "category": "authentication", "action": "fix_configuration",
   "hint": "The device code expired: start a new device authorization.",
   "source": "RFC 8628 §3.5"}
]}"##;

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
