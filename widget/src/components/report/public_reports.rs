//! Places others have reported that the municipality approved: shown on the map as circles
//! (at a coarsened place) and listed as text, with status and any published description.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::label_key;
use tryggve_core::i18n::I18n;
use tryggve_core::public::PublicReport;

use crate::api::Edge;

#[component]
pub fn PublicReports(edge: Edge, tenant: String, reports: RwSignal<Vec<PublicReport>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let shown = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let toggle = move |ev| {
        let on = event_target_checked(&ev);
        shown.set(on);
        if !on {
            reports.set(Vec::new());
            message.set(String::new());
            return;
        }
        let (edge, tenant) = (edge.clone(), tenant.clone());
        spawn_local(async move {
            match edge.public_reports(&tenant).await {
                Ok(list) => {
                    message.set(i18n.t_with("public-count", &[("count", &list.len().to_string())]));
                    reports.set(list);
                }
                Err(_) => message.set(i18n.t("public-failed")),
            }
        });
    };

    view! {
        <div class="public-reports">
            <label class="choice" for="show-public">
                <input type="checkbox" id="show-public" on:change=toggle />
                {i18n.t("public-show")}
            </label>
            <p class="hint" role="status" aria-live="polite">{move || message.get()}</p>
            <Show when=move || shown.get() && !reports.with(Vec::is_empty)>
                <ul class="public-list">
                    {move || reports.get().into_iter().map(|r| {
                        let status = i18n.t(&format!("status-{}", r.status.id().replace('_', "-")));
                        view! {
                            <li>
                                <strong>{i18n.t(&label_key(&r.category))}</strong>
                                {format!(" – {status}")}
                                {r.description.map(|d| view! { <p class="public-text">{d}</p> })}
                                {(!r.public_comment.is_empty()).then(|| view! { <p class="public-text">{i18n.t("followup-comment")}": "{r.public_comment.clone()}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </Show>
        </div>
    }
}
