//! Admins edit their municipality's settings: origins, map, categories, questionnaire, areas,
//! languages, retention and limits.

use tryggve_core::moderation::Permission;
use tryggve_core::password;
use tryggve_core::reporter::{is_acceptable_code, AccessCodeState, NewAccessCode, ReporterGroup};
use tryggve_core::settings::{check_settings, TenantSettings, MAX_SETTINGS_BYTES};
use tryggve_core::validation::{FieldError, FieldErrorCode};
use tryggve_core::TenantConfig;
use worker::{D1Database, Method, Request, Response};

use super::review::moderator_for;
use super::{Bindings, Caller};
use crate::error::ApiError;
use crate::{clock, http, secrets, store};

/// `GET /api/v1/console/{tenant}/settings`
pub async fn read(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ConfigureTenant).await?;
    Ok(http::json(200, &current(db, tenant).await?))
}

/// `PUT /api/v1/console/{tenant}/settings` with the whole [`TenantSettings`]: 200 with the
/// settings as stored (cleaned), or 422 naming the first problem's path (`config.map.zoom`).
pub async fn replace(
    req: &mut Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    let admin = moderator_for(req, db, caller, tenant, Permission::ConfigureTenant).await?;
    admin.check_csrf(req)?;
    let wanted: TenantSettings = http::read_json_up_to(req, MAX_SETTINGS_BYTES).await?;
    let before = current(db, tenant).await?;
    let settings = check_settings(&wanted, &before.config)
        .map_err(|mut errors| ApiError::InvalidSetting(errors.swap_remove(0)))?;
    let now = clock::now_iso();
    let entry = store::audit::NewEntry {
        tenant,
        moderator_id: Some(admin.id),
        action: "settings.update",
        subject: "settings",
        before: audit_text(&before),
        after: audit_text(&settings),
        at: &now,
    };
    store::tenants::save(db, &settings, store::audit::record(db, &entry)?).await?;
    crate::tenant_cache::forget(tenant);
    Ok(http::json(200, &settings))
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
pub async fn access_codes(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ConfigureTenant).await?;
    let stored = store::tenants::access_codes(db, tenant).await?;
    let states: Vec<AccessCodeState> = ReporterGroup::ALL
        .into_iter()
        .filter(|g| g.needs_code())
        .map(|group| AccessCodeState { group, has_code: stored.iter().any(|(g, _)| g == group.id()) })
        .collect();
    Ok(http::json(200, &states))
}

/// `PUT /api/v1/console/{tenant}/access-codes/{group}` with `{"code"}` sets the group's code
/// (replacing the old one, which then stops working); `DELETE` removes it.
pub async fn change_access_code(
    req: &mut Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
    group: &str,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let admin = moderator_for(req, db, caller, tenant, Permission::ConfigureTenant).await?;
    admin.check_csrf(req)?;
    let group = ReporterGroup::from_id(group).filter(|g| g.needs_code()).ok_or(ApiError::NotFound)?;
    let hash = match req.method() {
        Method::Put => {
            let body: NewAccessCode = http::read_json(req).await?;
            if !is_acceptable_code(body.code.trim()) {
                return Err(ApiError::Invalid(FieldError::new("code", FieldErrorCode::WeakPassword)));
            }
            let pepper = secrets::required(bindings.env, secrets::ACCESS_CODE_PEPPER)?;
            Some(password::access_code_hash(&pepper, tenant, group, &body.code))
        }
        _ => None,
    };
    let now = clock::now_iso();
    let action = if hash.is_some() { "access_code.set" } else { "access_code.remove" };
    // The audit log says who changed which group's code, never the code.
    let entry = store::audit::NewEntry {
        tenant,
        moderator_id: Some(admin.id),
        action,
        subject: group.id(),
        before: String::new(),
        after: String::new(),
        at: &now,
    };
    let audit = store::audit::record(db, &entry)?;
    store::tenants::set_access_code(db, tenant, group.id(), hash.as_deref(), &now, audit).await?;
    Ok(http::json(200, &AccessCodeState { group, has_code: hash.is_some() }))
}
