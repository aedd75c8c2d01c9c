//! The server's own retry signals (DESIGN.md §1, last paragraph): how long it asks the caller
//! to wait, and whether it says a retry is (un)safe. Sources, in the order they are consulted:
//! `retry-after-ms` / `x-ms-retry-after-ms` (Azure OpenAI, OpenAI SDKs), `Retry-After`
//! (RFC 9110 §10.2.3: delay-seconds or an HTTP date), a delay inside the body (Google
//! `RetryInfo`, `retry_after`), then rate-limit reset headers (`RateLimit-Reset`, IETF
//! draft-ietf-httpapi-ratelimit-headers; `X-RateLimit-Reset`, GitHub and others), the latter
//! only when the limit is exhausted. `Stripe-Should-Retry` and `x-should-retry` say yes or no.

use crate::headers::{Name, ResponseHeaders};
use crate::http_date;
use crate::number;

/// The longest delay a verdict reports: one day. Longer asks are reported as one day; the
/// retry policy decides whether to wait that long.
pub const MAX_RETRY_AFTER_MS: u64 = 86_400_000;

/// Epoch-looking reset values (GitHub's `x-ratelimit-reset`) are at least this large.
const EPOCH_THRESHOLD: u64 = 1_000_000_000;

/// The delay the server asks for, in milliseconds, capped at [`MAX_RETRY_AFTER_MS`].
pub(crate) fn delay_ms(
    headers: &ResponseHeaders<'_>,
    body_delay_ms: Option<u64>,
    status: u16,
    now: Option<i64>,
) -> Option<u64> {
    // The response's own Date is the reference for its dates; the caller's clock otherwise.
    let reference = || {
        headers
            .get(Name::Date)
            .and_then(|d| http_date::parse_near(d, now))
            .or(now)
    };
    let ms = [Name::RetryAfterMs, Name::MsRetryAfterMs]
        .iter()
        .find_map(|&name| headers.get(name).and_then(decimal_ms_value))
        .or_else(|| retry_after(headers, reference))
        .or(body_delay_ms)
        .or_else(|| rate_limit_reset(headers, status, reference))?;
    Some(ms.min(MAX_RETRY_AFTER_MS))
}

/// `Retry-After: 120` or `Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`; the first usable one.
fn retry_after(headers: &ResponseHeaders<'_>, reference: impl Fn() -> Option<i64>) -> Option<u64> {
    headers.get(Name::RetryAfter)?;
    headers.every("retry-after").find_map(|value| {
        if let Some(seconds) = integer(value) {
            return Some(seconds.saturating_mul(1000));
        }
        let reference = reference()?;
        let at = http_date::parse_near(value, Some(reference))?;
        Some(until(at, reference))
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
    headers: &ResponseHeaders<'_>,
    status: u16,
    reference: impl Fn() -> Option<i64>,
) -> Option<u64> {
    let exhausted = status == 429
        || [Name::RateLimitRemaining, Name::XRateLimitRemaining]
            .iter()
            .any(|&n| headers.get(n).and_then(integer) == Some(0));
    if !exhausted {
        return None;
    }
    if let Some(ms) = headers
        .get(Name::XRateLimitResetAfter)
        .and_then(seconds_value_ms)
    {
        return Some(ms);
    }
    [Name::RateLimitReset, Name::XRateLimitReset]
        .iter()
        .find_map(|name| {
            let value = integer(headers.get(*name)?)?;
            if value >= EPOCH_THRESHOLD {
                Some(until(i64::try_from(value).ok()?, reference()?))
            } else {
                Some(value.saturating_mul(1000))
            }
        })
}

/// `Stripe-Should-Retry` or `x-should-retry`: `Some(true)`, `Some(false)` or no opinion.
pub(crate) fn should_retry(headers: &ResponseHeaders<'_>) -> Option<bool> {
    [Name::StripeShouldRetry, Name::XShouldRetry]
        .iter()
        .find_map(|&name| match headers.get(name)? {
            v if v.eq_ignore_ascii_case("true") => Some(true),
            v if v.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
}

/// A non-negative integer of at most 18 digits (larger values would be nonsense delays).
fn integer(text: &str) -> Option<u64> {
    number::whole(text)
}

/// A header holding milliseconds, possibly with a fraction (`retry-after-ms: 1500.5`).
fn decimal_ms_value(text: &str) -> Option<u64> {
    number::decimal_scaled(text, 0)
}

/// A header holding seconds, possibly with a fraction (`x-ratelimit-reset-after: 1.25`).
fn seconds_value_ms(text: &str) -> Option<u64> {
    number::decimal_scaled(text, 3)
}
