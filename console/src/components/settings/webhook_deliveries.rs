use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;
use tryggve_core::webhook::{Delivery, DeliveryState};

use crate::api;
use crate::components::table_box::TableBox;

/// The delivery log: the latest deliveries to the municipality's webhooks, newest first, with
/// their state, attempts and the receiver's last answer. Read again on request.
#[component]
pub fn WebhookDeliveries(tenant: StoredValue<String>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let log = RwSignal::new(None::<Vec<Delivery>>);
    let message = RwSignal::new(String::new());
    let load = move || {
        spawn_local(async move {
            match api::webhook_deliveries(&tenant.get_value()).await {
                Ok(found) => {
                    message.set(i18n.t_count("console-deliveries-count", found.len() as u64, &[]));
                    log.set(Some(found));
                }
                Err(e) => message.set(i18n.t(&e.message_key())),
            }
        });
    };
    load();
    let answer = move |d: &Delivery| match (d.last_status, d.attempts) {
        (_, 0) => "–".to_string(),
        (Some(status), _) => status.to_string(),
        (None, _) => i18n.t("console-delivery-unreachable"),
    };
    let next = move |d: &Delivery| match (&d.state, &d.next_attempt_at) {
        (DeliveryState::Pending, Some(at)) => human(at, &i18n),
        _ => "–".to_string(),
    };
    view! {
        <h3 class="deliveries-title">{i18n.t("console-deliveries")}</h3>
        <p class="notice" role="status" aria-live="polite">{move || message.get()}</p>
        <button type="button" on:click=move |_| load()>{i18n.t("console-deliveries-reload")}</button>
        {move || log.get().filter(|l| !l.is_empty()).map(|l| view! {
            <TableBox label=i18n.t("console-deliveries")>
                <table class="reports deliveries">
                    <caption class="visually-hidden">{i18n.t("console-deliveries")}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.t("console-delivery-at")}</th>
                        <th scope="col">{i18n.t("console-delivery-event")}</th>
                        <th scope="col">{i18n.t("console-webhook-url")}</th>
                        <th scope="col">{i18n.t("console-delivery-state")}</th>
                        <th scope="col">{i18n.t("console-delivery-attempts")}</th>
                        <th scope="col">{i18n.t("console-delivery-answer")}</th>
                        <th scope="col">{i18n.t("console-delivery-next")}</th>
                        <th scope="col">{i18n.t("console-delivery-id")}</th>
                    </tr></thead>
                    <tbody>
                        {l.into_iter().map(|d| view! {
                            <tr>
                                <td>{human(&d.created_at, &i18n)}</td>
                                <td>{i18n.t(&d.event.label_key())}</td>
                                <td class="webhook-url">{d.url.clone()}</td>
                                <td class="delivery-state">{i18n.t(d.state.label_key())}</td>
                                <td class="count">{d.attempts}</td>
                                <td>{answer(&d)}</td>
                                <td>{next(&d)}</td>
                                <td><code>{d.id.clone()}</code></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </TableBox>
        })}
    }
}
