use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::moderation::Permission;
use tryggve_core::time_to_fix::human_hours;
use tryggve_core::unit_queue::UnitQueue;
use tryggve_core::TenantConfig;

use super::queue_case::QueueCase;
use super::Units;
use crate::api;
use crate::components::table_box::TableBox;

/// A unit's queue: its open reports, those past their target first, then the oldest. A case
/// opens in the review (`open_case`); a unit's member, who has none, sees it beneath the queue
/// (`case`, the one opened).
#[component]
pub fn UnitQueuePage(
    session: SessionInfo,
    config: TenantConfig,
    case: RwSignal<Option<String>>,
    open_case: Callback<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(expect_context::<CategoryNames>());
    let units = expect_context::<Units>().0;
    let chosen = RwSignal::new(units.first().map(|u| u.id));
    let queue = RwSignal::new(None::<UnitQueue>);
    let failed = RwSignal::new(String::new());
    let tenant = StoredValue::new(session.tenant.clone());
    // Bumped to read the queue again (a case changed beneath it).
    let loads = RwSignal::new(0u32);
    Effect::new(move |_| {
        loads.track();
        let Some(unit) = chosen.get() else { return };
        spawn_local(async move {
            match api::unit_queue(&tenant.get_value(), unit).await {
                Ok(q) => {
                    failed.set(String::new());
                    queue.set(Some(q));
                }
                Err(e) => failed.set(i18n.t(&e.message_key())),
            }
        });
    });
    let areas = StoredValue::new(config.areas.clone());
    let reviews = session.role.allows(Permission::ReviewReports);
    let opened = move || case.get().filter(|_| !reviews);
    let case_changed = Callback::new(move |()| loads.update(|n| *n += 1));
    let area_name = move |id: &Option<String>| match id {
        Some(id) => {
            areas.with_value(|all| all.iter().find(|a| &a.id == id).map_or(id.clone(), |a| a.name.clone()))
        }
        None => i18n.t("console-outside-areas"),
    };
    let age = move |hours: u32| human_hours(hours, &i18n);
    let summary = move || {
        queue.with(|q| {
            q.as_ref().map(|q| {
                i18n.t_with(
                    "console-queue-summary",
                    &[
                        ("open", &q.total.to_string()),
                        ("overdue", &q.overdue.to_string()),
                        ("unit", &q.unit.draft.name),
                    ],
                )
            })
        })
    };

    view! {
        <h1>{i18n.t("console-queues-title")}</h1>
        {if units.is_empty() {
            view! { <p>{i18n.t("console-queues-no-units")}</p> }.into_any()
        } else {
            view! {
                <div class="filters queue-choice">
                    <div>
                        <label for="queue-unit">{i18n.t("console-unit")}</label>
                        <select id="queue-unit" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                            {units.iter().map(|u| view! { <option value=u.id.to_string()>{u.draft.name.clone()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
            }.into_any()
        }}
        <p class="notice" role="status" aria-live="polite">{move || if failed.with(String::is_empty) { summary().unwrap_or_default() } else { failed.get() }}</p>
        {move || queue.get().filter(|q| !q.reports.is_empty()).map(|q| view! {
            <TableBox label=i18n.t("console-queue-table")>
                <table class="reports queue">
                    <caption>{i18n.t_with("console-queue-caption", &[("unit", &q.unit.draft.name)])}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("console-case")}</th>
                        <th scope="col">{i18n.t("console-queue-state")}</th>
                        <th scope="col">{i18n.t("console-queue-age")}</th>
                        <th scope="col">{i18n.t("console-queue-target")}</th>
                        <th scope="col">{i18n.t("console-category")}</th>
                        <th scope="col">{i18n.t("console-area")}</th>
                        <th scope="col">{i18n.t("console-status")}</th>
                        <th scope="col">{i18n.t("console-assignee")}</th>
                        <th scope="col">{i18n.t("console-received")}</th>
                    </tr></thead>
                    <tbody>
                        {q.reports.into_iter().map(|r| {
                            let case = r.report.case_number.clone();
                            let target = r.target_hours.map_or_else(|| "–".to_string(), |h| i18n.t_with("console-age-hours", &[("hours", &h.to_string())]));
                            let open = r.report.case_number.clone();
                            view! {
                                <tr class:overdue=r.overdue aria-current=move || (opened().as_ref() == Some(&open)).then_some("true")>
                                    <td class="case"><button type="button" class="link" on:click=move |_| open_case.run(case.clone())>{r.report.case_number.clone()}</button></td>
                                    <td class="queue-state">{i18n.t(if r.overdue { "console-queue-overdue" } else { "console-queue-on-time" })}</td>
                                    <td>{age(r.age_hours)}</td>
                                    <td>{target}</td>
                                    <td>{names.with_value(|n| n.name(&r.report.category, &i18n))}</td>
                                    <td>{area_name(&r.report.area)}</td>
                                    <td>{i18n.t(&r.report.status.label_key())}</td>
                                    <td>{if r.report.assignee.is_empty() { "–".to_string() } else { r.report.assignee.clone() }}</td>
                                    <td>{human(&r.report.created_at, &i18n)}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        })}
        {move || opened().map(|c| view! {
            <QueueCase session=session.clone() case=c config=config.clone() on_changed=case_changed />
        })}
    }
}
