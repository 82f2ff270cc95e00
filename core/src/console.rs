//! Shapes of the moderator console's API: logging in and who is logged in.

use serde::{Deserialize, Serialize};

use crate::moderation::Role;
use crate::text;
use crate::validation::{is_plausible_email, FieldError, FieldErrorCode};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub tenant: String,
    pub email: String,
    pub password: String,
}

/// The logged-in moderator, and the token every state-changing request must echo in the
/// `X-CSRF-Token` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
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

/// An account as admins see it in the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ModeratorView {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub disabled: bool,
}

/// An admin creates an account with a first password, which the person changes… by asking an
/// admin for a new one (self-service password change is not built yet).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewModerator {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password: String,
}

pub const NAME_MAX_CHARS: usize = 100;

impl NewModerator {
    /// The account with its e-mail address lower-cased and its name cleaned, or the first problem.
    pub fn validated(&self) -> Result<NewModerator, FieldError> {
        let email = text::clean(&self.email).to_lowercase();
        if !is_plausible_email(&email) {
            return Err(FieldError::new("email", FieldErrorCode::InvalidEmail));
        }
        let name = text::clean(&self.name);
        if name.is_empty() {
            return Err(FieldError::new("name", FieldErrorCode::Required));
        }
        if text::char_len(&name) > NAME_MAX_CHARS {
            return Err(FieldError::new("name", FieldErrorCode::TooLong));
        }
        if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&self.password.chars().count()) {
            return Err(FieldError::new("password", FieldErrorCode::WeakPassword));
        }
        Ok(NewModerator { email, name, role: self.role, password: self.password.clone() })
    }
}

/// A moderator changes their own password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

impl PasswordChange {
    /// The new password must meet the policy (the current one is checked against the stored hash).
    pub fn check_new(&self) -> Result<(), FieldError> {
        if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&self.new.chars().count()) {
            Ok(())
        } else {
            Err(FieldError::new("new", FieldErrorCode::WeakPassword))
        }
    }
}

/// One moderator action, as the audit log shows it to admins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub at: String,
    /// The acting moderator's e-mail address.
    pub moderator: Option<String>,
    pub action: String,
    pub subject: String,
    /// JSON of the record before and after the action.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Shortest and longest passwords accepted for a moderator account (the longest bounds hashing time).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    fn account() -> NewModerator {
        NewModerator {
            email: " Kim@Kommun.se ".into(),
            name: " Kim Karlsson ".into(),
            role: Role::Moderator,
            password: "tolv tecken!".into(),
        }
    }

    #[test]
    fn accounts_are_cleaned_and_checked() {
        let ok = account().validated().unwrap();
        assert_eq!((ok.email.as_str(), ok.name.as_str()), ("kim@kommun.se", "Kim Karlsson"));
        let field = |a: NewModerator| a.validated().unwrap_err().field;
        assert_eq!(field(NewModerator { email: "kim".into(), ..account() }), "email");
        assert_eq!(field(NewModerator { name: " ".into(), ..account() }), "name");
        assert_eq!(field(NewModerator { name: "x".repeat(101), ..account() }), "name");
        assert_eq!(field(NewModerator { password: "elva tecken".into(), ..account() }), "password");
        assert_eq!(field(NewModerator { password: "x".repeat(257), ..account() }), "password");
    }
}
