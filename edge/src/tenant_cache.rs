//! Each Worker isolate keeps the municipalities' configuration and allowed embedding origins for
//! a few seconds. Residents' requests (the widget's configuration, the public map, reports) then
//! do not each read D1 for what changes a few times a year. A save in the console clears this
//! isolate's copy at once; other isolates follow within [`TTL_MS`]. Only what exists is kept, so
//! requests for made-up tenants or origins cannot grow the cache.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::thread::LocalKey;

use tryggve_core::TenantConfig;
use worker::D1Database;

use crate::error::ApiError;
use crate::store;

/// How long a copy is used before D1 is asked again.
const TTL_MS: f64 = 10_000.0;

/// A tenant's configuration as read, and as the widget receives it (serialised once).
struct Kept {
    at: f64,
    config: TenantConfig,
    json: Rc<str>,
}

thread_local! {
    static CONFIGS: RefCell<HashMap<String, Kept>> = RefCell::default();
    static ORIGINS: RefCell<HashMap<(String, String), f64>> = RefCell::default();
    static ANY_ORIGINS: RefCell<HashMap<String, f64>> = RefCell::default();
}

fn fresh(fetched_at: f64) -> bool {
    js_sys::Date::now() - fetched_at < TTL_MS
}

/// Whether this isolate has read `tenant`'s configuration before (fresh or not): a tenant that
/// exists. Reading it again is one read per tenant every [`TTL_MS`]; a name never seen may be
/// made up, and those reads are limited per client by the caller.
pub fn known(tenant: &str) -> bool {
    CONFIGS.with_borrow(|c| c.contains_key(tenant))
}

/// `tenant`'s configuration, from this isolate's copy if it is fresh.
pub async fn config(db: &D1Database, tenant: &str) -> Result<Option<TenantConfig>, ApiError> {
    kept(db, tenant, |k| k.config.clone()).await
}

/// `tenant`'s configuration as JSON for the widget ([`TenantConfig::for_widget`]), from this
/// isolate's copy if it is fresh.
pub async fn config_json(db: &D1Database, tenant: &str) -> Result<Option<Rc<str>>, ApiError> {
    kept(db, tenant, |k| k.json.clone()).await
}

async fn kept<T>(db: &D1Database, tenant: &str, part: impl Fn(&Kept) -> T) -> Result<Option<T>, ApiError> {
    let found = CONFIGS.with_borrow(|c| c.get(tenant).filter(|k| fresh(k.at)).map(&part));
    if found.is_some() {
        return Ok(found);
    }
    let Some(config) = store::tenants::config(db, tenant).await? else { return Ok(None) };
    let json = serde_json::to_string(&config.for_widget()).map_err(|e| ApiError::Internal(e.to_string()))?;
    let loaded = Kept { at: js_sys::Date::now(), config, json: json.into() };
    let wanted = part(&loaded);
    CONFIGS.with_borrow_mut(|c| c.insert(tenant.to_string(), loaded));
    Ok(Some(wanted))
}

/// Whether `origin` may embed `tenant`, from this isolate's copy if it is fresh.
pub async fn allows_origin(db: &D1Database, tenant: &str, origin: &str) -> Result<bool, ApiError> {
    let key = (tenant.to_string(), origin.to_string());
    allowed(&ORIGINS, key, || store::tenants::allows_origin(db, tenant, origin)).await
}

/// Whether any tenant lets `origin` embed it (for CORS headers), from this isolate's copy if
/// it is fresh.
pub async fn any_allows_origin(db: &D1Database, origin: &str) -> Result<bool, ApiError> {
    allowed(&ANY_ORIGINS, origin.to_string(), || store::tenants::any_allows_origin(db, origin)).await
}

/// A yes kept in `cache` under `key` while fresh, else what `ask` answers (a yes is kept).
async fn allowed<K, F>(
    cache: &'static LocalKey<RefCell<HashMap<K, f64>>>,
    key: K,
    ask: impl FnOnce() -> F,
) -> Result<bool, ApiError>
where
    K: std::hash::Hash + Eq,
    F: std::future::Future<Output = Result<bool, ApiError>>,
{
    if cache.with_borrow(|c| c.get(&key).is_some_and(|at| fresh(*at))) {
        return Ok(true);
    }
    let allowed = ask().await?;
    cache.with_borrow_mut(|c| match allowed {
        true => c.insert(key, js_sys::Date::now()),
        false => c.remove(&key),
    });
    Ok(allowed)
}

/// Drops this isolate's copies of `tenant`'s configuration and origins (after a save).
pub fn forget(tenant: &str) {
    CONFIGS.with_borrow_mut(|c| c.remove(tenant));
    ORIGINS.with_borrow_mut(|o| o.retain(|(t, _), _| t != tenant));
    // Which tenant allowed an origin is not kept here: ask D1 again for every origin.
    ANY_ORIGINS.with_borrow_mut(|o| o.clear());
}
