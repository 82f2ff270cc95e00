//! Logging in and out of the moderator console.

use tryggve_core::api::operations::{ChangePassword, LogIn, LogOut, ReadSession};
use tryggve_core::console::{LoginRequest, PasswordChange, SessionInfo, LOGIN_WINDOW_MINUTES};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password;
use worker::{D1Database, Env, Request};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{client, clock, http, session, store, token};

/// Verified against when the account does not exist, so that a wrong e-mail address takes as
/// long as a wrong password and does not reveal which accounts exist.
const TIMING_EQUALISER: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$dHJ5Z2d2ZS10aW1pbmctZXF1YWxpc2Vy$4qxPhbZHry/27B2GZv5IjJUZzvJCKnFuJY96Ids19JM";

/// `POST /api/v1/console/login`: e-mail and password → session cookie and CSRF token.
impl Handler for LogIn {
    async fn handle(cx: &mut Cx<'_>, _: (), body: LoginRequest) -> Result<Reply<SessionInfo>, ApiError> {
        let (db, env) = (cx.db, cx.env);
        let attempt = PasswordAttempt::start(cx.req(), db, env, &body.tenant, &body.email).await?;
        let account = store::moderators::account(db, &body.tenant, body.email.trim()).await?;
        let stored = account.as_ref().map_or(TIMING_EQUALISER, |a| a.password_hash.as_str());
        let matches = password::verify(&body.password, stored);
        let Some(account) = account.filter(|_| matches) else {
            return Err(ApiError::InvalidCredentials);
        };
        attempt.succeeded(db).await?;

        let (cookie, _) = session::start(db, account.id).await?;
        let moderator = store::moderators::by_session(db, &token::hash(&cookie), &attempt.now)
            .await?
            .ok_or(ApiError::NotLoggedIn)?;
        Ok(Reply::WithCookie(moderator.info, session::set_cookie(&cookie)))
    }
}

/// `POST /api/v1/console/logout`: ends the session.
impl Handler for LogOut {
    async fn handle(cx: &mut Cx<'_>, _: (), _: ()) -> Result<Reply<()>, ApiError> {
        let db = cx.db;
        if let Some(value) = http::cookie(cx.req(), session::COOKIE) {
            store::moderators::end_session(db, &token::hash(&value)).await?;
        }
        Ok(Reply::WithCookie((), session::clear_cookie()))
    }
}

/// `GET /api/v1/console/session`: who is logged in (and their CSRF token).
impl Handler for ReadSession {
    async fn handle(cx: &mut Cx<'_>, _: (), _: ()) -> Result<Reply<SessionInfo>, ApiError> {
        Ok(Reply::Done(cx.moderator()?.info.clone()))
    }
}

/// One try at a password (a login, or the current password when changing it), throttled per
/// account and client, per client, and on the account from anywhere by a growing delay
/// (`RecentFailures::wait_secs`): 429 with the wait that is actually left. It counts as failed
/// until [`PasswordAttempt::succeeded`] says otherwise (see `store::moderators::record_attempt`).
struct PasswordAttempt {
    recorded: store::moderators::RecordedAttempt,
    now: String,
}

impl PasswordAttempt {
    async fn start(
        req: &Request,
        db: &D1Database,
        env: &Env,
        tenant: &str,
        email: &str,
    ) -> Result<Self, ApiError> {
        let account_key = format!("account:{tenant}:{}", email.trim().to_lowercase());
        let client_key = client::key(req, env, "login")?;
        let now = clock::now_iso();
        let window_start = clock::iso_in_minutes(-i64::from(LOGIN_WINDOW_MINUTES));
        let recorded =
            store::moderators::record_attempt(db, &account_key, &client_key, &now, &window_start).await?;
        if let Some(wait) = recorded.failures.wait_secs() {
            // Refused unchecked: it does not count, so the wait ends when the real failures
            // have aged.
            store::moderators::forget_attempt(db, &recorded.rows).await?;
            return Err(ApiError::TooManyAttempts { retry_after_secs: wait });
        }
        Ok(Self { recorded, now })
    }

    /// The password was right: the account's failures are forgiven, and this was none.
    async fn succeeded(&self, db: &D1Database) -> Result<(), ApiError> {
        store::moderators::forget_attempt(db, &self.recorded.rows).await?;
        store::moderators::clear_failures(db, &self.recorded.forgiven_on_success).await
    }
}

/// `POST /api/v1/console/password` with a [`PasswordChange`]: any logged-in moderator changes
/// their own password; their other sessions end. Wrong current passwords count as failed logins.
impl Handler for ChangePassword {
    async fn handle(cx: &mut Cx<'_>, _: (), change: PasswordChange) -> Result<Reply<()>, ApiError> {
        let (db, env) = (cx.db, cx.env);
        let moderator = cx.moderator()?.clone();
        change.check_new().map_err(ApiError::Invalid)?;

        let req = cx.req();
        let attempt = PasswordAttempt::start(req, db, env, &moderator.tenant, &moderator.info.email).await?;
        let stored =
            store::moderators::password_hash(db, moderator.id).await?.ok_or(ApiError::NotLoggedIn)?;
        if !password::verify(&change.current, &stored) {
            return Err(ApiError::Invalid(FieldError::new("current", FieldErrorCode::WrongPassword)));
        }
        attempt.succeeded(db).await?;
        let hash = password::hash(&change.new, &token::random_bytes(16)?)
            .map_err(|_| ApiError::Invalid(FieldError::new("new", FieldErrorCode::WeakPassword)))?;
        let session = http::cookie(req, session::COOKIE).map(|v| token::hash(&v)).unwrap_or_default();
        let entry =
            store::audit::NewEntry::by(&moderator, "moderator.password", &moderator.info.email, &attempt.now);
        let audit = store::audit::record(db, &entry)?;
        store::moderators::set_password(db, moderator.id, &hash, &session, audit).await?;
        Ok(Reply::Done(()))
    }
}
