//! Logging in and out of the moderator console.

use sha2::{Digest, Sha256};
use tryggve_core::console::{
    LoginRequest, LOGIN_WINDOW_MINUTES, MAX_FAILED_LOGINS_PER_ACCOUNT, MAX_FAILED_LOGINS_PER_CLIENT,
};
use tryggve_core::password;
use worker::{D1Database, Request, Response};

use super::Caller;
use crate::error::ApiError;
use crate::session::{self, Moderator};
use crate::{clock, http, store, token};

/// Verified against when the account does not exist, so that a wrong e-mail address takes as
/// long as a wrong password and does not reveal which accounts exist.
const TIMING_EQUALISER: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$dHJ5Z2d2ZS10aW1pbmctZXF1YWxpc2Vy$4qxPhbZHry/27B2GZv5IjJUZzvJCKnFuJY96Ids19JM";

/// `POST /api/v1/console/login`: e-mail and password → session cookie and CSRF token.
pub async fn login(req: &mut Request, db: &D1Database, caller: &Caller) -> Result<Response, ApiError> {
    caller.require_first_party()?;
    let body: LoginRequest = http::read_json(req).await?;
    let account_key = format!("account:{}:{}", body.tenant, body.email.trim().to_lowercase());
    let client_key = client_key(req);
    let now = clock::now_iso();
    let window_start = clock::iso_in_minutes(-i64::from(LOGIN_WINDOW_MINUTES));

    let failures = store::moderators::recent_failures(db, &account_key, &client_key, &window_start).await?;
    if failures.account >= MAX_FAILED_LOGINS_PER_ACCOUNT || failures.client >= MAX_FAILED_LOGINS_PER_CLIENT {
        return Err(ApiError::TooManyAttempts { retry_after_secs: LOGIN_WINDOW_MINUTES * 60 });
    }
    let account = store::moderators::account(db, &body.tenant, body.email.trim()).await?;
    let stored = account.as_ref().map_or(TIMING_EQUALISER, |a| a.password_hash.as_str());
    let matches = password::verify(&body.password, stored);
    let Some(account) = account.filter(|_| matches) else {
        store::moderators::record_failure(db, &[&account_key, &client_key], &now, &window_start).await?;
        return Err(ApiError::InvalidCredentials);
    };
    store::moderators::clear_failures(db, &account_key).await?;

    let (cookie, _) = session::start(db, account.id).await?;
    let moderator =
        store::moderators::by_session(db, &token::hash(&cookie), &now).await?.ok_or(ApiError::NotLoggedIn)?;
    let response = http::json(200, &moderator.info);
    response.headers().set("set-cookie", &session::set_cookie(&cookie))?;
    Ok(response)
}

/// `POST /api/v1/console/logout`: ends the session.
pub async fn logout(req: &Request, db: &D1Database, caller: &Caller) -> Result<Response, ApiError> {
    caller.require_first_party()?;
    let moderator = Moderator::from_request(req, db).await?;
    moderator.check_csrf(req)?;
    if let Some(value) = http::cookie(req, session::COOKIE) {
        store::moderators::end_session(db, &token::hash(&value)).await?;
    }
    let response = Response::empty()?.with_status(204);
    response.headers().set("set-cookie", &session::clear_cookie())?;
    Ok(response)
}

/// `GET /api/v1/console/session`: who is logged in (and their CSRF token).
pub async fn current(req: &Request, db: &D1Database, caller: &Caller) -> Result<Response, ApiError> {
    caller.require_first_party()?;
    let moderator = Moderator::from_request(req, db).await?;
    Ok(http::json(200, &moderator.info))
}

/// Login throttling per client without storing its address: a hash of the address and the
/// day, so that the key changes daily and cannot be joined across days.
fn client_key(req: &Request) -> String {
    let address = req.headers().get("cf-connecting-ip").ok().flatten().unwrap_or_default();
    let digest = Sha256::digest(format!("tryggve-login|{}|{address}", clock::today()));
    format!("client:{}", hex::encode(&digest[..16]))
}
