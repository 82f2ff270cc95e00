//! Admins manage their municipality's console accounts: add, disable and enable again, change
//! the role, reset the password. None of them on their own account, so that an admin cannot
//! lock themselves (and maybe everyone) out.

use tryggve_core::api::operations::{
    AddModerator, ChangeModeratorRole, DisableModerator, EnableModerator, ListModerators,
    ResetModeratorPassword,
};
use tryggve_core::api::path::{AccountPath, TenantPath};
use tryggve_core::console::{ModeratorView, NewModerator, PasswordReset, RoleChange};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::moderator::Moderator;
use crate::store::moderators::AccountChange;
use crate::{clock, store, token};

/// The account at `path`, as it is before an admin changes it: not the admin's own (422 on
/// `email`), and one of the tenant's (404).
async fn other_account(
    cx: &Cx<'_>,
    admin: &Moderator,
    path: &AccountPath,
) -> Result<ModeratorView, ApiError> {
    if path.email.eq_ignore_ascii_case(&admin.info.email) {
        return Err(ApiError::Invalid(FieldError::new("email", FieldErrorCode::InvalidChoice)));
    }
    store::moderators::find(cx.db, &path.tenant, &path.email).await?.ok_or(ApiError::NotFound)
}

/// 422 on `unit` unless `unit` (if any) is one of the tenant's units.
async fn known_unit(cx: &Cx<'_>, tenant: &str, unit: Option<i64>) -> Result<(), ApiError> {
    match unit {
        Some(id) if store::units::find(cx.db, tenant, id).await?.is_none() => {
            Err(ApiError::Invalid(FieldError::new("unit", FieldErrorCode::InvalidChoice)))
        }
        _ => Ok(()),
    }
}

/// Stores `change` of the account `before` (now `after`), audited as `action`.
async fn change_account(
    cx: &Cx<'_>,
    admin: &Moderator,
    action: &str,
    (before, after): (&ModeratorView, &ModeratorView),
    change: AccountChange<'_>,
) -> Result<(), ApiError> {
    let now = clock::now_iso();
    let entry = store::audit::NewEntry::by(admin, action, &before.email, &now)
        .change(store::audit::json(before), store::audit::json(after));
    let audit = store::audit::record(cx.db, &entry)?;
    // The admin's tenant is the path's: `require` checked it before the handler ran.
    store::moderators::change(cx.db, &admin.tenant, &before.email, change, audit).await
}

/// `GET /api/v1/console/{tenant}/moderators`
impl Handler for ListModerators {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<ModeratorView>>, ApiError> {
        Ok(Reply::Done(store::moderators::list(cx.db, &path.tenant).await?))
    }
}

/// `POST /api/v1/console/{tenant}/moderators` with a [`NewModerator`]: 201 with the account.
impl Handler for AddModerator {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        body: NewModerator,
    ) -> Result<Reply<ModeratorView>, ApiError> {
        let account = body.validated().map_err(ApiError::Invalid)?;
        known_unit(cx, &path.tenant, account.unit).await?;
        let (db, admin) = (cx.db, cx.moderator()?);
        let hash = password::hash(&account.password, &token::random_bytes(16)?)
            .map_err(|_| ApiError::Invalid(FieldError::new("password", FieldErrorCode::WeakPassword)))?;
        let view = ModeratorView {
            email: account.email.clone(),
            name: account.name.clone(),
            role: account.role,
            unit: account.unit,
            disabled: false,
            must_change_password: false,
        };
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "moderator.add", &account.email, &now)
            .change(String::new(), store::audit::json(&view));
        let audit = store::audit::record(db, &entry)?;
        if !store::moderators::insert(db, &path.tenant, &account, &hash, audit).await? {
            return Err(ApiError::Invalid(FieldError::new("email", FieldErrorCode::AlreadyExists)));
        }
        Ok(Reply::Done(view))
    }
}

/// `POST /api/v1/console/{tenant}/moderators/{email}/disable`: the account can no longer log in
/// and its sessions end.
impl Handler for DisableModerator {
    async fn handle(cx: &mut Cx<'_>, path: AccountPath, _: ()) -> Result<Reply<ModeratorView>, ApiError> {
        let admin = cx.moderator()?.clone();
        let before = other_account(cx, &admin, &path).await?;
        let after = ModeratorView { disabled: true, ..before.clone() };
        let now = clock::now_iso();
        change_account(cx, &admin, "moderator.disable", (&before, &after), AccountChange::Disable(&now))
            .await?;
        Ok(Reply::Done(after))
    }
}

/// `POST /api/v1/console/{tenant}/moderators/{email}/enable`: a disabled account may log in
/// again, with the password it had.
impl Handler for EnableModerator {
    async fn handle(cx: &mut Cx<'_>, path: AccountPath, _: ()) -> Result<Reply<ModeratorView>, ApiError> {
        let admin = cx.moderator()?.clone();
        let before = other_account(cx, &admin, &path).await?;
        let after = ModeratorView { disabled: false, ..before.clone() };
        change_account(cx, &admin, "moderator.enable", (&before, &after), AccountChange::Enable).await?;
        Ok(Reply::Done(after))
    }
}

/// `POST /api/v1/console/{tenant}/moderators/{email}/role` with a [`RoleChange`] (and the unit,
/// for a unit's member): the account's sessions end, and it logs in again under the new role.
impl Handler for ChangeModeratorRole {
    async fn handle(
        cx: &mut Cx<'_>,
        path: AccountPath,
        body: RoleChange,
    ) -> Result<Reply<ModeratorView>, ApiError> {
        let change = body.validated().map_err(ApiError::Invalid)?;
        let admin = cx.moderator()?.clone();
        let before = other_account(cx, &admin, &path).await?;
        known_unit(cx, &path.tenant, change.unit).await?;
        let after = ModeratorView { role: change.role, unit: change.unit, ..before.clone() };
        let stored = AccountChange::Role(change.role, change.unit);
        change_account(cx, &admin, "moderator.role", (&before, &after), stored).await?;
        Ok(Reply::Done(after))
    }
}

/// `POST /api/v1/console/{tenant}/moderators/{email}/password-reset`: a temporary password,
/// answered once to the admin and stored only as its hash; the account's sessions end and, at
/// the next login, it can do nothing but choose its own password. The audit log records the
/// reset, never the password.
impl Handler for ResetModeratorPassword {
    async fn handle(cx: &mut Cx<'_>, path: AccountPath, _: ()) -> Result<Reply<PasswordReset>, ApiError> {
        let admin = cx.moderator()?.clone();
        let before = other_account(cx, &admin, &path).await?;
        let mut random = [0; password::TEMPORARY_BYTES];
        random.copy_from_slice(&token::random_bytes(password::TEMPORARY_BYTES as u32)?);
        let temporary = password::temporary(&random);
        let hash = password::hash(&temporary, &token::random_bytes(16)?)
            .map_err(|_| ApiError::Internal("a temporary password out of policy".into()))?;
        let after = ModeratorView { must_change_password: true, ..before.clone() };
        let change = AccountChange::TemporaryPassword(&hash);
        change_account(cx, &admin, "moderator.password_reset", (&before, &after), change).await?;
        Ok(Reply::Done(PasswordReset { account: after, temporary_password: temporary }))
    }
}
