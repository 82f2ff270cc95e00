//! The console's root: asks the edge who is logged in, then shows the login form or the review.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::SessionInfo;
use tryggve_core::i18n::I18n;

use super::admin::AccountPage;
use super::login_form::LoginForm;
use super::workspace::Workspace;
use crate::api;

#[derive(Debug, Clone, PartialEq)]
enum Who {
    Checking,
    LoggedOut,
    LoggedIn(SessionInfo),
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let who = RwSignal::new(Who::Checking);
    spawn_local(async move {
        who.set(api::session().await.map(Who::LoggedIn).unwrap_or(Who::LoggedOut));
    });
    let on_login = Callback::new(move |session| who.set(Who::LoggedIn(session)));
    let logout = move |csrf: String| {
        spawn_local(async move {
            // Whatever the answer, the session is unusable afterwards: show the login.
            let _ = api::logout(&csrf).await;
            who.set(Who::LoggedOut);
        })
    };

    view! {
        <header class="top">
            <p class="brand">{i18n.t("console-title")}</p>
            {move || match who.get() {
                Who::LoggedIn(session) => {
                    let csrf = session.csrf_token.clone();
                    view! {
                        <p class="who">
                            {format!("{} · {} · {}", session.tenant_name, session.name, i18n.t(&format!("role-{}", session.role.id())))}
                        </p>
                        <button type="button" on:click=move |_| logout(csrf.clone())>{i18n.t("console-logout")}</button>
                    }
                        .into_any()
                }
                _ => ().into_any(),
            }}
        </header>
        <main>
            {move || match who.get() {
                Who::Checking => view! { <p role="status">{i18n.t("loading")}</p> }.into_any(),
                Who::LoggedOut => view! { <LoginForm on_login /> }.into_any(),
                // A temporary password from an admin: nothing else until its owner chose their own.
                Who::LoggedIn(session) if session.must_change_password => {
                    let on_changed = Callback::new(move |()| {
                        spawn_local(async move {
                            who.set(api::session().await.map(Who::LoggedIn).unwrap_or(Who::LoggedOut));
                        })
                    });
                    view! { <AccountPage session on_changed /> }.into_any()
                }
                Who::LoggedIn(session) => view! { <Workspace session /> }.into_any(),
            }}
        </main>
    }
}
