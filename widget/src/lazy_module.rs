//! Parts of the report form that most residents never open (their follow-up view) are
//! WebAssembly modules of their own, loaded the first time they are needed: each is a few
//! kilobytes less in the form's own download. The loader (`loadModule` in
//! `widget/js/tryggve.js`) fetches, starts and keeps each module once per page.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

thread_local! {
    /// The loader's `loadModule` and the URL of the widget's files, handed over when the first
    /// form is mounted (kept here rather than in a Leptos context, as the Leaflet loader is).
    static LOADER: RefCell<Option<(Function, String)>> = const { RefCell::new(None) };
}

/// Keeps the loader's `loadModule` and the widget's files' URL (`assets`, ending in `/`).
pub fn keep_loader(load: Function, assets: String) {
    LOADER.with(|kept| *kept.borrow_mut() = Some((load, assets)));
}

/// The URL of the widget's files, which a module loaded later needs for its words.
pub fn assets() -> Option<String> {
    LOADER.with(|kept| kept.borrow().as_ref().map(|(_, assets)| assets.clone()))
}

/// Module `name`'s exported function `function`, the module loaded (or found loaded) first;
/// `None` if it cannot be had (offline, say).
pub async fn function(name: &str, function: &str) -> Option<Function> {
    let loading =
        LOADER.with(|kept| kept.borrow().as_ref().map(|(load, _)| load.call1(&JsValue::NULL, &name.into())));
    let promise: Promise = loading?.ok()?.dyn_into().ok()?;
    let module = JsFuture::from(promise).await.ok()?;
    Reflect::get(&module, &function.into()).ok()?.dyn_into().ok()
}
