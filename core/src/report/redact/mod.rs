//! Redaction for everything a report carries (seed 001 "Suggested escalation package": the
//! full error body, redacted for secrets). A secret is replaced by `[REDACTED]` where it
//! stands, so the data keeps its shape: a header or member keeps its name, a parameter its
//! place, an element its tags, a vendor key its telling prefix.
//!
//! Two questions, each answered in its own module:
//!
//! - *which names hold secrets* ([`names`]): one rule for headers, JSON members at any depth,
//!   URL query and fragment parameters, form fields, pairs in text and XML/HTML elements;
//! - *which text is a credential*: the formats secret scanners document ([`formats`], each
//!   entry with its source), those that need their context ([`context`]), PEM private keys
//!   ([`pem`]), `Bearer`/`Basic` credentials ([`schemes`]), passwords in URLs and connection
//!   strings ([`urls`]), secret-named pairs written in text ([`pairs`]) and secret-named
//!   elements and form fields in markup ([`markup`]).
//!
//! A body is walked as JSON when it starts like JSON ([`json`], which holds where a parser
//! gives up), and scrubbed as text otherwise (XML, HTML, forms, plain text). Every scanner is
//! a hand-written byte loop (no regular expressions): each reads the text once, with a cache
//! of run ends ([`scan`]) so that no byte is measured twice, and marks what it finds
//! ([`marks`]); the marks are then applied in one pass. So redaction is linear in the text.

mod context;
mod formats;
mod json;
mod marks;
mod markup;
pub(crate) mod names;
mod pairs;
mod pem;
mod scan;
mod schemes;
mod urls;

use alloc::string::String;

use marks::Marks;

/// What a secret is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// `text` with every credential the scanners find replaced; `None` when there is none.
/// `form`: `text` is a whole form body, so its first field is a parameter too.
pub(super) fn redacted_text(text: &str, form: bool) -> Option<String> {
    let bytes = text.as_bytes();
    let mut marks = Marks::new(bytes.len());
    formats::mark(bytes, &mut marks);
    context::mark(bytes, &mut marks);
    pem::mark(bytes, &mut marks);
    schemes::mark(bytes, &mut marks);
    urls::mark(bytes, &mut marks);
    pairs::mark(bytes, form, &mut marks);
    markup::mark(bytes, &mut marks);
    marks.apply(text)
}

/// Free text (a message, a header value, a transport detail, an endpoint) with credentials
/// replaced.
pub(crate) fn text(text: &str) -> String {
    redacted_text(text, false).unwrap_or_else(|| String::from(text))
}

/// Whether a header, member, parameter or element called `name` holds a secret.
pub(crate) fn is_secret_name(name: &str) -> bool {
    names::is_secret_name(name)
}

/// A body for a report: walked as JSON when it starts like JSON (after white space and a byte
/// order mark), a form body field by field, anything else as text.
pub(crate) fn body(body: &str) -> String {
    let start = body.trim_start_matches(|c: char| c == '\u{feff}' || c.is_ascii_whitespace());
    if start.starts_with(['{', '[']) {
        return json::redact(body);
    }
    let trimmed = body.trim_ascii();
    let form = !trimmed.is_empty()
        && !trimmed.bytes().any(|b| b.is_ascii_whitespace())
        && trimmed.contains('=');
    redacted_text(body, form).unwrap_or_else(|| String::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn text_credentials() {
        assert_eq!(
            text("Authorization: Bearer abc.def-ghi_123"),
            "Authorization: Bearer [REDACTED]"
        );
        assert_eq!(text("bearer token expired"), "bearer token expired");
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
            text("/api/core/numbers?limit=5&api_key=abc"),
            "/api/core/numbers?limit=5&api_key=[REDACTED]"
        );
        assert_eq!(
            text("https://u:p@host.example/x?key=AIza&q=1"),
            "https://u:[REDACTED]@host.example/x?key=[REDACTED]&q=1"
        );
        assert_eq!(
            text("https://host.example/path"),
            "https://host.example/path"
        );
        assert_eq!(
            text("https://app.example/cb#access_token=abc&token_type=Bearer"),
            "https://app.example/cb#access_token=[REDACTED]&token_type=Bearer"
        );
    }

    #[test]
    fn headers() {
        assert!(is_secret_name("X-Functions-Key"));
        assert!(!is_secret_name("Idempotency-Key"));
        assert_eq!(
            text("https://deploy:pw@git.example/x"),
            "https://deploy:[REDACTED]@git.example/x"
        );
    }

    #[test]
    fn bodies() {
        assert_eq!(
            body("grant_type=client_credentials&client_id=c&client_secret=shh"),
            "grant_type=client_credentials&client_id=c&client_secret=[REDACTED]"
        );
        assert_eq!(body("code=abc&state=xyz"), "code=[REDACTED]&state=xyz");
        assert_eq!(
            body("<Error><Password>p</Password></Error>"),
            "<Error><Password>[REDACTED]</Password></Error>"
        );
        assert_eq!(
            body("\u{feff}{\"password\":\"p\"}"),
            "\u{feff}{\"password\":\"[REDACTED]\"}"
        );
    }

    #[test]
    fn hostile_text_is_linear() {
        // Each of these took seconds at 64 KiB when scanning restarted at every position.
        for unit in [
            "-",
            "a=",
            "a-",
            "_",
            "\"",
            "{\"a\":",
            "<a ",
            "</",
            "://",
            "Bearer ",
            "eyJ.",
            "sk-",
            "-----BEGIN ",
            "password=",
            "\\\"",
            "a:",
            "<password>",
        ] {
            let hostile = unit.repeat(64 * 1024 / unit.len());
            let _ = text(&hostile);
            let _ = body(&hostile);
        }
    }
}
