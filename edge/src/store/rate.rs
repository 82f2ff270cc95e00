use serde::Deserialize;
use worker::D1Database;

use crate::client::ClientKey;
use crate::error::ApiError;

#[derive(Deserialize)]
pub struct Recent {
    pub count: u32,
    /// The oldest event in the window: the limit lifts an hour after it.
    pub oldest: Option<String>,
}

/// A client's events (today's key ?1, yesterday's ?3) after ?2, and the oldest of them.
const COUNT: &str = "SELECT COUNT(*) AS count, MIN(at) AS oldest FROM rate_events \
                     WHERE key IN (?1, ?3) AND at > ?2";

#[derive(Deserialize)]
struct RowId {
    id: i64,
}

/// Records an event under the client's key of today and counts its events (under today's and
/// yesterday's key) after `since`, itself included, in one batch. Returns the event's row, to
/// forget it again.
pub async fn record_and_count(
    db: &D1Database,
    key: &ClientKey,
    at: &str,
    since: &str,
) -> Result<(i64, Recent), ApiError> {
    let insert = "INSERT INTO rate_events (key, at) VALUES (?1, ?2) RETURNING rowid AS id";
    let results = db
        .batch(vec![
            db.prepare(insert).bind(&[key.today.as_str().into(), at.into()])?,
            db.prepare(COUNT).bind(&[
                key.today.as_str().into(),
                since.into(),
                key.yesterday.as_str().into(),
            ])?,
        ])
        .await?;
    let id = results[0].results::<RowId>()?.first().map(|r| r.id);
    let recent = results[1].results::<Recent>()?.into_iter().next();
    let id = id.ok_or_else(|| ApiError::Internal("insert returned no rate event".into()))?;
    Ok((id, recent.unwrap_or(Recent { count: 0, oldest: None })))
}

/// Counts the client's events (under today's and yesterday's key) after `since`.
pub async fn count(db: &D1Database, key: &ClientKey, since: &str) -> Result<Recent, ApiError> {
    let recent = db
        .prepare(COUNT)
        .bind(&[key.today.as_str().into(), since.into(), key.yesterday.as_str().into()])?
        .first::<Recent>(None)
        .await?;
    Ok(recent.unwrap_or(Recent { count: 0, oldest: None }))
}

pub async fn forget(db: &D1Database, id: i64) -> Result<(), ApiError> {
    db.prepare("DELETE FROM rate_events WHERE rowid = ?1").bind(&[(id as f64).into()])?.run().await?;
    Ok(())
}

/// Forgets events before `before` (the retention job, daily).
pub async fn forget_before(db: &D1Database, before: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM rate_events WHERE at <= ?1").bind(&[before.into()])?.run().await?;
    Ok(())
}
