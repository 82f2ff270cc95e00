use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::route_from_geojson;
use tryggve_core::{LatLng, MapConfig};
use wasm_bindgen::JsValue;

/// A walk's planned route: drawn on the map point by point (a click adds one; by keyboard the
/// map pans with the arrow keys and a button adds its centre, which a ring marks), or read from
/// a GeoJSON file a GIS program or route planner made. How many points it has, and its length,
/// are said in words beside the map.
#[component]
pub fn RoutePicker(config: MapConfig, route: RwSignal<Vec<LatLng>>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    let problem = RwSignal::new(None::<String>);
    // Leaflet objects are not `Send`: kept here, never in signals.
    let drawn: Rc<RefCell<Option<(leaflet::Map, leaflet::Polyline)>>> =
        crate::base_map::drawing(|(map, _)| map);
    container.on_load({
        let drawn = drawn.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom), i18n) else {
                return;
            };
            map.on_mouse_click(Box::new(move |event: leaflet::MouseEvent| {
                let at = event.lat_lng();
                route.update(|r| r.push(LatLng::new(at.lat(), at.lng())));
            }));
            let style = leaflet::PolylineOptions::new();
            style.set_color("#0b5394".into());
            style.set_weight(4.0);
            style.set_dash_array("10 8".into());
            style.set_interactive(false);
            let line = leaflet::Polyline::new_with_options(&js_sys::Array::new(), &style);
            line.add_to(&map);
            *drawn.borrow_mut() = Some((map, line));
        }
    });
    // The line follows the route, however it changed (drawn, read from a file, another walk).
    Effect::new({
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move |_| {
            let points: js_sys::Array =
                route.get().iter().map(|p| JsValue::from(leaflet::LatLng::new(p.lat, p.lng))).collect();
            if let Some((_, line)) = drawn.borrow().as_ref() {
                line.set_lat_lngs(&points);
            }
        }
    });
    let add_centre = {
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move |_| {
            if let Some((map, _)) = drawn.borrow().as_ref() {
                let centre = map.get_center();
                route.update(|r| r.push(LatLng::new(centre.lat(), centre.lng())));
            }
        }
    };
    // A route read from a file (or another walk's) may lie beyond the part in view.
    let show_all = {
        let drawn = send_wrapper::SendWrapper::new(drawn.clone());
        move || {
            let points = route.get_untracked();
            // From the route itself: the line is redrawn only after this (by the effect above).
            let (Some(first), Some((map, _))) = (points.first(), drawn.borrow().as_ref().cloned()) else {
                return;
            };
            let at = |p: &LatLng| leaflet::LatLng::new(p.lat, p.lng);
            let bounds = leaflet::LatLngBounds::new(&at(first), &at(first));
            for point in &points[1..] {
                bounds.extend(&at(point));
            }
            map.fit_bounds(&bounds);
        }
    };
    let show_all = StoredValue::new_local(show_all);
    let read_file = move |ev: leptos::ev::Event| {
        let input = event_target::<web_sys::HtmlInputElement>(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        spawn_local(async move {
            let text =
                wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let read = text
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .ok_or_else(|| i18n.t("console-walk-route-not-geojson"))
                .and_then(|v| route_from_geojson(&v).map_err(|e| i18n.t(&e.code.message_key())));
            match read {
                Ok(points) => {
                    problem.set(None);
                    route.set(points);
                    // (Not if the form is gone while the file was read.)
                    show_all.try_with_value(|show| show());
                }
                Err(why) => problem.set(Some(why)),
            }
        });
    };
    let said = move || {
        let points = route.get();
        match points.len() {
            0 => i18n.t("console-walk-route-none"),
            1 => i18n.t("console-walk-route-one"),
            n => i18n.t_with(
                "console-walk-route-said",
                &[
                    ("points", &n.to_string()),
                    ("metres", &tryggve_core::walk::route_metres(&points).to_string()),
                ],
            ),
        }
    };
    view! {
        <fieldset class="measure-place walk-route">
            <legend>{i18n.t("console-walk-route")}</legend>
            <p class="hint">{i18n.t("console-walk-route-hint")}</p>
            <div class="place-map" role="region" aria-label=i18n.t("console-walk-route-map")>
                <div node_ref=container></div>
                <span class="crosshair" aria-hidden="true"></span>
            </div>
            <p class="place-said" role="status" aria-live="polite">{said}</p>
            <div class="buttons">
                <button type="button" on:click=add_centre>{i18n.t("console-walk-route-add")}</button>
                {move || route.with(|r| !r.is_empty()).then(|| view! {
                    <button type="button" on:click=move |_| route.update(|r| { r.pop(); })>{i18n.t("console-walk-route-undo")}</button>
                    <button type="button" on:click=move |_| route.set(Vec::new())>{i18n.t("console-walk-route-clear")}</button>
                })}
            </div>
            <label for="walk-route-file">{i18n.t("console-walk-route-file")}</label>
            <input id="walk-route-file" type="file" accept=".geojson,.json,application/geo+json,application/json"
                aria-describedby="walk-route-file-problem" on:change=read_file />
            <p id="walk-route-file-problem" class="field-error" role="alert">{move || problem.get()}</p>
        </fieldset>
    }
}
