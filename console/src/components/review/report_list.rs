use std::collections::BTreeSet;

use leptos::prelude::*;
use tryggve_core::category::label_key;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::review::ModeratedReport;

use crate::components::table_box::TableBox;

/// The reports as a table; each case number opens the report (the keyboard path to every
/// report), and a box before it ticks the report for a bulk action.
#[component]
pub fn ReportList(
    reports: Signal<Vec<ModeratedReport>>,
    selected: RwSignal<Option<String>>,
    checked: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let all_checked = move || {
        reports
            .with(|all| !all.is_empty() && checked.with(|c| all.iter().all(|r| c.contains(&r.case_number))))
    };
    let toggle_all = move |_| {
        let tick = !all_checked();
        let cases: Vec<String> = reports.with(|all| all.iter().map(|r| r.case_number.clone()).collect());
        checked.update(|c| {
            for case in cases {
                if tick {
                    c.insert(case);
                } else {
                    c.remove(&case);
                }
            }
        });
    };
    view! {
        <TableBox label=i18n.t("console-reports")>
        <table class="reports">
            <caption>{i18n.t("console-reports")}</caption>
            <thead>
                <tr>
                    <th scope="col" class="tick">
                        <input type="checkbox" aria-label=i18n.t("console-bulk-select-all")
                            prop:checked=all_checked on:change=toggle_all />
                    </th>
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
                    let is_checked = {
                        let case = case.clone();
                        move || checked.with(|c| c.contains(&case))
                    };
                    let tick = {
                        let case = case.clone();
                        move |_| checked.update(|c| if !c.remove(&case) { c.insert(case.clone()); })
                    };
                    view! {
                        <tr aria-current=is_open>
                            <td class="tick"><input type="checkbox" prop:checked=is_checked on:change=tick
                                aria-label=i18n.t_with("console-bulk-select", &[("case", &case)]) /></td>
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
