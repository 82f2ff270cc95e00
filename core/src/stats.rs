//! The lägesbild: counts of reports by category, area, time of day, week, month and status,
//! hot spots on a grid, and per-area compilations such as every dark spot in each district.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::calendar;
use crate::geo::{area_of, Area, LatLng};
use crate::public_map::{cell_centre, cell_of};
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
    /// The place most of its reports were named by when they arrived ("Storgatan, Centrum").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
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

/// Hot spots are counted on the public map's grid at this level: cells of about 300 m in
/// Sweden (see [`crate::public_map`]), which every report's row already names.
pub const HOTSPOT_LEVEL: u8 = 16;
pub const MAX_HOTSPOTS: usize = 50;
/// The key of reports that name no time of day, as [`Tally::by_time_of_day`] has it.
const NO_TIME: &str = "";

/// What the lägesbild is made of: how many of the filtered reports fall under each key of each
/// dimension. The edge counts these in SQL (`GROUP BY`), so no report is loaded to be counted;
/// [`Tally::of`] counts the same here, for the tests.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub by_category: Vec<Count>,
    /// By stored area id ([`OUTSIDE_AREAS`] outside them all).
    pub by_area: Vec<Count>,
    pub by_status: Vec<Count>,
    pub by_reporter_group: Vec<Count>,
    /// By day of `created_at` (`YYYY-MM-DD`, UTC as weeks and months are counted).
    pub by_day: Vec<Count>,
    /// A report counts once for each time of day it names, under "" when it names none.
    pub by_time_of_day: Vec<Count>,
    /// The [`MAX_HOTSPOTS`] busiest cells at [`HOTSPOT_LEVEL`] as (column, row, count).
    pub hot_cells: Vec<(u32, u32, u32)>,
    /// Of the hot cells' reports, how many were named by each place: (column, row, place, count).
    pub hot_places: Vec<(u32, u32, String, u32)>,
}

impl Tally {
    /// The tally of `reports`, counted one by one.
    pub fn of(reports: &[ModeratedReport], areas: &[Area]) -> Self {
        fn count<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<Count> {
            let mut counts = BTreeMap::<&str, u32>::new();
            keys.for_each(|key| *counts.entry(key).or_default() += 1);
            counts.into_iter().map(|(key, count)| Count { key: key.to_string(), count }).collect()
        }
        let mut cells = BTreeMap::<(u32, u32), u32>::new();
        for r in reports {
            *cells.entry(cell_of(LatLng::new(r.lat, r.lng), HOTSPOT_LEVEL)).or_default() += 1;
        }
        let mut hot_cells: Vec<_> = cells.into_iter().map(|((x, y), n)| (x, y, n)).collect();
        hot_cells.sort_by(|a, b| b.2.cmp(&a.2).then(a.1.cmp(&b.1)).then(a.0.cmp(&b.0)));
        hot_cells.truncate(MAX_HOTSPOTS);
        let mut places = BTreeMap::<(u32, u32, &str), u32>::new();
        for r in reports {
            let (x, y) = cell_of(LatLng::new(r.lat, r.lng), HOTSPOT_LEVEL);
            if let Some(place) = r.place.as_deref().filter(|_| hot_cells.iter().any(|c| (c.0, c.1) == (x, y)))
            {
                *places.entry((x, y, place)).or_default() += 1;
            }
        }
        let hot_places = places.into_iter().map(|((x, y, place), n)| (x, y, place.to_string(), n)).collect();
        Self {
            by_category: count(reports.iter().map(|r| r.review.category.as_str())),
            by_area: count(reports.iter().map(|r| area_key(areas, LatLng::new(r.lat, r.lng)))),
            by_status: count(reports.iter().map(|r| r.review.status.id())),
            by_reporter_group: count(reports.iter().map(|r| r.reporter_group.id())),
            by_day: count(reports.iter().filter_map(|r| r.created_at.get(..10))),
            by_time_of_day: count(reports.iter().flat_map(|r| match r.times.is_empty() {
                true => vec![NO_TIME],
                false => r.times.iter().map(|t| t.id()).collect(),
            })),
            hot_cells,
            hot_places,
        }
    }

    /// The lägesbild of the tally: every configured category, area, status and reporter group
    /// in order with zeros included, then any others counted; weeks and months; hot spots.
    pub fn dashboard(&self, areas: &[Area], categories: &[String]) -> Dashboard {
        let area_keys = areas.iter().map(|a| a.id.as_str()).chain([OUTSIDE_AREAS]);
        let time_keys = TimeOfDay::ALL.iter().map(|t| t.id()).chain([NO_TIME]);
        let mut by_time_of_day = in_order(time_keys, &self.by_time_of_day);
        for count in &mut by_time_of_day {
            if count.key == NO_TIME {
                count.key = "unspecified".into();
            }
        }
        let mut hotspots: Vec<HotSpot> = self
            .hot_cells
            .iter()
            .map(|&(x, y, count)| {
                let centre = cell_centre(x, y, HOTSPOT_LEVEL);
                HotSpot { lat: centre.lat, lng: centre.lng, count, place: self.most_named(x, y) }
            })
            .collect();
        hotspots.sort_by(|a, b| {
            b.count.cmp(&a.count).then(a.lat.total_cmp(&b.lat)).then(a.lng.total_cmp(&b.lng))
        });
        hotspots.truncate(MAX_HOTSPOTS);
        Dashboard {
            total: self.by_status.iter().map(|c| c.count).sum(),
            by_category: in_order(categories.iter().map(String::as_str), &self.by_category),
            by_area: in_order(area_keys, &self.by_area),
            by_time_of_day,
            by_week: by_period(&self.by_day, calendar::iso_week),
            by_month: by_period(&self.by_day, calendar::month),
            by_status: in_order(ReportStatus::ALL.iter().map(|s| s.id()), &self.by_status),
            by_reporter_group: in_order(ReporterGroup::ALL.iter().map(|g| g.id()), &self.by_reporter_group),
            hotspots,
        }
    }
}

impl Tally {
    /// The place most reports of cell (`x`, `y`) were named by (the first by name on a tie).
    fn most_named(&self, x: u32, y: u32) -> Option<String> {
        self.hot_places
            .iter()
            .filter(|(px, py, _, _)| (*px, *py) == (x, y))
            .max_by(|a, b| a.3.cmp(&b.3).then(b.2.cmp(&a.2)))
            .map(|(_, _, place, _)| place.clone())
    }
}

/// `counts` under every key of `keys` in their order (zeros included), then any other key counted.
fn in_order<'a>(keys: impl IntoIterator<Item = &'a str>, counts: &[Count]) -> Vec<Count> {
    let mut ordered: Vec<Count> = keys.into_iter().map(|k| Count { key: k.to_string(), count: 0 }).collect();
    for c in counts {
        match ordered.iter_mut().find(|o| o.key == c.key) {
            Some(o) => o.count += c.count,
            None => ordered.push(c.clone()),
        }
    }
    ordered
}

/// Counts per day summed into the period (week, month) each day falls in, in order.
fn by_period(days: &[Count], period: fn(&str) -> Option<String>) -> Vec<Count> {
    let mut counts = BTreeMap::<String, u32>::new();
    for day in days {
        if let Some(p) = period(&day.key) {
            *counts.entry(p).or_default() += day.count;
        }
    }
    counts.into_iter().map(|(key, count)| Count { key, count }).collect()
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
    /// How fast reports were answered and fixed, and the open backlog by age.
    #[serde(default)]
    pub time_to_fix: crate::time_to_fix::TimeToFix,
    /// The units, for their names in [`crate::time_to_fix::TimeToFix::by_unit`].
    #[serde(default)]
    pub units: Vec<crate::unit::UnitName>,
    /// The measures (in the filter's area and unit, if it names them) by status.
    #[serde(default)]
    pub measures: Vec<Count>,
    /// The most recently done measures with a place or an area: reports before and after.
    #[serde(default)]
    pub measure_effects: Vec<crate::measure_effect::MeasureEffect>,
    /// Whether reports turned down as no case (duplicates, off topic, outside) are counted.
    #[serde(default)]
    pub rejected_included: bool,
    /// The dark spots safety walks of the period found, by area, each with its walk and point.
    #[serde(default)]
    pub walk_dark_spots: Vec<crate::walk_dark_spots::AreaWalkSpots>,
}

/// The most case numbers one area's compilation lists: its newest (the lägesbild of years of
/// reports would otherwise carry every case number of the category; the review list, filtered
/// by the category and the area, pages through them all).
pub const MAX_COMPILED_CASES: u32 = 100;

/// One area's reports of one category: what a safety walk's compilation lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaCompilation {
    /// The area's id, or "-" for reports outside every area.
    pub area: String,
    /// How many reports of the category the area has under the filter.
    #[serde(default)]
    pub total: u32,
    /// The newest [`MAX_COMPILED_CASES`] of them, oldest first.
    pub cases: Vec<String>,
}

impl AreaCompilation {
    /// How many of the area's cases are not listed (the earlier ones).
    pub fn not_listed(&self) -> u32 {
        self.total.saturating_sub(self.cases.len() as u32)
    }
}

/// The cases of one category grouped by area (configuration order, then outside), each group
/// in the order `cases` lists them: `(area key, case number, the area's total)`, oldest first
/// as the store reads them.
pub fn compile_by_area(
    areas: &[Area],
    cases: impl IntoIterator<Item = (String, String, u32)>,
) -> Vec<AreaCompilation> {
    let mut groups: Vec<AreaCompilation> = areas
        .iter()
        .map(|a| a.id.as_str())
        .chain([OUTSIDE_AREAS])
        .map(|area| AreaCompilation { area: area.to_string(), total: 0, cases: Vec::new() })
        .collect();
    for (area, case, total) in cases {
        if let Some(group) = groups.iter_mut().find(|g| g.area == area) {
            group.cases.push(case);
            group.total = total;
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
            place: None,
            case_number: format!("2026-{n:04}"),
            lat,
            lng,
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
                unit: None,
                category: category.into(),
                original_category: None,
                assignee: String::new(),
                event_at: None,
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
        let d = Tally::of(&fixture(), &areas()).dashboard(&areas(), &categories);
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
        let d = Tally::of(&fixture(), &areas()).dashboard(&areas(), &[]);
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
                // West of 12.810, where a column of the grid begins: in report 2's cell.
                12.8099,
                "drugs",
                &[],
                "2026-11-22",
                ReportStatus::New,
            ));
        }
        let d = Tally::of(&reports, &areas()).dashboard(&areas(), &[]);
        assert_eq!(d.hotspots[0].count, 5, "report 2 and the four beside it");
        assert!(
            crate::geo::distance_m(
                LatLng::new(d.hotspots[0].lat, d.hotspots[0].lng),
                LatLng::new(58.030, 12.810)
            ) < 230.0,
            "within half a cell's diagonal (about 300 m cells)"
        );
        assert_eq!(d.hotspots.iter().map(|h| h.count).sum::<u32>(), 11);
    }

    #[test]
    fn a_hot_spot_is_named_by_most_of_its_reports() {
        let mut reports = fixture();
        for (n, place) in [(10, "Storgatan, Centrum"), (11, "Storgatan, Centrum"), (12, "Ågatan, Centrum")] {
            let mut named = report(
                n,
                58.0301 + f64::from(n) * 1e-5,
                12.8099,
                "drugs",
                &[],
                "2026-11-22",
                ReportStatus::New,
            );
            named.place = Some(place.into());
            reports.push(named);
        }
        let d = Tally::of(&reports, &areas()).dashboard(&areas(), &[]);
        assert_eq!(d.hotspots[0].count, 4);
        assert_eq!(d.hotspots[0].place.as_deref(), Some("Storgatan, Centrum"));
        assert!(d.hotspots[1..].iter().all(|h| h.place.is_none()), "unnamed reports name no hot spot");
    }

    #[test]
    fn dark_spots_compiled_per_area() {
        let mut dark: Vec<ModeratedReport> =
            fixture().into_iter().filter(|r| r.review.category == "dark-spot").collect();
        dark.sort_by(|a, b| a.created_at.cmp(&b.created_at));
        let cases = dark
            .iter()
            .map(|r| (area_key(&areas(), LatLng::new(r.lat, r.lng)).to_string(), r.case_number.clone()));
        // As the store reads them: only the newest listed of "-", which has three in all.
        let cases = cases.map(|(area, case)| {
            let total = if area == OUTSIDE_AREAS { 3 } else { 1 };
            (area, case, total)
        });
        let compiled = compile_by_area(&areas(), cases);
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
        let outside = compiled.iter().find(|g| g.area == OUTSIDE_AREAS).unwrap();
        assert_eq!((outside.total, outside.not_listed()), (3, 1), "one earlier case not listed");
        assert_eq!(compiled[0].not_listed(), 0);
        let at = |r: &ModeratedReport| LatLng::new(r.lat, r.lng);
        assert_eq!(area_key(&areas(), at(&fixture()[2])), "centrum");
        assert_eq!(area_key(&areas(), at(&fixture()[3])), OUTSIDE_AREAS);
    }
}
