use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::review::ReportFilter;
use tryggve_core::shared_report::SharedReport;
use tryggve_core::TenantConfig;

use crate::api;
use crate::components::table_box::TableBox;
use crate::focus::focus_by_id;

/// The approved reports under the current filters, as partners in the safety council see them:
/// the place to the nearest 50 m, the text only where the municipality published it, never
/// who sent it. Read-only.
#[component]
pub fn SharedReportsPage(
    session: SessionInfo,
    filter: RwSignal<ReportFilter>,
    config: TenantConfig,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();
    let reports = RwSignal::new(Vec::<SharedReport>::new());
    let total = RwSignal::new(0_u32);
    // Where the next page starts; none when every match is listed.
    let next = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // Which read is the current one: an answer to an earlier filter, arriving late, is dropped.
    let generation = StoredValue::new(0_u64);
    let notice = RwSignal::new(String::new());
    let tenant = StoredValue::new(session.tenant.clone());
    // How many are shown, and of how many when not all are.
    let say_count = move || {
        let (shown, all) = (reports.with_untracked(Vec::len) as u64, u64::from(total.get_untracked()));
        notice.set(match shown < all {
            true => i18n.t_with(
                "console-shared-count-part",
                &[("shown", &i18n.number(shown)), ("count", &i18n.number(all))],
            ),
            false => i18n.t_count("console-shared-count", all, &[]),
        });
    };
    Effect::new(move |_| {
        let current = filter.get();
        busy.set(true);
        generation.update_value(|g| *g += 1);
        let this = generation.get_value();
        spawn_local(async move {
            let answer = api::shared_reports(&tenant.get_value(), &current, None).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            match answer {
                Ok(page) => {
                    reports.try_set(page.reports);
                    total.try_set(page.total);
                    next.try_set(page.next);
                    say_count();
                }
                Err(e) => _ = notice.try_set(i18n.t(&e.message_key())),
            }
            busy.try_set(false);
        });
    });
    let more = move |_| {
        let Some(after) = next.get_untracked() else { return };
        let current = filter.get_untracked();
        busy.set(true);
        let this = generation.get_value();
        spawn_local(async move {
            let answer = api::shared_reports(&tenant.get_value(), &current, Some(&after)).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            match answer {
                Ok(page) => {
                    // Focus moves to the first report added, so a keyboard user reads on there.
                    let first_added = page.reports.first().map(|r| r.case_number.clone());
                    reports.try_update(|all| all.extend(page.reports));
                    total.try_set(page.total);
                    next.try_set(page.next);
                    say_count();
                    if let Some(case) = first_added {
                        request_animation_frame(move || _ = focus_by_id(&row_id(&case)));
                    }
                }
                Err(e) => _ = notice.try_set(i18n.t(&e.message_key())),
            }
            busy.try_set(false);
        });
    };
    let areas = StoredValue::new(config.areas.clone());
    let area_name = move |id: &Option<String>| match id {
        Some(id) => areas
            .with_value(|a| a.iter().find(|a| &a.id == id).map_or_else(|| id.clone(), |a| a.name.clone())),
        None => i18n.t("console-outside-areas"),
    };

    view! {
        <h1>{i18n.t("console-shared-title")}</h1>
        <p class="hint">{i18n.t("console-shared-intro")}</p>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <TableBox label=i18n.t("console-shared-title")>
            <table class="reports shared">
                <caption>{i18n.t("console-shared-caption")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-case")}</th>
                    <th scope="col">{i18n.t("console-received")}</th>
                    <th scope="col">{i18n.t("console-category")}</th>
                    <th scope="col">{i18n.t("console-area")}</th>
                    <th scope="col">{i18n.t("console-times")}</th>
                    <th scope="col">{i18n.t("console-status")}</th>
                    <th scope="col">{i18n.t("console-shared-text")}</th>
                    <th scope="col">{i18n.t("console-shared-reply")}</th>
                </tr></thead>
                <tbody>
                    {move || reports.get().into_iter().map(|r| {
                        let times = r.times.iter().map(|t| i18n.t(&t.label_key())).collect::<Vec<_>>().join(", ");
                        view! {
                            <tr>
                                <th scope="row" id=row_id(&r.case_number) tabindex="-1">{r.case_number.clone()}</th>
                                <td>{human(&r.created_at, &i18n)}</td>
                                <td>{names.name(&r.category, &i18n)}</td>
                                <td>{area_name(&r.area)}</td>
                                <td>{times}</td>
                                <td>{i18n.t(&r.status.label_key())}</td>
                                <td>{r.description.clone().unwrap_or_else(|| i18n.t("console-shared-not-published"))}</td>
                                <td>{r.public_comment.clone()}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
        {move || next.get().is_some().then(|| view! {
            <p class="more">
                <button type="button" on:click=more disabled=move || busy.get()>{i18n.t("console-show-more")}</button>
            </p>
        })}
    }
}

/// The id of a shared report's row header, where focus goes when it is the first of a page.
fn row_id(case: &str) -> String {
    format!("shared-{case}")
}
