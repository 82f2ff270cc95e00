//! Who is calling the console API. Sessions live in an HttpOnly, Secure, SameSite=Strict cookie
//! on the edge's own origin; the database keeps only a hash of its value. Every state change
//! must also echo the session's CSRF token in `X-CSRF-Token`.

use tryggve_core::console::SESSION_HOURS;
use worker::{D1Database, Request};

use crate::error::ApiError;
use crate::moderator::Moderator;
use crate::{clock, http, store, token};

/// `__Host-`: the browser takes it only from this very origin over HTTPS, with `Path=/` and no
/// `Domain`, so a sibling subdomain can neither set nor shadow it.
pub const COOKIE: &str = "__Host-tryggve_session";

/// The caller, from the session cookie; 401 when there is none or it expired.
pub async fn moderator(req: &Request, db: &D1Database) -> Result<Moderator, ApiError> {
    let session = http::cookie(req, COOKIE).ok_or(ApiError::NotLoggedIn)?;
    store::moderators::by_session(db, &token::hash(&session), &clock::now_iso())
        .await?
        .ok_or(ApiError::NotLoggedIn)
}

/// 403 unless the request echoes `moderator`'s session's CSRF token.
pub fn check_csrf(moderator: &Moderator, req: &Request) -> Result<(), ApiError> {
    let sent = req.headers().get("x-csrf-token").ok().flatten().unwrap_or_default();
    if !sent.is_empty() && tryggve_core::secret::same(&sent, &moderator.info.csrf_token) {
        Ok(())
    } else {
        Err(ApiError::CsrfMismatch)
    }
}

/// A new session for `moderator_id`: returns the cookie value (shown once) and the CSRF token.
pub async fn start(db: &D1Database, moderator_id: i64) -> Result<(String, String), ApiError> {
    let value = hex::encode(token::random_bytes(32)?);
    let csrf = token::new_token()?;
    let expires = clock::iso_in_minutes(i64::from(SESSION_HOURS) * 60);
    store::moderators::insert_session(
        db,
        &token::hash(&value),
        moderator_id,
        &csrf,
        &clock::now_iso(),
        &expires,
    )
    .await?;
    Ok((value, csrf))
}

pub fn set_cookie(value: &str) -> String {
    let max_age = SESSION_HOURS * 3600;
    format!("{COOKIE}={value}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={max_age}")
}

pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0")
}
