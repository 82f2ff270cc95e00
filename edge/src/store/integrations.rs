//! The systems that send reports in over Open311 (see `tryggve_core::integration`).

use serde::Deserialize;
use tryggve_core::integration::Integration;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

const SELECT: &str = "SELECT i.id, i.name, i.created_at, i.revoked_at, \
                      (SELECT COUNT(*) FROM reports r WHERE r.integration_id = i.id) AS reports \
                      FROM integrations i";

#[derive(Deserialize)]
struct Row {
    id: i64,
    name: String,
    created_at: String,
    revoked_at: Option<String>,
    reports: u32,
}

impl From<Row> for Integration {
    fn from(r: Row) -> Self {
        Integration {
            id: r.id,
            name: r.name,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
            reports: r.reports,
        }
    }
}

/// The tenant's integrations, in the order they were added.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<Integration>, ApiError> {
    let sql = format!("{SELECT} WHERE i.tenant_id = ?1 ORDER BY i.id");
    let rows: Vec<Row> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(Integration::from).collect())
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<Integration>, ApiError> {
    let sql = format!("{SELECT} WHERE i.tenant_id = ?1 AND i.id = ?2");
    let row: Option<Row> = db.prepare(sql).bind(&[tenant.into(), (id as f64).into()])?.first(None).await?;
    Ok(row.map(Integration::from))
}

/// Adds an integration with its key's hash, `audit` in the same batch; its id, or `None` when
/// the tenant has one of that name already.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    name: &str,
    key_hash: &str,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<Option<i64>, ApiError> {
    let sql = "INSERT INTO integrations (tenant_id, name, key_hash, created_at) VALUES (?1, ?2, ?3, ?4) \
               ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id";
    let insert = db.prepare(sql).bind(&[tenant.into(), name.into(), key_hash.into(), now.into()])?;
    super::insert_returning_id(db, insert, audit).await
}

/// Stops integration `id`'s key (once: a second stop keeps the first time), `audit` in the same batch.
pub async fn revoke(
    db: &D1Database,
    tenant: &str,
    id: i64,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let sql =
        "UPDATE integrations SET revoked_at = COALESCE(revoked_at, ?3) WHERE tenant_id = ?1 AND id = ?2";
    let update = db.prepare(sql).bind(&[tenant.into(), (id as f64).into(), now.into()])?;
    db.batch(vec![update, audit]).await?;
    Ok(())
}

/// The integration of the tenant whose key hashes to `key_hash`, if its key still works.
pub async fn by_key(db: &D1Database, tenant: &str, key_hash: &str) -> Result<Option<i64>, ApiError> {
    let sql = "SELECT id FROM integrations WHERE tenant_id = ?1 AND key_hash = ?2 AND revoked_at IS NULL";
    #[derive(Deserialize)]
    struct Found {
        id: i64,
    }
    let found: Option<Found> = db.prepare(sql).bind(&[tenant.into(), key_hash.into()])?.first(None).await?;
    Ok(found.map(|f| f.id))
}
