//! Requests by the browser's own `fetch`: what the widget asks of the edge and of its own files.
//! A few lines instead of a crate's request builder, whose HTTP types and stream adapters every
//! module would download. Like any `fetch` from a page, no cookies travel to another origin.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

/// No answer came: offline, the edge unreachable, or the request refused by the browser (CORS,
/// the page's CSP).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoAnswer;

/// A request: `method` (`GET`, `POST`, …) to `url`.
pub struct Request<'a> {
    method: &'a str,
    url: &'a str,
    headers: Vec<(&'a str, &'a str)>,
    body: Option<&'a str>,
}

impl<'a> Request<'a> {
    pub fn new(method: &'a str, url: &'a str) -> Self {
        Self { method, url, headers: Vec::new(), body: None }
    }

    pub fn get(url: &'a str) -> Self {
        Self::new("GET", url)
    }

    pub fn header(mut self, name: &'a str, value: &'a str) -> Self {
        self.headers.push((name, value));
        self
    }

    /// A JSON body, with its content type.
    pub fn json(self, body: &'a str) -> Self {
        Self { body: Some(body), ..self.header("content-type", "application/json") }
    }

    /// The answer, whatever its status.
    pub async fn send(self) -> Result<Response, NoAnswer> {
        let init = RequestInit::new();
        init.set_method(self.method);
        if !self.headers.is_empty() {
            let headers = Headers::new().map_err(|_| NoAnswer)?;
            for (name, value) in self.headers {
                headers.set(name, value).map_err(|_| NoAnswer)?;
            }
            init.set_headers(&headers);
        }
        if let Some(body) = self.body {
            init.set_body(&JsValue::from_str(body));
        }
        let window = web_sys::window().ok_or(NoAnswer)?;
        let answer = JsFuture::from(window.fetch_with_str_and_init(self.url, &init)).await;
        answer.ok().and_then(|answer| answer.dyn_into::<Response>().ok()).ok_or(NoAnswer)
    }
}

/// `response`'s body as text; `None` if it broke off.
pub async fn text(response: &Response) -> Option<String> {
    JsFuture::from(response.text().ok()?).await.ok()?.as_string()
}
