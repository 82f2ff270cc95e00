//! The lägesbild for moderators (statistics under the review filters) and exports for GIS.

use tryggve_core::api::operations::{ExportCsv, ExportGeoJson, ReadDashboard};
use tryggve_core::api::path::TenantPath;
use tryggve_core::stats::{self, DashboardAnswer};
use tryggve_core::{export, questionnaire};

use super::filtered::filtered;
use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store};

/// Statistics and exports cover at most this many reports per request.
const REPORT_LIMIT: u32 = 100_000;

/// `GET /api/v1/console/{tenant}/dashboard?<filters>&compile=<category>`
impl Handler for ReadDashboard {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<DashboardAnswer>, ApiError> {
        let (reports, config) = filtered(cx.db, &path.tenant, cx.target.query, REPORT_LIMIT).await?;
        let compile = form_urlencoded::parse(cx.target.query.as_bytes())
            .find(|(k, _)| k == "compile")
            .map(|(_, v)| v.into_owned());
        let category = compile.filter(|c| !c.is_empty()).unwrap_or_else(|| "dark-spot".into());
        let answers: Vec<_> = reports.iter().map(|r| r.all_answers()).collect();
        Ok(Reply::Done(DashboardAnswer {
            dashboard: stats::dashboard(&reports, &config.areas, &config.categories),
            compilation: stats::compile_by_area(&reports, &config.areas, &category),
            compilation_category: category,
            answers: questionnaire::summarise(&config.questionnaire, answers.iter()),
            questionnaire: config.questionnaire,
            areas: config.areas,
        }))
    }
}

/// `GET /api/v1/console/{tenant}/export.csv?<filters>`
impl Handler for ExportCsv {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<String>, ApiError> {
        export_reports(cx, &path.tenant, "csv").await
    }
}

/// `GET /api/v1/console/{tenant}/export.geojson?<filters>`
impl Handler for ExportGeoJson {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<serde_json::Value>, ApiError> {
        export_reports(cx, &path.tenant, "geojson").await
    }
}

/// The filtered reports as a file in `format`. An export takes residents' texts and answers out
/// of the console: who took which, and when, is on the record.
async fn export_reports<T>(cx: &Cx<'_>, tenant: &str, format: &str) -> Result<Reply<T>, ApiError> {
    let (reports, config) = filtered(cx.db, tenant, cx.target.query, REPORT_LIMIT).await?;
    let taken = serde_json::json!({ "filters": cx.target.query, "reports": reports.len() });
    let now = clock::now_iso();
    let entry = store::audit::NewEntry::by(cx.moderator()?, "report.export", format, &now)
        .change(String::new(), taken.to_string());
    store::audit::record(cx.db, &entry)?.run().await?;
    let body = match format {
        "csv" => export::csv(&reports, &config.areas),
        _ => export::geojson(&reports, &config.areas).to_string(),
    };
    Ok(Reply::File { body, file_name: format!("tryggve-{tenant}-{}.{format}", clock::today()) })
}
