//! The municipality's units (see `tryggve_core::unit`). The lists are JSON in their columns:
//! a unit is read whole and is small.

use serde::Deserialize;
use tryggve_core::unit::{Unit, UnitDraft};
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
struct UnitRow {
    id: i64,
    name: String,
    email: String,
    categories: String,
    areas: String,
    targets: String,
}

impl UnitRow {
    fn unit(self) -> Result<Unit, ApiError> {
        let broken = |what: &str| ApiError::Internal(format!("unit {}: {what} is not JSON", self.id));
        Ok(Unit {
            id: self.id,
            draft: UnitDraft {
                categories: serde_json::from_str(&self.categories).map_err(|_| broken("categories"))?,
                areas: serde_json::from_str(&self.areas).map_err(|_| broken("areas"))?,
                targets: serde_json::from_str(&self.targets).map_err(|_| broken("targets"))?,
                name: self.name,
                email: self.email,
            },
        })
    }
}

const COLUMNS: &str = "id, name, email, categories, areas, targets";

/// The tenant's units, in the order they were defined.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<Unit>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE tenant_id = ?1 ORDER BY id");
    let rows: Vec<UnitRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(UnitRow::unit).collect()
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<Unit>, ApiError> {
    let sql = format!("SELECT {COLUMNS} FROM units WHERE tenant_id = ?1 AND id = ?2");
    let row: Option<UnitRow> =
        db.prepare(sql).bind(&[tenant.into(), (id as f64).into()])?.first(None).await?;
    row.map(UnitRow::unit).transpose()
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Adds a unit, with `audit` recorded in the same batch (for the new row); its id, or `None`
/// when the tenant has a unit of that name already.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    unit: &UnitDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<Option<i64>, ApiError> {
    let sql =
        "INSERT INTO units (tenant_id, name, email, categories, areas, targets, created_at, updated_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT (tenant_id, name) DO NOTHING RETURNING id";
    let insert = db.prepare(sql).bind(&[
        tenant.into(),
        unit.name.as_str().into(),
        unit.email.as_str().into(),
        json(&unit.categories).into(),
        json(&unit.areas).into(),
        json(&unit.targets).into(),
        now.into(),
    ])?;
    let results = db.batch(vec![insert, audit]).await?;
    #[derive(Deserialize)]
    struct Inserted {
        id: i64,
    }
    let inserted: Vec<Inserted> = results.first().map(|r| r.results()).transpose()?.unwrap_or_default();
    Ok(inserted.first().map(|row| row.id))
}

/// Replaces unit `id`'s definition, with `audit` in the same batch; false when another unit of
/// the tenant has that name.
pub async fn update(
    db: &D1Database,
    tenant: &str,
    id: i64,
    unit: &UnitDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<bool, ApiError> {
    let taken = "SELECT 1 FROM units WHERE tenant_id = ?1 AND name = ?2 AND id != ?3";
    let args = [tenant.into(), unit.name.as_str().into(), (id as f64).into()];
    if db.prepare(taken).bind(&args)?.first::<serde_json::Value>(None).await?.is_some() {
        return Ok(false);
    }
    let sql =
        "UPDATE units SET name = ?3, email = ?4, categories = ?5, areas = ?6, targets = ?7, updated_at = ?8 \
               WHERE tenant_id = ?1 AND id = ?2";
    let update = db.prepare(sql).bind(&[
        tenant.into(),
        (id as f64).into(),
        unit.name.as_str().into(),
        unit.email.as_str().into(),
        json(&unit.categories).into(),
        json(&unit.areas).into(),
        json(&unit.targets).into(),
        now.into(),
    ])?;
    db.batch(vec![update, audit]).await?;
    Ok(true)
}
