//! The lägesbild for moderators (statistics under the review filters) and exports for GIS.

use tryggve_core::moderation::Permission;
use tryggve_core::stats::{self, DashboardAnswer};
use tryggve_core::{export, questionnaire};
use worker::{D1Database, Request, Response};

use super::review::{filtered, moderator_for};
use super::Caller;
use crate::error::ApiError;
use crate::{clock, http, store};

/// Statistics and exports cover at most this many reports per request.
const REPORT_LIMIT: u32 = 100_000;

/// `GET /api/v1/console/{tenant}/dashboard?<filters>&compile=<category>`
pub async fn dashboard(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, db, caller, tenant, Permission::ReviewReports).await?;
    let (reports, config) = filtered(req, db, tenant, REPORT_LIMIT).await?;
    let url = req.url()?;
    let compile = url.query_pairs().find(|(k, _)| k == "compile").map(|(_, v)| v.into_owned());
    let category = compile.filter(|c| !c.is_empty()).unwrap_or_else(|| "dark-spot".into());
    let answers: Vec<_> = reports.iter().map(|r| r.all_answers()).collect();
    let answer = DashboardAnswer {
        dashboard: stats::dashboard(&reports, &config.areas, &config.categories),
        compilation: stats::compile_by_area(&reports, &config.areas, &category),
        compilation_category: category,
        answers: questionnaire::summarise(&config.questionnaire, answers.iter()),
        questionnaire: config.questionnaire,
        areas: config.areas,
    };
    Ok(http::json(200, &answer))
}

/// `GET /api/v1/console/{tenant}/export.csv?<filters>` and `…/export.geojson?<filters>`
pub async fn export(
    req: &Request,
    db: &D1Database,
    caller: &Caller,
    tenant: &str,
    format: &str,
) -> Result<Response, ApiError> {
    let moderator = moderator_for(req, db, caller, tenant, Permission::ExportReports).await?;
    let (reports, config) = filtered(req, db, tenant, REPORT_LIMIT).await?;
    // An export takes residents' texts and answers out of the console: who took which, and
    // when, is on the record.
    let filters = req.url()?.query().unwrap_or_default().to_string();
    let taken = serde_json::json!({ "filters": filters, "reports": reports.len() });
    let now = clock::now_iso();
    let entry = store::audit::NewEntry {
        tenant,
        moderator_id: Some(moderator.id),
        action: "report.export",
        subject: format,
        before: String::new(),
        after: taken.to_string(),
        at: &now,
    };
    store::audit::record(db, &entry)?.run().await?;
    let (body, content_type) = match format {
        "csv" => (export::csv(&reports, &config.areas), "text/csv; charset=utf-8"),
        _ => (export::geojson(&reports, &config.areas).to_string(), "application/geo+json; charset=utf-8"),
    };
    let response = Response::ok(body)?;
    let headers = response.headers();
    headers.set("content-type", content_type)?;
    let file = format!("tryggve-{tenant}-{}.{format}", clock::today());
    headers.set("content-disposition", &format!("attachment; filename=\"{file}\""))?;
    Ok(response)
}
