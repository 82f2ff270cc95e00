use tryggve_core::settings::TenantSettings;
use tryggve_core::TenantConfig;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(serde::Deserialize)]
struct ConfigRow {
    config: String,
}

pub async fn config(db: &D1Database, tenant: &str) -> Result<Option<TenantConfig>, ApiError> {
    let row: Option<ConfigRow> =
        db.prepare("SELECT config FROM tenants WHERE id = ?1").bind(&[tenant.into()])?.first(None).await?;
    row.map(|r| {
        serde_json::from_str(&r.config).map_err(|e| ApiError::Internal(format!("tenant {tenant}: {e}")))
    })
    .transpose()
}

/// Every tenant's configuration (for the daily retention job).
pub async fn all(db: &D1Database) -> Result<Vec<TenantConfig>, ApiError> {
    let rows: Vec<ConfigRow> = db.prepare("SELECT config FROM tenants ORDER BY id").all().await?.results()?;
    rows.iter()
        .map(|r| {
            serde_json::from_str(&r.config).map_err(|e| ApiError::Internal(format!("tenant config: {e}")))
        })
        .collect()
}

/// Whether `origin` may embed `tenant`'s widget.
pub async fn allows_origin(db: &D1Database, tenant: &str, origin: &str) -> Result<bool, ApiError> {
    let sql = "SELECT 1 AS allowed FROM tenant_origins WHERE tenant_id = ?1 AND origin = ?2";
    let row: Option<serde_json::Value> =
        db.prepare(sql).bind(&[tenant.into(), origin.into()])?.first(None).await?;
    Ok(row.is_some())
}

/// Whether any tenant lets `origin` embed it: enough to answer a CORS preflight, which does
/// not say which tenant it is for. The request itself is then checked per tenant.
pub async fn any_allows_origin(db: &D1Database, origin: &str) -> Result<bool, ApiError> {
    let sql = "SELECT 1 AS allowed FROM tenant_origins WHERE origin = ?1 LIMIT 1";
    let row: Option<serde_json::Value> = db.prepare(sql).bind(&[origin.into()])?.first(None).await?;
    Ok(row.is_some())
}

#[derive(serde::Deserialize)]
struct OriginRow {
    origin: String,
}

/// The origins allowed to embed `tenant`, alphabetically.
pub async fn origins(db: &D1Database, tenant: &str) -> Result<Vec<String>, ApiError> {
    let sql = "SELECT origin FROM tenant_origins WHERE tenant_id = ?1 ORDER BY origin";
    let rows: Vec<OriginRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(|r| r.origin).collect())
}

/// Replaces `settings.config.id`'s configuration and origins, together with the audit entry
/// that records the change: all of it or none.
pub async fn save(
    db: &D1Database,
    settings: &TenantSettings,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let tenant = settings.config.id.as_str();
    let config = serde_json::to_string(&settings.config)
        .map_err(|e| ApiError::Internal(format!("tenant config: {e}")))?;
    let mut statements = vec![
        db.prepare("UPDATE tenants SET name = ?2, config = ?3 WHERE id = ?1").bind(&[
            tenant.into(),
            settings.config.name.as_str().into(),
            config.into(),
        ])?,
        db.prepare("DELETE FROM tenant_origins WHERE tenant_id = ?1").bind(&[tenant.into()])?,
    ];
    for origin in &settings.origins {
        statements.push(
            db.prepare("INSERT INTO tenant_origins (tenant_id, origin) VALUES (?1, ?2)")
                .bind(&[tenant.into(), origin.as_str().into()])?,
        );
    }
    statements.push(audit);
    db.batch(statements).await?;
    Ok(())
}

#[derive(serde::Deserialize)]
struct CodeRow {
    reporter_group: String,
    code_hash: String,
}

/// The hashes of `tenant`'s access codes, by reporter group id.
pub async fn access_codes(db: &D1Database, tenant: &str) -> Result<Vec<(String, String)>, ApiError> {
    let sql =
        "SELECT reporter_group, code_hash FROM access_codes WHERE tenant_id = ?1 ORDER BY reporter_group";
    let rows: Vec<CodeRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(|r| (r.reporter_group, r.code_hash)).collect())
}

/// Replaces a code's hash from before the pepper by its peppered one (the code is the same), unless
/// an admin has set another code meanwhile.
pub async fn store_access_code_anew(
    db: &D1Database,
    tenant: &str,
    group: &str,
    old_hash: &str,
    new_hash: &str,
) -> Result<(), ApiError> {
    db.prepare(
        "UPDATE access_codes SET code_hash = ?4 WHERE tenant_id = ?1 AND reporter_group = ?2 AND code_hash = ?3",
    )
    .bind(&[tenant.into(), group.into(), old_hash.into(), new_hash.into()])?
    .run()
    .await?;
    Ok(())
}

/// Sets (with `Some`) or removes a group's access code, together with its audit entry.
pub async fn set_access_code(
    db: &D1Database,
    tenant: &str,
    group: &str,
    code_hash: Option<&str>,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let change = match code_hash {
        Some(hash) => db
            .prepare(
                "INSERT INTO access_codes (tenant_id, reporter_group, code_hash, updated_at) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT(tenant_id, reporter_group) DO UPDATE SET code_hash = excluded.code_hash, updated_at = excluded.updated_at",
            )
            .bind(&[tenant.into(), group.into(), hash.into(), now.into()])?,
        None => db
            .prepare("DELETE FROM access_codes WHERE tenant_id = ?1 AND reporter_group = ?2")
            .bind(&[tenant.into(), group.into()])?,
    };
    db.batch(vec![change, audit]).await?;
    Ok(())
}
