//! Times as people in Sweden read them. The edge stores instants in UTC (ISO 8601); people see
//! them in Europe/Stockholm time: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule). ISO stays in what
//! machines read (exports for GIS, the API).

use crate::calendar::{civil_from_days, days_from_civil, parse_day};
use crate::i18n::I18n;

/// A minute of wall-clock time in Stockholm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

const MINUTES_A_DAY: i64 = 24 * 60;

impl LocalTime {
    /// From a UTC timestamp as the edge stores it: `2026-12-03T14:17:42.123Z` (a space for the
    /// `T`, no seconds or no `Z` are read the same). `None` for anything else.
    pub fn from_utc(timestamp: &str) -> Option<Self> {
        let (year, month, day) = parse_day(timestamp)?;
        if !matches!(timestamp.as_bytes().get(10), Some(b'T' | b' ')) || timestamp.get(13..14) != Some(":") {
            return None;
        }
        let hour: i64 = timestamp.get(11..13)?.parse().ok().filter(|h| (0..24).contains(h))?;
        let minute: i64 = timestamp.get(14..16)?.parse().ok().filter(|m| (0..60).contains(m))?;
        let utc = days_from_civil(year, month, day) * MINUTES_A_DAY + hour * 60 + minute;
        let offset = if is_summer_time(utc, year) { 120 } else { 60 };
        let local = utc + offset;
        let (year, month, day) = civil_from_days(local.div_euclid(MINUTES_A_DAY));
        let of_day = local.rem_euclid(MINUTES_A_DAY);
        Some(Self { year, month, day, hour: (of_day / 60) as u32, minute: (of_day % 60) as u32 })
    }

    /// "3 dec. 2026 kl. 15:17" in Swedish, "3 Dec 2026, 15:17" in English.
    pub fn human(&self, i18n: &I18n) -> String {
        i18n.t_with(
            "time-local",
            &[
                ("day", &self.day.to_string()),
                ("month", &i18n.t(&format!("month-short-{}", self.month))),
                ("year", &self.year.to_string()),
                ("time", &format!("{:02}:{:02}", self.hour, self.minute)),
            ],
        )
    }
}

/// The Swedish date (`YYYY-MM-DD`) of a UTC timestamp: the day a Swedish calendar shows then.
pub fn local_day(timestamp: &str) -> Option<String> {
    LocalTime::from_utc(timestamp).map(|t| format!("{:04}-{:02}-{:02}", t.year, t.month, t.day))
}

/// A wall-clock time as the console's forms write it (`YYYY-MM-DDTHH:MM`, the municipality's
/// own time, as a dialogue's start and end), as a person reads it; else as it is.
pub fn human_local(local: &str, i18n: &I18n) -> String {
    parse_local(local).map_or_else(|| local.to_string(), |t| t.human(i18n))
}

/// From `start` to `end` (both as [`human_local`] reads them): "1 dec. 2026 kl. 18:00–19:30",
/// with the date said once when both fall on the same day.
pub fn human_span(start: &str, end: &str, i18n: &I18n) -> String {
    match (parse_local(start), parse_local(end)) {
        (Some(s), Some(e)) if (s.year, s.month, s.day) == (e.year, e.month, e.day) => {
            format!("{}–{:02}:{:02}", s.human(i18n), e.hour, e.minute)
        }
        _ => format!("{} – {}", human_local(start, i18n), human_local(end, i18n)),
    }
}

/// Whether `local` is a wall-clock time as the console's forms write it (`YYYY-MM-DDTHH:MM`).
pub fn is_local(local: &str) -> bool {
    parse_local(local).is_some()
}

/// The UTC instant of a Stockholm wall-clock time (`YYYY-MM-DDTHH:MM`) as `YYYY-MM-DDTHH:MM:00Z`.
/// In the autumn's repeated hour the first (summer) one; a time in the spring's skipped hour is
/// read as winter time.
pub fn utc_of_local(local: &str) -> Option<String> {
    let t = parse_local(local)?;
    let wall = days_from_civil(t.year, t.month, t.day) * MINUTES_A_DAY + i64::from(t.hour * 60 + t.minute);
    let summer = wall - 120;
    let utc = if is_summer_time(summer, t.year) { summer } else { wall - 60 };
    let (year, month, day) = civil_from_days(utc.div_euclid(MINUTES_A_DAY));
    let of_day = utc.rem_euclid(MINUTES_A_DAY);
    Some(format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:00Z", of_day / 60, of_day % 60))
}

fn parse_local(local: &str) -> Option<LocalTime> {
    let (year, month, day) = parse_day(local)?;
    if day > crate::calendar::days_in_month(year as i32, month) {
        return None;
    }
    if local.len() != 16 || local.as_bytes()[10] != b'T' || local.get(13..14) != Some(":") {
        return None;
    }
    let hour: u32 = local.get(11..13)?.parse().ok().filter(|h| *h < 24)?;
    let minute: u32 = local.get(14..16)?.parse().ok().filter(|m| *m < 60)?;
    Some(LocalTime { year, month, day, hour, minute })
}

/// A stored UTC timestamp as a person reads it; one that cannot be read is shown as it is.
pub fn human(timestamp: &str, i18n: &I18n) -> String {
    LocalTime::from_utc(timestamp).map_or_else(|| timestamp.to_string(), |t| t.human(i18n))
}

/// A month as the lägesbild keys it (`2026-11`) as a person reads it ("nov. 2026"); else as it is.
pub fn human_month(month: &str, i18n: &I18n) -> String {
    let parsed =
        month.split_once('-').and_then(|(y, m)| Some((y.parse::<i64>().ok()?, m.parse::<u32>().ok()?)));
    match parsed {
        Some((year, m)) if (1..=12).contains(&m) => format!("{} {year}", i18n.t(&format!("month-short-{m}"))),
        _ => month.to_string(),
    }
}

/// A day (`YYYY-MM-DD`) as a person reads it ("4 dec. 2026"); else as it is.
pub fn human_day(day: &str, i18n: &I18n) -> String {
    match crate::calendar::parse_day(day) {
        Some((year, month, d)) if day.len() == 10 => {
            format!("{d} {} {year}", i18n.t(&format!("month-short-{month}")))
        }
        _ => day.to_string(),
    }
}

/// Whether the UTC minute `utc` (minutes since 1970) of `year` falls in summer time.
fn is_summer_time(utc: i64, year: i64) -> bool {
    let starts = last_sunday(year, 3) * MINUTES_A_DAY + 60;
    let ends = last_sunday(year, 10) * MINUTES_A_DAY + 60;
    (starts..ends).contains(&utc)
}

/// Days since 1970 of the last Sunday of `month` (a 31-day month).
fn last_sunday(year: i64, month: u32) -> i64 {
    let last = days_from_civil(year, month, 31);
    let weekday = (last + 3).rem_euclid(7); // 0 = Monday … 6 = Sunday
    last - (weekday + 1) % 7
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn local(timestamp: &str) -> (i64, u32, u32, u32, u32) {
        let t = LocalTime::from_utc(timestamp).unwrap();
        (t.year, t.month, t.day, t.hour, t.minute)
    }

    #[test]
    fn a_wall_clock_time_goes_back_to_utc() {
        assert_eq!(utc_of_local("2026-12-10T18:00").as_deref(), Some("2026-12-10T17:00:00Z"));
        assert_eq!(utc_of_local("2026-06-10T18:00").as_deref(), Some("2026-06-10T16:00:00Z"));
        assert_eq!(utc_of_local("2027-01-01T00:30").as_deref(), Some("2026-12-31T23:30:00Z"));
        // 29 March 2026: 02:00 becomes 03:00; 25 October 2026: 03:00 becomes 02:00 again.
        assert_eq!(utc_of_local("2026-03-29T03:30").as_deref(), Some("2026-03-29T01:30:00Z"));
        assert_eq!(utc_of_local("2026-03-29T01:30").as_deref(), Some("2026-03-29T00:30:00Z"));
        assert_eq!(
            utc_of_local("2026-10-25T02:30").as_deref(),
            Some("2026-10-25T00:30:00Z"),
            "the first 02:30"
        );
        assert_eq!(utc_of_local("2026-10-25T04:00").as_deref(), Some("2026-10-25T03:00:00Z"));
        for timestamp in ["2026-12-10T17:00:00Z", "2026-06-10T16:00:00Z", "2026-10-25T03:00:00Z"] {
            let t = LocalTime::from_utc(timestamp).unwrap();
            let local = format!("{:04}-{:02}-{:02}T{:02}:{:02}", t.year, t.month, t.day, t.hour, t.minute);
            assert_eq!(utc_of_local(&local).as_deref(), Some(timestamp), "there and back");
        }
        assert_eq!(utc_of_local("2026-02-30T18:00"), None);
        assert!(
            is_local("2026-12-10T18:00") && !is_local("2026-12-10 18:00") && !is_local("2026-12-10T24:00")
        );
    }

    #[test]
    fn winter_is_utc_plus_one_and_summer_utc_plus_two() {
        assert_eq!(local("2026-12-03T14:17:42.123Z"), (2026, 12, 3, 15, 17));
        assert_eq!(local("2026-07-01T12:00:00Z"), (2026, 7, 1, 14, 0));
        assert_eq!(local("2026-07-01 12:00"), (2026, 7, 1, 14, 0));
    }

    #[test]
    fn the_clocks_change_at_one_utc_on_the_last_sundays_of_march_and_october() {
        // 2026: 29 March and 25 October.
        assert_eq!(local("2026-03-29T00:59:00Z"), (2026, 3, 29, 1, 59));
        assert_eq!(local("2026-03-29T01:00:00Z"), (2026, 3, 29, 3, 0));
        assert_eq!(local("2026-10-25T00:59:00Z"), (2026, 10, 25, 2, 59));
        assert_eq!(local("2026-10-25T01:00:00Z"), (2026, 10, 25, 2, 0));
        // 2027: 28 March and 31 October (the 31st itself a Sunday).
        assert_eq!(local("2027-03-28T01:00:00Z"), (2027, 3, 28, 3, 0));
        assert_eq!(local("2027-10-31T00:30:00Z"), (2027, 10, 31, 2, 30));
        assert_eq!(local("2027-10-31T01:30:00Z"), (2027, 10, 31, 2, 30));
    }

    #[test]
    fn late_evening_utc_is_the_next_day_and_year_in_stockholm() {
        assert_eq!(local("2026-12-31T23:30:00Z"), (2027, 1, 1, 0, 30));
        assert_eq!(local("2028-02-28T23:00:00Z"), (2028, 2, 29, 0, 0));
    }

    #[test]
    fn what_is_not_a_timestamp_is_shown_as_it_is() {
        for odd in ["", "2026-12-03", "2026-12-03T25:00:00Z", "igår", "2026-13-01T10:00:00Z"] {
            assert_eq!(LocalTime::from_utc(odd), None, "{odd}");
            assert_eq!(human(odd, &I18n::new(Locale::Sv)), odd);
        }
    }

    #[test]
    fn a_time_reads_in_the_words_of_each_language() {
        // Without `all-locales` only Swedish is compiled in: English is given its words here
        // rather than relying on another test having done so first. (Finnish is left unloaded:
        // i18n's test of loading needs it so; the loop below holds with Swedish words too.)
        Locale::En.load(include_str!("../locales/en.ftl").to_string());
        let t = "2026-12-03T14:17:42Z";
        assert_eq!(human(t, &I18n::new(Locale::Sv)), "3 dec. 2026 kl. 15:17");
        assert_eq!(human(t, &I18n::new(Locale::En)), "3 Dec 2026, 15:17");
        for locale in Locale::ALL {
            let shown = human("2026-05-09T08:05:00Z", &I18n::new(locale));
            assert!(shown.contains("10:05") && shown.contains("2026"), "{locale:?}: {shown}");
            assert!(!shown.contains("month-short"), "{locale:?}: {shown}");
        }
    }

    #[test]
    fn a_dialogue_s_local_times_read_as_people_say_them() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(human_span("2026-12-01T18:00", "2026-12-01T19:30", &sv), "1 dec. 2026 kl. 18:00–19:30");
        assert_eq!(
            human_span("2026-12-01T18:00", "2026-12-02T01:00", &sv),
            "1 dec. 2026 kl. 18:00 – 2 dec. 2026 kl. 01:00"
        );
        // Local already: no shift to or from UTC.
        assert_eq!(human_local("2026-07-01T18:00", &sv), "1 juli 2026 kl. 18:00");
        assert_eq!(human_local("i morgon", &sv), "i morgon");
    }

    #[test]
    fn months_and_days_read_as_people_say_them() {
        let (sv, en) = (I18n::new(Locale::Sv), I18n::new(Locale::En));
        assert_eq!(human_month("2026-11", &sv), "nov. 2026");
        assert_eq!(human_month("2026-11", &en), "Nov 2026");
        assert_eq!(human_month("2026-13", &sv), "2026-13");
        assert_eq!(human_day("2026-12-04", &sv), "4 dec. 2026");
        assert_eq!(human_day("2026-12-04", &en), "4 Dec 2026");
        assert_eq!(human_day("snart", &sv), "snart");
    }
}
