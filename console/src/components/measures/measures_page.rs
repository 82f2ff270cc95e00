use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::measure::Measure;
use tryggve_core::TenantConfig;

use super::measure_form::MeasureForm;
use crate::api;
use crate::components::table_box::TableBox;
use crate::components::units::Units;

/// The register of measures: each with its kind, state, place, unit, days and the reports it
/// answers; a form adds one or changes the one chosen.
#[component]
pub fn MeasuresPage(session: SessionInfo, config: TenantConfig) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let units = expect_context::<Units>();
    let measures = RwSignal::new(Vec::<Measure>::new());
    let failed = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Measure>);
    let tenant = StoredValue::new(session.tenant.clone());
    let reload = move || {
        spawn_local(async move {
            match api::measures(&tenant.get_value()).await {
                Ok(list) => measures.set(list),
                Err(e) => failed.set(i18n.t(&e.message_key())),
            }
        });
    };
    reload();
    let areas = StoredValue::new(config.areas.clone());
    let area_name = move |id: &Option<String>| match id {
        Some(id) => {
            areas.with_value(|all| all.iter().find(|a| &a.id == id).map_or(id.clone(), |a| a.name.clone()))
        }
        None => "–".to_string(),
    };
    let units_here = StoredValue::new(units.clone());
    let dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "–".to_string());

    view! {
        <h1>{i18n.t("console-measures-title")}</h1>
        <p class="lead">{i18n.t("console-measures-lead")}</p>
        <p class="notice" role="status" aria-live="polite">{move || failed.get()}</p>
        <TableBox label=i18n.t("console-measures-title")>
            <table class="reports measures">
                <caption>{i18n.t("console-measures")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-measure-title")}</th>
                    <th scope="col">{i18n.t("console-measure-kind")}</th>
                    <th scope="col">{i18n.t("console-status")}</th>
                    <th scope="col">{i18n.t("console-area")}</th>
                    <th scope="col">{i18n.t("console-unit")}</th>
                    <th scope="col">{i18n.t("console-measure-planned")}</th>
                    <th scope="col">{i18n.t("console-measure-started")}</th>
                    <th scope="col">{i18n.t("console-measure-done")}</th>
                    <th scope="col">{i18n.t("console-measure-reports")}</th>
                    <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let list = measures.get();
                        if list.is_empty() {
                            return view! { <tr><td colspan="10">{i18n.t("console-measures-empty")}</td></tr> }.into_any();
                        }
                        list.into_iter().map(|m| {
                            let d = &m.draft;
                            let unit = d.unit.map_or_else(|| "–".to_string(), |id| units_here.with_value(|u| u.name(id)));
                            let reports = if d.reports.is_empty() { "–".to_string() } else { d.reports.join(", ") };
                            let edit_label = i18n.t_with("console-measure-edit-named", &[("title", &d.title)]);
                            let chosen = StoredValue::new(m.clone());
                            view! {
                                <tr>
                                    <th scope="row">{d.title.clone()}</th>
                                    <td>{i18n.t(&d.kind.label_key())}</td>
                                    <td class="measure-status">{i18n.t(&d.status.label_key())}</td>
                                    <td>{area_name(&d.area)}</td>
                                    <td>{unit}</td>
                                    <td>{dash(&d.planned_on)}</td>
                                    <td>{dash(&d.started_on)}</td>
                                    <td>{dash(&d.done_on)}</td>
                                    <td class="case">{reports}</td>
                                    <td><button type="button" aria-label=edit_label on:click=move |_| {
                                        editing.set(Some(chosen.get_value()));
                                        crate::focus::focus_by_id("measure-title");
                                    }>{i18n.t("console-unit-edit")}</button></td>
                                </tr>
                            }
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </TableBox>
        <MeasureForm session editing areas=config.areas.clone() map=config.map.clone() on_saved=Callback::new(move |_| reload()) />
    }
}
