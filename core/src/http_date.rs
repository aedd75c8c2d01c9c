//! HTTP dates (RFC 9110 §5.6.7): IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, and the obsolete
//! RFC 850 `Sunday, 06-Nov-94 08:49:37 GMT` and asctime `Sun Nov  6 08:49:37 1994` forms that a
//! recipient must accept. Read into unix seconds without a clock or a calendar library.

/// Unix seconds for an HTTP date, or `None` when `text` is not one. A two-digit RFC 850 year is
/// read against no reference (see [`parse_near`]).
pub(crate) fn parse(text: &str) -> Option<i64> {
    parse_near(text, None)
}

/// [`parse`], with `reference` (unix seconds: the response's `Date` or the caller's clock) for
/// an RFC 850 two-digit year: RFC 9110 §5.6.7 says a year that appears to be more than 50
/// years in the future is the most recent past year with the same last two digits. With no
/// reference the year is taken in 1970–2069 (the only reading the epoch allows without a clock).
pub(crate) fn parse_near(text: &str, reference: Option<i64>) -> Option<i64> {
    let text = text.trim();
    let mut parts = text.split_ascii_whitespace();
    let first = parts.next()?;
    if first.ends_with(',') {
        let second = parts.next()?;
        if second.contains('-') {
            // RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT"
            let mut dmy = second.split('-');
            let day = number(dmy.next()?)?;
            let month = month(dmy.next()?)?;
            let yy = number(dmy.next()?)?;
            if !(0..=99).contains(&yy) {
                return None;
            }
            let year = match reference.map(year_of) {
                Some(now) => {
                    let candidate = now - now.rem_euclid(100) + yy;
                    if candidate > now + 50 {
                        candidate - 100
                    } else if candidate <= now - 50 {
                        candidate + 100
                    } else {
                        candidate
                    }
                }
                None if yy < 70 => 2000 + yy,
                None => 1900 + yy,
            };
            let time = clock(parts.next()?)?;
            gmt(parts.next())?;
            return seconds(year, month, day, time);
        }
        // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
        let day = number(second)?;
        let month = month(parts.next()?)?;
        let year = number(parts.next()?)?;
        let time = clock(parts.next()?)?;
        gmt(parts.next())?;
        return seconds(year, month, day, time);
    }
    // asctime: "Sun Nov  6 08:49:37 1994"
    let month = month(parts.next()?)?;
    let day = number(parts.next()?)?;
    let time = clock(parts.next()?)?;
    let year = number(parts.next()?)?;
    if parts.next().is_some() {
        return None;
    }
    seconds(year, month, day, time)
}

fn gmt(zone: Option<&str>) -> Option<()> {
    matches!(zone, Some("GMT" | "UTC")).then_some(())
}

fn number(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn month(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(text))
        .and_then(|i| i64::try_from(i + 1).ok())
}

fn clock(text: &str) -> Option<i64> {
    let mut hms = text.split(':');
    let (h, m, s) = (
        number(hms.next()?)?,
        number(hms.next()?)?,
        number(hms.next()?)?,
    );
    if hms.next().is_some() || h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
pub(crate) fn seconds(year: i64, month: i64, day: i64, time: i64) -> Option<i64> {
    if !(1..=31).contains(&day) || year < 1970 {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + time)
}

/// The civil year of unix seconds `unix` (Howard Hinnant's `civil_from_days`).
fn year_of(unix: i64) -> i64 {
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    yoe + era * 400 + i64::from(mp >= 10)
}

/// Unix seconds as an RFC 3339 UTC timestamp (`2025-11-22T00:00:00Z`), for reports.
pub(crate) fn rfc3339(unix: i64) -> alloc::string::String {
    let (days, secs) = (unix.div_euclid(86_400), unix.rem_euclid(86_400));
    // Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    alloc::format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{parse, parse_near, rfc3339, year_of};

    #[test]
    fn two_digit_years_follow_rfc_9110() {
        let y2026 = 1_798_761_600 - 86_400; // 2026-12-31
        assert_eq!(year_of(y2026), 2026);
        assert_eq!(year_of(784_111_777), 1994);
        let at = |text: &str, reference| parse_near(text, Some(reference)).map(year_of);
        // In 2026, "76" is at most 50 years ahead (2076); "77" would be 51: it is 1977.
        assert_eq!(at("Sunday, 06-Nov-76 08:49:37 GMT", y2026), Some(2076));
        assert_eq!(at("Sunday, 06-Nov-77 08:49:37 GMT", y2026), Some(1977));
        assert_eq!(at("Sunday, 06-Nov-26 08:49:37 GMT", y2026), Some(2026));
        // In 2090, "10" is 2110 (20 years ahead), not 2010.
        let y2090 = 3_786_912_000;
        assert_eq!(year_of(y2090), 2090);
        assert_eq!(at("Sunday, 06-Nov-10 08:49:37 GMT", y2090), Some(2110));
        assert_eq!(
            at("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777),
            Some(1994)
        );
    }

    #[test]
    fn formats_rfc3339() {
        assert_eq!(rfc3339(784_111_777), "1994-11-06T08:49:37Z");
        assert_eq!(rfc3339(1_709_208_000), "2024-02-29T12:00:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn reads_the_three_forms() {
        assert_eq!(parse("Sun, 06 Nov 1994 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse("Sunday, 06-Nov-94 08:49:37 GMT"), Some(784_111_777));
        assert_eq!(parse("Sun Nov  6 08:49:37 1994"), Some(784_111_777));
        assert_eq!(parse("Sat, 22 Nov 2025 00:00:00 GMT"), Some(1_763_769_600));
        assert_eq!(parse("Thu, 29 Feb 2024 12:00:00 GMT"), Some(1_709_208_000));
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for bad in [
            "",
            "120",
            "Sun, 06 Nov 1994 08:49:37 PST",
            "Sun, 32 Nov 1994 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 25:00:00 GMT",
            "Sun, 06 Nov 99999 08:49:37 GMT",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
