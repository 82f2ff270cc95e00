//! Request reading and response writing shared by all routes.

use serde::de::DeserializeOwned;
use serde::Serialize;
use worker::{web_sys, Headers, Request, Response};

use crate::error::ApiError;

/// Reads a JSON body: right media type, at most `max_bytes`, well-formed for `T`.
pub async fn read_json<T: DeserializeOwned>(req: &mut Request, max_bytes: usize) -> Result<T, ApiError> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/json") {
        return Err(ApiError::UnsupportedMediaType);
    }
    // Refuse early when the client says it is too big; check again after reading, since
    // Content-Length may be absent.
    let declared = req.headers().get("content-length").ok().flatten().and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(ApiError::BodyTooLarge);
    }
    let bytes = read_at_most(req.inner(), max_bytes).await?;
    serde_json::from_slice(&bytes).map_err(|e| ApiError::InvalidJson(e.to_string()))
}

/// A form's fields (`application/x-www-form-urlencoded`, as Open311 posts), decoded; the body
/// at most `max_bytes`.
pub async fn read_form(req: &mut Request, max_bytes: usize) -> Result<Vec<(String, String)>, ApiError> {
    let content_type = req.headers().get("content-type").ok().flatten().unwrap_or_default();
    if !content_type.to_ascii_lowercase().starts_with("application/x-www-form-urlencoded") {
        return Err(ApiError::UnsupportedMediaType);
    }
    let declared = req.headers().get("content-length").ok().flatten().and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(ApiError::BodyTooLarge);
    }
    let bytes = read_at_most(req.inner(), max_bytes).await?;
    Ok(form_urlencoded::parse(&bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
}

/// The body, read as it arrives and given up as soon as it passes `max_bytes`: a body sent
/// without Content-Length (chunked) is never read whole before the limit, and a sender that
/// stops sending in the middle of a too-large body gets its 413 at once.
async fn read_at_most(req: &web_sys::Request, max_bytes: usize) -> Result<Vec<u8>, ApiError> {
    use wasm_bindgen::JsCast;
    let Some(body) = req.body() else { return Ok(Vec::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let broken =
        |e: wasm_bindgen::JsValue| ApiError::InvalidJson(format!("the body could not be read: {e:?}"));
    let mut bytes = Vec::new();
    loop {
        let chunk = worker::wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(broken)?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).unwrap_or_default();
        if field("done").as_bool().unwrap_or(true) {
            return Ok(bytes);
        }
        let part: js_sys::Uint8Array = field("value").unchecked_into();
        let start = bytes.len();
        if start + part.length() as usize > max_bytes {
            // The rest is not wanted; the sender is told so by the answer.
            let _ = reader.cancel();
            return Err(ApiError::BodyTooLarge);
        }
        bytes.resize(start + part.length() as usize, 0);
        part.copy_to(&mut bytes[start..]);
    }
}

pub fn json<T: Serialize>(status: u16, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => json_bytes(status, body),
        Err(e) => error(&ApiError::Internal(e.to_string())),
    }
}

/// A response with `body`, already JSON.
pub fn json_text(status: u16, body: &str) -> Response {
    json_bytes(status, body.as_bytes().to_vec())
}

fn json_bytes(status: u16, body: Vec<u8>) -> Response {
    Response::builder().with_status(status).with_headers(json_headers()).fixed(body)
}

thread_local! {
    /// The headers of JSON answers, made once per isolate: copying them is one call into
    /// JavaScript with no strings to pass, where setting them anew on every answer was several.
    static JSON_HEADERS: web_sys::Headers = new_json_headers().0;
}

fn new_json_headers() -> Headers {
    let headers = Headers::new();
    let _ = headers.set("content-type", "application/json; charset=utf-8");
    for (name, value) in EVERY_ANSWER {
        let _ = headers.set(name, value);
    }
    headers
}

/// Headers every API answer carries: never cached, never sniffed as another type.
pub const EVERY_ANSWER: [(&str, &str); 2] =
    [("cache-control", "no-store"), ("x-content-type-options", "nosniff")];

/// A fresh copy of the headers of a JSON answer, for the caller to add to.
fn json_headers() -> Headers {
    JSON_HEADERS
        .with(|template| web_sys::Headers::new_with_headers(template).map(Headers))
        .unwrap_or_else(|_| new_json_headers())
}

pub fn error(err: &ApiError) -> Response {
    if let ApiError::Internal(detail) = err {
        worker::console_error!("internal error: {detail}");
    }
    let body = serde_json::to_vec(&err.body()).unwrap_or_default();
    let headers = json_headers();
    match err {
        ApiError::MethodNotAllowed { allowed } => _ = headers.set("allow", allowed),
        ApiError::TooManyAttempts { retry_after_secs } | ApiError::RateLimited { retry_after_secs } => {
            _ = headers.set("retry-after", &retry_after_secs.to_string())
        }
        // One of the client's own lines may close any moment; a minute is a fair guess.
        ApiError::TooManyConnections => _ = headers.set("retry-after", "60"),
        _ => {}
    }
    Response::builder().with_status(err.status()).with_headers(headers).fixed(body)
}

/// The bearer token of an `Authorization` header.
pub fn bearer_token(req: &Request) -> Option<String> {
    let value = req.headers().get("authorization").ok().flatten()?;
    let token = value.strip_prefix("Bearer ")?.trim();
    (!token.is_empty()).then(|| token.to_string())
}

/// The value of cookie `name`, if the request carries it.
pub fn cookie(req: &Request, name: &str) -> Option<String> {
    let header = req.headers().get("cookie").ok().flatten()?;
    header
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}
