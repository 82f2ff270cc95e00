//! The participant code: a random secret this browser makes the first time the resident takes
//! part in one of a municipality's dialogues, and keeps in local storage (not a cookie). It lets
//! the edge count one vote per participant and show residents their own questions, without an
//! account; the edge stores only its hash. Clearing the browser's storage makes a new participant.

use crate::outbox::{random_hex, storage};

pub fn code(tenant: &str) -> String {
    let slot = format!("tryggve-participant:{tenant}");
    let stored = storage().and_then(|s| s.get_item(&slot).ok().flatten());
    match stored.filter(|c| tryggve_core::dialogue::is_participant_token(c)) {
        Some(code) => code,
        None => {
            let code = random_hex(16);
            if let Some(storage) = storage() {
                let _ = storage.set_item(&slot, &code);
            }
            code
        }
    }
}
