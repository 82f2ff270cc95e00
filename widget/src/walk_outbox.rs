//! The points a walk logger has logged that the edge does not have yet. In a dark park with no
//! signal that is normal: each point is kept in this browser's local storage (never on a server,
//! never a cookie) under the key the phone gave it, sent in the order logged as soon as there is
//! a connection (also after a reload), and removed once the edge has answered. The key makes the
//! edge store each point once, however many times it arrives.

use std::future::Future;

use js_sys::Promise;
use tryggve_core::api::ErrorCode;
use tryggve_core::walk_point::{WalkPoint, WalkPointDraft};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::api::ApiError;
use crate::outbox::{random_hex, storage, Claimed};

const FIRST_DELAY_MS: i32 = 2_000;
/// Short: a walk moves on, and the browser's `online` event wakes the sender at once anyway.
const LONGEST_DELAY_MS: i32 = 15_000;

/// Where the points waiting for one walk are kept.
pub fn slot(tenant: &str, walk: i64) -> String {
    format!("tryggve-walk-outbox:{tenant}:{walk}")
}

/// A key for a new point (32 hex digits).
pub fn new_key() -> String {
    random_hex(16)
}

/// The points waiting in `slot`, oldest first.
pub fn waiting(slot: &str) -> Vec<WalkPointDraft> {
    let text = storage().and_then(|s| s.get_item(slot).ok().flatten());
    text.and_then(|t| crate::json::from_text(&t)).unwrap_or_default()
}

fn save(slot: &str, points: &[WalkPointDraft]) {
    let Some(storage) = storage() else { return };
    let _ = match points.is_empty() {
        true => storage.remove_item(slot),
        false => match crate::json::to_text(points) {
            Some(text) => storage.set_item(slot, &text),
            None => return,
        },
    };
}

/// Keeps `point` until it is sent.
pub fn add(slot: &str, point: WalkPointDraft) {
    let mut points = waiting(slot);
    points.push(point);
    save(slot, &points);
}

fn remove(slot: &str, key: &str) {
    let mut points = waiting(slot);
    points.retain(|p| p.idempotency_key != key);
    save(slot, &points);
}

/// What became of a point that was waiting.
pub enum Delivered {
    Stored(WalkPoint),
    /// Refused for good (the walk has ended, the place is outside the municipality…): it is no
    /// longer kept, and the participant is told.
    Refused(WalkPointDraft, ApiError),
    /// The walk's code was changed since this phone joined: the points wait for it to join again.
    PassRefused,
}

thread_local! {
    /// Walks whose points are being sent now, so that a second call does not start a second
    /// sender.
    static SENDING: Claimed = const { Claimed::new() };
}

/// Sends the points waiting in `slot` with `send`, oldest first, until none is left, telling
/// `on_delivered` of each. Without a connection it waits and tries again (sooner when the
/// browser says it is online again), and tells `on_waiting`. A refused pass stops it with the
/// points kept: they are sent once the participant has joined again.
pub async fn send_waiting<F>(
    slot: &str,
    send: impl Fn(WalkPointDraft) -> F,
    on_delivered: impl Fn(Delivered),
    on_waiting: impl Fn(),
) where
    F: Future<Output = Result<WalkPoint, ApiError>>,
{
    if !SENDING.with(|s| s.claim(slot)) {
        return;
    }
    let mut delay = FIRST_DELAY_MS;
    while let Some(point) = waiting(slot).into_iter().next() {
        match send(point.clone()).await {
            Ok(stored) => {
                remove(slot, &point.idempotency_key);
                delay = FIRST_DELAY_MS;
                on_delivered(Delivered::Stored(stored));
            }
            Err(ApiError::Network) => {
                on_waiting();
                sleep_or_online(delay).await;
                delay = (delay * 2).min(LONGEST_DELAY_MS);
            }
            Err(ApiError::Rejected { code: ErrorCode::MissingToken, .. }) => {
                on_delivered(Delivered::PassRefused);
                break;
            }
            Err(refused) => {
                remove(slot, &point.idempotency_key);
                on_delivered(Delivered::Refused(point, refused));
            }
        }
    }
    SENDING.with(|s| s.release(slot));
}

/// Waits `ms`, or until the browser says it is online again, whichever comes first.
async fn sleep_or_online(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else { return };
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        let once = web_sys::AddEventListenerOptions::new();
        once.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "online",
            resolve.unchecked_ref(),
            &once,
        );
    });
    let _ = JsFuture::from(promise).await;
}
