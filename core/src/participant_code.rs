//! Participant codes, issued by the edge. A code is what lets a resident vote once per question
//! and follow their own questions without an account, so it must not be something a client can
//! make up: one address could otherwise cast a vote per made-up code. An issued code is 16 hex
//! digits of randomness followed by 16 hex digits of an HMAC of them under the deployment's key,
//! bound to the municipality. The edge hands codes out under a per-client limit and recognises
//! its own without storing them; the shape stays that of [`crate::dialogue::is_participant_token`].

use hmac::{Hmac, Mac};

/// Bytes of randomness in a code (64 bits: two codes alike is a one in 2^32 chance only after
/// four billion codes, and guessing another's code also means guessing its tag).
pub const RANDOM_BYTES: usize = 8;
/// Hex digits of the tag: forging one takes 2^64 tries against the edge.
const TAG_DIGITS: usize = 16;

/// The code for `random`, issued by the deployment whose key is `key` to a participant in
/// `tenant`'s dialogues.
pub fn issue(key: &str, tenant: &str, random: [u8; RANDOM_BYTES]) -> String {
    let id = crate::password::hex(&random);
    let tag = tag(key, tenant, &id);
    format!("{id}{tag}")
}

/// Whether `code` was issued by [`issue`] with this `key` for this `tenant` (compared in constant
/// time). A made-up code, or one issued for another municipality, is not.
pub fn is_issued(key: &str, tenant: &str, code: &str) -> bool {
    if !crate::dialogue::is_participant_token(code) {
        return false;
    }
    let (id, given) = code.split_at(RANDOM_BYTES * 2);
    crate::secret::same(given, &tag(key, tenant, id))
}

fn tag(key: &str, tenant: &str, id: &str) -> String {
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("participant|{tenant}|{id}").as_bytes());
    let digest = crate::password::hex(&mac.finalize().into_bytes());
    digest[..TAG_DIGITS].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "local-development-participant-key";
    const RANDOM: [u8; RANDOM_BYTES] = [0x3f, 0xa1, 0x07, 0xc2, 0x9e, 0x55, 0xd4, 0x18];

    #[test]
    fn an_issued_code_is_recognised_and_has_the_shape_of_a_participant_code() {
        let code = issue(KEY, "demo", RANDOM);
        assert_eq!(code.len(), 32);
        assert!(code.starts_with("3fa107c29e55d418"));
        assert!(crate::dialogue::is_participant_token(&code));
        assert!(is_issued(KEY, "demo", &code));
    }

    #[test]
    fn the_tag_is_hmac_sha256_as_others_compute_it() {
        // HMAC-SHA256(KEY, "participant|demo|3fa107c29e55d418"), first 8 bytes, computed with
        // Node's crypto.createHmac (the tests' fixtures sign codes the same way).
        assert_eq!(issue(KEY, "demo", RANDOM), "3fa107c29e55d418658d831d8459faaa");
    }

    #[test]
    fn made_up_altered_or_foreign_codes_are_not_issued() {
        let code = issue(KEY, "demo", RANDOM);
        assert!(!is_issued(KEY, "grannby", &code), "bound to the municipality");
        assert!(!is_issued("another-deployment", "demo", &code), "bound to the deployment's key");
        let mut altered = code.clone().into_bytes();
        altered[31] = if altered[31] == b'0' { b'1' } else { b'0' };
        assert!(!is_issued(KEY, "demo", std::str::from_utf8(&altered).unwrap()), "the tag counts");
        let mut other_id = code.clone().into_bytes();
        other_id[0] = if other_id[0] == b'0' { b'1' } else { b'0' };
        assert!(!is_issued(KEY, "demo", std::str::from_utf8(&other_id).unwrap()), "the id counts");
        assert!(!is_issued(KEY, "demo", "0123456789abcdef0123456789abcdef"), "made up");
        assert!(!is_issued(KEY, "demo", &code.to_uppercase()), "the shape counts");
        assert!(!is_issued(KEY, "demo", &code[..31]));
        assert!(!is_issued(KEY, "demo", ""));
    }
}
