//! The municipality's public layers (safe routes, lighting…) named beside the map, each with
//! its symbol in its colour and a tick that shows or hides it. The layers are asked for once
//! the form is there; a municipality without public layers shows nothing here.

use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;

use crate::api::Edge;
use crate::map_layers::PublicLayers;

#[component]
pub fn LayerLegend(edge: Edge, tenant: String, layers: PublicLayers) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    spawn_local(async move { layers.load(&edge, &tenant).await });
    move || {
        let entries = layers.legend();
        (!entries.is_empty()).then(|| {
            view! {
                <fieldset class="layer-legend">
                    <legend>{i18n.t("layers-legend")}</legend>
                    {entries.into_iter().map(|entry| {
                        let shown = entry.shown;
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=move || shown.get()
                                    on:change=move |ev| shown.set(event_target_checked(&ev)) />
                                <span class=entry.symbol aria-hidden="true"></span>
                                {entry.name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }
        })
    }
}
