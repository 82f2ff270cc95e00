//! Systems that send reports in over Open311 (a fault-report app, the municipality's own
//! service desk): each has a name and a key of its own, so that one can be stopped without the
//! others. Only a hash of the key is kept; the key is shown once, when the integration is added.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::text;

pub const INTEGRATION_NAME_MAX_CHARS: usize = 100;

/// An integration as an admin adds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntegrationDraft {
    pub name: String,
}

impl IntegrationDraft {
    /// The name cleaned, or the problem with it.
    pub fn validated(&self) -> Result<IntegrationDraft, FieldError> {
        let name = text::clean(&self.name);
        if name.is_empty() {
            return Err(FieldError::new("name", FieldErrorCode::Required));
        }
        if text::char_len(&name) > INTEGRATION_NAME_MAX_CHARS {
            return Err(FieldError::new("name", FieldErrorCode::TooLong));
        }
        Ok(IntegrationDraft { name })
    }
}

/// An integration of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Integration {
    pub id: i64,
    pub name: String,
    /// When it was added (UTC).
    pub created_at: String,
    /// When its key was stopped, if it was: it sends nothing more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
    /// How many reports it has sent in.
    #[serde(default)]
    pub reports: u32,
}

/// A new integration and its key, answered once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewIntegration {
    pub integration: Integration,
    /// The `api_key` it sends with each request. Never shown again.
    pub api_key: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_needed_and_not_too_long() {
        let named = |name: &str| IntegrationDraft { name: name.into() }.validated();
        assert_eq!(named("  Felanmälan  ").unwrap().name, "Felanmälan");
        assert_eq!(named(" ").unwrap_err().field, "name");
        assert_eq!(named(&"x".repeat(101)).unwrap_err().code, FieldErrorCode::TooLong);
    }
}
