//! The resident-facing widget. A small JavaScript loader (`widget/js/tryggve.js`) defines the
//! custom elements and calls [`mount_report`] for each `<tryggve-report>`, [`mount_dialog`]
//! for each `<tryggve-dialog>`, [`mount_walk`] for each `<tryggve-walk>` and [`mount_survey`] for
//! each `<tryggve-survey>`; everything the resident sees is rendered here, inside the element's
//! own Shadow DOM. The build makes a module with each (features `report`, `dialogue`, `walk` and
//! `survey`); what one of them does not use is left out of it.
#![cfg_attr(
    not(all(feature = "report", feature = "dialogue", feature = "walk", feature = "survey")),
    allow(dead_code, unused_imports)
)]

mod api;
mod components;
mod embed;
mod format;
mod live;
mod locales;
mod map_base;
mod map_layers;
mod outbox;
mod participant;
mod place_names;
mod turnstile;
mod typed;
mod walk_outbox;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::api::Edge;
use crate::components::dialogue::DialogueWidget;
use crate::components::report::ReportWidget;
use crate::components::survey::SurveyWidget;
use crate::components::walk::WalkWidget;
use crate::locales::LocaleFiles;

/// Mounts the report form into `host` (a `<tryggve-report>` element).
/// `edge` is the origin the script came from; `assets` is the URL of the widget's files;
/// `load_leaflet` the loader's way to load a further part of our Leaflet (lines and areas).
#[cfg(feature = "report")]
#[wasm_bindgen]
pub async fn mount_report(
    host: HtmlElement,
    edge: String,
    assets: String,
    load_leaflet: js_sys::Function,
) -> Result<(), JsValue> {
    let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
    let preloaded = embed::take_preloaded_config(&host);
    let (root, theme, frame) = embed::prepare_shadow_root(&host, &assets, true).await?;
    let files = LocaleFiles::new(&assets);
    let locale = RwSignal::new(files.first_locale(embed::locale_for(&host)).await);
    let edge = Edge::new(edge);
    map_layers::keep_leaflet_loader(load_leaflet);
    mount_to(root, move || {
        provide_context(files);
        view! { <ReportWidget edge tenant locale theme preloaded frame /> }
    })
    .forget();
    Ok(())
}

/// Mounts a trygghetsdialog into `host` (a `<tryggve-dialog tenant="…" dialogue="…">`); without
/// a `dialogue` attribute, the municipality's published dialogues are listed to choose from.
#[cfg(feature = "dialogue")]
#[wasm_bindgen]
pub async fn mount_dialog(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
    let dialogue = host.get_attribute("dialogue").and_then(|d| d.trim().parse::<i64>().ok());
    // The big screen in the room (one named dialogue only; without one, the list as usual).
    let presenter = host.get_attribute("view").is_some_and(|v| v.trim() == "presenter");
    // A dialogue has no frame of the loader's: it is shown as it is drawn.
    let (root, theme, frame) = embed::prepare_shadow_root(&host, &assets, false).await?;
    frame.reveal();
    let files = LocaleFiles::new(&assets);
    let locale = RwSignal::new(files.first_locale(embed::locale_for(&host)).await);
    let edge = Edge::new(edge);
    mount_to(root, move || {
        provide_context(files);
        view! { <DialogueWidget edge tenant dialogue presenter locale theme /> }
    })
    .forget();
    Ok(())
}

/// Mounts the municipality's safety walks into `host` (a `<tryggve-walk tenant="…">`): the
/// announced walks, and for a participant with the walk's code, the walk logger.
#[cfg(feature = "walk")]
#[wasm_bindgen]
pub async fn mount_walk(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
    let (root, theme, frame) = embed::prepare_shadow_root(&host, &assets, true).await?;
    frame.reveal();
    let files = LocaleFiles::new(&assets);
    let locale = RwSignal::new(files.first_locale(embed::locale_for(&host)).await);
    let edge = Edge::new(edge);
    mount_to(root, move || {
        provide_context(files);
        view! { <WalkWidget edge tenant locale theme /> }
    })
    .forget();
    Ok(())
}

/// Mounts the perceived-safety survey into `host` (a `<tryggve-survey tenant="…">`): the open
/// round's questions above the published results; with `view="results"`, the results alone.
#[cfg(feature = "survey")]
#[wasm_bindgen]
pub async fn mount_survey(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
    let results_only = host.get_attribute("view").is_some_and(|v| v.trim() == "results");
    let (root, theme, frame) = embed::prepare_shadow_root(&host, &assets, false).await?;
    frame.reveal();
    let files = LocaleFiles::new(&assets);
    let locale = RwSignal::new(files.first_locale(embed::locale_for(&host)).await);
    let edge = Edge::new(edge);
    mount_to(root, move || {
        provide_context(files);
        view! { <SurveyWidget edge tenant locale theme results_only /> }
    })
    .forget();
    Ok(())
}
