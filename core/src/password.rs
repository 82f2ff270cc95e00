//! Moderator passwords: Argon2id with OWASP's parameters (19 MiB, 2 passes), stored as a PHC
//! string (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`). The caller supplies the random salt,
//! so this module stays free of I/O; the edge and `cargo xtask moderator add` share it.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

pub use crate::console::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};

/// Letters and digits a person reads aloud or types from a note without mixing them up (no
/// l/1, o/0, no capitals): 32 of them, so each random byte's low five bits choose one evenly.
const TEMPORARY_ALPHABET: &[u8; 32] = b"abcdefghijkmnpqrstuvwxyz23456789";
/// Random bytes a temporary password is made of: 20 characters, 100 bits.
pub const TEMPORARY_BYTES: usize = 20;

/// A temporary password an admin hands over when resetting an account, from `random` bytes:
/// five groups of four characters (`k7fm-2qxa-…`), 100 random bits, within the policy. It works
/// once: its owner must choose their own at the next login.
pub fn temporary(random: &[u8; TEMPORARY_BYTES]) -> String {
    let chars: Vec<char> =
        random.iter().map(|b| char::from(TEMPORARY_ALPHABET[usize::from(b & 31)])).collect();
    chars.chunks(4).map(|group| group.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("OWASP's Argon2id parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordError {
    TooShort,
    TooLong,
    /// The salt had fewer than 16 bytes.
    WeakSalt,
}

pub fn check_policy(password: &str) -> Result<(), PasswordError> {
    match password.chars().count() {
        n if n < MIN_PASSWORD_CHARS => Err(PasswordError::TooShort),
        n if n > MAX_PASSWORD_CHARS => Err(PasswordError::TooLong),
        _ => Ok(()),
    }
}

/// Hashes `password` with `salt` (at least 16 random bytes).
pub fn hash(password: &str, salt: &[u8]) -> Result<String, PasswordError> {
    check_policy(password)?;
    if salt.len() < 16 {
        return Err(PasswordError::WeakSalt);
    }
    let salt = SaltString::encode_b64(salt).map_err(|_| PasswordError::WeakSalt)?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::WeakSalt)
}

/// Whether `password` matches the stored PHC string. A malformed or over-long input is no match.
pub fn verify(password: &str, stored: &str) -> bool {
    if password.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    PasswordHash::new(stored)
        .is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The hash an access code for reporter group `group` is stored and compared as: an
/// HMAC-SHA256 under the deployment's secret `pepper`, bound to its tenant and group, so that
/// the same code elsewhere hashes differently and a copy of the database alone is no help in
/// guessing codes (they are typed by people, so a plain hash could be tried offline).
pub fn access_code_hash(
    pepper: &str,
    tenant: &str,
    group: crate::reporter::ReporterGroup,
    code: &str,
) -> String {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(pepper.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(access_code_message(tenant, group, code).as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// The hash a walk's code is stored and compared as: like an access code's, an HMAC-SHA256
/// under the deployment's pepper, bound to its tenant and walk.
pub fn walk_code_hash(pepper: &str, tenant: &str, walk: i64, code: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(pepper.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("walk-code:{tenant}:{walk}:{}", code.trim()).as_bytes());
    hex(&mac.finalize().into_bytes())
}

/// How codes set before the pepper were stored: a plain SHA-256. Such a hash is still taken
/// once, by [`check_access_code`], and then stored anew under the pepper.
fn unpeppered_access_code_hash(tenant: &str, group: crate::reporter::ReporterGroup, code: &str) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(access_code_message(tenant, group, code).as_bytes()))
}

fn access_code_message(tenant: &str, group: crate::reporter::ReporterGroup, code: &str) -> String {
    format!("access-code:{tenant}:{}:{}", group.id(), code.trim())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `code` is the one whose hash is `stored`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessCodeCheck {
    Wrong,
    Right,
    /// Right, but stored the way codes were before the pepper: store this hash instead.
    RightStoreAnew(String),
}

pub fn check_access_code(
    pepper: &str,
    tenant: &str,
    group: crate::reporter::ReporterGroup,
    code: &str,
    stored: &str,
) -> AccessCodeCheck {
    let peppered = access_code_hash(pepper, tenant, group, code);
    if crate::secret::same(&peppered, stored) {
        AccessCodeCheck::Right
    } else if crate::secret::same(&unpeppered_access_code_hash(tenant, group, code), stored) {
        AccessCodeCheck::RightStoreAnew(peppered)
    } else {
        AccessCodeCheck::Wrong
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_walk_code_is_bound_to_its_walk_and_the_pepper() {
        let hash = super::walk_code_hash("peppar", "demo", 7, " Kvällspromenad ");
        assert_eq!(hash, super::walk_code_hash("peppar", "demo", 7, "Kvällspromenad"), "typed with spaces");
        assert_ne!(hash, super::walk_code_hash("peppar", "demo", 8, "Kvällspromenad"), "another walk");
        assert_ne!(
            hash,
            super::walk_code_hash("peppar", "grannby", 7, "Kvällspromenad"),
            "another municipality"
        );
        assert_ne!(hash, super::walk_code_hash("salt", "demo", 7, "Kvällspromenad"), "another pepper");
        assert_eq!(hash.len(), 64);
    }

    #[test]
    fn a_temporary_password_is_readable_random_and_within_the_policy() {
        let random: [u8; TEMPORARY_BYTES] = std::array::from_fn(|i| (i * 37 + 11) as u8);
        let password = temporary(&random);
        assert_eq!(password.len(), 24, "{password}");
        assert_eq!(password.split('-').count(), 5);
        assert!(password.split('-').all(|g| g.len() == 4));
        assert!(check_policy(&password).is_ok());
        assert!(!password.contains(['l', '1', 'o', '0']), "nothing to misread: {password}");
        assert_ne!(temporary(&[0; TEMPORARY_BYTES]), temporary(&[1; TEMPORARY_BYTES]));
        assert_eq!(temporary(&[0; TEMPORARY_BYTES]), "aaaa-aaaa-aaaa-aaaa-aaaa");
        assert_eq!(
            temporary(&[31 + 32; TEMPORARY_BYTES]),
            "9999-9999-9999-9999-9999",
            "only the low five bits"
        );
    }

    use super::*;

    const SALT: [u8; 16] = *b"0123456789abcdef";

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let stored = hash("korrekt häst batteri", &SALT).unwrap();
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify("korrekt häst batteri", &stored));
        assert!(!verify("korrekt häst batteri!", &stored));
        let other = hash("korrekt häst batteri", b"fedcba9876543210").unwrap();
        assert_ne!(stored, other);
    }

    #[test]
    fn policy() {
        assert_eq!(hash("kort", &SALT), Err(PasswordError::TooShort));
        assert_eq!(hash(&"x".repeat(257), &SALT), Err(PasswordError::TooLong));
        assert_eq!(hash("tillräckligt långt", &SALT[..8]), Err(PasswordError::WeakSalt));
        assert!(!verify("anything at all", "not a hash"));
        assert!(!verify(&"x".repeat(300), &hash("tillräckligt långt", &SALT).unwrap()));
    }

    #[test]
    fn access_codes_need_the_pepper_and_old_hashes_are_stored_anew() {
        use crate::reporter::ReporterGroup::{Police, Staff};
        let stored = access_code_hash("pepper", "demo", Staff, "vaktmastare-2026");
        // HMAC-SHA256, checked against an independent implementation (Node's crypto.createHmac).
        assert_eq!(stored, "c346d6d06214de02db7ee756891c9aa99c7a694daec5426290a8fbe3dda79226");
        assert_ne!(stored, access_code_hash("other pepper", "demo", Staff, "vaktmastare-2026"));
        assert_ne!(stored, access_code_hash("pepper", "grannby", Staff, "vaktmastare-2026"));
        assert_ne!(stored, access_code_hash("pepper", "demo", Police, "vaktmastare-2026"));
        assert_eq!(
            check_access_code("pepper", "demo", Staff, " vaktmastare-2026 ", &stored),
            AccessCodeCheck::Right
        );
        assert_eq!(
            check_access_code("pepper", "demo", Staff, "vaktmastare-2027", &stored),
            AccessCodeCheck::Wrong
        );
        assert_eq!(
            check_access_code("other pepper", "demo", Staff, "vaktmastare-2026", &stored),
            AccessCodeCheck::Wrong
        );

        let old = unpeppered_access_code_hash("demo", Staff, "vaktmastare-2026");
        assert_eq!(
            check_access_code("pepper", "demo", Staff, "vaktmastare-2026", &old),
            AccessCodeCheck::RightStoreAnew(stored)
        );
        assert_eq!(
            check_access_code("pepper", "demo", Staff, "vaktmastare-2027", &old),
            AccessCodeCheck::Wrong
        );
    }
}
