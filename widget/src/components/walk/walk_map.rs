//! The walk logger's map: the planned route and the meeting point, the group's points (those
//! still waiting on this phone drawn hollow), the participant's own position while they follow
//! it, and the place chosen for the next point (a tap on the map, "here I stand", or by
//! keyboard the map's centre). Every placement is said in a live region.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html::Div;
use leptos::prelude::*;
use tryggve_core::i18n::I18n;
use tryggve_core::walk::PublicWalk;
use tryggve_core::walk_point::{WalkCategory, WalkPoint, WalkPointDraft};
use tryggve_core::{LatLng, MapConfig};

use crate::map_base::{base_map, to_leaflet, PlaceMarker};

/// Zoom that shows a few streets around the group.
pub const WALK_ZOOM: f64 = 16.0;

/// The Leaflet objects: JavaScript objects (not `Send`), owned by this component in an
/// `Rc<RefCell<…>>`, never in a signal.
struct Leaflet {
    map: leaflet::Map,
    points: leaflet::LayerGroup,
    own: leaflet::LayerGroup,
    place: PlaceMarker,
}

/// Dark spots drawn dark (what the walk is mostly looking for), the rest in the widget's purple;
/// both readable against map tiles, told apart by the list beside the map too.
pub fn point_circle(point: LatLng, category: WalkCategory, waiting: bool) -> leaflet::CircleMarker {
    let style = leaflet::PathOptions::new();
    let (stroke, fill) = match category {
        WalkCategory::DarkSpot => ("#1a1a1a", "#3b3b3b"),
        _ => ("#5a2d82", "#8e5cc2"),
    };
    style.set_color(stroke.into());
    style.set_fill_color(fill.into());
    style.set_fill_opacity(if waiting { 0.0 } else { 0.7 });
    style.set_weight(if waiting { 3.0 } else { 2.0 });
    style.set_interactive(false);
    let circle =
        leaflet::CircleMarker::new_with_options(&to_leaflet(point), &wasm_bindgen::JsValue::from(style));
    circle.set_radius(9.0);
    circle
}

/// The planned route, dashed in blue (`None` without one).
pub fn route_line(route: &[LatLng]) -> Option<leaflet::Polyline> {
    if route.len() < 2 {
        return None;
    }
    let line: js_sys::Array = route.iter().map(|p| wasm_bindgen::JsValue::from(to_leaflet(*p))).collect();
    let style = leaflet::PolylineOptions::new();
    style.set_color("#0b5394".into());
    style.set_weight(5.0);
    style.set_dash_array("10 8".into());
    style.set_interactive(false);
    Some(leaflet::Polyline::new_with_options(&line, &style))
}

/// The meeting point: a white dot ringed in the route's blue.
pub fn meeting_marker(at: LatLng) -> leaflet::CircleMarker {
    let style = leaflet::PathOptions::new();
    style.set_color("#0b5394".into());
    style.set_fill_color("#ffffff".into());
    style.set_fill_opacity(1.0);
    style.set_weight(4.0);
    style.set_interactive(false);
    let meeting =
        leaflet::CircleMarker::new_with_options(&to_leaflet(at), &wasm_bindgen::JsValue::from(style));
    meeting.set_radius(7.0);
    meeting
}

impl Leaflet {
    fn new(
        container: &web_sys::HtmlElement,
        config: &MapConfig,
        walk: &PublicWalk,
        i18n: I18n,
    ) -> Option<Self> {
        let map = base_map(container, config, (walk.meeting_point, WALK_ZOOM), false, i18n)?;
        if let Some(route) = route_line(&walk.route) {
            route.add_to(&map);
            map.fit_bounds(&route.get_bounds());
        }
        meeting_marker(walk.meeting_point).add_to(&map);
        let points = leaflet::LayerGroup::new();
        points.add_to(&map);
        let own = leaflet::LayerGroup::new();
        own.add_to(&map);
        Some(Self { map, points, own, place: PlaceMarker::new(i18n.t("walk-place-alt")) })
    }

    fn show_points(&self, stored: &[WalkPoint], waiting: &[WalkPointDraft]) {
        self.points.clear_layers();
        for point in stored {
            self.points.add_layer(&point_circle(point.position, point.category, false));
        }
        for point in waiting {
            self.points.add_layer(&point_circle(point.position, point.category, true));
        }
    }

    fn show_own(&self, own: Option<LatLng>) {
        self.own.clear_layers();
        if let Some(own) = own {
            let style = leaflet::PathOptions::new();
            style.set_color("#ffffff".into());
            style.set_fill_color("#1a73e8".into());
            style.set_fill_opacity(1.0);
            style.set_weight(3.0);
            style.set_interactive(false);
            let dot = leaflet::CircleMarker::new_with_options(
                &to_leaflet(own),
                &wasm_bindgen::JsValue::from(style),
            );
            dot.set_radius(8.0);
            self.own.add_layer(&dot);
        }
    }

    fn show_place(&mut self, place: Option<LatLng>) {
        self.place.show(&self.map, place);
    }

    fn center(&self) -> LatLng {
        let c = self.map.get_center();
        LatLng::new(c.lat(), c.lng())
    }
}

/// Six decimals is ~0.1 m: more precision than a place can mean.
pub fn rounded(point: LatLng) -> LatLng {
    let round = |v: f64| (v * 1e6).round() / 1e6;
    LatLng::new(round(point.lat), round(point.lng))
}

#[component]
pub fn WalkMap(
    config: MapConfig,
    walk: PublicWalk,
    #[prop(into)] stored: Signal<Vec<WalkPoint>>,
    #[prop(into)] waiting: Signal<Vec<WalkPointDraft>>,
    /// Where the next point goes.
    place: RwSignal<Option<LatLng>>,
    /// The participant's own position, while they follow it.
    #[prop(into)]
    own: Signal<Option<LatLng>>,
    /// What was last said about the place.
    announcement: RwSignal<String>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    let leaflet: Rc<RefCell<Option<Leaflet>>> = Rc::default();
    let bounds = config.bounds;

    container.on_load({
        let leaflet = leaflet.clone();
        move |div| {
            let Some(mut created) = Leaflet::new(&div, &config, &walk, i18n) else {
                announcement.set(i18n.t("config-failed"));
                return;
            };
            created.map.on_mouse_click(Box::new(move |event: leaflet::MouseEvent| {
                let clicked = event.lat_lng();
                let point = LatLng::new(clicked.lat(), clicked.lng());
                if bounds.contains(point) {
                    place.set(Some(rounded(point)));
                    announcement.set(i18n.t("walk-place-tapped"));
                } else {
                    announcement.set(i18n.t("error-outside-area"));
                }
            }));
            stored.with_untracked(|s| waiting.with_untracked(|w| created.show_points(s, w)));
            created.show_place(place.get_untracked());
            *leaflet.borrow_mut() = Some(created);
        }
    });

    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            stored.with(|s| {
                waiting.with(|w| {
                    if let Some(l) = leaflet.borrow().as_ref() {
                        l.show_points(s, w);
                    }
                })
            });
        }
    });
    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            let at = own.get();
            if let Some(l) = leaflet.borrow().as_ref() {
                l.show_own(at);
                if let Some(at) = at {
                    // Following: the map keeps the participant in view.
                    l.map.pan_to(&to_leaflet(at));
                }
            }
        }
    });
    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            let chosen = place.get();
            if let Some(l) = leaflet.borrow_mut().as_mut() {
                l.show_place(chosen);
            }
        }
    });

    let place_at_center = move |_| {
        let center = leaflet.borrow().as_ref().map(Leaflet::center);
        if let Some(center) = center {
            place.set(Some(rounded(bounds.clamp(center))));
            announcement.set(i18n.t("walk-place-center"));
        }
    };

    view! {
        <div class="map-frame walk-map-frame">
            <div
                node_ref=container
                class="map walk-map"
                dir="ltr"
                role="application"
                aria-label=i18n.t("walk-map-label")
                aria-describedby="walk-map-help"
            ></div>
            <div class="crosshair" aria-hidden="true"></div>
        </div>
        <p id="walk-map-help" class="hint">{i18n.t("walk-map-help")}</p>
        <button type="button" class="secondary" on:click=place_at_center>{i18n.t("walk-place-center-button")}</button>
    }
}
