//! Calendar arithmetic on `YYYY-MM-DD…` dates (UTC), for weekly and monthly statistics.

/// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days in `month` (1–12) of `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Year, month and day of the date `days` after 1970-01-01 (Hinnant's `civil_from_days`).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The year of the date `days` after 1970-01-01.
fn year_of(days: i64) -> i64 {
    civil_from_days(days).0
}

/// Year, month and day of an ISO timestamp's date part.
pub fn parse_day(timestamp: &str) -> Option<(i64, u32, u32)> {
    let year = timestamp.get(0..4)?.parse().ok()?;
    let month = timestamp.get(5..7)?.parse().ok().filter(|m| (1..=12).contains(m))?;
    let day = timestamp.get(8..10)?.parse().ok().filter(|d| (1..=31).contains(d))?;
    Some((year, month, day))
}

/// Minutes since 1970 of a UTC timestamp as the edge stores it (`2026-12-03T14:17:42.123Z`);
/// seconds are dropped.
pub fn utc_minutes(timestamp: &str) -> Option<i64> {
    let (year, month, day) = parse_day(timestamp)?;
    if !matches!(timestamp.as_bytes().get(10), Some(b'T' | b' ')) || timestamp.get(13..14) != Some(":") {
        return None;
    }
    let hour: i64 = timestamp.get(11..13)?.parse().ok().filter(|h| (0..24).contains(h))?;
    let minute: i64 = timestamp.get(14..16)?.parse().ok().filter(|m| (0..60).contains(m))?;
    Some(days_from_civil(year, month, day) * 24 * 60 + hour * 60 + minute)
}

/// ISO 8601 week, e.g. `2026-W47` (weeks start on Monday; week 1 holds the year's first Thursday).
pub fn iso_week(timestamp: &str) -> Option<String> {
    let (year, month, day) = parse_day(timestamp)?;
    let days = days_from_civil(year, month, day);
    let weekday = (days + 3).rem_euclid(7); // 0 = Monday
    let thursday = days - weekday + 3;
    let week_year = year_of(thursday);
    let week = (thursday - days_from_civil(week_year, 1, 1)) / 7 + 1;
    Some(format!("{week_year}-W{week:02}"))
}

/// `YYYY-MM` of a timestamp.
pub fn month(timestamp: &str) -> Option<String> {
    parse_day(timestamp).map(|(y, m, _)| format!("{y}-{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(year_of(days_from_civil(2026, 12, 31)), 2026);
        assert_eq!(year_of(days_from_civil(2027, 1, 1)), 2027);
    }

    #[test]
    fn iso_weeks_around_new_year() {
        assert_eq!(iso_week("2026-11-22T10:00:00Z").as_deref(), Some("2026-W47"));
        assert_eq!(iso_week("2026-01-01").as_deref(), Some("2026-W01"), "a Thursday");
        assert_eq!(iso_week("2027-01-01").as_deref(), Some("2026-W53"), "a Friday in 2026's last week");
        assert_eq!(iso_week("2024-12-30").as_deref(), Some("2025-W01"), "a Monday in 2025's first week");
        assert_eq!(iso_week("2021-01-03").as_deref(), Some("2020-W53"));
        assert_eq!(iso_week("not a date"), None);
        assert_eq!(month("2026-11-22T10:00:00Z").as_deref(), Some("2026-11"));
    }
}
