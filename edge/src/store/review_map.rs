//! The review map in SQL: the reports a filter selects in a viewport, counted per grid cell,
//! or read one by one when few.

use serde::Deserialize;
use tryggve_core::geo::BBox;
use tryggve_core::public_map::{CellCount, MAX_LEVEL};
use tryggve_core::report::case_number;
use tryggve_core::review::ReportFilter;
use tryggve_core::review_map::ReviewMarker;
use tryggve_core::ReportStatus;
use worker::D1Database;

use super::matching::{matching, Query};
use crate::error::ApiError;

/// The filter's conditions and those of the box.
fn in_box(tenant: &str, filter: &ReportFilter, bbox: &BBox) -> Query {
    let mut q = matching(tenant, filter);
    let (s, n) = (q.arg(bbox.south), q.arg(bbox.north));
    let (w, e) = (q.arg(bbox.west), q.arg(bbox.east));
    q.sql += &format!(" AND lat BETWEEN {s} AND {n} AND lng BETWEEN {w} AND {e}");
    q
}

/// The reports `filter` selects in `bbox`, counted per cell of `level`.
pub async fn cells(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    bbox: &BBox,
    level: u8,
) -> Result<Vec<CellCount>, ApiError> {
    let q = in_box(tenant, filter, bbox);
    let shift = MAX_LEVEL - level;
    let sql = format!(
        "SELECT cell_x >> {shift} AS cx, cell_y >> {shift} AS cy, COUNT(*) AS count, SUM(lat) AS sum_lat, \
         SUM(lng) AS sum_lng FROM reports WHERE {} GROUP BY 1, 2",
        q.sql
    );
    Ok(db.prepare(sql).bind(&q.args)?.all().await?.results()?)
}

/// At most `limit` of the reports `filter` selects in `bbox`, newest first.
pub async fn markers(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    bbox: &BBox,
    limit: u64,
) -> Result<Vec<ReviewMarker>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        case_year: i32,
        case_seq: u32,
        lat: f64,
        lng: f64,
        category: String,
        status: String,
    }
    let mut q = in_box(tenant, filter, bbox);
    let limit = q.arg(limit as f64);
    let sql = format!(
        "SELECT case_year, case_seq, lat, lng, category, status FROM reports WHERE {} \
         ORDER BY created_at DESC, id DESC LIMIT {limit}",
        q.sql
    );
    let rows: Vec<Row> = db.prepare(sql).bind(&q.args)?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ReviewMarker {
                status: ReportStatus::from_id(&r.status)?,
                case_number: case_number(r.case_year, r.case_seq),
                lat: r.lat,
                lng: r.lng,
                category: r.category,
            })
        })
        .collect())
}
