//! The reports a moderator's filter selects, for the review list, the lägesbild and exports.

use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::moderation::Visibility;
use tryggve_core::report_list::{rank, Cursor, ReportPage, PAGE_SIZE};
use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::TenantConfig;
use worker::D1Database;

use crate::error::ApiError;
use crate::store;

/// The filter and the page's start (`after`) in a request's query.
fn read_query(query: &str) -> Result<(ReportFilter, Option<Cursor>), ApiError> {
    let pairs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
    let filter = ReportFilter::from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .map_err(ApiError::Invalid)?;
    let after = match pairs.iter().find(|(key, value)| key == "after" && !value.is_empty()) {
        Some((_, token)) => Some(
            Cursor::from_token(token)
                .ok_or(ApiError::Invalid(FieldError::new("after", FieldErrorCode::InvalidChoice)))?,
        ),
        None => None,
    };
    Ok((filter, after))
}

/// The tenant's configuration, once every report has its area stored (see
/// `store::review_list::place_unplaced`): the area filter then misses none.
async fn placed(db: &D1Database, tenant: &str) -> Result<TenantConfig, ApiError> {
    let config =
        store::tenants::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    store::review_list::place_unplaced(db, tenant, &config.areas).await?;
    Ok(config)
}

/// What of the reports a caller's filter may reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Every report, searched in its texts too: those who review them.
    Everything,
    /// Every report, but no search in texts the caller may not read (an observer's lägesbild:
    /// a search would tell which reports mention a name).
    Counted,
    /// Approved reports only, no search: what observers see report by report.
    Approved,
}

/// The filter in `query` (`status`, `visibility`, `category`, `from`, `to`, `area`, `group`,
/// `q`) as `reach` allows it, with the tenant's configuration; every report placed in its area.
pub async fn selection(
    db: &D1Database,
    tenant: &str,
    query: &str,
    reach: Reach,
) -> Result<(ReportFilter, TenantConfig), ApiError> {
    let (filter, _) = read_query(query)?;
    let mut filter = within(filter, reach)?;
    filter.order = Default::default();
    Ok((filter, placed(db, tenant).await?))
}

/// `filter` as `reach` allows it: refused where it asks for what the caller may not choose by.
fn within(mut filter: ReportFilter, reach: Reach) -> Result<ReportFilter, ApiError> {
    if reach != Reach::Everything && filter.q.is_some() {
        return Err(ApiError::Invalid(FieldError::new("q", FieldErrorCode::InvalidChoice)));
    }
    if reach == Reach::Approved {
        // Observers are not told who sent a report, so they cannot choose by it either.
        if filter.group.is_some() {
            return Err(ApiError::Invalid(FieldError::new("group", FieldErrorCode::InvalidChoice)));
        }
        filter.visibility = Some(Visibility::Approved);
    }
    Ok(filter)
}

/// Where the page after the row `last` begins in `filter`'s order.
pub fn cursor_after(filter: &ReportFilter, last: &(i64, ModeratedReport), categories: &[String]) -> Cursor {
    let (id, report) = last;
    let rank = rank(filter.order, report, categories);
    Cursor { rank, created_at: report.created_at.clone(), id: *id }
}

/// One page of the reports that the filter in `query` selects within `reach`, in its order from
/// its start, with the total: the review list, and the reports shared with observers.
pub async fn page(db: &D1Database, tenant: &str, query: &str, reach: Reach) -> Result<ReportPage, ApiError> {
    let (filter, after) = read_query(query)?;
    let filter = within(filter, reach)?;
    let config = placed(db, tenant).await?;
    // One more than a page tells whether another page follows.
    let mut rows =
        store::review_list::page(db, tenant, &filter, &config.categories, after.as_ref(), PAGE_SIZE + 1)
            .await?;
    let more = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let next = more
        .then(|| rows.last())
        .flatten()
        .map(|last| cursor_after(&filter, last, &config.categories).to_token());
    let total = store::review_list::count(db, tenant, &filter).await?;
    Ok(ReportPage { reports: rows.into_iter().map(|(_, report)| report).collect(), total, next })
}
