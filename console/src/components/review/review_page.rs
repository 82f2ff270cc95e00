use std::collections::BTreeSet;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::TenantConfig;

use super::bulk_actions::BulkActions;
use super::report_detail::{ActionOutcome, ReportDetail};
use super::report_list::{case_button_id, ReportList};
use super::review_map::ReviewMap;
use crate::api;
use crate::focus::focus_by_id;

/// Owns the review state: the pages of reports the filter matches so far, how many match in
/// all, and which report is open (`selected`, a case number kept in the console's address).
#[component]
pub fn ReviewPage(
    session: SessionInfo,
    filter: RwSignal<ReportFilter>,
    selected: RwSignal<Option<String>>,
    config: TenantConfig,
) -> impl IntoView {
    let questionnaire = StoredValue::new(config.questionnaire.clone());
    let i18n = expect_context::<I18n>();
    let reports = RwSignal::new(Vec::<ModeratedReport>::new());
    let total = RwSignal::new(None::<u32>);
    // Where the next page starts; none when every match is listed.
    let next = RwSignal::new(None::<String>);
    let notice = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<ActionOutcome>);
    // Ticked for a bulk action; kept across a new filter only for the reports still listed.
    let checked = RwSignal::new(BTreeSet::<String>::new());
    // A case opened from a link that the loaded pages do not hold, read on its own.
    let linked = RwSignal::new(None::<ModeratedReport>);
    let missing = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // Bumped to load the list again with the same filter.
    let loads = RwSignal::new(0u32);
    // Counts the list's loads: an answer to an older one (a filter changed meanwhile) is dropped,
    // so a slow answer never shows over a newer one.
    let generation = StoredValue::new(0u64);
    let reload = Callback::new(move |()| loads.update(|n| *n += 1));
    let tenant = StoredValue::new(session.tenant.clone());
    let say_count = move || {
        if let Some(count) = total.get_untracked() {
            let shown = i18n.number(reports.with_untracked(Vec::len) as u64);
            let key = if count == 0 { "console-no-reports" } else { "console-showing" };
            notice.set(i18n.t_count(key, count.into(), &[("shown", &shown)]));
        }
    };
    Effect::new(move |_| {
        loads.track();
        let current = filter.get();
        busy.set(true);
        let tenant = tenant.get_value();
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        spawn_local(async move {
            let answer = api::reports(&tenant, &current, None).await;
            // The moderator may have gone to another page meanwhile, or asked for another list.
            if loads.is_disposed() || generation.get_value() != this {
                return;
            }
            match answer {
                Ok(page) => {
                    checked.update(|c| c.retain(|case| page.reports.iter().any(|r| &r.case_number == case)));
                    reports.set(page.reports);
                    total.set(Some(page.total));
                    next.set(page.next);
                    say_count();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
            busy.set(false);
        });
    });
    let more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        let current = filter.get_untracked();
        busy.set(true);
        let tenant = tenant.get_value();
        let this = generation.get_value();
        spawn_local(async move {
            let answer = api::reports(&tenant, &current, Some(&after)).await;
            if loads.is_disposed() || generation.get_value() != this {
                return;
            }
            match answer {
                Ok(page) => {
                    // Focus moves to the first report added, so a keyboard user reads on there.
                    let first_added = page.reports.first().map(|r| r.case_number.clone());
                    reports.update(|all| all.extend(page.reports));
                    total.set(Some(page.total));
                    next.set(page.next);
                    say_count();
                    if let Some(case) = first_added {
                        request_animation_frame(move || _ = focus_by_id(&case_button_id(&case)));
                    }
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
            busy.set(false);
        });
    };
    // A case that is not among the loaded reports is read by itself.
    Effect::new(move |_| {
        let Some(case) = selected.get() else { return };
        if reports.with(|all| all.iter().any(|r| r.case_number == case))
            || linked.with_untracked(|l| l.as_ref().is_some_and(|r| r.case_number == case))
            || missing.with_untracked(|m| m.as_ref() == Some(&case))
        {
            return;
        }
        let tenant = tenant.get_value();
        spawn_local(async move {
            let answer = api::report(&tenant, &case).await;
            if loads.is_disposed() {
                return;
            }
            match answer {
                Ok(report) => {
                    missing.set(None);
                    linked.set(Some(report));
                }
                Err(_) => missing.set(Some(case)),
            }
        });
    });
    let on_changed = Callback::new(move |report: ModeratedReport| {
        reports.update(|all| {
            if let Some(old) = all.iter_mut().find(|r| r.case_number == report.case_number) {
                *old = report.clone();
            }
        });
        linked.update(|l| {
            if l.as_ref().is_some_and(|r| r.case_number == report.case_number) {
                *l = Some(report);
            }
        });
    });
    let open_report = move || {
        let case = selected.get()?;
        reports
            .with(|all| all.iter().find(|r| r.case_number == case).cloned())
            .or_else(|| linked.get().filter(|r| r.case_number == case))
    };
    let areas = config.areas.clone();
    view! {
        <h1>{i18n.t("console-review-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        // The list takes the whole width until a case is opened beside it.
        <div class="review" class:with-case=move || selected.with(Option::is_some)>
            <div class="overview">
                <ReviewMap tenant=session.tenant.clone() config=config.map.clone() filter=filter.into() loads=loads.into() selected />
                <BulkActions tenant=session.tenant.clone() csrf=session.csrf_token.clone() checked reload />
                <ReportList reports=reports.into() selected checked filter areas />
                {move || next.get().is_some().then(|| view! {
                    <p class="more">
                        <button type="button" on:click=more disabled=move || busy.get()>{i18n.t("console-show-more")}</button>
                    </p>
                })}
            </div>
            {move || match open_report() {
                Some(report) => Some(view! {
                    <ReportDetail report session=session.clone() on_changed outcome questionnaire=questionnaire.get_value() categories=config.categories.clone() />
                }.into_any()),
                None => missing.get().filter(|case| selected.get().as_ref() == Some(case)).map(|case| view! {
                    <p class="case-missing" role="alert">{i18n.t_with("console-case-missing", &[("case", &case)])}</p>
                }.into_any()),
            }}
        </div>
    }
}
