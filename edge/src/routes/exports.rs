//! Exports of the filtered reports for spreadsheets and GIS, written page by page while they
//! are sent, so that any number of reports fits in a worker's memory.

use std::rc::Rc;

use futures_util::stream::{self, LocalBoxStream, StreamExt};
use tryggve_core::api::operations::{ExportCsv, ExportExcelCsv, ExportGeoJson, ExportXlsx};
use tryggve_core::api::path::TenantPath;
use tryggve_core::api::FileBytes;
use tryggve_core::export::SheetLayout;
use tryggve_core::report_file::{ExportFormat, ReportsFile};
use tryggve_core::report_list::Cursor;
use tryggve_core::review::{ModeratedReport, ReportFilter};
use worker::Env;

use super::filtered::{cursor_after, selection, Reach};
use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store};

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

/// Reports read from D1 per page of an export.
const EXPORT_PAGE: u32 = 500;

/// The filtered reports as a file in `format`, written page by page while it is sent. An export
/// takes residents' texts and answers out of the console: who took which, and when, is on the
/// record before the first byte leaves.
async fn export_reports<T>(cx: &Cx<'_>, tenant: &str, format: ExportFormat) -> Result<Reply<T>, ApiError> {
    let (filter, config) = selection(cx.db, tenant, cx.target.query, Reach::Everything).await?;
    let total = store::review_list::count(cx.db, tenant, &filter).await?;
    if let Some(limit) = format.limit().filter(|limit| total > *limit) {
        return Err(ApiError::ExportTooLarge { limit });
    }
    let answered = match format {
        ExportFormat::ExcelCsv | ExportFormat::Xlsx => {
            store::review_list::answered_questions(cx.db, tenant, &filter).await?
        }
        ExportFormat::Csv | ExportFormat::GeoJson => Vec::new(),
    };
    let taken = serde_json::json!({ "filters": cx.target.query, "reports": total });
    let now = clock::now_iso();
    let entry = store::audit::NewEntry::by(cx.moderator()?, "report.export", format.id(), &now)
        .change(String::new(), taken.to_string());
    store::audit::record(cx.db, &entry)?.run().await?;
    let layout =
        SheetLayout::new(config.questionnaire, answered.iter().map(String::as_str), config.category_names);
    let file = ReportsFile::new(format, config.areas, layout);
    let pages =
        Pages { env: cx.env.clone(), tenant: tenant.to_string(), filter, categories: config.categories };
    let file_name = format!("tryggve-{tenant}-{}{}", clock::today(), format.file_suffix());
    Ok(Reply::Streamed { chunks: written(file, pages), file_name })
}

/// Where the pages of an export are read from.
struct Pages {
    env: Env,
    tenant: String,
    filter: ReportFilter,
    categories: Vec<String>,
}

impl Pages {
    /// The page after `cursor`, each report with its row id.
    async fn after(&self, cursor: Option<&Cursor>) -> Result<Vec<(i64, ModeratedReport)>, ApiError> {
        let db = self.env.d1("DB")?;
        store::review_list::page(&db, &self.tenant, &self.filter, &self.categories, cursor, EXPORT_PAGE).await
    }
}

/// `file`'s bytes as they are written: its head, then a chunk per page until a page comes back
/// short, then its tail. A page that cannot be read ends the stream with an error, so that the
/// download fails rather than ending early as if complete.
fn written(file: ReportsFile, pages: Pages) -> LocalBoxStream<'static, Result<Vec<u8>, worker::Error>> {
    let failed = |e: &dyn std::fmt::Display| worker::Error::RustError(format!("export: {e}"));
    let head = file.head().map_err(|e| failed(&e));
    let pages = Rc::new(pages);
    let body = stream::unfold(Some((file, None::<Cursor>)), move |state| {
        let pages = Rc::clone(&pages);
        async move {
            let (mut file, cursor) = state?;
            let rows = match pages.after(cursor.as_ref()).await {
                Ok(rows) => rows,
                Err(e) => return Some((Err(failed(&e)), None)),
            };
            let reports: Vec<ModeratedReport> = rows.iter().map(|(_, r)| r.clone()).collect();
            let mut chunk = match file.page(&reports) {
                Ok(chunk) => chunk,
                Err(e) => return Some((Err(failed(&e)), None)),
            };
            if rows.len() < EXPORT_PAGE as usize {
                return Some((file.tail().map(|tail| [chunk, tail].concat()).map_err(|e| failed(&e)), None));
            }
            let next = rows.last().map(|last| cursor_after(&pages.filter, last, &pages.categories));
            chunk.shrink_to_fit();
            Some((Ok(chunk), Some((file, next))))
        }
    });
    stream::once(async move { head }).chain(body).boxed_local()
}
