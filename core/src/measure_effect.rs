//! What followed a measure: the reports in its area, or around its place, for as long after it
//! was done as it has been done (at most a year), against the same length of time before it was
//! begun. Reports while the work went on are neither. A count, not a proof: a municipality reads it
//! with what else changed.

use serde::{Deserialize, Serialize};

use crate::calendar::{civil_from_days, days_from_civil, parse_day};
use crate::geo::{distance_m, LatLng};
use crate::measure::{Measure, MeasureStatus};
use crate::questionnaire::Count;
use crate::review::{ReportFilter, UnitFilter};

/// "Around its place": reports this near a measure's place count for it.
pub const AROUND_METRES: f64 = 250.0;
/// The longest time counted on each side.
pub const LONGEST_DAYS: i64 = 365;
/// The most done measures the lägesbild follows up (the most recently done).
pub const MEASURES_FOLLOWED: usize = 10;

/// The two periods a done measure is compared over: `[from, to)` days (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Windows {
    pub before: (String, String),
    pub after: (String, String),
    pub days: i64,
}

/// Where the reports counted for a measure are.
#[derive(Debug, Clone, PartialEq)]
pub enum Around {
    Area(String),
    Place(LatLng),
}

impl Around {
    pub fn of(measure: &Measure) -> Option<Around> {
        match (&measure.draft.place, &measure.draft.area) {
            (Some(place), _) => Some(Around::Place(*place)),
            (None, Some(area)) => Some(Around::Area(area.clone())),
            (None, None) => None,
        }
    }

    /// Whether a report at `point` (already within the area or the place's box) counts.
    pub fn counts(&self, point: LatLng) -> bool {
        match self {
            Around::Area(_) => true,
            Around::Place(place) => distance_m(*place, point) <= AROUND_METRES,
        }
    }
}

fn day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_of(date: &str) -> Option<i64> {
    parse_day(date).map(|(y, m, d)| days_from_civil(y, m, d))
}

impl Windows {
    /// The windows of a measure done on `done_on` (begun on `started_on`, if it says) seen on
    /// `today`: none until a whole day has passed since it was done.
    pub fn of(started_on: Option<&str>, done_on: &str, today: &str) -> Option<Windows> {
        let done = days_of(done_on)?;
        let begun = started_on.and_then(days_of).filter(|&s| s <= done).unwrap_or(done);
        let days = (days_of(today)? - done).min(LONGEST_DAYS);
        (days >= 1).then(|| Windows {
            before: (day(begun - days), day(begun)),
            after: (day(done), day(done + days)),
            days,
        })
    }
}

/// A done measure's before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MeasureEffect {
    pub measure: i64,
    pub title: String,
    pub done_on: String,
    /// The length of each period, in days.
    pub days: i64,
    pub before: u32,
    pub after: u32,
}

/// The done measures to follow up, most recently done first, with where and when to count.
pub fn followed(measures: &[&Measure], today: &str) -> Vec<(Measure, Around, Windows)> {
    let mut done: Vec<(Measure, Around, Windows)> = measures
        .iter()
        .filter(|m| m.draft.status == MeasureStatus::Done)
        .filter_map(|m| {
            let around = Around::of(m)?;
            let windows = Windows::of(m.draft.started_on.as_deref(), m.draft.done_on.as_deref()?, today)?;
            Some(((*m).clone(), around, windows))
        })
        .collect();
    done.sort_by(|a, b| b.0.draft.done_on.cmp(&a.0.draft.done_on).then(b.0.id.cmp(&a.0.id)));
    done.truncate(MEASURES_FOLLOWED);
    done
}

impl MeasureEffect {
    /// The effect counted from the reports found near it: `(position, created_at)`.
    pub fn count<'a>(
        measure: &Measure,
        around: &Around,
        windows: &Windows,
        reports: impl IntoIterator<Item = (LatLng, &'a str)>,
    ) -> MeasureEffect {
        let within = |at: &str, (from, to): &(String, String)| at >= from.as_str() && at < to.as_str();
        let (mut before, mut after) = (0, 0);
        for (point, at) in reports {
            if !around.counts(point) {
                continue;
            }
            before += u32::from(within(at, &windows.before));
            after += u32::from(within(at, &windows.after));
        }
        Self::of_counts(measure, windows, before, after)
    }

    /// The effect from counts already made in each window (a measure for a whole area, whose
    /// reports are counted where they are stored rather than read one by one).
    pub fn of_counts(measure: &Measure, windows: &Windows, before: u32, after: u32) -> MeasureEffect {
        MeasureEffect {
            measure: measure.id,
            title: measure.draft.title.clone(),
            done_on: measure.draft.done_on.clone().unwrap_or_default(),
            days: windows.days,
            before,
            after,
        }
    }
}

/// The measures a lägesbild filter reaches: in its area and of its unit, if it names them.
pub fn selected<'a>(measures: &'a [Measure], filter: &ReportFilter) -> Vec<&'a Measure> {
    measures
        .iter()
        .filter(|m| filter.area.as_ref().is_none_or(|area| m.draft.area.as_ref() == Some(area)))
        .filter(|m| match filter.unit {
            Some(UnitFilter::Unit(id)) => m.draft.unit == Some(id),
            Some(UnitFilter::Unrouted) => m.draft.unit.is_none(),
            None => true,
        })
        .collect()
}

/// The measures by status, every status with zeros included.
pub fn by_status<'a>(measures: impl IntoIterator<Item = &'a Measure>) -> Vec<Count> {
    let mut counts: Vec<Count> =
        MeasureStatus::ALL.iter().map(|s| Count { key: s.id().to_string(), count: 0 }).collect();
    for m in measures {
        if let Some(c) = counts.iter_mut().find(|c| c.key == m.draft.status.id()) {
            c.count += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::measure::{MeasureDraft, MeasureKind};

    fn measure(id: i64, status: MeasureStatus, started: Option<&str>, done: Option<&str>) -> Measure {
        Measure {
            id,
            draft: MeasureDraft {
                title: format!("Belysning {id}"),
                kind: MeasureKind::Lighting,
                status,
                area: None,
                place: Some(LatLng::new(58.0337, 12.8083)),
                unit: None,
                planned_on: None,
                started_on: started.map(String::from),
                done_on: done.map(String::from),
                cost_sek: None,
                public_text: String::new(),
                reports: vec![],
            },
        }
    }

    #[test]
    fn the_windows_are_as_long_as_the_time_since_it_was_done_and_skip_the_work() {
        let w = Windows::of(Some("2026-10-01"), "2026-10-11", "2026-11-10").unwrap();
        assert_eq!(w.days, 30);
        assert_eq!(
            w.before,
            ("2026-09-01".to_string(), "2026-10-01".to_string()),
            "ends when the work began"
        );
        assert_eq!(w.after, ("2026-10-11".to_string(), "2026-11-10".to_string()));
        let year = Windows::of(None, "2024-03-01", "2026-12-04").unwrap();
        assert_eq!(
            (year.days, year.before.0.as_str(), year.after.1.as_str()),
            (365, "2023-03-02", "2025-03-01")
        );
        assert_eq!(Windows::of(None, "2026-12-04", "2026-12-04"), None, "too soon to tell");
        assert_eq!(
            Windows::of(Some("2026-12-10"), "2026-12-01", "2026-12-03").unwrap().before.1,
            "2026-12-01",
            "a start after the end is ignored"
        );
    }

    #[test]
    fn reports_are_counted_in_each_window_and_around_the_place_only() {
        let m = measure(1, MeasureStatus::Done, None, Some("2026-11-01"));
        let around = Around::of(&m).unwrap();
        let w = Windows::of(None, "2026-11-01", "2026-11-11").unwrap();
        let near = LatLng::new(58.0347, 12.8083); // about 110 m north
        let far = LatLng::new(58.0387, 12.8083); // about 550 m north
        let reports = [
            (near, "2026-10-22T08:00:00.000Z"),
            (near, "2026-10-31T23:59:00.000Z"),
            (near, "2026-10-21T23:59:00.000Z"), // a day too early
            (far, "2026-10-25T12:00:00.000Z"),
            (near, "2026-11-01T00:00:00.000Z"),
            (near, "2026-11-11T00:00:00.000Z"), // today: not yet counted
        ];
        let effect = MeasureEffect::count(&m, &around, &w, reports);
        assert_eq!((effect.before, effect.after, effect.days), (2, 1, 10));
    }

    #[test]
    fn the_most_recently_done_measures_are_followed_and_the_others_counted_by_status() {
        let measures = vec![
            measure(1, MeasureStatus::Done, None, Some("2026-06-01")),
            measure(2, MeasureStatus::Done, None, Some("2026-09-01")),
            measure(3, MeasureStatus::Started, Some("2026-09-01"), None),
            measure(4, MeasureStatus::Done, None, Some("2026-12-04")), // done today
        ];
        let all: Vec<&Measure> = measures.iter().collect();
        let ids: Vec<i64> = followed(&all, "2026-12-04").iter().map(|(m, ..)| m.id).collect();
        assert_eq!(ids, [2, 1]);
        let counted = by_status(&measures);
        let mut in_norr = measures.clone();
        in_norr[0].draft.area = Some("norr".into());
        in_norr[0].draft.unit = Some(3);
        let filter = |area: Option<&str>, unit| ReportFilter {
            area: area.map(String::from),
            unit,
            ..Default::default()
        };
        let ids = |f: ReportFilter| selected(&in_norr, &f).iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(ids(filter(Some("norr"), None)), [1]);
        assert_eq!(ids(filter(None, Some(UnitFilter::Unit(3)))), [1]);
        assert_eq!(ids(filter(None, Some(UnitFilter::Unrouted))), [2, 3, 4]);
        assert_eq!(ids(filter(None, None)), [1, 2, 3, 4]);
        let counts: Vec<(&str, u32)> = counted.iter().map(|c| (c.key.as_str(), c.count)).collect();
        assert_eq!(counts, [("planned", 0), ("started", 1), ("done", 3), ("cancelled", 0)]);
    }
}
