//! Shapes of the HTTP API shared by the edge (which writes them) and the widget (which reads them).

use serde::{Deserialize, Serialize};

/// Every error answer: `{"error": {"code", "message", "field"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_json`, `body_too_large`, `not_found`, a field error id, …
    pub code: String,
    /// Plain English for developers; the widget shows its own localised text instead.
    pub message: String,
    /// The offending JSON field, for field errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: field.map(str::to_string),
            },
        }
    }
}

/// Largest request body the edge reads, in bytes. A report is far below this.
pub const MAX_BODY_BYTES: usize = 16 * 1024;
