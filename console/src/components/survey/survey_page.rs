use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::{human_day, local_day};
use tryggve_core::measure::Measure;
use tryggve_core::moderation::Permission;
use tryggve_core::survey::{RoundResults, SurveyRound, WHOLE_MUNICIPALITY};
use tryggve_core::walk::Walk;
use tryggve_core::TenantConfig;

use super::before_after::BeforeAfter;
use super::round_planner::RoundPlanner;
use super::survey_trends::SurveyTrends;
use crate::api;
use crate::components::table_box::TableBox;

/// Today in Sweden (`YYYY-MM-DD`), as the edge decides which round is open.
fn today() -> String {
    local_day(&String::from(js_sys::Date::new_0().to_iso_string())).unwrap_or_default()
}

/// The rounds (planned, open, closed) with their answers; each area's unsafe share round by
/// round; before and after measures and walks; and, for admins, the next round's plan.
#[component]
pub fn SurveyPage(session: SessionInfo, config: TenantConfig) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let rounds = RwSignal::new(Vec::<SurveyRound>::new());
    let results = RwSignal::new(Vec::<RoundResults>::new());
    let measures = RwSignal::new(Vec::<Measure>::new());
    let walks = RwSignal::new(Vec::<Walk>::new());
    let failed = RwSignal::new(String::new());
    // Until the rounds are first read, neither "no round yet" nor a plan from the standard
    // problems is shown: both would be wrong for a municipality that has rounds, and edits
    // made to such a plan would be replaced when the rounds arrive.
    let read = RwSignal::new(false);
    let tenant = StoredValue::new(session.tenant.clone());
    let reload = move || {
        spawn_local(async move {
            let tenant = tenant.get_value();
            // Both read before either is shown, so that a round never shows without its answers.
            let (planned, counted) = (api::survey_rounds(&tenant).await, api::survey_results(&tenant).await);
            results.try_set(counted.unwrap_or_default());
            match planned {
                Ok(list) => _ = rounds.try_set(list),
                Err(e) => _ = failed.try_set(i18n.t(&e.message_key())),
            }
            // Set once: the planner below is drawn again whenever this changes.
            if read.try_get_untracked() == Some(false) {
                read.try_set(true);
            }
        });
    };
    reload();
    spawn_local(async move {
        let tenant = tenant.get_value();
        if let Ok(list) = api::measures(&tenant).await {
            measures.try_set(list);
        }
        if let Ok(list) = api::walks(&tenant).await {
            walks.try_set(list);
        }
    });
    let today = today();
    let may_plan = session.role.allows(Permission::ConfigureTenant);
    let areas = config.areas.clone();

    let round_rows = move || {
        let all = rounds.get();
        if !read.get() {
            return ().into_any();
        }
        if all.is_empty() {
            return view! { <tr><td colspan="5">{i18n.t("console-survey-no-rounds")}</td></tr> }.into_any();
        }
        all.into_iter()
            .map(|r| {
                let state = if r.draft.closes_on.as_str() < today.as_str() {
                    "console-survey-closed"
                } else if r.draft.opens_on.as_str() > today.as_str() {
                    "console-survey-planned"
                } else {
                    "console-survey-open"
                };
                let answers = results.with(|all| {
                    all.iter()
                        .find(|x| x.round.id == r.id)
                        .and_then(|x| x.results.iter().find(|a| a.area == WHOLE_MUNICIPALITY))
                        .map_or_else(|| "–".to_string(), |a| i18n.number(u64::from(a.answers)))
                });
                let days = format!(
                    "{} – {}",
                    human_day(&r.draft.opens_on, &i18n),
                    human_day(&r.draft.closes_on, &i18n)
                );
                view! {
                    <tr>
                        <th scope="row">{r.draft.name.clone()}</th>
                        <td>{days}</td>
                        <td>{i18n.t(state)}</td>
                        <td class="count">{r.draft.questions.problems.len()}</td>
                        <td class="count">{answers}</td>
                    </tr>
                }
            })
            .collect_view()
            .into_any()
    };
    let planner = move || {
        (may_plan && read.get()).then(|| {
            view! { <RoundPlanner session=session.clone() rounds on_planned=Callback::new(move |()| reload()) /> }
        })
    };

    view! {
        <h1>{i18n.t("console-survey-title")}</h1>
        <p class="lead">{i18n.t("console-survey-lead")}</p>
        <p class="notice" role="status" aria-live="polite">{move || failed.get()}</p>
        <TableBox label=i18n.t("console-survey-rounds")>
            <table class="reports survey-rounds">
                <caption>{i18n.t("console-survey-rounds")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-survey-round")}</th>
                    <th scope="col">{i18n.t("console-survey-days")}</th>
                    <th scope="col">{i18n.t("console-status")}</th>
                    <th scope="col" class="count">{i18n.t("console-survey-problems")}</th>
                    <th scope="col" class="count">{i18n.t("console-survey-answers")}</th>
                </tr></thead>
                <tbody>{round_rows}</tbody>
            </table>
        </TableBox>
        <SurveyTrends results areas=areas.clone() />
        <BeforeAfter results measures walks areas />
        {planner}
    }
}
