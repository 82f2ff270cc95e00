//! The municipality's units (see `tryggve_core::unit`). The lists are JSON in their columns:
//! a unit is read whole and is small.

use serde::Deserialize;
use tryggve_core::report::case_number;
use tryggve_core::unit::{Unit, UnitDraft};
use tryggve_core::unit_queue::{OpenReport, QUEUE_LIMIT};
use tryggve_core::ReportStatus;
use wasm_bindgen::JsValue;
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
    super::insert_returning_id(db, insert, audit).await
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

/// The oldest open reports routed to `unit` (at most [`QUEUE_LIMIT`]), and how many are open in
/// all. Turned-down reports that are no case (a duplicate, off topic) are not in the queue.
pub async fn open_reports(
    db: &D1Database,
    tenant: &str,
    unit: i64,
) -> Result<(Vec<OpenReport>, u32), ApiError> {
    let open: Vec<&str> =
        ReportStatus::ALL.into_iter().filter(|s| s.is_open()).map(ReportStatus::id).collect();
    let args = [
        tenant.into(),
        (unit as f64).into(),
        JsValue::from(json(&open)),
        JsValue::from(super::matching::still_a_case_reasons()),
        QUEUE_LIMIT.into(),
    ];
    let matching = "FROM reports WHERE tenant_id = ?1 AND unit_id = ?2 \
                    AND status IN (SELECT value FROM json_each(?3)) \
                    AND (visibility != 'rejected' OR rejection_reason IN (SELECT value FROM json_each(?4)))";
    let list = format!(
        "SELECT case_year, case_seq, category, status, area_id, created_at, assignee {matching} \
         ORDER BY created_at, id LIMIT ?5"
    );
    let count = format!("SELECT COUNT(*) AS n {matching}");
    let results = db.batch(vec![db.prepare(list).bind(&args)?, db.prepare(count).bind(&args[..4])?]).await?;
    #[derive(Deserialize)]
    struct Row {
        case_year: i32,
        case_seq: u32,
        category: String,
        status: String,
        area_id: Option<String>,
        created_at: String,
        assignee: String,
    }
    #[derive(Deserialize)]
    struct Counted {
        n: u32,
    }
    let rows: Vec<Row> = results.first().map(|r| r.results()).transpose()?.unwrap_or_default();
    let counted: Vec<Counted> = results.get(1).map(|r| r.results()).transpose()?.unwrap_or_default();
    let reports = rows
        .into_iter()
        .map(|r| OpenReport {
            case_number: case_number(r.case_year, r.case_seq),
            category: r.category,
            status: ReportStatus::from_id(&r.status).unwrap_or(ReportStatus::New),
            area: r.area_id.filter(|a| a != tryggve_core::stats::OUTSIDE_AREAS),
            created_at: r.created_at,
            assignee: r.assignee,
        })
        .collect();
    Ok((reports, counted.first().map_or(0, |c| c.n)))
}
