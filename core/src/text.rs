//! Small text helpers shared by the pass: case-insensitive search without allocation, JSON
//! string escaping and white-space removal for the canonical output, and cutting a long text
//! without cutting a word in two.

use alloc::string::String;

/// Whether `needle` (ASCII) occurs in `haystack`, ignoring ASCII case.
pub(crate) fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return true;
    }
    if n.len() > h.len() {
        return false;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// Whether `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ignore_ascii_case(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Bytes after which a text may be cut without splitting a word, a value or a credential.
fn is_separator(b: u8) -> bool {
    b.is_ascii_whitespace() || matches!(b, b'&' | b';' | b',' | b'"' | b'\'' | b'<' | b'>')
}

/// How far back from a cut a separator is looked for.
const BACK_OFF_BYTES: usize = 1024;

/// `s` up to just after its last separator, when one occurs in its last
/// [`BACK_OFF_BYTES`] (or quarter); else `s`. For a text that was cut: a credential cut in two
/// could escape the scanners that look for it whole.
pub(crate) fn back_off(s: &str) -> &str {
    let window = BACK_OFF_BYTES.min(s.len() / 4).max(1);
    let bytes = s.as_bytes();
    let from = bytes.len().saturating_sub(window);
    match bytes
        .get(from..)
        .and_then(|tail| tail.iter().rposition(|&b| is_separator(b)))
    {
        // A separator is ASCII, so the byte after it starts a character.
        Some(at) => s.get(..from + at + 1).unwrap_or(s),
        None => s,
    }
}

/// At most the first `max` bytes of `s`: all of it when it fits, else cut at a character
/// boundary and then [`back_off`] to a separator, so that what is kept ends with a whole word.
pub(crate) fn head(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    back_off(s.get(..end).unwrap_or(""))
}

/// Appends `s` to `out` as a JSON string literal (RFC 8259 §7).
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0x08 => Some("\\b"),
            0x0c => Some("\\f"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or(""));
        match escape {
            Some(e) => out.push_str(e),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(
                    HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
                ));
                out.push(char::from(
                    HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'),
                ));
            }
        }
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or(""));
    out.push('"');
}

/// `json` (valid JSON text) with the white space between tokens removed, so that details keep
/// exactly what the server sent (key order, duplicates, number spelling) on one line.
pub(crate) fn compact_json(json: &str) -> String {
    let is_space = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    if !json.as_bytes().iter().any(is_space) {
        return String::from(json);
    }
    let mut out = alloc::vec::Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in json.as_bytes() {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !is_space(&b) {
            out.push(b);
            in_string = b == b'"';
        }
    }
    // Only ASCII white space was removed, so the bytes are still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_words_regardless_of_case() {
        assert!(contains_ignore_ascii_case(
            "Idempotency-Key header is required",
            "idempotency-key"
        ));
        assert!(!contains_ignore_ascii_case("short", "much longer"));
        assert!(contains_ignore_ascii_case("x", ""));
    }

    #[test]
    fn heads_end_at_a_separator() {
        assert_eq!(head("short", 10), "short");
        assert_eq!(head("one two three", 9), "one two ");
        assert_eq!(head("abcdefghij", 4), "abcd");
        assert_eq!(head("ééé", 3), "é");
    }

    #[test]
    fn backs_off_to_a_separator() {
        let long = alloc::format!("{} {}", "a".repeat(100), "b".repeat(19));
        assert_eq!(back_off(&long), &long[..101]);
        assert_eq!(back_off("abcd"), "abcd");
    }

    #[test]
    fn escapes_json_strings() {
        let mut s = String::new();
        push_json_string(&mut s, "a\"b\\c\n\u{1}é");
        assert_eq!(s, "\"a\\\"b\\\\c\\n\\u0001é\"");
    }

    #[test]
    fn compacts_json_outside_strings_only() {
        assert_eq!(
            compact_json("{ \"a b\" : [1, 2],\n \"c\":\"x\\\" y\" }"),
            "{\"a b\":[1,2],\"c\":\"x\\\" y\"}"
        );
    }
}
