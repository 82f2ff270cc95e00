//! The participant code: issued by the edge the first time a resident asks or votes in one of a
//! municipality's dialogues, and kept in local storage (not a cookie). It lets the edge count one
//! vote per participant and show residents their own questions, without an account; the edge
//! stores only its hash. Clearing the browser's storage makes a new participant.

use std::future::Future;

use tryggve_core::api::ErrorCode;

use crate::api::{ApiError, Edge};
use crate::outbox::storage;

fn slot(tenant: &str) -> String {
    format!("tryggve-participant:{tenant}")
}

/// This browser's code for `tenant`'s dialogues, if it has one. Someone who only watches has
/// none, and is given none.
pub fn stored(tenant: &str) -> Option<String> {
    let stored = storage().and_then(|s| s.get_item(&slot(tenant)).ok().flatten());
    stored.filter(|c| tryggve_core::dialogue::is_participant_token(c))
}

/// Drops a code the edge no longer knows: one this browser made up before codes were issued, or
/// one issued under a key the municipality has since changed.
pub fn forget(tenant: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&slot(tenant));
    }
}

/// Runs `act` with this browser's participant code, asking the edge for one first if there is
/// none. When the edge does not know a stored code, `act` runs once more with a new one.
pub async fn acting<T, F, Fut>(edge: &Edge, tenant: &str, act: F) -> Result<T, ApiError>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let (code, was_stored) = match stored(tenant) {
        Some(code) => (code, true),
        None => (issued(edge, tenant).await?, false),
    };
    match act(code).await {
        Err(ApiError::Rejected { code: ErrorCode::MissingParticipant, .. }) if was_stored => {
            forget(tenant);
            act(issued(edge, tenant).await?).await
        }
        outcome => outcome,
    }
}

/// A new code from the edge, kept for next time.
async fn issued(edge: &Edge, tenant: &str) -> Result<String, ApiError> {
    let code = edge.issue_participant(tenant).await?.code;
    if let Some(storage) = storage() {
        let _ = storage.set_item(&slot(tenant), &code);
    }
    Ok(code)
}
