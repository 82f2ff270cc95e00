//! Joining a walk with the code the group was given: the phone then becomes its walk logger.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::JoinedWalk;

use crate::api::{ApiError, Edge};

#[component]
pub fn JoinForm(edge: Edge, tenant: String, walk: i64, on_joined: Callback<JoinedWalk>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let input_id = format!("walk-{walk}-code");
    let error_id = format!("walk-{walk}-code-error");
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = code.get_untracked();
        if typed.trim().is_empty() {
            error.set(Some(i18n.t("walk-code-required")));
            return;
        }
        sending.set(true);
        let (edge, tenant) = (edge.clone(), tenant.clone());
        spawn_local(async move {
            let answer = edge.join_walk(&tenant, walk, &typed).await;
            sending.set(false);
            match answer {
                // (`try_run`: the list that asked may be gone by the time the answer comes.)
                Ok(joined) => _ = on_joined.try_run(joined),
                Err(ApiError::Rejected {
                    code: ErrorCode::Field(FieldErrorCode::InvalidAccessCode), ..
                }) => error.set(Some(i18n.t("walk-code-wrong"))),
                Err(ApiError::Rejected { .. }) => error.set(Some(i18n.t("walk-join-refused"))),
                Err(ApiError::Network) => error.set(Some(i18n.t("walk-join-unreachable"))),
            }
        });
    };
    view! {
        <form class="walk-join" on:submit=on_submit novalidate>
            <label for=input_id.clone()>{i18n.t("walk-code-label")}</label>
            <p class="hint" id=format!("walk-{walk}-code-hint")>{i18n.t("walk-code-hint")}</p>
            <input
                id=input_id
                type="text"
                autocomplete="off"
                autocapitalize="none"
                spellcheck="false"
                aria-describedby=format!("walk-{walk}-code-hint {error_id}")
                aria-invalid=move || error.get().is_some().to_string()
                prop:value=move || code.get()
                on:input=move |ev| {
                    code.set(event_target_value(&ev));
                    error.set(None);
                }
            />
            <p id=error_id class="field-error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary" disabled=move || sending.get()>{i18n.t("walk-join-submit")}</button>
        </form>
    }
}
