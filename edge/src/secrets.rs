//! What each deployment keeps secret, set with `wrangler secret put NAME` (see docs/deploy.md).
//! Locally `cargo xtask` passes non-secret values to `wrangler dev` (`xtask/src/edge.rs`).

use worker::Env;

use crate::error::ApiError;

/// Salt of the daily client hashes (rate limits, login throttling): without it, a hash of an
/// address and the day could be reversed by trying every address.
pub const CLIENT_SALT: &str = "CLIENT_SALT";
/// Key of the access codes' hashes, so that a copy of the database cannot be used to guess
/// codes. Setting it later would break every code hashed without it.
pub const ACCESS_CODE_PEPPER: &str = "ACCESS_CODE_PEPPER";

/// Key of the participant codes' tags (`tryggve_core::participant_code`): with it the edge
/// recognises the codes it issued. Changing it makes every issued code unknown (browsers then
/// ask for a new one, and their earlier votes and questions are no longer theirs).
pub const PARTICIPANT_KEY: &str = "PARTICIPANT_KEY";

/// The secret `name` (locally a `--var`: both are string bindings). A deployment without it
/// refuses what needs it rather than doing it unprotected.
pub fn required(env: &Env, name: &str) -> Result<String, ApiError> {
    match env.secret(name).map(|s| s.to_string()) {
        Ok(value) if !value.is_empty() => Ok(value),
        _ => Err(ApiError::Internal(format!("the secret {name} is not set"))),
    }
}
