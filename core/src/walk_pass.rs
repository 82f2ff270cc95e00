//! A walk pass: what a participant's phone holds once it has joined a safety walk with the walk
//! code, and shows with every point it logs. The phone keeps the pass, not the code (which the
//! group was told aloud and may be short), and the edge recognises its own passes without
//! storing them: a pass is an HMAC, under the deployment's key, of the municipality, the walk and
//! the code's stored hash. A new walk code therefore ends the passes issued under the old one.

use hmac::{Hmac, Mac};

/// Hex digits of a pass (128 bits).
const PASS_DIGITS: usize = 32;

/// The pass for a participant of `walk` in `tenant` whose code is stored as `code_hash`.
pub fn issue(key: &str, tenant: &str, walk: i64, code_hash: &str) -> String {
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("walk-pass|{tenant}|{walk}|{code_hash}").as_bytes());
    crate::password::hex(&mac.finalize().into_bytes())[..PASS_DIGITS].to_string()
}

/// Whether `pass` has a pass's form (32 lowercase hex digits), before anything is looked up.
pub fn is_pass(pass: &str) -> bool {
    pass.len() == PASS_DIGITS && pass.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `pass` is the one [`issue`] gives for this walk and its code as stored now
/// (compared in constant time).
pub fn is_valid(key: &str, tenant: &str, walk: i64, code_hash: &str, pass: &str) -> bool {
    is_pass(pass) && crate::secret::same(pass, &issue(key, tenant, walk, code_hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "local-development-participant-key";

    #[test]
    fn a_pass_opens_its_own_walk_under_its_own_code_only() {
        let pass = issue(KEY, "demo", 7, "hash-of-code");
        assert!(is_pass(&pass), "{pass}");
        assert!(is_valid(KEY, "demo", 7, "hash-of-code", &pass));
        assert!(!is_valid(KEY, "demo", 8, "hash-of-code", &pass), "another walk");
        assert!(!is_valid(KEY, "annanby", 7, "hash-of-code", &pass), "another municipality");
        assert!(!is_valid(KEY, "demo", 7, "hash-of-new-code", &pass), "the code was changed");
        assert!(!is_valid("another-key", "demo", 7, "hash-of-code", &pass), "another deployment");
        assert!(!is_pass(&pass.to_uppercase()) && !is_pass(&pass[1..]));
    }
}
