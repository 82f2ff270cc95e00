//! The police's recent events the municipality keeps (imported hourly, see `crate::police`).

use tryggve_core::api::operations::ListPoliceEvents;
use tryggve_core::api::path::TenantPath;
use tryggve_core::police_event::PoliceEvent;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::store;

/// `GET /api/v1/console/{tenant}/police-events`
impl Handler for ListPoliceEvents {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<PoliceEvent>>, ApiError> {
        Ok(Reply::Done(store::police_events::list(cx.db, &path.tenant).await?))
    }
}
