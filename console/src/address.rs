//! The console's address: which page, which filter and which case a moderator is looking at,
//! in the URL's query (`?view=review&status=new&case=2026-0012`). A view can be sent to a
//! colleague, reloaded, and the browser's back and forward buttons step through what was seen.

use tryggve_core::review::ReportFilter;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Address {
    /// The municipality (so a colleague's login form names it).
    pub tenant: String,
    /// The page's id (`review`, `dashboard`, …); empty for the role's first page.
    pub view: String,
    pub filter: ReportFilter,
    /// The case open on the review page.
    pub case: Option<String>,
}

impl Address {
    /// The address the browser shows now. What cannot be read (an old or mistyped link) is
    /// left out rather than refused: the page opens with what could be.
    pub fn current() -> Self {
        let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return Self::default() };
        let mut pairs = Vec::new();
        for entry in js_sys::try_iter(&params).ok().flatten().into_iter().flatten().flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            pairs.push((
                pair.get(0).as_string().unwrap_or_default(),
                pair.get(1).as_string().unwrap_or_default(),
            ));
        }
        let get = |key: &str| pairs.iter().find(|(k, v)| k == key && !v.is_empty()).map(|(_, v)| v.clone());
        let filter = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .filter(|pair| ReportFilter::from_query([*pair]).is_ok())
            .collect::<Vec<_>>();
        Self {
            tenant: get("tenant").unwrap_or_default(),
            view: get("view").unwrap_or_default(),
            filter: ReportFilter::from_query(filter).unwrap_or_default(),
            case: get("case"),
        }
    }

    /// The query this address is written as.
    pub fn to_search(&self) -> String {
        let encode = tryggve_core::report_list::encode_query_value;
        let mut parts = vec![format!("tenant={}", encode(&self.tenant)), format!("view={}", self.view)];
        let filter = self.filter.to_query();
        if !filter.is_empty() {
            parts.push(filter);
        }
        if let Some(case) = &self.case {
            parts.push(format!("case={}", encode(case)));
        }
        format!("?{}", parts.join("&"))
    }

    /// Makes this the browser's address, unless it already is: as a new step in its history,
    /// or (`replace`, for the address the console opened with) in place of the current one.
    pub fn show(&self, replace: bool) {
        let Some(window) = web_sys::window() else { return };
        let search = self.to_search();
        if window.location().search().ok().as_deref() == Some(search.as_str()) {
            return;
        }
        if let Ok(history) = window.history() {
            let _ = if replace {
                history.replace_state_with_url(&JsValue::NULL, "", Some(&search))
            } else {
                history.push_state_with_url(&JsValue::NULL, "", Some(&search))
            };
        }
    }
}

/// Calls `f` with the address each time the moderator goes back or forward.
pub fn on_back_or_forward(f: impl Fn(Address) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let listener = Closure::<dyn Fn()>::new(move || f(Address::current()));
    let _ = window.add_event_listener_with_callback("popstate", listener.as_ref().unchecked_ref());
    // The console's one page lives as long as the tab.
    listener.forget();
}
