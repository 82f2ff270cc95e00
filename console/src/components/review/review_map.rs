//! Every report the review filter selects, on a map. The map asks the edge for the part in
//! view each time it is moved or the filter changes: a few reports come one by one, as markers
//! that open the report (Enter or a click); many come as clusters with their number, which zoom
//! in (Enter or a click). It opens on the whole municipality. The safety walks' points can be
//! shown beside the reports. A sentence under the map says what it shows, for those who do not
//! see it.

use std::cell::RefCell;
use std::rc::Rc;

use leaflet::MouseEvents;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::category::CategoryNames;
use tryggve_core::geo::BBox;
use tryggve_core::i18n::I18n;
use tryggve_core::public_map::{Viewport, MAX_ZOOM};
use tryggve_core::review::ReportFilter;
use tryggve_core::review_map::{ReviewCluster, ReviewMap as ReviewMapAnswer, ReviewMarker};
use tryggve_core::MapConfig;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::api;
use crate::components::map_layers::{LayerToggles, ShownLayers};

/// Leaflet's objects (not `Send`: kept here, never in signals).
struct Drawn {
    map: leaflet::Map,
    layer: leaflet::LayerGroup,
    walks: leaflet::LayerGroup,
    /// The municipality's layers the legend shows, beneath the rest.
    shown: leaflet::LayerGroup,
}

#[component]
pub fn ReviewMap(
    tenant: String,
    config: MapConfig,
    filter: Signal<ReportFilter>,
    /// Changes when reports changed (a bulk action): the map asks again.
    loads: Signal<u32>,
    selected: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let names = StoredValue::new(expect_context::<CategoryNames>());
    let container = NodeRef::<Div>::new();
    // Not removed when the page is left (unlike the other maps, see `base_map::drawing`): the
    // review map may be moving to new reports then, and Leaflet fails on a map removed mid-move.
    let drawn: Rc<RefCell<Option<Drawn>>> = Rc::default();
    let viewport = RwSignal::new(None::<Viewport>);
    let answer = RwSignal::new(None::<ReviewMapAnswer>);
    let message = RwSignal::new(String::new());
    let with_walks = RwSignal::new(false);
    let layers = ShownLayers::load(tenant.clone(), i18n.t("console-police-events"));
    // Answers can arrive out of order when the map is moved quickly: only the newest counts.
    let asked = StoredValue::new(0u32);

    let drawn_once = RwSignal::new(false);
    container.on_load({
        let drawn = drawn.clone();
        move |div| {
            let Some(map) = crate::base_map::base_map(&div, &config, f64::from(config.zoom), i18n) else {
                return;
            };
            // The whole municipality first: the filter's reports may lie anywhere in it.
            let b = config.bounds;
            map.fit_bounds(&leaflet::LatLngBounds::new(
                &leaflet::LatLng::new(b.south, b.west),
                &leaflet::LatLng::new(b.north, b.east),
            ));
            let shown = leaflet::LayerGroup::new();
            shown.add_to(&map);
            let layer = leaflet::LayerGroup::new();
            layer.add_to(&map);
            let walks = leaflet::LayerGroup::new();
            walks.add_to(&map);
            viewport.set(Some(view_of(&map)));
            map.on_move_end(Box::new({
                let map = map.clone();
                move |_| viewport.set(Some(view_of(&map)))
            }));
            *drawn.borrow_mut() = Some(Drawn { map, layer, walks, shown });
            drawn_once.set(true);
        }
    });

    Effect::new(move |_| {
        loads.track();
        let (current, Some(view)) = (filter.get(), viewport.get()) else { return };
        let walks = with_walks.get();
        asked.update_value(|n| *n += 1);
        let this = asked.get_value();
        let tenant = tenant.clone();
        spawn_local(async move {
            let found = api::review_map(&tenant, &current, &view, walks).await;
            if viewport.is_disposed() || asked.get_value() != this {
                return;
            }
            match found {
                Ok(found) => {
                    message.set(summary(&i18n, &found));
                    answer.set(Some(found));
                }
                Err(_) => message.set(i18n.t("console-map-failed")),
            }
        });
    });
    // Once the map is there, and again when the layers arrive or one is toggled (not on each pan).
    Effect::new({
        let drawn = drawn.clone();
        move |_| {
            if drawn_once.get() {
                if let Some(drawn) = drawn.borrow().as_ref() {
                    layers.draw(&drawn.shown);
                }
            }
        }
    });
    Effect::new(move |_| {
        answer.with(|found| {
            let drawn = drawn.borrow();
            let (Some(found), Some(drawn)) = (found, drawn.as_ref()) else { return };
            drawn.layer.clear_layers();
            for report in &found.reports {
                drawn.layer.add_layer(&report_marker(report, selected, &names.get_value(), i18n));
            }
            for cluster in &found.clusters {
                drawn.layer.add_layer(&cluster_marker(cluster, &drawn.map, i18n));
            }
            drawn.walks.clear_layers();
            for point in &found.walk_points {
                drawn.walks.add_layer(&walk_marker(point));
            }
        });
    });

    // Leaflet's classes go on the inner element, which has no `class` of ours to be set over them.
    view! {
        <div class="map-options">
            <label class="check map-layer">
                <input type="checkbox" prop:checked=move || with_walks.get()
                    on:change=move |ev| with_walks.set(event_target_checked(&ev)) />
                " "{i18n.t("console-map-walks")}
            </label>
            <LayerToggles shown=layers />
        </div>
        <div class="review-map" role="region" aria-label=i18n.t("console-map")>
            <div node_ref=container></div>
        </div>
        <p class="map-summary" role="status" aria-live="polite">{move || message.get()}</p>
    }
}

/// What the map shows now, as the edge's review map query wants it.
fn view_of(map: &leaflet::Map) -> Viewport {
    let b = map.get_bounds();
    let (south_west, north_east) = (b.get_south_west(), b.get_north_east());
    Viewport {
        bbox: BBox::new(south_west.lat(), south_west.lng(), north_east.lat(), north_east.lng()),
        zoom: map.get_zoom().round().clamp(0.0, f64::from(MAX_ZOOM)) as u8,
    }
}

fn summary(i18n: &I18n, found: &ReviewMapAnswer) -> String {
    let key = if found.clusters.is_empty() { "console-map-shows" } else { "console-map-clusters" };
    let reports = i18n.t_count(key, found.total, &[]);
    match found.walk_points.len() {
        0 => reports,
        n => format!("{reports} {}", i18n.t_count("console-map-walk-points", n as u64, &[])),
    }
}

/// A safety walk's point: a small square-ish ring in the walk logger's colours (dark spots dark),
/// under the reports' markers; the list of the walk's points is in Vandringar.
fn walk_marker(point: &tryggve_core::review_map::WalkMarker) -> leaflet::CircleMarker {
    let style = leaflet::PathOptions::new();
    let (stroke, fill) = match point.category {
        tryggve_core::walk_point::WalkCategory::DarkSpot => ("#1a1a1a", "#3b3b3b"),
        _ => ("#5a2d82", "#8e5cc2"),
    };
    style.set_color(stroke.into());
    style.set_fill_color(fill.into());
    style.set_fill_opacity(0.5);
    style.set_dash_array("3 3".into());
    style.set_weight(2.0);
    style.set_interactive(false);
    let circle = leaflet::CircleMarker::new_with_options(
        &leaflet::LatLng::new(point.lat, point.lng),
        &JsValue::from(style),
    );
    circle.set_radius(7.0);
    circle
}

/// A report's marker: focusable, named by its case and category; Enter or a click opens it.
fn report_marker(
    report: &ReviewMarker,
    selected: RwSignal<Option<String>>,
    names: &CategoryNames,
    i18n: I18n,
) -> leaflet::Marker {
    let options = leaflet::MarkerOptions::new();
    let label = format!("{} – {}", report.case_number, names.name(&report.category, &i18n));
    options.set_alt(label.clone());
    options.set_title(label);
    options.set_keyboard(true);
    let marker = leaflet::Marker::new_with_options(&leaflet::LatLng::new(report.lat, report.lng), &options);
    let case = report.case_number.clone();
    on_activate(&marker, move || selected.set(Some(case.clone())));
    marker
}

/// A cluster's marker: its number on a disc, focusable; Enter or a click zooms in on it.
fn cluster_marker(cluster: &ReviewCluster, map: &leaflet::Map, i18n: I18n) -> leaflet::Marker {
    // 32 px for a few, growing slowly: a thousand is 44 px.
    let size = 32.0 + 4.0 * (cluster.count as f64).log10();
    let icon = leaflet::DivIconOptions::new();
    icon.set_class_name("review-cluster".into());
    icon.set_icon_size(leaflet::Point::new(size, size));
    let name = i18n.t_count("console-map-cluster", cluster.count, &[]);
    // Made of elements and text nodes: never an HTML string.
    let _ = js_sys::Reflect::set(&icon, &"html".into(), &count_label(cluster.count, &name));
    let options = leaflet::MarkerOptions::new();
    if let Some(icon) = div_icon(&icon) {
        options.set_icon(icon);
    }
    options.set_title(name);
    options.set_keyboard(true);
    let at = leaflet::LatLng::new(cluster.lat, cluster.lng);
    let marker = leaflet::Marker::new_with_options(&at, &options);
    let map = map.clone();
    on_activate(&marker, move || {
        // A cluster's cell is about 64 px wide (see `Viewport::level`): three levels in, 512 px.
        let zoom = (map.get_zoom() + 3.0).min(f64::from(MAX_ZOOM));
        map.set_view(&at, zoom);
    });
    marker
}

/// Runs `act` on a click on `marker`, and on Enter or Space while it has focus: Leaflet makes a
/// keyboard marker a focusable button but turns no key into a click.
fn on_activate(marker: &leaflet::Marker, act: impl Fn() + 'static) {
    let act = Rc::new(act);
    let clicked = Rc::clone(&act);
    marker.on_click(Box::new(move |_| clicked()));
    let pressed = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        let Ok(key) = js_sys::Reflect::get(&event, &"originalEvent".into())
            .and_then(|original| original.dyn_into::<web_sys::KeyboardEvent>())
        else {
            return;
        };
        if matches!(key.key().as_str(), "Enter" | " ") {
            // Space would scroll the page as well.
            key.prevent_default();
            act();
        }
    });
    marker.unchecked_ref::<leaflet::Evented>().on("keypress", &pressed.into_js_value());
}

/// `L.divIcon(options)`. leaflet-rs 0.5 binds its `DivIcon` to `L.Icon`, which wants an image.
fn div_icon(options: &leaflet::DivIconOptions) -> Option<leaflet::Icon> {
    let leaflet = js_sys::Reflect::get(&js_sys::global(), &"L".into()).ok()?;
    let factory: js_sys::Function =
        js_sys::Reflect::get(&leaflet, &"divIcon".into()).ok()?.dyn_into().ok()?;
    factory.call1(&leaflet, options).ok().map(JsCast::unchecked_into)
}

/// The number as seen, and the cluster's name as read: a marker's name comes from its content,
/// so the number alone would be all a screen reader says.
fn count_label(count: u64, name: &str) -> JsValue {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return JsValue::from_str("") };
    let span = |text: &str| {
        let element = document.create_element("span").ok()?;
        element.set_text_content(Some(text));
        Some(element)
    };
    let (Some(label), Some(seen), Some(read)) = (span(""), span(&count.to_string()), span(name)) else {
        return JsValue::from_str("");
    };
    let _ = seen.set_attribute("aria-hidden", "true");
    let _ = read.set_attribute("class", "visually-hidden");
    let _ = label.append_child(&seen);
    let _ = label.append_child(&read);
    label.into()
}
