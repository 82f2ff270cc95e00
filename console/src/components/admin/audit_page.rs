use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{AuditEntry, SessionInfo};
use tryggve_core::i18n::I18n;

use crate::api;

/// The newest moderator actions with their before and after (admins only: it may hold text
/// from before a redaction).
#[component]
pub fn AuditPage(session: SessionInfo) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let entries = RwSignal::new(Vec::<AuditEntry>::new());
    let notice = RwSignal::new(String::new());
    spawn_local(async move {
        match api::audit(&session.tenant).await {
            Ok(list) => entries.set(list),
            Err(e) => notice.set(i18n.t(&e.message_key())),
        }
    });
    view! {
        <h1>{i18n.t("console-audit-title")}</h1>
        <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
        <table class="reports audit">
            <caption>{i18n.t("console-audit-caption")}</caption>
            <thead><tr>
                <th scope="col">{i18n.t("console-when")}</th>
                <th scope="col">{i18n.t("console-who")}</th>
                <th scope="col">{i18n.t("console-what")}</th>
                <th scope="col">{i18n.t("console-subject")}</th>
                <th scope="col">{i18n.t("console-before")}</th>
                <th scope="col">{i18n.t("console-after")}</th>
            </tr></thead>
            <tbody>
                {move || entries.get().into_iter().map(|e| view! {
                    <tr>
                        <td>{e.at}</td>
                        <td>{e.moderator.unwrap_or_default()}</td>
                        <td>{e.action}</td>
                        <td>{e.subject}</td>
                        <td><code>{e.before.unwrap_or_default()}</code></td>
                        <td><code>{e.after.unwrap_or_default()}</code></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
