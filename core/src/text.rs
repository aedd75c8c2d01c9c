//! Small text helpers shared by the pass: case-insensitive search without allocation, JSON
//! string escaping and white-space removal for the canonical output, and cutting a long text
//! without cutting a word in two.

use alloc::borrow::Cow;
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

/// The position of the first byte of `bytes` that a JSON string cannot hold as it is: `"`,
/// `\\` or a control byte (below 0x20). Eight bytes at a time: the JSON reader's strings and
/// the verdict's escaping both spend their time here.
pub(crate) fn find_string_stop(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of the result has its high bit set where `x` has a zero byte; the lowest such
    // byte is exact (borrows only run upwards from a zero byte).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let hits = x.wrapping_sub(ONES * 0x20) & !x & HIGH
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')));
        if hits != 0 {
            return Some(at + (hits.trailing_zeros() / 8) as usize);
        }
        at += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
        .map(|p| at + p)
}

/// Appends `s` to `out` as a JSON string literal (RFC 8259 §7). Runs of plain bytes are copied
/// whole; only the bytes that need an escape stop the scan.
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut rest = s;
    while let Some(at) = find_string_stop(rest.as_bytes()) {
        // `at` is an ASCII byte, so both sides of it are character boundaries.
        out.push_str(rest.get(..at).unwrap_or(""));
        let b = rest.as_bytes().get(at).copied().unwrap_or(0);
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            _ => {
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
        rest = rest.get(at + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out.push('"');
}

/// `json` (valid JSON text) with the white space between tokens removed, so that details keep
/// exactly what the server sent (key order, duplicates, number spelling) on one line. Strings
/// and the runs between white space are copied whole.
pub(crate) fn compact_json(json: &str) -> Cow<'_, str> {
    let is_space = |b: u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    let bytes = json.as_bytes();
    if !bytes.iter().any(|&b| is_space(b)) {
        return Cow::Borrowed(json);
    }
    let mut out = alloc::vec::Vec::with_capacity(json.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = bytes.get(i..).unwrap_or_default();
        // A run of bytes outside strings that are not white space, up to a quote or a space.
        let run = rest
            .iter()
            .position(|&b| b == b'"' || is_space(b))
            .unwrap_or(rest.len());
        out.extend_from_slice(rest.get(..run).unwrap_or_default());
        i += run;
        match bytes.get(i) {
            Some(b'"') => {
                // A whole string, quotes and escapes included.
                let mut j = i + 1;
                loop {
                    let tail = bytes.get(j..).unwrap_or_default();
                    match tail.iter().position(|&b| b == b'"' || b == b'\\') {
                        Some(k) if tail.get(k) == Some(&b'\\') => j += k + 2,
                        Some(k) => {
                            j += k + 1;
                            break;
                        }
                        None => {
                            j = bytes.len();
                            break;
                        }
                    }
                }
                let j = j.min(bytes.len());
                out.extend_from_slice(bytes.get(i..j).unwrap_or_default());
                i = j;
            }
            Some(_) => {
                // White space between tokens: dropped.
                while bytes.get(i).is_some_and(|&b| is_space(b)) {
                    i += 1;
                }
            }
            None => {}
        }
    }
    // Only ASCII white space was removed, so the bytes are still UTF-8.
    Cow::Owned(String::from_utf8(out).unwrap_or_default())
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
    fn finds_string_stops_like_a_byte_scan() {
        let slow = |b: &[u8]| b.iter().position(|&c| c < 0x20 || c == b'"' || c == b'\\');
        let mut cases: alloc::vec::Vec<alloc::vec::Vec<u8>> = alloc::vec::Vec::new();
        for len in 0..20 {
            for at in 0..=len {
                for stop in [b'"', b'\\', 0, 0x1f, b'\n'] {
                    let mut v = alloc::vec![b'a'; len];
                    if at < len {
                        v[at] = stop;
                    }
                    cases.push(v);
                }
            }
        }
        cases.push("é\u{1}ü".as_bytes().to_vec());
        cases.push(alloc::vec![
            0x20, 0x21, 0x23, 0x5b, 0x5d, 0x7f, 0x80, 0xff, 0x1f
        ]);
        cases.push(alloc::vec![
            0xa2, 0xdc, 0x9f, 0xa0, 0xe2, 0x80, 0x9c, 0x21, 0x22
        ]);
        for c in &cases {
            assert_eq!(find_string_stop(c), slow(c), "{c:?}");
        }
        for b in 0..=255u8 {
            let v = [b'x', b'x', b'x', b, b'x', b'x', b'x', b'x', b'x'];
            assert_eq!(find_string_stop(&v), slow(&v), "{b}");
        }
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
        assert_eq!(compact_json("[ \"\\\\\" , 1 ]"), "[\"\\\\\",1]");
        assert_eq!(compact_json("{\"a\":\"x y\\\\\"}\n"), "{\"a\":\"x y\\\\\"}");
        assert_eq!(compact_json("[1,\t2]"), "[1,2]");
        assert_eq!(compact_json("[1,2]"), "[1,2]");
        let mut s = String::new();
        push_json_string(&mut s, "plain");
        push_json_string(&mut s, "\u{7f}\u{1f}\"");
        assert_eq!(s, "\"plain\"\"\u{7f}\\u001f\\\"\"");
    }
}
