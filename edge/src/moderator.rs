//! A logged-in moderator, as their session finds them, and what their role lets them do.

use tryggve_core::console::SessionInfo;
use tryggve_core::moderation::{Permission, Role};

use crate::error::ApiError;

#[derive(Debug, Clone)]
pub struct Moderator {
    pub id: i64,
    pub tenant: String,
    pub role: Role,
    pub info: SessionInfo,
}

impl Moderator {
    /// 403 unless this moderator belongs to `tenant` and their role allows `permission`.
    pub fn require(&self, tenant: &str, permission: Permission) -> Result<(), ApiError> {
        if self.tenant == tenant && self.role.allows(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }
}
