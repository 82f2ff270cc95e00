use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::map_layer::MapLayer;
use tryggve_core::police_event::{events_layer, PoliceEvent};

use super::layer_drawing::layer_group;
use crate::api;

/// The municipality's layers for one page's map and which of them the moderator has hidden
/// (all are shown until hidden). The legend changes `hidden`; the map draws what is left.
#[derive(Clone, Copy)]
pub struct ShownLayers {
    pub layers: RwSignal<Vec<MapLayer>>,
    pub hidden: RwSignal<Vec<i64>>,
    /// The police's events as they came (the lägesbild counts them too).
    pub police_events: RwSignal<Vec<PoliceEvent>>,
}

impl ShownLayers {
    /// Asks the edge for the layers and the police's events (drawn as one more layer, named
    /// `events_name`); until they come (or if they cannot), there are none.
    pub fn load(tenant: String, events_name: String) -> Self {
        let shown = Self {
            layers: RwSignal::new(Vec::new()),
            hidden: RwSignal::new(Vec::new()),
            police_events: RwSignal::new(Vec::new()),
        };
        spawn_local(async move {
            let mut found = api::map_layers(&tenant).await.unwrap_or_default();
            let events = api::police_events(&tenant).await.unwrap_or_default();
            if !events.is_empty() {
                found.push(events_layer(&events, events_name));
            }
            if !shown.layers.is_disposed() {
                shown.layers.set(found);
                shown.police_events.set(events);
            }
        });
        shown
    }

    pub fn is_shown(self, layer: i64) -> bool {
        self.hidden.with(|h| !h.contains(&layer))
    }

    pub fn set_shown(self, layer: i64, on: bool) {
        self.hidden.update(|h| {
            h.retain(|id| *id != layer);
            if !on {
                h.push(layer);
            }
        });
    }

    /// Draws the shown layers in `into` in place of what it held (tracked: called in an
    /// effect, it draws again when a layer is toggled or the layers arrive).
    pub fn draw(self, into: &leaflet::LayerGroup) {
        into.clear_layers();
        self.layers.with(|layers| {
            for layer in layers.iter().filter(|l| self.is_shown(l.id)) {
                into.add_layer(&layer_group(layer).into());
            }
        });
    }
}
