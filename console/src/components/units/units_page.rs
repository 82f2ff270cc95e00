use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;
use tryggve_core::unit::Unit;
use tryggve_core::TenantConfig;

use super::unit_form::UnitForm;
use crate::api;
use crate::components::table_box::TableBox;

/// The municipality's units: who takes which new reports, where, and how fast they aim to fix
/// them. Admins add units and change them; a report already routed keeps its unit.
#[component]
pub fn UnitsPage(session: SessionInfo, config: TenantConfig) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();
    let units = RwSignal::new(Vec::<Unit>::new());
    let failed = RwSignal::new(String::new());
    let editing = RwSignal::new(None::<Unit>);
    let tenant = StoredValue::new(session.tenant.clone());
    let reload = move || {
        spawn_local(async move {
            match api::units(&tenant.get_value()).await {
                Ok(list) => units.set(list),
                Err(e) => failed.set(i18n.t(&e.message_key())),
            }
        });
    };
    reload();
    let area_names =
        StoredValue::new(config.areas.iter().map(|a| (a.id.clone(), a.name.clone())).collect::<Vec<_>>());
    let area_name = move |id: &String| {
        area_names
            .with_value(|all| all.iter().find(|(a, _)| a == id).map_or(id.clone(), |(_, name)| name.clone()))
    };
    let category_list = {
        let names = names.clone();
        move |ids: &[String]| ids.iter().map(|id| names.name(id, &i18n)).collect::<Vec<_>>().join(", ")
    };
    let target_list = move |unit: &Unit| {
        unit.draft
            .targets
            .iter()
            .map(|(category, hours)| {
                i18n.t_with(
                    "console-unit-target",
                    &[("category", &names.name(category, &i18n)), ("hours", &hours.to_string())],
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };

    view! {
        <h1>{i18n.t("console-units-title")}</h1>
        <p class="lead">{i18n.t("console-units-lead")}</p>
        <p class="notice" role="status" aria-live="polite">{move || failed.get()}</p>
        <TableBox label=i18n.t("console-units-title")>
            <table class="reports units">
                <caption>{i18n.t("console-units")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-name")}</th>
                    <th scope="col">{i18n.t("console-unit-email")}</th>
                    <th scope="col">{i18n.t("console-unit-categories")}</th>
                    <th scope="col">{i18n.t("console-unit-areas")}</th>
                    <th scope="col">{i18n.t("console-unit-targets")}</th>
                    <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                </tr></thead>
                <tbody>
                    {move || {
                        let list = units.get();
                        if list.is_empty() {
                            return view! { <tr><td colspan="6">{i18n.t("console-units-empty")}</td></tr> }.into_any();
                        }
                        list.into_iter().map(|unit| {
                            let areas = if unit.draft.areas.is_empty() {
                                i18n.t("console-unit-everywhere")
                            } else {
                                unit.draft.areas.iter().map(area_name).collect::<Vec<_>>().join(", ")
                            };
                            let dash = |text: String| if text.is_empty() { "–".to_string() } else { text };
                            let edit_label = i18n.t_with("console-unit-edit-named", &[("name", &unit.draft.name)]);
                            let chosen = StoredValue::new(unit.clone());
                            view! {
                                <tr>
                                    <th scope="row">{unit.draft.name.clone()}</th>
                                    <td>{unit.draft.email.clone()}</td>
                                    <td>{dash(category_list(&unit.draft.categories))}</td>
                                    <td>{areas}</td>
                                    <td>{dash(target_list(&unit))}</td>
                                    <td><button type="button" aria-label=edit_label on:click=move |_| {
                                        editing.set(Some(chosen.get_value()));
                                        crate::focus::focus_by_id("unit-name");
                                    }>{i18n.t("console-unit-edit")}</button></td>
                                </tr>
                            }
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </TableBox>
        <UnitForm session editing categories=config.categories.clone() areas=config.areas.clone()
            on_saved=Callback::new(move |_| reload()) />
    }
}
