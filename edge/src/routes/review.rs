//! The review map's API (granskningskarta): list, read and act on a tenant's reports.

use tryggve_core::moderation::Permission;
use tryggve_core::report::parse_case_number;
use tryggve_core::review::{ModeratedReport, ReportFilter, ReviewAction};
use tryggve_core::{stats, TenantConfig};
use worker::{D1Database, Request, Response};

use super::Caller;
use crate::error::ApiError;
use crate::session::Moderator;
use crate::{clock, http, store};

/// At most this many reports per list answer; filters narrow it down.
const LIST_LIMIT: u32 = 500;

pub async fn moderator_for(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
    permission: Permission,
) -> Result<Moderator, ApiError> {
    caller.require_first_party()?;
    let moderator = Moderator::from_request(req, db).await?;
    moderator.require(tenant, permission)?;
    Ok(moderator)
}

/// The reports matching the request's filter (`status`, `visibility`, `category`, `from`, `to`,
/// `area`), newest first, with the tenant's configuration (areas, categories).
pub async fn filtered(
    req: &Request,
    db: &D1Database,
    tenant: &str,
    limit: u32,
) -> Result<(Vec<ModeratedReport>, TenantConfig), ApiError> {
    let url = req.url()?;
    let pairs: Vec<(String, String)> =
        url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let filter = ReportFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(ApiError::Invalid)?;
    let config =
        store::tenants::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    let mut reports = store::reports::list_for_review(db, tenant, &filter, limit).await?;
    if let Some(area) = &filter.area {
        reports.retain(|r| stats::in_area(r, &config.areas, area));
    }
    Ok((reports, config))
}

/// `GET /api/v1/console/{tenant}/reports?status=&visibility=&category=&from=&to=&area=`
pub async fn list(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ReviewReports).await?;
    let (reports, _) = filtered(req, db, tenant, LIST_LIMIT).await?;
    Ok(http::json(200, &reports))
}

/// `GET /api/v1/console/{tenant}/reports/{case}`
pub async fn detail(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
    case: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ReviewReports).await?;
    let case = parse_case_number(case).ok_or(ApiError::CaseNotFound)?;
    let read = store::reports::find_for_review(db, tenant, case).await?.ok_or(ApiError::CaseNotFound)?;
    Ok(http::json(200, &read.report))
}

/// `POST /api/v1/console/{tenant}/reports/{case}/actions` with a [`ReviewAction`]: approve,
/// reject, set status, redact or merge. The change and its audit entry are stored together.
pub async fn act(
    req: &mut Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
    case: &str,
) -> Result<Response, ApiError> {
    let moderator = moderator_for(req, db, caller, tenant, Permission::ReviewReports).await?;
    moderator.check_csrf(req)?;
    let action: ReviewAction = http::read_json(req).await?;
    let case = parse_case_number(case).ok_or(ApiError::CaseNotFound)?;
    let read = store::reports::find_for_review(db, tenant, case).await?.ok_or(ApiError::CaseNotFound)?;
    let mut merge_target = None;
    if let ReviewAction::MergeInto { case_number } = &action {
        // The target must exist and not be merged itself: two reports merged into each other
        // would both be closed, and the complaint gone. (Checked again as the merge is stored.)
        let target = match parse_case_number(case_number) {
            Some(target) => store::reports::find_for_review(db, tenant, target).await?,
            None => None,
        };
        match target {
            Some(target) if target.report.review.merged_into.is_none() => merge_target = Some(target.id),
            _ => {
                return Err(ApiError::Invalid(tryggve_core::FieldError::new(
                    "case_number",
                    tryggve_core::validation::FieldErrorCode::InvalidChoice,
                )))
            }
        }
    }
    let mut report = read.report.clone();
    let next = report.review.apply(&action, &report.case_number).map_err(ApiError::Invalid)?;
    let now = clock::now_iso();
    let entry = store::audit::NewEntry {
        tenant,
        moderator_id: Some(moderator.id),
        action: action.audit_name(),
        subject: &report.case_number,
        before: serde_json::to_string(&report.review).unwrap_or_default(),
        after: serde_json::to_string(&next).unwrap_or_default(),
        at: &now,
    };
    store::reports::update_review(db, tenant, &read, &next, merge_target, &entry).await?;
    report.review = next;
    Ok(http::json(200, &report))
}

/// `GET /api/v1/console/{tenant}/audit`: the newest moderator actions (admins only: entries may
/// hold text from before redaction).
pub async fn audit(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ReadAudit).await?;
    Ok(http::json(200, &store::audit::recent(db, tenant, 200).await?))
}
