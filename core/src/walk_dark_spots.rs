//! The lägesbild's dark spots from safety walks: the kept dark-spot points of every walk in the
//! period, area by area, each with its source (which walk, which point), beside the reports'
//! compilation. Kalmar's programme compiles exactly this for its lighting plan.

use serde::{Deserialize, Serialize};

use crate::geo::{Area, LatLng};
use crate::stats::{area_key, OUTSIDE_AREAS};

/// One dark spot a walk found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WalkSpot {
    pub walk: i64,
    pub walk_title: String,
    /// When the walk started, the municipality's own time `YYYY-MM-DDTHH:MM`.
    pub walk_starts_at: String,
    pub point: i64,
    /// The case number of the report the point became, if it did (the same place is then
    /// counted among the reports too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

/// The dark spots walks found in one area (`area` the area's id, or "-" outside them all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AreaWalkSpots {
    pub area: String,
    pub spots: Vec<WalkSpot>,
}

/// `spots` (each with its place) grouped by the municipality's areas in their order, then
/// outside; an area with none is listed too (a walk that found nothing there is news as well).
pub fn by_area(areas: &[Area], spots: impl IntoIterator<Item = (LatLng, WalkSpot)>) -> Vec<AreaWalkSpots> {
    let mut groups: Vec<AreaWalkSpots> = areas
        .iter()
        .map(|a| a.id.as_str())
        .chain([OUTSIDE_AREAS])
        .map(|area| AreaWalkSpots { area: area.to_string(), spots: Vec::new() })
        .collect();
    for (at, spot) in spots {
        let key = area_key(areas, at);
        if let Some(group) = groups.iter_mut().find(|g| g.area == key) {
            group.spots.push(spot);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenant::TenantConfig;

    fn spot(point: i64) -> WalkSpot {
        WalkSpot {
            walk: 1,
            walk_title: "Kvällsvandring".into(),
            walk_starts_at: "2026-12-10T18:00".into(),
            point,
            report: None,
        }
    }

    #[test]
    fn spots_are_grouped_by_area_and_outside_last() {
        let config = TenantConfig::demo();
        let inside = config.map.center;
        let outside = LatLng::new(config.map.bounds.north - 0.0001, config.map.bounds.east - 0.0001);
        let groups = by_area(&config.areas, [(inside, spot(1)), (outside, spot(2)), (inside, spot(3))]);
        assert_eq!(groups.len(), config.areas.len() + 1);
        let first = groups.iter().find(|g| g.area == area_key(&config.areas, inside)).unwrap();
        assert_eq!(first.spots.iter().map(|s| s.point).collect::<Vec<_>>(), [1, 3]);
        assert_eq!(groups.last().unwrap().area, OUTSIDE_AREAS);
        assert_eq!(groups.last().unwrap().spots[0].point, 2);
    }
}
