//! Admins manage their municipality's console accounts.

use tryggve_core::api::operations::{AddModerator, DisableModerator, ListModerators};
use tryggve_core::api::path::{AccountPath, TenantPath};
use tryggve_core::console::{ModeratorView, NewModerator};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store, token};

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
        let (db, admin) = (cx.db, cx.moderator()?);
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
/// and its sessions end. Admins cannot lock themselves out this way.
impl Handler for DisableModerator {
    async fn handle(cx: &mut Cx<'_>, path: AccountPath, _: ()) -> Result<Reply<ModeratorView>, ApiError> {
        let (db, admin, tenant) = (cx.db, cx.moderator()?, path.tenant.as_str());
        let email = path.email.to_lowercase();
        if email == admin.info.email.to_lowercase() {
            return Err(ApiError::Invalid(FieldError::new("email", FieldErrorCode::InvalidChoice)));
        }
        let accounts = store::moderators::list(db, tenant).await?;
        let before = accounts.into_iter().find(|a| a.email == email).ok_or(ApiError::NotFound)?;
        let after = ModeratorView { disabled: true, ..before.clone() };
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "moderator.disable", &email, &now)
            .change(store::audit::json(&before), store::audit::json(&after));
        let audit = store::audit::record(db, &entry)?;
        store::moderators::disable(db, tenant, &email, &now, audit).await?;
        Ok(Reply::Done(after))
    }
}
