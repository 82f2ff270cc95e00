//! The municipality's measures and the reports each answers (see `tryggve_core::measure`).

use serde::Deserialize;
use tryggve_core::measure::{Measure, MeasureDraft, MeasureKind, MeasureStatus, PublicMeasure};
use tryggve_core::report::case_number;
use tryggve_core::LatLng;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
struct MeasureRow {
    id: i64,
    title: String,
    kind: String,
    status: String,
    area_id: Option<String>,
    lat: Option<f64>,
    lng: Option<f64>,
    unit_id: Option<i64>,
    planned_on: Option<String>,
    started_on: Option<String>,
    done_on: Option<String>,
    cost_sek: Option<f64>,
    public_text: String,
    /// JSON: `[[year, seq], …]` of the linked reports.
    reports: String,
}

impl MeasureRow {
    fn measure(self) -> Result<Measure, ApiError> {
        let broken = |what: &str| ApiError::Internal(format!("measure {}: {what}", self.id));
        let cases: Vec<(i32, u32)> = serde_json::from_str(&self.reports).map_err(|_| broken("reports"))?;
        Ok(Measure {
            id: self.id,
            draft: MeasureDraft {
                kind: MeasureKind::from_id(&self.kind).ok_or_else(|| broken("kind"))?,
                status: MeasureStatus::from_id(&self.status).ok_or_else(|| broken("status"))?,
                title: self.title,
                area: self.area_id,
                place: self.lat.zip(self.lng).map(|(lat, lng)| LatLng::new(lat, lng)),
                unit: self.unit_id,
                planned_on: self.planned_on,
                started_on: self.started_on,
                done_on: self.done_on,
                cost_sek: self.cost_sek.map(|c| c as u64),
                public_text: self.public_text,
                reports: cases.into_iter().map(|(year, seq)| case_number(year, seq)).collect(),
            },
        })
    }
}

const SELECT: &str =
    "SELECT m.id, m.title, m.kind, m.status, m.area_id, m.lat, m.lng, m.unit_id, m.planned_on, \
                      m.started_on, m.done_on, m.cost_sek, m.public_text, \
                      (SELECT json_group_array(json_array(r.case_year, r.case_seq)) FROM measure_reports mr \
                       JOIN reports r ON r.id = mr.report_id WHERE mr.measure_id = m.id) AS reports \
                      FROM measures m";

/// The tenant's measures, newest first.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<Measure>, ApiError> {
    let sql = format!("{SELECT} WHERE m.tenant_id = ?1 ORDER BY m.id DESC");
    let rows: Vec<MeasureRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(MeasureRow::measure).collect()
}

/// The measures that answer report `report` (a row id), newest first.
pub async fn linked(db: &D1Database, tenant: &str, report: i64) -> Result<Vec<Measure>, ApiError> {
    let sql = format!(
        "{SELECT} WHERE m.tenant_id = ?1 AND m.id IN \
         (SELECT measure_id FROM measure_reports WHERE report_id = ?2) ORDER BY m.id DESC"
    );
    let rows: Vec<MeasureRow> =
        db.prepare(sql).bind(&[tenant.into(), (report as f64).into()])?.all().await?.results()?;
    rows.into_iter().map(MeasureRow::measure).collect()
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<Measure>, ApiError> {
    let sql = format!("{SELECT} WHERE m.tenant_id = ?1 AND m.id = ?2");
    let row: Option<MeasureRow> =
        db.prepare(sql).bind(&[tenant.into(), (id as f64).into()])?.first(None).await?;
    row.map(MeasureRow::measure).transpose()
}

/// The row ids and arrival times of `cases` (case numbers) among the tenant's reports; `None`
/// if one is not there.
pub async fn reports(
    db: &D1Database,
    tenant: &str,
    cases: &[String],
) -> Result<Option<Vec<(i64, String)>>, ApiError> {
    if cases.is_empty() {
        return Ok(Some(Vec::new()));
    }
    let pairs: Vec<(i32, u32)> =
        cases.iter().filter_map(|c| tryggve_core::report::parse_case_number(c)).collect();
    let sql = "SELECT id, created_at FROM reports WHERE tenant_id = ?1 AND (case_year, case_seq) IN \
               (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(?2))";
    #[derive(Deserialize)]
    struct Found {
        id: i64,
        created_at: String,
    }
    let args = [tenant.into(), JsValue::from(serde_json::to_string(&pairs).unwrap_or_default())];
    let found: Vec<Found> = db.prepare(sql).bind(&args)?.all().await?.results()?;
    Ok((found.len() == cases.len()).then(|| found.into_iter().map(|f| (f.id, f.created_at)).collect()))
}

/// The columns of a measure, bound in the order of `COLUMNS`' placeholders from ?3.
fn values(draft: &MeasureDraft, now: &str) -> Vec<JsValue> {
    let text = |v: &Option<String>| v.as_deref().map_or(JsValue::NULL, JsValue::from);
    vec![
        draft.title.as_str().into(),
        draft.kind.id().into(),
        draft.status.id().into(),
        text(&draft.area),
        draft.place.map_or(JsValue::NULL, |p| p.lat.into()),
        draft.place.map_or(JsValue::NULL, |p| p.lng.into()),
        draft.unit.map_or(JsValue::NULL, |u| (u as f64).into()),
        text(&draft.planned_on),
        text(&draft.started_on),
        text(&draft.done_on),
        draft.cost_sek.map_or(JsValue::NULL, |c| (c as f64).into()),
        draft.public_text.as_str().into(),
        now.into(),
    ]
}

/// Links measure `measure` (an id, or SQL that gives it) to the reports `ids`, in place of
/// those it had.
fn links(
    db: &D1Database,
    measure: &str,
    ids: &[i64],
    tenant: &str,
) -> Result<[D1PreparedStatement; 2], ApiError> {
    let ids = JsValue::from(serde_json::to_string(ids).unwrap_or_default());
    let forget = format!("DELETE FROM measure_reports WHERE measure_id = ({measure})");
    let link = format!(
        "INSERT INTO measure_reports (measure_id, report_id) SELECT ({measure}), value FROM json_each(?2)"
    );
    Ok([db.prepare(forget).bind(&[tenant.into()])?, db.prepare(link).bind(&[tenant.into(), ids])?])
}

/// Adds a measure linked to the reports `ids`, with `audit` (for the new row) in the same
/// transaction; its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    draft: &MeasureDraft,
    ids: &[i64],
    now: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let sql = "INSERT INTO measures (tenant_id, title, kind, status, area_id, lat, lng, unit_id, planned_on, started_on, \
               done_on, cost_sek, public_text, created_at, updated_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14) RETURNING id";
    let mut args = vec![JsValue::from(tenant)];
    args.extend(values(draft, now));
    // In one transaction the newest measure of the tenant is the one just added (the audit
    // entry, recorded right after it, takes its id from the insert).
    let newest = "SELECT MAX(id) FROM measures WHERE tenant_id = ?1";
    let [forget, link] = links(db, newest, ids, tenant)?;
    let results = db.batch(vec![db.prepare(sql).bind(&args)?, audit, forget, link]).await?;
    #[derive(Deserialize)]
    struct Inserted {
        id: i64,
    }
    let inserted: Vec<Inserted> = results.first().map(|r| r.results()).transpose()?.unwrap_or_default();
    inserted.first().map(|row| row.id).ok_or_else(|| ApiError::Internal("a measure was not stored".into()))
}

/// Replaces measure `id`'s definition and reports, with `audit` in the same transaction.
pub async fn update(
    db: &D1Database,
    tenant: &str,
    id: i64,
    draft: &MeasureDraft,
    ids: &[i64],
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql = "UPDATE measures SET title = ?3, kind = ?4, status = ?5, area_id = ?6, lat = ?7, lng = ?8, unit_id = ?9, \
               planned_on = ?10, started_on = ?11, done_on = ?12, cost_sek = ?13, public_text = ?14, updated_at = ?15 \
               WHERE tenant_id = ?1 AND id = ?2";
    let mut args = vec![JsValue::from(tenant), (id as f64).into()];
    args.extend(values(draft, now));
    let own = format!("SELECT id FROM measures WHERE tenant_id = ?1 AND id = {id}");
    let [forget, link] = links(db, &own, ids, tenant)?;
    db.batch(vec![db.prepare(sql).bind(&args)?, forget, link, audit]).await?;
    Ok(())
}

/// The measures that answer report `report` (a row id), as its author reads them.
pub async fn for_report(db: &D1Database, report: i64) -> Result<Vec<PublicMeasure>, ApiError> {
    let sql = "SELECT m.title, m.kind, m.status, m.public_text, m.done_on FROM measure_reports mr \
               JOIN measures m ON m.id = mr.measure_id WHERE mr.report_id = ?1 ORDER BY m.id";
    #[derive(Deserialize)]
    struct Row {
        title: String,
        kind: String,
        status: String,
        public_text: String,
        done_on: Option<String>,
    }
    let rows: Vec<Row> = db.prepare(sql).bind(&[(report as f64).into()])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(PublicMeasure {
                kind: MeasureKind::from_id(&r.kind)?,
                status: MeasureStatus::from_id(&r.status)?,
                title: r.title,
                public_text: r.public_text,
                done_on: r.done_on,
            })
        })
        .collect())
}
