//! What the widget's maps (the report form's and the walk logger's) have alike: the
//! municipality's tiles and attribution, our own zoom buttons, no zooming by the wheel, panning
//! by keyboard (all in `baseMap`, widget/js/leaflet-module.js); and the marker of the place
//! being chosen.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::on_cleanup;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::{LatLng, MapConfig};
use wasm_bindgen::prelude::*;

pub fn to_leaflet(point: LatLng) -> leaflet::LatLng {
    leaflet::LatLng::new(point.lat, point.lng)
}

#[wasm_bindgen]
extern "C" {
    /// `baseMap` in widget/js/leaflet-module.js: the options every map of the widget has, in
    /// one place for the widget and for the loader, which draws the report form's map first.
    /// `view` is [lat, lng, zoom]; `bounds` [south, west, north, east], or empty.
    #[wasm_bindgen(catch, js_namespace = L, js_name = baseMap)]
    fn leaflet_base_map(
        container: &web_sys::HtmlElement,
        tile_url: &str,
        attribution: &str,
        view: &[f64],
        bounds: &[f64],
        zoom_in: &str,
        zoom_out: &str,
    ) -> Result<leaflet::Map, JsValue>;
}

/// A map in `container` at `center` and `zoom` (kept within the municipality's map when
/// `bounded`); `None` if Leaflet refuses the element.
pub fn base_map(
    container: &web_sys::HtmlElement,
    config: &MapConfig,
    (center, zoom): (LatLng, f64),
    bounded: bool,
    i18n: I18n,
) -> Option<leaflet::Map> {
    let b = config.bounds;
    let bounds = if bounded { vec![b.south, b.west, b.north, b.east] } else { Vec::new() };
    leaflet_base_map(
        container,
        &config.tile_url,
        &config.attribution,
        &[center.lat, center.lng, zoom],
        &bounds,
        &i18n.t("map-zoom-in"),
        &i18n.t("map-zoom-out"),
    )
    .ok()
}

/// The report form's map as the loader drew it in its frame (`drawMap` in tryggve.js, while the
/// WebAssembly was still on its way: the resident already sees it, its tiles are in), for the
/// form to take over rather than draw it again. A context of the report form, given its element.
#[derive(Clone)]
pub struct LoaderMap(send_wrapper::SendWrapper<web_sys::HtmlElement>);

impl LoaderMap {
    pub fn of(host: &web_sys::HtmlElement) -> Self {
        Self(send_wrapper::SendWrapper::new(host.clone()))
    }

    /// The loader's map, if it drew one in `locale` (its zoom buttons speak the frame's
    /// language). Asked once: after that the loader draws none, and a form drawn again (in
    /// another language) draws its own.
    pub fn take(&self, locale: Locale) -> Option<leaflet::Map> {
        let key = JsValue::from_str("tryggveMap");
        let drawn = js_sys::Reflect::get(&self.0, &key).ok().filter(JsValue::is_object);
        let _ = js_sys::Reflect::set(&self.0, &key, &JsValue::NULL);
        let drawn = drawn?;
        let language = js_sys::Reflect::get(&drawn, &JsValue::from_str("language")).ok()?.as_string()?;
        let map = js_sys::Reflect::get(&drawn, &JsValue::from_str("map")).ok()?;
        (language == locale.tag()).then(|| map.unchecked_into())
    }
}

/// Where a component keeps the map it draws once its element is there: the map is removed
/// (its listeners too) when the component goes, e.g. when a protocol is closed.
pub fn map_of_component() -> Rc<RefCell<Option<leaflet::Map>>> {
    let drawn: Rc<RefCell<Option<leaflet::Map>>> = Rc::default();
    on_cleanup({
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move || {
            if let Some(map) = drawn.borrow_mut().take() {
                map.remove();
            }
        }
    });
    drawn
}

/// The marker of the place being chosen (the report's pin, a walk point's place), named for
/// screen readers by `alt`; moved with the map's controls, never focused itself.
pub struct PlaceMarker {
    marker: Option<leaflet::Marker>,
    alt: String,
}

impl PlaceMarker {
    pub fn new(alt: String) -> Self {
        Self { marker: None, alt }
    }

    /// Shows the marker at `place` on `map`, or takes it away.
    pub fn show(&mut self, map: &leaflet::Map, place: Option<LatLng>) {
        match (place, &self.marker) {
            (Some(point), Some(marker)) => marker.set_lat_lng(&to_leaflet(point)),
            (Some(point), None) => {
                let options = leaflet::MarkerOptions::new();
                options.set_alt(self.alt.clone());
                options.set_keyboard(false);
                let marker = leaflet::Marker::new_with_options(&to_leaflet(point), &options);
                marker.add_to(map);
                self.marker = Some(marker);
            }
            (None, Some(marker)) => {
                marker.remove();
                self.marker = None;
            }
            (None, None) => {}
        }
    }
}
