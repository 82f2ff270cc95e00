//! Secrets made at the edge: follow-up codes, session ids, CSRF tokens and salts, all from the
//! runtime's CSPRNG (`crypto.getRandomValues`). What we store of them is a SHA-256 hash.

use js_sys::{Function, Reflect, Uint8Array};
use sha2::{Digest, Sha256};
use wasm_bindgen::JsCast;

use crate::error::ApiError;

/// `len` random bytes.
pub fn random_bytes(len: u32) -> Result<Vec<u8>, ApiError> {
    let unavailable = || ApiError::Internal("crypto.getRandomValues is unavailable".into());
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).map_err(|_| unavailable())?;
    let get_random_values: Function = Reflect::get(&crypto, &"getRandomValues".into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(unavailable)?;
    let bytes = Uint8Array::new_with_length(len);
    get_random_values.call1(&crypto, &bytes).map_err(|_| unavailable())?;
    Ok(bytes.to_vec())
}

/// 128 random bits as 32 hex digits: follow-up codes and CSRF tokens.
pub fn new_token() -> Result<String, ApiError> {
    random_bytes(16).map(hex::encode)
}

pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}
