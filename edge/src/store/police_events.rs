//! The police's recent events each municipality keeps (see `tryggve_core::police_event`).

use serde::Deserialize;
use tryggve_core::police_event::PoliceEvent;
use tryggve_core::LatLng;
use wasm_bindgen::JsValue;
use worker::D1Database;

use crate::error::ApiError;

#[derive(Deserialize)]
struct Row {
    id: f64,
    occurred_at: String,
    month: String,
    kind: String,
    name: String,
    summary: String,
    location: String,
    lat: f64,
    lng: f64,
    url: String,
}

impl From<Row> for PoliceEvent {
    fn from(r: Row) -> Self {
        PoliceEvent {
            id: r.id as i64,
            occurred_at: r.occurred_at,
            month: r.month,
            kind: r.kind,
            name: r.name,
            summary: r.summary,
            location: r.location,
            position: LatLng::new(r.lat, r.lng),
            url: r.url,
        }
    }
}

/// Stores `events` in one batch: a new id is added, a known one replaced by its newer version.
pub async fn keep(db: &D1Database, tenant: &str, events: &[PoliceEvent], now: &str) -> Result<(), ApiError> {
    if events.is_empty() {
        return Ok(());
    }
    let sql = "INSERT INTO police_events \
               (tenant_id, id, occurred_at, month, kind, name, summary, location, lat, lng, url, fetched_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) \
               ON CONFLICT (tenant_id, id) DO UPDATE SET occurred_at = excluded.occurred_at, \
               month = excluded.month, kind = excluded.kind, name = excluded.name, \
               summary = excluded.summary, location = excluded.location, lat = excluded.lat, \
               lng = excluded.lng, url = excluded.url, fetched_at = excluded.fetched_at";
    let mut statements = Vec::with_capacity(events.len());
    for e in events {
        let values: [JsValue; 12] = [
            tenant.into(),
            JsValue::from(e.id as f64),
            e.occurred_at.as_str().into(),
            e.month.as_str().into(),
            e.kind.as_str().into(),
            e.name.as_str().into(),
            e.summary.as_str().into(),
            e.location.as_str().into(),
            e.position.lat.into(),
            e.position.lng.into(),
            e.url.as_str().into(),
            now.into(),
        ];
        statements.push(db.prepare(sql).bind(&values)?);
    }
    db.batch(statements).await?;
    Ok(())
}

/// Removes the tenant's events that happened before `since`.
pub async fn remove_before(db: &D1Database, tenant: &str, since: &str) -> Result<(), ApiError> {
    let sql = "DELETE FROM police_events WHERE tenant_id = ?1 AND occurred_at < ?2";
    db.prepare(sql).bind(&[tenant.into(), since.into()])?.run().await?;
    Ok(())
}

/// The tenant's events, the newest first.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<PoliceEvent>, ApiError> {
    let sql = "SELECT id, occurred_at, month, kind, name, summary, location, lat, lng, url \
               FROM police_events WHERE tenant_id = ?1 ORDER BY occurred_at DESC, id DESC";
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(PoliceEvent::from).collect())
}
