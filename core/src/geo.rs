//! Points and boxes on the map, in WGS 84 degrees (what Leaflet and GeoJSON use).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LatLng {
    pub lat: f64,
    pub lng: f64,
}

impl LatLng {
    pub const fn new(lat: f64, lng: f64) -> Self {
        Self { lat, lng }
    }

    /// A real place on Earth: finite, latitude within ±90°, longitude within ±180°.
    pub fn is_on_earth(&self) -> bool {
        self.lat.is_finite()
            && self.lng.is_finite()
            && (-90.0..=90.0).contains(&self.lat)
            && (-180.0..=180.0).contains(&self.lng)
    }
}

/// A rectangle of latitudes and longitudes, edges included.
/// (Boxes across the antimeridian are not needed for Swedish municipalities.)
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BBox {
    pub south: f64,
    pub west: f64,
    pub north: f64,
    pub east: f64,
}

impl BBox {
    pub const fn new(south: f64, west: f64, north: f64, east: f64) -> Self {
        Self { south, west, north, east }
    }

    pub fn contains(&self, point: LatLng) -> bool {
        (self.south..=self.north).contains(&point.lat) && (self.west..=self.east).contains(&point.lng)
    }

    pub fn center(&self) -> LatLng {
        LatLng::new((self.south + self.north) / 2.0, (self.west + self.east) / 2.0)
    }

    /// The nearest point inside the box: where a pin moved by keyboard stops at the edge.
    pub fn clamp(&self, point: LatLng) -> LatLng {
        LatLng::new(point.lat.clamp(self.south, self.north), point.lng.clamp(self.west, self.east))
    }

    /// The box grown by at least `metres` on every side, kept on the earth. Longitude is
    /// measured where a degree is shortest (furthest from the equator), so no side gets less.
    pub fn grown_by(&self, metres: f64) -> BBox {
        let lat = metres / METRES_PER_DEGREE;
        let widest = (self.south.abs().max(self.north.abs()) + lat).min(89.0);
        let lng = metres / (METRES_PER_DEGREE * widest.to_radians().cos());
        BBox::new(
            (self.south - lat).max(-90.0),
            (self.west - lng).max(-180.0),
            (self.north + lat).min(90.0),
            (self.east + lng).min(180.0),
        )
    }

    pub fn is_valid(&self) -> bool {
        let corners = [LatLng::new(self.south, self.west), LatLng::new(self.north, self.east)];
        corners.iter().all(LatLng::is_on_earth) && self.south < self.north && self.west < self.east
    }
}

/// Metres per degree of latitude (mean); good to a fraction of a percent in Sweden.
const METRES_PER_DEGREE: f64 = 111_320.0;

/// A polygon of GeoJSON: the first ring is the outline, any further rings are holes. Rings are
/// lists of corners; closing the ring (repeating the first corner) is optional.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Polygon {
    pub rings: Vec<Vec<LatLng>>,
}

impl Polygon {
    /// Inside the outline and outside every hole. A point exactly on an edge counts as inside
    /// the outline (and as outside a hole), so that shared borders between areas are decided by
    /// area order, never by floating-point noise.
    pub fn contains(&self, point: LatLng) -> bool {
        let Some((outline, holes)) = self.rings.split_first() else {
            return false;
        };
        let in_ring = |ring: &[LatLng]| on_edge(ring, point) || crosses_odd(ring, point);
        in_ring(outline) && !holes.iter().any(|hole| !on_edge(hole, point) && crosses_odd(hole, point))
    }
}

/// Pairs of consecutive corners, closing the ring.
fn edges(ring: &[LatLng]) -> impl Iterator<Item = (LatLng, LatLng)> + '_ {
    ring.iter().copied().zip(ring.iter().copied().cycle().skip(1)).take(ring.len())
}

fn on_edge(ring: &[LatLng], p: LatLng) -> bool {
    const EPSILON: f64 = 1e-12;
    edges(ring).any(|(a, b)| {
        let cross = (b.lng - a.lng) * (p.lat - a.lat) - (b.lat - a.lat) * (p.lng - a.lng);
        let within = p.lng >= a.lng.min(b.lng) - EPSILON
            && p.lng <= a.lng.max(b.lng) + EPSILON
            && p.lat >= a.lat.min(b.lat) - EPSILON
            && p.lat <= a.lat.max(b.lat) + EPSILON;
        cross.abs() <= EPSILON && within
    })
}

/// Even-odd rule: a ray from `p` towards growing longitude crosses the ring an odd number of times.
fn crosses_odd(ring: &[LatLng], p: LatLng) -> bool {
    edges(ring)
        .filter(|(a, b)| (a.lat > p.lat) != (b.lat > p.lat))
        .filter(|(a, b)| p.lng < (b.lng - a.lng) * (p.lat - a.lat) / (b.lat - a.lat) + a.lng)
        .count()
        % 2
        == 1
}

/// A named part of the municipality (stadsdel, tätort, …) used in statistics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Area {
    pub id: String,
    pub name: String,
    /// One polygon, or several (GeoJSON MultiPolygon).
    pub polygons: Vec<Polygon>,
}

impl Area {
    pub fn contains(&self, point: LatLng) -> bool {
        self.polygons.iter().any(|p| p.contains(point))
    }
}

/// The first area (in configuration order) that contains `point`.
pub fn area_of(areas: &[Area], point: LatLng) -> Option<&Area> {
    areas.iter().find(|a| a.contains(point))
}

/// The centre of the grid cell of about `metres` that holds `point`: how the public map shows
/// a report without revealing the exact spot (a door, a home).
pub fn coarsen(point: LatLng, metres: f64) -> LatLng {
    let lat_step = metres / METRES_PER_DEGREE;
    let lat = ((point.lat / lat_step).floor() + 0.5) * lat_step;
    // Longitude cells are sized at the cell's latitude, so cells are roughly square.
    let lng_step = metres / (METRES_PER_DEGREE * lat.to_radians().cos().max(0.01));
    let lng = ((point.lng / lng_step).floor() + 0.5) * lng_step;
    LatLng::new(lat, lng)
}

/// Distance in metres along the ground (equirectangular: exact enough within a municipality).
pub fn distance_m(a: LatLng, b: LatLng) -> f64 {
    let mean_lat = ((a.lat + b.lat) / 2.0).to_radians();
    let dy = (a.lat - b.lat) * METRES_PER_DEGREE;
    let dx = (a.lng - b.lng) * METRES_PER_DEGREE * mean_lat.cos();
    (dx * dx + dy * dy).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    const VARGARDA: BBox = BBox::new(57.95, 12.70, 58.10, 12.90);

    #[test]
    fn contains_includes_edges_and_excludes_outside() {
        assert!(VARGARDA.contains(LatLng::new(58.03, 12.80)));
        assert!(VARGARDA.contains(LatLng::new(57.95, 12.70)), "south-west corner is inside");
        assert!(VARGARDA.contains(LatLng::new(58.10, 12.90)), "north-east corner is inside");
        assert!(!VARGARDA.contains(LatLng::new(57.949, 12.80)));
        assert!(!VARGARDA.contains(LatLng::new(58.03, 12.901)));
        assert!(!VARGARDA.contains(LatLng::new(f64::NAN, 12.80)));
    }

    #[test]
    fn clamp_moves_outside_points_to_the_nearest_edge() {
        assert_eq!(VARGARDA.clamp(LatLng::new(60.0, 12.8)), LatLng::new(58.10, 12.8));
        assert_eq!(VARGARDA.clamp(LatLng::new(58.0, 10.0)), LatLng::new(58.0, 12.70));
        let inside = LatLng::new(58.0, 12.8);
        assert_eq!(VARGARDA.clamp(inside), inside);
    }

    #[test]
    fn center_and_validity() {
        let c = VARGARDA.center();
        assert!((c.lat - 58.025).abs() < 1e-9 && (c.lng - 12.80).abs() < 1e-9);
        assert!(VARGARDA.is_valid());
        assert!(!BBox::new(58.0, 12.0, 57.0, 13.0).is_valid(), "south above north");
        assert!(!BBox::new(-91.0, 12.0, 57.0, 13.0).is_valid());
    }

    #[test]
    fn earth_range() {
        assert!(LatLng::new(90.0, -180.0).is_on_earth());
        assert!(!LatLng::new(90.1, 0.0).is_on_earth());
        assert!(!LatLng::new(0.0, 180.5).is_on_earth());
        assert!(!LatLng::new(0.0, f64::INFINITY).is_on_earth());
    }

    /// A square with a square hole:  (0,0)–(0,4)–(4,4)–(4,0), hole (1,1)–(1,2)–(2,2)–(2,1),
    /// in (lat, lng) degrees.
    fn square_with_hole() -> Polygon {
        let ring = |pts: &[(f64, f64)]| pts.iter().map(|&(lat, lng)| LatLng::new(lat, lng)).collect();
        Polygon {
            rings: vec![
                ring(&[(0.0, 0.0), (0.0, 4.0), (4.0, 4.0), (4.0, 0.0)]),
                ring(&[(1.0, 1.0), (1.0, 2.0), (2.0, 2.0), (2.0, 1.0), (1.0, 1.0)]),
            ],
        }
    }

    #[test]
    fn polygon_inside_outside_and_holes() {
        let p = square_with_hole();
        assert!(p.contains(LatLng::new(3.0, 3.0)), "inside");
        assert!(!p.contains(LatLng::new(5.0, 3.0)), "outside");
        assert!(!p.contains(LatLng::new(1.5, 1.5)), "in the hole");
        assert!(p.contains(LatLng::new(0.5, 1.5)), "beside the hole");
    }

    #[test]
    fn polygon_edges_and_near_edges() {
        let p = square_with_hole();
        assert!(p.contains(LatLng::new(0.0, 2.0)), "on the outline");
        assert!(p.contains(LatLng::new(4.0, 4.0)), "on a corner");
        assert!(!p.contains(LatLng::new(-1e-9, 2.0)), "just outside the outline");
        assert!(p.contains(LatLng::new(1e-9, 2.0)), "just inside the outline");
        assert!(p.contains(LatLng::new(1.0, 1.5)), "on the hole's edge belongs to the area");
        assert!(!p.contains(LatLng::new(1.0 + 1e-9, 1.5)), "just inside the hole");
        assert!(!Polygon { rings: vec![] }.contains(LatLng::new(0.0, 0.0)));
    }

    #[test]
    fn areas_are_matched_in_order() {
        let square = |id: &str, south: f64| Area {
            id: id.into(),
            name: id.into(),
            polygons: vec![Polygon {
                rings: vec![vec![
                    LatLng::new(south, 0.0),
                    LatLng::new(south, 1.0),
                    LatLng::new(south + 1.0, 1.0),
                    LatLng::new(south + 1.0, 0.0),
                ]],
            }],
        };
        let areas = [square("south", 0.0), square("north", 1.0)];
        assert_eq!(area_of(&areas, LatLng::new(0.5, 0.5)).map(|a| a.id.as_str()), Some("south"));
        assert_eq!(area_of(&areas, LatLng::new(1.5, 0.5)).map(|a| a.id.as_str()), Some("north"));
        assert_eq!(
            area_of(&areas, LatLng::new(1.0, 0.5)).map(|a| a.id.as_str()),
            Some("south"),
            "shared border"
        );
        assert_eq!(area_of(&areas, LatLng::new(3.0, 0.5)), None);
    }

    #[test]
    fn coarsening_moves_at_most_half_a_cell_diagonal_and_groups_neighbours() {
        let door = LatLng::new(58.03371, 12.80832);
        let shown = coarsen(door, 50.0);
        assert!(distance_m(door, shown) <= 50.0 * std::f64::consts::SQRT_2 / 2.0 + 0.01);
        assert_ne!(shown, door);
        assert_eq!(coarsen(shown, 50.0), shown, "a cell centre stays put");
        let neighbour = LatLng::new(58.03372, 12.80833);
        assert_eq!(coarsen(neighbour, 50.0), shown, "a metre away: same cell");
    }

    #[test]
    fn distances() {
        let a = LatLng::new(58.0, 12.0);
        assert!((distance_m(a, LatLng::new(58.001, 12.0)) - 111.32).abs() < 0.01);
        assert!((distance_m(a, LatLng::new(58.0, 12.001)) - 58.99).abs() < 0.05);
    }
}
