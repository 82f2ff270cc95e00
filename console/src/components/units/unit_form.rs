use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::category::CategoryNames;
use tryggve_core::console::SessionInfo;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::unit::{Unit, UnitDraft};
use tryggve_core::Area;

use crate::api::{self, ApiError};

/// Adds a unit, or changes the one being edited: its name and mailbox, the categories whose new
/// reports it takes (in the areas chosen, or everywhere), and a target time to fix for each.
#[component]
pub fn UnitForm(
    session: SessionInfo,
    /// The unit being changed; none: a new one.
    editing: RwSignal<Option<Unit>>,
    /// The categories a unit may take: those residents can choose.
    categories: Vec<String>,
    areas: Vec<Area>,
    on_saved: Callback<Unit>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = expect_context::<CategoryNames>();
    let (name, email) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let chosen_categories = RwSignal::new(Vec::<String>::new());
    let chosen_areas = RwSignal::new(Vec::<String>::new());
    // Hours as typed, per category; an empty field is no target.
    let targets = RwSignal::new(BTreeMap::<String, String>::new());
    let notice = RwSignal::new(String::new());
    // The fields show the unit chosen for editing, or are empty for a new one.
    Effect::new(move |_| {
        let draft = editing.get().map(|u| u.draft);
        name.set(draft.as_ref().map(|d| d.name.clone()).unwrap_or_default());
        email.set(draft.as_ref().map(|d| d.email.clone()).unwrap_or_default());
        chosen_categories.set(draft.as_ref().map(|d| d.categories.clone()).unwrap_or_default());
        chosen_areas.set(draft.as_ref().map(|d| d.areas.clone()).unwrap_or_default());
        let hours = draft.map(|d| d.targets).unwrap_or_default();
        targets.set(hours.into_iter().map(|(c, h)| (c, h.to_string())).collect());
    });
    let (tenant, csrf) =
        (StoredValue::new(session.tenant.clone()), StoredValue::new(session.csrf_token.clone()));
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let categories = chosen_categories.get_untracked();
        // A target is kept for a category the unit takes; one that is not a number is sent as
        // 0, which the edge refuses by name.
        let targets = targets
            .get_untracked()
            .into_iter()
            .filter(|(c, hours)| categories.contains(c) && !hours.trim().is_empty())
            .map(|(c, hours)| (c, hours.trim().parse().unwrap_or(0)))
            .collect();
        let draft = UnitDraft {
            name: name.get_untracked(),
            email: email.get_untracked(),
            categories,
            areas: chosen_areas.get_untracked(),
            targets,
        };
        let id = editing.get_untracked().map(|u| u.id);
        spawn_local(async move {
            let (tenant, csrf) = (tenant.get_value(), csrf.get_value());
            let saved = match id {
                Some(id) => api::update_unit(&tenant, &csrf, id, &draft).await,
                None => api::add_unit(&tenant, &csrf, &draft).await,
            };
            match saved {
                Ok(unit) => {
                    let key = if id.is_some() { "console-unit-saved" } else { "console-unit-added" };
                    notice.set(i18n.t_with(key, &[("name", &unit.draft.name)]));
                    editing.set(None);
                    on_saved.try_run(unit);
                }
                Err(e) => notice.set(i18n.t(&message_key(&e))),
            }
        });
    };
    let heading = move || match editing.get() {
        Some(unit) => i18n.t_with("console-unit-editing", &[("name", &unit.draft.name)]),
        None => i18n.t("console-unit-new"),
    };
    let category_boxes = checkboxes(
        "unit-category",
        categories.iter().map(|id| (id.clone(), names.name(id, &i18n))).collect(),
        chosen_categories,
    );
    let area_boxes =
        checkboxes("unit-area", areas.iter().map(|a| (a.id.clone(), a.name.clone())).collect(), chosen_areas);
    // A target field for each category the unit takes, in the municipality's order.
    let target_fields = move || {
        let chosen = chosen_categories.get();
        categories
            .iter()
            .filter(|id| chosen.contains(id))
            .map(|id| {
                let (id, field_id) = (id.clone(), format!("unit-target-{id}"));
                let label = i18n.t_with("console-unit-target-for", &[("category", &names.name(&id, &i18n))]);
                let value = { let id = id.clone(); move || targets.with(|t| t.get(&id).cloned().unwrap_or_default()) };
                view! {
                    <div class="target">
                        <label for=field_id.clone()>{label}</label>
                        <input id=field_id type="number" min="1" max="8784" step="1" inputmode="numeric" prop:value=value
                            on:input=move |ev| { let hours = event_target_value(&ev); targets.update(|t| { t.insert(id.clone(), hours); }) } />
                    </div>
                }
            })
            .collect_view()
    };

    view! {
        <form class="unit-form" aria-labelledby="unit-form-title" on:submit=save>
            <h2 id="unit-form-title">{heading}</h2>
            <label for="unit-name">{i18n.t("console-name")}</label>
            <input id="unit-name" required maxlength="100" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="unit-email">{i18n.t("console-unit-email")}</label>
            <input id="unit-email" type="email" required prop:value=move || email.get()
                on:input=move |ev| email.set(event_target_value(&ev)) />
            <fieldset>
                <legend>{i18n.t("console-unit-categories")}</legend>
                <div class="choices">{category_boxes}</div>
            </fieldset>
            <fieldset>
                <legend>{i18n.t("console-unit-areas")}</legend>
                <p class="hint">{i18n.t("console-unit-areas-hint")}</p>
                <div class="choices">{area_boxes}</div>
            </fieldset>
            <fieldset class="targets">
                <legend>{i18n.t("console-unit-targets")}</legend>
                <p class="hint">{i18n.t("console-unit-targets-hint")}</p>
                <div class="choices">{target_fields}</div>
            </fieldset>
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <div class="buttons">
                <button type="submit" class="primary">{move || i18n.t(if editing.with(Option::is_some) { "console-unit-save" } else { "console-unit-add" })}</button>
                {move || editing.with(Option::is_some).then(|| view! {
                    <button type="button" on:click=move |_| editing.set(None)>{i18n.t("console-unit-cancel")}</button>
                })}
            </div>
        </form>
    }
}

/// A checkbox for each (id, label), ticked while `chosen` holds its id; ticking adds the id,
/// unticking removes it.
fn checkboxes(prefix: &str, choices: Vec<(String, String)>, chosen: RwSignal<Vec<String>>) -> impl IntoView {
    choices
        .into_iter()
        .map(|(id, label)| {
            let box_id = format!("{prefix}-{id}");
            let checked = {
                let id = id.clone();
                move || chosen.with(|ids| ids.contains(&id))
            };
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                chosen.update(|ids| {
                    ids.retain(|i| *i != id);
                    if on {
                        ids.push(id.clone());
                    }
                })
            };
            view! {
                <label class="choice">
                    <input type="checkbox" id=box_id prop:checked=checked on:change=toggle />
                    {label}
                </label>
            }
        })
        .collect_view()
}

/// The message for a refused unit: a name already taken is the unit's, not an account's.
fn message_key(error: &ApiError) -> String {
    match error {
        ApiError::Refused { code: ErrorCode::Field(FieldErrorCode::AlreadyExists), .. } => {
            "console-unit-name-taken".into()
        }
        other => other.message_key(),
    }
}
