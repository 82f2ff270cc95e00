//! The walk this browser has joined, kept in local storage (never a cookie) so that a reload
//! in the middle of a walk comes back to the logger: the walk and its pass, not the code.

use tryggve_core::walk::JoinedWalk;

use crate::outbox::storage;

fn slot(tenant: &str) -> String {
    format!("tryggve-walk:{tenant}")
}

pub fn load(tenant: &str) -> Option<JoinedWalk> {
    let text = storage()?.get_item(&slot(tenant)).ok()??;
    crate::json::from_text(&text)
}

pub fn keep(tenant: &str, joined: &JoinedWalk) {
    if let (Some(storage), Some(text)) = (storage(), crate::json::to_text(joined)) {
        let _ = storage.set_item(&slot(tenant), &text);
    }
}

pub fn forget(tenant: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&slot(tenant));
    }
}
