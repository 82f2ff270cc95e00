//! Admins edit their municipality's settings: origins, map, categories, questionnaire, areas,
//! languages, retention and limits.

use tryggve_core::api::operations::{
    ListAccessCodes, ReadSettings, RemoveAccessCode, SaveSettings, SetAccessCode,
};
use tryggve_core::api::path::{GroupPath, TenantPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password;
use tryggve_core::reporter::{is_acceptable_code, AccessCodeState, NewAccessCode, ReporterGroup};
use tryggve_core::settings::{check_settings, TenantSettings};
use tryggve_core::TenantConfig;
use worker::D1Database;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::public_cache::{self, Subject};
use crate::{clock, secrets, store};

/// `GET /api/v1/console/{tenant}/settings`
impl Handler for ReadSettings {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<TenantSettings>, ApiError> {
        Ok(Reply::Done(current(cx.db, &path.tenant).await?))
    }
}

/// `PUT /api/v1/console/{tenant}/settings` with the whole [`TenantSettings`]: 200 with the
/// settings as stored (cleaned), or 422 naming the first problem's path (`config.map.zoom`).
impl Handler for SaveSettings {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        wanted: TenantSettings,
    ) -> Result<Reply<TenantSettings>, ApiError> {
        let (db, admin, tenant) = (cx.db, cx.moderator()?, path.tenant.as_str());
        let before = current(db, tenant).await?;
        let settings = check_settings(&wanted, &before.config)
            .map_err(|mut errors| ApiError::InvalidSetting(errors.swap_remove(0)))?;
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "settings.update", "settings", &now)
            .change(audit_text(&before), audit_text(&settings));
        store::tenants::save(db, &settings, store::audit::record(db, &entry)?).await?;
        crate::tenant_cache::forget(tenant);
        // Whether the map is public, and how reports show on it, may have changed.
        public_cache::changed(tenant, Subject::Map).await?;
        // And whether residents see the police's events, and over how many days.
        public_cache::changed(tenant, Subject::Layers).await?;
        if settings.config.areas != before.config.areas {
            // Every report is placed in the new areas now (and any left by a failure here
            // before the next filtered read), so filters by area stay complete.
            store::review_list::unplace_all(db, tenant).await?;
            store::review_list::place_unplaced(db, tenant, &settings.config.areas).await?;
        }
        if settings.config.geocoder != before.config.geocoder {
            // Another geocoder names places its own way; none is asked for the old one's answers.
            store::place_names::forget_all(db, tenant).await?;
        }
        Ok(Reply::Done(settings))
    }
}

async fn current(db: &D1Database, tenant: &str) -> Result<TenantSettings, ApiError> {
    let config: TenantConfig =
        store::tenants::config(db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })?;
    Ok(TenantSettings { config, origins: store::tenants::origins(db, tenant).await? })
}

/// The settings as the audit log keeps them: areas by name only, since their polygons can be
/// large and say little to a reader of the log.
fn audit_text(settings: &TenantSettings) -> String {
    let mut value = serde_json::to_value(settings).unwrap_or_default();
    if let Some(areas) = value.pointer_mut("/config/areas") {
        let names: Vec<String> = settings.config.areas.iter().map(|a| a.name.clone()).collect();
        *areas = serde_json::json!(names);
    }
    value.to_string()
}

/// `GET /api/v1/console/{tenant}/access-codes`: which groups that need a code have one (never
/// the codes, which are stored only as hashes).
impl Handler for ListAccessCodes {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        _: (),
    ) -> Result<Reply<Vec<AccessCodeState>>, ApiError> {
        let stored = store::tenants::access_codes(cx.db, &path.tenant).await?;
        let states: Vec<AccessCodeState> = ReporterGroup::ALL
            .into_iter()
            .filter(|g| g.needs_code())
            .map(|group| AccessCodeState { group, has_code: stored.iter().any(|(g, _)| g == group.id()) })
            .collect();
        Ok(Reply::Done(states))
    }
}

/// `PUT /api/v1/console/{tenant}/access-codes/{group}` with `{"code"}`: sets the group's code,
/// replacing the old one, which then stops working.
impl Handler for SetAccessCode {
    async fn handle(
        cx: &mut Cx<'_>,
        path: GroupPath,
        body: NewAccessCode,
    ) -> Result<Reply<AccessCodeState>, ApiError> {
        if !is_acceptable_code(body.code.trim()) {
            return Err(ApiError::Invalid(FieldError::new("code", FieldErrorCode::WeakPassword)));
        }
        let pepper = secrets::required(cx.env, secrets::ACCESS_CODE_PEPPER)?;
        let hash = password::access_code_hash(&pepper, &path.tenant, path.group, &body.code);
        change_access_code(cx, &path, Some(hash)).await
    }
}

/// `DELETE /api/v1/console/{tenant}/access-codes/{group}`: the group's code stops working.
impl Handler for RemoveAccessCode {
    async fn handle(cx: &mut Cx<'_>, path: GroupPath, _: ()) -> Result<Reply<AccessCodeState>, ApiError> {
        change_access_code(cx, &path, None).await
    }
}

/// Stores the group's new code hash (or none) with its audit entry, which says who changed which
/// group's code, never the code.
async fn change_access_code(
    cx: &Cx<'_>,
    path: &GroupPath,
    hash: Option<String>,
) -> Result<Reply<AccessCodeState>, ApiError> {
    let (db, group) = (cx.db, path.group);
    let now = clock::now_iso();
    let action = if hash.is_some() { "access_code.set" } else { "access_code.remove" };
    let entry = store::audit::NewEntry::by(cx.moderator()?, action, group.id(), &now);
    let audit = store::audit::record(db, &entry)?;
    store::tenants::set_access_code(db, &path.tenant, group.id(), hash.as_deref(), &now, audit).await?;
    Ok(Reply::Done(AccessCodeState { group, has_code: hash.is_some() }))
}
