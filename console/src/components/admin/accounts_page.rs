use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{ModeratorView, NewModerator, SessionInfo};
use tryggve_core::i18n::I18n;
use tryggve_core::moderation::Role;
use tryggve_core::unit::Unit;

use crate::api;
use crate::components::table_box::TableBox;

/// The roles without a unit in the order an admin chooses among them: the usual one first.
/// A unit's members come after them, one choice per unit.
const ROLES: [Role; 4] = [Role::Moderator, Role::Responder, Role::Observer, Role::Admin];

/// What an account does: a role, and for a unit's member, the unit. One choice in the form.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Duty {
    role: Role,
    unit: Option<i64>,
}

impl Duty {
    fn of(account: &ModeratorView) -> Duty {
        Duty { role: account.role, unit: account.unit }
    }

    /// The choices: every role without a unit, then a member of each unit.
    fn choices(units: &[Unit]) -> Vec<Duty> {
        let roles = ROLES.map(|role| Duty { role, unit: None });
        roles.into_iter().chain(units.iter().map(|u| Duty { role: Role::Unit, unit: Some(u.id) })).collect()
    }

    /// The option's value: the role's id, or `unit-<id>`.
    fn value(self) -> String {
        match self.unit {
            Some(id) => format!("unit-{id}"),
            None => self.role.id().to_string(),
        }
    }

    fn from_value(value: &str) -> Option<Duty> {
        match value.strip_prefix("unit-") {
            Some(id) => Some(Duty { role: Role::Unit, unit: Some(id.parse().ok()?) }),
            None => Some(Duty { role: Role::from_id(value)?, unit: None }),
        }
    }

    /// In words: the role, or the unit's member ("medarbetare på Gatu- och parkenheten").
    fn label(self, units: &[Unit], i18n: &I18n) -> String {
        match self.unit {
            Some(id) => {
                let name = units
                    .iter()
                    .find(|u| u.id == id)
                    .map_or_else(|| id.to_string(), |u| u.draft.name.clone());
                i18n.t_with("console-role-unit-member", &[("unit", &name)])
            }
            None => i18n.t(&format!("role-{}", self.role.id())),
        }
    }
}

/// What an admin does to another's account.
#[derive(Debug, Clone, Copy)]
enum AccountAction {
    Disable,
    Enable,
    Role(Duty),
    ResetPassword,
}

/// Lists the accounts, adds new ones, and changes others': role, disabled or enabled again,
/// password reset to a temporary one. An admin's own account is changed on their account page.
#[component]
pub fn AccountsPage(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let accounts = RwSignal::new(Vec::<ModeratorView>::new());
    let notice = RwSignal::new(String::new());
    let (email, name, duty, password) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(Duty { role: Role::Moderator, unit: None }),
        RwSignal::new(String::new()),
    );
    let tenant = StoredValue::new(session.tenant.clone());
    let csrf = StoredValue::new(session.csrf_token.clone());
    let me = session.email.clone();
    // The units, for their members' accounts (without them, the roles without a unit).
    let units = RwSignal::new(Vec::<Unit>::new());
    spawn_local(async move { units.set(api::units(&tenant.get_value()).await.unwrap_or_default()) });

    // Also called when an answer comes: the page may be gone by then.
    let reload = move || {
        let Some(tenant) = tenant.try_get_value() else { return };
        spawn_local(async move {
            match api::moderators(&tenant).await {
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
            role: duty.get_untracked().role,
            unit: duty.get_untracked().unit,
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
    // The temporary password of the last reset, shown once: (account, password).
    let temporary = RwSignal::new(None::<(String, String)>);
    let act = move |target: String, action: AccountAction| {
        spawn_local(async move {
            let (tenant, csrf) = (tenant.get_value(), csrf.get_value());
            let done = match action {
                AccountAction::Disable => {
                    api::disable_moderator(&tenant, &csrf, &target).await.map(|_| "console-account-disabled")
                }
                AccountAction::Enable => {
                    api::enable_moderator(&tenant, &csrf, &target).await.map(|_| "console-account-enabled")
                }
                AccountAction::Role(duty) => api::change_role(&tenant, &csrf, &target, duty.role, duty.unit)
                    .await
                    .map(|_| "console-account-role-changed"),
                AccountAction::ResetPassword => {
                    api::reset_password(&tenant, &csrf, &target).await.map(|reset| {
                        temporary.set(Some((target.clone(), reset.temporary_password)));
                        "console-account-password-reset"
                    })
                }
            };
            match done {
                Ok(key) => {
                    notice.set(i18n.t_with(key, &[("email", &target)]));
                    reload();
                }
                Err(e) => notice.set(i18n.t(&e.message_key())),
            }
        });
    };

    view! {
        <h1>{i18n.t("console-accounts-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        {move || temporary.get().map(|(email, password)| view! {
            <div class="temporary-password">
                <p>{i18n.t_with("console-temporary-password-for", &[("email", &email)])}</p>
                <p><code class="password">{password}</code></p>
                <p class="hint">{i18n.t("console-temporary-password-hint")}</p>
            </div>
        })}
        <TableBox label=i18n.t("console-accounts-title")>
            <table class="reports">
                <caption>{i18n.t("console-accounts")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-name")}</th>
                    <th scope="col">{i18n.t("console-email")}</th>
                    <th scope="col">{i18n.t("console-role")}</th>
                    <th scope="col">{i18n.t("console-account-state")}</th>
                    <th scope="col">{i18n.t("console-account-actions")}</th>
                </tr></thead>
                <tbody>
                    {move || accounts.get().into_iter().map(|a| {
                        let own = a.email == me;
                        let email = StoredValue::new(a.email.clone());
                        let chosen = RwSignal::new(Duty::of(&a));
                        let units = units.get();
                        let named = |key: &str| i18n.t_with(key, &[("email", &a.email)]);
                        let state = match (a.disabled, a.must_change_password) {
                            (true, _) => i18n.t("console-disabled"),
                            (false, true) => i18n.t("console-active-temporary"),
                            (false, false) => i18n.t("console-active"),
                        };
                        let role_cell = if own {
                            view! { {Duty::of(&a).label(&units, &i18n)} }.into_any()
                        } else {
                            let id = format!("role-of-{}", a.email.replace(|c: char| !c.is_ascii_alphanumeric(), "-"));
                            view! {
                                <span class="role-change">
                                    <select id=id.clone() aria-label=named("console-role-of")
                                        on:change=move |ev| if let Some(d) = Duty::from_value(&event_target_value(&ev)) { chosen.set(d) }>
                                        {Duty::choices(&units).into_iter().map(|d| view! {
                                            <option value=d.value() selected=d == Duty::of(&a)>{d.label(&units, &i18n)}</option>
                                        }).collect_view()}
                                    </select>
                                    <button type="button" aria-label=named("console-change-role-named")
                                        on:click=move |_| act(email.get_value(), AccountAction::Role(chosen.get_untracked()))>
                                        {i18n.t("console-change-role")}
                                    </button>
                                </span>
                            }.into_any()
                        };
                        let actions = (!own).then(|| {
                            let (toggle, key, label) = match a.disabled {
                                true => (AccountAction::Enable, "console-enable", "console-enable-named"),
                                false => (AccountAction::Disable, "console-disable", "console-disable-named"),
                            };
                            view! {
                                <span class="actions">
                                    <button type="button" aria-label=named("console-reset-password-named")
                                        on:click=move |_| act(email.get_value(), AccountAction::ResetPassword)>
                                        {i18n.t("console-reset-password")}
                                    </button>
                                    <button type="button" aria-label=named(label)
                                        on:click=move |_| act(email.get_value(), toggle)>
                                        {i18n.t(key)}
                                    </button>
                                </span>
                            }
                        });
                        view! {
                            <tr>
                                <th scope="row">{a.name.clone()}</th>
                                <td>{a.email.clone()}</td>
                                <td>{role_cell}</td>
                                <td>{state}</td>
                                <td>{actions}</td>
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
            <select id="new-role" on:change=move |ev| if let Some(d) = Duty::from_value(&event_target_value(&ev)) { duty.set(d) }>
                {move || {
                    let units = units.get();
                    Duty::choices(&units).into_iter().map(|d| view! {
                        <option value=d.value() selected=move || duty.get() == d>{d.label(&units, &i18n)}</option>
                    }).collect_view()
                }}
            </select>
            <label for="new-password">{i18n.t("console-first-password")}</label>
            <input id="new-password" type="password" autocomplete="new-password" minlength="12" required
                prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev)) />
            <button type="submit" class="primary">{i18n.t("console-add-account")}</button>
        </form>
    }
}
