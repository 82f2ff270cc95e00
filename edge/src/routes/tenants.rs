use tryggve_core::tenant::is_valid_tenant_id;
use worker::{D1Database, Response};

use super::Caller;
use crate::error::ApiError;
use crate::{http, store};

/// `GET /api/v1/tenants/{tenant}/config`: what the widget needs to draw its form and map.
pub async fn config(db: &D1Database, tenant: &str, caller: &Caller) -> Result<Response, ApiError> {
    if !is_valid_tenant_id(tenant) {
        return Err(ApiError::UnknownTenant { in_body: false });
    }
    let config =
        store::tenants::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    caller.check(db, tenant).await?;
    Ok(http::json(200, &config))
}
