//! HTTP authentication credentials written into text (`Authorization: Bearer …` copied into a
//! message or a log line): the scheme word stays, the credential goes.
//!
//! - `Bearer` 1*SP b64token (RFC 6750 §2.1), when it looks like a credential rather than prose
//!   (`bearer token expired`: at least 8 characters, or any that is not a letter) and is not an
//!   auth-param (`Bearer realm="api"` in a `WWW-Authenticate` challenge stays);
//! - `Basic` 1*SP base64 (RFC 7617 §2), only when it decodes to `user-id:password`.

use super::marks::Marks;
use super::scan::{at, count_while, starts_with_ignore_case, word_start, Class, Runs};
use crate::base64;

/// How many spaces may separate the scheme from its credential.
const MAX_SPACES: usize = 16;

/// Marks `Bearer` and `Basic` credentials in `text`.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut runs = Runs::new(text);
    let mut i = 0;
    while let Some(b) = at(text, i) {
        if !matches!(b, b'b' | b'B') || !word_start(text, i) {
            i += 1;
            continue;
        }
        if starts_with_ignore_case(text, i, b"bearer ") {
            let start = i + 6 + count_while(text, i + 6, MAX_SPACES, |b| b == b' ');
            let end = runs.end(Class::B64Token, start);
            let token = text.get(start..end).unwrap_or(&[]);
            let looks_like_credential =
                token.len() >= 8 || token.iter().any(|b| !b.is_ascii_alphabetic());
            let is_auth_param = token.ends_with(b"=") && at(text, end) == Some(b'"');
            if !token.is_empty() && looks_like_credential && !is_auth_param {
                marks.mark(start, end);
                i = end;
                continue;
            }
        } else if starts_with_ignore_case(text, i, b"basic ") {
            let start = i + 5 + count_while(text, i + 5, MAX_SPACES, |b| b == b' ');
            let end = runs.end(Class::Base64Pad, start);
            let token = text.get(start..end).unwrap_or(&[]);
            let decodes_to_credentials = core::str::from_utf8(token)
                .ok()
                .and_then(base64::decode)
                .is_some_and(|d| d.contains(&b':'));
            if token.len() >= 4 && decodes_to_credentials {
                marks.mark(start, end);
                i = end;
                continue;
            }
        }
        i += 1;
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
    fn bearer_and_basic() {
        assert_eq!(
            redact("Authorization: Bearer abc.def-ghi_123"),
            "Authorization: Bearer [REDACTED]"
        );
        assert_eq!(redact("bearer token expired"), "bearer token expired");
        assert_eq!(redact("Bearer abc.def"), "Bearer [REDACTED]");
        let challenge = "Bearer realm=\"core\", error=\"invalid_token\"";
        assert_eq!(redact(challenge), challenge);
        assert_eq!(redact("Basic dXNlcjpwYXNz"), "Basic [REDACTED]");
        assert_eq!(redact("a basic plan"), "a basic plan");
    }
}
