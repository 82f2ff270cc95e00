use tryggve_core::api::operations::ReadConfig;
use tryggve_core::api::path::TenantPath;
use tryggve_core::TenantConfig;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;

/// `GET /api/v1/tenants/{tenant}/config`: what the widget needs to draw its form and map. The
/// most frequent request of all (every page view): the isolate's serialised copy, which the
/// dispatcher has already found.
impl Handler for ReadConfig {
    async fn handle(cx: &mut Cx<'_>, _: TenantPath, _: ()) -> Result<Reply<TenantConfig>, ApiError> {
        Ok(Reply::Serialised(cx.tenant_json()?))
    }
}
