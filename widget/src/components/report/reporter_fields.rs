//! Who is reporting, when the municipality lets people say: a choice of groups, and for staff
//! and police the access code the municipality gave them.

use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::reporter::ReporterGroup;

#[component]
pub fn ReporterFields(
    groups: Vec<ReporterGroup>,
    group: RwSignal<ReporterGroup>,
    code: RwSignal<String>,
    group_error: Signal<Option<String>>,
    code_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let needs_code = Memo::new(move |_| group.get().needs_code());
    view! {
        <div class="field">
            <label for="reporter-group">{i18n.t("reporter-group-label")}</label>
            <select
                id="reporter-group"
                aria-invalid=move || group_error.get().map(|_| "true")
                aria-describedby="reporter-group-error"
                on:change=move |ev| group.set(ReporterGroup::from_id(&event_target_value(&ev)).unwrap_or_default())
            >
                {groups
                    .into_iter()
                    .map(|g| view! { <option value=g.id() selected=move || group.get() == g>{i18n.t(&g.label_key())}</option> })
                    .collect_view()}
            </select>
            <p id="reporter-group-error" class="field-error">{move || group_error.get()}</p>
        </div>
        {move || needs_code.get().then(|| view! {
            <div class="field">
                <label for="access-code">{i18n.t("access-code-label")}</label>
                <p id="access-code-hint" class="hint">{i18n.t("access-code-hint")}</p>
                <input
                    type="password"
                    id="access-code"
                    autocomplete="off"
                    aria-required="true"
                    aria-invalid=move || code_error.get().map(|_| "true")
                    aria-describedby="access-code-hint access-code-error"
                    prop:value=move || code.get()
                    on:input=move |ev| code.set(event_target_value(&ev))
                />
                <p id="access-code-error" class="field-error">{move || code_error.get()}</p>
            </div>
        })}
    }
}
