//! The geocoder's answers, cached (see `tryggve_core::place_name` and migration 0022).

use serde::Deserialize;
use worker::D1Database;

use crate::error::ApiError;

/// What was asked: the name of a position, or the places matching a search.
#[derive(Clone, Copy)]
pub enum Asked {
    Reverse,
    Search,
}

impl Asked {
    fn id(self) -> &'static str {
        match self {
            Self::Reverse => "reverse",
            Self::Search => "search",
        }
    }
}

#[derive(Deserialize)]
struct Row {
    answer: String,
}

/// The cached answer (core's JSON) to `key`, if there is one.
pub async fn cached(
    db: &D1Database,
    tenant: &str,
    asked: Asked,
    key: &str,
) -> Result<Option<String>, ApiError> {
    let sql = "SELECT answer FROM place_names WHERE tenant_id = ?1 AND kind = ?2 AND key = ?3";
    let row: Option<Row> =
        db.prepare(sql).bind(&[tenant.into(), asked.id().into(), key.into()])?.first(None).await?;
    Ok(row.map(|r| r.answer))
}

/// Keeps `answer` for `key` (a newer answer replaces an older one).
pub async fn keep(
    db: &D1Database,
    tenant: &str,
    asked: Asked,
    key: &str,
    answer: &str,
    now: &str,
) -> Result<(), ApiError> {
    let sql = "INSERT INTO place_names (tenant_id, kind, key, answer, fetched_at) VALUES (?1, ?2, ?3, ?4, ?5) \
               ON CONFLICT (tenant_id, kind, key) DO UPDATE SET answer = excluded.answer, fetched_at = excluded.fetched_at";
    let values = [tenant.into(), asked.id().into(), key.into(), answer.into(), now.into()];
    db.prepare(sql).bind(&values)?.run().await?;
    Ok(())
}

/// Forgets every answer of `tenant` (its geocoder changed).
pub async fn forget_all(db: &D1Database, tenant: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM place_names WHERE tenant_id = ?1").bind(&[tenant.into()])?.run().await?;
    Ok(())
}

/// Forgets answers fetched before `before` (the daily retention run).
pub async fn forget_before(db: &D1Database, before: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM place_names WHERE fetched_at < ?1").bind(&[before.into()])?.run().await?;
    Ok(())
}
