use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::i18n::I18n;
use tryggve_core::settings::areas_from_geojson;
use tryggve_core::{Area, MapConfig};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::areas_map::{colour_index, AreasMap};

/// The areas statistics are counted by: uploaded as GeoJSON (as GIS programs export them),
/// shown on a map at once, and replacing the previous ones when the settings are saved.
#[component]
pub fn AreasEditor(areas: RwSignal<Vec<Area>>, map: MapConfig) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    // Said beside the file field, where the admin is looking.
    let notice = RwSignal::new(String::new());
    let upload = move |ev: web_sys::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
        spawn_local(async move {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let parsed = serde_json::from_str::<serde_json::Value>(&text)
                .map_err(|_| i18n.t("console-areas-not-geojson"))
                .and_then(|value| {
                    areas_from_geojson(&value).map_err(|e| {
                        let reason =
                            i18n.t(&format!("console-settings-error-{}", e.code.id().replace('_', "-")));
                        i18n.t_with("console-areas-invalid", &[("where", &e.path), ("reason", &reason)])
                    })
                });
            match parsed {
                Ok(read) => {
                    let count = read.len() as u64;
                    areas.set(read);
                    notice.set(i18n.t_count("console-areas-read", count, &[]));
                }
                Err(message) => notice.set(message),
            }
        });
    };
    view! {
        <fieldset>
            <legend>{i18n.t("console-settings-areas")}</legend>
            <ul class="areas">
                {move || areas.get().into_iter().enumerate().map(|(index, a)| {
                    // A class, not a style attribute: the console's CSP allows no inline styles.
                    let swatch = format!("swatch area-colour-{}", colour_index(index));
                    view! { <li><span class=swatch aria-hidden="true"></span>{a.name}</li> }
                }).collect_view()}
            </ul>
            <AreasMap config=map areas />
            <p class="hint" id="settings-areas-hint">{i18n.t("console-settings-areas-hint")}</p>
            <label for="settings-areas">{i18n.t("console-settings-areas-file")}</label>
            <input id="settings-areas" type="file" accept=".geojson,.json,application/geo+json,application/json"
                aria-describedby="settings-areas-hint" on:change=upload />
            <button type="button" on:click=move |_| areas.set(Vec::new())>{i18n.t("console-areas-clear")}</button>
            <p class="field-notice" role="status" aria-live="polite">{move || notice.get()}</p>
        </fieldset>
    }
}
