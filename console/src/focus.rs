//! Moving keyboard focus to an element the view has just drawn (a report added to the list, an
//! action's outcome, a category that moved).

use wasm_bindgen::JsCast;

/// Focuses the element with `id`; whether there was one to focus.
pub fn focus_by_id(id: &str) -> bool {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    element.is_some_and(|e| e.focus().is_ok())
}
