//! When an interview is due: the deadline of a one-way interview or the start of a live one,
//! and the ISO 8601 text Spark Hire takes.

use crate::message::InterviewKind;

/// Spark Hire's own invite flow suggests a week; recruiters rarely change it.
pub const DEFAULT_DAYS: i64 = 7;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineError {
    Missing(InterviewKind),
    InPast(InterviewKind),
}

impl DeadlineError {
    pub fn message(&self) -> String {
        use crate::i18n::msg;
        match self {
            DeadlineError::Missing(InterviewKind::OneWay) => msg("e_deadline_missing"),
            DeadlineError::Missing(InterviewKind::Live) => msg("e_live_missing"),
            DeadlineError::InPast(InterviewKind::OneWay) => msg("e_deadline_past"),
            DeadlineError::InPast(InterviewKind::Live) => msg("e_live_past"),
        }
    }
}

/// The default deadline: seven days from now, at the same minute.
pub fn default_deadline_ms(now_ms: i64) -> i64 {
    let seven = now_ms + DEFAULT_DAYS * DAY_MS;
    seven - seven.rem_euclid(60_000)
}

/// A deadline or start time must be set and be later than now. `at_ms` is `None` when the
/// recruiter's input could not be read as a date.
pub fn check(kind: InterviewKind, at_ms: Option<i64>, now_ms: i64) -> Result<i64, DeadlineError> {
    match at_ms {
        None => Err(DeadlineError::Missing(kind)),
        Some(d) if d <= now_ms => Err(DeadlineError::InPast(kind)),
        Some(d) => Ok(d),
    }
}

/// `2017-05-23T23:00:00+00:00`, the form Spark Hire's own timestamps take [code].
pub fn iso8601_utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+00:00", rem / 3600, (rem / 60) % 60, rem % 60)
}

/// Parses an ISO 8601 timestamp with an offset (`Z` or `±hh:mm`) into epoch milliseconds.
pub fn parse_iso8601(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset_min = match rest {
        "Z" | "" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hh: i64 = rest.get(1..3)?.parse().ok()?;
            let mm: i64 = rest.get(rest.len() - 2..)?.parse().ok()?;
            sign * (hh * 60 + mm)
        }
    };
    let days = days_from_civil(y, mo, d);
    Some(((days * 86_400 + h * 3600 + mi * 60 + se) - offset_min * 60) * 1000)
}

// Howard Hinnant's civil-calendar algorithms: exact for the proleptic Gregorian calendar.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-11-24T19:14:30Z
    const NOW: i64 = 1_795_547_670_000;

    #[test]
    fn formats_like_spark_hire() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00+00:00");
        assert_eq!(iso8601_utc(NOW), "2026-11-24T19:14:30+00:00");
        assert_eq!(iso8601_utc(951_782_400_000), "2000-02-29T00:00:00+00:00");
    }

    #[test]
    fn parses_offsets() {
        assert_eq!(parse_iso8601("2026-11-24T19:14:30+00:00"), Some(NOW));
        assert_eq!(parse_iso8601("2026-11-24T19:14:30Z"), Some(NOW));
        assert_eq!(parse_iso8601("2026-11-24T20:14:30.123+01:00"), Some(NOW));
        assert_eq!(parse_iso8601("2026-11-24T14:14:30-05:00"), Some(NOW));
        assert_eq!(
            parse_iso8601("2017-05-23T23:00:00+00:00").map(iso8601_utc).as_deref(),
            Some("2017-05-23T23:00:00+00:00")
        );
        assert_eq!(parse_iso8601("yesterday"), None);
        assert_eq!(parse_iso8601("2026-13-01T00:00:00Z"), None);
    }

    #[test]
    fn default_is_a_week_ahead_on_the_minute() {
        let d = default_deadline_ms(NOW);
        assert_eq!(iso8601_utc(d), "2026-12-01T19:14:00+00:00");
        assert_eq!(check(InterviewKind::OneWay, Some(d), NOW), Ok(d));
    }

    #[test]
    fn past_and_missing_deadlines_are_refused() {
        use InterviewKind::{Live, OneWay};
        assert_eq!(check(OneWay, Some(NOW - 1), NOW), Err(DeadlineError::InPast(OneWay)));
        assert_eq!(check(OneWay, Some(NOW), NOW), Err(DeadlineError::InPast(OneWay)));
        assert_eq!(check(OneWay, None, NOW), Err(DeadlineError::Missing(OneWay)));
        assert_eq!(check(Live, Some(NOW + 60_000), NOW), Ok(NOW + 60_000));
        assert!(DeadlineError::InPast(OneWay).message().starts_with("The deadline is in the past"));
        assert!(DeadlineError::InPast(Live).message().starts_with("The interview time is in the past"));
        assert!(DeadlineError::Missing(Live).message().contains("live interview"));
    }
}
