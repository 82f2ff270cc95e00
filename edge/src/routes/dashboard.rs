//! The lägesbild (statistics under the review filters), the approved reports partners see, and
//! exports for spreadsheets and GIS.

use tryggve_core::api::operations::{
    ExportCsv, ExportExcelCsv, ExportGeoJson, ExportXlsx, ListSharedReports, ReadDashboard,
};
use tryggve_core::api::path::TenantPath;
use tryggve_core::api::FileBytes;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::moderation::Permission;
use tryggve_core::shared_report::{SharedReport, MAX_SHARED_REPORTS};
use tryggve_core::stats::{self, DashboardAnswer};
use tryggve_core::{export, questionnaire};

use super::filtered::{filtered, Reach};
use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store};

/// Statistics and exports cover at most this many reports per request.
const REPORT_LIMIT: u32 = 100_000;

/// `GET /api/v1/console/{tenant}/dashboard?<filters>&compile=<category>`
impl Handler for ReadDashboard {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<DashboardAnswer>, ApiError> {
        let reach = match cx.moderator()?.role.allows(Permission::ReviewReports) {
            true => Reach::Everything,
            false => Reach::Counted,
        };
        let (reports, config) = filtered(cx.db, &path.tenant, cx.target.query, REPORT_LIMIT, reach).await?;
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

/// `GET /api/v1/console/{tenant}/shared-reports?<filters>`: the approved reports as observers
/// (partners in the safety council) may see them, newest first.
impl Handler for ListSharedReports {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<SharedReport>>, ApiError> {
        let query = cx.target.query;
        let (reports, _) = filtered(cx.db, &path.tenant, query, MAX_SHARED_REPORTS, Reach::Approved).await?;
        Ok(Reply::Done(reports.iter().filter_map(SharedReport::of).collect()))
    }
}

/// `GET /api/v1/console/{tenant}/export.csv?<filters>`
impl Handler for ExportCsv {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<String>, ApiError> {
        export_reports(cx, &path.tenant, ExportFormat::Csv).await
    }
}

/// `GET /api/v1/console/{tenant}/export-excel.csv?<filters>`
impl Handler for ExportExcelCsv {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<String>, ApiError> {
        export_reports(cx, &path.tenant, ExportFormat::ExcelCsv).await
    }
}

/// `GET /api/v1/console/{tenant}/export.xlsx?<filters>`
impl Handler for ExportXlsx {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<FileBytes>, ApiError> {
        export_reports(cx, &path.tenant, ExportFormat::Xlsx).await
    }
}

/// `GET /api/v1/console/{tenant}/export.geojson?<filters>`
impl Handler for ExportGeoJson {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<serde_json::Value>, ApiError> {
        export_reports(cx, &path.tenant, ExportFormat::GeoJson).await
    }
}

/// The files reports are exported as: for machines (stable codes, ISO times) and for people
/// (words, Stockholm time, Excel's conventions).
#[derive(Debug, Clone, Copy)]
enum ExportFormat {
    Csv,
    GeoJson,
    ExcelCsv,
    Xlsx,
}

impl ExportFormat {
    /// As the audit log names it.
    fn id(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::GeoJson => "geojson",
            Self::ExcelCsv => "excel-csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The end of the file's name: the Excel CSV says what it is for beside the machine one.
    fn file_suffix(self) -> &'static str {
        match self {
            Self::Csv => ".csv",
            Self::GeoJson => ".geojson",
            Self::ExcelCsv => "-excel.csv",
            Self::Xlsx => ".xlsx",
        }
    }
}

/// The filtered reports as a file in `format`. An export takes residents' texts and answers out
/// of the console: who took which, and when, is on the record.
async fn export_reports<T>(cx: &Cx<'_>, tenant: &str, format: ExportFormat) -> Result<Reply<T>, ApiError> {
    let (reports, config) = filtered(cx.db, tenant, cx.target.query, REPORT_LIMIT, Reach::Everything).await?;
    let taken = serde_json::json!({ "filters": cx.target.query, "reports": reports.len() });
    let now = clock::now_iso();
    let entry = store::audit::NewEntry::by(cx.moderator()?, "report.export", format.id(), &now)
        .change(String::new(), taken.to_string());
    store::audit::record(cx.db, &entry)?.run().await?;
    // The sheets for people are in Swedish, the console's and the municipality's language.
    let sheet = || {
        export::reports_sheet(
            &reports,
            &config.areas,
            &config.questionnaire,
            &config.category_names,
            &I18n::new(Locale::Sv),
        )
    };
    let body = match format {
        ExportFormat::Csv => export::csv(&reports, &config.areas).into_bytes(),
        ExportFormat::GeoJson => export::geojson(&reports, &config.areas).to_string().into_bytes(),
        ExportFormat::ExcelCsv => sheet().to_csv()?,
        ExportFormat::Xlsx => sheet().to_xlsx()?,
    };
    let file_name = format!("tryggve-{tenant}-{}{}", clock::today(), format.file_suffix());
    Ok(Reply::File { body, file_name })
}
