//! The municipality's own map layers in the console: uploaded and removed under settings
//! (admins), drawn on the review map and the lägesbild's map with a legend whose toggles show
//! and hide each layer.

mod layer_drawing;
mod layer_toggles;
mod layers_editor;
mod shown_layers;

pub use layer_toggles::LayerToggles;
pub use layers_editor::LayersEditor;
pub use shown_layers::ShownLayers;
