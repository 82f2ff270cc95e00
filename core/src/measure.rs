//! The municipality's measures (åtgärder): what it does about the places and events residents
//! report, from plan to done, with the reports each answers. Law 2023:196 asks for measures to
//! be decided and followed up; residents following a linked report see the measure's state.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::LatLng;
use crate::review::is_iso_day;
use crate::tenant::TenantConfig;
use crate::text;

pub const MEASURE_TITLE_MAX_CHARS: usize = 120;
pub const MEASURE_TEXT_MAX_CHARS: usize = 2000;
/// The most reports one measure names.
pub const MEASURE_REPORTS_MAX: usize = 200;

/// What kind of thing the municipality does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureKind {
    Lighting,
    Vegetation,
    Cleaning,
    Guards,
    PhysicalDesign,
    PolicePresence,
    Dialogue,
    Other,
}

impl MeasureKind {
    pub const ALL: [MeasureKind; 8] = [
        Self::Lighting,
        Self::Vegetation,
        Self::Cleaning,
        Self::Guards,
        Self::PhysicalDesign,
        Self::PolicePresence,
        Self::Dialogue,
        Self::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Lighting => "lighting",
            Self::Vegetation => "vegetation",
            Self::Cleaning => "cleaning",
            Self::Guards => "guards",
            Self::PhysicalDesign => "physical_design",
            Self::PolicePresence => "police_presence",
            Self::Dialogue => "dialogue",
            Self::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The locale key of its name, e.g. `measure-kind-physical-design`.
    pub fn label_key(self) -> String {
        format!("measure-kind-{}", self.id().replace('_', "-"))
    }
}

/// Where a measure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    Planned,
    Started,
    Done,
    Cancelled,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 4] = [Self::Planned, Self::Started, Self::Done, Self::Cancelled];

    pub fn id(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::Started => "started",
            Self::Done => "done",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The locale key of its name, e.g. `measure-status-done`.
    pub fn label_key(self) -> String {
        format!("measure-status-{}", self.id())
    }
}

/// A measure as the console writes it (the id is the edge's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MeasureDraft {
    pub title: String,
    pub kind: MeasureKind,
    pub status: MeasureStatus,
    /// The area it is in (an area id), if it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Its place, if it is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<LatLng>,
    /// The unit responsible for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    /// Days (`YYYY-MM-DD`): planned for, started, done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
    /// What it cost, in whole kronor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_sek: Option<u64>,
    /// What residents following a linked report read.
    #[serde(default)]
    pub public_text: String,
    /// The reports it answers, by case number.
    #[serde(default)]
    pub reports: Vec<String>,
}

/// A measure of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Measure {
    pub id: i64,
    #[serde(flatten)]
    pub draft: MeasureDraft,
}

/// What a resident following a linked report reads of a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicMeasure {
    pub title: String,
    pub kind: MeasureKind,
    pub status: MeasureStatus,
    #[serde(default)]
    pub public_text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<String>,
}

impl Measure {
    pub fn public(&self) -> PublicMeasure {
        PublicMeasure {
            title: self.draft.title.clone(),
            kind: self.draft.kind,
            status: self.draft.status,
            public_text: self.draft.public_text.clone(),
            done_on: self.draft.done_on.clone(),
        }
    }
}

impl MeasureDraft {
    /// The measure with its text cleaned and its reports named once, or the first problem: the
    /// area must be the municipality's, the place within its map, the days real and in order
    /// (planned or started, then done), and a done measure must say when.
    pub fn validated(&self, config: &TenantConfig) -> Result<MeasureDraft, FieldError> {
        let title = text::one_line(&self.title);
        if title.is_empty() {
            return Err(FieldError::new("title", FieldErrorCode::Required));
        }
        if text::char_len(&title) > MEASURE_TITLE_MAX_CHARS {
            return Err(FieldError::new("title", FieldErrorCode::TooLong));
        }
        let public_text = text::clean(&self.public_text);
        if text::char_len(&public_text) > MEASURE_TEXT_MAX_CHARS {
            return Err(FieldError::new("public_text", FieldErrorCode::TooLong));
        }
        if let Some(area) = &self.area {
            if !config.areas.iter().any(|a| &a.id == area) {
                return Err(FieldError::new("area", FieldErrorCode::InvalidChoice));
            }
        }
        if let Some(place) = self.place {
            if !place.is_on_earth() {
                return Err(FieldError::new("place", FieldErrorCode::NotOnEarth));
            }
            if !config.map.bounds.contains(place) {
                return Err(FieldError::new("place", FieldErrorCode::OutsideArea));
            }
        }
        for (field, day) in
            [("planned_on", &self.planned_on), ("started_on", &self.started_on), ("done_on", &self.done_on)]
        {
            if day.as_deref().is_some_and(|d| !is_iso_day(d)) {
                return Err(FieldError::new(field, FieldErrorCode::InvalidDate));
            }
        }
        // ISO days compare as text.
        if let (Some(started), Some(done)) = (&self.started_on, &self.done_on) {
            if done < started {
                return Err(FieldError::new("done_on", FieldErrorCode::InvalidDate));
            }
        }
        if self.status == MeasureStatus::Done && self.done_on.is_none() {
            return Err(FieldError::new("done_on", FieldErrorCode::Required));
        }
        if self.reports.len() > MEASURE_REPORTS_MAX {
            return Err(FieldError::new("reports", FieldErrorCode::TooLong));
        }
        let mut reports: Vec<String> = Vec::with_capacity(self.reports.len());
        for case in &self.reports {
            let (year, seq) = crate::report::parse_case_number(case)
                .ok_or(FieldError::new("reports", FieldErrorCode::InvalidChoice))?;
            let case = crate::report::case_number(year, seq);
            if !reports.contains(&case) {
                reports.push(case);
            }
        }
        Ok(MeasureDraft { title, public_text, reports, ..self.clone() })
    }
}

impl MeasureDraft {
    /// Whether the day it was done (if it is) is not before any of its reports arrived (UTC
    /// timestamps): a measure cannot have fixed what was reported after it.
    pub fn done_after<'a>(&self, arrivals: impl IntoIterator<Item = &'a str>) -> bool {
        let Some(done) = self.done_on.as_deref() else { return true };
        arrivals.into_iter().all(|arrived| arrived.get(..10).is_none_or(|day| day <= done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> MeasureDraft {
        MeasureDraft {
            title: "  Ny belysning i  gångtunneln ".into(),
            kind: MeasureKind::Lighting,
            status: MeasureStatus::Started,
            area: Some("centrum".into()),
            place: Some(LatLng::new(58.0337, 12.8083)),
            unit: Some(1),
            planned_on: Some("2026-11-01".into()),
            started_on: Some("2026-11-20".into()),
            done_on: None,
            cost_sek: Some(45_000),
            public_text: "Fyra nya armaturer sätts upp.".into(),
            reports: vec!["2026-0042".into(), "2026-42".into(), "2026-0007".into()],
        }
    }

    #[test]
    fn a_measure_is_cleaned_and_names_each_report_once() {
        let valid = draft().validated(&TenantConfig::demo()).unwrap();
        assert_eq!(valid.title, "Ny belysning i gångtunneln");
        assert_eq!(valid.reports, vec!["2026-0042".to_string(), "2026-0007".to_string()]);
    }

    #[test]
    fn bad_measures_are_refused_by_field() {
        let config = TenantConfig::demo();
        let refused = |d: MeasureDraft| d.validated(&config).unwrap_err();
        assert_eq!(refused(MeasureDraft { title: " ".into(), ..draft() }).field, "title");
        assert_eq!(refused(MeasureDraft { area: Some("månen".into()), ..draft() }).field, "area");
        let far = MeasureDraft { place: Some(LatLng::new(59.33, 18.07)), ..draft() };
        assert_eq!(refused(far).code, FieldErrorCode::OutsideArea);
        assert_eq!(refused(MeasureDraft { planned_on: Some("1 nov".into()), ..draft() }).field, "planned_on");
        let backwards = MeasureDraft { done_on: Some("2026-11-19".into()), ..draft() };
        assert_eq!(refused(backwards).field, "done_on", "done before it started");
        let undated = MeasureDraft { status: MeasureStatus::Done, ..draft() };
        assert_eq!(refused(undated).code, FieldErrorCode::Required, "done, but when?");
        assert_eq!(refused(MeasureDraft { reports: vec!["fyrtiotvå".into()], ..draft() }).field, "reports");
        let long = MeasureDraft { public_text: "å".repeat(MEASURE_TEXT_MAX_CHARS + 1), ..draft() };
        assert_eq!(refused(long).field, "public_text");
    }

    #[test]
    fn a_measure_is_not_done_before_its_reports_came_in() {
        let done =
            MeasureDraft { status: MeasureStatus::Done, done_on: Some("2026-12-14".into()), ..draft() };
        assert!(done.done_after(["2026-12-01T10:00:00.000Z", "2026-12-14T23:59:00.000Z"]));
        assert!(!done.done_after(["2026-12-15T08:00:00.000Z"]));
        assert!(draft().done_after(["2030-01-01T00:00:00.000Z"]), "not done: nothing to compare");
    }

    #[test]
    fn residents_read_the_public_parts_only() {
        let measure = Measure { id: 3, draft: draft().validated(&TenantConfig::demo()).unwrap() };
        let public = serde_json::to_value(measure.public()).unwrap();
        assert_eq!(public["title"], "Ny belysning i gångtunneln");
        assert!(
            public.get("cost_sek").is_none()
                && public.get("unit").is_none()
                && public.get("reports").is_none()
        );
    }
}
