//! Internal notes on reports (see `tryggve_core::note`).

use serde::Deserialize;
use tryggve_core::note::ReportNote;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
struct NoteRow {
    id: i64,
    text: String,
    author: Option<String>,
    at: String,
}

/// The notes on report `report` (a row id) of `tenant`, oldest first.
pub async fn list(db: &D1Database, tenant: &str, report: i64) -> Result<Vec<ReportNote>, ApiError> {
    let sql = "SELECT n.id, n.text, m.display_name AS author, n.at FROM report_notes n \
               LEFT JOIN moderators m ON m.id = n.moderator_id \
               WHERE n.tenant_id = ?1 AND n.report_id = ?2 ORDER BY n.at, n.id";
    let rows: Vec<NoteRow> =
        db.prepare(sql).bind(&[tenant.into(), (report as f64).into()])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .map(|r| ReportNote { id: r.id, text: r.text, author: r.author.unwrap_or_default(), at: r.at })
        .collect())
}

/// Adds a note by `moderator` (an account id), with `audit` in the same batch; its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    (report, moderator): (i64, i64),
    text: &str,
    at: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let sql = "INSERT INTO report_notes (tenant_id, report_id, moderator_id, text, at) VALUES (?1, ?2, ?3, ?4, ?5) \
               RETURNING id";
    let insert = db.prepare(sql).bind(&[
        tenant.into(),
        (report as f64).into(),
        (moderator as f64).into(),
        text.into(),
        at.into(),
    ])?;
    #[derive(Deserialize)]
    struct Inserted {
        id: i64,
    }
    let results = db.batch(vec![insert, audit]).await?;
    let inserted: Vec<Inserted> = results.first().map(|r| r.results()).transpose()?.unwrap_or_default();
    inserted.first().map(|row| row.id).ok_or_else(|| ApiError::Internal("a note was not stored".into()))
}

/// Removes the notes on `tenant`'s reports created before `cutoff`, with their other personal
/// parts; how many.
pub async fn purge_before(db: &D1Database, tenant: &str, cutoff: &str) -> Result<u32, ApiError> {
    let sql = "DELETE FROM report_notes WHERE tenant_id = ?1 \
               AND report_id IN (SELECT id FROM reports WHERE tenant_id = ?1 AND created_at < ?2)";
    let result = db.prepare(sql).bind(&[tenant.into(), cutoff.into()])?.run().await?;
    Ok(result.meta()?.and_then(|m| m.changes).unwrap_or(0) as u32)
}
