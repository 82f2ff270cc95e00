use leptos::prelude::*;
use tryggve_core::i18n::I18n;

use super::ShownLayers;

/// The legend of a map's layers: each layer's symbol in its colour and its name, ticked while
/// it is shown. Nothing when the municipality has no layers.
#[component]
pub fn LayerToggles(shown: ShownLayers) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    move || {
        let layers = shown.all();
        (!layers.is_empty()).then(|| {
            view! {
                <fieldset class="layer-toggles">
                    <legend>{i18n.t("console-layers-legend")}</legend>
                    {layers.into_iter().map(|layer| {
                        let id = layer.id;
                        let kind = layer.draft.shape_counts().main_kind();
                        // Classes, not a style attribute: the console's CSP allows no inline styles.
                        let symbol = format!("layer-symbol layer-{} layer-colour-{}", kind.id(), layer.draft.colour.id());
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || shown.is_shown(id)
                                    on:change=move |ev| shown.set_shown(id, event_target_checked(&ev)) />
                                <span class=symbol aria-hidden="true"></span>
                                {layer.draft.name}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }
        })
    }
}
