//! A safety walk's protocol: the walk's facts, and its kept points grouped by the municipality's
//! areas and, within each, by category with the dark spots first (what a lighting programme
//! compiles area by area). Written as a page, a CSV file and GeoJSON; the published one is shown
//! to residents, with no personal names (points carry none; the organiser is an office or role).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::geo::{area_of, Area};
use crate::i18n::I18n;
use crate::spreadsheet::{Cell, Sheet};
use crate::walk::PublicWalk;
use crate::walk_point::{WalkCategory, WalkPoint};
use crate::walk_review::{ReviewedWalkPoint, WalkPointState};
use crate::LatLng;

/// A kept point as the protocol lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProtocolPoint {
    #[serde(flatten)]
    pub point: WalkPoint,
    /// How many participants marked it (itself and the points merged into it).
    pub marked_by: u32,
    /// The report it became, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

/// A kept point as residents read it in a published protocol: where, what and how unsafe it
/// felt; never the participant's note (which may name people) nor anything that tells phones
/// apart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicPlace {
    pub position: LatLng,
    pub category: WalkCategory,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsafe_level: Option<u8>,
    pub marked_by: u32,
}

/// The points of one category within one area.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct CategorySection<P = ProtocolPoint> {
    pub category: WalkCategory,
    pub points: Vec<P>,
}

/// The points within one of the municipality's areas (or outside them all: `area` empty).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaSection<P = ProtocolPoint> {
    pub area: String,
    pub area_name: String,
    pub dark_spots: u32,
    pub categories: Vec<CategorySection<P>>,
}

/// The protocol as coordinators work with it (`P` = [`ProtocolPoint`]) or as residents read it
/// once published (`P` = [`PublicPlace`], see [`WalkProtocol::for_residents`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WalkProtocol<P = ProtocolPoint> {
    pub walk: PublicWalk,
    /// Kept points (merged ones are counted in `marked_by`; rejected ones are left out).
    pub points: u32,
    pub dark_spots: u32,
    pub areas: Vec<AreaSection<P>>,
}

impl<P> WalkProtocol<P> {
    /// Every kept point with its area, in the protocol's order.
    pub fn rows(&self) -> impl Iterator<Item = (&AreaSection<P>, &P)> {
        self.areas
            .iter()
            .flat_map(|a| a.categories.iter().flat_map(move |c| c.points.iter().map(move |p| (a, p))))
    }
}

impl WalkProtocol {
    /// The protocol of `walk` from all its points, whatever their state; `areas` are the
    /// municipality's, in its order.
    pub fn of(walk: PublicWalk, points: &[ReviewedWalkPoint], areas: &[Area]) -> Self {
        let kept: Vec<&ReviewedWalkPoint> =
            points.iter().filter(|p| p.state == WalkPointState::Kept).collect();
        let marked_by = |id: i64| {
            1 + points
                .iter()
                .filter(|p| p.state == WalkPointState::Merged && p.merged_into == Some(id))
                .count() as u32
        };
        let area_id = |p: &ReviewedWalkPoint| {
            area_of(areas, p.point.position).map(|a| a.id.clone()).unwrap_or_default()
        };
        // The municipality's areas in its order, then points outside them all.
        let mut order: Vec<(String, String)> = areas.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
        order.push((String::new(), String::new()));
        let sections = order
            .into_iter()
            .filter_map(|(area, area_name)| {
                let here: Vec<&&ReviewedWalkPoint> = kept.iter().filter(|p| area_id(p) == area).collect();
                let categories: Vec<CategorySection> = WalkCategory::ALL
                    .into_iter()
                    .filter_map(|category| {
                        let points: Vec<ProtocolPoint> = here
                            .iter()
                            .filter(|p| p.point.category == category)
                            .map(|p| ProtocolPoint {
                                point: p.point.clone(),
                                marked_by: marked_by(p.point.id),
                                report: p.report.clone(),
                            })
                            .collect();
                        (!points.is_empty()).then_some(CategorySection { category, points })
                    })
                    .collect();
                let dark_spots = count(&categories, Some(WalkCategory::DarkSpot));
                (!categories.is_empty()).then_some(AreaSection { area, area_name, dark_spots, categories })
            })
            .collect::<Vec<_>>();
        let dark_spots = sections.iter().map(|s| s.dark_spots).sum();
        WalkProtocol { walk, points: kept.len() as u32, dark_spots, areas: sections }
    }

    /// The protocol as residents read it once published: the places, categories and how unsafe
    /// they felt, without participants' notes (which may mention people), the points' keys and
    /// times, the cases they became, or the organiser's name.
    pub fn for_residents(self) -> WalkProtocol<PublicPlace> {
        let place = |p: ProtocolPoint| PublicPlace {
            position: p.point.position,
            category: p.point.category,
            unsafe_level: p.point.unsafe_level,
            marked_by: p.marked_by,
        };
        let areas = self
            .areas
            .into_iter()
            .map(|area| AreaSection {
                area: area.area,
                area_name: area.area_name,
                dark_spots: area.dark_spots,
                categories: area
                    .categories
                    .into_iter()
                    .map(|c| CategorySection {
                        category: c.category,
                        points: c.points.into_iter().map(place).collect(),
                    })
                    .collect(),
            })
            .collect();
        let walk = PublicWalk { organiser: String::new(), ..self.walk };
        WalkProtocol { walk, points: self.points, dark_spots: self.dark_spots, areas }
    }

    /// The protocol's points as a GeoJSON FeatureCollection (RFC 7946: longitude first), with
    /// the planned route as a LineString when there is one.
    pub fn geojson(&self) -> Value {
        let mut features: Vec<Value> = self
            .rows()
            .map(|(area, p)| {
                json!({
                    "type": "Feature",
                    "id": p.point.id,
                    "geometry": { "type": "Point", "coordinates": [p.point.position.lng, p.point.position.lat] },
                    "properties": {
                        "walk": self.walk.id,
                        "area": area.area_name,
                        "category": p.point.category.id(),
                        "note": p.point.note,
                        "unsafe_level": p.point.unsafe_level,
                        "marked_by": p.marked_by,
                        "logged_at": p.point.logged_at,
                        "report": p.report,
                    }
                })
            })
            .collect();
        if self.walk.route.len() > 1 {
            let line: Vec<[f64; 2]> = self.walk.route.iter().map(|p| [p.lng, p.lat]).collect();
            features.push(json!({
                "type": "Feature",
                "geometry": { "type": "LineString", "coordinates": line },
                "properties": { "walk": self.walk.id, "route": true, "title": self.walk.title }
            }));
        }
        json!({ "type": "FeatureCollection", "features": features })
    }
}

/// The protocol's columns for a spreadsheet, as locale keys.
const SHEET_COLUMNS: [&str; 8] = [
    "console-walk-col-area",
    "console-walk-col-category",
    "console-walk-col-level",
    "console-walk-col-note",
    "console-walk-col-marked-by",
    "console-walk-col-logged",
    "console-walk-col-lat",
    "console-walk-col-lng",
];

impl WalkProtocol {
    /// The protocol's points as a table for a spreadsheet program, in the protocol's order
    /// (areas, then categories with the dark spots first), labelled in `i18n`'s language.
    pub fn sheet(&self, i18n: &I18n) -> Sheet {
        let rows = self
            .rows()
            .map(|(area, p)| {
                let area_name = match area.area.is_empty() {
                    true => i18n.t("console-walk-outside-areas"),
                    false => area.area_name.clone(),
                };
                vec![
                    Cell::text(area_name),
                    Cell::text(i18n.t(&p.point.category.label_key("console-walk-category"))),
                    p.point.unsafe_level.map_or(Cell::Empty, |l| Cell::Number(f64::from(l))),
                    Cell::text(p.point.note.clone()),
                    Cell::Number(f64::from(p.marked_by)),
                    Cell::time(&p.point.logged_at),
                    Cell::Number(p.point.position.lat),
                    Cell::Number(p.point.position.lng),
                ]
            })
            .collect();
        Sheet {
            name: i18n.t("console-walk-protocol-sheet"),
            columns: SHEET_COLUMNS.iter().map(|key| i18n.t(key)).collect(),
            rows,
        }
    }
}

fn count(categories: &[CategorySection], only: Option<WalkCategory>) -> u32 {
    categories.iter().filter(|c| only.is_none_or(|o| c.category == o)).map(|c| c.points.len() as u32).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LatLng;
    use crate::tenant::TenantConfig;
    use crate::walk::WalkState;

    fn walk() -> PublicWalk {
        let config = TenantConfig::demo();
        PublicWalk {
            id: 3,
            title: "Kvällsvandring".into(),
            area_name: config.areas[0].name.clone(),
            starts_at: "2026-12-10T18:00".into(),
            meeting_point: config.map.center,
            route: vec![config.map.center, LatLng::new(config.map.center.lat + 0.001, config.map.center.lng)],
            organiser: "Trygghetssamordnaren".into(),
            organisations: "Polisen".into(),
            description: String::new(),
            state: WalkState::Done,
        }
    }

    fn point(
        id: i64,
        category: WalkCategory,
        at: LatLng,
        state: WalkPointState,
        merged_into: Option<i64>,
    ) -> ReviewedWalkPoint {
        ReviewedWalkPoint {
            point: WalkPoint {
                id,
                idempotency_key: format!("walk-point-key-{id:04}"),
                position: at,
                category,
                note: String::new(),
                unsafe_level: None,
                logged_at: "2026-12-10T17:20:00.000Z".into(),
            },
            state,
            merged_into,
            report: None,
        }
    }

    #[test]
    fn points_are_grouped_by_area_then_category_with_dark_spots_first() {
        let config = TenantConfig::demo();
        let inside = config.map.center;
        let first_area =
            area_of(&config.areas, inside).expect("the demo's centre lies in an area").id.clone();
        let outside = LatLng::new(config.map.bounds.north - 0.0001, config.map.bounds.east - 0.0001);
        assert!(area_of(&config.areas, outside).is_none(), "the demo's corner lies outside its areas");
        use WalkPointState::*;
        let points = vec![
            point(1, WalkCategory::Graffiti, inside, Kept, None),
            point(2, WalkCategory::DarkSpot, inside, Kept, None),
            point(3, WalkCategory::DarkSpot, inside, Merged, Some(2)),
            point(4, WalkCategory::Littering, inside, Rejected, None),
            point(5, WalkCategory::DarkSpot, outside, Kept, None),
        ];
        let protocol = WalkProtocol::of(walk(), &points, &config.areas);
        assert_eq!((protocol.points, protocol.dark_spots), (3, 2));
        let first = &protocol.areas[0];
        assert_eq!(first.area, first_area);
        assert_eq!(
            first.categories.iter().map(|c| c.category).collect::<Vec<_>>(),
            [WalkCategory::DarkSpot, WalkCategory::Graffiti]
        );
        assert_eq!(
            first.categories[0].points[0].marked_by, 2,
            "the merged point counts with the one it joined"
        );
        assert_eq!(first.dark_spots, 1);
        let last = protocol.areas.last().unwrap();
        assert_eq!((last.area.as_str(), last.dark_spots), ("", 1), "outside every area, listed last");
        let ids: Vec<i64> = protocol.rows().map(|(_, p)| p.point.id).collect();
        assert_eq!(ids, [2, 1, 5], "the rejected and the merged are not listed");
    }

    #[cfg(feature = "console")]
    #[test]
    fn the_sheet_lists_the_points_in_the_protocols_order_with_formulas_left_as_text() {
        let config = TenantConfig::demo();
        let mut points = vec![
            point(1, WalkCategory::Graffiti, config.map.center, WalkPointState::Kept, None),
            point(2, WalkCategory::DarkSpot, config.map.center, WalkPointState::Kept, None),
        ];
        points[0].point.note = "=HYPERLINK(\"http://x\")".into();
        points[1].point.unsafe_level = Some(5);
        let sheet =
            WalkProtocol::of(walk(), &points, &config.areas).sheet(&I18n::new(crate::i18n::Locale::Sv));
        assert_eq!(sheet.columns[1], "Kategori");
        assert_eq!(sheet.rows[0][1], Cell::text("Mörk plats, belysning"));
        assert_eq!(sheet.rows[0][2], Cell::Number(5.0));
        assert_eq!(
            sheet.rows[1][3],
            Cell::text("=HYPERLINK(\"http://x\")"),
            "kept as text; the CSV writer defuses it"
        );
    }

    #[test]
    fn residents_read_no_notes_and_no_organiser() {
        let config = TenantConfig::demo();
        let mut kept = point(1, WalkCategory::DarkSpot, config.map.center, WalkPointState::Kept, None);
        kept.point.note = "Anna på nummer 4 vet".into();
        let public = WalkProtocol::of(walk(), &[kept], &config.areas).for_residents();
        assert_eq!(public.walk.organiser, "");
        let (_, only) = public.rows().next().unwrap();
        assert_eq!((only.category, only.marked_by), (WalkCategory::DarkSpot, 1));
        let text = serde_json::to_string(&public).unwrap();
        assert!(!text.contains("Anna") && !text.contains("idempotency_key"), "{text}");
        assert_eq!(public.points, 1);
    }

    #[test]
    fn the_geojson_has_points_longitude_first_and_the_route() {
        let config = TenantConfig::demo();
        let at = config.map.center;
        let points = vec![point(7, WalkCategory::DarkSpot, at, WalkPointState::Kept, None)];
        let geojson = WalkProtocol::of(walk(), &points, &config.areas).geojson();
        assert_eq!(geojson["type"], "FeatureCollection");
        let features = geojson["features"].as_array().unwrap();
        assert_eq!(features[0]["geometry"]["coordinates"], json!([at.lng, at.lat]));
        assert_eq!(features[0]["properties"]["category"], "dark_spot");
        assert_eq!(features[1]["geometry"]["type"], "LineString");
    }
}
