use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{PasswordChange, SessionInfo};
use tryggve_core::i18n::I18n;

use crate::api;

/// Every moderator's own account: changing the password (the first one an admin set, or a
/// temporary one after a reset, which must be changed before anything else).
#[component]
pub fn AccountPage(
    session: SessionInfo,
    /// Called once the password is changed (the console then shows what the account may do).
    #[prop(optional)]
    on_changed: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let (current, new) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let notice = RwSignal::new(String::new());
    let csrf = StoredValue::new(session.csrf_token.clone());
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let change = PasswordChange { current: current.get_untracked(), new: new.get_untracked() };
        spawn_local(async move {
            match api::change_password(&csrf.get_value(), &change).await {
                Ok(()) => {
                    current.set(String::new());
                    new.set(String::new());
                    notice.set(i18n.t("console-password-changed"));
                    if let Some(changed) = on_changed {
                        changed.try_run(());
                    }
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    view! {
        <h1>{i18n.t("console-account-title")}</h1>
        <p>{format!("{} · {}", session.name, session.email)}</p>
        {session.must_change_password.then(|| view! {
            <p class="alert" role="alert">{i18n.t("console-password-temporary")}</p>
        })}
        <form class="login" on:submit=submit>
            <h2>{i18n.t("console-change-password")}</h2>
            <label for="current-password">{i18n.t("console-current-password")}</label>
            <input id="current-password" type="password" autocomplete="current-password" required
                prop:value=move || current.get() on:input=move |ev| current.set(event_target_value(&ev)) />
            <label for="new-password">{i18n.t("console-new-password")}</label>
            <input id="new-password" type="password" autocomplete="new-password" minlength="12" required
                prop:value=move || new.get() on:input=move |ev| new.set(event_target_value(&ev)) />
            <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            <button type="submit" class="primary">{i18n.t("console-change-password")}</button>
        </form>
    }
}
