use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::stats::HotSpot;
use tryggve_core::MapConfig;
use wasm_bindgen::JsValue;

use crate::components::map_layers::ShownLayers;

/// Hot spots as circles sized by their count (the same numbers are in a table beside it), over
/// the municipality's layers that the legend shows.
#[component]
pub fn HotspotMap(config: MapConfig, hotspots: Vec<HotSpot>, layers: ShownLayers) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    // Leaflet objects are not `Send`: kept here, never in signals.
    // New filters draw the dashboard again in the same elements: this map goes with the old
    // drawing, since Leaflet refuses to make a second map in an element that has one.
    let drawn: Rc<RefCell<Option<(leaflet::Map, leaflet::LayerGroup)>>> =
        crate::base_map::drawing(|(map, _)| map);
    let ready = RwSignal::new(false);
    container.on_load({
        let drawn = drawn.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom) - 1.0, i18n)
            else {
                return;
            };
            // Beneath the hot spots: added first.
            let shown = leaflet::LayerGroup::new();
            shown.add_to(&map);
            let largest = hotspots.iter().map(|h| h.count).max().unwrap_or(1).max(1);
            for spot in &hotspots {
                let style = leaflet::PathOptions::new();
                style.set_color("#8a1c1c".into());
                style.set_fill_color("#c0392b".into());
                style.set_fill_opacity(0.45);
                style.set_weight(2.0);
                style.set_interactive(false);
                let circle = leaflet::CircleMarker::new_with_options(
                    &leaflet::LatLng::new(spot.lat, spot.lng),
                    &JsValue::from(style),
                );
                circle.set_radius(6.0 + 18.0 * f64::from(spot.count) / f64::from(largest));
                circle.add_to(&map);
            }
            *drawn.borrow_mut() = Some((map, shown));
            ready.set(true);
        }
    });
    // Once the map is there, and again when the layers arrive or one is toggled.
    let drawn = send_wrapper::SendWrapper::new(drawn);
    Effect::new(move |_| {
        if ready.get() {
            if let Some((_, shown)) = drawn.borrow().as_ref() {
                layers.draw(shown);
            }
        }
    });
    // Leaflet's classes go on the inner element, which has no `class` of ours to be set over them.
    view! {
        <div class="review-map" role="region" aria-label=i18n.t("console-hotspot-map")>
            <div node_ref=container></div>
        </div>
    }
}
