//! What partners in the safety council (the observer role: police, housing companies) see of a
//! report: the approved ones only, as the municipality would show them publicly plus their case
//! number, date, area and times of day. Never contact details, the reporter's group, free-text
//! answers or a description the moderators did not publish; the place is the public ~50 m one.

use serde::{Deserialize, Serialize};

use crate::geo::{coarsen, LatLng};
use crate::moderation::Visibility;
use crate::public::PUBLIC_CELL_METRES;
use crate::report::{ReportStatus, TimeOfDay};
use crate::review::ModeratedReport;

/// One page of the shared reports, newest first, as the review list pages its own (its
/// [`crate::report_list::PAGE_SIZE`]): however many the filter matches, an observer reaches
/// every one of them, and is told how many there are.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SharedReportPage {
    pub reports: Vec<SharedReport>,
    /// How many approved reports the filter matches in all.
    pub total: u32,
    /// The token for the next page (`after=`), if there is one.
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SharedReport {
    pub case_number: String,
    /// When it was sent (ISO; the console shows the day in Stockholm time).
    pub created_at: String,
    pub category: String,
    /// The area's id, if the place lies in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub times: Vec<TimeOfDay>,
    pub status: ReportStatus,
    /// Only when a moderator published the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_comment: String,
    pub lat: f64,
    pub lng: f64,
}

impl SharedReport {
    /// What an observer may see of `report`: nothing unless it is approved.
    pub fn of(report: &ModeratedReport) -> Option<SharedReport> {
        let review = &report.review;
        if review.visibility != Visibility::Approved {
            return None;
        }
        let place = coarsen(LatLng::new(report.lat, report.lng), PUBLIC_CELL_METRES);
        Some(SharedReport {
            case_number: report.case_number.clone(),
            created_at: report.created_at.clone(),
            category: report.review.category.clone(),
            area: report.area.clone(),
            times: report.times.clone(),
            status: review.status,
            description: review.description_public.then(|| review.description.clone()),
            public_comment: review.public_comment.clone(),
            lat: place.lat,
            lng: place.lng,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reporter::ReporterGroup;
    use crate::review::ReviewState;

    fn report(visibility: Visibility, description_public: bool) -> ModeratedReport {
        ModeratedReport {
            answers: Default::default(),
            reporter_group: ReporterGroup::Staff,
            area: Some("centrum".into()),
            place: None,
            case_number: "2026-0042".into(),
            lat: 58.03371,
            lng: 12.80832,
            times: vec![TimeOfDay::Evening],
            contact_email: Some("hemlig@example.se".into()),
            created_at: "2026-11-22T10:00:00.000Z".into(),
            review: ReviewState {
                status: ReportStatus::InProgress,
                visibility,
                rejection_reason: None,
                public_comment: "Sanerat".into(),
                description: "Klotter på Per Perssons garage".into(),
                description_public,
                merged_into: None,
                answer_texts: [(
                    "tid".to_string(),
                    crate::questionnaire::AnswerValue::Text("Sent varje fredag".into()),
                )]
                .into(),
                unit: None,
                category: "graffiti".into(),
                original_category: None,
                assignee: String::new(),
                event_at: None,
            },
        }
    }

    #[test]
    fn only_approved_reports_are_shared() {
        assert!(SharedReport::of(&report(Visibility::Pending, true)).is_none());
        assert!(SharedReport::of(&report(Visibility::Rejected, false)).is_none());
        assert!(SharedReport::of(&report(Visibility::Approved, false)).is_some());
    }

    #[test]
    fn a_shared_report_has_no_contact_no_unpublished_text_and_no_exact_place() {
        let shared = SharedReport::of(&report(Visibility::Approved, false)).unwrap();
        let json = serde_json::to_string(&shared).unwrap();
        for secret in ["hemlig", "Per Persson", "Sent varje fredag", "staff", "58.03371", "12.80832"] {
            assert!(!json.contains(secret), "{secret} in {json}");
        }
        assert_eq!(shared.description, None);
        assert_eq!(shared.public_comment, "Sanerat");
        let d = crate::geo::distance_m(LatLng::new(shared.lat, shared.lng), LatLng::new(58.03371, 12.80832));
        assert!(d > 0.0 && d < 40.0, "{d}");
        let published = SharedReport::of(&report(Visibility::Approved, true)).unwrap();
        assert_eq!(published.description.as_deref(), Some("Klotter på Per Perssons garage"));
        assert_eq!(
            (published.case_number.as_str(), published.area.as_deref()),
            ("2026-0042", Some("centrum"))
        );
    }
}
