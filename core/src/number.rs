//! Delays written as decimal text (`"1.25"` seconds, `"1500.5"` milliseconds, `"12.5s"`), read
//! exactly with integer arithmetic and rounded up. No float parsing: it is not needed for a
//! delay, and its tables would double the WebAssembly module's size.

/// `text` (digits, optionally a `.` and more digits) multiplied by 10^`scale`, rounded up;
/// `None` for anything else (signs, exponents, empty). Saturates instead of overflowing.
pub(crate) fn decimal_scaled(text: &str, scale: u32) -> Option<u64> {
    let text = text.trim_ascii();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let mut value: u64 = 0;
    let mut push = |d: u8| value = value.saturating_mul(10).saturating_add(u64::from(d - b'0'));
    whole.bytes().for_each(&mut push);
    let mut rest = fraction.bytes();
    for _ in 0..scale {
        push(rest.next().unwrap_or(b'0'));
    }
    if rest.any(|b| b != b'0') {
        value = value.saturating_add(1);
    }
    Some(value)
}

/// A non-negative whole number (at most 18 digits).
pub(crate) fn whole(text: &str) -> Option<u64> {
    let text = text.trim_ascii();
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    decimal_scaled(text, 0)
}

/// An ISO 8601 duration of days, hours, minutes and seconds (`PT30S`, `PT1M30.5S`, `P1D`) in
/// milliseconds, rounded up; years, months and weeks are not delays an API gives.
pub(crate) fn iso_duration_ms(text: &str) -> Option<u64> {
    let rest = text.trim_ascii().strip_prefix(['P', 'p'])?;
    let (days, time) = match rest.find(['T', 't']) {
        Some(t) => (rest.get(..t)?, rest.get(t + 1..)?),
        None => (rest, ""),
    };
    let mut total: u64 = 0;
    let mut any = false;
    for (part, units) in [
        (days, &[('D', 86_400_000u64)][..]),
        (time, &[('H', 3_600_000), ('M', 60_000), ('S', 1_000)][..]),
    ] {
        let mut rest = part;
        for &(unit, ms) in units {
            if let Some(end) = rest.find([unit, unit.to_ascii_lowercase()]) {
                let value = decimal_scaled(rest.get(..end)?, 3)?;
                total = total.saturating_add(value.saturating_mul(ms) / 1000);
                rest = rest.get(end + 1..)?;
                any = true;
            }
        }
        if !rest.is_empty() {
            return None;
        }
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_decimals_exactly_and_rounds_up() {
        assert_eq!(decimal_scaled("1.25", 3), Some(1250));
        assert_eq!(decimal_scaled("1500.5", 0), Some(1501));
        assert_eq!(decimal_scaled(" 12 ", 3), Some(12000));
        assert_eq!(decimal_scaled(".5", 3), Some(500));
        assert_eq!(decimal_scaled("0.0001", 3), Some(1));
        assert_eq!(decimal_scaled("3.000", 0), Some(3));
        assert_eq!(decimal_scaled("99999999999999999999999", 3), Some(u64::MAX));
        for bad in ["", ".", "-1", "1e3", "1.2.3", "NaN", "inf", "+5"] {
            assert_eq!(decimal_scaled(bad, 3), None, "{bad}");
        }
        assert_eq!(whole("007"), Some(7));
        assert_eq!(iso_duration_ms("PT30S"), Some(30_000));
        assert_eq!(iso_duration_ms("PT1M30.5S"), Some(90_500));
        assert_eq!(iso_duration_ms("P1DT1H"), Some(90_000_000));
        assert_eq!(iso_duration_ms("PT"), None);
        assert_eq!(iso_duration_ms("P1Y"), None);
        assert_eq!(iso_duration_ms("30"), None);
        assert_eq!(whole("1.0"), None);
    }
}
