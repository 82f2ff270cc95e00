//! The municipality's units (street and parks, property, social services…): who takes which
//! reports, and how fast they aim to fix them. A new report goes to a unit by these rules; a
//! moderator may send it elsewhere.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::tenant::TenantConfig;
use crate::text;
use crate::validation::is_plausible_email;

pub const UNIT_NAME_MAX_CHARS: usize = 100;
/// The longest target time to fix: a year, in hours.
pub const TARGET_MAX_HOURS: u32 = 24 * 366;

/// A unit as admins define it (the id is the edge's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitDraft {
    pub name: String,
    /// Where the unit is reached (its shared mailbox, not a person's).
    pub email: String,
    /// Categories whose reports it takes by default.
    #[serde(default)]
    pub categories: Vec<String>,
    /// Areas it takes them in; none: the whole municipality.
    #[serde(default)]
    pub areas: Vec<String>,
    /// Its target time to fix, in hours, per category (e.g. graffiti 48).
    #[serde(default)]
    pub targets: BTreeMap<String, u32>,
}

/// A unit of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Unit {
    pub id: i64,
    #[serde(flatten)]
    pub draft: UnitDraft,
}

/// A unit's id and name: what a page naming units needs of them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UnitName {
    pub id: i64,
    pub name: String,
}

impl UnitDraft {
    /// The unit with its text cleaned and its lists without repeats, or the first problem:
    /// categories and areas must be the municipality's own.
    pub fn validated(&self, config: &TenantConfig) -> Result<UnitDraft, FieldError> {
        let name = text::clean(&self.name);
        if name.is_empty() {
            return Err(FieldError::new("name", FieldErrorCode::Required));
        }
        if text::char_len(&name) > UNIT_NAME_MAX_CHARS {
            return Err(FieldError::new("name", FieldErrorCode::TooLong));
        }
        let email = text::clean(&self.email).to_lowercase();
        if !is_plausible_email(&email) {
            return Err(FieldError::new("email", FieldErrorCode::InvalidEmail));
        }
        let known_category = |id: &String| config.offers_category(id);
        if !self.categories.iter().all(known_category) {
            return Err(FieldError::new("categories", FieldErrorCode::UnknownCategory));
        }
        if !self.areas.iter().all(|id| config.areas.iter().any(|area| &area.id == id)) {
            return Err(FieldError::new("areas", FieldErrorCode::InvalidChoice));
        }
        if !self.targets.keys().all(known_category) {
            return Err(FieldError::new("targets", FieldErrorCode::UnknownCategory));
        }
        if self.targets.values().any(|hours| !(1..=TARGET_MAX_HOURS).contains(hours)) {
            return Err(FieldError::new("targets", FieldErrorCode::InvalidChoice));
        }
        Ok(UnitDraft {
            name,
            email,
            categories: without_repeats(&self.categories),
            areas: without_repeats(&self.areas),
            targets: self.targets.clone(),
        })
    }
}

fn without_repeats(ids: &[String]) -> Vec<String> {
    let mut kept: Vec<String> = Vec::with_capacity(ids.len());
    for id in ids {
        if !kept.contains(id) {
            kept.push(id.clone());
        }
    }
    kept
}

impl Unit {
    /// Whether it takes reports of `category` by default (in any area).
    pub fn takes(&self, category: &str) -> bool {
        self.draft.categories.iter().any(|c| c == category)
    }

    /// Whether it names `area` as one of its own (a unit naming none covers every area, but
    /// gives way to one that names it).
    fn names_area(&self, area: Option<&str>) -> bool {
        area.is_some_and(|area| self.draft.areas.iter().any(|a| a == area))
    }

    fn covers_everywhere(&self) -> bool {
        self.draft.areas.is_empty()
    }

    /// Its target time to fix a report of `category`, in hours.
    pub fn name(&self) -> UnitName {
        UnitName { id: self.id, name: self.draft.name.clone() }
    }

    pub fn target_hours(&self, category: &str) -> Option<u32> {
        self.draft.targets.get(category).copied()
    }
}

/// The unit a new report of `category` in `area` goes to: one that takes the category in that
/// area by name, else one that takes it everywhere; among equals, the first defined (the lowest
/// id). None when no unit takes it: the report waits for a moderator to route it.
pub fn route<'a>(units: &'a [Unit], category: &str, area: Option<&str>) -> Option<&'a Unit> {
    let taking = || units.iter().filter(|unit| unit.takes(category));
    let first = |candidates: Vec<&'a Unit>| candidates.into_iter().min_by_key(|unit| unit.id);
    first(taking().filter(|unit| unit.names_area(area)).collect())
        .or_else(|| first(taking().filter(|unit| unit.covers_everywhere()).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, name: &str, categories: &[&str], areas: &[&str]) -> Unit {
        Unit {
            id,
            draft: UnitDraft {
                name: name.into(),
                email: format!("{}@kommun.se", name.to_lowercase()),
                categories: categories.iter().map(|c| c.to_string()).collect(),
                areas: areas.iter().map(|a| a.to_string()).collect(),
                targets: BTreeMap::from([("graffiti".into(), 48)]),
            },
        }
    }

    #[test]
    fn a_report_goes_to_the_unit_naming_its_area_before_one_covering_everywhere() {
        let units = [
            unit(1, "Gata", &["graffiti", "littering"], &[]),
            unit(2, "Centrum", &["graffiti"], &["centrum"]),
            unit(3, "Social", &["unsafe-environment"], &[]),
        ];
        assert_eq!(route(&units, "graffiti", Some("centrum")).map(|u| u.id), Some(2));
        assert_eq!(route(&units, "graffiti", Some("norr")).map(|u| u.id), Some(1));
        assert_eq!(route(&units, "graffiti", None).map(|u| u.id), Some(1));
        assert_eq!(route(&units, "littering", Some("centrum")).map(|u| u.id), Some(1));
        assert_eq!(route(&units, "unsafe-environment", Some("centrum")).map(|u| u.id), Some(3));
    }

    #[test]
    fn a_report_no_unit_takes_waits_for_a_moderator() {
        let units = [unit(1, "Centrum", &["graffiti"], &["centrum"])];
        assert_eq!(route(&units, "graffiti", Some("norr")), None);
        assert_eq!(route(&units, "dark-spot", Some("centrum")), None);
        assert_eq!(route(&[], "graffiti", None), None);
    }

    #[test]
    fn among_equal_units_the_first_defined_takes_it() {
        let units = [unit(7, "Senare", &["graffiti"], &[]), unit(4, "Först", &["graffiti"], &[])];
        assert_eq!(route(&units, "graffiti", None).map(|u| u.id), Some(4));
    }

    #[test]
    fn the_target_is_per_category() {
        let street = unit(1, "Gata", &["graffiti"], &[]);
        assert_eq!(street.target_hours("graffiti"), Some(48));
        assert_eq!(street.target_hours("littering"), None);
    }

    #[test]
    fn a_unit_names_only_the_municipalitys_categories_and_areas() {
        let config = TenantConfig::demo();
        let area = config.areas.first().map(|a| a.id.clone()).unwrap_or_default();
        let draft = UnitDraft {
            name: "  Gatu- och parkenheten ".into(),
            email: "Gata@Kommun.se".into(),
            categories: vec!["graffiti".into(), "graffiti".into()],
            areas: vec![area.clone()],
            targets: BTreeMap::from([("graffiti".into(), 48)]),
        };
        let valid = draft.validated(&config).unwrap();
        assert_eq!(valid.name, "Gatu- och parkenheten");
        assert_eq!(valid.email, "gata@kommun.se");
        assert_eq!(valid.categories, vec!["graffiti".to_string()]);

        let refused = |draft: UnitDraft| draft.validated(&config).unwrap_err();
        assert_eq!(refused(UnitDraft { name: " ".into(), ..draft.clone() }).field, "name");
        assert_eq!(
            refused(UnitDraft { email: "gata".into(), ..draft.clone() }).code,
            FieldErrorCode::InvalidEmail
        );
        let unknown = UnitDraft { categories: vec!["ufo".into()], ..draft.clone() };
        assert_eq!(refused(unknown).code, FieldErrorCode::UnknownCategory);
        assert_eq!(refused(UnitDraft { areas: vec!["månen".into()], ..draft.clone() }).field, "areas");
        let never = UnitDraft { targets: BTreeMap::from([("graffiti".into(), 0)]), ..draft.clone() };
        assert_eq!(refused(never).field, "targets");
        let unknown_target = UnitDraft { targets: BTreeMap::from([("ufo".into(), 5)]), ..draft };
        assert_eq!(refused(unknown_target).code, FieldErrorCode::UnknownCategory);
    }
}
