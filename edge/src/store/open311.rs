//! The approved reports Open311 lists (see `tryggve_core::open311`): only the public map's
//! columns are read (the text only where it was published), under GeoReport's filters.

use serde::Deserialize;
use tryggve_core::open311::{ApprovedReport, RequestQuery, MAX_REQUESTS};
use tryggve_core::report::case_number;
use tryggve_core::{LatLng, ReportStatus};
use worker::D1Database;

use super::matching::Query;
use crate::error::ApiError;

#[derive(Deserialize)]
struct Row {
    case_year: i32,
    case_seq: u32,
    category: String,
    status: String,
    lat: f64,
    lng: f64,
    description: Option<String>,
    public_comment: String,
    day: String,
}

/// `tenant`'s approved reports under `query`, newest first, at most [`MAX_REQUESTS`]; from
/// `since` (a day) when the query names neither days nor ids.
pub async fn requests(
    db: &D1Database,
    tenant: &str,
    query: &RequestQuery,
    since: &str,
) -> Result<Vec<ApprovedReport>, ApiError> {
    let mut q = Query { sql: String::new(), args: Vec::new() };
    let tenant = q.arg(tenant);
    q.sql = format!("tenant_id = {tenant} AND visibility = 'approved'");
    if !query.ids.is_empty() {
        let ids = q.arg(serde_json::to_string(&query.ids).unwrap_or_else(|_| "[]".into()));
        q.and(format!(
            "(case_year, case_seq) IN (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each({ids}))"
        ));
    }
    if let Some(code) = &query.service_code {
        let code = q.arg(code.as_str());
        q.and(format!("category = {code}"));
    }
    let start = match (&query.start, &query.end, query.ids.is_empty()) {
        (None, None, true) => Some(since.to_string()),
        (start, ..) => start.clone(),
    };
    if let Some(start) = start {
        let start = q.arg(start);
        q.and(format!("created_at >= {start}"));
    }
    if let Some(end) = &query.end {
        let end = q.arg(end.as_str());
        q.and(format!("created_at < date({end}, '+1 day')"));
    }
    if let Some(open) = query.open {
        let statuses: Vec<&str> =
            ReportStatus::ALL.into_iter().filter(|s| s.is_open() == open).map(ReportStatus::id).collect();
        let statuses = q.arg(serde_json::to_string(&statuses).unwrap_or_else(|_| "[]".into()));
        q.and(format!("status IN (SELECT value FROM json_each({statuses}))"));
    }
    let sql = format!(
        "SELECT case_year, case_seq, category, status, lat, lng, \
         CASE WHEN description_public = 1 THEN description END AS description, public_comment, \
         substr(created_at, 1, 10) AS day FROM reports WHERE {} \
         ORDER BY created_at DESC, id DESC LIMIT {MAX_REQUESTS}",
        q.sql
    );
    let rows: Vec<Row> = db.prepare(sql).bind(&q.args)?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .map(|r| ApprovedReport {
            case_number: case_number(r.case_year, r.case_seq),
            category: r.category,
            status: ReportStatus::from_id(&r.status).unwrap_or(ReportStatus::New),
            description: r.description,
            public_comment: r.public_comment,
            day: r.day,
            at: LatLng::new(r.lat, r.lng),
        })
        .collect())
}
