use serde::Deserialize;
use tryggve_core::report::{case_number, times_from_column, times_to_column};
use tryggve_core::{NewReport, ReportStatus, ReportView};
use wasm_bindgen::JsValue;
use worker::D1Database;

use crate::error::ApiError;

/// Stores a validated report and returns its running number for `year`. The number is taken
/// in the same statement as the insert, so concurrent reports never share one.
pub async fn insert(
    db: &D1Database,
    report: &NewReport,
    year: i32,
    followup_token_hash: &str,
    created_at: &str,
) -> Result<u32, ApiError> {
    let sql = "INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, \
               category, times, description, contact_email, status, created_at) \
               SELECT ?1, ?2, COALESCE(MAX(case_seq), 0) + 1, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'new', ?10 \
               FROM reports WHERE tenant_id = ?1 AND case_year = ?2 \
               RETURNING case_seq";
    let email = report.contact_email.as_deref().map_or(JsValue::NULL, JsValue::from);
    let args = [
        report.tenant.as_str().into(),
        year.into(),
        followup_token_hash.into(),
        report.location.lat.into(),
        report.location.lng.into(),
        report.category.as_str().into(),
        times_to_column(&report.times).into(),
        report.description.as_str().into(),
        email,
        created_at.into(),
    ];
    let seq: Option<u32> = db.prepare(sql).bind(&args)?.first(Some("case_seq")).await?;
    seq.ok_or_else(|| ApiError::Internal("insert returned no case number".into()))
}

#[derive(Deserialize)]
struct ReportRow {
    case_year: i32,
    case_seq: u32,
    followup_token_hash: String,
    lat: f64,
    lng: f64,
    category: String,
    times: String,
    description: String,
    status: String,
    created_at: String,
}

/// A report as its author sees it, if `followup_token_hash` matches.
pub async fn find_for_follow_up(
    db: &D1Database,
    tenant: &str,
    (year, seq): (i32, u32),
    followup_token_hash: &str,
) -> Result<Option<ReportView>, ApiError> {
    let sql = "SELECT case_year, case_seq, followup_token_hash, lat, lng, category, times, description, \
               status, created_at FROM reports WHERE tenant_id = ?1 AND case_year = ?2 AND case_seq = ?3";
    let row: Option<ReportRow> =
        db.prepare(sql).bind(&[tenant.into(), year.into(), seq.into()])?.first(None).await?;
    let Some(row) = row.filter(|r| r.followup_token_hash == followup_token_hash) else {
        return Ok(None);
    };
    Ok(Some(ReportView {
        case_number: case_number(row.case_year, row.case_seq),
        lat: row.lat,
        lng: row.lng,
        category: row.category,
        times: times_from_column(&row.times),
        description: row.description,
        status: ReportStatus::from_id(&row.status).unwrap_or(ReportStatus::New),
        created_at: row.created_at,
    }))
}
