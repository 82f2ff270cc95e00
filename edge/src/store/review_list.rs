//! The reports a moderator's filter selects, in SQL: every filter (area and search included),
//! the order, one page after a cursor, and the total. And the stored area of each report that
//! the area filter reads.

use std::collections::BTreeMap;

use serde::Deserialize;
use tryggve_core::report_list::{Cursor, ReportOrder};
use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::stats::area_key;
use tryggve_core::{Area, LatLng, ReportStatus};
use worker::D1Database;

use super::kept_counts;
use super::matching::{matching, Query};
use super::reports::{ReportRow, COLUMNS};
use crate::error::ApiError;

/// The SQL of a report's rank in `order` (see `tryggve_core::report_list::rank`, which the
/// cursor is made with): status in workflow order, category in the municipality's order; none
/// for the orders by time.
fn rank_sql(q: &mut Query, order: ReportOrder, categories: &[String]) -> Option<String> {
    let ranked = |q: &mut Query, column: &str, ids: Vec<String>| {
        let whens: String = ids
            .iter()
            .enumerate()
            .map(|(rank, id)| format!(" WHEN {} THEN {rank}", q.arg(id.as_str())))
            .collect();
        format!("(CASE {column}{whens} ELSE {} END)", ids.len())
    };
    match order {
        ReportOrder::Newest | ReportOrder::Oldest => None,
        ReportOrder::Status => {
            Some(ranked(q, "status", ReportStatus::ALL.map(|s| s.id().to_string()).to_vec()))
        }
        ReportOrder::Category => Some(ranked(q, "category", categories.to_vec())),
    }
}

/// One page of the reports `filter` matches, in its order, after `cursor`: each with its row id
/// (for the next cursor).
pub async fn page(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
    categories: &[String],
    cursor: Option<&Cursor>,
    limit: u32,
) -> Result<Vec<(i64, ModeratedReport)>, ApiError> {
    let mut q = matching(tenant, filter);
    let rank = rank_sql(&mut q, filter.order, categories);
    let (time, after) = if filter.order.is_oldest_first() { ("ASC", ">") } else { ("DESC", "<") };
    let clauses = match (cursor, &rank) {
        (None, _) => vec!["1".to_string()],
        (Some(cursor), Some(rank)) => {
            let (r, t, i) =
                (q.arg(cursor.rank as f64), q.arg(cursor.created_at.as_str()), q.arg(cursor.id as f64));
            vec![format!("({rank} > {r} OR ({rank} = {r} AND (created_at, id) {after} ({t}, {i})))")]
        }
        // In time order, the rest of the cursor's moment and then the moments after it, as two
        // statements: SQLite seeks `(created_at, id) < (?, ?)` by the time alone, so each page
        // in the middle of reports that share one moment (an import) read all of them again.
        (Some(cursor), None) => {
            let (t, i) = (q.arg(cursor.created_at.as_str()), q.arg(cursor.id as f64));
            vec![format!("created_at = {t} AND id {after} {i}"), format!("created_at {after} {t}")]
        }
    };
    // Last, so that every statement uses the last argument bound (D1 counts them by the highest).
    let limit_arg = q.arg(limit);
    let by_rank = rank.map(|rank| format!("{rank} ASC, ")).unwrap_or_default();
    let statements = clauses
        .into_iter()
        .map(|clause| {
            let sql = format!(
                "SELECT {COLUMNS} FROM reports WHERE {} AND {clause} \
                 ORDER BY {by_rank}created_at {time}, id {time} LIMIT {limit_arg}",
                q.sql
            );
            db.prepare(sql).bind(&q.args)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows: Vec<ReportRow> = Vec::new();
    for read in db.batch(statements).await? {
        rows.extend(read.results::<ReportRow>()?);
    }
    rows.truncate(limit as usize);
    Ok(rows.into_iter().map(ReportRow::into_moderated).collect())
}

/// How many reports `filter` matches: from the kept counts when they can say (a few thousand
/// rows instead of every matching report), else counted.
pub async fn count(db: &D1Database, tenant: &str, filter: &ReportFilter) -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    struct Counted {
        n: u32,
    }
    let (q, sql) = match kept_counts::combinations(tenant, filter) {
        Some(q) => {
            let sql = format!("SELECT max(COALESCE(SUM(n), 0), 0) AS n FROM report_counts WHERE {}", q.sql);
            (q, sql)
        }
        None => {
            let q = matching(tenant, filter);
            let sql = format!("SELECT COUNT(*) AS n FROM reports WHERE {}", q.sql);
            (q, sql)
        }
    };
    let counted: Option<Counted> = db.prepare(sql).bind(&q.args)?.first(None).await?;
    Ok(counted.map_or(0, |c| c.n))
}

/// Reports placed per round, and rounds per call (200 000 reports).
const PLACE_BATCH: u32 = 1000;
const PLACE_ROUNDS: u32 = 200;

/// Stores the area of every report of `tenant` that has none yet (from before areas were
/// stored, or since they changed), so that no filter by area misses one. Cheap when there is
/// none: one indexed read.
pub async fn place_unplaced(db: &D1Database, tenant: &str, areas: &[Area]) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    struct Unplaced {
        id: i64,
        lat: f64,
        lng: f64,
    }
    for _ in 0..PLACE_ROUNDS {
        let sql = "SELECT id, lat, lng FROM reports WHERE tenant_id = ?1 AND area_id IS NULL LIMIT ?2";
        let rows: Vec<Unplaced> =
            db.prepare(sql).bind(&[tenant.into(), PLACE_BATCH.into()])?.all().await?.results()?;
        if rows.is_empty() {
            return Ok(());
        }
        let mut by_area: BTreeMap<&str, Vec<i64>> = BTreeMap::new();
        for row in &rows {
            by_area.entry(area_key(areas, LatLng::new(row.lat, row.lng))).or_default().push(row.id);
        }
        let sql = "UPDATE reports SET area_id = ?1 WHERE tenant_id = ?2 AND id IN (SELECT value FROM json_each(?3))";
        let mut statements = Vec::new();
        for (area, ids) in by_area {
            let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".into());
            statements.push(db.prepare(sql).bind(&[area.into(), tenant.into(), ids.into()])?);
        }
        db.batch(statements).await?;
        if (rows.len() as u32) < PLACE_BATCH {
            return Ok(());
        }
    }
    Ok(())
}

/// Forgets the area of every report of `tenant` (its areas changed): they are placed anew by
/// [`place_unplaced`].
pub async fn unplace_all(db: &D1Database, tenant: &str) -> Result<(), ApiError> {
    db.prepare("UPDATE reports SET area_id = NULL WHERE tenant_id = ?1")
        .bind(&[tenant.into()])?
        .run()
        .await?;
    Ok(())
}

/// The ids of every question the reports `filter` matches answered (choices and texts alike),
/// for the columns of an export in words.
pub async fn answered_questions(
    db: &D1Database,
    tenant: &str,
    filter: &ReportFilter,
) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Answered {
        id: String,
    }
    let q = matching(tenant, filter);
    let sql = format!(
        "SELECT DISTINCT j.key AS id FROM (SELECT answers, answer_texts FROM reports WHERE {}) r, \
         json_each(json_patch(r.answers, r.answer_texts)) j",
        q.sql
    );
    let rows: Vec<Answered> = db.prepare(sql).bind(&q.args)?.all().await?.results()?;
    Ok(rows.into_iter().map(|a| a.id).collect())
}
