//! What a resident sees through the follow-up link of a report: its state in the municipality's
//! handling and what the municipality said, never the contact e-mail. When the status alone would
//! mislead ("Closed, no reply yet" for a report merged into another), the outcome says what
//! happened.

use serde::{Deserialize, Serialize};

use crate::moderation::RejectionReason;
use crate::report::{ReportStatus, TimeOfDay};

/// What starts a follow-up link's fragment in the page address: `#tryggve-followup=` followed by
/// the case number, a dot and the code. The fragment is never sent to any server; the widget
/// reads it, and its loader starts the follow-up's module early when a page opens with one.
pub const FRAGMENT_KEY: &str = "tryggve-followup=";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportView {
    pub case_number: String,
    pub lat: f64,
    pub lng: f64,
    pub category: String,
    pub times: Vec<TimeOfDay>,
    pub description: String,
    pub status: ReportStatus,
    /// What the municipality says it did ("vad vi gjorde"); empty until it says something.
    pub public_comment: String,
    pub created_at: String,
    /// What became of the report beyond its status, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// The municipality's measures that answer it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<crate::measure::PublicMeasure>,
}

/// What became of a report, told in words the status has none for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Outcome {
    /// Merged with an earlier report of the same place: that report's handling is this one's.
    Merged { case_number: String, status: ReportStatus, public_comment: String },
    /// Kept off the public map, for this reason; the report is still handled.
    NotPublished { reason: RejectionReason },
}

impl Outcome {
    /// The outcome of a report as stored: merged wins (a merged report is closed and the
    /// earlier one carries on), then not published; `merged_target` is the earlier report's
    /// status and reply, if it was found.
    pub fn of(
        merged_into: Option<&str>,
        merged_target: Option<(ReportStatus, String)>,
        rejection: Option<RejectionReason>,
    ) -> Option<Self> {
        match (merged_into, merged_target, rejection) {
            (Some(case_number), Some((status, public_comment)), _) => {
                Some(Self::Merged { case_number: case_number.to_string(), status, public_comment })
            }
            (_, _, Some(reason)) => Some(Self::NotPublished { reason }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_wins_and_needs_its_target() {
        let target = Some((ReportStatus::InProgress, "Ny lampa beställd".to_string()));
        assert_eq!(
            Outcome::of(Some("2026-0007"), target.clone(), Some(RejectionReason::Duplicate)),
            Some(Outcome::Merged {
                case_number: "2026-0007".into(),
                status: ReportStatus::InProgress,
                public_comment: "Ny lampa beställd".into()
            })
        );
        assert_eq!(
            Outcome::of(Some("2026-0007"), None, Some(RejectionReason::Duplicate)),
            Some(Outcome::NotPublished { reason: RejectionReason::Duplicate })
        );
        assert_eq!(
            Outcome::of(None, None, Some(RejectionReason::OffTopic)),
            Some(Outcome::NotPublished { reason: RejectionReason::OffTopic })
        );
        assert_eq!(Outcome::of(None, target, None), None);
    }

    #[test]
    fn wire_form() {
        let json =
            serde_json::to_value(Outcome::NotPublished { reason: RejectionReason::PersonalData }).unwrap();
        assert_eq!(json, serde_json::json!({ "kind": "not_published", "reason": "personal_data" }));
    }
}
