use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_point::WalkCategory;
use tryggve_core::walk_protocol::WalkProtocol;
use tryggve_core::MapConfig;
use wasm_bindgen::JsValue;

/// The walk's route and its protocol's points, each labelled with its number (the numbers the
/// list beside it gives; the map repeats what the list says, so it is also printed with it).
#[component]
pub fn WalkProtocolMap(config: MapConfig, protocol: WalkProtocol) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    // A new protocol (after a change) draws the map again in new elements: this one goes.
    let drawn: Rc<RefCell<Option<leaflet::Map>>> = crate::base_map::drawing(|map| map);
    container.on_load(move |div| {
        let Some(map) = crate::base_map::base_map(&div, &config, 15.0, i18n) else {
            return;
        };
        let at = |lat: f64, lng: f64| leaflet::LatLng::new(lat, lng);
        let meeting = protocol.walk.meeting_point;
        let bounds = leaflet::LatLngBounds::new(&at(meeting.lat, meeting.lng), &at(meeting.lat, meeting.lng));
        if protocol.walk.route.len() > 1 {
            let line: js_sys::Array =
                protocol.walk.route.iter().map(|p| JsValue::from(at(p.lat, p.lng))).collect();
            let style = leaflet::PolylineOptions::new();
            style.set_color("#0b5394".into());
            style.set_weight(4.0);
            style.set_dash_array("10 8".into());
            style.set_interactive(false);
            let route = leaflet::Polyline::new_with_options(&line, &style);
            route.add_to(&map);
            bounds.extend_with_bounds(&route.get_bounds());
        }
        for (_, p) in protocol.rows() {
            let position = at(p.point.position.lat, p.point.position.lng);
            let style = leaflet::PathOptions::new();
            let (stroke, fill) = match p.point.category {
                WalkCategory::DarkSpot => ("#1a1a1a", "#3b3b3b"),
                _ => ("#5a2d82", "#8e5cc2"),
            };
            style.set_color(stroke.into());
            style.set_fill_color(fill.into());
            style.set_fill_opacity(0.8);
            style.set_interactive(false);
            let circle = leaflet::CircleMarker::new_with_options(&position, &JsValue::from(style));
            circle.set_radius(7.0);
            // The point's number beside it, as text (never an HTML string).
            let options = leaflet::TooltipOptions::new();
            options.set_permanent(true);
            options.set_direction("right".into());
            let label = leaflet::Tooltip::new(&options, None);
            label.set_content(&number_label(p.point.id));
            circle.bind_tooltip(&label);
            circle.add_to(&map);
            bounds.extend(&position);
        }
        // Without animation: a protocol drawn again (after a change) removes this map, and
        // Leaflet fails on an animation still running on a removed map.
        let still = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&still, &"animate".into(), &false.into());
        map.fit_bounds_with_options(&bounds, &still);
        *drawn.borrow_mut() = Some(map);
    });
    view! {
        <div class="review-map walk-protocol-map" role="region" aria-label=i18n.t("console-walk-protocol-map")>
            <div node_ref=container></div>
        </div>
    }
}

/// A point's number as a text node's element.
fn number_label(id: i64) -> JsValue {
    let Some(label) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("span").ok())
    else {
        return JsValue::from_str("");
    };
    label.set_text_content(Some(&id.to_string()));
    label.into()
}
