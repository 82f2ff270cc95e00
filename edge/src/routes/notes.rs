//! Internal notes on a report: moderators read them and add to them.

use tryggve_core::api::operations::{AddReportNote, ListReportNotes};
use tryggve_core::api::path::CasePath;
use tryggve_core::note::{NewNote, ReportNote};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{clock, store};

/// The row id of report `path.case` (what its notes and measures hang on), if the moderator
/// works on it (a unit's member: a case of their unit; else 403).
pub(super) async fn report_id(cx: &Cx<'_>, path: &CasePath) -> Result<i64, ApiError> {
    let read = store::reports::find_for_review(cx.db, &path.tenant, path.case).await?;
    let read = read.ok_or(ApiError::CaseNotFound)?;
    cx.moderator()?.require_case(read.report.review.unit)?;
    Ok(read.id)
}

/// `GET /api/v1/console/{tenant}/reports/{case}/notes`
impl Handler for ListReportNotes {
    async fn handle(cx: &mut Cx<'_>, path: CasePath, _: ()) -> Result<Reply<Vec<ReportNote>>, ApiError> {
        let report = report_id(cx, &path).await?;
        Ok(Reply::Done(store::notes::list(cx.db, &path.tenant, report).await?))
    }
}

/// `POST /api/v1/console/{tenant}/reports/{case}/notes` with a [`NewNote`]: 201 with the note.
impl Handler for AddReportNote {
    async fn handle(cx: &mut Cx<'_>, path: CasePath, note: NewNote) -> Result<Reply<ReportNote>, ApiError> {
        let text = note.validated().map_err(ApiError::Invalid)?;
        let report = report_id(cx, &path).await?;
        let (db, moderator) = (cx.db, cx.moderator()?);
        let at = clock::now_iso();
        let case = tryggve_core::report::case_number(path.case.0, path.case.1);
        let entry = store::audit::NewEntry::by(moderator, "report.note", &case, &at)
            .change(String::new(), store::audit::json(&text));
        let audit = store::audit::record(db, &entry)?;
        let id = store::notes::insert(db, &path.tenant, (report, moderator.id), &text, &at, audit).await?;
        Ok(Reply::Done(ReportNote { id, text, author: moderator.info.name.clone(), at }))
    }
}
