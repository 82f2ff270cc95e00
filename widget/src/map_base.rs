//! What the widget's maps (the report form's and the walk logger's) have alike: the
//! municipality's tiles and attribution, our own zoom buttons (Leaflet names its own in English
//! whatever the page speaks), no zooming by the wheel (scrolling the host page scrolls the page),
//! panning by keyboard; and the marker of the place being chosen.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::on_cleanup;
use tryggve_core::i18n::I18n;
use tryggve_core::{LatLng, MapConfig};

pub fn to_leaflet(point: LatLng) -> leaflet::LatLng {
    leaflet::LatLng::new(point.lat, point.lng)
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
    let options = leaflet::MapOptions::new();
    options.set_zoom_control(false);
    options.set_center(to_leaflet(center));
    options.set_zoom(zoom);
    if bounded {
        let b = config.bounds;
        let bounds = leaflet::LatLngBounds::new(
            &leaflet::LatLng::new(b.south, b.west),
            &leaflet::LatLng::new(b.north, b.east),
        );
        options.set_max_bounds(bounds);
        options.set_max_bounds_viscosity(1.0);
    }
    options.set_scroll_wheel_zoom(false);
    options.set_keyboard(true);
    options.set_keyboard_pan_delta(60.0);
    let map = leaflet::Map::new_with_element(container, &options).ok()?;
    let mut zoom_buttons = leaflet::ZoomOptions::new();
    zoom_buttons.set_zoom_in_title(&i18n.t("map-zoom-in"));
    zoom_buttons.set_zoom_out_title(&i18n.t("map-zoom-out"));
    leaflet::Zoom::new(&zoom_buttons).add_to(&map);
    let tiles = leaflet::TileLayerOptions::new();
    tiles.set_attribution(config.attribution_html());
    tiles.set_max_zoom(19.0);
    leaflet::TileLayer::new_options(&config.tile_url, &tiles).add_to(&map);
    Some(map)
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
