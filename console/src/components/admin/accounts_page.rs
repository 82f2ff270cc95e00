use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{ModeratorView, NewModerator, SessionInfo};
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::Role;

use crate::api;
use crate::components::table_box::TableBox;

/// Lists the accounts, adds new ones and disables old ones.
#[component]
pub fn AccountsPage(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let accounts = RwSignal::new(Vec::<ModeratorView>::new());
    let notice = RwSignal::new(String::new());
    let (email, name, role, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("moderator".to_string()),
        RwSignal::new(String::new()),
    );
    let tenant = StoredValue::new(session.tenant.clone());
    let csrf = StoredValue::new(session.csrf_token.clone());
    let me = session.email.clone();

    let reload = move || {
        spawn_local(async move {
            match api::moderators(&tenant.get_value()).await {
                Ok(list) => accounts.set(list),
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    reload();

    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let account = NewModerator {
            email: email.get_untracked(),
            name: name.get_untracked(),
            role: Role::from_id(&role.get_untracked()).unwrap_or(Role::Moderator),
            password: password.get_untracked(),
        };
        spawn_local(async move {
            match api::add_moderator(&tenant.get_value(), &csrf.get_value(), &account).await {
                Ok(added) => {
                    notice.set(i18n.t_with("console-account-added", &[("email", &added.email)]));
                    password.set(String::new());
                    reload();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };
    let disable = move |target: String| {
        spawn_local(async move {
            match api::disable_moderator(&tenant.get_value(), &csrf.get_value(), &target).await {
                Ok(_) => {
                    notice.set(i18n.t_with("console-account-disabled", &[("email", &target)]));
                    reload();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };

    view! {
        <h1>{i18n.t("console-accounts-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <TableBox label=i18n.t("console-accounts-title")>
            <table class="reports">
                <caption>{i18n.t("console-accounts")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-name")}</th>
                    <th scope="col">{i18n.t("console-email")}</th>
                    <th scope="col">{i18n.t("console-role")}</th>
                    <th scope="col">{i18n.t("console-account-state")}</th>
                </tr></thead>
                <tbody>
                    {move || accounts.get().into_iter().map(|a| {
                        let target = a.email.clone();
                        let can_disable = !a.disabled && a.email != me;
                        view! {
                            <tr>
                                <th scope="row">{a.name.clone()}</th>
                                <td>{a.email.clone()}</td>
                                <td>{i18n.t(&format!("role-{}", a.role.id()))}</td>
                                <td>
                                    {if a.disabled { i18n.t("console-disabled") } else { i18n.t("console-active") }}
                                    {can_disable.then(|| view! {
                                        " "
                                        <button type="button" on:click=move |_| disable(target.clone())
                                            aria-label=i18n.t_with("console-disable-named", &[("email", &a.email)])>
                                            {i18n.t("console-disable")}
                                        </button>
                                    })}
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>

        <form class="login add-account" on:submit=add>
            <h2>{i18n.t("console-add-account")}</h2>
            <label for="new-name">{i18n.t("console-name")}</label>
            <input id="new-name" required on:input=move |ev| name.set(event_target_value(&ev)) />
            <label for="new-email">{i18n.t("console-email")}</label>
            <input id="new-email" type="email" required on:input=move |ev| email.set(event_target_value(&ev)) />
            <label for="new-role">{i18n.t("console-role")}</label>
            <select id="new-role" on:change=move |ev| role.set(event_target_value(&ev))>
                {[Role::Moderator, Role::Responder, Role::Admin].map(|r| view! {
                    <option value=r.id() selected=r == Role::Moderator>{i18n.t(&format!("role-{}", r.id()))}</option>
                }).collect_view()}
            </select>
            <label for="new-password">{i18n.t("console-first-password")}</label>
            <input id="new-password" type="password" autocomplete="new-password" minlength="12" required
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{i18n.t("console-add-account")}</button>
        </form>
    }
}
