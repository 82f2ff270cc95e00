//! The hourly import of the police's recent events (see `tryggve_core::police_event`). For each
//! municipality with location names, the feed is asked once per name; what it answers is read
//! in core, the events of the municipality's last days are kept (an event sent again replaces
//! its earlier version) and older ones removed. A feed that fails or answers something else is
//! logged and changes nothing; the next run tries again.

use tryggve_core::police_event::{is_recent, kept_since, read_feed, PoliceFeedSettings};
use tryggve_core::TenantConfig;
use worker::D1Database;

use crate::error::ApiError;
use crate::outside::{self, Unanswered};
use crate::{clock, store};

/// The cron (in wrangler.toml) that imports the events: hourly, at seven past.
pub const CRON: &str = "7 * * * *";
/// How long the feed has to answer.
const TIMEOUT_MS: u32 = 15_000;

/// Where the events come from: the police's feed over the network, or in a test, anything that
/// answers its text for an address.
pub trait EventFeed {
    /// The feed's answer for `url`, or why there is none.
    async fn fetch(&self, url: &str) -> Result<String, Unanswered>;
}

/// The feed over HTTP, as configured per municipality (the police's own by default).
pub struct HttpFeed;

impl EventFeed for HttpFeed {
    async fn fetch(&self, url: &str) -> Result<String, Unanswered> {
        outside::get_text(url, "Tryggve-PoliceEvents/1", TIMEOUT_MS).await
    }
}

/// Imports every municipality's events; one that fails is logged and the others go on.
pub async fn import_all(db: &D1Database, feed: &impl EventFeed) -> Result<(), ApiError> {
    let now = clock::now_iso();
    for tenant in store::tenants::all(db).await? {
        if let Err(e) = import(db, feed, &tenant, &now).await {
            worker::console_error!("police events for {}: {e:?}", tenant.id);
        }
    }
    Ok(())
}

async fn import(
    db: &D1Database,
    feed: &impl EventFeed,
    tenant: &TenantConfig,
    now: &str,
) -> Result<(), ApiError> {
    let settings: &PoliceFeedSettings = &tenant.police;
    if settings.locations.is_empty() {
        return Ok(());
    }
    for location in &settings.locations {
        let answer = match feed.fetch(&settings.request_url(location)).await {
            Ok(answer) => answer,
            Err(e) => {
                worker::console_warn!("police feed for {} ({location}) failed: {}", tenant.id, e.reason());
                continue;
            }
        };
        let read = match read_feed(&answer) {
            Ok(read) => read,
            Err(e) => {
                worker::console_warn!("police feed for {} ({location}) refused: {e:?}", tenant.id);
                continue;
            }
        };
        if read.skipped > 0 {
            worker::console_warn!(
                "police feed for {} ({location}): {} items were not events",
                tenant.id,
                read.skipped
            );
        }
        let recent: Vec<_> =
            read.events.into_iter().filter(|e| is_recent(&e.occurred_at, now, settings.days)).collect();
        store::police_events::keep(db, &tenant.id, &recent, now).await?;
    }
    if let Some(since) = kept_since(now, settings.days) {
        store::police_events::remove_before(db, &tenant.id, &since).await?;
    }
    // Residents who see the events get them as they are now.
    crate::public_cache::changed(&tenant.id, crate::public_cache::Subject::Layers).await?;
    Ok(())
}
