//! Internal notes on a report: what the municipality's staff tell each other about it. Never
//! shown to residents or partners, never in public exports; removed with the report's other
//! personal parts when its retention period ends.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::text;

pub const NOTE_MAX_CHARS: usize = 2000;

/// A note as a moderator writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNote {
    pub text: String,
}

impl NewNote {
    /// The note's text, cleaned, or why it cannot be kept.
    pub fn validated(&self) -> Result<String, FieldError> {
        let cleaned = text::clean(&self.text);
        if cleaned.is_empty() {
            return Err(FieldError::new("text", FieldErrorCode::Required));
        }
        if text::char_len(&cleaned) > NOTE_MAX_CHARS {
            return Err(FieldError::new("text", FieldErrorCode::TooLong));
        }
        Ok(cleaned)
    }
}

/// A note on a report, with who wrote it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportNote {
    pub id: i64,
    pub text: String,
    /// The writer's name (their account's), or empty if the account is gone.
    pub author: String,
    pub at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_has_words_within_the_limit() {
        assert_eq!(
            NewNote { text: "  Ring Kim på gatuenheten \r\n".into() }.validated().unwrap(),
            "Ring Kim på gatuenheten"
        );
        assert_eq!(NewNote { text: " \n ".into() }.validated().unwrap_err().code, FieldErrorCode::Required);
        let long = NewNote { text: "å".repeat(NOTE_MAX_CHARS + 1) };
        assert_eq!(long.validated().unwrap_err().code, FieldErrorCode::TooLong);
        assert!(NewNote { text: "å".repeat(NOTE_MAX_CHARS) }.validated().is_ok());
    }
}
