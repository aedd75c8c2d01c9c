//! How large log fields and reports get, whatever the call carried: each string is read up to
//! a bound (cut at the end of a word, so no credential is cut in two before it is redacted),
//! redacted, and shown up to the same bound; what was cut ends with
//! `…[truncated: N bytes]`, N the length as given. With the body read from its 64 KiB prefix
//! ([`crate::BODY_PREFIX_BYTES`]) and header values from their first 8 KiB
//! ([`crate::MAX_HEADER_VALUE_BYTES`]), the strings of a report add up to at most about
//! 700 KiB (128 KiB of body, 64 headers of up to 8 KiB, 4 KiB of message and of detail, 8 KiB
//! of endpoint, 1 KiB per id), plus one short line per attempt of the history the caller
//! passes; and the work is linear in what is read.

use alloc::format;
use alloc::string::String;

use crate::text;

/// Ids, codes, keys and the method: 1 KiB each.
pub const REPORT_MAX_FIELD_BYTES: usize = 1024;
/// The message and the transport detail: 4 KiB each.
pub const REPORT_MAX_MESSAGE_BYTES: usize = 4 * 1024;
/// The endpoint: 8 KiB.
pub const REPORT_MAX_ENDPOINT_BYTES: usize = 8 * 1024;
/// Headers listed: the first 64 (then one `[truncated]` entry says how many more there were).
pub const REPORT_MAX_HEADERS: usize = 64;
/// A header's name: 256 bytes.
pub const REPORT_MAX_HEADER_NAME_BYTES: usize = 256;
/// The redacted body: its 64 KiB prefix is read; what redaction makes of it (a short secret
/// becomes the longer `[REDACTED]`) is shown up to 128 KiB.
pub const REPORT_MAX_BODY_BYTES: usize = 2 * crate::BODY_PREFIX_BYTES;

/// The marker that ends a cut text.
pub(super) fn push_marker(out: &mut String, total: usize) {
    out.push_str(&format!("…[truncated: {total} bytes]"));
}

/// `s` (whose length as given was `total`, at least its own) read and shown up to `max`
/// bytes, passed through `scrub`.
pub(super) fn bounded_of(s: &str, total: usize, max: usize, scrub: fn(&str) -> String) -> String {
    let total = total.max(s.len());
    let head = text::head(s, max);
    let mut out = scrub(head);
    if !cap(&mut out, max, total) && head.len() < total {
        push_marker(&mut out, total);
    }
    out
}

/// `out` cut to `max` bytes (at a character boundary) and marked, if it is longer; `total` is
/// the length the text had as given. Whether it was cut.
pub(super) fn cap(out: &mut String, max: usize, total: usize) -> bool {
    if out.len() <= max {
        return false;
    }
    let mut end = max;
    while end > 0 && !out.is_char_boundary(end) {
        end -= 1;
    }
    out.truncate(end);
    push_marker(out, total);
    true
}

/// `s` read and shown up to `max` bytes, passed through `scrub`.
pub(super) fn bounded(s: &str, max: usize, scrub: fn(&str) -> String) -> String {
    bounded_of(s, s.len(), max, scrub)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_with_a_marker() {
        assert_eq!(bounded("short", 10, |s| String::from(s)), "short");
        assert_eq!(
            bounded("one two three", 9, |s| String::from(s)),
            "one two …[truncated: 13 bytes]"
        );
        assert_eq!(
            bounded_of("cut before", 30, 20, |s| String::from(s)),
            "cut before…[truncated: 30 bytes]"
        );
        // Redaction may lengthen a text: the output is cut too.
        assert_eq!(
            bounded("a b", 5, |_| String::from("[REDACTED]")),
            "[REDA…[truncated: 3 bytes]"
        );
    }
}
