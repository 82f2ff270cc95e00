//! JSON, read and written by the browser's own `JSON.parse` and `JSON.stringify`, with serde
//! walking the values they make (serde-wasm-bindgen) instead of serde_json's parser and number
//! formatting compiled into every module: the same types, a smaller download for residents.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// `value` (as the browser parsed it) read as a `T`.
pub fn from_value<T: DeserializeOwned>(value: JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(value).ok()
}

/// JSON `text` read as a `T`; `None` if it is not JSON or not a `T`.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    from_value(js_sys::JSON::parse(text).ok()?)
}

/// `value` as the browser's value of its JSON: maps as objects, `None` as `null`, as serde_json
/// would write them.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()
}

/// `value` as JSON text.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    js_sys::JSON::stringify(&to_value(value)?).ok()?.as_string()
}
