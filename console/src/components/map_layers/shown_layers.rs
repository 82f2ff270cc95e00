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
    /// The municipality's own layers.
    own: RwSignal<Vec<MapLayer>>,
    pub hidden: RwSignal<Vec<i64>>,
    /// The police's events (drawn as one more layer; the lägesbild counts them too).
    pub police_events: RwSignal<Vec<PoliceEvent>>,
    events_name: StoredValue<String>,
}

impl ShownLayers {
    /// Asks the edge for the layers and the police's events (drawn as one more layer, named
    /// `events_name`), both at once; until they come (or if they cannot), there are none.
    pub fn load(tenant: String, events_name: String) -> Self {
        let shown = Self {
            own: RwSignal::new(Vec::new()),
            hidden: RwSignal::new(Vec::new()),
            police_events: RwSignal::new(Vec::new()),
            events_name: StoredValue::new(events_name),
        };
        let for_events = tenant.clone();
        // A page left before an answer came has dropped its signals: `try_set` then does nothing.
        spawn_local(async move {
            let found = api::map_layers(&tenant).await.unwrap_or_default();
            shown.own.try_set(found);
        });
        spawn_local(async move {
            let events = api::police_events(&for_events).await.unwrap_or_default();
            shown.police_events.try_set(events);
        });
        shown
    }

    /// Every layer in legend order: the municipality's, then the police's events if there are
    /// any (tracked).
    pub fn all(self) -> Vec<MapLayer> {
        let mut all = self.own.get();
        self.police_events.with(|events| {
            if !events.is_empty() {
                all.push(events_layer(events, self.events_name.get_value()));
            }
        });
        all
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
        for layer in self.all().iter().filter(|l| self.is_shown(l.id)) {
            into.add_layer(&layer_group(layer).into());
        }
    }
}
