//! After a safety walk: a coordinator goes through the points the group logged. Each is kept
//! (it goes into the protocol), rejected, or merged into another point of the same walk (two
//! phones marked the same dark spot); a kept point may also be turned into a report of the
//! register, which then follows the review and status workflow like any other.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::LatLng;
use crate::i18n::I18n;
use crate::report::{NewReport, TimeOfDay};
use crate::reporter::ReporterGroup;
use crate::tenant::TenantConfig;
use crate::walk::PublicWalk;
use crate::walk_point::{WalkCategory, WalkPoint, WalkPointDraft};

/// What the coordinator made of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WalkPointState {
    Kept,
    Rejected,
    /// Counted with the point it was merged into.
    Merged,
}

impl WalkPointState {
    pub fn id(self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Rejected => "rejected",
            Self::Merged => "merged",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        [Self::Kept, Self::Rejected, Self::Merged].into_iter().find(|s| s.id() == id)
    }
}

/// A point as the console shows it after the walk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewedWalkPoint {
    #[serde(flatten)]
    pub point: WalkPoint,
    pub state: WalkPointState,
    /// The point this one was merged into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<i64>,
    /// The case number of the report it was turned into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<String>,
}

/// A coordinator corrects a point (a place a little off, a category chosen in a hurry, a note
/// with a name in it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkPointEdit {
    pub position: LatLng,
    pub category: WalkCategory,
    #[serde(default)]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsafe_level: Option<u8>,
}

impl WalkPointEdit {
    /// The point as corrected, checked as a participant's point is.
    pub fn applied_to(&self, point: &WalkPoint, config: &TenantConfig) -> Result<WalkPoint, FieldError> {
        let draft = WalkPointDraft {
            idempotency_key: point.idempotency_key.clone(),
            position: self.position,
            category: self.category,
            note: self.note.clone(),
            unsafe_level: self.unsafe_level,
        }
        .validated(config)?;
        Ok(WalkPoint {
            position: draft.position,
            category: draft.category,
            note: draft.note,
            unsafe_level: draft.unsafe_level,
            ..point.clone()
        })
    }
}

/// What a coordinator does with a point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum WalkPointAction {
    Reject,
    /// Back into the protocol (after a reject or a merge).
    Keep,
    /// Merged into another kept point of the same walk.
    Merge {
        into: i64,
    },
    /// Turned into a report of the register, under one of the municipality's categories.
    Report {
        category: String,
    },
}

/// Why an action cannot be taken on a point as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionRefused {
    /// Merged into itself, or into a point that is not a kept point of the same walk.
    MergeTarget,
    /// Only a kept point becomes a report, and only once.
    NotReportable,
    /// No such category in the municipality's register.
    UnknownCategory,
}

impl ActionRefused {
    pub fn field_error(self) -> FieldError {
        match self {
            Self::MergeTarget => FieldError::new("into", FieldErrorCode::InvalidChoice),
            Self::NotReportable => FieldError::new("action", FieldErrorCode::InvalidTransition),
            Self::UnknownCategory => FieldError::new("category", FieldErrorCode::UnknownCategory),
        }
    }
}

impl WalkPointAction {
    /// The point after the action, or why it cannot be taken: `target` is the point a merge
    /// names (looked up among the walk's points).
    pub fn applied_to(
        &self,
        point: &ReviewedWalkPoint,
        target: Option<&ReviewedWalkPoint>,
    ) -> Result<ReviewedWalkPoint, ActionRefused> {
        let moved = |state, merged_into| ReviewedWalkPoint { state, merged_into, ..point.clone() };
        match self {
            Self::Reject => Ok(moved(WalkPointState::Rejected, None)),
            Self::Keep => Ok(moved(WalkPointState::Kept, None)),
            Self::Merge { into } => match target {
                Some(t)
                    if t.point.id == *into
                        && t.point.id != point.point.id
                        && t.state == WalkPointState::Kept =>
                {
                    Ok(moved(WalkPointState::Merged, Some(*into)))
                }
                _ => Err(ActionRefused::MergeTarget),
            },
            // The report itself is made by [`report_of`]; the point stays as it is.
            Self::Report { .. } if point.state != WalkPointState::Kept || point.report.is_some() => {
                Err(ActionRefused::NotReportable)
            }
            Self::Report { .. } => Ok(point.clone()),
        }
    }
}

/// A kept point as a new report of the register under `category`: at the point's place, at the
/// time of day the walk was walked, told in words of the walk (`i18n`, the municipality's
/// language) with the participant's note, and marked as entered by the municipality's staff.
/// Its key makes a second try store nothing twice.
pub fn report_of(
    point: &ReviewedWalkPoint,
    walk: &PublicWalk,
    category: &str,
    config: &TenantConfig,
    i18n: &I18n,
) -> Result<NewReport, ActionRefused> {
    WalkPointAction::Report { category: category.to_string() }.applied_to(point, None)?;
    if !config.categories.iter().any(|c| c == category) {
        return Err(ActionRefused::UnknownCategory);
    }
    let what = i18n.t(&point.point.category.label_key("console-walk-category"));
    let day = walk.starts_at.get(..10).unwrap_or_default();
    let told = i18n.t_with(
        "console-walk-report-description",
        &[("title", &walk.title), ("day", day), ("category", &what)],
    );
    let description = match point.point.note.is_empty() {
        true => told,
        false => format!("{told}\n{}", point.point.note),
    };
    let description: String = description.chars().take(crate::validation::DESCRIPTION_MAX_CHARS).collect();
    let hour = walk.starts_at.get(11..13).and_then(|h| h.parse::<u32>().ok()).unwrap_or(18);
    Ok(NewReport {
        tenant: config.id.clone(),
        location: point.point.position,
        category: category.to_string(),
        times: vec![time_of_day(hour)],
        description,
        contact_email: None,
        answers: Default::default(),
        reporter_group: ReporterGroup::Staff,
        access_code: None,
        idempotency_key: Some(format!("walk-point-{:010}", point.point.id)),
        followup_token: None,
    })
}

/// The part of the day an hour falls in, as residents choose it in the report form.
fn time_of_day(hour: u32) -> TimeOfDay {
    match hour {
        6..=9 => TimeOfDay::Morning,
        10..=16 => TimeOfDay::Day,
        17..=21 => TimeOfDay::Evening,
        _ => TimeOfDay::Night,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TenantConfig {
        TenantConfig::demo()
    }

    fn reviewed(id: i64, state: WalkPointState) -> ReviewedWalkPoint {
        ReviewedWalkPoint {
            point: WalkPoint {
                id,
                idempotency_key: format!("walk-point-key-{id:04}"),
                position: config().map.center,
                category: WalkCategory::DarkSpot,
                note: "Mörkt vid ån".into(),
                unsafe_level: Some(3),
                logged_at: "2026-12-10T17:20:00.000Z".into(),
            },
            state,
            merged_into: None,
            report: None,
        }
    }

    #[test]
    fn a_point_is_merged_only_into_another_kept_point() {
        let (one, two) = (reviewed(1, WalkPointState::Kept), reviewed(2, WalkPointState::Kept));
        let merge = WalkPointAction::Merge { into: 2 };
        let merged = merge.applied_to(&one, Some(&two)).unwrap();
        assert_eq!((merged.state, merged.merged_into), (WalkPointState::Merged, Some(2)));
        assert_eq!(
            WalkPointAction::Merge { into: 1 }.applied_to(&one, Some(&one)),
            Err(ActionRefused::MergeTarget)
        );
        let rejected = reviewed(2, WalkPointState::Rejected);
        assert_eq!(merge.applied_to(&one, Some(&rejected)), Err(ActionRefused::MergeTarget));
        assert_eq!(merge.applied_to(&one, None), Err(ActionRefused::MergeTarget));
        let kept = WalkPointAction::Keep.applied_to(&merged, None).unwrap();
        assert_eq!((kept.state, kept.merged_into), (WalkPointState::Kept, None), "a merge is undone");
    }

    fn walk() -> PublicWalk {
        PublicWalk {
            id: 3,
            title: "Kvällsvandring".into(),
            area_name: "Centrum".into(),
            starts_at: "2026-12-10T18:00".into(),
            meeting_point: config().map.center,
            route: vec![],
            organiser: String::new(),
            organisations: String::new(),
            description: String::new(),
            state: crate::walk::WalkState::Done,
        }
    }

    #[test]
    fn only_a_kept_point_becomes_a_report_once_under_a_category_of_the_register() {
        let category = config().categories[0].clone();
        let i18n = I18n::new(crate::i18n::Locale::Sv);
        let kept = reviewed(1, WalkPointState::Kept);
        let report = report_of(&kept, &walk(), &category, &config(), &i18n).unwrap();
        assert_eq!((report.location, report.category.as_str()), (kept.point.position, category.as_str()));
        assert_eq!(report.times, vec![TimeOfDay::Evening], "walked at six in the evening");
        assert_eq!(report.reporter_group, ReporterGroup::Staff);
        assert!(report.description.ends_with("\nMörkt vid ån"), "{}", report.description);
        assert!(crate::report::is_idempotency_key(report.idempotency_key.as_deref().unwrap()));
        let refused =
            |p: &ReviewedWalkPoint, c: &str| report_of(p, &walk(), c, &config(), &i18n).unwrap_err();
        assert_eq!(refused(&reviewed(1, WalkPointState::Rejected), &category), ActionRefused::NotReportable);
        let already = ReviewedWalkPoint { report: Some("2026-0009".into()), ..kept.clone() };
        assert_eq!(refused(&already, &category), ActionRefused::NotReportable);
        assert_eq!(refused(&kept, "ufo"), ActionRefused::UnknownCategory);
        assert_eq!(ActionRefused::UnknownCategory.field_error().field, "category");
        assert_eq!(
            [time_of_day(7), time_of_day(12), time_of_day(23), time_of_day(3)],
            [TimeOfDay::Morning, TimeOfDay::Day, TimeOfDay::Night, TimeOfDay::Night]
        );
    }

    #[test]
    fn an_edit_is_checked_as_a_participants_point_is() {
        let point = reviewed(1, WalkPointState::Kept).point;
        let edit = WalkPointEdit {
            position: point.position,
            category: WalkCategory::Vegetation,
            note: " Buskarna skymmer lampan ".into(),
            unsafe_level: None,
        };
        let edited = edit.applied_to(&point, &config()).unwrap();
        assert_eq!(
            (edited.category, edited.note.as_str(), edited.unsafe_level),
            (WalkCategory::Vegetation, "Buskarna skymmer lampan", None)
        );
        assert_eq!(edited.idempotency_key, point.idempotency_key);
        let far = WalkPointEdit { position: LatLng::new(67.85, 20.22), ..edit };
        assert_eq!(far.applied_to(&point, &config()).unwrap_err().code, FieldErrorCode::OutsideArea);
    }

    #[test]
    fn actions_read_as_the_api_writes_them() {
        let merge: WalkPointAction = serde_json::from_str(r#"{"action":"merge","into":4}"#).unwrap();
        assert_eq!(merge, WalkPointAction::Merge { into: 4 });
        let report: WalkPointAction =
            serde_json::from_str(r#"{"action":"report","category":"lighting"}"#).unwrap();
        assert_eq!(report, WalkPointAction::Report { category: "lighting".into() });
        assert!(serde_json::from_str::<WalkPointAction>(r#"{"action":"delete"}"#).is_err());
        for state in [WalkPointState::Kept, WalkPointState::Rejected, WalkPointState::Merged] {
            assert_eq!(WalkPointState::from_id(state.id()), Some(state));
        }
    }
}
