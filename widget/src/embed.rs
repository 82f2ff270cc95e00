//! Everything about living inside someone else's page: the Shadow DOM that keeps the host's
//! CSS out (and ours in), our stylesheets and the theme's, and the language to speak. (Leaflet
//! is the widget's own module, imported by the glue: see `widget/js/leaflet-module.js`.)

use js_sys::{Promise, Reflect};
use tryggve_core::i18n::Locale;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;

/// The element's `lang`, else the host page's `<html lang>`, else the browser's; Swedish if
/// none of those is a language we speak.
pub fn locale_for(host: &HtmlElement) -> Locale {
    let window = web_sys::window();
    let page_lang = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"));
    let browser_lang = window.and_then(|w| w.navigator().language());
    [host.get_attribute("lang"), page_lang, browser_lang]
        .into_iter()
        .flatten()
        .find_map(|tag| Locale::from_tag(&tag))
        .unwrap_or(Locale::Sv)
}

/// A request for the municipality's configuration that the loader (tryggve.js) started while
/// the widget itself was still downloading: one round trip less on a slow connection.
pub type PreloadedConfig = send_wrapper::SendWrapper<Promise>;

/// Takes the loader's configuration request off `host` (so that it is used once), if any.
pub fn take_preloaded_config(host: &HtmlElement) -> Option<PreloadedConfig> {
    let key = JsValue::from_str("tryggveConfig");
    let promise = Reflect::get(host, &key).ok()?.dyn_into::<Promise>().ok()?;
    let _ = Reflect::delete_property(host, &key);
    Some(send_wrapper::SendWrapper::new(promise))
}

/// Where the municipality's theme goes: the widget's shadow root, as a constructed stylesheet of
/// `:host` rules after our own (`base`, the sheets the loader adopted), so that they replace its
/// defaults, and before the host page's rules for the element (so a page's own `--tryggve-*`
/// values still win). Constructed stylesheets need no `style-src` exception in the page's CSP.
#[derive(Clone)]
pub struct ThemeTarget {
    shadow: send_wrapper::SendWrapper<web_sys::ShadowRoot>,
    base: send_wrapper::SendWrapper<js_sys::Array>,
}

impl ThemeTarget {
    pub fn apply(&self, theme: &tryggve_core::theme::Theme) {
        let sheets = self.base.slice(0, self.base.length());
        let css = tryggve_core::theme::host_css(theme);
        if !css.is_empty() {
            if let Ok(sheet) = web_sys::CssStyleSheet::new() {
                if sheet.replace_sync(&css).is_ok() {
                    sheets.push(&sheet);
                }
            }
        }
        self.shadow.set_adopted_style_sheets(&sheets);
    }
}

/// The loader's frame (`drawFrame` in widget/js/tryggve.js): what the resident sees while the
/// widget is on its way. The widget is drawn out of sight beside it and, once it has something
/// to show, takes its place in one step, so nothing on the screen moves.
#[derive(Clone)]
pub struct Frame {
    host: send_wrapper::SendWrapper<HtmlElement>,
    root: send_wrapper::SendWrapper<HtmlElement>,
}

impl Frame {
    /// Removes the loader's frame (and tells the loader not to draw one any more) and shows
    /// the widget.
    pub fn reveal(&self) {
        let _ = Reflect::set(&self.host, &JsValue::from_str("tryggveTakenOver"), &JsValue::TRUE);
        if let Some(frame) = self.host.shadow_root().and_then(|s| s.query_selector(".frame").ok().flatten()) {
            frame.remove();
        }
        let _ = self.root.class_list().remove_1("arriving");
    }
}

/// Takes over `host`'s shadow root as the loader prepared it (tryggve.js, `prepareRoot`: our
/// stylesheet adopted, Leaflet's linked where the element has a map). Returns the element to
/// mount the user interface in (out of sight until [`Frame::reveal`]), where its theme goes, and
/// the frame. Waits for Leaflet's stylesheet so that a map is never laid out without it.
pub async fn prepare_shadow_root(host: &HtmlElement) -> Result<(HtmlElement, ThemeTarget, Frame), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let shadow = host.shadow_root().ok_or("no shadow root: the widget starts from its loader")?;
    let root: HtmlElement = document.create_element("div")?.dyn_into()?;
    root.set_class_name("tryggve arriving");
    shadow.append_child(&root)?;
    if let Ok(styled) = Reflect::get(host, &JsValue::from_str("tryggveStyled"))?.dyn_into::<Promise>() {
        // A stylesheet that fails to load still lets the form work: the loader's promise
        // resolves either way.
        let _ = JsFuture::from(styled).await;
    }
    let frame = Frame {
        host: send_wrapper::SendWrapper::new(host.clone()),
        root: send_wrapper::SendWrapper::new(root.clone()),
    };
    let theme = ThemeTarget {
        base: send_wrapper::SendWrapper::new(shadow.adopted_style_sheets()),
        shadow: send_wrapper::SendWrapper::new(shadow),
    };
    Ok((root, theme, frame))
}

/// Tells the host page something happened: a `CustomEvent` that bubbles out of the shadow root
/// (`composed`), so that listeners on the `<tryggve-…>` element or the document receive it.
/// The detail, one field (`{ key: value }`), carries no personal data and no follow-up code.
pub fn announce(from: &web_sys::Element, name: &str, (key, value): (&str, wasm_bindgen::JsValue)) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    let detail = js_sys::Object::new();
    if js_sys::Reflect::set(&detail, &key.into(), &value).is_ok() {
        init.set_detail(&detail);
    }
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = from.dispatch_event(&event);
    }
}
