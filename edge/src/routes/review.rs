//! The review map's API (granskningskarta): list, read and act on a tenant's reports, and the
//! audit log of what moderators did.

use tryggve_core::api::operations::{
    ActOnReport, ActOnReports, ListReports, ReadAuditLog, ReadReport, ReadReviewMap,
};
use tryggve_core::api::path::{CasePath, TenantPath};
use tryggve_core::bulk_review::{BulkOutcome, BulkRefusal, BulkReview};
use tryggve_core::console::AuditEntry;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::public_map::{Viewport, MARKER_LIMIT};
use tryggve_core::report::{case_number, parse_case_number};
use tryggve_core::report_list::ReportPage;
use tryggve_core::review::{ModeratedReport, ReviewAction};
use tryggve_core::review_map::ReviewMap;
use tryggve_core::webhook::WebhookEvent;

use super::filtered::{self, selection, Reach};
use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::moderator::Moderator;
use crate::public_cache::{self, Subject};
use crate::{clock, store, tenant_cache, webhooks};
use worker::D1Database;

/// `GET /api/v1/console/{tenant}/reports?status=&visibility=&category=&from=&to=&area=&q=&order=&after=`:
/// one page of the review list and how many reports match in all.
impl Handler for ListReports {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<ReportPage>, ApiError> {
        Ok(Reply::Done(filtered::page(cx.db, &path.tenant, cx.target.query, Reach::Everything).await?))
    }
}

/// `GET /api/v1/console/{tenant}/reports/{case}`: a unit's member reads their unit's cases only,
/// without the resident's e-mail address.
impl Handler for ReadReport {
    async fn handle(cx: &mut Cx<'_>, path: CasePath, _: ()) -> Result<Reply<ModeratedReport>, ApiError> {
        let read = store::reports::find_for_review(cx.db, &path.tenant, path.case).await?;
        let mut report = read.ok_or(ApiError::CaseNotFound)?.report;
        let moderator = cx.moderator()?;
        moderator.require_case(report.review.unit)?;
        // A unit fixes the place; the resident's address is for those who review.
        if moderator.own_unit().is_some() {
            report.contact_email = None;
        }
        Ok(Reply::Done(report))
    }
}

/// `POST /api/v1/console/{tenant}/reports/{case}/actions` with a [`ReviewAction`]: approve,
/// reject, set status, redact or merge. The change and its audit entry are stored together.
impl Handler for ActOnReport {
    async fn handle(
        cx: &mut Cx<'_>,
        path: CasePath,
        action: ReviewAction,
    ) -> Result<Reply<ModeratedReport>, ApiError> {
        let moderator = cx.moderator()?;
        let report = act(cx, &path.tenant, moderator, path.case, &action).await?;
        public_cache::changed(&path.tenant, Subject::Map).await?;
        Ok(Reply::Done(report))
    }
}

/// `POST /api/v1/console/{tenant}/report-actions` with a [`BulkReview`]: the same action on
/// several reports, each taken (and audited) as if alone; one that cannot take it is named
/// with the reason, and the others go ahead.
impl Handler for ActOnReports {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        bulk: BulkReview,
    ) -> Result<Reply<BulkOutcome>, ApiError> {
        let moderator = cx.moderator()?;
        let cases = bulk.cases().map_err(ApiError::Invalid)?;
        let action = bulk.action.for_each_report();
        let mut outcome = BulkOutcome::default();
        let mut failure = None;
        for case in cases {
            match act(cx, &path.tenant, moderator, case, &action).await {
                Ok(report) => outcome.done.push(report),
                // A failure of ours stops here (what was done stays done, and audited).
                Err(e) if e.status() >= 500 => {
                    failure = Some(e);
                    break;
                }
                Err(e) => outcome.refused.push(BulkRefusal {
                    case_number: case_number(case.0, case.1),
                    error: e.code().id().to_string(),
                }),
            }
        }
        if !outcome.done.is_empty() {
            public_cache::changed(&path.tenant, Subject::Map).await?;
        }
        match failure {
            Some(e) => Err(e),
            None => Ok(Reply::Done(outcome)),
        }
    }
}

/// What `action` names besides the report must exist: the report it merges into (and that one
/// not merged itself: two reports merged into each other would both be closed, and the
/// complaint gone; checked again as the merge is stored), the unit it routes to, the category it
/// gives. The merge target's row id, for a merge.
async fn referenced(db: &D1Database, tenant: &str, action: &ReviewAction) -> Result<Option<i64>, ApiError> {
    let refused = |field| Err(ApiError::Invalid(FieldError::new(field, FieldErrorCode::InvalidChoice)));
    match action {
        ReviewAction::MergeInto { case_number } => {
            let target = match parse_case_number(case_number) {
                Some(target) => store::reports::find_for_review(db, tenant, target).await?,
                None => None,
            };
            match target {
                Some(target) if target.report.review.merged_into.is_none() => Ok(Some(target.id)),
                _ => refused("case_number"),
            }
        }
        ReviewAction::Route { unit: Some(unit) } => match store::units::find(db, tenant, *unit).await? {
            Some(_) => Ok(None),
            None => refused("unit"),
        },
        ReviewAction::Recategorise { category } => {
            let config =
                tenant_cache::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
            if config.offers_category(category) {
                Ok(None)
            } else {
                Err(ApiError::Invalid(FieldError::new("category", FieldErrorCode::UnknownCategory)))
            }
        }
        _ => Ok(None),
    }
}

/// Takes `action` on report `case`: checked by core, stored with its audit entry, and told to
/// the webhooks that want it (published, routed, its status moved).
async fn act(
    cx: &Cx<'_>,
    tenant: &str,
    moderator: &Moderator,
    case: (i32, u32),
    action: &ReviewAction,
) -> Result<ModeratedReport, ApiError> {
    let db = cx.db;
    let read = store::reports::find_for_review(db, tenant, case).await?.ok_or(ApiError::CaseNotFound)?;
    // A unit's member handles their unit's cases; reviewing them is for moderators.
    moderator.require_case(read.report.review.unit)?;
    if moderator.own_unit().is_some() && !action.is_handling() {
        return Err(ApiError::Forbidden);
    }
    let merge_target = referenced(db, tenant, action).await?;
    let mut report = read.report.clone();
    let next = report.review.apply(action, &report.case_number).map_err(ApiError::Invalid)?;
    let now = clock::now_iso();
    let entry = store::audit::NewEntry::by(moderator, action.audit_name(), &report.case_number, &now)
        .change(store::audit::json(&report.review), store::audit::json(&next));
    store::reports::update_review(db, tenant, &read, &next, merge_target, &entry).await?;
    let events = WebhookEvent::of_review(&report.review, &next);
    report.review = next;
    let deliveries =
        webhooks::announce(db, tenant, &events, |personal| webhooks::report_data(&report, personal)).await;
    cx.after(|db| webhooks::deliver(db, deliveries));
    Ok(report)
}

/// `GET /api/v1/console/{tenant}/review-map?<filters>&bbox=west,south,east,north&zoom=z`: every
/// report the review filter selects in view (the municipality's whole map if left out), one by
/// one when few, else one cluster per grid cell.
impl Handler for ReadReviewMap {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<ReviewMap>, ApiError> {
        let (db, tenant, query) = (cx.db, path.tenant.as_str(), cx.target.query);
        let (filter, config) = selection(db, tenant, query, Reach::Everything).await?;
        let whole_map = Viewport { bbox: config.map.bounds, zoom: config.map.zoom };
        let pairs: Vec<_> = form_urlencoded::parse(query.as_bytes()).collect();
        let viewport = Viewport::from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), whole_map)
            .map_err(ApiError::Invalid)?;
        // Safety walks' points beside the reports, when asked for (`walks=include`).
        let with_walks = match pairs.iter().find(|(k, _)| k == "walks").map(|(_, v)| v.as_ref()) {
            None | Some("") => false,
            Some("include") => true,
            Some(_) => {
                return Err(ApiError::Invalid(FieldError::new("walks", FieldErrorCode::InvalidChoice)))
            }
        };
        let cells = store::review_map::cells(db, tenant, &filter, &viewport.bbox, viewport.level()).await?;
        let mut shown = match ReviewMap::from_cells(&viewport, cells) {
            Some(clusters) => clusters,
            None => ReviewMap::from_reports(
                store::review_map::markers(db, tenant, &filter, &viewport.bbox, MARKER_LIMIT).await?,
            ),
        };
        if with_walks {
            let period = (filter.from.as_deref(), filter.to.as_deref());
            shown.walk_points = store::walk_points::in_view(db, tenant, &viewport.bbox, period).await?;
        }
        Ok(Reply::Done(shown))
    }
}

/// `GET /api/v1/console/{tenant}/audit`: the newest moderator actions (admins only: entries may
/// hold text from before redaction).
impl Handler for ReadAuditLog {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<AuditEntry>>, ApiError> {
        Ok(Reply::Done(store::audit::recent(cx.db, &path.tenant, 200).await?))
    }
}
