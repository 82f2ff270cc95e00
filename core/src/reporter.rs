//! Who is reporting: a resident, or someone reporting in a role. Municipal staff (caretakers on
//! their rounds, say) and the police report with an access code their municipality gave them,
//! so that the console can trust the mark; businesses and associations say so themselves.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReporterGroup {
    #[default]
    Resident,
    Staff,
    Business,
    Association,
    Police,
}

impl ReporterGroup {
    pub const ALL: [ReporterGroup; 5] =
        [Self::Resident, Self::Staff, Self::Business, Self::Association, Self::Police];

    pub fn id(self) -> &'static str {
        match self {
            Self::Resident => "resident",
            Self::Staff => "staff",
            Self::Business => "business",
            Self::Association => "association",
            Self::Police => "police",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.id() == id)
    }

    /// Reports in this group are believed only with the municipality's access code.
    pub fn needs_code(self) -> bool {
        matches!(self, Self::Staff | Self::Police)
    }

    /// The locale key of the group's name, e.g. `reporter-group-staff`.
    pub fn label_key(self) -> String {
        format!("reporter-group-{}", self.id())
    }
}

/// Access codes are chosen by an admin and typed by staff on a phone: long enough not to be
/// guessed within the report limit, short enough to type.
pub const ACCESS_CODE_MIN_CHARS: usize = 10;
pub const ACCESS_CODE_MAX_CHARS: usize = 100;

pub fn is_acceptable_code(code: &str) -> bool {
    (ACCESS_CODE_MIN_CHARS..=ACCESS_CODE_MAX_CHARS).contains(&code.chars().count())
        && !code.chars().any(char::is_control)
}

/// Whether an access code is set for a group, as the console shows it (never the code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AccessCodeState {
    pub group: ReporterGroup,
    pub has_code: bool,
}

/// An admin's new access code for a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewAccessCode {
    pub code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_staff_need_codes() {
        for g in ReporterGroup::ALL {
            assert_eq!(ReporterGroup::from_id(g.id()), Some(g));
        }
        let coded: Vec<_> = ReporterGroup::ALL.into_iter().filter(|g| g.needs_code()).collect();
        assert_eq!(coded, vec![ReporterGroup::Staff, ReporterGroup::Police]);
        assert_eq!(ReporterGroup::default(), ReporterGroup::Resident);
    }

    #[test]
    fn codes_are_long_enough() {
        assert!(is_acceptable_code("vaktmastare-2026"));
        assert!(!is_acceptable_code("123456789"));
        assert!(!is_acceptable_code(&"x".repeat(101)));
        assert!(!is_acceptable_code("abcdefghij\n"));
    }
}
