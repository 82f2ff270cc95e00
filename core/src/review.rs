//! The moderator's side of a report: what they may do to it, as a pure state machine.
//! The edge loads the state, calls [`ReviewState::apply`], stores the result and audits both.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::questionnaire::{AnswerValue, Answers, SHORT_TEXT_MAX_CHARS};
use crate::reporter::ReporterGroup;

use crate::field_error::{FieldError, FieldErrorCode};
use crate::moderation::{RejectionReason, Visibility, PUBLIC_COMMENT_MAX_CHARS};
use crate::report::{ReportStatus, TimeOfDay};
use crate::report_list::{encode_query_value, ReportOrder, Search};
use crate::text;
use crate::validation::DESCRIPTION_MAX_CHARS;

/// What a moderator does to one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReviewAction {
    /// Show on the public map; the free text only if `publish_description`.
    Approve { publish_description: bool },
    /// Keep off the public map, for a recorded reason.
    Reject { reason: RejectionReason },
    /// Move the handling on, with an optional comment residents see ("vad vi gjorde").
    SetStatus {
        status: ReportStatus,
        #[serde(default)]
        public_comment: String,
    },
    /// Replace the text with a version without personal data, and likewise any short-text
    /// answers named in `answer_texts` (an empty text removes the answer). The originals go to
    /// the audit log.
    Redact {
        description: String,
        #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
        answer_texts: BTreeMap<String, String>,
    },
    /// This report repeats another (given by case number): close it and point there.
    MergeInto { case_number: String },
    /// Send it to another unit (by id), or to none (it waits to be routed). Whether the unit
    /// exists is for the edge to check.
    Route { unit: Option<i64> },
    /// Give it the category it should have had (residents often choose another); the first
    /// category is kept. Whether the municipality offers it is for the edge to check.
    Recategorise { category: String },
    /// Name who handles it (a person at the unit, who may have no account); empty: nobody.
    Assign { assignee: String },
    /// When what it is about happened (`YYYY-MM-DDTHH:MM`, Swedish time), for an event rather
    /// than a place; none: not known.
    SetEventTime { at: Option<String> },
}

impl ReviewAction {
    /// Whether the action is part of handling a case (what a unit's member may do: move its
    /// status on, name who handles it) rather than reviewing it (publishing, turning down,
    /// redacting, merging, routing, recategorising, dating the event).
    pub fn is_handling(&self) -> bool {
        matches!(self, Self::SetStatus { .. } | Self::Assign { .. })
    }

    /// The name written to the audit log.
    pub fn audit_name(&self) -> &'static str {
        match self {
            Self::Approve { .. } => "report.approve",
            Self::Reject { .. } => "report.reject",
            Self::SetStatus { .. } => "report.set_status",
            Self::Redact { .. } => "report.redact",
            Self::MergeInto { .. } => "report.merge",
            Self::Route { .. } => "report.route",
            Self::Recategorise { .. } => "report.recategorise",
            Self::Assign { .. } => "report.assign",
            Self::SetEventTime { .. } => "report.event_time",
        }
    }
}

/// The longest name of who handles a report.
pub const ASSIGNEE_MAX_CHARS: usize = 100;

/// The parts of a report that moderation changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReviewState {
    pub category: String,
    /// The category the resident chose, once a moderator changed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_category: Option<String>,
    pub status: ReportStatus,
    pub visibility: Visibility,
    pub rejection_reason: Option<RejectionReason>,
    pub public_comment: String,
    pub description: String,
    pub description_public: bool,
    /// The case number this report was merged into.
    pub merged_into: Option<String>,
    /// Short-text answers to the municipality's questions: free text, redacted like the
    /// description and removed with it when the retention period ends.
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub answer_texts: Answers,
    /// The unit the report is routed to (see `crate::unit::route`); none: not routed yet.
    #[serde(default)]
    pub unit: Option<i64>,
    /// Who handles it at the unit (free text; internal, never public).
    #[serde(default)]
    pub assignee: String,
    /// When the event it is about happened, `YYYY-MM-DDTHH:MM` in Swedish time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_at: Option<String>,
}

impl ReviewState {
    /// The state after `action`, or why it is not allowed. `own_case` is this report's number.
    pub fn apply(&self, action: &ReviewAction, own_case: &str) -> Result<ReviewState, FieldError> {
        // A report merged into another is closed as a duplicate, for good: it is neither
        // published, nor given another reason, nor merged again (a redaction is always allowed).
        let settled = matches!(
            action,
            ReviewAction::Approve { .. } | ReviewAction::Reject { .. } | ReviewAction::MergeInto { .. }
        );
        if self.merged_into.is_some() && settled {
            return Err(FieldError::new("action", FieldErrorCode::InvalidTransition));
        }
        let mut next = self.clone();
        let reviewed =
            |status: ReportStatus| if status == ReportStatus::New { ReportStatus::Reviewed } else { status };
        match action {
            ReviewAction::Approve { publish_description } => {
                next.visibility = Visibility::Approved;
                next.rejection_reason = None;
                next.description_public = *publish_description;
                next.status = reviewed(self.status);
            }
            ReviewAction::Reject { reason } => {
                next.visibility = Visibility::Rejected;
                next.rejection_reason = Some(*reason);
                next.description_public = false;
                next.status = reviewed(self.status);
            }
            ReviewAction::SetStatus { status, public_comment } => {
                if !self.status.can_move_to(*status) {
                    return Err(FieldError::new("status", FieldErrorCode::InvalidTransition));
                }
                let comment = text::clean(public_comment);
                if text::char_len(&comment) > PUBLIC_COMMENT_MAX_CHARS {
                    return Err(FieldError::new("public_comment", FieldErrorCode::TooLong));
                }
                next.status = *status;
                if !comment.is_empty() {
                    next.public_comment = comment;
                }
            }
            ReviewAction::Redact { description, answer_texts } => {
                let cleaned = text::clean(description);
                if text::char_len(&cleaned) > DESCRIPTION_MAX_CHARS {
                    return Err(FieldError::new("description", FieldErrorCode::TooLong));
                }
                next.description = cleaned;
                for (question, replacement) in answer_texts {
                    // Only answers that exist can be redacted; none can be added this way.
                    if !self.answer_texts.contains_key(question) {
                        return Err(FieldError::new("answer_texts", FieldErrorCode::InvalidChoice));
                    }
                    let cleaned = text::clean(replacement);
                    if text::char_len(&cleaned) > SHORT_TEXT_MAX_CHARS {
                        return Err(FieldError::new("answer_texts", FieldErrorCode::TooLong));
                    }
                    if cleaned.is_empty() {
                        next.answer_texts.remove(question);
                    } else {
                        next.answer_texts.insert(question.clone(), AnswerValue::Text(cleaned));
                    }
                }
            }
            ReviewAction::MergeInto { case_number } => {
                // Compared as numbers: "2026-42" is the same case as "2026-0042".
                let target = crate::report::parse_case_number(case_number)
                    .filter(|target| Some(*target) != crate::report::parse_case_number(own_case))
                    .ok_or(FieldError::new("case_number", FieldErrorCode::InvalidChoice))?;
                next.status = ReportStatus::Closed;
                next.visibility = Visibility::Rejected;
                next.rejection_reason = Some(RejectionReason::Duplicate);
                next.description_public = false;
                next.merged_into = Some(crate::report::case_number(target.0, target.1));
            }
            ReviewAction::Route { unit } => next.unit = *unit,
            ReviewAction::Recategorise { category } => {
                if category.is_empty() {
                    return Err(FieldError::new("category", FieldErrorCode::UnknownCategory));
                }
                if *category != self.category {
                    next.original_category.get_or_insert_with(|| self.category.clone());
                    next.category = category.clone();
                }
            }
            ReviewAction::Assign { assignee } => {
                // A name on one line.
                let cleaned = text::one_line(assignee);
                if text::char_len(&cleaned) > ASSIGNEE_MAX_CHARS {
                    return Err(FieldError::new("assignee", FieldErrorCode::TooLong));
                }
                next.assignee = cleaned;
            }
            ReviewAction::SetEventTime { at } => {
                if at.as_deref().is_some_and(|at| !is_local_minute(at)) {
                    return Err(FieldError::new("at", FieldErrorCode::InvalidDate));
                }
                next.event_at = at.clone();
            }
        }
        Ok(next)
    }
}

/// A report as moderators see it: everything, including the contact e-mail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ModeratedReport {
    pub case_number: String,
    pub lat: f64,
    pub lng: f64,
    pub times: Vec<TimeOfDay>,
    pub contact_email: Option<String>,
    pub created_at: String,
    /// Answers to the municipality's questions: choices and scales (short texts are in the
    /// review state, since moderators redact them).
    #[serde(default, skip_serializing_if = "Answers::is_empty")]
    pub answers: Answers,
    #[serde(default)]
    pub reporter_group: ReporterGroup,
    /// The id of the area the place lies in (none: outside every area). Stored when the report
    /// arrives and again when the areas change, so the list filters on it in SQL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Where it is in words, as named when it arrived ("Storgatan, Centrum"; see `place_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(flatten)]
    pub review: ReviewState,
}

impl ModeratedReport {
    /// Every answer: choices and scales, and short texts (as redacted).
    pub fn all_answers(&self) -> Answers {
        let mut all = self.answers.clone();
        all.extend(self.review.answer_texts.clone());
        all
    }
}

/// Filters of the review list. Dates are inclusive days (`YYYY-MM-DD`, UTC).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ReportFilter {
    pub status: Option<ReportStatus>,
    pub visibility: Option<Visibility>,
    pub category: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// An area id, or "-" for reports outside every area.
    pub area: Option<String>,
    /// Who sent it: residents, staff with the access code, the police, …
    #[serde(default)]
    pub group: Option<ReporterGroup>,
    /// The unit it is routed to, or none yet.
    #[serde(default)]
    pub unit: Option<UnitFilter>,
    /// A case number, or words in the report's texts (see [`Search`]).
    pub q: Option<String>,
    #[serde(default)]
    pub order: ReportOrder,
    /// Only reports that are cases: not those turned down as duplicates (merged), off topic or
    /// from outside the municipality (see [`RejectionReason::still_a_case`]). What the
    /// lägesbild counts unless asked for everything; never from a query.
    #[serde(skip)]
    pub cases_only: bool,
}

impl ReportFilter {
    /// Reads the filter from query pairs; unknown keys are ignored, bad values are errors.
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, FieldError> {
        let mut filter = Self::default();
        for (key, value) in pairs {
            if value.is_empty() {
                continue;
            }
            let invalid = |field| FieldError::new(field, FieldErrorCode::InvalidChoice);
            match key {
                "status" => filter.status = Some(ReportStatus::from_id(value).ok_or(invalid("status"))?),
                "visibility" => {
                    filter.visibility = Some(Visibility::from_id(value).ok_or(invalid("visibility"))?)
                }
                "category" => filter.category = Some(value.to_string()),
                "area" => filter.area = Some(value.to_string()),
                "group" => filter.group = Some(ReporterGroup::from_id(value).ok_or(invalid("group"))?),
                "unit" => filter.unit = Some(UnitFilter::from_id(value).ok_or(invalid("unit"))?),
                "q" => filter.q = Search::parse(value).map(|_| value.trim().to_string()),
                "order" => filter.order = ReportOrder::from_id(value).ok_or(invalid("order"))?,
                "from" | "to" => {
                    if !is_iso_day(value) {
                        return Err(FieldError::new(
                            if key == "from" { "from" } else { "to" },
                            FieldErrorCode::InvalidDate,
                        ));
                    }
                    let day = Some(value.to_string());
                    if key == "from" {
                        filter.from = day
                    } else {
                        filter.to = day
                    }
                }
                _ => {}
            }
        }
        Ok(filter)
    }

    /// The filter as query pairs (percent-encoded) that [`Self::from_query`] reads back: for
    /// the API's requests and the console's addresses.
    pub fn to_query(&self) -> String {
        let order = (self.order != ReportOrder::Newest).then_some(self.order.id());
        [
            ("status", self.status.map(ReportStatus::id)),
            ("visibility", self.visibility.map(Visibility::id)),
            ("category", self.category.as_deref()),
            ("from", self.from.as_deref()),
            ("to", self.to.as_deref()),
            ("area", self.area.as_deref()),
            ("group", self.group.map(ReporterGroup::id)),
            ("unit", self.unit.map(UnitFilter::id).as_deref()),
            ("q", self.q.as_deref()),
            ("order", order),
        ]
        .into_iter()
        .filter_map(|(key, value)| Some(format!("{key}={}", encode_query_value(value?))))
        .collect::<Vec<_>>()
        .join("&")
    }

    /// What the search looks for, if anything.
    pub fn search(&self) -> Option<Search> {
        self.q.as_deref().and_then(Search::parse)
    }
}

/// Which reports the unit filter selects: those routed to one unit, or those routed to none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitFilter {
    Unit(i64),
    Unrouted,
}

impl UnitFilter {
    /// In a query: the unit's id, or `-` for none.
    pub fn id(self) -> String {
        match self {
            Self::Unit(id) => id.to_string(),
            Self::Unrouted => "-".into(),
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        match id {
            "-" => Some(Self::Unrouted),
            _ => id.parse().ok().filter(|id| *id > 0).map(Self::Unit),
        }
    }
}

/// `YYYY-MM-DDTHH:MM`: a plausible day and a time of day (as a datetime-local field gives it).
pub fn is_local_minute(text: &str) -> bool {
    let Some((day, time)) = text.split_once('T') else { return false };
    let two = |s: &str| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    let clock = match time.split_once(':') {
        Some((h, m)) => matches!((two(h), two(m)), (Some(0..=23), Some(0..=59))),
        None => false,
    };
    is_iso_day(day) && clock
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn is_iso_day(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            matches!((number(y, 4), number(m, 2), number(d, 2)), (Some(_), Some(1..=12), Some(1..=31)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReportStatus::*;

    fn fresh() -> ReviewState {
        ReviewState {
            category: "dark-spot".into(),
            original_category: None,
            status: New,
            visibility: Visibility::Pending,
            rejection_reason: None,
            public_comment: String::new(),
            description: "Mörkt vid Storgatan 3, där Kalle Svensson bor.".into(),
            description_public: false,
            merged_into: None,
            answer_texts: Answers::from([(
                "idea".to_string(),
                AnswerValue::Text("Fråga Kalle på nr 3".into()),
            )]),
            unit: None,
            assignee: String::new(),
            event_at: None,
        }
    }

    #[test]
    fn a_new_category_keeps_the_first_one_the_resident_chose() {
        let changed =
            fresh().apply(&ReviewAction::Recategorise { category: "graffiti".into() }, "2026-0001").unwrap();
        assert_eq!(changed.category, "graffiti");
        assert_eq!(changed.original_category.as_deref(), Some("dark-spot"));
        let again =
            changed.apply(&ReviewAction::Recategorise { category: "littering".into() }, "2026-0001").unwrap();
        assert_eq!(
            again.original_category.as_deref(),
            Some("dark-spot"),
            "the resident's choice, not the last one"
        );
        let same =
            fresh().apply(&ReviewAction::Recategorise { category: "dark-spot".into() }, "2026-0001").unwrap();
        assert_eq!(same, fresh(), "the same category changes nothing");
        let none = fresh().apply(&ReviewAction::Recategorise { category: String::new() }, "2026-0001");
        assert_eq!(none.unwrap_err().code, FieldErrorCode::UnknownCategory);
    }

    #[test]
    fn an_assignee_is_named_in_clean_text_and_an_event_has_a_plausible_time() {
        let named = fresh()
            .apply(&ReviewAction::Assign { assignee: "  Kim   på gatuenheten ".into() }, "2026-0001")
            .unwrap();
        assert_eq!(named.assignee, "Kim på gatuenheten");
        let long = ReviewAction::Assign { assignee: "x".repeat(ASSIGNEE_MAX_CHARS + 1) };
        assert_eq!(fresh().apply(&long, "2026-0001").unwrap_err().field, "assignee");

        let at = |at: &str| fresh().apply(&ReviewAction::SetEventTime { at: Some(at.into()) }, "2026-0001");
        assert_eq!(at("2026-11-30T22:15").unwrap().event_at.as_deref(), Some("2026-11-30T22:15"));
        for bad in
            ["2026-11-30", "2026-11-30T24:00", "2026-13-01T10:00", "30/11 22:15", "2026-11-30T22:15:00"]
        {
            assert_eq!(at(bad).unwrap_err().code, FieldErrorCode::InvalidDate, "{bad}");
        }
        let cleared =
            at("2026-11-30T22:15").unwrap().apply(&ReviewAction::SetEventTime { at: None }, "2026-0001");
        assert_eq!(cleared.unwrap().event_at, None);
    }

    #[test]
    fn routing_sends_to_a_unit_or_to_none_and_changes_nothing_else() {
        let routed = fresh().apply(&ReviewAction::Route { unit: Some(3) }, "2026-0001").unwrap();
        assert_eq!(routed, ReviewState { unit: Some(3), ..fresh() });
        let unrouted = routed.apply(&ReviewAction::Route { unit: None }, "2026-0001").unwrap();
        assert_eq!(unrouted, fresh());
    }

    #[test]
    fn handling_is_the_status_and_the_assignee_only() {
        let status =
            ReviewAction::SetStatus { status: ReportStatus::Resolved, public_comment: String::new() };
        assert!(status.is_handling());
        assert!(ReviewAction::Assign { assignee: "Eva".into() }.is_handling());
        assert!(!ReviewAction::Approve { publish_description: true }.is_handling());
        assert!(!ReviewAction::Route { unit: None }.is_handling());
        assert!(!ReviewAction::Recategorise { category: "graffiti".into() }.is_handling());
        assert!(
            !ReviewAction::Redact { description: String::new(), answer_texts: BTreeMap::new() }.is_handling()
        );
    }

    #[test]
    fn approving_publishes_and_marks_reviewed() {
        let next = fresh().apply(&ReviewAction::Approve { publish_description: false }, "2026-0001").unwrap();
        assert_eq!(
            (next.visibility, next.status, next.description_public),
            (Visibility::Approved, Reviewed, false)
        );
        let later = ReviewState { status: InProgress, ..fresh() };
        assert_eq!(
            later.apply(&ReviewAction::Approve { publish_description: true }, "x").unwrap().status,
            InProgress
        );
    }

    #[test]
    fn rejecting_records_the_reason_and_hides_text() {
        let approved =
            fresh().apply(&ReviewAction::Approve { publish_description: true }, "2026-0001").unwrap();
        let next = approved
            .apply(&ReviewAction::Reject { reason: RejectionReason::PersonalData }, "2026-0001")
            .unwrap();
        assert_eq!(next.visibility, Visibility::Rejected);
        assert_eq!(next.rejection_reason, Some(RejectionReason::PersonalData));
        assert!(!next.description_public);
    }

    #[test]
    fn status_moves_follow_the_workflow_and_keep_comments() {
        let step = |s: &ReviewState, status, comment: &str| {
            s.apply(&ReviewAction::SetStatus { status, public_comment: comment.into() }, "2026-0001")
        };
        let reviewed = step(&fresh(), Reviewed, "").unwrap();
        let working = step(&reviewed, InProgress, "  Vi har beställt ny belysning.\u{0007} ").unwrap();
        assert_eq!(working.public_comment, "Vi har beställt ny belysning.");
        let done = step(&working, Resolved, "").unwrap();
        assert_eq!(
            done.public_comment, "Vi har beställt ny belysning.",
            "an empty comment keeps the last one"
        );
        assert_eq!(step(&fresh(), Resolved, "").unwrap_err().code, FieldErrorCode::InvalidTransition);
        assert_eq!(step(&fresh(), Reviewed, &"x".repeat(1001)).unwrap_err().code, FieldErrorCode::TooLong);
    }

    #[test]
    fn redaction_replaces_the_text_within_limits() {
        let next = fresh()
            .apply(
                &ReviewAction::Redact {
                    description: "Mörkt vid Storgatan 3.".into(),
                    answer_texts: BTreeMap::new(),
                },
                "x",
            )
            .unwrap();
        assert_eq!(next.description, "Mörkt vid Storgatan 3.");
        let too_long = ReviewAction::Redact { description: "x".repeat(1001), answer_texts: BTreeMap::new() };
        assert_eq!(fresh().apply(&too_long, "x").unwrap_err().field, "description");
    }

    #[test]
    fn redaction_reaches_short_text_answers_but_adds_none() {
        let redact = |pairs: &[(&str, &str)]| ReviewAction::Redact {
            description: "Mörkt.".into(),
            answer_texts: pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        };
        let next = fresh().apply(&redact(&[("idea", " Fråga vaktmästaren ")]), "x").unwrap();
        assert_eq!(next.answer_texts["idea"], AnswerValue::Text("Fråga vaktmästaren".into()));
        let removed = fresh().apply(&redact(&[("idea", "  ")]), "x").unwrap();
        assert!(removed.answer_texts.is_empty(), "an empty text removes the answer");
        assert_eq!(
            fresh().apply(&redact(&[("ghost", "x")]), "x").unwrap_err().code,
            FieldErrorCode::InvalidChoice
        );
        let long = "x".repeat(SHORT_TEXT_MAX_CHARS + 1);
        assert_eq!(
            fresh().apply(&redact(&[("idea", &long)]), "x").unwrap_err().code,
            FieldErrorCode::TooLong
        );
    }

    #[test]
    fn merging_closes_as_duplicate_but_not_into_itself() {
        let next =
            fresh().apply(&ReviewAction::MergeInto { case_number: "2026-0002".into() }, "2026-0001").unwrap();
        assert_eq!((next.status, next.visibility), (Closed, Visibility::Rejected));
        assert_eq!(next.rejection_reason, Some(RejectionReason::Duplicate));
        assert_eq!(next.merged_into.as_deref(), Some("2026-0002"));
        // The short form is the same case: kept in the standard form, and never itself.
        let short = fresh().apply(&ReviewAction::MergeInto { case_number: "2026-2".into() }, "2026-0001");
        assert_eq!(short.unwrap().merged_into.as_deref(), Some("2026-0002"));
        for target in ["2026-0001", "2026-1", "2026-00001", "nonsense"] {
            let action = ReviewAction::MergeInto { case_number: target.into() };
            assert_eq!(fresh().apply(&action, "2026-0001").unwrap_err().code, FieldErrorCode::InvalidChoice);
        }
    }

    #[test]
    fn a_merged_report_stays_a_closed_duplicate() {
        let merged =
            fresh().apply(&ReviewAction::MergeInto { case_number: "2026-0002".into() }, "2026-0001").unwrap();
        for action in [
            ReviewAction::Approve { publish_description: false },
            ReviewAction::Reject { reason: RejectionReason::OffTopic },
            ReviewAction::MergeInto { case_number: "2026-0003".into() },
        ] {
            assert_eq!(
                merged.apply(&action, "2026-0001").unwrap_err().code,
                FieldErrorCode::InvalidTransition
            );
        }
        let redacted =
            ReviewAction::Redact { description: "[borttaget]".into(), answer_texts: Default::default() };
        assert_eq!(merged.apply(&redacted, "2026-0001").unwrap().description, "[borttaget]");
    }

    #[test]
    fn actions_parse_from_json() {
        let action: ReviewAction = serde_json::from_str(
            r#"{"action":"set_status","status":"in_progress","public_comment":"Åtgärdas"}"#,
        )
        .unwrap();
        assert_eq!(action, ReviewAction::SetStatus { status: InProgress, public_comment: "Åtgärdas".into() });
        assert!(serde_json::from_str::<ReviewAction>(r#"{"action":"delete"}"#).is_err());
        assert!(serde_json::from_str::<ReviewAction>(r#"{"action":"reject","reason":"boring"}"#).is_err());
    }

    #[test]
    fn filters_from_query() {
        let f = ReportFilter::from_query([
            ("status", "new"),
            ("category", "graffiti"),
            ("from", "2026-01-31"),
            ("x", "y"),
        ])
        .unwrap();
        assert_eq!(f.status, Some(New));
        assert_eq!(f.category.as_deref(), Some("graffiti"));
        assert_eq!(f.from.as_deref(), Some("2026-01-31"));
        assert_eq!(ReportFilter::from_query([("status", "")]).unwrap(), ReportFilter::default());
        assert_eq!(ReportFilter::from_query([("status", "ny")]).unwrap_err().field, "status");
        assert_eq!(
            ReportFilter::from_query([("to", "2026-13-01")]).unwrap_err().code,
            FieldErrorCode::InvalidDate
        );
        assert!(!is_iso_day("2026-1-01") && is_iso_day("2026-12-31"));
    }

    #[test]
    fn a_filter_survives_its_query_string() {
        let filter = ReportFilter {
            status: Some(InProgress),
            visibility: Some(Visibility::Approved),
            category: Some("dark-spot".into()),
            from: Some("2026-01-01".into()),
            to: Some("2026-12-31".into()),
            area: Some("centrum".into()),
            group: Some(ReporterGroup::Police),
            unit: Some(UnitFilter::Unit(3)),
            q: Some("Östra torget & 50%".into()),
            order: ReportOrder::Status,
            // Never in a query: the lägesbild sets it.
            cases_only: false,
        };
        let query = filter.to_query();
        let pairs: Vec<(String, String)> = query
            .split('&')
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap();
                (key.to_string(), percent_decode(value))
            })
            .collect();
        let read = ReportFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(read, filter);
        assert_eq!(ReportFilter::default().to_query(), "", "the default filter adds nothing to an address");
        assert_eq!(ReportFilter::from_query([("order", "sideways")]).unwrap_err().field, "order");
        assert_eq!(ReportFilter::from_query([("group", "mayor")]).unwrap_err().field, "group");
        assert_eq!(ReportFilter::from_query([("unit", "-")]).unwrap().unit, Some(UnitFilter::Unrouted));
        assert_eq!(ReportFilter::from_query([("unit", "0")]).unwrap_err().field, "unit");
        assert_eq!(ReportFilter::from_query([("unit", "gata")]).unwrap_err().field, "unit");
        assert_eq!(ReportFilter::from_query([("q", "  ")]).unwrap().q, None);
    }

    fn percent_decode(value: &str) -> String {
        let bytes = value.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'%' {
                out.push(u8::from_str_radix(&value[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }
}
