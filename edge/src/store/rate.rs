use serde::Deserialize;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
pub struct Recent {
    pub count: u32,
    /// The oldest event in the window: the limit lifts an hour after it.
    pub oldest: Option<String>,
}

/// Events recorded under `key` after `since`.
pub async fn recent(db: &D1Database, key: &str, since: &str) -> Result<Recent, ApiError> {
    let sql = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM rate_events WHERE key = ?1 AND at > ?2";
    let row: Option<Recent> = db.prepare(sql).bind(&[key.into(), since.into()])?.first(None).await?;
    Ok(row.unwrap_or(Recent { count: 0, oldest: None }))
}

pub async fn record(db: &D1Database, key: &str, at: &str) -> Result<(), ApiError> {
    record_statement(db, key, at)?.run().await?;
    Ok(())
}

/// The statement that records an event under `key`, to run in one batch with what it counts.
pub fn record_statement(db: &D1Database, key: &str, at: &str) -> Result<D1PreparedStatement, ApiError> {
    Ok(db.prepare("INSERT INTO rate_events (key, at) VALUES (?1, ?2)").bind(&[key.into(), at.into()])?)
}

/// Forgets events before `before` (the retention job, daily).
pub async fn forget_before(db: &D1Database, before: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM rate_events WHERE at <= ?1").bind(&[before.into()])?.run().await?;
    Ok(())
}
