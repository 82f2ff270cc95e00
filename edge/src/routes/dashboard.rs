//! The lägesbild (statistics under the review filters) and the approved reports partners see.

use tryggve_core::api::operations::{ListSharedReports, ReadDashboard};
use tryggve_core::api::path::TenantPath;
use tryggve_core::moderation::Permission;
use tryggve_core::questionnaire::{self, QuestionKind};
use tryggve_core::shared_report::{SharedReport, MAX_SHARED_REPORTS};
use tryggve_core::stats::{self, DashboardAnswer};

use super::filtered::{filtered, selection, Reach};
use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::store;

/// `GET /api/v1/console/{tenant}/dashboard?<filters>&compile=<category>`: counted in SQL over
/// every report the filter selects, however many.
impl Handler for ReadDashboard {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<DashboardAnswer>, ApiError> {
        let reach = match cx.moderator()?.role.allows(Permission::ReviewReports) {
            true => Reach::Everything,
            false => Reach::Counted,
        };
        let (filter, config) = selection(cx.db, &path.tenant, cx.target.query, reach).await?;
        let compile = form_urlencoded::parse(cx.target.query.as_bytes())
            .find(|(k, _)| k == "compile")
            .map(|(_, v)| v.into_owned());
        let category = compile.filter(|c| !c.is_empty()).unwrap_or_else(|| "dark-spot".into());
        let single_choices: Vec<&str> = config
            .questionnaire
            .iter()
            .filter(|q| q.kind == QuestionKind::SingleChoice)
            .map(|q| q.id.as_str())
            .collect();
        let counted =
            store::situation::count(cx.db, &path.tenant, &filter, &single_choices, &category).await?;
        Ok(Reply::Done(DashboardAnswer {
            dashboard: counted.tally.dashboard(&config.areas, &config.categories),
            compilation: stats::compile_by_area(&config.areas, counted.compilation),
            compilation_category: category,
            answers: questionnaire::summarise(&config.questionnaire, &counted.answers),
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
