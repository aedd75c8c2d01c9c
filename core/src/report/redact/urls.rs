//! Credentials that a URL carries in its structure, wherever the URL stands (an endpoint, a
//! `Location` header, a connection string in a message):
//!
//! - the password of the user info, `scheme://user:password@host` (RFC 3986 §3.2.1), which is
//!   how database and broker connection strings carry theirs (`postgres://`, `mysql://`,
//!   `mongodb+srv://`, `redis://:password@`, `amqp://`); the user name stays. A password
//!   written with a raw `#`, `@` or `:` still counts up to the last `@` before the path.
//! - Slack incoming-webhook URLs, `hooks.slack.com/services/…` (gitleaks `slack-webhook-url`):
//!   the path after the kind is the secret.
//!
//! Query and fragment parameters (`?access_token=`, `#id_token=`) are name/value pairs and are
//! found by `pairs.rs` with the parameter rule of `names.rs`.

use super::marks::Marks;
use super::scan::{at, starts_with, word_start, Class, Runs};

/// Bytes that end an authority written in text (RFC 3986 §3.2 plus the delimiters around URLs
/// in prose, markup and JSON).
fn ends_authority(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'/' | b'?' | b'"' | b'\'' | b'<' | b'>' | b'\\' | b'`')
}

const SLACK: &[u8] = b"hooks.slack.com/";
const SLACK_KINDS: [&[u8]; 3] = [b"services/", b"workflows/", b"triggers/"];

/// Marks user-info passwords and Slack webhook paths in `text`.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut runs = Runs::new(text);
    let mut i = 0;
    while let Some(b) = at(text, i) {
        if b == b':' && starts_with(text, i, b"://") {
            let start = i + 3;
            let len = text
                .get(start..)
                .unwrap_or(&[])
                .iter()
                .take_while(|&&b| !ends_authority(b))
                .count();
            let authority = text.get(start..start + len).unwrap_or(&[]);
            if let Some(at_sign) = authority.iter().rposition(|&b| b == b'@') {
                let userinfo = authority.get(..at_sign).unwrap_or(&[]);
                if let Some(colon) = userinfo.iter().position(|&b| b == b':') {
                    marks.mark(start + colon + 1, start + at_sign);
                }
            }
            // The authority is read again only byte by byte below (a Slack host may start it);
            // the next `://` lies past its end, so no byte is scanned twice here.
            i = start;
            continue;
        }
        if b == b'h' && word_start(text, i) && starts_with(text, i, SLACK) {
            let after = i + SLACK.len();
            if let Some(kind) = SLACK_KINDS.iter().find(|k| starts_with(text, after, k)) {
                let path = after + kind.len();
                let mut end = path;
                // T…/B…/secret: letters, digits, `/`, `+`, `_`, `-`.
                loop {
                    let run = runs.end(Class::Base64, end);
                    let run = runs.end(Class::Token, run);
                    if run == end {
                        break;
                    }
                    end = run;
                }
                marks.mark(path, end);
                i = end.max(i + 1);
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
    fn user_info_passwords() {
        assert_eq!(
            redact("https://u:p@host.example/x?key=1"),
            "https://u:[REDACTED]@host.example/x?key=1"
        );
        assert_eq!(
            redact("could not connect to postgres://app:monkey549#hCQq@db:5432/prod"),
            "could not connect to postgres://app:[REDACTED]@db:5432/prod"
        );
        assert_eq!(
            redact("redis://:s3cr3t@10.0.0.1:6379"),
            "redis://:[REDACTED]@10.0.0.1:6379"
        );
        assert_eq!(redact("https://host:8443/path"), "https://host:8443/path");
        assert_eq!(
            redact("mailto me@x.com, https://a.example"),
            "mailto me@x.com, https://a.example"
        );
    }

    #[test]
    fn slack_webhooks() {
        assert_eq!(
            redact("POST https://hooks.slack.com/services/T0000/B0000/XXXXabcd1234 failed"),
            "POST https://hooks.slack.com/services/[REDACTED] failed"
        );
    }
}
