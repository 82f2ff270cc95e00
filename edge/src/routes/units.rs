//! The municipality's units: moderators read them (to route a report), admins define them.

use tryggve_core::api::operations::{AddUnit, ListUnits, ReadUnitQueue, UpdateUnit};
use tryggve_core::api::path::{TenantPath, UnitPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::unit::{Unit, UnitDraft};
use tryggve_core::unit_queue::UnitQueue;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store};

/// The draft checked against the tenant's categories and areas.
async fn validated(cx: &Cx<'_>, tenant: &str, draft: &UnitDraft) -> Result<UnitDraft, ApiError> {
    let config =
        store::tenants::config(cx.db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    draft.validated(&config).map_err(ApiError::Invalid)
}

fn name_taken() -> ApiError {
    ApiError::Invalid(FieldError::new("name", FieldErrorCode::AlreadyExists))
}

/// `GET /api/v1/console/{tenant}/units`: a unit's member gets their own only.
impl Handler for ListUnits {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Unit>>, ApiError> {
        let mut units = store::units::list(cx.db, &path.tenant).await?;
        if let Some(own) = cx.moderator()?.own_unit() {
            units.retain(|u| u.id == own);
        }
        Ok(Reply::Done(units))
    }
}

/// `POST /api/v1/console/{tenant}/units` with a [`UnitDraft`]: 201 with the unit. New reports
/// are routed by it from now on; reports already in keep their unit.
impl Handler for AddUnit {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, draft: UnitDraft) -> Result<Reply<Unit>, ApiError> {
        let draft = validated(cx, &path.tenant, &draft).await?;
        let (db, admin) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "unit.add", "unit ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_inserted_row(db, &entry)?;
        let id = store::units::insert(db, &path.tenant, &draft, &now, audit).await?.ok_or_else(name_taken)?;
        Ok(Reply::Done(Unit { id, draft }))
    }
}

/// `PUT /api/v1/console/{tenant}/units/{unit}` with a [`UnitDraft`]: the unit as it is now.
impl Handler for UpdateUnit {
    async fn handle(cx: &mut Cx<'_>, path: UnitPath, draft: UnitDraft) -> Result<Reply<Unit>, ApiError> {
        let draft = validated(cx, &path.tenant, &draft).await?;
        let (db, admin) = (cx.db, cx.moderator()?);
        let before = store::units::find(db, &path.tenant, path.unit).await?.ok_or(ApiError::NotFound)?;
        let after = Unit { id: path.unit, draft };
        let now = clock::now_iso();
        let subject = format!("unit {}", path.unit);
        let entry = store::audit::NewEntry::by(admin, "unit.update", &subject, &now)
            .change(store::audit::json(&before), store::audit::json(&after));
        let audit = store::audit::record(db, &entry)?;
        if !store::units::update(db, &path.tenant, path.unit, &after.draft, &now, audit).await? {
            return Err(name_taken());
        }
        Ok(Reply::Done(after))
    }
}

/// `GET /api/v1/console/{tenant}/units/{unit}/queue`: the unit's open reports, overdue first
/// (a unit's member: their own unit's only).
impl Handler for ReadUnitQueue {
    async fn handle(cx: &mut Cx<'_>, path: UnitPath, _: ()) -> Result<Reply<UnitQueue>, ApiError> {
        cx.moderator()?.require_case(Some(path.unit))?;
        let unit = store::units::find(cx.db, &path.tenant, path.unit).await?.ok_or(ApiError::NotFound)?;
        let (open, total) = store::units::open_reports(cx.db, &path.tenant, path.unit).await?;
        Ok(Reply::Done(UnitQueue::of(unit, open, total, &clock::now_iso())))
    }
}
