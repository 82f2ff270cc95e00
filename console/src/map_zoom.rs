//! Leaflet's zoom buttons in the console's language: Leaflet names them "Zoom in" and "Zoom out"
//! in English whatever the page speaks, and a screen reader reads those names.

use tryggve_core::i18n::I18n;

/// Map options without Leaflet's own zoom control; [`add_zoom`] adds ours.
pub fn options_without_zoom() -> leaflet::MapOptions {
    let options = leaflet::MapOptions::new();
    options.set_zoom_control(false);
    options
}

/// Zoom buttons named in `i18n`'s language.
pub fn add_zoom(map: &leaflet::Map, i18n: I18n) {
    let mut options = leaflet::ZoomOptions::new();
    options.set_zoom_in_title(&i18n.t("map-zoom-in"));
    options.set_zoom_out_title(&i18n.t("map-zoom-out"));
    leaflet::Zoom::new(&options).add_to(map);
}
