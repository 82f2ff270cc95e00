//! Reports that could not be sent yet. Each is kept in this browser's local storage (never on
//! a server, never a cookie) with an idempotency key and its follow-up code, sent again with
//! backoff (also after a reload), and removed once the edge has it. The key makes the edge
//! store it exactly once, however many times it arrives.

use std::cell::RefCell;
use std::collections::HashSet;

use js_sys::Promise;
use tryggve_core::ReportDraft;
use wasm_bindgen_futures::JsFuture;

use crate::api::{ApiError, Edge};

const FIRST_DELAY_MS: i32 = 2_000;
const LONGEST_DELAY_MS: i32 = 60_000;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn slot(tenant: &str) -> String {
    format!("tryggve-outbox:{tenant}")
}

/// The report waiting to be sent for `tenant`, if any.
pub fn pending(tenant: &str) -> Option<ReportDraft> {
    let text = storage()?.get_item(&slot(tenant)).ok()??;
    serde_json::from_str(&text).ok()
}

fn keep(tenant: &str, draft: &ReportDraft) {
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&slot(tenant), &text);
    }
}

fn forget(tenant: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&slot(tenant));
    }
}

/// `bytes` random bytes from the browser's CSPRNG, as hex.
fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut buffer);
    }
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

/// Gives `draft` its retry identity: the pending report's key and code if one is waiting (it is
/// the same report, perhaps corrected), new ones otherwise; and keeps it until it is sent.
pub fn prepare(tenant: &str, mut draft: ReportDraft) -> ReportDraft {
    let (key, token) = match pending(tenant) {
        Some(waiting) => (waiting.idempotency_key, waiting.followup_token),
        None => (Some(random_hex(16)), Some(random_hex(16))),
    };
    draft.idempotency_key = key;
    draft.followup_token = token;
    keep(tenant, &draft);
    draft
}

thread_local! {
    /// Keys being delivered now, so that a redrawn form does not start a second sender.
    static IN_FLIGHT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Sends `draft` until the edge answers: `None` if another sender already has it or it was sent
/// elsewhere (another tab); the edge's answer otherwise. `on_waiting` runs after each failed try.
pub async fn deliver(
    edge: &Edge,
    tenant: &str,
    draft: ReportDraft,
    on_waiting: impl Fn(),
) -> Option<Result<tryggve_core::ReportReceipt, ApiError>> {
    let key = draft.idempotency_key.clone().unwrap_or_default();
    if !IN_FLIGHT.with(|f| f.borrow_mut().insert(key.clone())) {
        return None;
    }
    let mut delay = FIRST_DELAY_MS;
    let outcome = loop {
        match edge.submit_report(&draft).await {
            Err(ApiError::Network) => {
                on_waiting();
                sleep(delay).await;
                delay = (delay * 2).min(LONGEST_DELAY_MS);
                let still_ours =
                    pending(tenant).is_some_and(|p| p.idempotency_key.as_deref() == Some(key.as_str()));
                if !still_ours {
                    break None;
                }
            }
            // Stored, or refused for good: either way it is no longer waiting.
            answer => {
                forget(tenant);
                break Some(answer);
            }
        }
    };
    IN_FLIGHT.with(|f| f.borrow_mut().remove(&key));
    outcome
}
