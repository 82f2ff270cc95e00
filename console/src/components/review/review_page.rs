use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::MapConfig;

use tryggve_core::questionnaire::Question;

use super::bulk_actions::BulkActions;
use super::report_detail::{ActionOutcome, ReportDetail};
use super::report_list::ReportList;
use super::review_map::ReviewMap;
use crate::api;

/// Owns the review state: the reports the filter matches, and which one is open.
#[component]
pub fn ReviewPage(
    session: SessionInfo,
    filter: RwSignal<ReportFilter>,
    map: MapConfig,
    questionnaire: Vec<Question>,
) -> impl IntoView {
    let questionnaire = StoredValue::new(questionnaire);
    let i18n = expect_context::<I18n>();
    let reports = RwSignal::new(Vec::<ModeratedReport>::new());
    let selected = RwSignal::new(None::<String>);
    let notice = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<ActionOutcome>);
    // Ticked for a bulk action; kept across a new filter only for the reports still listed.
    let checked = RwSignal::new(BTreeSet::<String>::new());

    // Bumped to load the list again with the same filter.
    let loads = RwSignal::new(0u32);
    let reload = Callback::new(move |()| loads.update(|n| *n += 1));
    let tenant = session.tenant.clone();
    Effect::new(move |_| {
        loads.track();
        let current = filter.get();
        let tenant = tenant.clone();
        spawn_local(async move {
            match api::reports(&tenant, &current).await {
                Ok(list) => {
                    notice.set(i18n.t_with("console-count", &[("count", &list.len().to_string())]));
                    checked.update(|c| c.retain(|case| list.iter().any(|r| &r.case_number == case)));
                    reports.set(list);
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    });
    let on_changed = Callback::new(move |report: ModeratedReport| {
        reports.update(|all| {
            if let Some(old) = all.iter_mut().find(|r| r.case_number == report.case_number) {
                *old = report;
            }
        });
    });
    view! {
        <h1>{i18n.t("console-review-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <div class="review">
            <div class="overview">
                <ReviewMap config=map reports=reports.into() selected />
                <BulkActions tenant=session.tenant.clone() csrf=session.csrf_token.clone() checked reload />
                <ReportList reports=reports.into() selected checked />
            </div>
            {move || {
                let case = selected.get()?;
                let report = reports.with(|all| all.iter().find(|r| r.case_number == case).cloned())?;
                Some(view! { <ReportDetail report session=session.clone() on_changed outcome questionnaire=questionnaire.get_value() /> })
            }}
        </div>
    }
}
