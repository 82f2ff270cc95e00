use std::collections::BTreeSet;

use leptos::prelude::*;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::report_list::ReportOrder;
use tryggve_core::review::{ModeratedReport, ReportFilter};
use tryggve_core::text::excerpt;
use tryggve_core::Area;

use crate::components::table_box::TableBox;

/// Characters of a report's description shown in the list.
const DESCRIPTION_START: usize = 60;

/// The id of the button that opens `case` (focus moves there when a page is added).
pub fn case_button_id(case: &str) -> String {
    format!("open-{case}")
}

/// The reports as a table; each case number opens the report (the keyboard path to every
/// report), a box before it ticks the report for a bulk action, and the received, category
/// and status columns sort the list (`aria-sort` says how it is sorted).
#[component]
pub fn ReportList(
    reports: Signal<Vec<ModeratedReport>>,
    selected: RwSignal<Option<String>>,
    checked: RwSignal<BTreeSet<String>>,
    filter: RwSignal<ReportFilter>,
    areas: Vec<Area>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(expect_context::<CategoryNames>());
    let areas = StoredValue::new(areas);
    let area_name = move |id: &Option<String>| match id {
        Some(id) => {
            areas.with_value(|all| all.iter().find(|a| &a.id == id).map_or(id.clone(), |a| a.name.clone()))
        }
        None => i18n.t("console-outside-areas"),
    };
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
    let order = move || filter.with(|f| f.order);
    // A sortable column's header: a button, and the order it shows when it sorts the list.
    let sorting = move |label: &'static str,
                        sorts: fn(ReportOrder) -> Option<&'static str>,
                        next: fn(ReportOrder) -> ReportOrder| {
        view! {
            <th scope="col" aria-sort=move || sorts(order())>
                <button type="button" class="sort" on:click=move |_| filter.update(|f| f.order = next(f.order))>
                    {i18n.t(label)}
                    <span class="sort-mark" aria-hidden="true">{move || match sorts(order()) {
                        Some("descending") => "▼",
                        Some(_) => "▲",
                        None => "",
                    }}</span>
                </button>
            </th>
        }
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
                    {sorting("console-received",
                        |o| match o { ReportOrder::Newest => Some("descending"), ReportOrder::Oldest => Some("ascending"), _ => None },
                        |o| if o == ReportOrder::Newest { ReportOrder::Oldest } else { ReportOrder::Newest })}
                    {sorting("console-category", |o| (o == ReportOrder::Category).then_some("ascending"), |_| ReportOrder::Category)}
                    <th scope="col">{i18n.t("console-place")}</th>
                    <th scope="col">{i18n.t("console-short-description")}</th>
                    {sorting("console-status", |o| (o == ReportOrder::Status).then_some("ascending"), |_| ReportOrder::Status)}
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
                            <td class="case"><button type="button" class="link" id=case_button_id(&case)
                                on:click=move |_| selected.set(Some(case.clone()))>{r.case_number.clone()}</button></td>
                            <td>{human(&r.created_at, &i18n)}</td>
                            <td>{names.with_value(|n| n.name(&r.review.category, &i18n))}</td>
                            <td>{r.place.clone().unwrap_or_else(|| area_name(&r.area))}</td>
                            <td class="excerpt">{excerpt(&r.review.description, DESCRIPTION_START)}</td>
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
