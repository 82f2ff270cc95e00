//! What participants log on a safety walk: a place that feels unsafe, what kind of problem it
//! is, how unsafe it feels and a short note. Phones log points where the signal comes and goes,
//! so each carries a key of the phone's own and is stored once however often it is sent.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::LatLng;
use crate::report::is_idempotency_key;
use crate::tenant::TenantConfig;
use crate::text;

/// A note says what one sees; a walk has no time for more.
pub const WALK_NOTE_MAX_CHARS: usize = 500;

/// What is wrong at a point, as safety walks sort it (Kalmar's "mörka platser" first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WalkCategory {
    /// Too dark: lighting missing or broken.
    DarkSpot,
    Vegetation,
    Graffiti,
    Littering,
    Vandalism,
    UnsafeEnvironment,
    Other,
}

impl WalkCategory {
    /// In the order a participant is offered them and a protocol lists them: dark spots first.
    pub const ALL: [WalkCategory; 7] = [
        Self::DarkSpot,
        Self::Vegetation,
        Self::Graffiti,
        Self::Littering,
        Self::Vandalism,
        Self::UnsafeEnvironment,
        Self::Other,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::DarkSpot => "dark_spot",
            Self::Vegetation => "vegetation",
            Self::Graffiti => "graffiti",
            Self::Littering => "littering",
            Self::Vandalism => "vandalism",
            Self::UnsafeEnvironment => "unsafe_environment",
            Self::Other => "other",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The locale key of its name under `prefix` (`walk-category` in the widget,
    /// `console-walk-category` in the console), e.g. `walk-category-dark-spot`.
    pub fn label_key(self, prefix: &str) -> String {
        format!("{prefix}-{}", self.id().replace('_', "-"))
    }
}

/// How unsafe a place feels, 1 (a little) to 5 (very).
pub const UNSAFE_LEVELS: std::ops::RangeInclusive<u8> = 1..=5;

/// A point as a participant's phone sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkPointDraft {
    /// Made by the phone for this point (16–64 letters, digits or `-`): sent again, the point
    /// is not stored again.
    pub idempotency_key: String,
    pub position: LatLng,
    pub category: WalkCategory,
    #[serde(default)]
    pub note: String,
    /// 1–5; none if the participant did not say.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsafe_level: Option<u8>,
}

impl WalkPointDraft {
    /// The point with its note cleaned, or the first problem: the key's form, the place within
    /// the municipality's map, the level 1–5 and the note's length.
    pub fn validated(&self, config: &TenantConfig) -> Result<WalkPointDraft, FieldError> {
        if !is_idempotency_key(&self.idempotency_key) {
            return Err(FieldError::new("idempotency_key", FieldErrorCode::InvalidChoice));
        }
        if !self.position.is_on_earth() {
            return Err(FieldError::new("position", FieldErrorCode::NotOnEarth));
        }
        if !config.map.bounds.contains(self.position) {
            return Err(FieldError::new("position", FieldErrorCode::OutsideArea));
        }
        if self.unsafe_level.is_some_and(|level| !UNSAFE_LEVELS.contains(&level)) {
            return Err(FieldError::new("unsafe_level", FieldErrorCode::InvalidChoice));
        }
        let note = text::clean(&self.note);
        if text::char_len(&note) > WALK_NOTE_MAX_CHARS {
            return Err(FieldError::new("note", FieldErrorCode::TooLong));
        }
        Ok(WalkPointDraft { note, ..self.clone() })
    }

    /// Whether `other` is this point sent again (the same key and what was logged), rather than
    /// another point under a key already used.
    pub fn same_point(&self, other: &WalkPointDraft) -> bool {
        self.idempotency_key == other.idempotency_key
            && self.category == other.category
            && self.note == other.note
            && self.unsafe_level == other.unsafe_level
            && (self.position.lat - other.position.lat).abs() < 1e-9
            && (self.position.lng - other.position.lng).abs() < 1e-9
    }
}

/// A point of the walk as the group sees it on their phones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WalkPoint {
    pub id: i64,
    pub idempotency_key: String,
    pub position: LatLng,
    pub category: WalkCategory,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsafe_level: Option<u8>,
    /// When it was stored, UTC ISO 8601.
    pub logged_at: String,
}

impl WalkPoint {
    /// What was sent for it.
    pub fn draft(&self) -> WalkPointDraft {
        WalkPointDraft {
            idempotency_key: self.idempotency_key.clone(),
            position: self.position,
            category: self.category,
            note: self.note.clone(),
            unsafe_level: self.unsafe_level,
        }
    }
}

/// What a walk's live room tells the phones in it. The room carries no points (anyone may
/// listen to a room; only participants may read the points): a phone that hears of new ones
/// reads them with its pass.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum WalkLiveEvent {
    PointsChanged { count: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TenantConfig {
        TenantConfig::demo()
    }

    fn draft() -> WalkPointDraft {
        WalkPointDraft {
            idempotency_key: "walk-point-0001-abcd".into(),
            position: config().map.center,
            category: WalkCategory::DarkSpot,
            note: "  Lampan vid   gångtunneln är trasig \u{0007}".into(),
            unsafe_level: Some(4),
        }
    }

    #[test]
    fn a_point_is_cleaned_and_checked_against_the_municipality() {
        let ok = draft().validated(&config()).unwrap();
        assert_eq!(ok.note, "Lampan vid   gångtunneln är trasig");
        let field = |d: WalkPointDraft| d.validated(&config()).unwrap_err();
        assert_eq!(
            field(WalkPointDraft { idempotency_key: "kort".into(), ..draft() }).field,
            "idempotency_key"
        );
        let far = LatLng::new(67.85, 20.22);
        assert_eq!(field(WalkPointDraft { position: far, ..draft() }).code, FieldErrorCode::OutsideArea);
        let nowhere = LatLng::new(91.0, 0.0);
        assert_eq!(field(WalkPointDraft { position: nowhere, ..draft() }).code, FieldErrorCode::NotOnEarth);
        for level in [0, 6] {
            assert_eq!(field(WalkPointDraft { unsafe_level: Some(level), ..draft() }).field, "unsafe_level");
        }
        assert_eq!(field(WalkPointDraft { note: "x".repeat(501), ..draft() }).code, FieldErrorCode::TooLong);
        assert!(WalkPointDraft { note: String::new(), unsafe_level: None, ..draft() }
            .validated(&config())
            .is_ok());
    }

    #[test]
    fn a_point_sent_again_is_told_from_another_under_the_same_key() {
        let first = draft().validated(&config()).unwrap();
        assert!(first.same_point(&first.clone()));
        assert!(!first.same_point(&WalkPointDraft { category: WalkCategory::Graffiti, ..first.clone() }));
        let moved = LatLng::new(first.position.lat + 0.0001, first.position.lng);
        assert!(!first.same_point(&WalkPointDraft { position: moved, ..first.clone() }));
    }

    #[test]
    fn categories_read_back_and_dark_spots_come_first() {
        assert_eq!(WalkCategory::ALL[0], WalkCategory::DarkSpot);
        for category in WalkCategory::ALL {
            assert_eq!(WalkCategory::from_id(category.id()), Some(category));
            let json = serde_json::to_string(&category).unwrap();
            assert_eq!(json, format!("\"{}\"", category.id()));
        }
        assert_eq!(
            WalkCategory::UnsafeEnvironment.label_key("walk-category"),
            "walk-category-unsafe-environment"
        );
    }

    #[test]
    fn the_live_room_tells_only_that_points_changed() {
        let event = serde_json::to_string(&WalkLiveEvent::PointsChanged { count: 3 }).unwrap();
        assert_eq!(event, r#"{"type":"points_changed","count":3}"#);
    }
}
