//! Follow-up codes: random, shown once to the resident, stored only as a SHA-256 hash.

use js_sys::{Function, Reflect, Uint8Array};
use sha2::{Digest, Sha256};
use wasm_bindgen::JsCast;

use crate::error::ApiError;

/// 128 random bits from the runtime's CSPRNG (`crypto.getRandomValues`), as 32 hex digits.
pub fn new_followup_token() -> Result<String, ApiError> {
    let fail = |_| ApiError::Internal("crypto.getRandomValues is unavailable".into());
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(fail)?;
    let get_random_values: Function = Reflect::get(&crypto, &"getRandomValues".into())
        .map_err(fail)?
        .dyn_into()
        .map_err(|_| fail(Default::default()))?;
    let bytes = Uint8Array::new_with_length(16);
    get_random_values.call1(&crypto, &bytes).map_err(fail)?;
    Ok(hex::encode(bytes.to_vec()))
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
