//! The municipality's own map layers: admins upload them as GeoJSON and remove them;
//! moderators see them all beside the reports, residents those the municipality made public.

use tryggve_core::api::operations::{AddMapLayer, ListMapLayers, ListPublicMapLayers, RemoveMapLayer};
use tryggve_core::api::path::{LayerPath, TenantPath};
use tryggve_core::map_layer::{LayerUpload, MapLayer, PublicLayer};
use tryggve_core::police_event::public_events_layer;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::public_cache::{self, Subject};
use crate::store::audit::{self, NewEntry};
use crate::{clock, store};

/// `GET /api/v1/console/{tenant}/layers`
impl Handler for ListMapLayers {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<MapLayer>>, ApiError> {
        Ok(Reply::Done(store::map_layers::list(cx.db, &path.tenant, false).await?))
    }
}

/// `GET /api/v1/tenants/{tenant}/layers`: the public ones, as residents get them (from the
/// edge cache: with the police's events shown, each read would otherwise read them from D1).
impl Handler for ListPublicMapLayers {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<PublicLayer>>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let shown = public_cache::through(cx, tenant, Subject::Layers, async move {
            let layers = store::map_layers::list(db, tenant, true).await?;
            let mut shown: Vec<PublicLayer> = layers.iter().map(MapLayer::for_residents).collect();
            // The police's events, last, when the municipality shows them to residents.
            if config.police.public {
                let events = store::police_events::list(db, tenant).await?;
                if !events.is_empty() {
                    shown.push(public_events_layer(&events, config.police.days));
                }
            }
            Ok(shown)
        });
        Ok(Reply::Passed(shown.await?))
    }
}

/// `POST /api/v1/console/{tenant}/layers` with a [`LayerUpload`]: 201 with the stored layer, or
/// 422 naming the first thing wrong in the file (nothing stored).
impl Handler for AddMapLayer {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        upload: LayerUpload,
    ) -> Result<Reply<MapLayer>, ApiError> {
        let draft = upload.validated().map_err(ApiError::InvalidLayer)?;
        let (db, admin, now) = (cx.db, cx.moderator()?, clock::now_iso());
        // The entry names the layer and what it holds, not its coordinates.
        let summary = format!("{} ({} features, {})", draft.name, draft.features.len(), draft.colour.id());
        let entry = NewEntry::by(admin, "map_layer.add", "map layer ", &now).change(String::new(), summary);
        let record = audit::record_for_new_row(db, &entry)?;
        let id = store::map_layers::insert(db, &path.tenant, &draft, &now, record).await?;
        if draft.public {
            public_cache::changed(&path.tenant, Subject::Layers).await?;
        }
        Ok(Reply::Done(MapLayer { id, draft }))
    }
}

/// `DELETE /api/v1/console/{tenant}/layers/{layer}`: 204, or 404 for no such layer.
impl Handler for RemoveMapLayer {
    async fn handle(cx: &mut Cx<'_>, path: LayerPath, _: ()) -> Result<Reply<()>, ApiError> {
        let (db, admin, now) = (cx.db, cx.moderator()?, clock::now_iso());
        let subject = format!("map layer {}", path.layer);
        let record = audit::record_if_changed(db, &NewEntry::by(admin, "map_layer.remove", &subject, &now))?;
        match store::map_layers::remove(db, &path.tenant, path.layer, record).await? {
            true => {
                public_cache::changed(&path.tenant, Subject::Layers).await?;
                Ok(Reply::Done(()))
            }
            false => Err(ApiError::NotFound),
        }
    }
}
