//! What anyone may see of approved reports on the public map: a coarsened place, the category
//! and status, and text only where a moderator chose to publish it.

use serde::{Deserialize, Serialize};

use crate::geo::{coarsen, LatLng};
use crate::moderation::Visibility;
use crate::report::ReportStatus;
use crate::review::ModeratedReport;

/// Public places are shown as the centre of a cell of this size, never the exact spot.
pub const PUBLIC_CELL_METRES: f64 = 50.0;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicReport {
    pub lat: f64,
    pub lng: f64,
    pub category: String,
    pub status: ReportStatus,
    /// Only when a moderator approved the text for publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_comment: String,
}

/// The public view of `report`, or `None` if it is not approved.
pub fn public_view(report: &ModeratedReport) -> Option<PublicReport> {
    if report.review.visibility != Visibility::Approved {
        return None;
    }
    let place = coarsen(LatLng::new(report.lat, report.lng), PUBLIC_CELL_METRES);
    Some(PublicReport {
        lat: place.lat,
        lng: place.lng,
        category: report.category.clone(),
        status: report.review.status,
        description: report.review.description_public.then(|| report.review.description.clone()),
        public_comment: report.review.public_comment.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewState;

    fn report(visibility: Visibility, description_public: bool) -> ModeratedReport {
        ModeratedReport {
            answers: Default::default(),
            reporter_group: Default::default(),
            case_number: "2026-0001".into(),
            lat: 58.03371,
            lng: 12.80832,
            category: "graffiti".into(),
            times: vec![],
            contact_email: Some("x@example.se".into()),
            created_at: "2026-11-22T10:00:00Z".into(),
            review: ReviewState {
                status: ReportStatus::Reviewed,
                visibility,
                rejection_reason: None,
                public_comment: String::new(),
                description: "Klotter på porten".into(),
                description_public,
                merged_into: None,
                answer_texts: Default::default(),
            },
        }
    }

    #[test]
    fn only_approved_reports_are_public_and_never_exact() {
        assert_eq!(public_view(&report(Visibility::Pending, true)), None);
        assert_eq!(public_view(&report(Visibility::Rejected, true)), None);
        let shown = public_view(&report(Visibility::Approved, false)).unwrap();
        assert_eq!(shown.description, None, "text stays private unless published");
        assert!((shown.lat, shown.lng) != (58.03371, 12.80832));
        let d = crate::geo::distance_m(LatLng::new(shown.lat, shown.lng), LatLng::new(58.03371, 12.80832));
        assert!(d < 40.0, "{d}");
        let with_text = public_view(&report(Visibility::Approved, true)).unwrap();
        assert_eq!(with_text.description.as_deref(), Some("Klotter på porten"));
        assert!(!serde_json::to_string(&with_text).unwrap().contains("x@example.se"));
    }
}
