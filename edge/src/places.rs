//! Where a point is in words, and places by name (see `tryggve_core::place_name`): the
//! municipality's geocoder, asked by the edge and its answers cached in D1, with the
//! municipality's own areas and named layer features as the fallback. A geocoder that fails,
//! answers nonsense or is not configured never fails what asked: the own names answer.

use tryggve_core::geo::area_of;
use tryggve_core::place_name::{
    found_places, own_place_name, own_places_matching, place_name, reverse_key, search_key, street_of,
    FoundPlace, PlaceName, MAX_FOUND,
};
use tryggve_core::{LatLng, TenantConfig};
use worker::D1Database;

use crate::client::ClientKey;
use crate::error::ApiError;
use crate::outside::{self, Unanswered};
use crate::store::place_names::Asked;
use crate::{clock, limits, store};

/// How long the geocoder has to answer: a resident is waiting to hear where the pin is.
const TIMEOUT_MS: u32 = 4_000;
/// How often one client may have the geocoder asked (answers already cached do not count).
/// Public Nominatim allows one request a second in all; a municipality's own service more.
pub const ASKS_PER_HOUR: u32 = 120;

/// The municipality's geocoder: over HTTP, or in a test, anything that answers for an address.
pub trait Geocoder {
    async fn ask(&self, url: &str) -> Result<String, Unanswered>;
}

pub struct HttpGeocoder;

impl Geocoder for HttpGeocoder {
    async fn ask(&self, url: &str) -> Result<String, Unanswered> {
        outside::get_text(url, "Tryggve-PlaceNames/1", TIMEOUT_MS).await
    }
}

/// The place names of one municipality, for one client (whose questions to the geocoder are
/// limited).
pub struct Places<'a, G: Geocoder> {
    pub db: &'a D1Database,
    pub config: &'a TenantConfig,
    pub geocoder: &'a G,
    pub asker: &'a ClientKey,
}

impl<G: Geocoder> Places<'_, G> {
    /// The name of the place at `point`: the geocoder's street and the area ("Storgatan,
    /// Centrum"), or by the municipality's own names, or none.
    pub async fn name_at(&self, point: LatLng) -> Result<Option<String>, ApiError> {
        let config = self.config;
        let street = match config.geocoder.is_configured() {
            true => self.street_at(point).await?,
            false => None,
        };
        if street.is_some() {
            return Ok(place_name(street.as_deref(), area_of(&config.areas, point).map(|a| a.name.as_str())));
        }
        // Only the layers residents may see: the name is said to a resident, and a console-only
        // layer's names (camera posts, say) are not for them.
        let layers = store::map_layers::list(self.db, &config.id, true).await?;
        Ok(own_place_name(point, &config.areas, &layers))
    }

    /// Places matching `query` (already checked by `search_key`): the geocoder's first, then the
    /// municipality's own, at most `MAX_FOUND`.
    pub async fn search(&self, query: &str) -> Result<Vec<FoundPlace>, ApiError> {
        let config = self.config;
        let mut found = match (config.geocoder.is_configured(), search_key(query)) {
            (true, Some(key)) => self.search_geocoder(&key).await?,
            _ => Vec::new(),
        };
        let layers = store::map_layers::list(self.db, &config.id, true).await?;
        for own in own_places_matching(query, &config.areas, &layers) {
            if found.iter().all(|f| f.name != own.name) {
                found.push(own);
            }
        }
        found.truncate(MAX_FOUND);
        Ok(found)
    }

    /// The street at `point` as the geocoder names it: cached, or asked (within the asker's
    /// limit; past it, none).
    async fn street_at(&self, point: LatLng) -> Result<Option<String>, ApiError> {
        let key = reverse_key(point);
        if let Some(cached) = self.cached(Asked::Reverse, &key).await? {
            return Ok(serde_json::from_str::<PlaceName>(&cached).ok().and_then(|p| p.name));
        }
        if limits::take(self.db, self.asker, ASKS_PER_HOUR, &clock::now_iso()).await.is_err() {
            return Ok(None);
        }
        let Some(answer) = self.ask(&self.config.geocoder.reverse_url(point)).await else {
            return Ok(None);
        };
        // Not JSON: nothing is known there, which is kept like an answer without a street.
        let street = serde_json::from_str(&answer).ok().as_ref().and_then(street_of);
        self.keep(Asked::Reverse, &key, &PlaceName { name: street.clone() }).await?;
        Ok(street)
    }

    async fn search_geocoder(&self, key: &str) -> Result<Vec<FoundPlace>, ApiError> {
        if let Some(cached) = self.cached(Asked::Search, key).await? {
            return Ok(serde_json::from_str(&cached).unwrap_or_default());
        }
        limits::take(self.db, self.asker, ASKS_PER_HOUR, &clock::now_iso()).await?;
        let bounds = &self.config.map.bounds;
        let Some(answer) = self.ask(&self.config.geocoder.search_url(key, bounds)).await else {
            return Ok(Vec::new());
        };
        let found: Vec<FoundPlace> =
            serde_json::from_str(&answer).map(|a| found_places(&a, bounds)).unwrap_or_default();
        self.keep(Asked::Search, key, &found).await?;
        Ok(found)
    }

    /// The geocoder's answer to `url`, or none (logged: the next question asks again).
    async fn ask(&self, url: &str) -> Option<String> {
        match self.geocoder.ask(url).await {
            Ok(answer) => Some(answer),
            Err(e) => {
                worker::console_warn!("geocoder of {} failed: {}", self.config.id, e.reason());
                None
            }
        }
    }

    async fn cached(&self, asked: Asked, key: &str) -> Result<Option<String>, ApiError> {
        store::place_names::cached(self.db, &self.config.id, asked, key).await
    }

    async fn keep(&self, asked: Asked, key: &str, answer: &impl serde::Serialize) -> Result<(), ApiError> {
        let kept = serde_json::to_string(answer).map_err(|e| ApiError::Internal(e.to_string()))?;
        store::place_names::keep(self.db, &self.config.id, asked, key, &kept, &clock::now_iso()).await
    }
}
