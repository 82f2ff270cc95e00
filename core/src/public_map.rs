//! The public map at any scale. A busy city has tens of thousands of approved reports; a phone
//! can draw a few hundred. So the edge answers a viewport (a bounding box and a zoom level):
//! when few reports lie in it, each one (coarsened, see [`crate::public`]); otherwise clusters,
//! one per grid cell, counted in advance per cell so the query reads at most
//! [`MAX_FEATURES`] rows however many reports there are.
//!
//! The grid: at level `L` the world is split into `2^L` columns of longitude and `2^L` rows of
//! latitude. A cell is then half as tall as wide in degrees, which in Sweden (cos 55°–69° ≈
//! 0.57–0.36) is about square on the ground. Level `zoom + 2` gives cells of about 64 screen
//! pixels, so a cluster never hides much of the map.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::{coarsen, BBox, LatLng};
use crate::public::{PublicReport, PUBLIC_CELL_METRES};

/// The coarsest and finest grid levels counted in advance (map zoom 2 to 16).
pub const MIN_LEVEL: u8 = 4;
pub const MAX_LEVEL: u8 = 18;
/// No answer holds more features (clusters or reports) than this.
pub const MAX_FEATURES: usize = 500;
/// Below the finest level, reports are shown one by one only when at most this many lie in
/// view; more would crowd a phone's screen.
pub const MARKER_LIMIT: u64 = 300;
/// Leaflet's zoom levels go no further than this.
pub const MAX_ZOOM: u8 = 22;

/// The grid cell of `point` at `level`, as (column, row).
pub fn cell_of(point: LatLng, level: u8) -> (u32, u32) {
    let cells = f64::from(1u32 << level);
    let last = (1u32 << level) - 1;
    let index = |fraction: f64| ((fraction * cells).floor().max(0.0) as u32).min(last);
    (index((point.lng + 180.0) / 360.0), index((point.lat + 90.0) / 180.0))
}

/// The centre of the grid cell (`column`, `row`) at `level`.
pub fn cell_centre(column: u32, row: u32, level: u8) -> LatLng {
    let cells = f64::from(1u32 << level);
    let lng = (f64::from(column) + 0.5) / cells * 360.0 - 180.0;
    let lat = (f64::from(row) + 0.5) / cells * 180.0 - 90.0;
    LatLng::new(lat, lng)
}

/// What part of the map a resident looks at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub bbox: BBox,
    pub zoom: u8,
}

/// The cells of one level that cover a viewport: columns `x.0..=x.1`, rows `y.0..=y.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellRange {
    pub level: u8,
    pub x: (u32, u32),
    pub y: (u32, u32),
}

impl CellRange {
    pub fn contains(&self, column: u32, row: u32) -> bool {
        (self.x.0..=self.x.1).contains(&column) && (self.y.0..=self.y.1).contains(&row)
    }

    /// How many cells the range holds.
    pub fn count(&self) -> u64 {
        u64::from(self.x.1 - self.x.0 + 1) * u64::from(self.y.1 - self.y.0 + 1)
    }
}

impl Viewport {
    /// Reads `bbox=west,south,east,north` and `zoom` from query pairs; either may be left out,
    /// and then `default` (the municipality's map) stands in.
    pub fn from_query<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        default: Viewport,
    ) -> Result<Self, FieldError> {
        let mut viewport = default;
        for (key, value) in pairs {
            match key {
                "bbox" => viewport.bbox = parse_bbox(value).ok_or(invalid("bbox"))?,
                "zoom" => {
                    viewport.zoom =
                        value.parse::<u8>().ok().filter(|z| *z <= MAX_ZOOM).ok_or(invalid("zoom"))?
                }
                _ => {}
            }
        }
        Ok(viewport)
    }

    /// The cells of `level` this viewport touches.
    pub fn cells(&self, level: u8) -> CellRange {
        let (x0, y0) = cell_of(LatLng::new(self.bbox.south, self.bbox.west), level);
        let (x1, y1) = cell_of(LatLng::new(self.bbox.north, self.bbox.east), level);
        CellRange { level, x: (x0, x1), y: (y0, y1) }
    }

    /// The grid level to cluster at: about 64 pixels a cell at this zoom, coarser if the
    /// viewport is so large that it would span more than [`MAX_FEATURES`] cells.
    pub fn level(&self) -> u8 {
        let mut level = (self.zoom + 2).clamp(MIN_LEVEL, MAX_LEVEL);
        while level > MIN_LEVEL && self.cells(level).count() > MAX_FEATURES as u64 {
            level -= 1;
        }
        level
    }

    /// Where to read reports for this view: every report whose public place may lie in it.
    /// Coarsening moves a report by at most half a public cell, so the view grown by a whole
    /// cell holds them all; [`PublicMap::from_reports`] then keeps those whose public place is
    /// in view.
    pub fn reports_search_box(&self) -> BBox {
        self.bbox.grown_by(PUBLIC_CELL_METRES)
    }

    /// The counted cells to read for this view: at its level, those covering the search box,
    /// so that their counts bound how many reports a search of that box can find.
    pub fn cells_to_read(&self) -> CellRange {
        Viewport { bbox: self.reports_search_box(), zoom: self.zoom }.cells(self.level())
    }

    /// How many reports in view may be shown one by one instead of as clusters.
    pub fn marker_limit(&self) -> u64 {
        if self.level() == MAX_LEVEL {
            MAX_FEATURES as u64
        } else {
            MARKER_LIMIT
        }
    }
}

fn invalid(field: &'static str) -> FieldError {
    FieldError::new(field, FieldErrorCode::InvalidViewport)
}

fn parse_bbox(text: &str) -> Option<BBox> {
    let numbers: Vec<f64> =
        text.split(',').map(|n| n.trim().parse::<f64>()).collect::<Result<_, _>>().ok()?;
    let [west, south, east, north] = numbers[..] else { return None };
    let bbox = BBox::new(south.max(-90.0), west.max(-180.0), north.min(90.0), east.min(180.0));
    let finite = [west, south, east, north].iter().all(|n| n.is_finite());
    (finite && bbox.is_valid() && bbox.south < bbox.north && bbox.west < bbox.east).then_some(bbox)
}

/// Approved reports counted in one grid cell, as stored: the sums give the mean place.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct CellCount {
    pub cx: u32,
    pub cy: u32,
    pub count: u64,
    pub sum_lat: f64,
    pub sum_lng: f64,
}

/// Several approved reports near each other, shown as one circle with their number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Cluster {
    pub lat: f64,
    pub lng: f64,
    pub count: u64,
}

impl Cluster {
    /// The mean place of a cell's reports, coarsened like a single report: a cell holding one
    /// report must not reveal its exact spot.
    pub fn from_cell(cell: CellCount) -> Option<Self> {
        if cell.count == 0 {
            return None;
        }
        let n = cell.count as f64;
        let place = coarsen(LatLng::new(cell.sum_lat / n, cell.sum_lng / n), PUBLIC_CELL_METRES);
        Some(Self { lat: place.lat, lng: place.lng, count: cell.count })
    }
}

/// The answer for one viewport: either `reports` or `clusters`, never both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicMap {
    /// Approved reports in view (for clusters: in the cells that touch the view).
    pub total: u64,
    pub clusters: Vec<Cluster>,
    pub reports: Vec<PublicReport>,
}

impl PublicMap {
    /// Clusters from the counted cells read for `viewport` ([`Viewport::cells_to_read`]), one
    /// per cell that touches the view, unless few enough reports lie in them all to show each.
    /// `None` means: fetch the reports themselves. Deciding on all the cells read, not only
    /// those in view, means the search for reports finds at most the limit: none in view can
    /// be crowded out by newer ones just outside it.
    pub fn from_cells(viewport: &Viewport, cells: impl IntoIterator<Item = CellCount>) -> Option<Self> {
        let cells: Vec<CellCount> = cells.into_iter().collect();
        if cells.iter().map(|c| c.count).sum::<u64>() <= viewport.marker_limit() {
            return None;
        }
        let in_view = viewport.cells(viewport.level());
        let clusters: Vec<Cluster> = cells
            .into_iter()
            .filter(|c| in_view.contains(c.cx, c.cy))
            .filter_map(Cluster::from_cell)
            .collect();
        let total = clusters.iter().map(|c| c.count).sum();
        Some(Self { total, clusters, reports: Vec::new() })
    }

    /// The reports read for `viewport` (see [`Viewport::reports_search_box`]) at their public
    /// places, keeping those whose public place is in view. Chosen by their exact spots instead,
    /// the answer would tell whether that spot lies inside the box, and ever smaller boxes
    /// would find the door a report was made at.
    pub fn from_reports(viewport: &Viewport, reports: Vec<PublicReport>) -> Self {
        let reports: Vec<PublicReport> = reports
            .into_iter()
            .map(PublicReport::at_coarsened_place)
            .filter(|r| viewport.bbox.contains(LatLng::new(r.lat, r.lng)))
            .collect();
        Self { total: reports.len() as u64, clusters: Vec::new(), reports }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARGARDA: LatLng = LatLng::new(58.0337, 12.8083);

    fn viewport(zoom: u8, half_width: f64) -> Viewport {
        let bbox = BBox::new(
            VARGARDA.lat - half_width / 2.0,
            VARGARDA.lng - half_width,
            VARGARDA.lat + half_width / 2.0,
            VARGARDA.lng + half_width,
        );
        Viewport { bbox, zoom }
    }

    #[test]
    fn cells_nest_from_level_to_level() {
        let (x, y) = cell_of(VARGARDA, MAX_LEVEL);
        for level in MIN_LEVEL..MAX_LEVEL {
            let shift = MAX_LEVEL - level;
            assert_eq!(cell_of(VARGARDA, level), (x >> shift, y >> shift), "level {level}");
        }
        // The same formula the migration uses in SQL: floor((lng + 180) / 360 * 2^18).
        assert_eq!(x, ((12.8083 + 180.0) / 360.0 * 262144.0) as u32);
        assert_eq!(cell_of(LatLng::new(90.0, 180.0), 4), (15, 15), "the last cell holds the edge");
        assert_eq!(cell_of(LatLng::new(-90.0, -180.0), 4), (0, 0));
    }

    #[test]
    fn cells_at_the_finest_level_are_about_75_metres_in_sweden() {
        let (x, y) = cell_of(VARGARDA, MAX_LEVEL);
        let width = 360.0 / 262144.0 * 111_320.0 * VARGARDA.lat.to_radians().cos();
        let height = 180.0 / 262144.0 * 111_320.0;
        assert!((60.0..90.0).contains(&width) && (60.0..90.0).contains(&height), "{width} × {height}");
        assert_ne!(cell_of(LatLng::new(VARGARDA.lat + 0.001, VARGARDA.lng), MAX_LEVEL), (x, y));
    }

    #[test]
    fn the_level_follows_the_zoom_but_never_spans_more_than_max_features_cells() {
        // A phone-sized view at zoom 13 spans a few kilometres.
        let phone = viewport(13, 0.04);
        assert_eq!(phone.level(), 15);
        assert!(phone.cells(phone.level()).count() <= MAX_FEATURES as u64);
        // A huge screen (or a forged bbox) at a high zoom gets coarser cells.
        let huge = viewport(16, 1.0);
        assert!(huge.level() < 18);
        assert!(huge.cells(huge.level()).count() <= MAX_FEATURES as u64);
        assert!(huge.cells(huge.level() + 1).count() > MAX_FEATURES as u64);
        // The whole world at zoom 0 stays at the coarsest counted level.
        let world = Viewport { bbox: BBox::new(-90.0, -180.0, 90.0, 180.0), zoom: 0 };
        assert_eq!(world.level(), MIN_LEVEL);
        assert_eq!(viewport(20, 0.001).level(), MAX_LEVEL);
    }

    #[test]
    fn viewports_are_read_from_the_query_or_default_to_the_map() {
        let default = viewport(12, 0.1);
        assert_eq!(Viewport::from_query([], default).unwrap(), default);
        let read = Viewport::from_query([("bbox", "12.7,58.0,12.9,58.1"), ("zoom", "14")], default).unwrap();
        assert_eq!(read.bbox, BBox::new(58.0, 12.7, 58.1, 12.9));
        assert_eq!(read.zoom, 14);
        let clamped = Viewport::from_query([("bbox", "-200,-95,200,95")], default).unwrap();
        assert_eq!(clamped.bbox, BBox::new(-90.0, -180.0, 90.0, 180.0));
        for bad in ["", "1,2,3", "1,2,3,4,5", "12.9,58.0,12.7,58.1", "a,b,c,d", "NaN,1,2,3", "1,inf,2,3"] {
            let error = Viewport::from_query([("bbox", bad)], default).unwrap_err();
            assert_eq!((error.field, error.code), ("bbox", FieldErrorCode::InvalidViewport), "{bad}");
        }
        for bad in ["", "-1", "23", "1.5", "x"] {
            assert_eq!(Viewport::from_query([("zoom", bad)], default).unwrap_err().field, "zoom", "{bad}");
        }
    }

    #[test]
    fn clusters_only_when_too_many_to_show_one_by_one() {
        let view = viewport(12, 0.1);
        let (cx, cy) = cell_of(VARGARDA, view.level());
        let cell = |count: u64| CellCount {
            cx,
            cy,
            count,
            sum_lat: VARGARDA.lat * count as f64,
            sum_lng: VARGARDA.lng * count as f64,
        };
        assert_eq!(PublicMap::from_cells(&view, [cell(100), cell(200)]), None, "300 fit as markers");
        let map = PublicMap::from_cells(&view, [cell(100), cell(201), cell(0)]).unwrap();
        assert_eq!(map.total, 301);
        assert_eq!(map.clusters.len(), 2, "empty cells are not shown");
        assert!(map.reports.is_empty());
        // At the finest level up to MAX_FEATURES reports are shown one by one.
        assert_eq!(PublicMap::from_cells(&viewport(17, 0.002), [cell(500)]), None);
        assert!(PublicMap::from_cells(&viewport(17, 0.002), [cell(501)]).is_some());
        // Cells read around the view (for reports just outside it) count towards the decision,
        // but are not drawn.
        let beside = CellCount { cx: view.cells(view.level()).x.1 + 1, ..cell(251) };
        let map = PublicMap::from_cells(&view, [cell(50), beside]).unwrap();
        assert_eq!((map.clusters.len(), map.total), (1, 50), "301 read: clusters, those in view");
        assert_eq!(PublicMap::from_cells(&view, [cell(49), beside]), None, "300 read: one by one");
    }

    fn report_at(place: LatLng) -> PublicReport {
        PublicReport {
            lat: place.lat,
            lng: place.lng,
            category: "graffiti".into(),
            status: crate::report::ReportStatus::Reviewed,
            description: None,
            public_comment: String::new(),
        }
    }

    fn around(place: LatLng, degrees: f64) -> Viewport {
        let bbox =
            BBox::new(place.lat - degrees, place.lng - degrees, place.lat + degrees, place.lng + degrees);
        Viewport { bbox, zoom: 18 }
    }

    #[test]
    fn reports_are_chosen_by_their_public_place_never_their_exact_spot() {
        let exact = LatLng::new(58.03371, 12.80832);
        let public = coarsen(exact, PUBLIC_CELL_METRES);
        // A tiny box around the exact spot that misses the public place: nothing is answered.
        let at_exact = around(exact, 0.00001);
        assert!(!at_exact.bbox.contains(public));
        assert_eq!(PublicMap::from_reports(&at_exact, vec![report_at(exact)]), PublicMap::default());
        // A tiny box around the public place that misses the exact spot: the report, at its
        // public place; and the box the edge searches holds the exact spot.
        let at_public = around(public, 0.00001);
        assert!(!at_public.bbox.contains(exact));
        assert!(at_public.reports_search_box().contains(exact));
        let map = PublicMap::from_reports(&at_public, vec![report_at(exact)]);
        assert_eq!(map.total, 1);
        assert_eq!((map.reports[0].lat, map.reports[0].lng), (public.lat, public.lng));
    }

    #[test]
    fn the_search_box_holds_every_report_whose_public_place_is_in_view() {
        for view in [viewport(18, 0.002), viewport(16, 0.01), around(LatLng::new(67.85, 20.22), 0.001)] {
            let search = view.reports_search_box();
            // Places on a fine grid around the view, out to well beyond one public cell.
            let (mut shown, mut outside_view) = (0, 0);
            for i in -40..=140 {
                for j in -40..=140 {
                    let step = |a: f64, b: f64| (b - a) / 100.0;
                    let place = LatLng::new(
                        view.bbox.south + f64::from(i) * step(view.bbox.south, view.bbox.north),
                        view.bbox.west + f64::from(j) * step(view.bbox.west, view.bbox.east),
                    );
                    if view.bbox.contains(coarsen(place, PUBLIC_CELL_METRES)) {
                        shown += 1;
                        outside_view += usize::from(!view.bbox.contains(place));
                        assert!(search.contains(place), "{place:?} is shown but not searched");
                    }
                }
            }
            assert!(shown > 0 && outside_view > 0, "the grid reaches across the view's edges");
        }
        let world = BBox::new(-90.0, -180.0, 90.0, 180.0);
        assert_eq!(world.grown_by(50.0), world, "never off the earth");
        // The cells read cover the search box, and so bound what a search of it finds.
        let view = viewport(18, 0.002);
        let (read, search) = (view.cells_to_read(), view.reports_search_box());
        for corner in [LatLng::new(search.south, search.west), LatLng::new(search.north, search.east)] {
            let (x, y) = cell_of(corner, view.level());
            assert!(read.contains(x, y));
        }
        assert!(read.count() > view.cells(view.level()).count(), "this view's edges are near cell edges");
    }

    #[test]
    fn a_cluster_of_one_is_as_coarse_as_a_single_report() {
        let exact = LatLng::new(58.03371, 12.80832);
        let one =
            Cluster::from_cell(CellCount { cx: 0, cy: 0, count: 1, sum_lat: exact.lat, sum_lng: exact.lng })
                .unwrap();
        let coarse = coarsen(exact, PUBLIC_CELL_METRES);
        assert_eq!((one.lat, one.lng), (coarse.lat, coarse.lng));
        assert_ne!((one.lat, one.lng), (exact.lat, exact.lng));
        let two =
            Cluster::from_cell(CellCount { cx: 0, cy: 0, count: 2, sum_lat: 116.0, sum_lng: 25.6 }).unwrap();
        assert!((two.lat - 58.0).abs() < 0.001 && (two.lng - 12.8).abs() < 0.001);
    }
}
