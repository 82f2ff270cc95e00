use leptos::prelude::*;
use tryggve_core::category::label_key;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::review::ModeratedReport;

use crate::components::table_box::TableBox;

/// The reports as a table; each case number opens the report (the keyboard path to every report).
#[component]
pub fn ReportList(
    reports: Signal<Vec<ModeratedReport>>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <TableBox label=i18n.t("console-reports")>
        <table class="reports">
            <caption>{i18n.t("console-reports")}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.t("console-case")}</th>
                    <th scope="col">{i18n.t("console-received")}</th>
                    <th scope="col">{i18n.t("category-label")}</th>
                    <th scope="col">{i18n.t("console-status")}</th>
                    <th scope="col">{i18n.t("console-visibility")}</th>
                </tr>
            </thead>
            <tbody>
                {move || reports.get().into_iter().map(|r| {
                    let case = r.case_number.clone();
                    let is_open = {
                        let case = case.clone();
                        move || (selected.get().as_deref() == Some(case.as_str())).then_some("true")
                    };
                    view! {
                        <tr aria-current=is_open>
                            <td class="case"><button type="button" class="link" on:click=move |_| selected.set(Some(case.clone()))>{r.case_number.clone()}</button></td>
                            <td>{human(&r.created_at, &i18n)}</td>
                            <td>{i18n.t(&label_key(&r.category))}</td>
                            <td>{i18n.t(&r.review.status.label_key())}</td>
                            <td>{i18n.t(&r.review.visibility.label_key())}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </TableBox>
    }
}
