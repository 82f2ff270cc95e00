//! Places others have reported that the municipality approved. The map asks the edge for the
//! part in view each time the resident pans or zooms: a few reports come one by one (circles at
//! a coarsened place, listed as text beside the map), many come as clusters with their number.
//!
//! Most residents never tick the box, so the layer itself (its requests, its answers' reading
//! and its list) is a part of the form's module of its own (`split_report_public_layer.wasm`,
//! cut out by the build: see `xtask/src/lazy_parts.rs`), loaded the first time it is asked for.
//! The box and what it says stay in the form's module.

use leptos::html::Div;
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use leptos::tachys::view::any_view::AnyViewState;
use leptos::task::spawn_local;
use leptos::wasm_split::SplitLoaderError;
use tryggve_core::category::CategoryNames;
use tryggve_core::i18n::I18n;
use tryggve_core::public_map::{PublicMap, Viewport};
use web_sys::HtmlElement;

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
    let names = expect_context::<CategoryNames>();
    let shown = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let place = NodeRef::<Div>::new();
    // Dropped with the form, which takes the layer down.
    let layer = StoredValue::new_local(Layer::NotAsked);
    let ask = move || {
        let Some(place) = place.get_untracked() else { return };
        layer.set_value(Layer::Loading);
        message.set(i18n.t("loading"));
        let parts = LayerParts {
            edge: edge.clone(),
            tenant: tenant.clone(),
            names: names.clone(),
            i18n,
            viewport,
            map,
            shown,
            message,
        };
        spawn_local(async move {
            match report_public_layer(parts, place.into()).await {
                Ok(view) => layer.set_value(Layer::Drawn { _view: view }),
                Err(_) => {
                    // Not to be had (offline, say): said, the box cleared, and asked for again
                    // the next time it is ticked.
                    layer.set_value(Layer::NotAsked);
                    shown.set(false);
                    message.set(i18n.t("public-failed"));
                }
            }
        });
    };

    view! {
        <div class="public-reports">
            <label class="choice" for="show-public">
                <input type="checkbox" id="show-public" prop:checked=shown on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    shown.set(checked);
                    if checked && layer.with_value(|l| matches!(l, Layer::NotAsked)) {
                        ask();
                    }
                } />
                {i18n.t("public-show")}
            </label>
            <p class="hint" role="status" aria-live="polite">{move || message.get()}</p>
            <div node_ref=place></div>
        </div>
    }
}

/// The layer's part of the module, as far as the form has it.
enum Layer {
    NotAsked,
    Loading,
    /// Drawn in the form, and held only to be dropped: that takes it down.
    Drawn {
        _view: UnmountHandle<AnyViewState>,
    },
}

/// What the layer is given by the form: it shares the form's signals, and has no context of the
/// form's (it is drawn by a `mount_to` of its own).
pub struct LayerParts {
    edge: Edge,
    tenant: String,
    names: CategoryNames,
    i18n: I18n,
    viewport: Signal<Option<Viewport>>,
    map: RwSignal<PublicMap>,
    shown: RwSignal<bool>,
    message: RwSignal<String>,
}

/// Draws the layer in `place`. `fallible`: if its part cannot be loaded, the form hears so
/// (without it, the module would stop).
#[leptos::wasm_split::wasm_split(report_public_layer, wasm_split_path = ::leptos::wasm_split, fallible)]
fn report_public_layer(
    parts: LayerParts,
    place: HtmlElement,
) -> Result<UnmountHandle<AnyViewState>, SplitLoaderError> {
    Ok(mount_to(place, move || layer(parts)))
}

/// Asks the edge for what is in view while the layer is shown, for the map to draw; says how
/// much came, and lists the reports when they come one by one.
fn layer(parts: LayerParts) -> AnyView {
    let LayerParts { edge, tenant, names, i18n, viewport, map, shown, message } = parts;
    let names = StoredValue::new(names);
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
            // A newer request was made, or the layer is gone (the form drawn again in another
            // language, or sent): its signals with it.
            if asked.try_get_value() != Some(this_request) {
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
    }
    .into_any()
}

fn summary(i18n: &I18n, map: &PublicMap) -> String {
    if map.clusters.is_empty() {
        i18n.t_with("public-count", &[("count", &map.total.to_string())])
    } else {
        let (count, groups) = (map.total.to_string(), map.clusters.len().to_string());
        i18n.t_with("public-clusters", &[("count", &count), ("groups", &groups)])
    }
}
