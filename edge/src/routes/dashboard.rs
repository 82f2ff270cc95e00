//! The lägesbild (statistics under the review filters) and the approved reports partners see.

use tryggve_core::api::operations::{ListSharedReports, ReadDashboard};
use tryggve_core::api::path::TenantPath;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::measure_effect::{self, MeasureEffect};
use tryggve_core::moderation::Permission;
use tryggve_core::questionnaire::{self, QuestionKind};
use tryggve_core::review::ReportFilter;
use tryggve_core::shared_report::{SharedReport, SharedReportPage};
use tryggve_core::stats::{self, Count, DashboardAnswer};
use tryggve_core::time_to_fix::{self, TimeToFix};
use tryggve_core::unit::Unit;
use tryggve_core::walk_dark_spots;

use super::filtered::{self, selection, Reach};
use super::{Cx, Handler, Reply};
use crate::clock;
use crate::error::ApiError;
use crate::store;
use crate::store::situation::Near;

/// `GET /api/v1/console/{tenant}/dashboard?<filters>&compile=<category>`: counted in SQL over
/// every report the filter selects, however many.
impl Handler for ReadDashboard {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<DashboardAnswer>, ApiError> {
        let reach = match cx.moderator()?.role.allows(Permission::ReviewReports) {
            true => Reach::Everything,
            false => Reach::Counted,
        };
        let (mut filter, config) = selection(cx.db, &path.tenant, cx.target.query, reach).await?;
        let asked = |key: &str| {
            form_urlencoded::parse(cx.target.query.as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
                .filter(|v| !v.is_empty())
        };
        let category = asked("compile").unwrap_or_else(|| "dark-spot".into());
        // Duplicates, off-topic reports and those from outside are no cases: left out unless asked.
        let rejected_included = match asked("rejected").as_deref() {
            None => false,
            Some("include") => true,
            Some(_) => {
                return Err(ApiError::Invalid(FieldError::new("rejected", FieldErrorCode::InvalidChoice)))
            }
        };
        filter.cases_only = !rejected_included;
        let single_choices: Vec<&str> = config
            .questionnaire
            .iter()
            .filter(|q| q.kind == QuestionKind::SingleChoice)
            .map(|q| q.id.as_str())
            .collect();
        let now = clock::now_iso();
        let units = store::units::list(cx.db, &path.tenant).await?;
        let targets = time_to_fix::targets_of(&units);
        let counted =
            store::situation::count(cx.db, &path.tenant, &filter, &single_choices, &category, &now, &targets)
                .await?;
        let (measures, measure_effects) = measures_followed(cx, &path.tenant, &filter, &now[..10]).await?;
        let period = (filter.from.as_deref(), filter.to.as_deref());
        let spots = store::walk_points::dark_spots(cx.db, &path.tenant, period).await?;
        let mut walk_dark_spots = walk_dark_spots::by_area(&config.areas, spots);
        if let Some(area) = &filter.area {
            walk_dark_spots.retain(|g| &g.area == area);
        }
        Ok(Reply::Done(DashboardAnswer {
            time_to_fix: TimeToFix::of(&counted.hours, &units, &config.categories),
            units: units.iter().map(Unit::name).collect(),
            measures,
            measure_effects,
            rejected_included,
            walk_dark_spots,
            dashboard: counted.tally.dashboard(&config.areas, &config.categories),
            compilation: stats::compile_by_area(&config.areas, counted.compilation),
            compilation_category: category,
            answers: questionnaire::summarise(&config.questionnaire, &counted.answers),
            questionnaire: config.questionnaire,
            areas: config.areas,
        }))
    }
}

/// The measures the filter reaches by status, and what followed the most recently done ones
/// (the reports around each, read for its windows only).
async fn measures_followed(
    cx: &Cx<'_>,
    tenant: &str,
    filter: &ReportFilter,
    today: &str,
) -> Result<(Vec<Count>, Vec<MeasureEffect>), ApiError> {
    let measures = store::measures::list(cx.db, tenant).await?;
    let selected = measure_effect::selected(&measures, filter);
    let followed = measure_effect::followed(&selected, today);
    let places: Vec<_> =
        followed.iter().map(|(_, around, windows)| (around.clone(), windows.clone())).collect();
    let found = store::situation::near(cx.db, tenant, filter, &places).await?;
    let effects = followed
        .iter()
        .zip(&found)
        .map(|((m, around, windows), near)| match near {
            Near::Counted { before, after } => MeasureEffect::of_counts(m, windows, *before, *after),
            Near::Reports(reports) => MeasureEffect::count(
                m,
                around,
                windows,
                reports.iter().map(|(at, when)| (*at, when.as_str())),
            ),
        })
        .collect();
    Ok((measure_effect::by_status(selected), effects))
}

/// `GET /api/v1/console/{tenant}/shared-reports?<filters>`: the approved reports as observers
/// (partners in the safety council) may see them, newest first.
impl Handler for ListSharedReports {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<SharedReportPage>, ApiError> {
        let page = filtered::page(cx.db, &path.tenant, cx.target.query, Reach::Approved).await?;
        let reports = page.reports.iter().filter_map(SharedReport::of).collect();
        Ok(Reply::Done(SharedReportPage { reports, total: page.total, next: page.next }))
    }
}
