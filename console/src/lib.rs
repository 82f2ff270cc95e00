//! The moderator console, served by the edge at `/console/`: the review map
//! (granskningskarta) where a municipality's moderators handle residents' reports.

mod address;
mod api;
mod base_map;
mod components;
mod first_read;
mod focus;

use leptos::prelude::*;
use tryggve_core::i18n::{I18n, Locale};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::app::App;

#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let root: web_sys::HtmlElement =
        document.get_element_by_id("console").ok_or("no #console")?.dyn_into()?;
    root.set_inner_text("");
    let lang = document.document_element().and_then(|e| e.get_attribute("lang")).unwrap_or_default();
    let i18n = I18n::new(Locale::from_tag(&lang).unwrap_or(Locale::Sv));
    mount_to(root, move || {
        provide_context(i18n);
        view! { <App /> }
    })
    .forget();
    Ok(())
}
