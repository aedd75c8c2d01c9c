//! The server's own retry signals (DESIGN.md §1, last paragraph): how long it asks the caller
//! to wait, and whether it says a retry is (un)safe. Sources, in the order they are consulted:
//! `retry-after-ms` / `x-ms-retry-after-ms` (Azure OpenAI, OpenAI SDKs), `Retry-After`
//! (RFC 9110 §10.2.3: delay-seconds or an HTTP date), a delay inside the body (Google
//! `RetryInfo`, `retry_after`), then rate-limit reset headers (`RateLimit-Reset`, IETF
//! draft-ietf-httpapi-ratelimit-headers; `X-RateLimit-Reset`, GitHub and others), the latter
//! only when the limit is exhausted. `Stripe-Should-Retry` and `x-should-retry` say yes or no.

use crate::http_date;
use crate::input::{header, Headers};

/// The longest delay a verdict reports: one day. Longer asks are reported as one day; the
/// retry policy decides whether to wait that long.
pub const MAX_RETRY_AFTER_MS: u64 = 86_400_000;

/// Epoch-looking reset values (GitHub's `x-ratelimit-reset`) are at least this large.
const EPOCH_THRESHOLD: u64 = 1_000_000_000;

/// The delay the server asks for, in milliseconds, capped at [`MAX_RETRY_AFTER_MS`].
pub(crate) fn delay_ms(
    headers: Headers<'_>,
    body_delay_ms: Option<u64>,
    status: u16,
    now: Option<i64>,
) -> Option<u64> {
    // The response's own Date is the reference for its dates; the caller's clock otherwise.
    let reference = || header(headers, "date").and_then(http_date::parse).or(now);
    let ms = ["retry-after-ms", "x-ms-retry-after-ms"]
        .iter()
        .find_map(|name| header(headers, name).and_then(decimal_ms_value))
        .or_else(|| retry_after(headers, reference))
        .or(body_delay_ms)
        .or_else(|| rate_limit_reset(headers, status, reference))?;
    Some(ms.min(MAX_RETRY_AFTER_MS))
}

/// `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`; the first usable one.
fn retry_after(headers: Headers<'_>, reference: impl Fn() -> Option<i64>) -> Option<u64> {
    headers
        .iter()
        .filter(|(n, _)| n.trim().eq_ignore_ascii_case("retry-after"))
        .find_map(|(_, value)| {
            let value = value.trim();
            if let Some(seconds) = integer(value) {
                return Some(seconds.saturating_mul(1000));
            }
            let at = http_date::parse(value)?;
            Some(until(at, reference()?))
        })
}

/// Milliseconds from `reference` to `at` (both unix seconds), zero when `at` has passed.
fn until(at: i64, reference: i64) -> u64 {
    u64::try_from(at.saturating_sub(reference))
        .unwrap_or(0)
        .saturating_mul(1000)
}

/// `RateLimit-Reset` / `X-RateLimit-Reset` when the remaining quota is zero or the status is 429.
fn rate_limit_reset(
    headers: Headers<'_>,
    status: u16,
    reference: impl Fn() -> Option<i64>,
) -> Option<u64> {
    let exhausted = status == 429
        || ["ratelimit-remaining", "x-ratelimit-remaining"]
            .iter()
            .any(|n| header(headers, n).and_then(integer) == Some(0));
    if !exhausted {
        return None;
    }
    if let Some(ms) = header(headers, "x-ratelimit-reset-after").and_then(seconds_value_ms) {
        return Some(ms);
    }
    ["ratelimit-reset", "x-ratelimit-reset"]
        .iter()
        .find_map(|name| {
            let value = integer(header(headers, name)?)?;
            if value >= EPOCH_THRESHOLD {
                Some(until(i64::try_from(value).ok()?, reference()?))
            } else {
                Some(value.saturating_mul(1000))
            }
        })
}

/// `Stripe-Should-Retry` or `x-should-retry`: `Some(true)`, `Some(false)` or no opinion.
pub(crate) fn should_retry(headers: Headers<'_>) -> Option<bool> {
    ["stripe-should-retry", "x-should-retry"]
        .iter()
        .find_map(|name| match header(headers, name)? {
            v if v.eq_ignore_ascii_case("true") => Some(true),
            v if v.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
}

/// A non-negative integer of at most 18 digits (larger values would be nonsense delays).
fn integer(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A header holding milliseconds, possibly with a fraction (`retry-after-ms: 1500.5`).
fn decimal_ms_value(text: &str) -> Option<u64> {
    let value: f64 = text.trim().parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(crate::shape::ceil_u64(value))
}

/// A header holding seconds, possibly with a fraction (`x-ratelimit-reset-after: 1.25`).
fn seconds_value_ms(text: &str) -> Option<u64> {
    let value: f64 = text.trim().parse().ok()?;
    crate::shape::seconds_to_ms(value)
}
