//! What each deployment keeps secret, set with `wrangler secret put NAME` (see docs/deploy.md).
//! Locally they are the plain `[vars]` of `edge/wrangler.toml`, which a secret overrides.

use worker::Env;

/// Salt of the daily client hashes (rate limits, login throttling).
pub const CLIENT_SALT: &str = "CLIENT_SALT";
/// Key of the access codes' hashes, so that a copy of the database cannot be used to guess codes.
pub const ACCESS_CODE_PEPPER: &str = "ACCESS_CODE_PEPPER";

pub fn get(env: &Env, name: &str) -> String {
    env.secret(name)
        .map(|s| s.to_string())
        .or_else(|_| env.var(name).map(|v| v.to_string()))
        .unwrap_or_default()
}
