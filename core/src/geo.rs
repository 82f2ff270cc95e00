//! Points and boxes on the map, in WGS 84 degrees (what Leaflet and GeoJSON use).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

    pub fn is_valid(&self) -> bool {
        let corners = [LatLng::new(self.south, self.west), LatLng::new(self.north, self.east)];
        corners.iter().all(LatLng::is_on_earth) && self.south < self.north && self.west < self.east
    }
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
}
