use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::map_layer::MapLayer;

use super::layer_drawing::layer_group;
use crate::api;

/// The municipality's layers for one page's map and which of them the moderator has hidden
/// (all are shown until hidden). The legend changes `hidden`; the map draws what is left.
#[derive(Clone, Copy)]
pub struct ShownLayers {
    pub layers: RwSignal<Vec<MapLayer>>,
    pub hidden: RwSignal<Vec<i64>>,
}

impl ShownLayers {
    /// Asks the edge for the layers; until they come (or if they cannot), there are none.
    pub fn load(tenant: String) -> Self {
        let shown = Self { layers: RwSignal::new(Vec::new()), hidden: RwSignal::new(Vec::new()) };
        spawn_local(async move {
            if let Ok(found) = api::map_layers(&tenant).await {
                if !shown.layers.is_disposed() {
                    shown.layers.set(found);
                }
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
