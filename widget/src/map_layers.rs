//! The municipality's public map layers on the report form's map, and their legend. The layers
//! are read as the browser parsed them (see `Edge::public_layers`): the legend takes each one's
//! name, colour and what it draws; the map takes its `[lat, lng]` arrays as they are.
//! Places are dots (Leaflet's circle markers, already in the form's Leaflet); lines and areas
//! need Leaflet's `Polyline` and `Polygon`, which live in a module of their own
//! (`leaflet-vectors.js`, extending the form's Leaflet) that is loaded the first time a layer
//! has a line or an area: a form without such layers never downloads it.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use tryggve_core::map_layer::{LayerColour, ShapeCounts};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::api::Edge;

thread_local! {
    /// The loader's way to load one of our Leaflet modules by file name (`loadLeaflet` in
    /// `widget/js/tryggve.js`: an `import()` of the file beside the widget's, once). The same
    /// for every form on the page, handed over when the first is mounted. Kept here rather than
    /// in a Leptos context: a context costs the form's download about a kilobyte of code.
    static LEAFLET_LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's `loadLeaflet` for the forms' layers.
pub fn keep_leaflet_loader(load: Function) {
    LEAFLET_LOADER.with(|kept| *kept.borrow_mut() = Some(load));
}

const VECTORS: &str = "leaflet-vectors.js";

/// A layer as the legend names it.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub name: String,
    /// Its symbol's classes: what it draws (dot, line, area) in its colour.
    pub symbol: String,
    /// Drawn on the map: all are, until the resident hides one.
    pub shown: RwSignal<bool>,
}

/// One public layer: its legend entry, colour and shapes (core's `PublicLayer`, unread).
pub struct ResidentLayer {
    entry: LegendEntry,
    colour: &'static str,
    points: Array,
    lines: Array,
    areas: Array,
}

impl ResidentLayer {
    /// The layer from its JSON, or `None` if it is not one.
    fn read(value: &JsValue) -> Option<Self> {
        let field = |name: &str| Reflect::get(value, &name.into()).ok();
        let list = |name: &str| field(name).and_then(|v| v.dyn_into::<Array>().ok()).unwrap_or_default();
        let colour = LayerColour::from_id(&field("colour")?.as_string()?)?;
        let (points, lines, areas) = (list("points"), list("lines"), list("areas"));
        let counts = ShapeCounts {
            points: points.length() as usize,
            lines: lines.length() as usize,
            areas: areas.length() as usize,
        };
        let symbol = format!("layer-symbol layer-{} layer-colour-{}", counts.main_kind().id(), colour.id());
        let entry = LegendEntry { name: field("name")?.as_string()?, symbol, shown: RwSignal::new(true) };
        Some(Self { entry, colour: colour.hex(), points, lines, areas })
    }

    fn needs_vectors(&self) -> bool {
        self.lines.length() > 0 || self.areas.length() > 0
    }

    /// The layer's shapes in one group; lines and areas only with `vectors`. None takes clicks:
    /// a click on the map always places the pin.
    fn draw(&self, vectors: Option<&Vectors>) -> leaflet::LayerGroup {
        let group = leaflet::LayerGroup::new();
        for place in self.points.iter() {
            let style = leaflet::PathOptions::new();
            style.set_color("#ffffff".into());
            style.set_fill_color(self.colour.into());
            style.set_fill_opacity(0.9);
            style.set_interactive(false);
            // Leaflet takes `[lat, lng]` where it takes a place.
            let dot = leaflet::CircleMarker::new_with_options(place.unchecked_ref(), &JsValue::from(style));
            dot.set_radius(5.0);
            group.add_layer(dot.unchecked_ref());
        }
        let Some(vectors) = vectors else { return group };
        for (shapes, class, area) in
            [(&self.lines, &vectors.polyline, false), (&self.areas, &vectors.polygon, true)]
        {
            let style = leaflet::PolylineOptions::new();
            style.set_color(self.colour.into());
            style.set_interactive(false);
            if area {
                style.set_fill_color(self.colour.into());
                style.set_fill_opacity(0.15);
            }
            for shape in shapes.iter() {
                if let Ok(drawn) = Reflect::construct(class, &Array::of2(&shape, &style)) {
                    group.add_layer(drawn.unchecked_ref());
                }
            }
        }
        group
    }
}

/// Leaflet's line and area classes, from the lazily loaded module.
struct Vectors {
    polyline: Function,
    polygon: Function,
}

impl Vectors {
    /// Loads the module (or finds it loaded); `None` if it cannot be had (offline): the
    /// layers' dots are drawn all the same.
    async fn load() -> Option<Vectors> {
        let loading = LEAFLET_LOADER
            .with(|kept| kept.borrow().as_ref().map(|l| l.call1(&JsValue::NULL, &VECTORS.into())));
        let promise: Promise = loading?.ok()?.dyn_into().ok()?;
        let module = JsFuture::from(promise).await.ok()?;
        let class = |name: &str| Reflect::get(&module, &name.into()).ok()?.dyn_into::<Function>().ok();
        Some(Vectors { polyline: class("Polyline")?, polygon: class("Polygon")? })
    }
}

/// The layers themselves and Leaflet's lines and areas (JavaScript values: not `Send`, so kept
/// behind a `SendWrapper` in a stored value, never in a signal).
#[derive(Default)]
struct Drawing {
    layers: Vec<ResidentLayer>,
    vectors: Option<Vectors>,
}

/// The form's public layers: what the legend lists (with whether the resident shows each one)
/// and what the map draws. `loaded` turns true once, when the layers come; a tick changes only
/// its own entry's `shown`, so the legend is not drawn anew (and the tick keeps its focus).
#[derive(Clone, Copy)]
pub struct PublicLayers {
    loaded: RwSignal<bool>,
    drawing: StoredValue<SendWrapper<Rc<RefCell<Drawing>>>>,
}

impl PublicLayers {
    pub fn new() -> Self {
        Self { loaded: RwSignal::new(false), drawing: StoredValue::new(SendWrapper::new(Rc::default())) }
    }

    /// Asks the edge for the layers (and Leaflet's lines if they have any); without them the
    /// form works as before, with no legend.
    pub async fn load(self, edge: &Edge, tenant: &str) {
        let Ok(found) = edge.public_layers(tenant).await else { return };
        let layers: Vec<ResidentLayer> = found.iter().filter_map(|v| ResidentLayer::read(&v)).collect();
        let vectors = match layers.iter().any(ResidentLayer::needs_vectors) {
            true => Vectors::load().await,
            false => None,
        };
        let Some(drawing) = self.drawing.try_get_value() else { return }; // The form is gone.
        *drawing.borrow_mut() = Drawing { layers, vectors };
        self.loaded.set(true);
    }

    /// What the legend lists (tracked: empty until the layers come).
    pub fn legend(self) -> Vec<LegendEntry> {
        if !self.loaded.get() {
            return Vec::new();
        }
        let drawing = self.drawing.try_get_value();
        drawing.map(|d| d.borrow().layers.iter().map(|l| l.entry.clone()).collect()).unwrap_or_default()
    }

    /// Draws the layers the resident shows into `into`, in place of what it held (tracked: in
    /// an effect, drawn again when the layers arrive or one is hidden or shown).
    pub fn draw(self, into: &leaflet::LayerGroup) {
        into.clear_layers();
        self.loaded.track();
        let Some(drawing) = self.drawing.try_get_value() else { return };
        let drawing = drawing.borrow();
        for layer in &drawing.layers {
            if layer.entry.shown.get() {
                into.add_layer(layer.draw(drawing.vectors.as_ref()).unchecked_ref());
            }
        }
    }
}
