use worker::{D1Database, Response};

use super::Caller;
use crate::error::ApiError;
use crate::http;

/// `GET /api/v1/tenants/{tenant}/config`: what the widget needs to draw its form and map. The
/// most frequent request of all (every page view): served from the isolate's serialised copy.
pub async fn config(db: &D1Database, tenant: &str, caller: &Caller) -> Result<Response, ApiError> {
    let json =
        super::public_tenant_as(db, tenant, caller, || crate::tenant_cache::config_json(db, tenant)).await?;
    Ok(http::json_text(200, &json))
}
