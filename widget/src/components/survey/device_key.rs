//! This device's key for a round, kept in local storage (never a cookie): made once, sent with
//! the answers, and the same on every try, so that an answer sent twice (a retry after a lost
//! reply) is counted once. The edge keeps only a hash of it. Whether this device has answered
//! is kept beside it, so that the thanks stay after a reload.

use serde::{Deserialize, Serialize};
use tryggve_core::survey::DEVICE_KEY_CHARS;

use crate::outbox::{random_hex, storage};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeviceKey {
    pub key: String,
    pub answered: bool,
}

fn slot(tenant: &str, round: i64) -> String {
    format!("tryggve-survey:{tenant}:{round}")
}

/// The round's key on this device, made and kept the first time.
pub fn for_round(tenant: &str, round: i64) -> DeviceKey {
    let kept = storage()
        .and_then(|s| s.get_item(&slot(tenant, round)).ok().flatten())
        .and_then(|text| crate::json::from_text::<DeviceKey>(&text))
        .filter(|k| k.key.len() == DEVICE_KEY_CHARS);
    kept.unwrap_or_else(|| {
        let made = DeviceKey { key: random_hex(DEVICE_KEY_CHARS / 2), answered: false };
        keep(tenant, round, &made);
        made
    })
}

/// Remembers that this device's answers for the round are in.
pub fn mark_answered(tenant: &str, round: i64) {
    let mut key = for_round(tenant, round);
    key.answered = true;
    keep(tenant, round, &key);
}

fn keep(tenant: &str, round: i64, key: &DeviceKey) {
    if let (Some(storage), Some(text)) = (storage(), crate::json::to_text(key)) {
        let _ = storage.set_item(&slot(tenant, round), &text);
    }
}
