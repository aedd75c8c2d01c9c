//! Word conditions, the one text matcher of the rule language (no regular expressions: words,
//! phrases and prefixes only, linear in the text).
//!
//! A pattern is a word or a phrase, compared with ASCII case ignored, that must start and end at
//! word boundaries (the text's ends or any byte that is not an ASCII letter or digit). A space
//! in a pattern matches any run of such separators, so `rate limit` matches `rate-limit`,
//! `RATE_LIMIT` and `Rate  limit`; a trailing `*` makes the last word a prefix (`throttl*`).
//! In messages an occurrence right after `not`, `never` or a word ending in `n't` does not
//! count (`token has not expired`): the negation guard of issue 10 §3.
//!
//! Codes are read as words too: [`code_words`] turns `RATE_LIMIT_EXCEEDED`, `TokenExpired`,
//! `com.example#ThrottledException:http://…` or `https://example.com/probs/out-of-credit` into
//! `rate limit exceeded`, `token expired`, `throttled exception`, `out of credit`.

use alloc::string::String;
use alloc::vec::Vec;

/// How much of a message the word conditions read. Longer messages are judged by their start.
pub const MAX_MATCHED_TEXT: usize = 4096;
const _: () = assert!(MAX_MATCHED_TEXT <= u16::MAX as usize);

/// One pattern, lower-case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    pub text: String,
    pub prefix: bool,
    /// What a text must open a word with for the pattern to occur in it ([`Pattern::needs`]).
    openings: Openings,
    /// The one opening a word must have for the pattern to start at it, when there is one (not
    /// for a one-letter prefix, nor a pattern that does not start a word).
    key: Option<Key>,
}

impl Pattern {
    /// Reads a pattern as written in a rules document (`throttl*`).
    pub(crate) fn new(written: &str) -> Pattern {
        let (text, prefix) = match written.strip_suffix('*') {
            Some(t) => (t, true),
            None => (written, false),
        };
        let mut p = Pattern {
            text: text.to_ascii_lowercase(),
            prefix,
            openings: ALL_OPENINGS,
            key: None,
        };
        p.openings = p.needs();
        p.key = p
            .keys()
            .and_then(|mut keys| match (keys.next(), keys.next()) {
                (Some(k), None) => Some(k),
                _ => None,
            });
        p
    }

    /// The pattern as written in a rules document.
    pub(crate) fn written(&self) -> String {
        let mut s = self.text.clone();
        if self.prefix {
            s.push('*');
        }
        s
    }

    /// Whether the pattern occurs in `text`.
    pub(crate) fn occurs(&self, text: &[u8], guard_negation: bool) -> bool {
        let pat = self.text.as_bytes();
        let Some(&first) = pat.first() else {
            return true;
        };
        let text = text.get(..MAX_MATCHED_TEXT).unwrap_or(text);
        let first_lower = first.to_ascii_lowercase();
        let mut i = 0;
        while i < text.len() {
            let Some(found) = text.get(i..).and_then(|rest| {
                rest.iter()
                    .position(|b| b.to_ascii_lowercase() == first_lower)
            }) else {
                return false;
            };
            let at = i + found;
            if self.at(text, at) && !(guard_negation && negated(text, at)) {
                return true;
            }
            i = at + 1;
        }
        false
    }

    /// Whether the pattern occurs in `text`, whose word starts are `starts`: only the starts
    /// whose opening is the pattern's are tried (or, for a one-letter prefix, whose first letter
    /// is its letter).
    fn occurs_at_starts(&self, text: &[u8], starts: &WordStarts, guard_negation: bool) -> bool {
        let Some(&first) = self.text.as_bytes().first() else {
            return true;
        };
        if !first.is_ascii_alphanumeric() || starts.overflow {
            return self.occurs(text, guard_negation);
        }
        let found = |s: u16| {
            let at = usize::from(s);
            self.at(text, at) && !(guard_negation && negated(text, at))
        };
        match self.key {
            Some(key) => starts.with_key(key).any(found),
            None => starts.list().iter().any(|&s| {
                text.get(usize::from(s))
                    .is_some_and(|b| b.eq_ignore_ascii_case(&first))
                    && found(s)
            }),
        }
    }

    fn needs(&self) -> Openings {
        self.keys()
            .map_or(ALL_OPENINGS, |keys| keys.fold(0, |m, k| m | bit(k)))
    }

    /// The openings a word must have for the pattern to start at it, exactly; `None` when the
    /// pattern does not start a word (it is empty or starts with punctuation).
    pub(crate) fn keys(&self) -> Option<impl Iterator<Item = Key> + '_> {
        let pat = self.text.as_bytes();
        let first = *pat.first()?;
        if !first.is_ascii_alphanumeric() {
            return None;
        }
        let second = pat.get(1).copied();
        // A one-letter prefix opens any word with that letter; otherwise one opening.
        let seconds = match second {
            None if self.prefix => 0..37,
            _ => {
                let c = class(second);
                c..c + 1
            }
        };
        let first = class(Some(first));
        Some(seconds.map(move |c| first * 37 + c))
    }

    /// Whether the pattern matches at `at`, boundaries included.
    fn at(&self, text: &[u8], at: usize) -> bool {
        let pat = self.text.as_bytes();
        let alnum = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
        let starts_word = pat.first().is_some_and(u8::is_ascii_alphanumeric);
        if starts_word && at > 0 && alnum(text.get(at - 1)) {
            return false;
        }
        let mut t = at;
        for &p in pat {
            if p == b' ' {
                let run = text
                    .get(t..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| !b.is_ascii_alphanumeric())
                    .count();
                if run == 0 {
                    return false;
                }
                t += run;
            } else {
                match text.get(t) {
                    Some(b) if b.to_ascii_lowercase() == p => t += 1,
                    _ => return false,
                }
            }
        }
        let ends_word = pat.last().is_some_and(u8::is_ascii_alphanumeric);
        self.prefix || !ends_word || !alnum(text.get(t))
    }
}

/// Whether the word before `at` negates what follows (`not`, `never`, `…n't`).
fn negated(text: &[u8], at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let end = before
        .iter()
        .rposition(u8::is_ascii_alphanumeric)
        .map_or(0, |p| p + 1);
    let head = before.get(..end).unwrap_or_default();
    let start = head
        .iter()
        .rposition(|b| !b.is_ascii_alphanumeric())
        .map_or(0, |p| p + 1);
    let word = head.get(start..).unwrap_or_default();
    if word.eq_ignore_ascii_case(b"not") || word.eq_ignore_ascii_case(b"never") {
        return true;
    }
    // `n't`, with an ASCII or a typographic apostrophe before the `t`.
    let prior = head.get(..start).unwrap_or_default();
    word.eq_ignore_ascii_case(b"t")
        && (prior.ends_with(b"n'")
            || prior.ends_with(b"N'")
            || prior.ends_with("n\u{2019}".as_bytes()))
}

/// A set of word openings (a word's first two bytes, folded: [`Key`]) hashed into 64 bits:
/// a pattern can occur in a text only if its opening is in the text's set. The rule index reads
/// it to pass over a rule without trying its patterns (a necessary condition, never sufficient).
pub(crate) type Openings = u64;

/// Every opening: what a text whose words were not all seen, or a pattern that does not start a
/// word, gives.
pub(crate) const ALL_OPENINGS: Openings = u64::MAX;

/// The class of a byte of a word's opening: a folded letter or digit (0–35), or 36 for anything
/// else (a separator, a non-ASCII byte, the end of the text), since a pattern's space or
/// punctuation after its first letter matches only such a byte.
fn class(b: Option<u8>) -> u16 {
    match b {
        Some(b @ b'a'..=b'z') => u16::from(b - b'a'),
        Some(b @ b'A'..=b'Z') => u16::from(b - b'A'),
        Some(b @ b'0'..=b'9') => 26 + u16::from(b - b'0'),
        _ => 36,
    }
}

/// How many [`Key`]s there are.
pub(crate) const KEYS: usize = 37 * 37;

/// A word opening exactly: its first byte (an ASCII letter or digit) and the class of its
/// second, `0..KEYS`.
pub(crate) type Key = u16;

fn key(first: u8, second: Option<u8>) -> Key {
    class(Some(first)) * 37 + class(second)
}

/// The high bit of each byte of `x` that is an ASCII letter or digit
/// (`u8::is_ascii_alphanumeric`), the others clear. Each range test adds to the low seven bits
/// of a byte, which cannot carry into the next byte.
fn alnum_mask(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low = x & !HIGH;
    let at_least = |y: u64, lo: u8| (y + ONES * u64::from(0x80 - lo)) & HIGH;
    let above = |y: u64, hi: u8| (y + ONES * u64::from(0x7F - hi)) & HIGH;
    let digit = at_least(low, b'0') & !above(low, b'9');
    let folded = low | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !above(folded, b'z');
    (digit | letter) & !(x & HIGH)
}

/// The bit of a key in a set of [`Openings`].
pub(crate) fn bit(key: Key) -> Openings {
    1u64 << slot(key)
}

/// Where a key goes among 64: 1,369 keys onto 64 places (64-bit words: no wide arithmetic in
/// the WebAssembly build); a multiplicative hash spreads neighbouring keys.
fn slot(key: Key) -> u32 {
    u32::from(key).wrapping_mul(2_654_435_761) >> 26
}

/// No start, in [`WordStarts`]' chains.
const END: u8 = u8::MAX;

/// Where the words of a text start (the first [`MAX_MATCHED_TEXT`] bytes), found once per text
/// and shared by every pattern tried on it, with the set of their [`Openings`].
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordStarts {
    starts: [u16; 64],
    /// Each start's opening.
    keys: [Key; 64],
    /// By [`slot`] of an opening, the last start with an opening of that slot ([`END`]: none),
    /// and from each start the one before it in its slot: a pattern tries only the starts
    /// whose opening is its own, not every start.
    heads: [u8; 64],
    next: [u8; 64],
    len: usize,
    /// More words than fit: patterns scan the text instead.
    overflow: bool,
    openings: Openings,
}

impl WordStarts {
    pub(crate) fn of(text: &str) -> WordStarts {
        let mut w = WordStarts {
            starts: [0; 64],
            keys: [0; 64],
            heads: [END; 64],
            next: [END; 64],
            len: 0,
            overflow: false,
            openings: 0,
        };
        let whole = text.as_bytes();
        let bytes = whole.get(..MAX_MATCHED_TEXT).unwrap_or(whole);
        // Eight bytes at a time: a mask of the letters and digits, and of those that follow
        // no letter or digit (the word starts), whose bits are then read one by one.
        let mut previous = 0u64; // the last chunk's mask: its top bit is its last byte's
        let chunks = bytes.chunks_exact(8);
        let tail = chunks.remainder();
        let last = (!tail.is_empty()).then(|| {
            // The bytes past the end are zero: not letters or digits.
            tail.iter()
                .rev()
                .fold(0u64, |word, &b| (word << 8) | u64::from(b))
        });
        let words = chunks
            .map(|c| u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default()))
            .chain(last);
        for (c, word) in words.enumerate() {
            let alnum = alnum_mask(word);
            let mut starts = alnum & !((alnum << 8) | (previous >> 56));
            previous = alnum;
            while starts != 0 {
                // `i` stays below MAX_MATCHED_TEXT, so it fits a u16.
                let i = c * 8 + (starts.trailing_zeros() / 8) as usize;
                starts &= starts - 1;
                let Some(slot) = w.starts.get_mut(w.len) else {
                    w.overflow = true;
                    w.openings = ALL_OPENINGS;
                    return w;
                };
                *slot = i as u16;
                // The matcher reads a word begun inside the limit to its end.
                let first = bytes.get(i).copied().unwrap_or(0);
                let k = key(first, whole.get(i + 1).copied());
                w.openings |= bit(k);
                let n = w.len as u8; // below 64
                if let (Some(key_at), Some(next), Some(head)) = (
                    w.keys.get_mut(w.len),
                    w.next.get_mut(w.len),
                    w.heads.get_mut(self::slot(k) as usize),
                ) {
                    *key_at = k;
                    *next = *head;
                    *head = n;
                }
                w.len += 1;
            }
        }
        w
    }

    fn list(&self) -> &[u16] {
        self.starts.get(..self.len).unwrap_or(&[])
    }

    /// The starts of the words that open with `key`, last first.
    fn with_key(&self, key: Key) -> impl Iterator<Item = u16> + '_ {
        let mut at = self.heads.get(slot(key) as usize).copied().unwrap_or(END);
        core::iter::from_fn(move || loop {
            let i = usize::from(at);
            let (&k, &s, &next) = (self.keys.get(i)?, self.starts.get(i)?, self.next.get(i)?);
            at = next;
            if k == key {
                return Some(s);
            }
        })
    }

    /// The openings of the text's words.
    pub(crate) fn openings(&self) -> Openings {
        self.openings
    }

    /// The exact openings of `text`'s words (the text these starts were found in); `None`
    /// when there were more words than fit.
    pub(crate) fn keys<'t>(&'t self, text: &'t str) -> Option<impl Iterator<Item = Key> + 't> {
        let bytes = text.as_bytes();
        (!self.overflow).then(|| {
            self.list().iter().filter_map(move |&s| {
                let s = usize::from(s);
                let first = *bytes.get(s)?;
                Some(key(first, bytes.get(s + 1).copied()))
            })
        })
    }
}

/// An item of `all`: one pattern, or one of several.
pub(crate) type Item = Vec<Pattern>;

/// A word condition: every item of `all`, at least one of `any` (when given), none of `none`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Words {
    pub all: Vec<Item>,
    pub any: Vec<Pattern>,
    pub none: Vec<Pattern>,
}

impl Words {
    pub(crate) fn is_empty(&self) -> bool {
        self.all.is_empty() && self.any.is_empty() && self.none.is_empty()
    }

    /// The keys of one pattern list of which one must occur (an item of `all`, or `any`):
    /// the list with the fewest, so that a text lacking all of them cannot satisfy the
    /// condition. `None` when no list can be keyed (or none is required).
    pub(crate) fn keys(&self) -> Option<Vec<Key>> {
        let keyed = |ps: &[Pattern]| -> Option<Vec<Key>> {
            // Each key once, in the order first met.
            let mut seen = [0u64; KEYS.div_ceil(64)];
            let mut keys = Vec::new();
            for p in ps {
                for k in p.keys()? {
                    let (word, bit) = (usize::from(k) / 64, 1u64 << (k % 64));
                    if let Some(w) = seen.get_mut(word) {
                        if *w & bit == 0 {
                            *w |= bit;
                            keys.push(k);
                        }
                    }
                }
            }
            Some(keys)
        };
        let lists = self
            .all
            .iter()
            .map(Vec::as_slice)
            .chain((!self.any.is_empty()).then_some(self.any.as_slice()));
        lists.filter_map(keyed).min_by_key(Vec::len)
    }

    /// Whether `text` satisfies the condition; an absent text satisfies only `none`.
    pub(crate) fn matches(&self, text: Option<&str>, guard_negation: bool) -> bool {
        let starts = text.map(WordStarts::of);
        self.matches_scanned(text.zip(starts.as_ref()), guard_negation)
    }

    /// [`Words::matches`] for a text whose word starts are known.
    pub(crate) fn matches_scanned(
        &self,
        text: Option<(&str, &WordStarts)>,
        guard_negation: bool,
    ) -> bool {
        // The openings first: most patterns are passed over on one comparison.
        let has = |p: &Pattern| {
            text.is_some_and(|(t, s)| {
                p.openings & s.openings != 0 && p.occurs_at_starts(t.as_bytes(), s, guard_negation)
            })
        };
        self.all.iter().all(|alts| alts.iter().any(has))
            && (self.any.is_empty() || self.any.iter().any(has))
            && !self.none.iter().any(has)
    }
}

/// A code as lower-case words separated by single spaces (see the module comment).
pub(crate) fn code_words(code: &str) -> String {
    let code = code.trim();
    let scheme = code.find("://");
    let name_then_uri = scheme
        .and_then(|pos| code.get(..pos))
        .is_some_and(|before| before.contains(':'));
    let segment = if let (Some(pos), false) = (scheme, name_then_uri) {
        // A URI (RFC 9457 problem types): its last path segment.
        let path = code.get(pos + 3..).unwrap_or("");
        let path = path
            .split(['?', '#'])
            .next()
            .unwrap_or(path)
            .trim_end_matches('/');
        path.rsplit('/').next().unwrap_or(path)
    } else if name_then_uri || code.contains('#') {
        let name = code.rsplit_once('#').map_or(code, |(_, n)| n);
        // A Smithy shape id (`aws.protocols#ThrottlingException:http://…`) or `Name:uri`.
        name.split(':').next().unwrap_or(name)
    } else if code.contains(':') && !code.contains(' ') {
        // A URN or a namespaced code (`urn:acme:error:quota-exceeded`).
        code.rsplit(':').find(|s| !s.is_empty()).unwrap_or(code)
    } else {
        code
    };
    // The first 256 characters. Bytes are read one by one: a non-ASCII character is not an
    // ASCII letter or digit, so its bytes separate words as the character would.
    let end = segment
        .char_indices()
        .nth(256)
        .map_or(segment.len(), |(at, _)| at);
    let bytes = segment.as_bytes().get(..end).unwrap_or_default();
    let mut out = String::with_capacity(end + 4);
    let mut prev: Option<u8> = None;
    for (i, &c) in bytes.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
            prev = Some(c);
            continue;
        }
        let next = bytes.get(i + 1).copied();
        let boundary = match prev {
            Some(p) if p.is_ascii_alphanumeric() => {
                (p.is_ascii_lowercase() && c.is_ascii_uppercase())
                    || (p.is_ascii_uppercase()
                        && c.is_ascii_uppercase()
                        && next.is_some_and(|n| n.is_ascii_lowercase()))
            }
            _ => false,
        };
        if boundary && !out.ends_with(' ') {
            out.push(' ');
        }
        out.push(char::from(c.to_ascii_lowercase()));
        prev = Some(c);
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    /// `count` texts of up to `longest` characters drawn from `alphabet` (xorshift, seeded by
    /// each text's number).
    fn generated(count: u32, longest: u32, alphabet: &[char]) -> Vec<String> {
        (0..count)
            .map(|seed| {
                let mut x = seed.wrapping_mul(2_654_435_761) | 1;
                (0..(seed % longest))
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        alphabet[x as usize % alphabet.len()]
                    })
                    .collect()
            })
            .collect()
    }

    /// Word starts found a byte at a time: what [`WordStarts::of`] must find.
    fn starts_bytewise(text: &str) -> (Vec<u16>, bool, Openings) {
        let whole = text.as_bytes();
        let bytes = whole.get(..MAX_MATCHED_TEXT).unwrap_or(whole);
        let (mut starts, mut openings, mut previous) = (Vec::new(), 0, false);
        for (i, &b) in bytes.iter().enumerate() {
            let alnum = b.is_ascii_alphanumeric();
            if alnum && !previous {
                if starts.len() == 64 {
                    return (starts, true, ALL_OPENINGS);
                }
                starts.push(i as u16);
                openings |= bit(key(b, whole.get(i + 1).copied()));
            }
            previous = alnum;
        }
        (starts, false, openings)
    }

    #[test]
    fn patterns_found_through_their_opening_are_those_a_scan_finds() {
        let patterns: Vec<Pattern> = [
            "a",
            "a*",
            "ab",
            "ab*",
            "e.164",
            "e164",
            "idempotency-key",
            "idempotency key",
            "required",
            "rate limit",
            "try again",
            "9",
            "90*",
            "z",
            "-x",
            "not ",
            "t",
            "caf",
            "quota*",
            "re",
            "retry in",
            "x y z",
        ]
        .iter()
        .map(|w| Pattern::new(w))
        .collect();
        let mut texts: Vec<String> = [
            "",
            "a",
            "ab abc a-b",
            "Idempotency-Key is required",
            "e.164 +1415 E164",
            "rate  limit; try   again in 9 or 90s",
            "not required",
            "don't retry in x y z",
            "Z z zz",
            "café -x re-try",
            "quota quotas",
        ]
        .iter()
        .map(|s| String::from(*s))
        .collect();
        texts.push("a ".repeat(70) + "required");
        texts.extend(generated(
            3000,
            48,
            &[
                'a', 'b', 'Z', '9', '0', ' ', '-', 'e', '.', '1', '6', '4', 'x', 'y', 'z', 'é',
                't', 'n', '\'',
            ],
        ));
        for text in &texts {
            let starts = WordStarts::of(text);
            for p in &patterns {
                for guard in [false, true] {
                    assert_eq!(
                        p.occurs_at_starts(text.as_bytes(), &starts, guard),
                        p.occurs(text.as_bytes(), guard),
                        "{:?} in {text:?} (guard {guard})",
                        p.written()
                    );
                }
            }
        }
    }

    #[test]
    fn word_starts_eight_bytes_at_a_time_are_those_a_byte_at_a_time() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = [b'-'; 8];
                word[at] = b;
                let mask = alnum_mask(u64::from_le_bytes(word));
                assert_eq!(
                    mask,
                    if b.is_ascii_alphanumeric() {
                        0x80 << (8 * at)
                    } else {
                        0
                    },
                    "{b:#x} at {at}"
                );
            }
        }
        let mut texts: Vec<String> = [
            "",
            "a",
            "-",
            "ab cd",
            " x",
            "Idempotency-Key is required",
            "e.164 +1415 café naïve",
            "ÀÉ résumé 123abc_def@g.h",
            "\u{0}\u{7f}\u{80}ÿ z",
            "quota exceeded; retry in 30s",
        ]
        .iter()
        .map(|s| String::from(*s))
        .collect();
        texts.push("w ".repeat(70));
        texts.push("x".repeat(5000) + " y");
        texts.push(" ".repeat(4095) + "ab");
        texts.push("ab ".repeat(21) + "é" + &"c ".repeat(30));
        texts.extend(generated(
            2000,
            40,
            &['a', 'Z', '9', ' ', '-', 'é', '_', '.', '\'', '\u{2019}'],
        ));
        for text in &texts {
            let w = WordStarts::of(text);
            let (starts, overflow, openings) = starts_bytewise(text);
            assert_eq!(
                (w.list(), w.overflow, w.openings),
                (&starts[..], overflow, openings),
                "{text:?}"
            );
        }
    }

    use super::*;

    fn occurs(p: &str, t: &str) -> bool {
        Pattern::new(p).occurs(t.as_bytes(), true)
    }

    #[test]
    fn words_match_at_boundaries() {
        assert!(occurs("rate limit", "API rate-limit exceeded"));
        assert!(occurs("rate limit", "RATE_LIMIT"));
        assert!(!occurs("limit", "limitless"));
        assert!(occurs("throttl*", "Request was throttled"));
        assert!(!occurs("expired", "unexpired"));
        assert!(occurs("e.164", "not in E.164 format"));
        assert!(!occurs("expired", "the token has not expired"));
        assert!(!occurs("expired", "the token hasn't expired"));
        assert!(occurs("expired", "not found: token expired"));
        assert!(occurs("not found", "Resource not found"));
        assert!(!occurs("found", "was never found"));
    }

    #[test]
    fn long_messages_match_as_short_ones() {
        // More words than `WordStarts` keeps: the patterns scan the text instead.
        let filler = "word ".repeat(100);
        let starts = WordStarts::of(&filler);
        assert!(starts.overflow);
        let words = Words {
            all: alloc::vec![alloc::vec![Pattern::new("rate limit")]],
            any: Vec::new(),
            none: alloc::vec![Pattern::new("expired")],
        };
        for (tail, want) in [
            ("RATE_LIMIT hit", true),
            ("rate limit, token expired", false),
            ("rate limit, token not expired", true),
            ("ratelimit", false),
        ] {
            let long = alloc::format!("{filler}{tail}");
            let short = alloc::format!("word {tail}");
            assert_eq!(words.matches(Some(&long), true), want, "{tail}");
            assert_eq!(words.matches(Some(&short), true), want, "{tail}");
        }
    }

    #[test]
    fn codes_become_words() {
        for (code, words) in [
            ("RATE_LIMIT_EXCEEDED", "rate limit exceeded"),
            ("TokenExpired", "token expired"),
            ("resource_already_exists", "resource already exists"),
            ("com.example.api#ThrottledException", "throttled exception"),
            (
                "ValidationException:http://internal.amazon.com/coral/com.amazon.coral.validate/",
                "validation exception",
            ),
            ("https://example.com/probs/out-of-credit", "out of credit"),
            ("urn:acme:error:quota-exceeded", "quota exceeded"),
            ("HTTPTimeout", "http timeout"),
            ("auth/invalid-email", "auth invalid email"),
            ("E1234", "e1234"),
            ("invalid_request_error", "invalid request error"),
        ] {
            assert_eq!(code_words(code), words, "{code}");
        }
    }
}
