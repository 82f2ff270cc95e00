//! The resident-facing widget. A small JavaScript loader (`widget/js/tryggve.js`) defines the
//! custom elements and calls [`mount_report`] for each `<tryggve-report>`, [`mount_dialog`]
//! for each `<tryggve-dialog>`, [`mount_walk`] for each `<tryggve-walk>` and [`mount_survey`] for
//! each `<tryggve-survey>`; everything the resident sees is rendered here, inside the element's
//! own Shadow DOM. The build makes a module with each (features `report`, `dialogue`, `walk` and
//! `survey`); what one of them does not use is left out of it. The report form's follow-up view
//! is a module of its own too (`follow`, [`mount_follow_up`]), loaded when a resident opens it.
#![cfg_attr(
    not(all(
        feature = "report",
        feature = "follow",
        feature = "dialogue",
        feature = "walk",
        feature = "survey"
    )),
    allow(dead_code, unused_imports)
)]

mod api;
mod components;
mod embed;
mod format;
mod http;
mod json;
mod lazy_module;
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
use tryggve_core::i18n::Locale;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

use crate::api::Edge;
use crate::components::dialogue::DialogueWidget;
#[cfg(feature = "report")]
use crate::components::report::ReportWidget;
use crate::components::survey::SurveyWidget;
use crate::components::walk::WalkWidget;
use crate::embed::ThemeTarget;
use crate::locales::LocaleFiles;

/// Mounts the report form into `host` (a `<tryggve-report>` element).
/// `edge` is the origin the script came from; `assets` is the URL of the widget's files;
/// `load_leaflet` the loader's way to load a further part of our Leaflet (lines and areas), and
/// `load_module` its way to load a module of ours that the form opens later (the follow-up).
#[cfg(feature = "report")]
#[wasm_bindgen]
pub async fn mount_report(
    host: HtmlElement,
    edge: String,
    assets: String,
    load_leaflet: js_sys::Function,
    load_module: js_sys::Function,
) -> Result<(), JsValue> {
    let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
    let preloaded = embed::take_preloaded_config(&host);
    let (root, theme, frame) = embed::prepare_shadow_root(&host).await?;
    let files = LocaleFiles::new(&assets);
    let locale = RwSignal::new(files.first_locale(embed::locale_for(&host)).await);
    let edge = Edge::new(edge);
    map_layers::keep_leaflet_loader(load_leaflet);
    lazy_module::keep_loader(load_module, assets.clone());
    let loader_map = map_base::LoaderMap::of(&host);
    mount_to(root, move || {
        provide_context(files);
        provide_context(loader_map);
        view! { <ReportWidget edge tenant locale theme preloaded frame /> }
    })
    .forget();
    Ok(())
}

/// Draws a resident's follow-up of their report in `place`, an element inside a report form's
/// shadow root (whose stylesheets it shares), as the form's module asks (`opening`, a
/// [`FollowUpOpening`] as a JavaScript object); its "back" button calls `on_back`. Answers the
/// function that takes the view down again.
#[cfg(feature = "follow")]
#[wasm_bindgen]
pub async fn mount_follow_up(
    place: HtmlElement,
    opening: JsValue,
    on_back: js_sys::Function,
) -> Result<JsValue, JsValue> {
    use crate::components::report::{FollowUp, FollowUpOpening};
    use send_wrapper::SendWrapper;
    use tryggve_core::i18n::I18n;

    let opening: FollowUpOpening =
        json::from_value(opening).ok_or_else(|| JsValue::from_str("not a follow-up opening"))?;
    let FollowUpOpening { edge, assets, tenant, case, code, locale, category_names, explanations } = opening;
    // The form has this language's words; this module asks for them itself (from the cache).
    let locale =
        LocaleFiles::new(&assets).first_locale(Locale::from_tag(&locale).unwrap_or(Locale::Sv)).await;
    let edge = Edge::new(edge);
    let on_back = SendWrapper::new(on_back);
    let on_back = Callback::new(move |()| {
        let _ = on_back.call0(&JsValue::NULL);
    });
    // What the form's module showed while this one loaded.
    place.replace_children_with_node_0();
    let view = mount_to(place, move || {
        provide_context(I18n::new(locale));
        provide_context(category_names);
        view! { <FollowUp edge tenant case code explanations on_back /> }
    });
    Ok(Closure::once_into_js(move || drop(view)))
}

/// What the dialogue, walk and survey elements start from: the municipality named by the
/// element, its shadow root (as the loader prepared it) shown at once, as
/// these elements have no frame of the loader's, the words of its language and the edge.
struct Started {
    tenant: String,
    root: HtmlElement,
    theme: ThemeTarget,
    files: LocaleFiles,
    locale: RwSignal<Locale>,
    edge: Edge,
}

impl Started {
    async fn on(host: &HtmlElement, edge: String, assets: &str) -> Result<Self, JsValue> {
        let tenant = host.get_attribute("tenant").unwrap_or_else(|| "demo".into());
        let (root, theme, frame) = embed::prepare_shadow_root(host).await?;
        frame.reveal();
        let files = LocaleFiles::new(assets);
        let locale = RwSignal::new(files.first_locale(embed::locale_for(host)).await);
        Ok(Self { tenant, root, theme, files, locale, edge: Edge::new(edge) })
    }

    /// Draws `widget` (given what the element started from) in the shadow root, for good.
    fn mount<V: IntoView + 'static>(
        self,
        widget: impl FnOnce(Edge, String, RwSignal<Locale>, ThemeTarget) -> V + 'static,
    ) {
        let Self { tenant, root, theme, files, locale, edge } = self;
        mount_to(root, move || {
            provide_context(files);
            widget(edge, tenant, locale, theme)
        })
        .forget();
    }
}

/// Mounts a trygghetsdialog into `host` (a `<tryggve-dialog tenant="…" dialogue="…">`); without
/// a `dialogue` attribute, the municipality's published dialogues are listed to choose from.
#[cfg(feature = "dialogue")]
#[wasm_bindgen]
pub async fn mount_dialog(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    let dialogue = host.get_attribute("dialogue").and_then(|d| d.trim().parse::<i64>().ok());
    // The big screen in the room (one named dialogue only; without one, the list as usual).
    let presenter = host.get_attribute("view").is_some_and(|v| v.trim() == "presenter");
    Started::on(&host, edge, &assets).await?.mount(move |edge, tenant, locale, theme| {
        view! { <DialogueWidget edge tenant dialogue presenter locale theme /> }
    });
    Ok(())
}

/// Mounts the municipality's safety walks into `host` (a `<tryggve-walk tenant="…">`): the
/// announced walks, and for a participant with the walk's code, the walk logger.
#[cfg(feature = "walk")]
#[wasm_bindgen]
pub async fn mount_walk(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    Started::on(&host, edge, &assets).await?.mount(|edge, tenant, locale, theme| {
        view! { <WalkWidget edge tenant locale theme /> }
    });
    Ok(())
}

/// Mounts the perceived-safety survey into `host` (a `<tryggve-survey tenant="…">`): the open
/// round's questions above the published results; with `view="results"`, the results alone.
#[cfg(feature = "survey")]
#[wasm_bindgen]
pub async fn mount_survey(host: HtmlElement, edge: String, assets: String) -> Result<(), JsValue> {
    let results_only = host.get_attribute("view").is_some_and(|v| v.trim() == "results");
    Started::on(&host, edge, &assets).await?.mount(move |edge, tenant, locale, theme| {
        view! { <SurveyWidget edge tenant locale theme results_only /> }
    });
    Ok(())
}
