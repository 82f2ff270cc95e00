use js_sys::Reflect;
use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::stats::HotSpot;
use tryggve_core::MapConfig;
use wasm_bindgen::{JsCast, JsValue};

/// Where the element keeps the Leaflet map drawn in it.
const MAP_PROPERTY: &str = "tryggveHotspotMap";

/// Hot spots as circles sized by their count (the same numbers are in a table beside it).
#[component]
pub fn HotspotMap(config: MapConfig, hotspots: Vec<HotSpot>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    container.on_load(move |div| {
        let options = leaflet::MapOptions::new();
        options.set_center(leaflet::LatLng::new(config.center.lat, config.center.lng));
        options.set_zoom(f64::from(config.zoom) - 1.0);
        options.set_scroll_wheel_zoom(false);
        // When the filters change, the dashboard redraws in place: the element stays and gets
        // the new hot spots here. Leaflet refuses a second map on an element, so the one made
        // for it before goes first.
        let key = JsValue::from_str(MAP_PROPERTY);
        if let Some(previous) = Reflect::get(&div, &key).ok().filter(|m| m.is_object()) {
            previous.unchecked_into::<leaflet::Map>().remove();
        }
        let Ok(map) = leaflet::Map::new_with_element(&div, &options) else { return };
        let _ = Reflect::set(&div, &key, &map);
        let tiles = leaflet::TileLayerOptions::new();
        tiles.set_attribution(config.attribution_html());
        leaflet::TileLayer::new_options(&config.tile_url, &tiles).add_to(&map);
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
    });
    view! { <div node_ref=container class="review-map" role="region" aria-label=i18n.t("console-hotspot-map")></div> }
}
