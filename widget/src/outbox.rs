//! Submissions that could not be sent yet: reports and dialogue questions. Each is kept in this
//! browser's local storage (never on a server, never a cookie) with an idempotency key, sent
//! again with backoff (also after a reload), and removed once the edge has it. The key makes
//! the edge store it exactly once, however many times it arrives.
//!
//! A secret in a submission (a staff member's access code) is kept apart, in session storage:
//! it survives a reload but not the tab, so that a shared computer does not keep a code that
//! was typed on it.

use std::cell::RefCell;
use std::future::Future;

use js_sys::Promise;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tryggve_core::dialogue::QuestionDraft;
use tryggve_core::ReportDraft;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiError;

const FIRST_DELAY_MS: i32 = 2_000;
const LONGEST_DELAY_MS: i32 = 60_000;

/// Something residents send that must arrive exactly once.
pub trait Outgoing: Serialize + DeserializeOwned {
    fn idempotency_key(&self) -> Option<&str>;
    /// Takes over the identity of `waiting` (the same submission, perhaps corrected), or gets a
    /// new one.
    fn identify(&mut self, waiting: Option<Self>)
    where
        Self: Sized;
    /// Takes out what must not outlive the tab (see the module's comment).
    fn take_secret(&mut self) -> Option<String> {
        None
    }
    fn put_secret(&mut self, _secret: String) {}
}

impl Outgoing for ReportDraft {
    fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    fn identify(&mut self, waiting: Option<Self>) {
        let (key, token) = match waiting {
            Some(waiting) => (waiting.idempotency_key, waiting.followup_token),
            None => (Some(random_hex(16)), Some(random_hex(16))),
        };
        self.idempotency_key = key;
        self.followup_token = token;
    }

    fn take_secret(&mut self) -> Option<String> {
        self.access_code.take()
    }

    fn put_secret(&mut self, secret: String) {
        self.access_code = Some(secret);
    }
}

impl Outgoing for QuestionDraft {
    fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_deref()
    }

    fn identify(&mut self, waiting: Option<Self>) {
        self.idempotency_key = waiting.and_then(|w| w.idempotency_key).or_else(|| Some(random_hex(16)));
    }
}

/// Where a tenant's waiting report is kept.
pub fn report_slot(tenant: &str) -> String {
    format!("tryggve-outbox:{tenant}")
}

/// Where a waiting question to one dialogue is kept.
pub fn question_slot(tenant: &str, dialogue: i64) -> String {
    format!("tryggve-question-outbox:{tenant}:{dialogue}")
}

pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Where a waiting submission's secret is kept: this tab's session storage.
fn secret_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The submission waiting in `slot`, if any, with its secret if this tab still has it.
pub fn pending<T: Outgoing>(slot: &str) -> Option<T> {
    let text = storage()?.get_item(slot).ok()??;
    let mut draft: T = crate::json::from_text(&text)?;
    if let Some(secret) = secret_storage().and_then(|s| s.get_item(slot).ok().flatten()) {
        draft.put_secret(secret);
    }
    Some(draft)
}

fn keep<T: Outgoing + Clone>(slot: &str, draft: &T) {
    let mut kept = draft.clone();
    // Without session storage the secret is kept nowhere: the submission then waits for it.
    let secret = kept.take_secret();
    if let Some(secrets) = secret_storage() {
        let _ = match secret {
            Some(secret) => secrets.set_item(slot, &secret),
            None => secrets.remove_item(slot),
        };
    }
    if let (Some(storage), Some(text)) = (storage(), crate::json::to_text(&kept)) {
        let _ = storage.set_item(slot, &text);
    }
}

fn forget(slot: &str) {
    for storage in [storage(), secret_storage()].into_iter().flatten() {
        let _ = storage.remove_item(slot);
    }
}

/// `bytes` random bytes from the browser's CSPRNG, as hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut buffer);
    }
    buffer.iter().map(|b| format!("{b:02x}")).collect()
}

/// Gives `draft` its retry identity (`restored`'s, the submission this page showed as waiting,
/// which another tab may have sent since; else the one waiting in `slot`, if any) and keeps it
/// until it is sent.
pub fn prepare<T: Outgoing + Clone>(slot: &str, mut draft: T, restored: Option<T>) -> T {
    draft.identify(restored.or_else(|| pending(slot)));
    keep(slot, &draft);
    draft
}

/// Keys that a sender on this page has claimed (a few at most: a list, which costs the
/// download less code than a hash set).
pub struct Claimed(RefCell<Vec<String>>);

impl Claimed {
    pub const fn new() -> Self {
        Self(RefCell::new(Vec::new()))
    }

    /// True if `key` was free and is now the caller's.
    pub fn claim(&self, key: &str) -> bool {
        let mut claimed = self.0.borrow_mut();
        let free = !claimed.iter().any(|k| k == key);
        if free {
            claimed.push(key.to_string());
        }
        free
    }

    pub fn release(&self, key: &str) {
        self.0.borrow_mut().retain(|k| k != key);
    }
}

thread_local! {
    /// Keys being delivered now, so that a redrawn form does not start a second sender.
    static IN_FLIGHT: Claimed = const { Claimed::new() };
}

pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Sends `draft` with `send` until the edge answers: `None` if another sender already has it or
/// it was sent elsewhere (another tab); the edge's answer otherwise. `on_waiting` runs after
/// each failed try.
pub async fn deliver<T, R, F>(
    slot: &str,
    draft: T,
    send: impl Fn(T) -> F,
    on_waiting: impl Fn(),
) -> Option<Result<R, ApiError>>
where
    T: Outgoing + Clone,
    F: Future<Output = Result<R, ApiError>>,
{
    let key = draft.idempotency_key().unwrap_or_default().to_string();
    if !IN_FLIGHT.with(|f| f.claim(&key)) {
        return None;
    }
    let mut delay = FIRST_DELAY_MS;
    let outcome = loop {
        match send(draft.clone()).await {
            Err(ApiError::Network) => {
                on_waiting();
                sleep(delay).await;
                delay = (delay * 2).min(LONGEST_DELAY_MS);
                match pending::<T>(slot) {
                    Some(waiting) if waiting.idempotency_key() == Some(key.as_str()) => {}
                    // Replaced by a newer submission: that one has its own sender.
                    Some(_) => break None,
                    // Sent from another tab: this tab's copy of a secret goes too.
                    None => {
                        forget(slot);
                        break None;
                    }
                }
            }
            // Stored, or refused for good: either way it is no longer waiting.
            answer => {
                forget(slot);
                break Some(answer);
            }
        }
    };
    IN_FLIGHT.with(|f| f.release(&key));
    outcome
}
