//! A resident's report of a place that feels unsafe.

use serde::{Deserialize, Serialize};

use crate::geo::LatLng;
use crate::questionnaire::{Answers, CheckedAnswers};
use crate::reporter::ReporterGroup;

/// When during the day a place feels unsafe. Several may apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    Morning,
    Day,
    Evening,
    Night,
}

impl TimeOfDay {
    pub const ALL: [TimeOfDay; 4] = [Self::Morning, Self::Day, Self::Evening, Self::Night];

    pub fn id(self) -> &'static str {
        match self {
            Self::Morning => "morning",
            Self::Day => "day",
            Self::Evening => "evening",
            Self::Night => "night",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The locale key of its label, e.g. `time-evening`.
    pub fn label_key(self) -> String {
        format!("time-{}", self.id())
    }
}

/// Where a report is in the municipality's handling. Residents see this on their follow-up link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// ny
    New,
    /// granskad
    Reviewed,
    /// åtgärd pågår
    InProgress,
    /// åtgärdad
    Resolved,
    /// avslutad
    Closed,
}

impl ReportStatus {
    /// In workflow order.
    pub const ALL: [ReportStatus; 5] =
        [Self::New, Self::Reviewed, Self::InProgress, Self::Resolved, Self::Closed];

    pub fn id(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Reviewed => "reviewed",
            Self::InProgress => "in_progress",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The locale key of its label, e.g. `status-in-progress`.
    pub fn label_key(self) -> String {
        format!("status-{}", self.id().replace('_', "-"))
    }
}

/// What the form sends, before validation. Every field is optional here so that a missing one
/// becomes a clear field error instead of a parse error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ReportDraft {
    pub tenant: Option<String>,
    pub lat: Option<f64>,
    pub lng: Option<f64>,
    pub category: Option<String>,
    #[serde(default)]
    pub times: Vec<String>,
    #[serde(default)]
    pub description: String,
    pub contact_email: Option<String>,
    /// Answers to the municipality's own questions, by question id.
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub answers: Answers,
    /// Who is reporting (`resident` when absent): one of the tenant's reporter groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reporter_group: Option<String>,
    /// The municipality's access code, for groups that need one (staff, police).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_code: Option<String>,
    /// Chosen by the sender so that a retry of the same report is stored once: a second report
    /// with the same key gets the first one's case number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// The follow-up code, chosen by the sender when it sends an idempotency key (so that a
    /// retry after a lost answer still knows the code); otherwise the edge makes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup_token: Option<String>,
    /// A honeypot: a field people never see, so never fill in. Programs that fill in every
    /// field they find do, and are refused.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    /// The human check's token (Cloudflare Turnstile), when the municipality asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_token: Option<String>,
}

/// An idempotency key: 16 to 64 letters, digits and hyphens (a UUID fits).
pub fn is_idempotency_key(key: &str) -> bool {
    (16..=64).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// A follow-up code: 32 lowercase hex digits (128 bits) from a random source. Browsers make
/// them (for reports sent from the outbox, and as participant codes), so one with fewer than six
/// different digits ("000…0", "abab…") is a guess at a code, not a code: refused. Random digits
/// have so few once in about 10¹³ codes.
pub fn is_followup_token(token: &str) -> bool {
    let hex = token.len() == 32 && token.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let mut seen = [false; 256];
    token.bytes().for_each(|b| seen[usize::from(b)] = true);
    hex && seen.iter().filter(|s| **s).count() >= MIN_DIFFERENT_DIGITS
}

/// See [`is_followup_token`].
const MIN_DIFFERENT_DIGITS: usize = 6;

/// A report that passed validation: text cleaned, choices parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReport {
    pub tenant: String,
    pub location: LatLng,
    pub category: String,
    pub times: Vec<TimeOfDay>,
    pub description: String,
    /// Never public: only moderators may see it, and it expires with the tenant's retention.
    pub contact_email: Option<String>,
    pub answers: CheckedAnswers,
    pub reporter_group: ReporterGroup,
    /// Checked by the edge against the stored hash; never stored itself.
    pub access_code: Option<String>,
    pub idempotency_key: Option<String>,
    pub followup_token: Option<String>,
}

/// The answer to a stored report. The token is shown once and stored only as a hash.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportReceipt {
    pub case_number: String,
    pub followup_token: String,
}

/// Times are stored as a comma-separated list of ids (`evening,night`).
pub fn times_to_column(times: &[TimeOfDay]) -> String {
    times.iter().map(|t| t.id()).collect::<Vec<_>>().join(",")
}

pub fn times_from_column(column: &str) -> Vec<TimeOfDay> {
    column.split(',').filter_map(TimeOfDay::from_id).collect()
}

/// The case number residents quote: the year and the tenant's running number that year.
pub fn case_number(year: i32, sequence: u32) -> String {
    format!("{year}-{sequence:04}")
}

/// The year and running number of a case number; `None` if it is not one.
pub fn parse_case_number(text: &str) -> Option<(i32, u32)> {
    let (year, sequence) = text.split_once('-')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if year.len() != 4 || !digits(year) || !digits(sequence) {
        return None;
    }
    Some((year.parse().ok()?, sequence.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_through_the_column() {
        let times = vec![TimeOfDay::Evening, TimeOfDay::Night];
        assert_eq!(times_to_column(&times), "evening,night");
        assert_eq!(times_from_column("evening,night"), times);
        assert_eq!(times_from_column(""), vec![]);
    }

    #[test]
    fn status_ids_round_trip() {
        for s in ["new", "reviewed", "in_progress", "resolved", "closed"] {
            assert_eq!(ReportStatus::from_id(s).unwrap().id(), s);
        }
        assert_eq!(ReportStatus::from_id("ny"), None);
    }

    #[test]
    fn case_numbers_are_padded() {
        assert_eq!(case_number(2026, 7), "2026-0007");
        assert_eq!(case_number(2026, 12345), "2026-12345");
        assert_eq!(parse_case_number("2026-0007"), Some((2026, 7)));
        assert_eq!(parse_case_number(&case_number(2027, 123456)), Some((2027, 123456)));
        for bad in
            ["", "2026", "2026-", "-7", "26-0007", "2026-7a", "2026-+7", "2026-0007-1", "2026-9999999999"]
        {
            assert_eq!(parse_case_number(bad), None, "{bad}");
        }
    }

    #[test]
    fn drafts_reject_unknown_fields() {
        let err = serde_json::from_str::<ReportDraft>(r#"{"tenant":"demo","colour":"red"}"#);
        assert!(err.is_err());
        let ok: ReportDraft = serde_json::from_str(r#"{"tenant":"demo","lat":58.0}"#).unwrap();
        assert_eq!(ok.lat, Some(58.0));
        assert!(ok.times.is_empty());
    }
}
