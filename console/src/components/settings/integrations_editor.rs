use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::api::ErrorCode;
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::I18n;
use tryggve_core::integration::{Integration, INTEGRATION_NAME_MAX_CHARS};
use tryggve_core::local_time::human;

use crate::api::{self, ApiError};
use crate::components::shown_once::ShownOnce;
use crate::components::table_box::TableBox;
use crate::first_read::merge_first_read;

/// The systems that send reports in over Open311 (a fault-report app): each with a key of its
/// own, shown once when it is added, and stopped on its own. Saved at once, not with the settings.
#[component]
pub fn IntegrationsEditor(tenant: StoredValue<String>, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let list = RwSignal::new(Vec::<Integration>::new());
    let name = RwSignal::new(String::new());
    // The new key, until the page is left: it is never shown again.
    let shown_key = RwSignal::new(None::<(String, String)>);
    let message = RwSignal::new(String::new());
    spawn_local(async move {
        match api::integrations(&tenant.get_value()).await {
            // A system added or stopped on this page before this answer came stays as it is.
            Ok(found) => list.update(|kept| merge_first_read(kept, found, |i| i.id)),
            Err(e) => message.set(i18n.t(&e.message_key())),
        }
    });
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        spawn_local(async move {
            match api::add_integration(&tenant.get_value(), &csrf.get_value(), typed).await {
                Ok(added) => {
                    message
                        .set(i18n.t_with("console-integration-added", &[("name", &added.integration.name)]));
                    shown_key.set(Some((added.integration.name.clone(), added.api_key)));
                    list.update(|l| l.push(added.integration));
                    name.set(String::new());
                }
                // A name already taken is the integration's, not an account's.
                Err(ApiError::Refused { code: ErrorCode::Field(FieldErrorCode::AlreadyExists), .. }) => {
                    message.set(i18n.t("console-integration-name-taken"))
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    let revoke = move |id: i64| {
        spawn_local(async move {
            match api::revoke_integration(&tenant.get_value(), &csrf.get_value(), id).await {
                Ok(now) => {
                    message.set(i18n.t_with("console-integration-revoked", &[("name", &now.name)]));
                    list.update(|l| l.iter_mut().filter(|i| i.id == now.id).for_each(|i| *i = now.clone()));
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    view! {
        <fieldset class="integrations">
            <legend>{i18n.t("console-integrations")}</legend>
            <p class="hint">{i18n.t("console-integrations-hint")}</p>
            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <TableBox label=i18n.t("console-integrations")>
                    <table class="reports">
                        <caption class="visually-hidden">{i18n.t("console-integrations")}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("console-name")}</th>
                            <th scope="col">{i18n.t("console-integration-added-at")}</th>
                            <th scope="col">{i18n.t("console-integration-reports")}</th>
                            <th scope="col">{i18n.t("console-account-state")}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.get().into_iter().map(|i| {
                                let (id, stopped) = (i.id, i.revoked_at.is_some());
                                let named = i18n.t_with("console-integration-revoke-named", &[("name", &i.name)]);
                                view! {
                                    <tr>
                                        <th scope="row">{i.name.clone()}</th>
                                        <td>{human(&i.created_at, &i18n)}</td>
                                        <td class="count">{i.reports}</td>
                                        <td>{i18n.t(if stopped { "console-integration-stopped" } else { "console-active" })}</td>
                                        <td>{(!stopped).then(|| view! {
                                            <button type="button" aria-label=named on:click=move |_| revoke(id)>
                                                {i18n.t("console-integration-revoke")}
                                            </button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            {move || shown_key.get().map(|(for_name, key)| view! {
                <ShownOnce intro=i18n.t_with("console-integration-key-for", &[("name", &for_name)]) secret=key
                    hint=i18n.t("console-integration-key-hint") code_class="integration-key" />
            })}
            <form on:submit=add>
                <label for="integration-name">{i18n.t("console-integration-name")}</label>
                <input id="integration-name" required maxlength=INTEGRATION_NAME_MAX_CHARS.to_string()
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                <button type="submit">{i18n.t("console-integration-add")}</button>
            </form>
            <p class="notice" role="status" aria-live="polite">{move || message.get()}</p>
        </fieldset>
    }
}
