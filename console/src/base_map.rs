//! The console's maps (review, lägesbild, areas) start alike: the municipality's tiles and
//! attribution, no zooming by the mouse wheel (the page scrolls), and zoom buttons in the
//! console's language — Leaflet names its own "Zoom in" and "Zoom out" in English whatever the
//! page speaks, and a screen reader reads those names.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::on_cleanup;
use tryggve_core::i18n::I18n;
use tryggve_core::MapConfig;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A map in `div` at the municipality's centre and `zoom`, with its tiles and our zoom buttons;
/// `None` if Leaflet refuses the element.
pub fn base_map(
    div: &web_sys::HtmlDivElement,
    config: &MapConfig,
    zoom: f64,
    i18n: I18n,
) -> Option<leaflet::Map> {
    let options = leaflet::MapOptions::new();
    options.set_zoom_control(false);
    options.set_center(leaflet::LatLng::new(config.center.lat, config.center.lng));
    options.set_zoom(zoom);
    options.set_scroll_wheel_zoom(false);
    let map = leaflet::Map::new_with_element(div, &options).ok()?;
    let mut zoom_buttons = leaflet::ZoomOptions::new();
    zoom_buttons.set_zoom_in_title(&i18n.t("map-zoom-in"));
    zoom_buttons.set_zoom_out_title(&i18n.t("map-zoom-out"));
    leaflet::Zoom::new(&zoom_buttons).add_to(&map);
    let tiles = leaflet::TileLayerOptions::new();
    tiles.set_attribution(config.attribution_html());
    leaflet::TileLayer::new_options(&config.tile_url, &tiles).add_to(&map);
    // A map whose box changes size (a case opened beside the review list) fills it anew;
    // Leaflet itself only follows the window's size.
    let resized = {
        let (map, div) = (map.clone(), div.clone());
        Closure::<dyn Fn()>::new(move || {
            // Not for a map whose page was left (its box shrinks to nothing as it goes).
            if div.is_connected() {
                map.invalidate_size(false);
            }
        })
    };
    if let Ok(observer) = web_sys::ResizeObserver::new(resized.as_ref().unchecked_ref()) {
        observer.observe(div);
        // A map drawn anew (a protocol after a change) is removed while its element may still
        // be in the page for a moment: Leaflet fails on a removed map, so it stops listening.
        let stop = Closure::<dyn Fn(JsValue)>::new(move |_| observer.disconnect());
        map.unchecked_ref::<leaflet::Evented>().on("unload", &stop.into_js_value());
    }
    // Lives as long as the map's element; dropped with the page.
    resized.forget();
    Some(map)
}

/// Where a component keeps what it drew (its map, and the layers it changes later), emptied and
/// the map removed when the component goes: a component drawn again in the same element (new
/// filters, a changed protocol) needs a new map, since Leaflet refuses a second one in an
/// element that has one, and a map of a page that was left must stop listening.
pub fn drawing<T: 'static>(map_of: fn(&T) -> &leaflet::Map) -> Rc<RefCell<Option<T>>> {
    let drawn: Rc<RefCell<Option<T>>> = Rc::default();
    on_cleanup({
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move || {
            if let Some(drawn) = drawn.borrow_mut().take() {
                map_of(&drawn).remove();
            }
        }
    });
    drawn
}
