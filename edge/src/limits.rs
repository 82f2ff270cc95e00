//! Rate limits per client: at most N events an hour under one key (a daily-salted hash of the
//! address and the purpose, see `client`). Counted in D1, so that they really limit locally too.

use worker::D1Database;

use crate::error::ApiError;
use crate::{clock, store};

/// 429 once `key` has `per_hour` events in the last hour; Retry-After says when the oldest expires.
pub async fn check(db: &D1Database, key: &str, per_hour: u32, now: &str) -> Result<(), ApiError> {
    let hour_ago = clock::iso_in_minutes(-60);
    let recent = store::rate::recent(db, key, &hour_ago).await?;
    if recent.count < per_hour {
        return Ok(());
    }
    let lifts_at = recent.oldest.map_or(0.0, |t| js_sys::Date::parse(&t)) + 3_600_000.0;
    let wait = ((lifts_at - js_sys::Date::parse(now)) / 1000.0).ceil().clamp(1.0, 3600.0);
    Err(ApiError::RateLimited { retry_after_secs: wait as u32 })
}
