//! Admins manage their municipality's console accounts.

use tryggve_core::console::{ModeratorView, NewModerator};
use tryggve_core::moderation::Permission;
use tryggve_core::password;
use tryggve_core::validation::{FieldError, FieldErrorCode};
use worker::{D1Database, Request, Response};

use super::review::moderator_for;
use super::Caller;
use crate::error::ApiError;
use crate::{clock, http, store, token};

/// `GET /api/v1/console/{tenant}/moderators`
pub async fn list(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ManageModerators).await?;
    Ok(http::json(200, &store::moderators::list(db, tenant).await?))
}

/// `POST /api/v1/console/{tenant}/moderators` with a [`NewModerator`]: 201 with the account.
pub async fn add(
    req: &mut Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    let admin = moderator_for(req, db, caller, tenant, Permission::ManageModerators).await?;
    admin.check_csrf(req)?;
    let body: NewModerator = http::read_json(req).await?;
    let account = body.validated().map_err(ApiError::Invalid)?;
    let hash = password::hash(&account.password, &token::random_bytes(16)?)
        .map_err(|_| ApiError::Invalid(FieldError::new("password", FieldErrorCode::WeakPassword)))?;
    let view = ModeratorView {
        email: account.email.clone(),
        name: account.name.clone(),
        role: account.role,
        disabled: false,
    };
    let now = clock::now_iso();
    let audit = store::audit::record(
        db,
        &store::audit::NewEntry {
            tenant,
            moderator_id: Some(admin.id),
            action: "moderator.add",
            subject: &account.email,
            before: String::new(),
            after: serde_json::to_string(&view).unwrap_or_default(),
            at: &now,
        },
    )?;
    if !store::moderators::insert(db, tenant, &account, &hash, audit).await? {
        return Err(ApiError::Invalid(FieldError::new("email", FieldErrorCode::AlreadyExists)));
    }
    Ok(http::json(201, &view))
}

/// `POST /api/v1/console/{tenant}/moderators/{email}/disable`: the account can no longer log in
/// and its sessions end. Admins cannot lock themselves out this way.
pub async fn disable(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
    email: &str,
) -> Result<Response, ApiError> {
    let admin = moderator_for(req, db, caller, tenant, Permission::ManageModerators).await?;
    admin.check_csrf(req)?;
    let email = js_sys::decode_uri_component(email).map(String::from).unwrap_or_default().to_lowercase();
    if email == admin.info.email.to_lowercase() {
        return Err(ApiError::Invalid(FieldError::new("email", FieldErrorCode::InvalidChoice)));
    }
    let accounts = store::moderators::list(db, tenant).await?;
    let before = accounts.into_iter().find(|a| a.email == email).ok_or(ApiError::NotFound)?;
    let after = ModeratorView { disabled: true, ..before.clone() };
    let now = clock::now_iso();
    let audit = store::audit::record(
        db,
        &store::audit::NewEntry {
            tenant,
            moderator_id: Some(admin.id),
            action: "moderator.disable",
            subject: &email,
            before: serde_json::to_string(&before).unwrap_or_default(),
            after: serde_json::to_string(&after).unwrap_or_default(),
            at: &now,
        },
    )?;
    store::moderators::disable(db, tenant, &email, &now, audit).await?;
    Ok(http::json(200, &after))
}
