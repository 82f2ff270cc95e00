//! The municipality's areas drawn on a map, each in its own colour (the list beside names
//! them with the same colour), so that an admin sees what a GeoJSON file holds before saving it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::{Area, MapConfig};

/// Told apart by people with colour-blindness (Okabe and Ito's palette, its yellow left out:
/// too faint on a light map); repeats after seven areas. The list's swatches are the same
/// colours, as `.area-colour-N` in console.css.
const AREA_COLOURS: [&str; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

/// Which of the colours the area at `index` has.
pub fn colour_index(index: usize) -> usize {
    index % AREA_COLOURS.len()
}

fn colour_of(index: usize) -> &'static str {
    AREA_COLOURS[colour_index(index)]
}

/// Leaflet's map and the layer the areas are drawn in (not `Send`: kept here, never in signals).
struct Drawn {
    map: leaflet::Map,
    outlines: leaflet::LayerGroup,
}

#[component]
pub fn AreasMap(config: MapConfig, areas: RwSignal<Vec<Area>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    let drawn: Rc<RefCell<Option<Drawn>>> = crate::base_map::drawing(|d| &d.map);
    container.on_load({
        let drawn = drawn.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom) - 1.0, i18n)
            else {
                return;
            };
            let outlines = leaflet::LayerGroup::new();
            outlines.add_to(&map);
            *drawn.borrow_mut() = Some(Drawn { map, outlines });
            draw(&drawn, &areas.get_untracked());
        }
    });
    // A new file, or the areas removed: drawn again at once, before anything is saved.
    let drawn = send_wrapper::SendWrapper::new(drawn);
    Effect::new(move |_| areas.with(|all| draw(&drawn, all)));

    view! {
        <div class="review-map areas-map" role="region" aria-label=i18n.t("console-areas-map")>
            <div node_ref=container></div>
        </div>
    }
}

/// Draws `areas` in place of what was drawn, and shows them all.
fn draw(drawn: &Rc<RefCell<Option<Drawn>>>, areas: &[Area]) {
    let drawn = drawn.borrow();
    let Some(Drawn { map, outlines }) = drawn.as_ref() else { return };
    outlines.clear_layers();
    let mut bounds: Option<leaflet::LatLngBounds> = None;
    for (index, area) in areas.iter().enumerate() {
        let style = leaflet::PolylineOptions::new();
        style.set_color(colour_of(index).into());
        style.set_fill_color(colour_of(index).into());
        style.set_fill_opacity(0.15);
        style.set_weight(3.0);
        style.set_interactive(false);
        for polygon in &area.polygons {
            let rings = Array::new();
            for ring in &polygon.rings {
                let corners = Array::new();
                for corner in ring {
                    corners.push(&leaflet::LatLng::new(corner.lat, corner.lng));
                }
                rings.push(&corners);
            }
            let shape = leaflet::Polygon::new_with_options(&rings, &style);
            let outline = shape.get_bounds();
            match &bounds {
                Some(all) => {
                    all.extend_with_bounds(&outline);
                }
                None => bounds = Some(outline),
            }
            outlines.add_layer(&leaflet::Layer::from(shape));
        }
    }
    if let Some(all) = bounds {
        map.fit_bounds(&all);
    }
}
