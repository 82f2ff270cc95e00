//! The municipality's safety walks (see `tryggve_core::walk`).

use serde::Deserialize;
use tryggve_core::walk::{Walk, WalkDraft, WalkState};
use tryggve_core::LatLng;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

fn number(value: i64) -> JsValue {
    JsValue::from(value as f64)
}

const COLUMNS: &str = "id, title, area, starts_at, meeting_lat, meeting_lng, route, organiser, \
                       organisations, description, state, code_hash IS NOT NULL AS has_code";

#[derive(Deserialize)]
struct Row {
    id: i64,
    title: String,
    area: String,
    starts_at: String,
    meeting_lat: f64,
    meeting_lng: f64,
    route: String,
    organiser: String,
    organisations: String,
    description: String,
    state: String,
    has_code: f64,
    /// Read only where a participant's code or pass is checked.
    #[serde(default)]
    code_hash: Option<String>,
}

impl Row {
    fn into_walk(self) -> Result<Walk, ApiError> {
        let broken = |what: &str| ApiError::Internal(format!("walk {}: {what}", self.id));
        let route: Vec<LatLng> = serde_json::from_str(&self.route).map_err(|_| broken("route"))?;
        let state = WalkState::from_id(&self.state).ok_or_else(|| broken("state"))?;
        Ok(Walk {
            id: self.id,
            draft: WalkDraft {
                title: self.title,
                area: self.area,
                starts_at: self.starts_at,
                meeting_point: LatLng::new(self.meeting_lat, self.meeting_lng),
                route,
                organiser: self.organiser,
                organisations: self.organisations,
                description: self.description,
            },
            state,
            has_code: self.has_code != 0.0,
        })
    }
}

/// The tenant's walks, the soonest first.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<Walk>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM walks WHERE tenant_id = ?1 ORDER BY starts_at, id");
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(Row::into_walk).collect()
}

/// The tenant's walks residents are told of (planned or under way, and those whose protocol is
/// published), the soonest first.
pub async fn announced(db: &D1Database, tenant: &str) -> Result<Vec<Walk>, ApiError> {
    let sql = format!(
        "SELECT {COLUMNS} FROM walks WHERE tenant_id = ?1 AND state IN ('planned', 'under_way', 'protocol_published') \
         ORDER BY starts_at, id"
    );
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(Row::into_walk).collect()
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<Walk>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM walks WHERE tenant_id = ?1 AND id = ?2");
    let row: Option<Row> = db.prepare(sql).bind(&[tenant.into(), number(id)])?.first(None).await?;
    row.map(Row::into_walk).transpose()
}

/// Walk `id` and its code's hash (if it has a code), in one read: what checking a participant's
/// code or pass needs.
pub async fn find_with_code(
    db: &D1Database,
    tenant: &str,
    id: i64,
) -> Result<Option<(Walk, Option<String>)>, ApiError> {
    let sql = format!("SELECT {COLUMNS}, code_hash FROM walks WHERE tenant_id = ?1 AND id = ?2");
    let row: Option<Row> = db.prepare(sql).bind(&[tenant.into(), number(id)])?.first(None).await?;
    row.map(|mut row| {
        let hash = row.code_hash.take();
        row.into_walk().map(|walk| (walk, hash))
    })
    .transpose()
}

fn draft_values(draft: &WalkDraft) -> Result<[JsValue; 9], ApiError> {
    let route = serde_json::to_string(&draft.route).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok([
        draft.title.as_str().into(),
        draft.area.as_str().into(),
        draft.starts_at.as_str().into(),
        draft.meeting_point.lat.into(),
        draft.meeting_point.lng.into(),
        route.into(),
        draft.organiser.as_str().into(),
        draft.organisations.as_str().into(),
        draft.description.as_str().into(),
    ])
}

/// Adds a planned walk, `audit` in the same batch; its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    draft: &WalkDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let sql = "INSERT INTO walks (title, area, starts_at, meeting_lat, meeting_lng, route, organiser, \
               organisations, description, tenant_id, created_at, updated_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11) RETURNING id";
    let mut values = draft_values(draft)?.to_vec();
    values.extend([tenant.into(), now.into()]);
    let insert = db.prepare(sql).bind(&values)?;
    super::insert_returning_id(db, insert, audit)
        .await?
        .ok_or_else(|| ApiError::Internal("a walk was not added".into()))
}

/// Changes walk `id`'s plan, `audit` in the same batch.
pub async fn update(
    db: &D1Database,
    tenant: &str,
    id: i64,
    draft: &WalkDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql = "UPDATE walks SET title = ?1, area = ?2, starts_at = ?3, meeting_lat = ?4, meeting_lng = ?5, \
               route = ?6, organiser = ?7, organisations = ?8, description = ?9, updated_at = ?12 \
               WHERE tenant_id = ?10 AND id = ?11";
    let mut values = draft_values(draft)?.to_vec();
    values.extend([tenant.into(), number(id), now.into()]);
    db.batch(vec![db.prepare(sql).bind(&values)?, audit]).await?;
    Ok(())
}

/// Moves walk `id` from `from` to `to` (only if it is still in `from`: two coordinators acting
/// at once do not both move it), `audit` in the same batch and only if it moved; whether it did.
pub async fn move_state(
    db: &D1Database,
    tenant: &str,
    id: i64,
    (from, to): (WalkState, WalkState),
    now: &str,
    audit: D1PreparedStatement,
) -> Result<bool, ApiError> {
    let sql = "UPDATE walks SET state = ?4, updated_at = ?5 WHERE tenant_id = ?1 AND id = ?2 AND state = ?3";
    let update =
        db.prepare(sql).bind(&[tenant.into(), number(id), from.id().into(), to.id().into(), now.into()])?;
    let results = db.batch(vec![update, audit]).await?;
    let changed = results.first().and_then(|r| r.meta().ok().flatten()).and_then(|m| m.changes).unwrap_or(0);
    Ok(changed > 0)
}

/// Sets walk `id`'s code hash, `audit` in the same batch.
pub async fn set_code(
    db: &D1Database,
    tenant: &str,
    id: i64,
    hash: &str,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql = "UPDATE walks SET code_hash = ?3, updated_at = ?4 WHERE tenant_id = ?1 AND id = ?2";
    db.batch(vec![db.prepare(sql).bind(&[tenant.into(), number(id), hash.into(), now.into()])?, audit])
        .await?;
    Ok(())
}
