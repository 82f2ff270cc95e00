use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_point::{WalkCategory, UNSAFE_LEVELS, WALK_NOTE_MAX_CHARS};
use tryggve_core::walk_review::{ReviewedWalkPoint, WalkPointEdit};

use crate::api;

/// Corrects one point: its category, how unsafe it felt and its note (a name written in it,
/// say). Its place stays where the phone put it.
#[component]
pub fn WalkPointEditor(
    point: ReviewedWalkPoint,
    tenant: String,
    csrf: String,
    walk: i64,
    /// The point's number once saved; `None` when the coordinator cancels.
    on_done: Callback<Option<i64>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let number = point.point.id;
    let category = RwSignal::new(point.point.category);
    let level = RwSignal::new(point.point.unsafe_level);
    let note = RwSignal::new(point.point.note.clone());
    let error = RwSignal::new(None::<String>);
    let position = point.point.position;
    let (tenant, csrf) = (StoredValue::new(tenant), StoredValue::new(csrf));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let edit = WalkPointEdit {
            position,
            category: category.get_untracked(),
            note: note.get_untracked(),
            unsafe_level: level.get_untracked(),
        };
        spawn_local(async move {
            match api::edit_walk_point(&tenant.get_value(), &csrf.get_value(), (walk, number), &edit).await {
                Ok(_) => _ = on_done.try_run(Some(number)),
                Err(e) => error.set(Some(i18n.t(&e.message_key()))),
            }
        });
    };
    view! {
        <form class="walk-point-edit" on:submit=save>
            <h3 id="walk-point-edit-title" tabindex="-1">
                {i18n.t_with("console-walk-point-editing", &[("number", &number.to_string())])}
            </h3>
            <label for="walk-point-category">{i18n.t("console-walk-col-category")}</label>
            <select id="walk-point-category" on:change=move |ev| {
                if let Some(c) = WalkCategory::from_id(&event_target_value(&ev)) {
                    category.set(c);
                }
            }>
                {WalkCategory::ALL.into_iter().map(|c| view! {
                    <option value=c.id() selected=move || category.get() == c>{i18n.t(&c.label_key("console-walk-category"))}</option>
                }).collect_view()}
            </select>
            <label for="walk-point-level">{i18n.t("console-walk-col-level")}</label>
            <select id="walk-point-level" on:change=move |ev| level.set(event_target_value(&ev).parse().ok())>
                <option value="" selected=move || level.get().is_none()>{i18n.t("console-walk-point-no-level")}</option>
                {UNSAFE_LEVELS.map(|n| view! {
                    <option value=n.to_string() selected=move || level.get() == Some(n)>{n.to_string()}</option>
                }).collect_view()}
            </select>
            <label for="walk-point-note">{i18n.t("console-walk-col-note")}</label>
            <textarea id="walk-point-note" rows="3" maxlength=WALK_NOTE_MAX_CHARS.to_string()
                prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            <p class="field-error" role="alert">{move || error.get()}</p>
            <div class="form-actions">
                <button type="submit" class="primary">{i18n.t("console-walk-point-save")}</button>
                <button type="button" on:click=move |_| on_done.run(None)>{i18n.t("console-unit-cancel")}</button>
            </div>
        </form>
    }
}
