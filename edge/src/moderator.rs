//! A logged-in moderator, as their session finds them, and what their role lets them do.

use tryggve_core::console::SessionInfo;
use tryggve_core::moderation::{CaseScope, Permission, Role};

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

    /// 403 unless this moderator works on cases routed to `unit` (a unit's member only on their
    /// own unit's). `require` has already checked the municipality and the permission.
    pub fn require_case(&self, unit: Option<i64>) -> Result<(), ApiError> {
        match CaseScope::of(self.role, self.info.unit) {
            Some(scope) if scope.covers(unit) => Ok(()),
            _ => Err(ApiError::Forbidden),
        }
    }

    /// The unit whose cases alone this moderator works on, if they are a unit's member.
    pub fn own_unit(&self) -> Option<i64> {
        self.info.unit.filter(|_| self.role.has_unit())
    }
}
