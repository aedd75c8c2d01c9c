//! The response headers the model reads, found in one pass over the list (the model asks about
//! some twenty names; looking each up separately would cost a scan per name).

use crate::input::{Headers, MAX_HEADER_VALUE_BYTES};

/// A header the model reads. The discriminant indexes [`NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Name {
    ContentType,
    WwwAuthenticate,
    AmznErrorType,
    Date,
    RetryAfterMs,
    MsRetryAfterMs,
    RateLimitRemaining,
    XRateLimitRemaining,
    XRateLimitResetAfter,
    RateLimitReset,
    XRateLimitReset,
    StripeShouldRetry,
    XShouldRetry,
    XRequestId,
    RequestId,
    AmznRequestId,
    AmzRequestId,
    MsRequestId,
    GithubRequestId,
    CorrelationId,
    CfRay,
    RetryAfter,
}

/// Lower-case header names, in the order of [`Name`].
const NAMES: [&str; 22] = [
    "content-type",
    "www-authenticate",
    "x-amzn-errortype",
    "date",
    "retry-after-ms",
    "x-ms-retry-after-ms",
    "ratelimit-remaining",
    "x-ratelimit-remaining",
    "x-ratelimit-reset-after",
    "ratelimit-reset",
    "x-ratelimit-reset",
    "stripe-should-retry",
    "x-should-retry",
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-ms-request-id",
    "x-github-request-id",
    "x-correlation-id",
    "cf-ray",
    "retry-after",
];

/// Headers that carry a request id, most specific first.
pub(crate) const REQUEST_ID: [Name; 8] = [
    Name::XRequestId,
    Name::RequestId,
    Name::AmznRequestId,
    Name::AmzRequestId,
    Name::MsRequestId,
    Name::GithubRequestId,
    Name::CorrelationId,
    Name::CfRay,
];

/// The position of `name` in [`NAMES`], found by length first: most response headers have a
/// length no name here has, and the rest meet one to five candidates.
fn index(name: &str) -> Option<usize> {
    let candidates: &[usize] = match name.len() {
        4 => &[3],
        6 => &[20],
        10 => &[14],
        11 => &[21],
        12 => &[0, 13],
        14 => &[4, 12],
        15 => &[9, 17],
        16 => &[1, 2, 15, 16, 19],
        17 => &[10],
        19 => &[5, 6, 11, 18],
        21 => &[7],
        23 => &[8],
        _ => return None,
    };
    // The first byte tells most candidates apart; NAMES are lower-case already, so only the
    // header's side is folded.
    let first = name.as_bytes().first()?.to_ascii_lowercase();
    candidates.iter().copied().find(|&i| {
        NAMES.get(i).is_some_and(|known| {
            known.as_bytes().first() == Some(&first) && same_name(known.as_bytes(), name.as_bytes())
        })
    })
}

/// Eight bytes of `b` from `at` (zeros past its end), as one word.
fn word(b: &[u8], at: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(at..at + 8) {
        w.copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

/// Whether `name` is `known` (one of [`NAMES`]: lower-case ASCII letters and `-` only) with
/// ASCII case ignored on `name`'s side, compared eight bytes at a time: where `known` has a
/// letter (bit 0x40 set) `name`'s byte may differ from it in bit 0x20 only; `-` must be equal.
fn same_name(known: &[u8], name: &[u8]) -> bool {
    let len = known.len();
    if len != name.len() {
        return false;
    }
    if len < 8 {
        return known
            .iter()
            .zip(name)
            .all(|(k, h)| *k == h.to_ascii_lowercase());
    }
    let same_at = |at: usize| {
        let k = word(known, at);
        let case = (k & 0x4040_4040_4040_4040) >> 1;
        word(name, at) | case == k
    };
    let mut at = 0;
    while at + 8 < len {
        if !same_at(at) {
            return false;
        }
        at += 8;
    }
    same_at(len - 8)
}

/// A value as the model reads it: its first [`MAX_HEADER_VALUE_BYTES`], white space trimmed.
fn bounded(value: &str) -> &str {
    if value.len() <= MAX_HEADER_VALUE_BYTES {
        return value.trim_ascii();
    }
    crate::text::head(value, MAX_HEADER_VALUE_BYTES).trim_ascii()
}

/// The first value of each header the model reads, white space trimmed, plus the whole list
/// for headers that may repeat meaningfully (`Retry-After`).
pub(crate) struct ResponseHeaders<'a> {
    all: Headers<'a>,
    first: [Option<&'a str>; 22],
}

impl<'a> ResponseHeaders<'a> {
    /// One pass over `all`; names compare case-insensitively.
    pub(crate) fn scan(all: Headers<'a>) -> Self {
        let mut first = [None; 22];
        for (name, value) in all {
            if let Some(slot) = index(name).and_then(|i| first.get_mut(i)) {
                if slot.is_none() {
                    *slot = Some(bounded(value));
                }
            }
        }
        ResponseHeaders { all, first }
    }

    /// The first value of `name`.
    pub(crate) fn get(&self, name: Name) -> Option<&'a str> {
        self.first.get(name as usize).copied().flatten()
    }

    /// The first value of any header called `name` (compared ignoring ASCII case), trimmed.
    pub(crate) fn first(&self, name: &str) -> Option<&'a str> {
        self.all
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim_ascii())
    }

    /// Every value of `name` (a name not in [`NAMES`]), in order, trimmed.
    pub(crate) fn every(&self, name: &'static str) -> impl Iterator<Item = &'a str> + 'a {
        self.all
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| bounded(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_line_up_with_the_enum() {
        let headers = [
            ("Content-Type", " text/html "),
            ("CF-Ray", "abc"),
            ("content-type", "second"),
        ];
        let h = ResponseHeaders::scan(&headers);
        assert_eq!(h.get(Name::ContentType), Some("text/html"));
        assert_eq!(h.get(Name::CfRay), Some("abc"));
        assert_eq!(h.get(Name::Date), None);
        assert_eq!(NAMES.get(Name::CfRay as usize), Some(&"cf-ray"));
        assert_eq!(NAMES.get(Name::ContentType as usize), Some(&"content-type"));
        assert!(NAMES
            .iter()
            .all(|n| n.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        // Not a name: a byte that differs from a name's `-` or letter by more than case.
        assert_eq!(index("x-request\rid"), None);
        assert_eq!(index("X-REQUEST-ID"), Some(Name::XRequestId as usize));
        assert_eq!(index("x-request-iD"), Some(Name::XRequestId as usize));
        assert_eq!(index("x-request-i@"), None);
        assert_eq!(index("x-request-i\u{7f}"), None);
        assert_eq!(index("x\rrequest-id"), None);
        for (i, name) in NAMES.iter().enumerate() {
            assert_eq!(
                index(name),
                Some(i),
                "{name} must be reachable by its length"
            );
            assert_eq!(index(&name.to_ascii_uppercase()), Some(i));
        }
        assert_eq!(index("x-unrelated"), None);
    }
}
