//! Who a client is, for rate limits, without knowing who they are: a hash of their address
//! with a secret salt and the day, so that keys cannot be reversed, nor joined across days.

use sha2::{Digest, Sha256};
use worker::{Env, Request};

use crate::clock;
use crate::error::ApiError;

/// A client's keys for one purpose: today's, under which its events are recorded, and
/// yesterday's, which a limit reaching back past midnight (UTC) counts too. Without it, every
/// client would start afresh at midnight.
pub struct ClientKey {
    pub today: String,
    pub yesterday: String,
}

/// The client's keys for `purpose` (e.g. `report:demo`, `login`).
pub fn key(req: &Request, env: &Env, purpose: &str) -> Result<ClientKey, ApiError> {
    let address = tryggve_core::client::network(
        &req.headers().get("cf-connecting-ip").ok().flatten().unwrap_or_default(),
    );
    let salt = crate::secrets::required(env, crate::secrets::CLIENT_SALT)?;
    let on = |day: &str| {
        let digest = Sha256::digest(format!("{salt}|{day}|{address}"));
        format!("{purpose}:{}", hex::encode(&digest[..16]))
    };
    let yesterday = clock::iso_in_minutes(-24 * 60);
    Ok(ClientKey { today: on(&clock::today()), yesterday: on(&yesterday[..10]) })
}
