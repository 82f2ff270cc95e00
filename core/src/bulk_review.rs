//! Several reports approved or rejected at once: the review list's bulk actions, for the
//! mornings when a coordinator clears a queue of plain reports. Only these two actions: a
//! status, a redaction or a merge needs a look at each report on its own.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::moderation::RejectionReason;
use crate::report::parse_case_number;
use crate::review::{ModeratedReport, ReviewAction};

/// The most reports one bulk action takes (a page of the review list).
pub const BULK_MAX_REPORTS: usize = 100;

/// What a moderator asks for: one action on the reports named by case number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BulkReview {
    pub case_numbers: Vec<String>,
    pub action: BulkAction,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum BulkAction {
    /// Show on the public map, without the free text (which may hold personal data: it is
    /// published one report at a time, after reading it).
    Approve,
    Reject {
        reason: RejectionReason,
    },
}

impl BulkAction {
    /// The action each report gets, as if taken on its own (and audited so).
    pub fn for_each_report(self) -> ReviewAction {
        match self {
            Self::Approve => ReviewAction::Approve { publish_description: false },
            Self::Reject { reason } => ReviewAction::Reject { reason },
        }
    }
}

impl BulkReview {
    /// The case numbers as (year, sequence), each once, in the order given; refused when there
    /// are none, too many, or one is not a case number.
    pub fn cases(&self) -> Result<Vec<(i32, u32)>, FieldError> {
        let field = |code| FieldError::new("case_numbers", code);
        if self.case_numbers.is_empty() {
            return Err(field(FieldErrorCode::Required));
        }
        let mut cases = Vec::new();
        for text in &self.case_numbers {
            let case = parse_case_number(text).ok_or(field(FieldErrorCode::InvalidChoice))?;
            if !cases.contains(&case) {
                cases.push(case);
            }
        }
        if cases.len() > BULK_MAX_REPORTS {
            return Err(field(FieldErrorCode::TooLong));
        }
        Ok(cases)
    }
}

/// What became of each report: changed (as it is now), or left as it was and why.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkOutcome {
    pub done: Vec<ModeratedReport>,
    pub refused: Vec<BulkRefusal>,
}

/// A report the action was not taken on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkRefusal {
    pub case_number: String,
    /// The error code, as a single action would have answered it (`case_not_found`,
    /// `invalid_transition`, `changed_meanwhile`).
    pub error: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bulk(case_numbers: &[&str]) -> BulkReview {
        BulkReview {
            case_numbers: case_numbers.iter().map(|c| c.to_string()).collect(),
            action: BulkAction::Approve,
        }
    }

    #[test]
    fn the_cases_are_read_once_each_and_bounded() {
        assert_eq!(bulk(&["2026-0003", "2026-0001", "2026-0003"]).cases(), Ok(vec![(2026, 3), (2026, 1)]));
        assert_eq!(bulk(&[]).cases().unwrap_err().code, FieldErrorCode::Required);
        assert_eq!(
            bulk(&["2026-0003", "drop table"]).cases().unwrap_err().code,
            FieldErrorCode::InvalidChoice
        );
        let many: Vec<String> = (1..=BULK_MAX_REPORTS as u32 + 1).map(|n| format!("2026-{n:04}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(bulk(&many).cases().unwrap_err().code, FieldErrorCode::TooLong);
        assert!(bulk(&many[..BULK_MAX_REPORTS]).cases().is_ok());
    }

    #[test]
    fn a_bulk_approval_never_publishes_the_free_text() {
        assert_eq!(
            BulkAction::Approve.for_each_report(),
            ReviewAction::Approve { publish_description: false }
        );
        let json: BulkReview = serde_json::from_str(
            r#"{"case_numbers":["2026-0001"],"action":{"action":"reject","reason":"off_topic"}}"#,
        )
        .unwrap();
        assert_eq!(json.action.for_each_report(), ReviewAction::Reject { reason: RejectionReason::OffTopic });
        assert!(serde_json::from_str::<BulkReview>(
            r#"{"case_numbers":[],"action":{"action":"set_status","status":"done"}}"#
        )
        .is_err());
    }
}
