use worker::{D1Database, Response};

use super::Caller;
use crate::error::ApiError;
use crate::http;

/// `GET /api/v1/tenants/{tenant}/config`: what the widget needs to draw its form and map.
pub async fn config(db: &D1Database, tenant: &str, caller: &Caller) -> Result<Response, ApiError> {
    Ok(http::json(200, &super::public_tenant(db, tenant, caller).await?))
}
