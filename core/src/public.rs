//! What anyone may see of approved reports on the public map: a coarsened place, the category
//! and status, and text only where a moderator chose to publish it.

use serde::{Deserialize, Serialize};

use crate::geo::{coarsen, LatLng};
use crate::report::ReportStatus;

/// Public places are shown as the centre of a cell of this size, never the exact spot.
pub const PUBLIC_CELL_METRES: f64 = 50.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicReport {
    pub lat: f64,
    pub lng: f64,
    pub category: String,
    pub status: ReportStatus,
    /// Only when a moderator approved the text for publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_comment: String,
}

impl PublicReport {
    /// An approved report as read for the public map (only what may be public: the text only
    /// if published), moved to the centre of its cell: never the exact spot.
    pub fn at_coarsened_place(read: PublicReport) -> PublicReport {
        let place = coarsen(LatLng::new(read.lat, read.lng), PUBLIC_CELL_METRES);
        PublicReport { lat: place.lat, lng: place.lng, ..read }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_report_is_never_at_the_exact_spot() {
        let exact = (58.03371, 12.80832);
        let read = PublicReport {
            lat: exact.0,
            lng: exact.1,
            category: "graffiti".into(),
            status: ReportStatus::Reviewed,
            description: None,
            public_comment: String::new(),
        };
        let shown = PublicReport::at_coarsened_place(read.clone());
        assert!((shown.lat, shown.lng) != exact);
        let d = crate::geo::distance_m(LatLng::new(shown.lat, shown.lng), LatLng::new(exact.0, exact.1));
        assert!(d < 40.0, "{d}");
        assert_eq!(
            PublicReport { lat: exact.0, lng: exact.1, ..shown.clone() },
            read,
            "nothing else changes"
        );
        // Reports a few metres apart land on the same spot.
        let near = PublicReport::at_coarsened_place(PublicReport { lat: exact.0 + 0.00001, ..read });
        assert_eq!((near.lat, near.lng), (shown.lat, shown.lng));
    }
}
