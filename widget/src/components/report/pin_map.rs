//! The map where the resident puts the pin: by click or tap, by "use my location", or by
//! keyboard alone (arrow keys pan the focused map, then "place the pin at the map centre"),
//! after a search for an address has moved the map there, if the resident likes. Every
//! placement is announced in a live region, with the place's name once the edge has said it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::public_map::{PublicMap, Viewport, MAX_ZOOM};
use tryggve_core::{BBox, LatLng, MapConfig};

use super::place_search::PlaceSearch;
use crate::map_base::{base_map, to_leaflet, LoaderMap, PlaceMarker};
use crate::map_layers::PublicLayers;
use crate::place_names::PlaceNames;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use tryggve_core::i18n::I18n;

/// Zoom level a located pin is shown at: close enough to see the street.
const LOCATED_ZOOM: f64 = 17.0;

/// The Leaflet objects. They are JavaScript objects (not `Send`), so they live in an
/// `Rc<RefCell<…>>` owned by this component, never in a signal.
struct Leaflet {
    map: leaflet::Map,
    pin: PlaceMarker,
    /// Approved reports of others, drawn as circles under the pin.
    public: leaflet::LayerGroup,
    /// The municipality's public layers the resident has not hidden, under everything else.
    layers: leaflet::LayerGroup,
}

impl Leaflet {
    /// The map in `place`: the one the loader drew in its frame (`drawn`), moved in, else a new
    /// one. Its element is the one focused to pan by keyboard, so it carries the map's name.
    fn new(
        place: &web_sys::HtmlElement,
        drawn: Option<leaflet::Map>,
        config: &MapConfig,
        i18n: I18n,
    ) -> Option<Self> {
        let map = match drawn {
            Some(map) => {
                let canvas = map.get_container();
                let focused = place.get_root_node().unchecked_into::<web_sys::ShadowRoot>().active_element();
                let was_focused = focused.is_some_and(|f| f == *canvas.as_ref());
                place.append_child(&canvas).ok()?;
                // The frame's place had the same size; if it has changed (a scroll bar the longer
                // page brings), Leaflet follows, once the form has been laid out anyway (asking
                // now would lay out the whole new form an extra time).
                let resized = map.clone();
                request_animation_frame(move || {
                    resized.invalidate_size(false);
                });
                if was_focused {
                    let _ = canvas.focus();
                }
                map
            }
            None => {
                let canvas = web_sys::window()?.document()?.create_element("div").ok()?;
                let canvas: web_sys::HtmlElement = canvas.dyn_into().ok()?;
                // Placed (by its class) before Leaflet looks at it, as the loader's is.
                canvas.set_class_name("map-canvas");
                place.append_child(&canvas).ok()?;
                base_map(&canvas, config, (config.center, f64::from(config.zoom)), true, i18n)?
            }
        };
        let canvas = map.get_container();
        for (name, value) in [
            ("dir", "ltr"),
            ("role", "application"),
            ("aria-label", &i18n.t("map-label")),
            ("aria-describedby", "map-help pin-status"),
        ] {
            canvas.set_attribute(name, value).ok()?;
        }
        let layers = leaflet::LayerGroup::new();
        layers.add_to(&map);
        let public = leaflet::LayerGroup::new();
        public.add_to(&map);
        Some(Self { map, pin: PlaceMarker::new(i18n.t("marker-alt")), public, layers })
    }

    /// Approved reports as small circles; clusters as larger ones with their number. None of
    /// them takes clicks: a click on the map always places the pin.
    fn show_public(&self, map: &PublicMap) {
        self.public.clear_layers();
        for report in &map.reports {
            self.public.add_layer(&public_circle(report.lat, report.lng, 9.0));
        }
        for cluster in &map.clusters {
            // 12 px for a few, growing slowly: a thousand is 24 px.
            let circle = public_circle(cluster.lat, cluster.lng, 12.0 + 4.0 * (cluster.count as f64).log10());
            let label = leaflet::Tooltip::new(&cluster_label_options(), None);
            label.set_content(&count_label(cluster.count));
            circle.bind_tooltip(&label);
            self.public.add_layer(&circle);
        }
    }

    /// The part of the map in view, as the edge's public map query wants it.
    fn viewport(&self) -> Viewport {
        let b = self.map.get_bounds();
        let (south_west, north_east) = (b.get_south_west(), b.get_north_east());
        Viewport {
            bbox: BBox::new(south_west.lat(), south_west.lng(), north_east.lat(), north_east.lng()),
            zoom: self.map.get_zoom().round().clamp(0.0, f64::from(MAX_ZOOM)) as u8,
        }
    }

    fn show_pin(&mut self, pin: Option<LatLng>) {
        self.pin.show(&self.map, pin);
    }

    fn center(&self) -> LatLng {
        let c = self.map.get_center();
        LatLng::new(c.lat(), c.lng())
    }
}

fn public_circle(lat: f64, lng: f64, radius: f64) -> leaflet::CircleMarker {
    let style = leaflet::PathOptions::new();
    style.set_color("#5a2d82".into());
    style.set_fill_color("#8e5cc2".into());
    style.set_fill_opacity(0.35);
    style.set_interactive(false);
    let circle = leaflet::CircleMarker::new_with_options(
        &leaflet::LatLng::new(lat, lng),
        &wasm_bindgen::JsValue::from(style),
    );
    circle.set_radius(radius);
    circle
}

/// A cluster's number as a text node's element: never an HTML string.
fn count_label(count: u64) -> wasm_bindgen::JsValue {
    let Some(label) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("span").ok())
    else {
        return wasm_bindgen::JsValue::from_str("");
    };
    label.set_text_content(Some(&count.to_string()));
    label.into()
}

fn cluster_label_options() -> leaflet::TooltipOptions {
    let options = leaflet::TooltipOptions::new();
    options.set_permanent(true);
    options.set_direction("center".into());
    // Styled in tryggve.css; TooltipOptions has no setter for it.
    let _ = js_sys::Reflect::set(&options, &"className".into(), &"cluster-count".into());
    options
}

/// Six decimals is ~0.1 m: more precision than a pin can mean.
fn rounded(point: LatLng) -> LatLng {
    let round = |v: f64| (v * 1e6).round() / 1e6;
    LatLng::new(round(point.lat), round(point.lng))
}

/// The browser's position, if the resident allows it.
async fn current_position() -> Option<LatLng> {
    let geolocation = web_sys::window()?.navigator().geolocation().ok()?;
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = geolocation.get_current_position_with_error_callback(&resolve, Some(&reject));
    });
    let position: web_sys::Position = JsFuture::from(promise).await.ok()?.unchecked_into();
    let coords = position.coords();
    Some(LatLng::new(coords.latitude(), coords.longitude()))
}

#[component]
pub fn PinMap(
    config: MapConfig,
    pin: RwSignal<Option<LatLng>>,
    /// A validation message for the location, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    /// Approved reports or clusters to show on the map (listed or summed up beside it).
    public: Signal<PublicMap>,
    /// Set to what the map shows whenever the resident pans or zooms.
    viewport: RwSignal<Option<Viewport>>,
    /// The municipality's public layers (named in the legend beside the map).
    layers: PublicLayers,
    /// Where a pin is in words, and places by name.
    names: PlaceNames,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let container = NodeRef::<Div>::new();
    let position_text = move |point: LatLng| {
        i18n.t_with(
            "pin-position",
            &[("lat", &format!("{:.5}", point.lat)), ("lng", &format!("{:.5}", point.lng))],
        )
    };
    // After a change of language the map is drawn again; say where the pin already is.
    let announcement = RwSignal::new(pin.get_untracked().map_or_else(|| i18n.t("pin-none"), position_text));
    let locating = RwSignal::new(false);
    let leaflet: Rc<RefCell<Option<Leaflet>>> = Rc::default();
    let bounds = config.bounds;

    let search_names = names.clone();
    let names = StoredValue::new(names);
    let place = move |point: LatLng, how_key: &'static str| {
        let point = rounded(point);
        pin.set(Some(point));
        announcement.set(format!("{} {}", i18n.t(how_key), position_text(point)));
        // Then the same in words, unless the pin has moved on meanwhile (or the map was drawn
        // again, in another language: then its signals are gone, and so is the question).
        // (`place` also follows the device's position, which can take seconds: the map may be
        // gone by then.)
        let Some(names) = names.try_get_value() else { return };
        spawn_local(async move {
            let Some(name) = names.name_at(point).await else {
                return;
            };
            if pin.try_get_untracked() == Some(Some(point)) {
                announcement.try_set(format!(
                    "{} {}",
                    i18n.t(how_key),
                    i18n.t_with("pin-place", &[("place", &name)])
                ));
            }
        });
    };

    let loader_map = use_context::<LoaderMap>();
    let drawn_once = RwSignal::new(false);
    container.on_load({
        let leaflet = leaflet.clone();
        move |div| {
            let drawn = loader_map.as_ref().and_then(|m| m.take(i18n.locale));
            let Some(mut created) = Leaflet::new(&div, drawn, &config, i18n) else {
                announcement.set(i18n.t("config-failed"));
                return;
            };
            created.map.on_mouse_click(Box::new(move |event: leaflet::MouseEvent| {
                let clicked = event.lat_lng();
                let point = LatLng::new(clicked.lat(), clicked.lng());
                if bounds.contains(point) {
                    place(point, "pin-placed-click");
                } else {
                    announcement.set(i18n.t("error-outside-area"));
                }
            }));
            let moved = leaflet.clone();
            created.map.on_move_end(Box::new(move |_| {
                let now = moved.borrow().as_ref().map(Leaflet::viewport);
                viewport.set(now);
            }));
            // A pin placed before (e.g. before a change of language, which redraws the map).
            created.show_pin(pin.get_untracked());
            public.with_untracked(|p| created.show_public(p));
            viewport.set(Some(created.viewport()));
            *leaflet.borrow_mut() = Some(created);
            drawn_once.set(true);
        }
    });

    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            public.with(|shown| {
                if let Some(l) = leaflet.borrow().as_ref() {
                    l.show_public(shown);
                }
            });
        }
    });

    // The layers as the legend says, once the map is there (not again on each pan).
    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            if drawn_once.get() {
                if let Some(l) = leaflet.borrow().as_ref() {
                    layers.draw(&l.layers);
                }
            }
        }
    });

    // The marker follows the pin, whoever set it.
    Effect::new({
        let leaflet = leaflet.clone();
        move |_| {
            let current = pin.get();
            if let Some(l) = leaflet.borrow_mut().as_mut() {
                l.show_pin(current);
            }
        }
    });

    let place_at_center = {
        let leaflet = leaflet.clone();
        move |_| {
            let center = leaflet.borrow().as_ref().map(Leaflet::center);
            if let Some(center) = center {
                place(bounds.clamp(center), "pin-placed-center");
            }
        }
    };

    let show_found = Callback::new({
        // Callbacks must be Send; the map never leaves this thread.
        let leaflet = send_wrapper::SendWrapper::new(leaflet.clone());
        move |found: tryggve_core::place_name::FoundPlace| {
            if let Some(l) = leaflet.borrow().as_ref() {
                l.map.set_view(&to_leaflet(LatLng::new(found.lat, found.lng)), LOCATED_ZOOM);
            }
            announcement.set(i18n.t_with("place-search-shown", &[("place", &found.name)]));
        }
    });

    let use_my_location = move |_| {
        locating.set(true);
        announcement.set(i18n.t("locating"));
        let leaflet = leaflet.clone();
        spawn_local(async move {
            let found = current_position().await;
            locating.set(false);
            match found {
                Some(point) if bounds.contains(point) => {
                    if let Some(l) = leaflet.borrow().as_ref() {
                        l.map.set_view(&to_leaflet(point), LOCATED_ZOOM);
                    }
                    place(point, "pin-placed-location");
                }
                Some(_) => announcement.set(i18n.t("location-outside")),
                None => announcement.set(i18n.t("location-failed")),
            }
        });
    };

    view! {
        <div class="pin-map">
            <p id="map-help" class="hint">{i18n.t("map-help")}</p>
            <PlaceSearch names=search_names on_chosen=show_found />
            <div class="map-frame">
                <div node_ref=container class="map"></div>
                <div class="crosshair" aria-hidden="true"></div>
            </div>
            <div class="map-actions">
                <button type="button" id="place-pin" aria-describedby="pin-error" on:click=place_at_center>
                    {i18n.t("place-pin-center")}
                </button>
                <button type="button" id="use-location" aria-describedby="pin-error" on:click=use_my_location disabled=move || locating.get()>
                    {i18n.t("use-my-location")}
                </button>
            </div>
            <p id="pin-status" class="pin-status" role="status" aria-live="polite">
                {move || announcement.get()}
            </p>
            <p id="pin-error" class="field-error">{move || error.get()}</p>
        </div>
    }
}
