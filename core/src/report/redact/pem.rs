//! PEM private keys (RFC 7468; gitleaks `private-key`): everything between a
//! `-----BEGIN … PRIVATE KEY-----` line (RSA, EC, DSA, OPENSSH, ENCRYPTED, PGP … BLOCK) and
//! its `-----END` line is replaced; the two armour lines stay, so a reader sees what kind of
//! key was there. A block with no end (a cut body) is replaced to the end of the text. Public
//! keys and certificates are not secrets and stay.

use super::marks::Marks;
use super::scan::{at, count_while, find, starts_with};

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";
/// The longest label read (`ENCRYPTED PRIVATE KEY`, `PGP PRIVATE KEY BLOCK`, …).
const MAX_LABEL: usize = 100;

fn is_space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// Marks the body of every private-key block in `text`.
pub(super) fn mark(text: &[u8], marks: &mut Marks) {
    let mut i = 0;
    while let Some(begin) = find(text, i, BEGIN) {
        let label_start = begin + BEGIN.len();
        let label_len = count_while(text, label_start, MAX_LABEL, |b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || b == b' ' || b == b'_'
        });
        let label = text
            .get(label_start..label_start + label_len)
            .unwrap_or(&[]);
        let armour_end = label_start + label_len;
        let is_private = label.windows(11).any(|w| w == b"PRIVATE KEY");
        if !is_private || !starts_with(text, armour_end, DASHES) {
            i = label_start;
            continue;
        }
        let body_start = armour_end + DASHES.len();
        let body_end = find(text, body_start, END).unwrap_or(text.len());
        // Keep the line breaks (real ones, or `\n` written out in a JSON-ish text) around it.
        let mut start = body_start;
        let mut end = body_end;
        loop {
            if at(text, start).is_some_and(is_space) {
                start += 1;
            } else if starts_with(text, start, b"\\n") || starts_with(text, start, b"\\r") {
                start += 2;
            } else {
                break;
            }
        }
        loop {
            if end > start
                && end
                    .checked_sub(1)
                    .and_then(|e| at(text, e))
                    .is_some_and(is_space)
            {
                end -= 1;
            } else if end >= start + 2
                && (text.get(end - 2..end) == Some(b"\\n")
                    || text.get(end - 2..end) == Some(b"\\r"))
            {
                end -= 2;
            } else {
                break;
            }
        }
        marks.mark(start, end);
        i = body_end.max(body_start);
        if i >= text.len() {
            break;
        }
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
    fn private_key_bodies_go_armour_stays() {
        let key = "x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabcd==\n-----END RSA PRIVATE KEY-----\ny";
        assert_eq!(
            redact(key),
            "x\n-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----\ny"
        );
        let escaped = r"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----";
        assert_eq!(
            redact(escaped),
            r"-----BEGIN PRIVATE KEY-----\n[REDACTED]\n-----END PRIVATE KEY-----"
        );
        assert_eq!(
            redact("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk"),
            "-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]"
        );
        let public = "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqh\n-----END PUBLIC KEY-----";
        assert_eq!(redact(public), public);
        let dashes = "-".repeat(1000);
        assert_eq!(redact(&dashes), dashes);
    }
}
