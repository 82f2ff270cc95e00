//! Logging in: municipality, e-mail address and password.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{LoginRequest, SessionInfo};
use tryggve_core::i18n::I18n;

use crate::api;

/// The tenant to preselect: `?tenant=` in the console's address, else the demo.
fn tenant_from_address() -> String {
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("tenant="))
        .map(str::to_string)
        .unwrap_or_else(|| "demo".into())
}

#[component]
pub fn LoginForm(on_login: Callback<SessionInfo>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let tenant = RwSignal::new(tenant_from_address());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let request = LoginRequest {
            tenant: tenant.get_untracked(),
            email: email.get_untracked(),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            let result = api::login(&request).await;
            busy.set(false);
            match result {
                Ok(session) => on_login.run(session),
                Err(e) => error.set(Some(i18n.t(&e.message_key()))),
            }
        });
    };

    view! {
        <form class="login" on:submit=submit>
            <h1>{i18n.t("console-login-title")}</h1>
            <label for="tenant">{i18n.t("console-tenant")}</label>
            <input id="tenant" required autocomplete="organization" prop:value=move || tenant.get()
                on:input=move |ev| tenant.set(event_target_value(&ev)) />
            <label for="email">{i18n.t("console-email")}</label>
            <input id="email" type="email" required autocomplete="username"
                on:input=move |ev| email.set(event_target_value(&ev)) />
            <label for="password">{i18n.t("console-password")}</label>
            <input id="password" type="password" required autocomplete="current-password"
                on:input=move |ev| password.set(event_target_value(&ev)) />
            <p class="error" role="alert">{move || error.get()}</p>
            <button type="submit" class="primary">{i18n.t("console-login")}</button>
        </form>
    }
}
