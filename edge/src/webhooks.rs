//! Telling the municipality's webhooks what happened. Each event becomes one delivery per hook
//! that wants it, stored before anything is sent; it is then sent after the answer has gone and,
//! while the receiver fails, again by the minute cron with growing waits. A delivery is claimed
//! for each attempt, so that the cron and a request never send it at once, and marked delivered
//! at the first 2xx: a receiver sees each id once as new (a retry carries the same id and a
//! higher `Tryggve-Attempt`).

use std::rc::Rc;

use tryggve_core::review::ModeratedReport;
use tryggve_core::webhook::{self, ReportData, WebhookEvent, WebhookMessage};
use worker::{D1Database, Fetch, Headers, Method, Request, RequestInit};

use crate::error::ApiError;
use crate::store::webhooks::{NewDelivery, Outcome};
use crate::{clock, store, token};

/// The cron (in wrangler.toml) that sends what is due.
pub const CRON: &str = "* * * * *";
/// Deliveries the cron sends in one run, one after another.
const PER_RUN: u32 = 25;
/// How long one attempt holds its delivery: longer than a request to the receiver may take.
const CLAIM_MINUTES: i64 = 2;
/// How long the receiver has to answer.
const TIMEOUT_MS: u32 = 10_000;

/// Stores a delivery of each of `events` (in order) for each of the tenant's hooks that wants
/// it, its data made by `data` (given whether the hook takes personal data); the ids to send.
/// The change the events tell of is already stored: a failure here is logged, not answered as
/// the request's failure.
pub async fn announce(
    db: &D1Database,
    tenant: &str,
    events: &[WebhookEvent],
    data: impl Fn(bool) -> serde_json::Value,
) -> Vec<String> {
    if events.is_empty() {
        return Vec::new();
    }
    let stored = async {
        let hooks = store::webhooks::subscribers(db, tenant, events).await?;
        stored(db, tenant, events, &hooks, data).await
    };
    logged(tenant, stored.await)
}

/// [`announce`] for report `case` just filed: read back for its data only if a hook wants it.
pub async fn announce_filed(db: &D1Database, tenant: &str, case: (i32, u32)) -> Vec<String> {
    let events = [WebhookEvent::ReportCreated];
    let stored = async {
        let hooks = store::webhooks::subscribers(db, tenant, &events).await?;
        if hooks.is_empty() {
            return Ok(Vec::new());
        }
        let read = store::reports::find_for_review(db, tenant, case).await?;
        let report = read.ok_or_else(|| ApiError::Internal("a report just filed is missing".into()))?.report;
        stored(db, tenant, &events, &hooks, |personal| report_data(&report, personal)).await
    };
    logged(tenant, stored.await)
}

/// A report as a hook is told of it, as JSON.
pub fn report_data(report: &ModeratedReport, personal_data: bool) -> serde_json::Value {
    serde_json::to_value(ReportData::of(report, personal_data)).unwrap_or_default()
}

fn logged(tenant: &str, stored: Result<Vec<String>, ApiError>) -> Vec<String> {
    stored.unwrap_or_else(|e| {
        worker::console_error!("webhooks for {tenant} not stored: {e:?}");
        Vec::new()
    })
}

async fn stored(
    db: &D1Database,
    tenant: &str,
    events: &[WebhookEvent],
    hooks: &[store::webhooks::Subscriber],
    data: impl Fn(bool) -> serde_json::Value,
) -> Result<Vec<String>, ApiError> {
    let now = clock::now_iso();
    let mut deliveries = Vec::new();
    for &event in events {
        for hook in hooks.iter().filter(|h| h.events.contains(&event)) {
            let message = WebhookMessage {
                id: token::new_token()?,
                event,
                occurred_at: now.clone(),
                tenant: tenant.to_string(),
                data: data(hook.personal_data),
            };
            let body = serde_json::to_string(&message).map_err(|e| ApiError::Internal(e.to_string()))?;
            deliveries.push(NewDelivery { id: message.id, webhook: hook.id, event, body });
        }
    }
    store::webhooks::insert_deliveries(db, tenant, &deliveries, &now).await?;
    Ok(deliveries.into_iter().map(|d| d.id).collect())
}

/// Sends deliveries `ids`, one after another (after a request's answer).
pub async fn deliver(db: Rc<D1Database>, ids: Vec<String>) {
    for id in ids {
        if let Err(e) = attempt(&db, &id).await {
            worker::console_error!("webhook delivery {id}: {e:?}");
        }
    }
}

/// The cron's run: every delivery that is due, oldest first, at most [`PER_RUN`].
pub async fn deliver_due(db: &Rc<D1Database>) -> Result<(), ApiError> {
    let ids = store::webhooks::due(db, &clock::now_iso(), PER_RUN).await?;
    deliver(db.clone(), ids).await;
    Ok(())
}

/// One attempt at delivery `id`, if it is still due and no one else is sending it.
async fn attempt(db: &D1Database, id: &str) -> Result<(), ApiError> {
    let now = clock::now_iso();
    let until = clock::iso_in_minutes(CLAIM_MINUTES);
    let Some(claimed) = store::webhooks::claim(db, id, &now, &until).await? else { return Ok(()) };
    let status = post(id, &claimed).await;
    let at = clock::now_iso();
    let retry_at;
    let outcome = match status {
        Some(200..=299) => Outcome::Delivered(&at),
        _ => match webhook::retry_after(claimed.attempts) {
            Some(minutes) => {
                retry_at = clock::iso_in_minutes(i64::from(minutes));
                Outcome::Retry(&retry_at)
            }
            None => Outcome::GaveUp(&at),
        },
    };
    store::webhooks::record(db, id, status, outcome).await
}

/// POSTs a claimed delivery, signed; the receiver's status, or `None` if it could not be
/// reached in time. Redirects are not followed: a hook's address is the one an admin gave.
async fn post(id: &str, claimed: &store::webhooks::Claimed) -> Option<u16> {
    let unix_seconds = (js_sys::Date::now() / 1000.0) as i64;
    let headers = Headers::new();
    let signature = webhook::signature(&claimed.secret, unix_seconds, &claimed.body);
    for (name, value) in [
        ("content-type", "application/json"),
        ("user-agent", "Tryggve-Webhooks/1"),
        ("tryggve-delivery", id),
        ("tryggve-event", claimed.event.as_str()),
        ("tryggve-attempt", &claimed.attempts.to_string()),
        ("tryggve-signature", &signature),
    ] {
        headers.set(name, value).ok()?;
    }
    let mut init = RequestInit::new();
    init.with_method(Method::Post)
        .with_headers(headers)
        .with_body(Some(claimed.body.as_str().into()))
        .with_redirect(worker::RequestRedirect::Manual);
    let request = Request::new_with_init(&claimed.url, &init).ok()?;
    let signal = worker::web_sys::AbortSignal::timeout_with_u32(TIMEOUT_MS);
    let response = Fetch::Request(request).send_with_signal(&signal.into()).await.ok()?;
    Some(response.status_code())
}
