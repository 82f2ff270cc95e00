//! The systems that send reports in over Open311: admins add them (the key is answered once)
//! and stop them.

use tryggve_core::api::operations::{AddIntegration, ListIntegrations, RevokeIntegration};
use tryggve_core::api::path::{IntegrationPath, TenantPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::integration::{Integration, IntegrationDraft, NewIntegration};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store, token};

/// `GET /api/v1/console/{tenant}/integrations`
impl Handler for ListIntegrations {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Integration>>, ApiError> {
        Ok(Reply::Done(store::integrations::list(cx.db, &path.tenant).await?))
    }
}

/// `POST /api/v1/console/{tenant}/integrations` with an [`IntegrationDraft`]: 201 with the
/// integration and its key, which only its hash is kept of.
impl Handler for AddIntegration {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        draft: IntegrationDraft,
    ) -> Result<Reply<NewIntegration>, ApiError> {
        let draft = draft.validated().map_err(ApiError::Invalid)?;
        let (db, admin) = (cx.db, cx.moderator()?);
        // 256 bits: a key is typed into another system's configuration, never guessed.
        let api_key = format!("{}{}", token::new_token()?, token::new_token()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "integration.add", "integration ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_inserted_row(db, &entry)?;
        let id =
            store::integrations::insert(db, &path.tenant, &draft.name, &token::hash(&api_key), &now, audit)
                .await?
                .ok_or(ApiError::Invalid(FieldError::new("name", FieldErrorCode::AlreadyExists)))?;
        let integration = Integration { id, name: draft.name, created_at: now, revoked_at: None, reports: 0 };
        Ok(Reply::Done(NewIntegration { integration, api_key }))
    }
}

/// `POST /api/v1/console/{tenant}/integrations/{integration}/revoke`: the integration as it is now.
impl Handler for RevokeIntegration {
    async fn handle(cx: &mut Cx<'_>, path: IntegrationPath, _: ()) -> Result<Reply<Integration>, ApiError> {
        let (db, admin) = (cx.db, cx.moderator()?);
        let before =
            store::integrations::find(db, &path.tenant, path.integration).await?.ok_or(ApiError::NotFound)?;
        let now = clock::now_iso();
        let subject = format!("integration {}", path.integration);
        let entry = store::audit::NewEntry::by(admin, "integration.revoke", &subject, &now)
            .change(store::audit::json(&before), String::new());
        let audit = store::audit::record(db, &entry)?;
        store::integrations::revoke(db, &path.tenant, path.integration, &now, audit).await?;
        let after =
            store::integrations::find(db, &path.tenant, path.integration).await?.ok_or(ApiError::NotFound)?;
        Ok(Reply::Done(after))
    }
}
