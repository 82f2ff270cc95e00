use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::reporter::{AccessCodeState, ReporterGroup};

use crate::api;

/// Which groups residents may report as, and the access codes of staff and police. The groups
/// are saved with the settings; a code is saved at once, on its own (and shown never again).
#[component]
pub fn ReporterGroupsEditor(
    groups: Signal<Vec<ReporterGroup>>,
    on_toggle: Callback<(ReporterGroup, bool)>,
    tenant: StoredValue<String>,
    csrf: StoredValue<String>,
    notice: RwSignal<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let codes = RwSignal::new(Vec::<AccessCodeState>::new());
    spawn_local(async move {
        match api::access_codes(&tenant.get_value()).await {
            Ok(states) => codes.set(states),
            Err(e) => notice.set(i18n.t(&e.message_key())),
        }
    });
    // `typed` is the field the new code was typed in: emptied once the code is saved (and kept
    // as typed when it is refused, to be corrected).
    let change = move |group: ReporterGroup, code: Option<String>, typed: Option<RwSignal<String>>| {
        spawn_local(async move {
            let removing = code.is_none();
            match api::change_access_code(&tenant.get_value(), &csrf.get_value(), group, code).await {
                Ok(state) => {
                    if let Some(typed) = typed {
                        typed.set(String::new());
                    }
                    codes.update(|all| {
                        all.retain(|s| s.group != state.group);
                        all.push(state);
                        all.sort_by_key(|s| ReporterGroup::ALL.iter().position(|g| *g == s.group));
                    });
                    let key =
                        if removing { "console-access-code-removed" } else { "console-access-code-saved" };
                    notice.set(i18n.t_with(key, &[("group", &i18n.t(&group.label_key()))]));
                }
                Err(api::ApiError::Refused {
                    code: ErrorCode::Field(FieldErrorCode::WeakPassword), ..
                }) => notice.set(i18n.t("console-access-code-too-short")),
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };

    view! {
        <fieldset id="settings-reporter-groups" tabindex="-1">
            <legend>{i18n.t("console-settings-reporter-groups")}</legend>
            <p class="hint">{i18n.t("console-settings-reporter-groups-hint")}</p>
            <div class="checks">
                {ReporterGroup::ALL.map(|group| {
                    let id = format!("settings-group-{}", group.id());
                    view! {
                        <label for=id.clone()>
                            <input type="checkbox" id=id.clone()
                                // Residents are always asked: the form is public.
                                disabled=group == ReporterGroup::Resident
                                prop:checked=move || groups.with(|g| g.contains(&group))
                                on:change=move |ev| on_toggle.run((group, event_target_checked(&ev))) />
                            {i18n.t(&group.label_key())}
                        </label>
                    }
                }).collect_view()}
            </div>
            {ReporterGroup::ALL.into_iter().filter(|g| g.needs_code()).map(|group| {
                let input_id = format!("settings-code-{}", group.id());
                let name = i18n.t(&group.label_key());
                let draft = RwSignal::new(String::new());
                let has_code = move || codes.with(|all| all.iter().any(|s| s.group == group && s.has_code));
                let save = move |_| change(group, Some(draft.get_untracked()), Some(draft));
                view! {
                    <div class="access-code">
                        <label for=input_id.clone()>{i18n.t_with("console-access-code-new", &[("group", &name)])}</label>
                        <p class="hint" id=format!("{input_id}-state")>{move || {
                            if has_code() { i18n.t("console-access-code-set") } else { i18n.t("console-access-code-none") }
                        }}</p>
                        <input id=input_id.clone() type="text" autocomplete="off" aria-describedby=format!("{input_id}-state")
                            prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev)) />
                        <button type="button" on:click=save>{i18n.t_with("console-access-code-save", &[("group", &name)])}</button>
                        {move || has_code().then(|| view! {
                            <button type="button" on:click=move |_| change(group, None, None)>
                                {i18n.t_with("console-access-code-remove", &[("group", &i18n.t(&group.label_key()))])}
                            </button>
                        })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
