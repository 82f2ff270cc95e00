use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::webhook::{Webhook, WebhookDraft, WebhookEvent, URL_MAX_CHARS};

use super::webhook_deliveries::WebhookDeliveries;
use crate::api;
use crate::components::shown_once::ShownOnce;
use crate::components::table_box::TableBox;
use crate::first_read::merge_first_read;

/// The municipality's webhooks: an address, the events it is told of and whether it takes
/// personal data; its signing secret shown once when it is added; stopped on its own. Saved at
/// once, not with the settings. The delivery log beneath shows what was sent.
#[component]
pub fn WebhooksEditor(tenant: StoredValue<String>, csrf: StoredValue<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let list = RwSignal::new(Vec::<Webhook>::new());
    let url = RwSignal::new(String::new());
    // Every event until the admin unticks some.
    let events = WebhookEvent::ALL.map(|event| (event, RwSignal::new(true)));
    let personal = RwSignal::new(false);
    // The new secret, until the page is left: it is never shown again.
    let shown_secret = RwSignal::new(None::<(String, String)>);
    let message = RwSignal::new(String::new());
    spawn_local(async move {
        match api::webhooks(&tenant.get_value()).await {
            // A webhook added or revoked on this page before this answer came stays as it is.
            Ok(found) => list.update(|kept| merge_first_read(kept, found, |h| h.id)),
            Err(e) => message.set(i18n.t(&e.message_key())),
        }
    });
    let add = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let draft = WebhookDraft {
            url: url.get_untracked(),
            events: events.iter().filter(|(_, on)| on.get_untracked()).map(|(e, _)| *e).collect(),
            personal_data: personal.get_untracked(),
        };
        spawn_local(async move {
            match api::add_webhook(&tenant.get_value(), &csrf.get_value(), &draft).await {
                Ok(added) => {
                    message.set(i18n.t_with("console-webhook-added", &[("url", &added.webhook.url)]));
                    shown_secret.set(Some((added.webhook.url.clone(), added.secret)));
                    list.update(|l| l.push(added.webhook));
                    url.set(String::new());
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    let revoke = move |id: i64| {
        spawn_local(async move {
            match api::revoke_webhook(&tenant.get_value(), &csrf.get_value(), id).await {
                Ok(now) => {
                    message.set(i18n.t_with("console-webhook-revoked", &[("url", &now.url)]));
                    list.update(|l| l.iter_mut().filter(|h| h.id == now.id).for_each(|h| *h = now.clone()));
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    let event_names = move |hook: &Webhook| {
        hook.events.iter().map(|e| i18n.t(&e.label_key())).collect::<Vec<_>>().join(", ")
    };
    view! {
        <fieldset class="webhooks">
            <legend>{i18n.t("console-webhooks")}</legend>
            <p class="hint">{i18n.t("console-webhooks-hint")}</p>
            {move || (!list.with(Vec::is_empty)).then(|| view! {
                <TableBox label=i18n.t("console-webhooks")>
                    <table class="reports">
                        <caption class="visually-hidden">{i18n.t("console-webhooks")}</caption>
                        <thead><tr>
                            <th scope="col">{i18n.t("console-webhook-url")}</th>
                            <th scope="col">{i18n.t("console-webhook-events")}</th>
                            <th scope="col">{i18n.t("console-webhook-personal")}</th>
                            <th scope="col">{i18n.t("console-integration-added-at")}</th>
                            <th scope="col">{i18n.t("console-account-state")}</th>
                            <th scope="col"><span class="visually-hidden">{i18n.t("console-account-actions")}</span></th>
                        </tr></thead>
                        <tbody>
                            {list.get().into_iter().map(|h| {
                                let (id, stopped) = (h.id, h.revoked_at.is_some());
                                let named = i18n.t_with("console-webhook-revoke-named", &[("url", &h.url)]);
                                view! {
                                    <tr>
                                        <th scope="row" class="webhook-url">{h.url.clone()}</th>
                                        <td>{event_names(&h)}</td>
                                        <td>{i18n.t(if h.personal_data { "console-webhook-personal-yes" } else { "console-webhook-personal-no" })}</td>
                                        <td>{human(&h.created_at, &i18n)}</td>
                                        <td>{i18n.t(if stopped { "console-integration-stopped" } else { "console-active" })}</td>
                                        <td>{(!stopped).then(|| view! {
                                            <button type="button" aria-label=named on:click=move |_| revoke(id)>
                                                {i18n.t("console-webhook-revoke")}
                                            </button>
                                        })}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                </TableBox>
            })}
            {move || shown_secret.get().map(|(for_url, secret)| view! {
                <ShownOnce intro=i18n.t_with("console-webhook-secret-for", &[("url", &for_url)]) secret
                    hint=i18n.t("console-webhook-secret-hint") code_class="webhook-secret" />
            })}
            <form class="webhook-form" on:submit=add>
                <label for="webhook-url">{i18n.t("console-webhook-url")}</label>
                <input id="webhook-url" type="url" required maxlength=URL_MAX_CHARS.to_string()
                    placeholder="https://" aria-describedby="webhook-url-hint"
                    prop:value=move || url.get() on:input=move |ev| url.set(event_target_value(&ev)) />
                <p class="hint" id="webhook-url-hint">{i18n.t("console-webhook-url-hint")}</p>
                <fieldset class="choices">
                    <legend>{i18n.t("console-webhook-events")}</legend>
                    {events.map(|(event, on)| view! {
                        <label class="choice"><input type="checkbox" prop:checked=move || on.get()
                            on:change=move |ev| on.set(event_target_checked(&ev)) />{i18n.t(&event.label_key())}</label>
                    }).collect_view()}
                </fieldset>
                <label class="choice"><input type="checkbox" id="webhook-personal" prop:checked=move || personal.get()
                    on:change=move |ev| personal.set(event_target_checked(&ev)) aria-describedby="webhook-personal-hint" />
                    {i18n.t("console-webhook-personal-label")}</label>
                <p class="hint" id="webhook-personal-hint">{i18n.t("console-webhook-personal-hint")}</p>
                <button type="submit">{i18n.t("console-webhook-add")}</button>
            </form>
            <p class="notice" role="status" aria-live="polite">{move || message.get()}</p>
            <WebhookDeliveries tenant />
        </fieldset>
    }
}
