//! The municipality's measures: coordinators list them, add them and follow them up.

use tryggve_core::api::operations::{AddMeasure, ListMeasures, ListReportMeasures, UpdateMeasure};
use tryggve_core::api::path::{CasePath, MeasurePath, TenantPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::measure::{Measure, MeasureDraft, MeasureStatus};
use tryggve_core::webhook::WebhookEvent;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store, tenant_cache, webhooks};

/// The draft checked against the tenant (its areas, its map), with the row ids of the reports
/// it names and the unit it names found among the tenant's.
async fn checked(
    cx: &Cx<'_>,
    tenant: &str,
    draft: &MeasureDraft,
) -> Result<(MeasureDraft, Vec<i64>), ApiError> {
    let config =
        tenant_cache::config(cx.db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    let draft = draft.validated(&config).map_err(ApiError::Invalid)?;
    let refused = |field| ApiError::Invalid(FieldError::new(field, FieldErrorCode::InvalidChoice));
    if let Some(unit) = draft.unit {
        store::units::find(cx.db, tenant, unit).await?.ok_or_else(|| refused("unit"))?;
    }
    let reports =
        store::measures::reports(cx.db, tenant, &draft.reports).await?.ok_or_else(|| refused("reports"))?;
    if !draft.done_after(reports.iter().map(|(_, arrived)| arrived.as_str())) {
        return Err(ApiError::Invalid(FieldError::new("done_on", FieldErrorCode::InvalidDate)));
    }
    Ok((draft, reports.into_iter().map(|(id, _)| id).collect()))
}

/// `GET /api/v1/console/{tenant}/measures`
impl Handler for ListMeasures {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Measure>>, ApiError> {
        Ok(Reply::Done(store::measures::list(cx.db, &path.tenant).await?))
    }
}

/// `GET /api/v1/console/{tenant}/reports/{case}/measures`: what the report's case view lists.
impl Handler for ListReportMeasures {
    async fn handle(cx: &mut Cx<'_>, path: CasePath, _: ()) -> Result<Reply<Vec<Measure>>, ApiError> {
        let report = super::notes::report_id(cx, &path).await?;
        Ok(Reply::Done(store::measures::linked(cx.db, &path.tenant, report).await?))
    }
}

/// Tells the webhooks that `measure` (saved from `before`; none: new) is done, if it just was.
/// A measure carries no personal data: every hook is told the same.
async fn tell_if_done(cx: &Cx<'_>, tenant: &str, before: Option<MeasureStatus>, measure: &Measure) {
    if !WebhookEvent::measure_done(before, measure.draft.status) {
        return;
    }
    let data = serde_json::to_value(measure).unwrap_or_default();
    let deliveries = webhooks::announce(cx.db, tenant, &[WebhookEvent::MeasureDone], |_| data.clone()).await;
    cx.after(|db| webhooks::deliver(db, deliveries));
}

/// `POST /api/v1/console/{tenant}/measures` with a [`MeasureDraft`]: 201 with the measure.
impl Handler for AddMeasure {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        draft: MeasureDraft,
    ) -> Result<Reply<Measure>, ApiError> {
        let (draft, ids) = checked(cx, &path.tenant, &draft).await?;
        let (db, moderator) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(moderator, "measure.add", "measure ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_new_row(db, &entry)?;
        let id = store::measures::insert(db, &path.tenant, &draft, &ids, &now, audit).await?;
        let measure = Measure { id, draft };
        tell_if_done(cx, &path.tenant, None, &measure).await;
        Ok(Reply::Done(measure))
    }
}

/// `PUT /api/v1/console/{tenant}/measures/{measure}` with a [`MeasureDraft`]: the measure now.
impl Handler for UpdateMeasure {
    async fn handle(
        cx: &mut Cx<'_>,
        path: MeasurePath,
        draft: MeasureDraft,
    ) -> Result<Reply<Measure>, ApiError> {
        let (draft, ids) = checked(cx, &path.tenant, &draft).await?;
        let (db, moderator) = (cx.db, cx.moderator()?);
        let before =
            store::measures::find(db, &path.tenant, path.measure).await?.ok_or(ApiError::NotFound)?;
        let after = Measure { id: path.measure, draft };
        let now = clock::now_iso();
        let subject = format!("measure {}", path.measure);
        let entry = store::audit::NewEntry::by(moderator, "measure.update", &subject, &now)
            .change(store::audit::json(&before), store::audit::json(&after));
        let audit = store::audit::record(db, &entry)?;
        store::measures::update(db, &path.tenant, path.measure, &after.draft, &ids, &now, audit).await?;
        tell_if_done(cx, &path.tenant, Some(before.draft.status), &after).await;
        Ok(Reply::Done(after))
    }
}
