//! Place names for the report form (see `tryggve_core::place_name`): the edge names where the
//! pin is and finds places by name, so that a resident hears "Storgatan, Centrum" rather than
//! coordinates and can move the map to an address. The edge asks the municipality's geocoder,
//! so the resident's browser talks to no third party.

use tryggve_core::place_name::FoundPlace;
use tryggve_core::LatLng;

use crate::api::{ApiError, Edge};

/// The edge's place names of one municipality.
#[derive(Clone)]
pub struct PlaceNames {
    edge: Edge,
    tenant: String,
}

impl PlaceNames {
    pub fn new(edge: Edge, tenant: String) -> Self {
        Self { edge, tenant }
    }

    /// Where `point` is in words, if the edge knows (offline, or nothing named there: `None`).
    pub async fn name_at(&self, point: LatLng) -> Option<String> {
        self.edge.place_name(&self.tenant, point).await.ok()?
    }

    pub async fn search(&self, query: &str) -> Result<Vec<FoundPlace>, ApiError> {
        self.edge.search_places(&self.tenant, query).await
    }
}
