use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::{LatLng, MapConfig};
use wasm_bindgen::JsValue;

/// A place chosen on the map (where a measure is, where a walk meets). A click on the map sets it; by keyboard, the map
/// pans with the arrow keys once it has focus and a button sets the place at its centre, which
/// a ring marks. The place is said in words beside the map, never by the pin alone.
#[component]
pub fn PlacePicker(
    config: MapConfig,
    place: RwSignal<Option<LatLng>>,
    /// The fieldset's legend, its hint and the map's name, in the words of what is placed.
    legend: String,
    hint: String,
    map_label: String,
    /// Whether the place may be left out (then it can be taken away again).
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    // Leaflet objects are not `Send`: kept here, never in signals.
    let drawn: Rc<RefCell<Option<(leaflet::Map, leaflet::CircleMarker)>>> =
        crate::base_map::drawing(|(map, _)| map);
    container.on_load({
        let drawn = drawn.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom), i18n) else {
                return;
            };
            map.on_mouse_click(Box::new(move |event: leaflet::MouseEvent| {
                let at = event.lat_lng();
                place.set(Some(LatLng::new(at.lat(), at.lng())));
            }));
            let style = leaflet::PathOptions::new();
            style.set_color("#173f5f".into());
            style.set_fill_color("#0b57a4".into());
            style.set_fill_opacity(0.6);
            style.set_interactive(false);
            let start = place.get_untracked().unwrap_or(config.center);
            let pin = leaflet::CircleMarker::new_with_options(
                &leaflet::LatLng::new(start.lat, start.lng),
                &JsValue::from(style),
            );
            pin.set_radius(9.0);
            if let Some(at) = place.get_untracked() {
                map.set_view(&leaflet::LatLng::new(at.lat, at.lng), f64::from(config.zoom) + 1.0);
                pin.add_to(&map);
            }
            *drawn.borrow_mut() = Some((map, pin));
        }
    });
    // The pin follows the place: set, moved, or taken away (also when another measure or walk is opened).
    Effect::new({
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move |_| {
            let now = place.get();
            if let Some((map, pin)) = drawn.borrow().as_ref() {
                match now {
                    Some(at) => {
                        let at = leaflet::LatLng::new(at.lat, at.lng);
                        pin.set_lat_lng(&at);
                        pin.add_to(map);
                        // Another measure's place may lie beyond the part in view.
                        if !map.get_bounds().contains(&at) {
                            map.pan_to(&at);
                        }
                    }
                    None => {
                        pin.remove();
                    }
                }
            }
        }
    });
    let at_centre = {
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move |_| {
            if let Some((map, _)) = drawn.borrow().as_ref() {
                let centre = map.get_center();
                place.set(Some(LatLng::new(centre.lat(), centre.lng())));
            }
        }
    };
    let said = move || match place.get() {
        Some(at) => i18n.t_with(
            "console-measure-place-at",
            &[("lat", &format!("{:.5}", at.lat)), ("lng", &format!("{:.5}", at.lng))],
        ),
        None => i18n.t("console-measure-place-none"),
    };
    view! {
        <fieldset class="measure-place">
            <legend>{legend}</legend>
            <p class="hint">{hint}</p>
            <div class="place-map" role="region" aria-label=map_label>
                <div node_ref=container></div>
                <span class="crosshair" aria-hidden="true"></span>
            </div>
            <p class="place-said" role="status" aria-live="polite">{said}</p>
            <div class="buttons">
                <button type="button" on:click=at_centre>{i18n.t("console-measure-place-set")}</button>
                {move || (!required && place.with(Option::is_some)).then(|| view! {
                    <button type="button" on:click=move |_| place.set(None)>{i18n.t("console-measure-place-clear")}</button>
                })}
            </div>
        </fieldset>
    }
}
