//! The municipality's map layers (see `tryggve_core::map_layer`): each read whole, its
//! features JSON in one column.

use serde::Deserialize;
use tryggve_core::map_layer::{LayerColour, LayerDraft, MapLayer};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
struct Row {
    id: i64,
    name: String,
    colour: String,
    public: f64,
    features: String,
}

impl Row {
    fn into_layer(self) -> Result<MapLayer, ApiError> {
        let broken = |what: &str| ApiError::Internal(format!("map layer {}: {what}", self.id));
        let colour = LayerColour::from_id(&self.colour).ok_or_else(|| broken("colour"))?;
        let features = serde_json::from_str(&self.features).map_err(|_| broken("features"))?;
        Ok(MapLayer {
            id: self.id,
            draft: LayerDraft { name: self.name, colour, public: self.public != 0.0, features },
        })
    }
}

/// The tenant's layers (only those residents may see when `public_only`), oldest first.
pub async fn list(db: &D1Database, tenant: &str, public_only: bool) -> Result<Vec<MapLayer>, ApiError> {
    let only = if public_only { "AND public = 1" } else { "" };
    let sql = format!(
        "SELECT id, name, colour, public, features FROM map_layers WHERE tenant_id = ?1 {only} ORDER BY id"
    );
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(Row::into_layer).collect()
}

/// Adds a layer, `audit` recorded in the same batch (for the new row); its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    layer: &LayerDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let features = serde_json::to_string(&layer.features).map_err(|e| ApiError::Internal(e.to_string()))?;
    let sql = "INSERT INTO map_layers (tenant_id, name, colour, public, features, created_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
    let values: [JsValue; 6] = [
        tenant.into(),
        layer.name.as_str().into(),
        layer.colour.id().into(),
        JsValue::from(if layer.public { 1.0 } else { 0.0 }),
        features.into(),
        now.into(),
    ];
    super::insert_returning_id(db, db.prepare(sql).bind(&values)?, audit)
        .await?
        .ok_or_else(|| ApiError::Internal("map layer not inserted".into()))
}

/// Removes layer `id`, `audit` in the same batch (recorded only if it removed one, see
/// `audit::record_if_changed`); whether there was one.
pub async fn remove(
    db: &D1Database,
    tenant: &str,
    id: i64,
    audit: D1PreparedStatement,
) -> Result<bool, ApiError> {
    let sql = "DELETE FROM map_layers WHERE tenant_id = ?1 AND id = ?2";
    let results =
        db.batch(vec![db.prepare(sql).bind(&[tenant.into(), JsValue::from(id as f64)])?, audit]).await?;
    let removed = match results.first() {
        Some(result) => result.meta()?.and_then(|m| m.changes).unwrap_or(0),
        None => 0,
    };
    Ok(removed > 0)
}
