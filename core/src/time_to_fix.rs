//! How fast the municipality answers and fixes reports: per category and per unit, the median
//! and 90th percentile of the hours to a first response and to fixed, and the share fixed within
//! the unit's target; and the open backlog by age. The edge counts reports per whole hour in SQL
//! (a histogram, however many reports there are); the numbers are read from it here.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::I18n;
use crate::questionnaire::Count;
use crate::stats::OUTSIDE_AREAS;
use crate::unit::Unit;

/// What a histogram row's hours measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Clock {
    /// From arrival to the first moderator action.
    Response,
    /// From arrival to the status "åtgärdad".
    Fix,
    /// From arrival to now, for a report still open.
    Open,
}

impl Clock {
    pub fn id(self) -> &'static str {
        match self {
            Self::Response => "response",
            Self::Fix => "fix",
            Self::Open => "open",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [Self::Response, Self::Fix, Self::Open].into_iter().find(|c| c.id() == id)
    }
}

/// One row of the edge's histogram: how many reports of `category` routed to `unit` took
/// `hours` whole hours on `clock`.
#[derive(Debug, Clone, PartialEq)]
pub struct HoursCount {
    pub category: String,
    pub unit: Option<i64>,
    pub clock: Clock,
    pub hours: u32,
    pub count: u32,
}

/// Reports counted by whole hours.
#[derive(Debug, Clone, Default, PartialEq)]
struct Hours(BTreeMap<u32, u32>);

impl Hours {
    fn add(&mut self, hours: u32, count: u32) {
        *self.0.entry(hours).or_default() += count;
    }

    fn total(&self) -> u32 {
        self.0.values().sum()
    }

    /// The nearest-rank percentile (`share` of 1): the least hours at which at least that share
    /// of the reports are counted. None without reports.
    fn percentile(&self, share: f64) -> Option<u32> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let rank = ((share * f64::from(total)).ceil() as u32).clamp(1, total);
        let mut seen = 0;
        self.0.iter().find_map(|(&hours, &count)| {
            seen += count;
            (seen >= rank).then_some(hours)
        })
    }

    fn spread(&self) -> Spread {
        Spread { count: self.total(), median_hours: self.percentile(0.5), p90_hours: self.percentile(0.9) }
    }
}

/// How many reports a clock measured and how long it took.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Spread {
    pub count: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_hours: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p90_hours: Option<u32>,
}

/// The handling of one category's or one unit's reports.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Handling {
    /// The category id, or the unit id ("-": not routed to a unit).
    pub key: String,
    pub first_response: Spread,
    pub fixed: Spread,
    /// Reports with a target (their unit has one for their category) that are fixed, or still
    /// open past it: each is either within its target or not.
    pub with_target: u32,
    /// Of those, the ones fixed in less than their target.
    pub within_target: u32,
    pub open: u32,
    /// Open reports past their target.
    pub overdue: u32,
}

impl Handling {
    /// The share fixed within target, in whole percent; None when no report has a target.
    pub fn within_target_percent(&self) -> Option<u32> {
        (self.with_target > 0).then(|| (self.within_target * 100 + self.with_target / 2) / self.with_target)
    }
}

/// Hours as people say them: hours under two days, then whole days ("5 h", "3 dygn").
pub fn human_hours(hours: u32, i18n: &I18n) -> String {
    if hours < 48 {
        i18n.t_with("console-age-hours", &[("hours", &hours.to_string())])
    } else {
        i18n.t_with("console-age-days", &[("days", &(hours / 24).to_string())])
    }
}

/// The open backlog's age groups, as [`TimeToFix::backlog`] keys them: up to the hour each ends.
pub const BACKLOG_AGES: [(&str, u32); 5] =
    [("day", 24), ("week", 24 * 7), ("month", 24 * 30), ("quarter", 24 * 91), ("older", u32::MAX)];

/// Below this many hours a clock counts by the hour; from it, by the day, or by the greatest
/// target reached if that is more ([`counted_hours`]). The histogram the edge counts then has a
/// row per day of a category and unit instead of one per hour (75 000 rows for 100 000 open
/// reports of five categories over three years, which the lägesbild spent most of its time
/// reading), and every number read from it comes out as with whole hours: [`human_hours`] says
/// days from here on, the backlog's age groups end on whole days, and a target is reached in the
/// same step as by the hour.
pub const HOURLY_UNTIL: u32 = 48;

/// The step `hours` is counted in, given the units' `targets` (hours): the rule of
/// [`HOURLY_UNTIL`], which the edge's SQL follows.
pub fn counted_hours(hours: u32, targets: &[u32]) -> u32 {
    if hours < HOURLY_UNTIL {
        return hours;
    }
    let reached = targets.iter().copied().filter(|&target| target <= hours).max().unwrap_or(0);
    (hours - hours % 24).max(reached)
}

/// From this many hours on, [`counted_hours`] is whole days whatever the hour within the day
/// (past [`HOURLY_UNTIL`] and the day of every target that falls within a day), so that what
/// waited longer can be counted per day it arrived on, without the hour of each.
pub fn by_whole_days_from(targets: &[u32]) -> u32 {
    let within_a_day = targets.iter().copied().filter(|t| t % 24 != 0).max().unwrap_or(0);
    HOURLY_UNTIL.max(within_a_day.div_ceil(24) * 24)
}

/// Every target time any of `units` has, for [`counted_hours`].
pub fn targets_of(units: &[Unit]) -> Vec<u32> {
    let mut targets: Vec<u32> = units.iter().flat_map(|u| u.draft.targets.values().copied()).collect();
    targets.sort_unstable();
    targets.dedup();
    targets
}

/// The follow-up of the reports a filter selects.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TimeToFix {
    /// Every offered category in the municipality's order, then any other counted.
    pub by_category: Vec<Handling>,
    /// Every unit in their order, then the reports not routed ("-") if there are any.
    pub by_unit: Vec<Handling>,
    /// The open reports by age ([`BACKLOG_AGES`]), zeros included.
    pub backlog: Vec<Count>,
}

/// One group's histograms while they are summed.
#[derive(Default)]
struct Group {
    response: Hours,
    fix: Hours,
    open: Hours,
    with_target: u32,
    within_target: u32,
    overdue: u32,
}

impl Group {
    fn handling(&self, key: &str) -> Handling {
        Handling {
            key: key.to_string(),
            first_response: self.response.spread(),
            fixed: self.fix.spread(),
            with_target: self.with_target,
            within_target: self.within_target,
            open: self.open.total(),
            overdue: self.overdue,
        }
    }
}

impl TimeToFix {
    /// The numbers of the histogram `rows`, with the targets of `units` (a report counts against
    /// the target its unit has for its category; without a unit or a target, against none).
    pub fn of(rows: &[HoursCount], units: &[Unit], categories: &[String]) -> TimeToFix {
        let mut by_category: BTreeMap<&str, Group> = BTreeMap::new();
        let mut by_unit: BTreeMap<Option<i64>, Group> = BTreeMap::new();
        for row in rows {
            let target = row
                .unit
                .and_then(|id| units.iter().find(|u| u.id == id))
                .and_then(|u| u.target_hours(&row.category));
            for group in [by_category.entry(&row.category).or_default(), by_unit.entry(row.unit).or_default()]
            {
                let hours = match row.clock {
                    Clock::Response => &mut group.response,
                    Clock::Fix => &mut group.fix,
                    Clock::Open => &mut group.open,
                };
                hours.add(row.hours, row.count);
                let Some(target) = target else { continue };
                match row.clock {
                    Clock::Response => {}
                    Clock::Fix => {
                        group.with_target += row.count;
                        group.within_target += if row.hours < target { row.count } else { 0 };
                    }
                    Clock::Open if row.hours >= target => {
                        group.with_target += row.count;
                        group.overdue += row.count;
                    }
                    Clock::Open => {}
                }
            }
        }
        let mut categories_listed: Vec<Handling> = categories
            .iter()
            .map(|c| {
                by_category.get(c.as_str()).map_or_else(|| Group::default().handling(c), |g| g.handling(c))
            })
            .collect();
        for (key, group) in &by_category {
            if !categories.iter().any(|c| c == key) {
                categories_listed.push(group.handling(key));
            }
        }
        let mut units_listed: Vec<Handling> = units
            .iter()
            .map(|u| {
                let key = u.id.to_string();
                by_unit.get(&Some(u.id)).map_or_else(|| Group::default().handling(&key), |g| g.handling(&key))
            })
            .collect();
        if let Some(unrouted) = by_unit.get(&None) {
            units_listed.push(unrouted.handling(OUTSIDE_AREAS));
        }
        let mut open = Hours::default();
        for row in rows.iter().filter(|r| r.clock == Clock::Open) {
            open.add(row.hours, row.count);
        }
        let mut from = 0;
        let backlog = BACKLOG_AGES
            .iter()
            .map(|&(key, until)| {
                let count = open.0.range(from..until).map(|(_, n)| n).sum();
                from = until;
                Count { key: key.to_string(), count }
            })
            .collect();
        TimeToFix { by_category: categories_listed, by_unit: units_listed, backlog }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::unit::UnitDraft;

    #[test]
    fn hours_counted_by_the_day_say_and_compare_as_whole_hours() {
        let i18n = I18n::new(crate::i18n::Locale::Sv);
        let targets = [4, 48, 60, 100, 24 * 7, 24 * 30 + 5];
        for hours in 0..24 * 100 {
            let counted = counted_hours(hours, &targets);
            assert!(counted <= hours, "{hours}: never more than it was");
            assert_eq!(human_hours(counted, &i18n), human_hours(hours, &i18n), "{hours}: said alike");
            for target in targets.into_iter().chain(BACKLOG_AGES.map(|(_, until)| until)) {
                assert_eq!(counted < target, hours < target, "{hours} against {target}");
            }
        }
        assert_eq!(counted_hours(47, &[]), 47, "by the hour under two days");
        assert_eq!(counted_hours(24 * 40 + 9, &[]), 24 * 40, "then by the day");
        assert_eq!(counted_hours(61, &targets), 60, "or the target reached, if later in the day");
    }

    #[test]
    fn past_the_last_target_hours_count_as_whole_days() {
        for targets in [vec![], vec![4, 60, 100], vec![47, 49, 1000], vec![24, 48, 72], vec![24 * 30 + 5]] {
            let from = by_whole_days_from(&targets);
            assert_eq!(from % 24, 0, "{targets:?}: a whole day");
            for hours in from..from + 24 * 60 {
                assert_eq!(counted_hours(hours, &targets), hours - hours % 24, "{targets:?}, {hours}");
            }
            // The first of its days that is not: the day before, with a target or by the hour.
            let day_before = (from - 24..from).any(|h| counted_hours(h, &targets) != from - 24);
            assert!(day_before, "{targets:?}: {from} is the first whole-day hour");
        }
    }

    fn street() -> Unit {
        Unit {
            id: 7,
            draft: UnitDraft {
                name: "Gatu- och parkenheten".into(),
                email: "gata@kommun.se".into(),
                categories: vec!["graffiti".into()],
                areas: vec![],
                targets: BTreeMap::from([("graffiti".into(), 48)]),
            },
        }
    }

    fn row(category: &str, unit: Option<i64>, clock: Clock, hours: u32, count: u32) -> HoursCount {
        HoursCount { category: category.into(), unit, clock, hours, count }
    }

    #[test]
    fn percentiles_are_nearest_rank_over_the_hour_histogram() {
        let mut hours = Hours::default();
        // Ten reports: 1, 2, 3, … 10 hours.
        (1..=10).for_each(|h| hours.add(h, 1));
        assert_eq!(hours.percentile(0.5), Some(5));
        assert_eq!(hours.percentile(0.9), Some(9));
        assert_eq!(hours.percentile(1.0), Some(10));
        let mut skewed = Hours::default();
        skewed.add(2, 9);
        skewed.add(400, 1);
        assert_eq!(
            (skewed.percentile(0.5), skewed.percentile(0.9)),
            (Some(2), Some(2)),
            "one slow report is the top tenth"
        );
        skewed.add(400, 1);
        assert_eq!(skewed.percentile(0.9), Some(400), "two of eleven are more than a tenth");
        assert_eq!(Hours::default().percentile(0.5), None);
    }

    #[test]
    fn graffiti_fixed_within_48_hours_counts_against_the_units_target() {
        let rows = vec![
            row("graffiti", Some(7), Clock::Fix, 10, 2),
            row("graffiti", Some(7), Clock::Fix, 47, 1), // just inside
            row("graffiti", Some(7), Clock::Fix, 48, 1), // at the target: missed
            row("graffiti", Some(7), Clock::Response, 1, 4),
            row("graffiti", Some(7), Clock::Open, 100, 1), // open past target: missed already
            row("graffiti", Some(7), Clock::Open, 5, 1),   // open within: not yet decided
            row("graffiti", None, Clock::Fix, 3, 1),       // no unit, no target
            row("dark-spot", Some(7), Clock::Fix, 500, 1), // the unit has no target for it
        ];
        let categories = ["dark-spot", "graffiti", "drugs"].map(String::from);
        let t = TimeToFix::of(&rows, &[street()], &categories);
        let graffiti = &t.by_category[1];
        assert_eq!(graffiti.key, "graffiti");
        assert_eq!(graffiti.fixed, Spread { count: 5, median_hours: Some(10), p90_hours: Some(48) });
        assert_eq!(graffiti.first_response, Spread { count: 4, median_hours: Some(1), p90_hours: Some(1) });
        assert_eq!((graffiti.with_target, graffiti.within_target), (5, 3));
        assert_eq!(graffiti.within_target_percent(), Some(60));
        assert_eq!((graffiti.open, graffiti.overdue), (2, 1));
        let dark = &t.by_category[0];
        assert_eq!((dark.fixed.count, dark.with_target, dark.within_target_percent()), (1, 0, None));
        assert_eq!(
            t.by_category[2],
            Handling { key: "drugs".into(), ..Default::default() },
            "zeros included"
        );

        let keys: Vec<&str> = t.by_unit.iter().map(|h| h.key.as_str()).collect();
        assert_eq!(keys, ["7", "-"], "the unit, then the reports no unit has");
        assert_eq!(
            (t.by_unit[0].fixed.count, t.by_unit[0].with_target, t.by_unit[0].within_target),
            (5, 5, 3)
        );
        assert_eq!(t.by_unit[1].fixed, Spread { count: 1, median_hours: Some(3), p90_hours: Some(3) });
    }

    #[test]
    fn the_backlog_is_grouped_by_age_with_zeros() {
        let rows = vec![
            row("graffiti", Some(7), Clock::Open, 0, 2),
            row("graffiti", Some(7), Clock::Open, 23, 1),
            row("graffiti", None, Clock::Open, 24, 1), // a full day: the week's group
            row("littering", None, Clock::Open, 24 * 40, 3),
            row("littering", None, Clock::Fix, 24 * 400, 9), // fixed: not in the backlog
        ];
        let t = TimeToFix::of(&rows, &[street()], &[]);
        let backlog: Vec<(&str, u32)> = t.backlog.iter().map(|c| (c.key.as_str(), c.count)).collect();
        assert_eq!(backlog, [("day", 3), ("week", 1), ("month", 0), ("quarter", 3), ("older", 0)]);
        assert_eq!(
            t.by_category.iter().map(|h| h.key.as_str()).collect::<Vec<_>>(),
            ["graffiti", "littering"],
            "categories no longer offered are still counted"
        );
    }

    #[test]
    fn clock_ids_round_trip() {
        for clock in [Clock::Response, Clock::Fix, Clock::Open] {
            assert_eq!(Clock::from_id(clock.id()), Some(clock));
        }
    }
}
