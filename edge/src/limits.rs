//! Rate limits per client: at most N events an hour under one key (a daily-salted hash of the
//! address and the purpose, see `client`). Counted in D1, so that they really limit locally too.

use worker::D1Database;

use crate::client::ClientKey;
use crate::error::ApiError;
use crate::{clock, store};

/// Takes one of `key`'s `per_hour` events before the work it limits is done, counting in the
/// same batch: requests sent at once all see each other, so none slips past the limit (as they
/// would between a count and a later record). 429, with nothing taken, when none is left;
/// Retry-After says when the oldest event expires. Returns the event, for [`give_back`] if the
/// work turns out not to count.
pub async fn take(db: &D1Database, key: &ClientKey, per_hour: u32, now: &str) -> Result<i64, ApiError> {
    let hour_ago = clock::iso_in_minutes(-60);
    let (event, recent) = store::rate::record_and_count(db, key, now, &hour_ago).await?;
    if recent.count <= per_hour {
        return Ok(event);
    }
    store::rate::forget(db, event).await?;
    Err(refusal(&recent, now))
}

/// Whether `key` has one of its `per_hour` events left, taking none: the 429 [`take`] would
/// answer now, or nothing.
pub async fn check(db: &D1Database, key: &ClientKey, per_hour: u32, now: &str) -> Result<(), ApiError> {
    let recent = store::rate::count(db, key, &clock::iso_in_minutes(-60)).await?;
    if recent.count < per_hour {
        return Ok(());
    }
    Err(refusal(&recent, now))
}

pub async fn give_back(db: &D1Database, event: i64) -> Result<(), ApiError> {
    store::rate::forget(db, event).await
}

fn refusal(recent: &store::rate::Recent, now: &str) -> ApiError {
    let lifts_at = recent.oldest.as_deref().map_or(0.0, js_sys::Date::parse) + 3_600_000.0;
    let wait = ((lifts_at - js_sys::Date::parse(now)) / 1000.0).ceil().clamp(1.0, 3600.0);
    ApiError::RateLimited { retry_after_secs: wait as u32 }
}
