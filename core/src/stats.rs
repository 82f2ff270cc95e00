//! The lägesbild: counts of reports by category, area, time of day, week, month and status,
//! hot spots on a grid, and per-area compilations such as every dark spot in each district.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar;
use crate::geo::{area_of, coarsen, Area, LatLng};
pub use crate::questionnaire::Count;
use crate::report::{ReportStatus, TimeOfDay};
use crate::reporter::ReporterGroup;
use crate::review::ModeratedReport;

/// The key a report outside every configured area is counted (and filtered) under.
pub const OUTSIDE_AREAS: &str = "-";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HotSpot {
    /// Centre of the grid cell.
    pub lat: f64,
    pub lng: f64,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Dashboard {
    pub total: u32,
    /// Every offered category, in the tenant's order, zeros included.
    pub by_category: Vec<Count>,
    /// Every area in configuration order, then reports outside all areas (key "-").
    pub by_area: Vec<Count>,
    /// A report counts once for each time of day it names; "unspecified" when it names none.
    pub by_time_of_day: Vec<Count>,
    /// ISO weeks (`2026-W47`) and months (`2026-11`) that have reports, in order.
    pub by_week: Vec<Count>,
    pub by_month: Vec<Count>,
    pub by_status: Vec<Count>,
    /// Every reporter group, zeros included (residents, staff with the access code, …).
    #[serde(default)]
    pub by_reporter_group: Vec<Count>,
    /// Grid cells of [`HOTSPOT_CELL_METRES`] with the most reports, most first.
    pub hotspots: Vec<HotSpot>,
}

pub const HOTSPOT_CELL_METRES: f64 = 250.0;
pub const MAX_HOTSPOTS: usize = 50;

fn counted<'a>(
    keys: impl IntoIterator<Item = &'a str>,
    values: impl IntoIterator<Item = String>,
) -> Vec<Count> {
    let mut counts: Vec<Count> = keys.into_iter().map(|k| Count { key: k.to_string(), count: 0 }).collect();
    for value in values {
        match counts.iter_mut().find(|c| c.key == value) {
            Some(c) => c.count += 1,
            None => counts.push(Count { key: value, count: 1 }),
        }
    }
    counts
}

fn by_calendar(reports: &[ModeratedReport], period: fn(&str) -> Option<String>) -> Vec<Count> {
    let mut counts = BTreeMap::<String, u32>::new();
    for r in reports {
        if let Some(p) = period(&r.created_at) {
            *counts.entry(p).or_default() += 1;
        }
    }
    counts.into_iter().map(|(key, count)| Count { key, count }).collect()
}

pub fn dashboard(reports: &[ModeratedReport], areas: &[Area], categories: &[String]) -> Dashboard {
    let point = |r: &ModeratedReport| LatLng::new(r.lat, r.lng);
    let area_key = |r: &ModeratedReport| area_key(areas, point(r)).to_string();

    let mut area_keys: Vec<&str> = areas.iter().map(|a| a.id.as_str()).collect();
    area_keys.push(OUTSIDE_AREAS);

    let times = reports.iter().flat_map(|r| {
        if r.times.is_empty() {
            vec!["unspecified".to_string()]
        } else {
            r.times.iter().map(|t| t.id().to_string()).collect()
        }
    });
    let mut time_keys: Vec<&str> = TimeOfDay::ALL.iter().map(|t| t.id()).collect();
    time_keys.push("unspecified");

    let mut cells = BTreeMap::<(i64, i64), HotSpot>::new();
    for r in reports {
        let centre = coarsen(point(r), HOTSPOT_CELL_METRES);
        let key = ((centre.lat * 1e6).round() as i64, (centre.lng * 1e6).round() as i64);
        cells.entry(key).or_insert(HotSpot { lat: centre.lat, lng: centre.lng, count: 0 }).count += 1;
    }
    let mut hotspots: Vec<HotSpot> = cells.into_values().collect();
    hotspots
        .sort_by(|a, b| b.count.cmp(&a.count).then(a.lat.total_cmp(&b.lat)).then(a.lng.total_cmp(&b.lng)));
    hotspots.truncate(MAX_HOTSPOTS);

    Dashboard {
        total: reports.len() as u32,
        by_category: counted(
            categories.iter().map(String::as_str),
            reports.iter().map(|r| r.category.clone()),
        ),
        by_area: counted(area_keys, reports.iter().map(area_key)),
        by_time_of_day: counted(time_keys, times),
        by_week: by_calendar(reports, calendar::iso_week),
        by_month: by_calendar(reports, calendar::month),
        by_status: counted(
            ReportStatus::ALL.iter().map(|s| s.id()),
            reports.iter().map(|r| r.review.status.id().to_string()),
        ),
        by_reporter_group: counted(
            ReporterGroup::ALL.iter().map(|g| g.id()),
            reports.iter().map(|r| r.reporter_group.id().to_string()),
        ),
        hotspots,
    }
}

/// What the console's lägesbild receives: the dashboard, the areas (for their names), and the
/// per-area compilation of one category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DashboardAnswer {
    #[serde(flatten)]
    pub dashboard: Dashboard,
    pub areas: Vec<Area>,
    pub compilation_category: String,
    pub compilation: Vec<AreaCompilation>,
    /// The current questionnaire (for its words) and how its questions were answered.
    pub questionnaire: Vec<crate::questionnaire::Question>,
    pub answers: Vec<crate::questionnaire::AnswerSummary>,
}

/// One area's reports of one category: what a safety walk's compilation lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaCompilation {
    /// The area's id, or "-" for reports outside every area.
    pub area: String,
    pub cases: Vec<String>,
}

/// Reports of `category` grouped by area (configuration order, then outside), oldest first.
pub fn compile_by_area(reports: &[ModeratedReport], areas: &[Area], category: &str) -> Vec<AreaCompilation> {
    let mut groups: Vec<AreaCompilation> = areas
        .iter()
        .map(|a| a.id.as_str())
        .chain([OUTSIDE_AREAS])
        .map(|area| AreaCompilation { area: area.to_string(), cases: Vec::new() })
        .collect();
    let mut matching: Vec<&ModeratedReport> = reports.iter().filter(|r| r.category == category).collect();
    matching.sort_by(|a, b| a.created_at.cmp(&b.created_at).then_with(|| a.case_number.cmp(&b.case_number)));
    for r in matching {
        let key = area_key(areas, LatLng::new(r.lat, r.lng));
        if let Some(group) = groups.iter_mut().find(|g| g.area == key) {
            group.cases.push(r.case_number.clone());
        }
    }
    groups
}

/// The id of the area `point` lies in, or [`OUTSIDE_AREAS`]: a report's area as it is stored
/// and filtered on.
pub fn area_key(areas: &[Area], point: LatLng) -> &str {
    area_of(areas, point).map_or(OUTSIDE_AREAS, |a| a.id.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Polygon;
    use crate::moderation::Visibility;
    use crate::review::ReviewState;

    fn rect(id: &str, south: f64, west: f64, north: f64, east: f64, holes: Vec<Vec<LatLng>>) -> Area {
        let outline = vec![
            LatLng::new(south, west),
            LatLng::new(south, east),
            LatLng::new(north, east),
            LatLng::new(north, west),
        ];
        let rings = std::iter::once(outline).chain(holes).collect();
        Area { id: id.into(), name: id.to_uppercase(), polygons: vec![Polygon { rings }] }
    }

    /// "centrum" (58.00–58.02 N, 12.80–12.82 E) with a park cut out (58.005–58.010, 12.805–12.810),
    /// and "norr" directly north of it, sharing the border at 58.02 N.
    fn areas() -> Vec<Area> {
        let park = vec![
            LatLng::new(58.005, 12.805),
            LatLng::new(58.005, 12.810),
            LatLng::new(58.010, 12.810),
            LatLng::new(58.010, 12.805),
        ];
        vec![
            rect("centrum", 58.00, 12.80, 58.02, 12.82, vec![park]),
            rect("norr", 58.02, 12.80, 58.04, 12.82, vec![]),
        ]
    }

    fn report(
        n: u32,
        lat: f64,
        lng: f64,
        category: &str,
        times: &[TimeOfDay],
        day: &str,
        status: ReportStatus,
    ) -> ModeratedReport {
        ModeratedReport {
            answers: Default::default(),
            reporter_group: Default::default(),
            area: None,
            case_number: format!("2026-{n:04}"),
            lat,
            lng,
            category: category.into(),
            times: times.to_vec(),
            contact_email: None,
            created_at: format!("{day}T12:00:00.000Z"),
            review: ReviewState {
                status,
                visibility: Visibility::Pending,
                rejection_reason: None,
                public_comment: String::new(),
                description: String::new(),
                description_public: false,
                merged_into: None,
                answer_texts: Default::default(),
            },
        }
    }

    fn fixture() -> Vec<ModeratedReport> {
        use ReportStatus::*;
        use TimeOfDay::*;
        vec![
            report(1, 58.010, 12.815, "dark-spot", &[Evening, Night], "2026-11-16", New), // centrum, inside
            report(2, 58.030, 12.810, "dark-spot", &[Night], "2026-11-22", Reviewed),     // norr
            report(3, 58.020, 12.810, "graffiti", &[], "2026-11-23", New), // on the shared border → centrum
            report(4, 58.0075, 12.8075, "dark-spot", &[Evening], "2026-12-31", InProgress), // in the park hole → outside
            report(5, 58.005, 12.8075, "littering", &[Day], "2027-01-01", New), // on the hole's edge → centrum
            report(6, 57.9999999, 12.81, "dark-spot", &[Morning, Day], "2026-10-05", Resolved), // just south of centrum → outside
            report(7, 58.039, 12.819, "graffiti", &[Night], "2026-11-20", Closed), // norr, near its corner
        ]
    }

    fn counts(list: &[Count]) -> Vec<(&str, u32)> {
        list.iter().map(|c| (c.key.as_str(), c.count)).collect()
    }

    #[test]
    fn counts_by_area_category_time_and_status_match_the_hand_count() {
        let categories = ["dark-spot", "graffiti", "littering", "drugs"].map(String::from);
        let d = dashboard(&fixture(), &areas(), &categories);
        assert_eq!(d.total, 7);
        assert_eq!(counts(&d.by_area), vec![("centrum", 3), ("norr", 2), ("-", 2)]);
        assert_eq!(
            counts(&d.by_category),
            vec![("dark-spot", 4), ("graffiti", 2), ("littering", 1), ("drugs", 0)]
        );
        assert_eq!(
            counts(&d.by_time_of_day),
            vec![("morning", 1), ("day", 2), ("evening", 2), ("night", 3), ("unspecified", 1)]
        );
        assert_eq!(
            counts(&d.by_status),
            vec![("new", 3), ("reviewed", 1), ("in_progress", 1), ("resolved", 1), ("closed", 1)]
        );
    }

    #[test]
    fn weeks_and_months_follow_iso_rules_across_new_year() {
        let d = dashboard(&fixture(), &areas(), &[]);
        assert_eq!(
            counts(&d.by_week),
            vec![("2026-W41", 1), ("2026-W47", 3), ("2026-W48", 1), ("2026-W53", 2)]
        );
        assert_eq!(counts(&d.by_month), vec![("2026-10", 1), ("2026-11", 4), ("2026-12", 1), ("2027-01", 1)]);
    }

    #[test]
    fn hot_spots_group_nearby_reports() {
        let mut reports = fixture();
        for n in 10..14 {
            reports.push(report(
                n,
                58.0301 + f64::from(n) * 1e-5,
                12.8101,
                "drugs",
                &[],
                "2026-11-22",
                ReportStatus::New,
            ));
        }
        let d = dashboard(&reports, &areas(), &[]);
        assert_eq!(d.hotspots[0].count, 5, "report 2 and the four beside it");
        assert!(
            crate::geo::distance_m(
                LatLng::new(d.hotspots[0].lat, d.hotspots[0].lng),
                LatLng::new(58.030, 12.810)
            ) < 180.0
        );
        assert_eq!(d.hotspots.iter().map(|h| h.count).sum::<u32>(), 11);
    }

    #[test]
    fn dark_spots_compiled_per_area() {
        let compiled = compile_by_area(&fixture(), &areas(), "dark-spot");
        let got: Vec<(&str, Vec<&str>)> = compiled
            .iter()
            .map(|g| (g.area.as_str(), g.cases.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("centrum", vec!["2026-0001"]),
                ("norr", vec!["2026-0002"]),
                ("-", vec!["2026-0006", "2026-0004"])
            ]
        );
        let at = |r: &ModeratedReport| LatLng::new(r.lat, r.lng);
        assert_eq!(area_key(&areas(), at(&fixture()[2])), "centrum");
        assert_eq!(area_key(&areas(), at(&fixture()[3])), OUTSIDE_AREAS);
    }
}
