//! Shapes of the moderator console's API: logging in and who is logged in.

use serde::{Deserialize, Serialize};

use crate::moderation::Role;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub tenant: String,
    pub email: String,
    pub password: String,
}

/// The logged-in moderator, and the token every state-changing request must echo in the
/// `X-CSRF-Token` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub tenant: String,
    pub tenant_name: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub csrf_token: String,
}

/// How long a console session lasts without a new login: one working day.
pub const SESSION_HOURS: u32 = 8;
/// Failed logins allowed per account within [`LOGIN_WINDOW_MINUTES`].
pub const MAX_FAILED_LOGINS_PER_ACCOUNT: u32 = 5;
/// Failed logins allowed per client (address) within the window: higher, since a municipal
/// office shares one address among many people.
pub const MAX_FAILED_LOGINS_PER_CLIENT: u32 = 20;
pub const LOGIN_WINDOW_MINUTES: u32 = 15;
