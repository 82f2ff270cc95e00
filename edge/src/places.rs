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

/// Who asks, for the limit on asking the geocoder.
pub struct Asker<'a> {
    pub key: &'a ClientKey,
}

/// The name of the place at `point`: the geocoder's street and the area ("Storgatan,
/// Centrum"), or by the municipality's own names, or none.
pub async fn name_at(
    db: &D1Database,
    config: &TenantConfig,
    point: LatLng,
    geocoder: &impl Geocoder,
    asker: Asker<'_>,
) -> Result<Option<String>, ApiError> {
    let street = match config.geocoder.is_configured() {
        true => street_at(db, config, point, geocoder, asker).await?,
        false => None,
    };
    if street.is_some() {
        return Ok(place_name(street.as_deref(), area_of(&config.areas, point).map(|a| a.name.as_str())));
    }
    // Only the layers residents may see: the name is said to a resident, and a console-only
    // layer's names (camera posts, say) are not for them.
    let layers = store::map_layers::list(db, &config.id, true).await?;
    Ok(own_place_name(point, &config.areas, &layers))
}

/// The street at `point` as the geocoder names it: cached, or asked (within the asker's limit).
async fn street_at(
    db: &D1Database,
    config: &TenantConfig,
    point: LatLng,
    geocoder: &impl Geocoder,
    asker: Asker<'_>,
) -> Result<Option<String>, ApiError> {
    let key = reverse_key(point);
    if let Some(cached) = store::place_names::cached(db, &config.id, Asked::Reverse, &key).await? {
        return Ok(serde_json::from_str::<PlaceName>(&cached).ok().and_then(|p| p.name));
    }
    let now = clock::now_iso();
    if limits::take(db, asker.key, ASKS_PER_HOUR, &now).await.is_err() {
        return Ok(None);
    }
    let answer = match geocoder.ask(&config.geocoder.reverse_url(point)).await {
        Ok(answer) => answer,
        Err(e) => {
            worker::console_warn!("geocoder of {} (reverse) failed: {}", config.id, e.reason());
            return Ok(None);
        }
    };
    // Not JSON: nothing is known there, which is kept like an answer without a street.
    let street = serde_json::from_str(&answer).ok().as_ref().and_then(street_of);
    let kept = serde_json::to_string(&PlaceName { name: street.clone() })
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    store::place_names::keep(db, &config.id, Asked::Reverse, &key, &kept, &now).await?;
    Ok(street)
}

/// Places matching `query` (already checked by `search_key`): the geocoder's first, then the
/// municipality's own, at most `MAX_FOUND`.
pub async fn search(
    db: &D1Database,
    config: &TenantConfig,
    query: &str,
    geocoder: &impl Geocoder,
    asker: Asker<'_>,
) -> Result<Vec<FoundPlace>, ApiError> {
    let mut found = match (config.geocoder.is_configured(), search_key(query)) {
        (true, Some(key)) => search_geocoder(db, config, &key, geocoder, asker).await?,
        _ => Vec::new(),
    };
    let layers = store::map_layers::list(db, &config.id, true).await?;
    for own in own_places_matching(query, &config.areas, &layers) {
        if found.iter().all(|f| f.name != own.name) {
            found.push(own);
        }
    }
    found.truncate(MAX_FOUND);
    Ok(found)
}

async fn search_geocoder(
    db: &D1Database,
    config: &TenantConfig,
    key: &str,
    geocoder: &impl Geocoder,
    asker: Asker<'_>,
) -> Result<Vec<FoundPlace>, ApiError> {
    if let Some(cached) = store::place_names::cached(db, &config.id, Asked::Search, key).await? {
        return Ok(serde_json::from_str(&cached).unwrap_or_default());
    }
    let now = clock::now_iso();
    limits::take(db, asker.key, ASKS_PER_HOUR, &now).await?;
    let answer = match geocoder.ask(&config.geocoder.search_url(key, &config.map.bounds)).await {
        Ok(answer) => answer,
        Err(e) => {
            worker::console_warn!("geocoder of {} (search) failed: {}", config.id, e.reason());
            return Ok(Vec::new());
        }
    };
    let found =
        serde_json::from_str(&answer).map(|a| found_places(&a, &config.map.bounds)).unwrap_or_default();
    let kept = serde_json::to_string(&found).map_err(|e| ApiError::Internal(e.to_string()))?;
    store::place_names::keep(db, &config.id, Asked::Search, key, &kept, &now).await?;
    Ok(found)
}
