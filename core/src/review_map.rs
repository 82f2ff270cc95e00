//! What the console's review map shows of a viewport: every report the review filter matches
//! there (not only the pages of the list loaded so far), one by one when few, otherwise one
//! cluster per grid cell with its number, on the public map's grid (see [`crate::public_map`]).
//! Moderators see the exact places; nothing here is coarsened.

use serde::{Deserialize, Serialize};

use crate::public_map::{CellCount, Viewport, MARKER_LIMIT};
use crate::report::ReportStatus;

/// One report on the review map: enough to name it and open it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewMarker {
    pub case_number: String,
    pub lat: f64,
    pub lng: f64,
    pub category: String,
    pub status: ReportStatus,
}

/// Reports near each other under the filter, shown as one marker with their number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewCluster {
    /// The mean place of the reports in the cell.
    pub lat: f64,
    pub lng: f64,
    pub count: u64,
}

/// A point a safety walk logged, shown beside the reports when the coordinator asks for them
/// (`walks=include`): its category, and which walk and point it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WalkMarker {
    pub lat: f64,
    pub lng: f64,
    pub category: crate::walk_point::WalkCategory,
    pub walk: i64,
    pub walk_title: String,
    pub point: i64,
}

/// The most walk points one answer carries (a municipality walks a few times a year, a walk
/// logs some dozens).
pub const WALK_MARKER_LIMIT: u32 = 1_000;

/// The answer for one viewport: either `reports` or `clusters`, never both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewMap {
    /// Reports in view under the filter.
    pub total: u64,
    pub clusters: Vec<ReviewCluster>,
    pub reports: Vec<ReviewMarker>,
    /// Kept points of safety walks in view (of walks in the filter's period), when asked for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub walk_points: Vec<WalkMarker>,
}

impl ReviewMap {
    /// Clusters from the reports counted per cell of the viewport's level (only cells in view),
    /// unless at most [`MARKER_LIMIT`] lie in view: then `None`, and the reports are read one by
    /// one ([`ReviewMap::from_reports`]).
    pub fn from_cells(viewport: &Viewport, cells: impl IntoIterator<Item = CellCount>) -> Option<Self> {
        let in_view = viewport.cells(viewport.level());
        let cells: Vec<CellCount> =
            cells.into_iter().filter(|c| c.count > 0 && in_view.contains(c.cx, c.cy)).collect();
        let total: u64 = cells.iter().map(|c| c.count).sum();
        if total <= MARKER_LIMIT {
            return None;
        }
        let clusters = cells
            .into_iter()
            .map(|c| {
                let n = c.count as f64;
                ReviewCluster { lat: c.sum_lat / n, lng: c.sum_lng / n, count: c.count }
            })
            .collect();
        Some(Self { total, clusters, ..Self::default() })
    }

    pub fn from_reports(reports: Vec<ReviewMarker>) -> Self {
        Self { total: reports.len() as u64, reports, ..Self::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::{BBox, LatLng};
    use crate::public_map::cell_of;

    fn viewport() -> Viewport {
        Viewport { bbox: BBox::new(58.0, 12.7, 58.1, 12.9), zoom: 12 }
    }

    fn cell_at(point: LatLng, count: u64) -> CellCount {
        let (cx, cy) = cell_of(point, viewport().level());
        let n = count as f64;
        CellCount { cx, cy, count, sum_lat: point.lat * n, sum_lng: point.lng * n }
    }

    #[test]
    fn few_reports_in_view_come_one_by_one() {
        let cells = [cell_at(LatLng::new(58.05, 12.8), MARKER_LIMIT)];
        assert_eq!(ReviewMap::from_cells(&viewport(), cells), None);
    }

    #[test]
    fn many_come_as_clusters_at_their_mean_place_and_cells_out_of_view_count_nowhere() {
        let cells = [
            cell_at(LatLng::new(58.05, 12.8), 250),
            cell_at(LatLng::new(58.02, 12.75), 60),
            cell_at(LatLng::new(59.5, 14.0), 5000), // far outside the view
        ];
        let map = ReviewMap::from_cells(&viewport(), cells).expect("clusters");
        assert_eq!(map.total, 310);
        assert_eq!(map.clusters.len(), 2);
        assert!((map.clusters[0].lat - 58.05).abs() < 1e-9 && (map.clusters[0].lng - 12.8).abs() < 1e-9);
        assert!(map.reports.is_empty());
    }
}
