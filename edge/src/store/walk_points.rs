//! The points participants log on a safety walk (see `tryggve_core::walk_point`).

use serde::Deserialize;
use tryggve_core::geo::BBox;
use tryggve_core::report::case_number;
use tryggve_core::review_map::{WalkMarker, WALK_MARKER_LIMIT};
use tryggve_core::walk_dark_spots::WalkSpot;
use tryggve_core::walk_point::{WalkCategory, WalkPoint, WalkPointDraft};
use tryggve_core::walk_review::{ReviewedWalkPoint, WalkPointState};
use tryggve_core::LatLng;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

fn number(value: i64) -> JsValue {
    JsValue::from(value as f64)
}

/// A point with what the coordinator made of it and the case number of the report it became
/// (`report_year`, `report_seq`); participants' reads take the point alone.
const SELECT: &str = "SELECT p.id, p.idempotency_key, p.lat, p.lng, p.category, p.note, p.unsafe_level, \
                      p.logged_at, p.state, p.merged_into, r.case_year AS report_year, \
                      r.case_seq AS report_seq FROM walk_points p LEFT JOIN reports r ON r.id = p.report_id";

#[derive(Deserialize)]
struct Row {
    id: i64,
    idempotency_key: String,
    lat: f64,
    lng: f64,
    category: String,
    note: String,
    unsafe_level: Option<f64>,
    logged_at: String,
    state: String,
    merged_into: Option<f64>,
    report_year: Option<f64>,
    report_seq: Option<f64>,
}

impl Row {
    fn into_reviewed(self) -> Result<ReviewedWalkPoint, ApiError> {
        let broken = |what: &str| ApiError::Internal(format!("walk point {}: {what}", self.id));
        let category = WalkCategory::from_id(&self.category).ok_or_else(|| broken("category"))?;
        let state = WalkPointState::from_id(&self.state).ok_or_else(|| broken("state"))?;
        Ok(ReviewedWalkPoint {
            point: WalkPoint {
                id: self.id,
                idempotency_key: self.idempotency_key,
                position: LatLng::new(self.lat, self.lng),
                category,
                note: self.note,
                unsafe_level: self.unsafe_level.map(|l| l as u8),
                logged_at: self.logged_at,
            },
            state,
            merged_into: self.merged_into.map(|id| id as i64),
            report: self.report_year.zip(self.report_seq).map(|(y, s)| case_number(y as i32, s as u32)),
        })
    }

    fn into_point(self) -> Result<WalkPoint, ApiError> {
        Ok(self.into_reviewed()?.point)
    }
}

/// The points of `walk` its participants see (none a coordinator rejected or merged away), in
/// the order they were logged.
pub async fn of_walk(db: &D1Database, tenant: &str, walk: i64) -> Result<Vec<WalkPoint>, ApiError> {
    let sql =
        format!("{SELECT} WHERE p.tenant_id = ?1 AND p.walk_id = ?2 AND p.state = 'kept' ORDER BY p.id");
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into(), number(walk)])?.all().await?.results()?;
    rows.into_iter().map(Row::into_point).collect()
}

/// The point of `walk` logged under `key`, if one was.
pub async fn by_key(
    db: &D1Database,
    tenant: &str,
    walk: i64,
    key: &str,
) -> Result<Option<WalkPoint>, ApiError> {
    let sql = format!("{SELECT} WHERE p.tenant_id = ?1 AND p.walk_id = ?2 AND p.idempotency_key = ?3");
    let row: Option<Row> =
        db.prepare(sql).bind(&[tenant.into(), number(walk), key.into()])?.first(None).await?;
    row.map(Row::into_point).transpose()
}

/// Stores a point of `walk`; `None` if a point under the same key got there first (the same
/// point sent twice at once).
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    walk: i64,
    draft: &WalkPointDraft,
    now: &str,
) -> Result<Option<WalkPoint>, ApiError> {
    let sql = "INSERT INTO walk_points (tenant_id, walk_id, idempotency_key, lat, lng, category, note, \
               unsafe_level, logged_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) \
               ON CONFLICT (tenant_id, walk_id, idempotency_key) DO NOTHING RETURNING id";
    let level = draft.unsafe_level.map_or(JsValue::NULL, |l| JsValue::from(f64::from(l)));
    let values = [
        tenant.into(),
        number(walk),
        draft.idempotency_key.as_str().into(),
        draft.position.lat.into(),
        draft.position.lng.into(),
        draft.category.id().into(),
        draft.note.as_str().into(),
        level,
        now.into(),
    ];
    let id: Option<f64> = db.prepare(sql).bind(&values)?.first(Some("id")).await?;
    Ok(id.map(|id| WalkPoint {
        id: id as i64,
        idempotency_key: draft.idempotency_key.clone(),
        position: draft.position,
        category: draft.category,
        note: draft.note.clone(),
        unsafe_level: draft.unsafe_level,
        logged_at: now.to_string(),
    }))
}

/// How many points `walk` has that its participants see.
pub async fn count(db: &D1Database, tenant: &str, walk: i64) -> Result<u32, ApiError> {
    let sql =
        "SELECT COUNT(*) AS n FROM walk_points WHERE tenant_id = ?1 AND walk_id = ?2 AND state = 'kept'";
    let n: Option<f64> = db.prepare(sql).bind(&[tenant.into(), number(walk)])?.first(Some("n")).await?;
    Ok(n.unwrap_or(0.0) as u32)
}

/// Every point of `walk`, whatever a coordinator made of it, in the order they were logged.
pub async fn reviewed(db: &D1Database, tenant: &str, walk: i64) -> Result<Vec<ReviewedWalkPoint>, ApiError> {
    let sql = format!("{SELECT} WHERE p.tenant_id = ?1 AND p.walk_id = ?2 ORDER BY p.id");
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into(), number(walk)])?.all().await?.results()?;
    rows.into_iter().map(Row::into_reviewed).collect()
}

/// Saves a coordinator's correction of point `point.id` of `walk`, `audit` in the same batch.
pub async fn edit(
    db: &D1Database,
    (tenant, walk): (&str, i64),
    point: &WalkPoint,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql = "UPDATE walk_points SET lat = ?4, lng = ?5, category = ?6, note = ?7, unsafe_level = ?8, \
               updated_at = ?9 WHERE tenant_id = ?1 AND walk_id = ?2 AND id = ?3";
    let level = point.unsafe_level.map_or(JsValue::NULL, |l| JsValue::from(f64::from(l)));
    let values = [
        tenant.into(),
        number(walk),
        number(point.id),
        point.position.lat.into(),
        point.position.lng.into(),
        point.category.id().into(),
        point.note.as_str().into(),
        level,
        now.into(),
    ];
    db.batch(vec![db.prepare(sql).bind(&values)?, audit]).await?;
    Ok(())
}

/// Moves point `point.point.id` of `walk` to its state (and merge target), `audit` in the same
/// batch. Points merged into it keep pointing at it (and count with it while it is kept); when
/// it is itself merged, they follow it into the same point.
pub async fn set_state(
    db: &D1Database,
    (tenant, walk): (&str, i64),
    point: &ReviewedWalkPoint,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql = "UPDATE walk_points SET state = ?4, merged_into = ?5, updated_at = ?6 \
               WHERE tenant_id = ?1 AND walk_id = ?2 AND id = ?3";
    let into = point.merged_into.map_or(JsValue::NULL, number);
    let values = [
        tenant.into(),
        number(walk),
        number(point.point.id),
        point.state.id().into(),
        into.clone(),
        now.into(),
    ];
    let mut batch = vec![db.prepare(sql).bind(&values)?];
    if point.merged_into.is_some() {
        let follow = "UPDATE walk_points SET merged_into = ?4, updated_at = ?5 \
                      WHERE tenant_id = ?1 AND walk_id = ?2 AND merged_into = ?3";
        batch.push(db.prepare(follow).bind(&[
            tenant.into(),
            number(walk),
            number(point.point.id),
            into,
            now.into(),
        ])?);
    }
    batch.push(audit);
    db.batch(batch).await?;
    Ok(())
}

/// Links point `point` of `walk` to the report with case number `(year, seq)`, `audit` in the
/// same batch.
pub async fn set_report(
    db: &D1Database,
    (tenant, walk, point): (&str, i64, i64),
    (year, seq): (i32, u32),
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql =
        "UPDATE walk_points SET report_id = (SELECT id FROM reports WHERE tenant_id = ?1 AND case_year = ?4 \
               AND case_seq = ?5), updated_at = ?6 WHERE tenant_id = ?1 AND walk_id = ?2 AND id = ?3";
    let values = [tenant.into(), number(walk), number(point), year.into(), seq.into(), now.into()];
    db.batch(vec![db.prepare(sql).bind(&values)?, audit]).await?;
    Ok(())
}

/// Removes the notes of `tenant`'s walk points logged before `cutoff` (a note may mention
/// anyone); the place, category and how unsafe it felt stay for the protocol and statistics.
/// Returns how many notes went.
pub async fn purge_before(db: &D1Database, tenant: &str, cutoff: &str) -> Result<u32, ApiError> {
    let sql = "UPDATE walk_points SET note = '' WHERE tenant_id = ?1 AND logged_at < ?2 AND note <> ''";
    let result = db.prepare(sql).bind(&[tenant.into(), cutoff.into()])?.run().await?;
    Ok(result.meta()?.and_then(|m| m.changes).unwrap_or(0) as u32)
}

#[derive(Deserialize)]
struct SpotRow {
    id: i64,
    lat: f64,
    lng: f64,
    walk: i64,
    title: String,
    starts_at: String,
    report_year: Option<f64>,
    report_seq: Option<f64>,
}

/// The kept dark spots of `tenant`'s walks that started within `from`–`to` (dates, inclusive,
/// either open), the earliest walk first, each with its place.
pub async fn dark_spots(
    db: &D1Database,
    tenant: &str,
    (from, to): (Option<&str>, Option<&str>),
) -> Result<Vec<(LatLng, WalkSpot)>, ApiError> {
    let sql = "SELECT p.id, p.lat, p.lng, w.id AS walk, w.title, w.starts_at, r.case_year AS report_year, \
               r.case_seq AS report_seq FROM walk_points p \
               JOIN walks w ON w.id = p.walk_id AND w.tenant_id = p.tenant_id \
               LEFT JOIN reports r ON r.id = p.report_id \
               WHERE p.tenant_id = ?1 AND p.state = 'kept' AND p.category = 'dark_spot' \
               AND (?2 IS NULL OR substr(w.starts_at, 1, 10) >= ?2) AND (?3 IS NULL OR substr(w.starts_at, 1, 10) <= ?3) \
               ORDER BY w.starts_at, p.id";
    let day = |d: Option<&str>| d.map_or(JsValue::NULL, JsValue::from);
    let rows: Vec<SpotRow> =
        db.prepare(sql).bind(&[tenant.into(), day(from), day(to)])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let report = r.report_year.zip(r.report_seq).map(|(y, s)| case_number(y as i32, s as u32));
            let spot = WalkSpot {
                walk: r.walk,
                walk_title: r.title,
                walk_starts_at: r.starts_at,
                point: r.id,
                report,
            };
            (LatLng::new(r.lat, r.lng), spot)
        })
        .collect())
}

#[derive(Deserialize)]
struct MarkerRow {
    id: i64,
    lat: f64,
    lng: f64,
    category: String,
    walk: i64,
    title: String,
}

/// The kept points of `tenant`'s walks in `bbox` whose walk started within `from`–`to` (dates,
/// inclusive, either open), at most [`WALK_MARKER_LIMIT`].
pub async fn in_view(
    db: &D1Database,
    tenant: &str,
    bbox: &BBox,
    (from, to): (Option<&str>, Option<&str>),
) -> Result<Vec<WalkMarker>, ApiError> {
    let sql = "SELECT p.id, p.lat, p.lng, p.category, w.id AS walk, w.title FROM walk_points p \
               JOIN walks w ON w.id = p.walk_id AND w.tenant_id = p.tenant_id \
               WHERE p.tenant_id = ?1 AND p.state = 'kept' \
               AND p.lat BETWEEN ?2 AND ?3 AND p.lng BETWEEN ?4 AND ?5 \
               AND (?6 IS NULL OR substr(w.starts_at, 1, 10) >= ?6) AND (?7 IS NULL OR substr(w.starts_at, 1, 10) <= ?7) \
               ORDER BY p.id LIMIT ?8";
    let day = |d: Option<&str>| d.map_or(JsValue::NULL, JsValue::from);
    let values = [
        tenant.into(),
        bbox.south.into(),
        bbox.north.into(),
        bbox.west.into(),
        bbox.east.into(),
        day(from),
        day(to),
        WALK_MARKER_LIMIT.into(),
    ];
    let rows: Vec<MarkerRow> = db.prepare(sql).bind(&values)?.all().await?.results()?;
    rows.into_iter()
        .map(|r| {
            let category = WalkCategory::from_id(&r.category)
                .ok_or_else(|| ApiError::Internal(format!("walk point {}: category", r.id)))?;
            Ok(WalkMarker {
                lat: r.lat,
                lng: r.lng,
                category,
                walk: r.walk,
                walk_title: r.title,
                point: r.id,
            })
        })
        .collect()
}
