//! A unit's queue: its open reports, those past their target time to fix first (the longest
//! past it first), then the others oldest first, so that the report that has waited longest
//! for what was promised is on top.

use serde::{Deserialize, Serialize};

use crate::calendar::utc_minutes;
use crate::report::ReportStatus;
use crate::unit::Unit;

/// The most reports a queue shows; the total says how many more are open.
pub const QUEUE_LIMIT: u32 = 500;

/// An open report as the queue reads it from the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OpenReport {
    pub case_number: String,
    pub category: String,
    pub status: ReportStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub created_at: String,
    /// Who handles it (free text), or empty.
    #[serde(default)]
    pub assignee: String,
}

/// A report in the queue: how long it has been open, against its target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueuedReport {
    #[serde(flatten)]
    pub report: OpenReport,
    /// Whole hours since it arrived.
    pub age_hours: u32,
    /// The unit's target for its category, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_hours: Option<u32>,
    pub overdue: bool,
}

/// A unit's queue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnitQueue {
    pub unit: Unit,
    /// All the unit's open reports, also those beyond the ones listed.
    pub total: u32,
    /// How many of those listed are past their target.
    pub overdue: u32,
    pub reports: Vec<QueuedReport>,
}

impl UnitQueue {
    /// The queue of `unit` at `now` (a UTC timestamp) from its open reports (the oldest
    /// [`QUEUE_LIMIT`] of `total`).
    pub fn of(unit: Unit, open: Vec<OpenReport>, total: u32, now: &str) -> UnitQueue {
        let now = utc_minutes(now).unwrap_or(0);
        let mut reports: Vec<QueuedReport> = open
            .into_iter()
            .map(|report| {
                let arrived = utc_minutes(&report.created_at).unwrap_or(now);
                let age_hours = u32::try_from((now - arrived).max(0) / 60).unwrap_or(u32::MAX);
                let target_hours = unit.target_hours(&report.category);
                let overdue = target_hours.is_some_and(|target| age_hours >= target);
                QueuedReport { report, age_hours, target_hours, overdue }
            })
            .collect();
        // Overdue first, by how far past the target; then by age, oldest first.
        let past_target =
            |r: &QueuedReport| r.target_hours.map_or(0, |t| i64::from(r.age_hours) - i64::from(t));
        reports.sort_by(|a, b| {
            b.overdue
                .cmp(&a.overdue)
                .then_with(|| past_target(b).cmp(&past_target(a)))
                .then_with(|| b.age_hours.cmp(&a.age_hours))
                .then_with(|| a.report.case_number.cmp(&b.report.case_number))
        });
        let overdue = reports.iter().filter(|r| r.overdue).count() as u32;
        UnitQueue { unit, total, overdue, reports }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::unit::UnitDraft;

    fn street() -> Unit {
        Unit {
            id: 1,
            draft: UnitDraft {
                name: "Gatu- och parkenheten".into(),
                email: "gata@kommun.se".into(),
                categories: vec!["graffiti".into(), "littering".into(), "dark-spot".into()],
                areas: vec![],
                targets: BTreeMap::from([("graffiti".into(), 48), ("littering".into(), 24)]),
            },
        }
    }

    fn open(case: &str, category: &str, created_at: &str) -> OpenReport {
        OpenReport {
            case_number: case.into(),
            category: category.into(),
            status: ReportStatus::New,
            area: None,
            created_at: created_at.into(),
            assignee: String::new(),
        }
    }

    #[test]
    fn overdue_reports_come_first_the_longest_past_target_first_then_the_oldest() {
        let now = "2026-12-10T12:00:00.000Z";
        let queue = UnitQueue::of(
            street(),
            vec![
                open("2026-0001", "dark-spot", "2026-11-01T12:00:00.000Z"), // 936 h, no target
                open("2026-0002", "graffiti", "2026-12-08T11:00:00.000Z"),  // 49 h of 48: 1 h past
                open("2026-0003", "littering", "2026-12-08T12:00:00.000Z"), // 48 h of 24: 24 h past
                open("2026-0004", "graffiti", "2026-12-09T12:00:00.000Z"),  // 24 h of 48
                open("2026-0005", "graffiti", "2026-12-08T12:00:00.000Z"),  // exactly 48 h: due now
            ],
            7,
            now,
        );
        let order: Vec<&str> = queue.reports.iter().map(|r| r.report.case_number.as_str()).collect();
        assert_eq!(order, ["2026-0003", "2026-0002", "2026-0005", "2026-0001", "2026-0004"]);
        assert_eq!(queue.overdue, 3);
        assert_eq!(queue.total, 7, "the count of all open reports is kept");
        let first = &queue.reports[0];
        assert_eq!((first.age_hours, first.target_hours, first.overdue), (48, Some(24), true));
        let untargeted = &queue.reports[3];
        assert_eq!((untargeted.age_hours, untargeted.target_hours, untargeted.overdue), (936, None, false));
    }

    #[test]
    fn an_empty_queue_is_empty() {
        let queue = UnitQueue::of(street(), vec![], 0, "2026-12-10T12:00:00.000Z");
        assert_eq!((queue.total, queue.overdue, queue.reports.len()), (0, 0, 0));
    }
}
