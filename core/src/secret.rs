//! Comparing secrets (CSRF tokens, code hashes) without telling, by the time it takes, how much
//! of a guess was right: every byte is looked at, whatever the first difference.

/// Whether `a` and `b` are the same, in time that depends only on their lengths.
pub fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        // The length of a token or hash is no secret (it is in the code).
        return false;
    }
    a.iter().zip(b).fold(0u8, |differs, (x, y)| differs | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_secret_is_the_same() {
        assert!(same("0123abcd", "0123abcd"));
        assert!(!same("0123abcd", "0123abce"), "the last byte counts");
        assert!(!same("x123abcd", "0123abcd"), "the first byte counts");
        assert!(!same("0123abcd", "0123abc"));
        assert!(!same("", "0"));
        assert!(same("", ""));
    }
}
