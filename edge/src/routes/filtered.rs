//! The reports a moderator's filter selects, for the review list, the lägesbild and exports.

use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::{stats, TenantConfig};
use worker::D1Database;

use crate::error::ApiError;
use crate::store;

/// The reports matching the filter in `query` (`status`, `visibility`, `category`, `from`, `to`,
/// `area`), newest first, with the tenant's configuration (areas, categories).
pub async fn filtered(
    db: &D1Database,
    tenant: &str,
    query: &str,
    limit: u32,
) -> Result<(Vec<ModeratedReport>, TenantConfig), ApiError> {
    let pairs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
    let filter = ReportFilter::from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .map_err(ApiError::Invalid)?;
    let config =
        store::tenants::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    let mut reports = store::reports::list_for_review(db, tenant, &filter, limit).await?;
    if let Some(area) = &filter.area {
        reports.retain(|r| stats::in_area(r, &config.areas, area));
    }
    Ok((reports, config))
}
