//! Place names for residents (see `crate::places`): where a pin is in words, and a search that
//! moves the map to an address.

use tryggve_core::api::operations::{NamePlace, SearchPlaces};
use tryggve_core::api::path::TenantPath;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::place_name::{position_from_query, search_key, FoundPlace, PlaceName, MIN_QUERY_CHARS};

use super::{Cx, Handler, Reply};
use crate::client;
use crate::error::ApiError;
use crate::places::{HttpGeocoder, Places};

/// `GET /api/v1/tenants/{tenant}/place-name?lat=…&lng=…`
impl Handler for NamePlace {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<PlaceName>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let pairs: Vec<_> = form_urlencoded::parse(cx.target.query.as_bytes()).collect();
        let point =
            position_from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), &config.map.bounds)
                .map_err(ApiError::Invalid)?;
        let env = cx.env;
        let key = client::key(cx.req(), env, &format!("place:{}", config.id))?;
        let places = Places { db: cx.db, config: &config, geocoder: &HttpGeocoder, asker: &key };
        let name = places.name_at(point).await?;
        Ok(Reply::Done(PlaceName { name }))
    }
}

/// `GET /api/v1/tenants/{tenant}/places?q=…`
impl Handler for SearchPlaces {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<FoundPlace>>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let query = form_urlencoded::parse(cx.target.query.as_bytes())
            .find(|(key, _)| key == "q")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if search_key(&query).is_none() {
            let short = query.trim().chars().count() < MIN_QUERY_CHARS;
            let code = if short { FieldErrorCode::Required } else { FieldErrorCode::TooLong };
            return Err(ApiError::Invalid(FieldError::new("q", code)));
        }
        let env = cx.env;
        let key = client::key(cx.req(), env, &format!("place:{}", config.id))?;
        let places = Places { db: cx.db, config: &config, geocoder: &HttpGeocoder, asker: &key };
        let found = places.search(&query).await?;
        Ok(Reply::Done(found))
    }
}
