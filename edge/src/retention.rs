//! The daily privacy job (cron trigger): personal data is kept only as long as the tenant's
//! retention period (reports' contact e-mail, follow-up code, text, assignee and internal notes;
//! safety walk points' notes; questions' display names
//! and participant hashes, the text of those pending or rejected, and the individual votes of
//! closed dialogues; the audit log's copies of changed records), and expired sessions, login
//! records and rate-limit events go too, and webhook deliveries (whose bodies may carry personal
//! data for a hook that takes it) a month after they were delivered or given up, and the
//! geocoder's cached answers (searches residents typed among them) after a month.

use crate::error::ApiError;
use crate::{clock, store};

const MINUTES_PER_DAY: i64 = 24 * 60;
/// How long the console's delivery log keeps a finished delivery.
const DELIVERY_LOG_DAYS: i64 = 30;
/// How long a geocoder's answer is kept (streets are renamed now and then, too).
const PLACE_NAME_DAYS: i64 = 30;

pub async fn purge(db: &worker::D1Database) -> Result<(), ApiError> {
    let now = clock::now_iso();
    for tenant in store::tenants::all(db).await? {
        let cutoff = clock::iso_in_minutes(-i64::from(tenant.retention_days) * MINUTES_PER_DAY);
        let purged = store::reports::purge_before(db, &tenant.id, &tenant.areas, &cutoff, &now).await?;
        let (questions, votes) = store::dialogues::purge_before(db, &tenant.id, &cutoff).await?;
        let audited = store::audit::purge_before(db, &tenant.id, &cutoff).await?;
        let notes = store::notes::purge_before(db, &tenant.id, &cutoff).await?;
        let walk_notes = store::walk_points::purge_before(db, &tenant.id, &cutoff).await?;
        if purged > 0 || questions > 0 || votes > 0 || audited > 0 || notes > 0 || walk_notes > 0 {
            // On the record, like every change to reports: by no moderator, with the count.
            let entry = store::audit::NewEntry {
                tenant: &tenant.id,
                moderator_id: None,
                action: "retention.purge",
                subject: &format!("created before {cutoff}"),
                before: String::new(),
                after: format!(
                    "{{\"purged_reports\":{purged},\"purged_questions\":{questions},\"purged_votes\":{votes},\"purged_audit_entries\":{audited},\"purged_notes\":{notes},\"purged_walk_notes\":{walk_notes}}}"
                ),
                at: &now,
            };
            store::audit::record(db, &entry)?.run().await?;
        }
    }
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(&[now.as_str().into()])?.run().await?;
    let window = clock::iso_in_minutes(-MINUTES_PER_DAY);
    db.prepare("DELETE FROM login_failures WHERE at <= ?1").bind(&[window.as_str().into()])?.run().await?;
    store::rate::forget_before(db, &window).await?;
    store::webhooks::forget_before(db, &clock::iso_in_minutes(-DELIVERY_LOG_DAYS * MINUTES_PER_DAY)).await?;
    store::place_names::forget_before(db, &clock::iso_in_minutes(-PLACE_NAME_DAYS * MINUTES_PER_DAY)).await?;
    Ok(())
}
