//! What keeps every scanner linear: byte classes, and a cache of where a run of one class ends.
//!
//! A scanner that asks "how long is the run of token characters from here?" at every position
//! of `----…` or `a-a-a-…` would read the same bytes again and again (that was the quadratic
//! report of issue 11). [`Runs`] answers from the run it measured last: the end of a maximal
//! run does not depend on where inside the run one starts, so each byte is measured once per
//! class, provided the questions move forward (a step back of a prefix's length is allowed).

/// A set of bytes a credential, a name or a value is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Class {
    /// `[A-Za-z0-9]`
    Alnum,
    /// `[A-Za-z0-9_]`
    Word,
    /// `[A-Za-z0-9_-]`: base64url, most vendor token bodies.
    Token,
    /// `[A-Za-z0-9-]`
    Dash,
    /// `[0-9A-Fa-f]`
    Hex,
    /// `[A-Z0-9]`
    Upper,
    /// `[A-Za-z0-9+/]`: standard base64 without padding.
    Base64,
    /// `[A-Za-z0-9+/=]`: standard base64.
    Base64Pad,
    /// `[A-Za-z0-9_.-]`: dotted tokens (JWTs, SendGrid, Vault).
    Dotted,
    /// RFC 6750 b64token: `[A-Za-z0-9-._~+/]` and trailing `=`.
    B64Token,
    /// What a parameter or member name is made of in free text: `[A-Za-z0-9_.\-\[\]]`.
    Name,
}

const CLASSES: usize = 11;

impl Class {
    /// Whether `b` belongs to the class.
    pub(super) fn has(self, b: u8) -> bool {
        let alnum = b.is_ascii_alphanumeric();
        match self {
            Class::Alnum => alnum,
            Class::Word => alnum || b == b'_',
            Class::Token => alnum || b == b'_' || b == b'-',
            Class::Dash => alnum || b == b'-',
            Class::Hex => b.is_ascii_hexdigit(),
            Class::Upper => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Class::Base64 => alnum || b == b'+' || b == b'/',
            Class::Base64Pad => alnum || b == b'+' || b == b'/' || b == b'=',
            Class::Dotted => alnum || matches!(b, b'_' | b'.' | b'-'),
            Class::B64Token => alnum || matches!(b, b'-' | b'.' | b'_' | b'~' | b'+' | b'/' | b'='),
            Class::Name => alnum || matches!(b, b'_' | b'.' | b'-' | b'[' | b']'),
        }
    }
}

/// How far back of the last measured run a question may start and still be answered from it.
const STEP_BACK: usize = 32;

/// Run ends measured so far, one run per class.
pub(super) struct Runs<'a> {
    bytes: &'a [u8],
    /// Per class: `bytes[start..end]` are all in the class and `bytes[end]` is not (or is the
    /// end). `start > end` means nothing measured yet.
    known: [(usize, usize); CLASSES],
}

impl<'a> Runs<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Runs {
            bytes,
            known: [(1, 0); CLASSES],
        }
    }

    /// The end of the maximal run of `class` that starts at `from` (`from` itself when the byte
    /// there is not in the class).
    pub(super) fn end(&mut self, class: Class, from: usize) -> usize {
        let slot = class as usize;
        let (start, end) = self.known.get(slot).copied().unwrap_or((1, 0));
        if start <= end {
            if (start..=end).contains(&from) {
                return end;
            }
            if from < start && start - from <= STEP_BACK {
                let between = self.bytes.get(from..start).unwrap_or(&[]);
                if between.iter().all(|&b| class.has(b)) {
                    self.remember(slot, from, end);
                    return end;
                }
            }
        }
        let rest = self.bytes.get(from..).unwrap_or(&[]);
        let end = from + rest.iter().take_while(|&&b| class.has(b)).count();
        self.remember(slot, from, end);
        end
    }

    fn remember(&mut self, slot: usize, start: usize, end: usize) {
        if let Some(known) = self.known.get_mut(slot) {
            *known = (start, end);
        }
    }
}

/// The byte at `i`, if any.
pub(super) fn at(bytes: &[u8], i: usize) -> Option<u8> {
    bytes.get(i).copied()
}

/// Whether `i` starts a word (as a regular expression's `\b` does): the first byte, or one after a byte that is not a
/// letter, digit or `_`.
pub(super) fn word_start(bytes: &[u8], i: usize) -> bool {
    i == 0
        || !i
            .checked_sub(1)
            .and_then(|p| at(bytes, p))
            .is_some_and(|b| Class::Word.has(b))
}

/// Whether `bytes[i..]` starts with `prefix`, ignoring ASCII case.
pub(super) fn starts_with_ignore_case(bytes: &[u8], i: usize, prefix: &[u8]) -> bool {
    bytes
        .get(i..i.saturating_add(prefix.len()))
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// Whether `bytes[i..]` starts with `prefix`.
pub(super) fn starts_with(bytes: &[u8], i: usize, prefix: &[u8]) -> bool {
    bytes.get(i..).is_some_and(|rest| rest.starts_with(prefix))
}

/// The number of bytes from `i` on that satisfy `f`, at most `max`.
/// (`f` a plain function, not a generic closure: one copy of the loop in the binary.)
pub(super) fn count_while(bytes: &[u8], i: usize, max: usize, f: fn(u8) -> bool) -> usize {
    bytes
        .get(i..)
        .unwrap_or(&[])
        .iter()
        .take(max)
        .take_while(|&&b| f(b))
        .count()
}

/// The position of the first `needle` at or after `from`.
pub(super) fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while let Some(offset) = bytes.get(i..)?.iter().position(|&b| b == first) {
        let at = i + offset;
        if starts_with(bytes, at, needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_answer_from_the_run_measured_last() {
        let text = b"ab-cd-ef gh";
        let mut runs = Runs::new(text);
        assert_eq!(runs.end(Class::Token, 0), 8);
        assert_eq!(runs.end(Class::Token, 3), 8);
        assert_eq!(runs.end(Class::Token, 8), 8);
        assert_eq!(runs.end(Class::Alnum, 3), 5);
        assert_eq!(runs.end(Class::Alnum, 1), 2);
        assert_eq!(runs.end(Class::Token, 9), 11);
        // A step back inside the same run.
        let mut runs = Runs::new(b"xxxxxxxx yy");
        assert_eq!(runs.end(Class::Alnum, 4), 8);
        assert_eq!(runs.end(Class::Alnum, 1), 8);
        assert_eq!(runs.end(Class::Alnum, 8), 8);
    }

    #[test]
    fn finds_needles() {
        assert_eq!(find(b"a--b---END x", 0, b"---END"), Some(4));
        assert_eq!(find(b"abc", 0, b"x"), None);
        assert_eq!(find(b"abc", 5, b"a"), None);
    }
}
