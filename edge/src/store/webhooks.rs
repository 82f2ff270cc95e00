//! The municipality's webhooks and their deliveries (see `tryggve_core::webhook`).

use serde::Deserialize;
use tryggve_core::webhook::{Delivery, DeliveryState, Webhook, WebhookDraft, WebhookEvent};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

fn number(value: i64) -> JsValue {
    JsValue::from(value as f64)
}

#[derive(Deserialize)]
struct HookRow {
    id: i64,
    url: String,
    events: String,
    personal_data: f64,
    created_at: String,
    revoked_at: Option<String>,
}

impl HookRow {
    fn into_webhook(self) -> Result<Webhook, ApiError> {
        let events = serde_json::from_str(&self.events)
            .map_err(|e| ApiError::Internal(format!("webhook {} events: {e}", self.id)))?;
        Ok(Webhook {
            id: self.id,
            url: self.url,
            events,
            personal_data: self.personal_data != 0.0,
            created_at: self.created_at,
            revoked_at: self.revoked_at,
        })
    }
}

const SELECT_HOOK: &str = "SELECT id, url, events, personal_data, created_at, revoked_at FROM webhooks";

/// The tenant's hooks, in the order they were added.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<Webhook>, ApiError> {
    let sql = format!("{SELECT_HOOK} WHERE tenant_id = ?1 ORDER BY id");
    let rows: Vec<HookRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(HookRow::into_webhook).collect()
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<Webhook>, ApiError> {
    let sql = format!("{SELECT_HOOK} WHERE tenant_id = ?1 AND id = ?2");
    let row: Option<HookRow> = db.prepare(sql).bind(&[tenant.into(), number(id)])?.first(None).await?;
    row.map(HookRow::into_webhook).transpose()
}

/// Adds a hook with its secret, `audit` in the same batch; its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    draft: &WebhookDraft,
    secret: &str,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let events = serde_json::to_string(&draft.events).map_err(|e| ApiError::Internal(e.to_string()))?;
    let sql = "INSERT INTO webhooks (tenant_id, url, events, personal_data, secret, created_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
    let insert = db.prepare(sql).bind(&[
        tenant.into(),
        draft.url.as_str().into(),
        events.into(),
        number(i64::from(draft.personal_data)),
        secret.into(),
        now.into(),
    ])?;
    super::insert_returning_id(db, insert, audit)
        .await?
        .ok_or_else(|| ApiError::Internal("a webhook was not added".into()))
}

/// Stops hook `id` (once: a second stop keeps the first time), and gives up what still waited
/// to be delivered to it; `audit` in the same batch.
pub async fn revoke(
    db: &D1Database,
    tenant: &str,
    id: i64,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let args = [tenant.into(), number(id), now.into()];
    let stop = "UPDATE webhooks SET revoked_at = COALESCE(revoked_at, ?3) WHERE tenant_id = ?1 AND id = ?2";
    let give_up = "UPDATE webhook_deliveries SET failed_at = ?3, next_attempt_at = NULL \
                   WHERE tenant_id = ?1 AND webhook_id = ?2 AND delivered_at IS NULL AND failed_at IS NULL";
    db.batch(vec![db.prepare(stop).bind(&args)?, db.prepare(give_up).bind(&args)?, audit]).await?;
    Ok(())
}

/// A working hook: its id, whether it takes personal data, and what it is told of.
pub struct Subscriber {
    pub id: i64,
    pub personal_data: bool,
    pub events: Vec<WebhookEvent>,
}

/// The tenant's working hooks told of any of `events` (one read, whatever their number).
pub async fn subscribers(
    db: &D1Database,
    tenant: &str,
    events: &[WebhookEvent],
) -> Result<Vec<Subscriber>, ApiError> {
    #[derive(Deserialize)]
    struct Row {
        id: i64,
        personal_data: f64,
        events: String,
    }
    let sql = "SELECT id, personal_data, events FROM webhooks WHERE tenant_id = ?1 AND revoked_at IS NULL";
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let wanted: Vec<WebhookEvent> = serde_json::from_str(&r.events).ok()?;
            wanted.iter().any(|e| events.contains(e)).then_some(Subscriber {
                id: r.id,
                personal_data: r.personal_data != 0.0,
                events: wanted,
            })
        })
        .collect())
}

/// A delivery to be stored: its id, hook, event and body.
pub struct NewDelivery {
    pub id: String,
    pub webhook: i64,
    pub event: WebhookEvent,
    pub body: String,
}

/// Stores deliveries, due at once.
pub async fn insert_deliveries(
    db: &D1Database,
    tenant: &str,
    deliveries: &[NewDelivery],
    now: &str,
) -> Result<(), ApiError> {
    let sql = "INSERT INTO webhook_deliveries (id, webhook_id, tenant_id, event, body, created_at, next_attempt_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)";
    let statements = deliveries
        .iter()
        .map(|d| {
            db.prepare(sql).bind(&[
                d.id.as_str().into(),
                number(d.webhook),
                tenant.into(),
                d.event.id().into(),
                d.body.as_str().into(),
                now.into(),
            ])
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !statements.is_empty() {
        db.batch(statements).await?;
    }
    Ok(())
}

/// The ids of deliveries due by `now` (not delivered, not given up, not being sent), oldest first.
pub async fn due(db: &D1Database, now: &str, limit: u32) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    struct Due {
        id: String,
    }
    let sql =
        "SELECT id FROM webhook_deliveries WHERE next_attempt_at IS NOT NULL AND next_attempt_at <= ?1 \
               AND (claimed_until IS NULL OR claimed_until <= ?1) ORDER BY next_attempt_at LIMIT ?2";
    let rows: Vec<Due> =
        db.prepare(sql).bind(&[now.into(), number(i64::from(limit))])?.all().await?.results()?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// A delivery claimed for one attempt: where to, what, signed with which secret.
#[derive(Deserialize)]
pub struct Claimed {
    pub url: String,
    pub secret: String,
    pub event: String,
    pub body: String,
    /// Attempts including this one.
    pub attempts: u32,
}

/// Claims delivery `id` for one attempt until `until`, if it is still due and no one else holds
/// it (one statement: of two that try at once, one gets it), and counts the attempt. `None`:
/// delivered, given up, claimed by another, or its hook stopped.
pub async fn claim(db: &D1Database, id: &str, now: &str, until: &str) -> Result<Option<Claimed>, ApiError> {
    let sql = "UPDATE webhook_deliveries SET claimed_until = ?3, attempts = attempts + 1 \
               WHERE id = ?1 AND next_attempt_at IS NOT NULL AND next_attempt_at <= ?2 \
               AND (claimed_until IS NULL OR claimed_until <= ?2) \
               AND EXISTS (SELECT 1 FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id AND w.revoked_at IS NULL) \
               RETURNING event, body, attempts, \
               (SELECT url FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id) AS url, \
               (SELECT secret FROM webhooks w WHERE w.id = webhook_deliveries.webhook_id) AS secret";
    Ok(db.prepare(sql).bind(&[id.into(), now.into(), until.into()])?.first(None).await?)
}

/// How an attempt ended.
pub enum Outcome<'a> {
    /// 2xx at this time.
    Delivered(&'a str),
    /// Try again at this time.
    Retry(&'a str),
    /// Given up at this time.
    GaveUp(&'a str),
}

/// Records an attempt's outcome and the receiver's status (none: not reached), releasing the claim.
pub async fn record(
    db: &D1Database,
    id: &str,
    status: Option<u16>,
    outcome: Outcome<'_>,
) -> Result<(), ApiError> {
    let status = status.map_or(JsValue::NULL, |s| number(i64::from(s)));
    let (sql, at) = match outcome {
        Outcome::Delivered(at) => (
            "UPDATE webhook_deliveries SET delivered_at = ?3, next_attempt_at = NULL, claimed_until = NULL, \
             last_status = ?2 WHERE id = ?1",
            at,
        ),
        Outcome::Retry(at) => (
            "UPDATE webhook_deliveries SET next_attempt_at = ?3, claimed_until = NULL, last_status = ?2 \
             WHERE id = ?1",
            at,
        ),
        Outcome::GaveUp(at) => (
            "UPDATE webhook_deliveries SET failed_at = ?3, next_attempt_at = NULL, claimed_until = NULL, \
             last_status = ?2 WHERE id = ?1",
            at,
        ),
    };
    db.prepare(sql).bind(&[id.into(), status, at.into()])?.run().await?;
    Ok(())
}

#[derive(Deserialize)]
struct DeliveryRow {
    id: String,
    webhook_id: i64,
    url: String,
    event: String,
    created_at: String,
    attempts: u32,
    last_status: Option<f64>,
    next_attempt_at: Option<String>,
    delivered_at: Option<String>,
    failed_at: Option<String>,
}

/// How many deliveries the log shows.
pub const LOG_LIMIT: u32 = 200;

/// The tenant's latest deliveries, newest first.
pub async fn log(db: &D1Database, tenant: &str) -> Result<Vec<Delivery>, ApiError> {
    let sql = "SELECT d.id, d.webhook_id, w.url, d.event, d.created_at, d.attempts, d.last_status, \
               d.next_attempt_at, d.delivered_at, d.failed_at \
               FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
               WHERE d.tenant_id = ?1 ORDER BY d.created_at DESC, d.id LIMIT ?2";
    let rows: Vec<DeliveryRow> =
        db.prepare(sql).bind(&[tenant.into(), number(i64::from(LOG_LIMIT))])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let state = match (&r.delivered_at, &r.failed_at) {
                (Some(_), _) => DeliveryState::Delivered,
                (None, Some(_)) => DeliveryState::Failed,
                (None, None) => DeliveryState::Pending,
            };
            Some(Delivery {
                id: r.id,
                webhook: r.webhook_id,
                url: r.url,
                event: WebhookEvent::from_id(&r.event)?,
                created_at: r.created_at,
                state,
                attempts: r.attempts,
                last_status: r.last_status.map(|s| s as u16),
                next_attempt_at: r.next_attempt_at,
                delivered_at: r.delivered_at,
            })
        })
        .collect())
}

/// Forgets finished deliveries (delivered or given up) that happened before `cutoff`.
pub async fn forget_before(db: &D1Database, cutoff: &str) -> Result<(), ApiError> {
    let sql = "DELETE FROM webhook_deliveries WHERE created_at <= ?1 AND next_attempt_at IS NULL";
    db.prepare(sql).bind(&[cutoff.into()])?.run().await?;
    Ok(())
}
