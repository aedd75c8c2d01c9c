//! Credentials whose form alone is too common to hide everywhere, hidden where the text around
//! them says what they are (the way trufflehog's detectors pair a key with its id):
//!
//! - an AWS secret access key: exactly 40 characters of `[A-Za-z0-9+/]` mixing capitals, small
//!   letters and digits (so never a hex SHA-1), with `secret`, `aws` or an access key id
//!   (`AKIA…`/`ASIA…`) in the 100 bytes before it (trufflehog `aws` detector; gitleaks
//!   `aws-access-token` for the id);
//! - a Twilio auth token: exactly 32 hex digits with `auth` and `token` in the 48 bytes before
//!   it, or an account SID `AC` + 32 hex digits in the 100 bytes before it (trufflehog `twilio`
//!   detector). The SID itself is an identifier and stays.

use super::marks::Marks;
use super::scan::{at, Class, Runs};

/// How far before a candidate its context is looked for.
const AWS_WINDOW: usize = 100;
const TWILIO_WORDS_WINDOW: usize = 48;
const TWILIO_SID_WINDOW: usize = 100;

fn window(text: &[u8], start: usize, len: usize) -> &[u8] {
    text.get(start.saturating_sub(len)..start).unwrap_or(&[])
}

fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.len() <= haystack.len()
        && haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether `text` has an AWS access key id (`AKIA`/`ASIA` + 16) anywhere.
fn has_aws_key_id(text: &[u8]) -> bool {
    text.windows(20).any(|w| {
        (w.starts_with(b"AKIA") || w.starts_with(b"ASIA"))
            && w.iter()
                .skip(4)
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// Whether `text` has a Twilio account SID (`AC` + 32 hex digits) anywhere.
fn has_twilio_sid(text: &[u8]) -> bool {
    text.windows(34)
        .any(|w| w.starts_with(b"AC") && w.iter().skip(2).all(u8::is_ascii_hexdigit))
}

fn is_aws_secret(candidate: &[u8], before: &[u8]) -> bool {
    candidate.len() == 40
        && candidate.iter().any(u8::is_ascii_uppercase)
        && candidate.iter().any(u8::is_ascii_lowercase)
        && candidate.iter().any(u8::is_ascii_digit)
        && (contains_ignore_case(before, b"secret")
            || contains_ignore_case(before, b"aws")
            || has_aws_key_id(before))
}

/// Marks AWS secret access keys and Twilio auth tokens that stand in their context.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut runs = Runs::new(text);
    let mut i = 0;
    while let Some(b) = at(text, i) {
        if !Class::Base64.has(b) {
            i += 1;
            continue;
        }
        // One maximal run of base64 characters, bounded by bytes outside it (and not `=`).
        let end = runs.end(Class::Base64, i);
        let bounded = !at(text, end).is_some_and(|b| b == b'=');
        let candidate = text.get(i..end).unwrap_or(&[]);
        if bounded && is_aws_secret(candidate, window(text, i, AWS_WINDOW)) {
            marks.mark(i, end);
        } else if candidate.len() == 32 && candidate.iter().all(u8::is_ascii_hexdigit) {
            let near = window(text, i, TWILIO_WORDS_WINDOW);
            let said = contains_ignore_case(near, b"auth") && contains_ignore_case(near, b"token");
            if said || has_twilio_sid(window(text, i, TWILIO_SID_WINDOW)) {
                marks.mark(i, end);
            }
        }
        i = end.max(i + 1);
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
    fn aws_secret_beside_its_context() {
        assert_eq!(
            redact("secret key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY denied"),
            "secret key [REDACTED] denied"
        );
        // The same shape with nothing around it, and a SHA-1, stay.
        let plain = "value wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here";
        assert_eq!(redact(plain), plain);
        let sha = "aws commit 9fceb02d0ae598e95dc970b74767f19372d61af8";
        assert_eq!(redact(sha), sha);
    }

    #[test]
    fn twilio_token_beside_its_sid() {
        let sid = "AC0123456789abcdef0123456789abcdef";
        assert_eq!(
            redact(&alloc::format!(
                "account {sid} token 0123456789abcdef0123456789abcdef"
            )),
            alloc::format!("account {sid} token [REDACTED]")
        );
        assert_eq!(
            redact("auth token: 0123456789abcdef0123456789abcdef"),
            "auth token: [REDACTED]"
        );
        let md5 = "checksum 0123456789abcdef0123456789abcdef";
        assert_eq!(redact(md5), md5);
    }
}
