//! Places others have reported that the municipality approved. The map asks the edge for the
//! part in view each time the resident pans or zooms: a few reports come one by one (circles at
//! a coarsened place, listed as text beside the map), many come as clusters with their number.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::public_map::{PublicMap, Viewport};

use crate::api::Edge;

#[component]
pub fn PublicReports(
    edge: Edge,
    tenant: String,
    /// What the map shows now; `None` until it is drawn.
    viewport: Signal<Option<Viewport>>,
    map: RwSignal<PublicMap>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(expect_context::<CategoryNames>());
    let shown = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    // Answers can arrive out of order when the resident pans quickly: only the newest counts.
    let asked = StoredValue::new(0u32);
    let say = move |text: String| {
        // The region is polite and live: say a thing again only when it changed.
        if message.get_untracked() != text {
            message.set(text);
        }
    };

    Effect::new(move |_| {
        let view = viewport.get();
        asked.update_value(|n| *n += 1);
        let (Some(view), true) = (view, shown.get()) else {
            map.set(PublicMap::default());
            say(String::new());
            return;
        };
        let this_request = asked.get_value();
        let (edge, tenant) = (edge.clone(), tenant.clone());
        spawn_local(async move {
            let answer = edge.public_map(&tenant, &view).await;
            if asked.get_value() != this_request {
                return;
            }
            match answer {
                Ok(found) => {
                    let text = summary(&i18n, &found);
                    map.set(found);
                    say(text);
                }
                Err(_) => say(i18n.t("public-failed")),
            }
        });
    });

    view! {
        <div class="public-reports">
            <label class="choice" for="show-public">
                <input type="checkbox" id="show-public" on:change=move |ev| shown.set(event_target_checked(&ev)) />
                {i18n.t("public-show")}
            </label>
            <p class="hint" role="status" aria-live="polite">{move || message.get()}</p>
            <Show when=move || shown.get() && map.with(|m| !m.reports.is_empty())>
                <ul class="public-list">
                    {move || map.get().reports.into_iter().map(|r| {
                        let status = i18n.t(&r.status.label_key());
                        view! {
                            <li>
                                <strong>{names.with_value(|n| n.name(&r.category, &i18n))}</strong>
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

fn summary(i18n: &I18n, map: &PublicMap) -> String {
    if map.clusters.is_empty() {
        i18n.t_with("public-count", &[("count", &map.total.to_string())])
    } else {
        let (count, groups) = (map.total.to_string(), map.clusters.len().to_string());
        i18n.t_with("public-clusters", &[("count", &count), ("groups", &groups)])
    }
}
