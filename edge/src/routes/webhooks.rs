//! The municipality's webhooks: admins register them (the signing secret is answered once),
//! stop them, and read the delivery log. Deliveries themselves are `crate::webhooks`.

use tryggve_core::api::operations::{AddWebhook, ListWebhookDeliveries, ListWebhooks, RevokeWebhook};
use tryggve_core::api::path::{TenantPath, WebhookPath};
use tryggve_core::webhook::{Delivery, NewWebhook, Webhook, WebhookDraft};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store, token};

/// `GET /api/v1/console/{tenant}/webhooks`
impl Handler for ListWebhooks {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Webhook>>, ApiError> {
        Ok(Reply::Done(store::webhooks::list(cx.db, &path.tenant).await?))
    }
}

/// `POST /api/v1/console/{tenant}/webhooks` with a [`WebhookDraft`]: 201 with the hook and its
/// secret. The audit log keeps the address and events, never the secret.
impl Handler for AddWebhook {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        draft: WebhookDraft,
    ) -> Result<Reply<NewWebhook>, ApiError> {
        let draft = draft.validated().map_err(ApiError::Invalid)?;
        let (db, admin) = (cx.db, cx.moderator()?);
        // 256 bits, typed into the receiver's configuration, never guessed.
        let secret = format!("whsec_{}{}", token::new_token()?, token::new_token()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "webhook.add", "webhook ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_inserted_row(db, &entry)?;
        let id = store::webhooks::insert(db, &path.tenant, &draft, &secret, &now, audit).await?;
        let webhook = Webhook {
            id,
            url: draft.url,
            events: draft.events,
            personal_data: draft.personal_data,
            created_at: now,
            revoked_at: None,
        };
        Ok(Reply::Done(NewWebhook { webhook, secret }))
    }
}

/// `POST /api/v1/console/{tenant}/webhooks/{webhook}/revoke`: the hook as it is now.
impl Handler for RevokeWebhook {
    async fn handle(cx: &mut Cx<'_>, path: WebhookPath, _: ()) -> Result<Reply<Webhook>, ApiError> {
        let (db, admin) = (cx.db, cx.moderator()?);
        let before =
            store::webhooks::find(db, &path.tenant, path.webhook).await?.ok_or(ApiError::NotFound)?;
        let now = clock::now_iso();
        let subject = format!("webhook {}", path.webhook);
        let entry = store::audit::NewEntry::by(admin, "webhook.revoke", &subject, &now)
            .change(store::audit::json(&before), String::new());
        let audit = store::audit::record(db, &entry)?;
        store::webhooks::revoke(db, &path.tenant, path.webhook, &now, audit).await?;
        let after = store::webhooks::find(db, &path.tenant, path.webhook).await?.ok_or(ApiError::NotFound)?;
        Ok(Reply::Done(after))
    }
}

/// `GET /api/v1/console/{tenant}/webhook-deliveries`
impl Handler for ListWebhookDeliveries {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Delivery>>, ApiError> {
        Ok(Reply::Done(store::webhooks::log(cx.db, &path.tenant).await?))
    }
}
