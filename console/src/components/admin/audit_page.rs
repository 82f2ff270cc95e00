use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::console::{AuditEntry, SessionInfo};
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;

use crate::api;
use crate::components::table_box::TableBox;

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
        <TableBox label=i18n.t("console-audit-title")>
            <table class="reports audit">
                <caption>{i18n.t("console-audit-caption")}</caption>
                <thead><tr>
                    <th scope="col">{i18n.t("console-when")}</th>
                    <th scope="col">{i18n.t("console-who")}</th>
                    <th scope="col">{i18n.t("console-what")}</th>
                    <th scope="col">{i18n.t("console-subject")}</th>
                    <th scope="col">{i18n.t("console-audit-changes")}</th>
                </tr></thead>
                <tbody>
                    {move || entries.get().into_iter().map(|e| {
                        let changes = e.changes();
                        view! {
                            <tr>
                                <td>{human(&e.at, &i18n)}</td>
                                <td>{e.moderator.clone().unwrap_or_default()}</td>
                                <td>{e.action.clone()}</td>
                                <td>{e.subject.clone()}</td>
                                <td>
                                    <ul class="changes">
                                        {changes.into_iter().map(|c| view! {
                                            <li>{(!c.field.is_empty()).then(|| format!("{}: ", c.field))}
                                                <span class="was">{c.before}</span>" → "<span class="now">{c.after}</span></li>
                                        }).collect_view()}
                                    </ul>
                                    <details>
                                        <summary>{i18n.t("console-audit-record")}</summary>
                                        <p>{i18n.t("console-before")}</p>
                                        <pre>{e.before.unwrap_or_default()}</pre>
                                        <p>{i18n.t("console-after")}</p>
                                        <pre>{e.after.unwrap_or_default()}</pre>
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}
