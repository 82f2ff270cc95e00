//! Cloudflare Turnstile in the browser, for municipalities that ask for a human check. Its script
//! is loaded from Cloudflare only then (the one third party besides the map tiles), and its box is
//! drawn inside our shadow root. The edge verifies the token (edge/src/human.rs).

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

const SCRIPT: &str = "https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit";

/// `window.turnstile`, loading Cloudflare's script first if the page does not have it yet.
async fn turnstile() -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let existing = Reflect::get(&window, &"turnstile".into())?;
    if !existing.is_undefined() {
        return Ok(existing);
    }
    let document = window.document().ok_or("no document")?;
    let script = match document.query_selector("script[data-tryggve-turnstile]")? {
        Some(script) => script,
        None => {
            let script = document.create_element("script")?;
            script.set_attribute("src", SCRIPT)?;
            script.set_attribute("data-tryggve-turnstile", "")?;
            document.head().ok_or("no head")?.append_child(&script)?;
            script
        }
    };
    JsFuture::from(load_event(&script)).await?;
    Reflect::get(&window, &"turnstile".into())
}

/// Resolves when the element fires `load` or `error`.
fn load_event(element: &web_sys::Element) -> js_sys::Promise {
    let element = element.clone();
    js_sys::Promise::new(&mut |resolve, _reject| {
        let _ = element.add_event_listener_with_callback("load", &resolve);
        let _ = element.add_event_listener_with_callback("error", &resolve);
    })
}

/// Draws the check into `container`; `on_token` gets the token when it is passed, and `None`
/// when it expires or fails. Returns the widget's id (for [`reset`]).
pub async fn render(
    container: &HtmlElement,
    site_key: &str,
    language: &str,
    on_token: impl Fn(Option<String>) + 'static,
) -> Result<JsValue, JsValue> {
    let turnstile = turnstile().await?;
    let on_token = std::rc::Rc::new(on_token);
    let passed = {
        let on_token = on_token.clone();
        Closure::<dyn Fn(String)>::new(move |token: String| on_token(Some(token)))
    };
    let lapsed = Closure::<dyn Fn()>::new(move || on_token(None));
    let options = Object::new();
    Reflect::set(&options, &"sitekey".into(), &site_key.into())?;
    Reflect::set(&options, &"language".into(), &language.into())?;
    Reflect::set(&options, &"callback".into(), passed.as_ref())?;
    Reflect::set(&options, &"expired-callback".into(), lapsed.as_ref())?;
    Reflect::set(&options, &"error-callback".into(), lapsed.as_ref())?;
    // The box lives as long as the page: so do its callbacks.
    passed.forget();
    lapsed.forget();
    let render: Function = Reflect::get(&turnstile, &"render".into())?.dyn_into()?;
    render.call2(&turnstile, container, &options)
}

/// Starts the check over (a token is good for one submission).
pub fn reset(widget: &JsValue) {
    let Some(window) = web_sys::window() else { return };
    if let Ok(turnstile) = Reflect::get(&window, &"turnstile".into()) {
        if let Ok(reset) = Reflect::get(&turnstile, &"reset".into()).and_then(|r| r.dyn_into::<Function>()) {
            let _ = reset.call1(&turnstile, widget);
        }
    }
}
