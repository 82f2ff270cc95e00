//! The map of a published protocol: the walk's route, its meeting point and the places found
//! (dark spots dark, the rest purple, as on the logger). It repeats what the list beside it
//! says, so it is a labelled region a screen reader can pass.

use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::walk_protocol::{PublicPlace, WalkProtocol};
use tryggve_core::MapConfig;

use super::walk_map::{meeting_marker, point_circle, route_line, WALK_ZOOM};
use crate::map_base::{base_map, map_of_component, to_leaflet};

#[component]
pub fn ProtocolMap(config: MapConfig, protocol: WalkProtocol<PublicPlace>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    // Closing the protocol removes its elements: the map goes with them.
    let drawn = map_of_component();
    let label = i18n.t_with("walk-protocol-map", &[("points", &protocol.points.to_string())]);
    container.on_load(move |div| {
        let meeting = protocol.walk.meeting_point;
        let Some(map) = base_map(&div, &config, (meeting, WALK_ZOOM), false, i18n) else {
            return;
        };
        let bounds = leaflet::LatLngBounds::new(&to_leaflet(meeting), &to_leaflet(meeting));
        if let Some(route) = route_line(&protocol.walk.route) {
            route.add_to(&map);
            bounds.extend_with_bounds(&route.get_bounds());
        }
        meeting_marker(meeting).add_to(&map);
        for (_, p) in protocol.rows() {
            point_circle(p.position, p.category, false).add_to(&map);
            bounds.extend(&to_leaflet(p.position));
        }
        // Its box has only now got its size. Without animation: closing the protocol at once
        // must not leave an animation running on a removed map.
        map.invalidate_size(false);
        let still = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&still, &"animate".into(), &false.into());
        let margin = js_sys::Array::of2(&24.into(), &24.into());
        let _ = js_sys::Reflect::set(&still, &"padding".into(), &margin);
        map.fit_bounds_with_options(&bounds, &still);
        *drawn.borrow_mut() = Some(map);
    });
    view! {
        <div class="map-frame walk-protocol-map" role="region" aria-label=label>
            <div node_ref=container class="map" dir="ltr"></div>
        </div>
    }
}
