//! A layer's features as Leaflet draws them: places as dots, lines as lines, areas as lightly
//! filled outlines, all in the layer's colour. Not interactive: the reports' markers above them
//! stay what a click or Enter reaches.

use js_sys::Array;
use tryggve_core::map_layer::{MapLayer, Shape};
use tryggve_core::LatLng;
use wasm_bindgen::{JsCast, JsValue};

fn at(point: &LatLng) -> leaflet::LatLng {
    leaflet::LatLng::new(point.lat, point.lng)
}

fn corners(points: &[LatLng]) -> Array {
    points.iter().map(|p| JsValue::from(at(p))).collect()
}

/// The layer's features in one group, added to a map as a whole.
pub fn layer_group(layer: &MapLayer) -> leaflet::LayerGroup {
    let colour = layer.draft.colour.hex();
    let group = leaflet::LayerGroup::new();
    for feature in &layer.draft.features {
        let drawn: leaflet::Layer = match &feature.shape {
            Shape::Point { at: place } => {
                let style = leaflet::PathOptions::new();
                style.set_color("#ffffff".into());
                style.set_fill_color(colour.into());
                style.set_fill_opacity(0.9);
                style.set_weight(1.5);
                style.set_interactive(false);
                let dot = leaflet::CircleMarker::new_with_options(&at(place), &JsValue::from(style));
                dot.set_radius(5.0);
                dot.unchecked_into()
            }
            Shape::Line { points } => {
                let style = leaflet::PolylineOptions::new();
                style.set_color(colour.into());
                style.set_weight(4.0);
                style.set_opacity(0.9);
                style.set_interactive(false);
                leaflet::Polyline::new_with_options(&corners(points), &style).into()
            }
            Shape::Polygon { polygon } => {
                let style = leaflet::PolylineOptions::new();
                style.set_color(colour.into());
                style.set_fill_color(colour.into());
                style.set_fill_opacity(0.15);
                style.set_weight(2.0);
                style.set_interactive(false);
                let rings: Array = polygon.rings.iter().map(|ring| JsValue::from(corners(ring))).collect();
                leaflet::Polygon::new_with_options(&rings, &style).into()
            }
        };
        group.add_layer(&drawn);
    }
    group
}
