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
    let notice = RwSignal::new(String::new());
    let tenant = session.tenant.clone();
    Effect::new(move |_| {
        let (current, tenant) = (filter.get(), tenant.clone());
        spawn_local(async move {
            match api::shared_reports(&tenant, &current).await {
                Ok(list) => {
                    notice.set(i18n.t_count("console-shared-count", list.len() as u64, &[]));
                    reports.set(list);
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    });
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
                                <th scope="row">{r.case_number.clone()}</th>
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
    }
}
