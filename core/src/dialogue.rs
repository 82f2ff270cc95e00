//! Trygghetsdialog: a public safety dialogue where residents ask questions at a distance, vote
//! for each other's questions, and see the answers arrive live.
//!
//! The rules live here as plain functions: what a dialogue and a question must look like, how a
//! dialogue moves from draft to closed, what a moderator or responder may do to a question, and
//! how a browser merges live events into what it shows. The edge stores, the widget and console
//! render; both call these.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::i18n::{I18n, Locale};
use crate::local_time;
use crate::moderation::RejectionReason;
use crate::report::is_idempotency_key;
use crate::spreadsheet::{Cell, Sheet};
use crate::text;

pub const TITLE_MAX_CHARS: usize = 150;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const PLACE_MAX_CHARS: usize = 200;
pub const STREAM_URL_MAX_CHARS: usize = 500;
pub const PANEL_MAX_MEMBERS: usize = 12;
pub const PANELIST_MAX_CHARS: usize = 100;
pub const QUESTION_MAX_CHARS: usize = 500;
pub const DISPLAY_NAME_MAX_CHARS: usize = 60;
pub const ANSWER_MAX_CHARS: usize = 2000;

/// Where a dialogue is in its life. Residents never see a draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DialogueState {
    /// Being prepared by the moderators.
    #[default]
    Draft,
    /// Published: residents read about it and send questions in advance.
    Open,
    /// The meeting is on: questions, votes and answers, live.
    Live,
    /// Over: read-only, the minutes can be exported.
    Closed,
}

impl DialogueState {
    pub const ALL: [DialogueState; 4] = [Self::Draft, Self::Open, Self::Live, Self::Closed];

    pub fn id(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Open => "open",
            Self::Live => "live",
            Self::Closed => "closed",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// Forward through draft → open → live → closed; a live meeting may pause back to open;
    /// a draft may be dropped (closed) without ever being published. Closed is final.
    pub fn can_move_to(self, next: DialogueState) -> bool {
        use DialogueState::*;
        // A draft is never closed: it was never public, and a closed dialogue is (with its answers).
        matches!((self, next), (Draft, Open) | (Open, Live) | (Live, Open) | (Open | Live, Closed))
    }

    /// Residents may ask and vote.
    pub fn accepts_questions(self) -> bool {
        matches!(self, Self::Open | Self::Live)
    }

    pub fn is_public(self) -> bool {
        self != Self::Draft
    }
}

/// Someone on the dialogue's panel: a politician, a police officer, an official.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Panelist {
    pub name: String,
    /// Their role as residents should read it ("Kommunstyrelsens ordförande", "Kommunpolis").
    #[serde(default)]
    pub title: String,
}

/// A dialogue as moderators write it in the console.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DialogueDetails {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub place: String,
    /// Local time of the municipality, `YYYY-MM-DDTHH:MM` (as an `<input type=datetime-local>`).
    pub starts_at: String,
    pub ends_at: String,
    /// A link to the stream (shown as a link, never embedded): `https://` only.
    #[serde(default)]
    pub stream_url: Option<String>,
    #[serde(default)]
    pub panel: Vec<Panelist>,
}

fn bounded(field: &'static str, value: &str, max: usize, required: bool) -> Result<String, FieldError> {
    let cleaned = text::clean(value);
    if required && cleaned.is_empty() {
        return Err(FieldError::new(field, FieldErrorCode::Required));
    }
    if text::char_len(&cleaned) > max {
        return Err(FieldError::new(field, FieldErrorCode::TooLong));
    }
    Ok(cleaned)
}

/// `YYYY-MM-DDTHH:MM` with a real date and time (seconds not used).
pub fn is_local_datetime(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 16 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| value.get(range).and_then(|s| s.parse::<u32>().ok());
    match (number(0..4), number(5..7), number(8..10), number(11..13), number(14..16)) {
        (Some(y), Some(m), Some(d), Some(h), Some(min)) => {
            let days = crate::calendar::days_in_month(y as i32, m);
            (1..=12).contains(&m) && d >= 1 && d <= days && h < 24 && min < 60
        }
        _ => false,
    }
}

impl DialogueDetails {
    /// The details cleaned and checked, or the first field that is wrong.
    pub fn validated(&self) -> Result<DialogueDetails, FieldError> {
        let title = bounded("title", &self.title, TITLE_MAX_CHARS, true)?;
        let description = bounded("description", &self.description, DESCRIPTION_MAX_CHARS, false)?;
        let place = bounded("place", &self.place, PLACE_MAX_CHARS, false)?;
        for (field, value) in [("starts_at", &self.starts_at), ("ends_at", &self.ends_at)] {
            if !is_local_datetime(value) {
                return Err(FieldError::new(field, FieldErrorCode::InvalidDate));
            }
        }
        if self.ends_at < self.starts_at {
            return Err(FieldError::new("ends_at", FieldErrorCode::InvalidDate));
        }
        let stream_url = match self.stream_url.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(url) if text::char_len(url) > STREAM_URL_MAX_CHARS => {
                return Err(FieldError::new("stream_url", FieldErrorCode::TooLong))
            }
            // Only web links: never `javascript:` or `data:`, which a link would run or open.
            Some(url) if is_https_url(url) => Some(url.to_string()),
            Some(_) => return Err(FieldError::new("stream_url", FieldErrorCode::InvalidChoice)),
        };
        if self.panel.len() > PANEL_MAX_MEMBERS {
            return Err(FieldError::new("panel", FieldErrorCode::TooLong));
        }
        let mut panel = Vec::new();
        for member in &self.panel {
            let name = bounded("panel", &member.name, PANELIST_MAX_CHARS, true)?;
            let title = bounded("panel", &member.title, PANELIST_MAX_CHARS, false)?;
            panel.push(Panelist { name, title });
        }
        Ok(DialogueDetails {
            title,
            description,
            place,
            starts_at: self.starts_at.clone(),
            ends_at: self.ends_at.clone(),
            stream_url,
            panel,
        })
    }
}

/// `https://host/…` with a plausible host and no white space or quotes.
pub fn is_https_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty()
        && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>'))
}

/// A dialogue as everyone sees it. `revision` grows with every change to the dialogue or any
/// of its public questions, so that a browser can tell old news from new.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicDialogue {
    pub id: i64,
    #[serde(flatten)]
    pub details: DialogueDetails,
    pub state: DialogueState,
    /// The question the panel is answering now.
    pub now_answering: Option<i64>,
    pub revision: i64,
}

/// What a resident types to ask a question.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuestionDraft {
    pub text: String,
    /// Anonymous unless the resident gives a name to show.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Chosen by the widget; a retry with the same key is stored once.
    #[serde(default)]
    pub idempotency_key: Option<String>,
    /// The honeypot (see [`crate::ReportDraft::website`]): must stay empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    /// The human check's token, when the municipality asks for one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub human_token: Option<String>,
}

/// A question that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewQuestion {
    pub text: String,
    pub display_name: Option<String>,
    pub idempotency_key: Option<String>,
}

impl QuestionDraft {
    pub fn validated(&self) -> Result<NewQuestion, FieldError> {
        if !self.website.is_empty() {
            return Err(FieldError::new("website", FieldErrorCode::Automated));
        }
        let text = bounded("text", &self.text, QUESTION_MAX_CHARS, true)?;
        let display_name = match &self.display_name {
            Some(name) => Some(bounded("display_name", name, DISPLAY_NAME_MAX_CHARS, false)?),
            None => None,
        }
        .filter(|name| !name.is_empty());
        let idempotency_key = match &self.idempotency_key {
            Some(key) if !is_idempotency_key(key) => {
                return Err(FieldError::new("idempotency_key", FieldErrorCode::InvalidChoice))
            }
            key => key.clone(),
        };
        Ok(NewQuestion { text, display_name, idempotency_key })
    }
}

/// Whether `token` has the shape of a participant code: 32 lowercase hex digits. The code is
/// issued by the edge (see `participant_code`) and kept by the resident's browser; it ties
/// votes and own questions to a device without an account, and the edge stores only its hash.
pub fn is_participant_token(token: &str) -> bool {
    crate::report::is_followup_token(token)
}

/// Where a question is in moderation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    /// Seen only by its author ("waiting for moderation") and the moderators.
    Pending,
    Approved,
    Rejected,
    /// Folded into another question, which got its votes.
    Merged,
}

impl QuestionStatus {
    pub const ALL: [QuestionStatus; 4] = [Self::Pending, Self::Approved, Self::Rejected, Self::Merged];

    pub fn id(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Merged => "merged",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The locale key of its label in the console, e.g. `console-question-status-merged`.
    pub fn label_key(self) -> String {
        format!("console-question-status-{}", self.id())
    }
}

/// The reasons a question may be turned down (a subset of those for reports).
pub const QUESTION_REJECTION_REASONS: [RejectionReason; 4] = [
    RejectionReason::PersonalData,
    RejectionReason::Offensive,
    RejectionReason::OffTopic,
    RejectionReason::Duplicate,
];

/// A written answer, signed by the responder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Answer {
    pub responder_name: String,
    pub responder_title: String,
    pub text: String,
    pub at: String,
}

/// A question as every participant sees it: approved, with its votes and answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicQuestion {
    pub id: i64,
    pub text: String,
    pub display_name: Option<String>,
    pub votes: u32,
    pub asked_at: String,
    /// When a responder marked it answered (live or in writing).
    pub answered_at: Option<String>,
    pub answers: Vec<Answer>,
    pub revision: i64,
}

/// A question as the moderators and responders see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ModeratedQuestion {
    pub id: i64,
    pub text: String,
    pub display_name: Option<String>,
    pub status: QuestionStatus,
    pub rejection_reason: Option<RejectionReason>,
    pub merged_into: Option<i64>,
    pub votes: u32,
    pub asked_at: String,
    pub answered_at: Option<String>,
    pub answers: Vec<Answer>,
    pub revision: i64,
    /// Whether it was ever public (approved, perhaps merged since).
    #[serde(default)]
    pub published: bool,
}

impl ModeratedQuestion {
    /// What participants may see of it: only approved questions are public.
    pub fn public(&self) -> Option<PublicQuestion> {
        (self.status == QuestionStatus::Approved).then(|| PublicQuestion {
            id: self.id,
            text: self.text.clone(),
            display_name: self.display_name.clone(),
            votes: self.votes,
            asked_at: self.asked_at.clone(),
            answered_at: self.answered_at.clone(),
            answers: self.answers.clone(),
            revision: self.revision,
        })
    }
}

/// A question as its author sees it on their own device, whatever its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct OwnQuestion {
    pub id: i64,
    pub text: String,
    pub status: QuestionStatus,
    pub rejection_reason: Option<RejectionReason>,
    pub asked_at: String,
}

/// A participant code the edge issued, for the `Authorization: Bearer` of a participant's
/// questions, votes and participation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct IssuedParticipant {
    pub code: String,
}

/// A participant's own questions and votes in one dialogue.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Participation {
    pub questions: Vec<OwnQuestion>,
    /// Ids of the questions this participant voted for.
    pub votes: Vec<i64>,
}

/// What a moderator or responder does to one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum QuestionAction {
    /// Publish it; `text`, when given, replaces the wording (edited for anonymity: the original
    /// stays only in the audit log); `hide_name` removes the display name.
    Approve {
        #[serde(default)]
        text: Option<String>,
        #[serde(default)]
        hide_name: bool,
    },
    Reject {
        reason: RejectionReason,
    },
    /// It repeats question `into`: its votes move there (a participant who voted for both counts once).
    MergeInto {
        into: i64,
    },
    /// Answered aloud at the meeting.
    MarkAnswered,
    /// A written answer, signed by `panelist` (a member of the dialogue's panel, by name: the
    /// one who answers in the room, while a moderator types), or else by the logged-in account
    /// with `title`.
    Answer {
        text: String,
        #[serde(default)]
        title: String,
        #[serde(default)]
        panelist: Option<String>,
    },
}

/// Which permission a question action needs: moderation, or answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionKind {
    Moderate,
    Answer,
}

impl QuestionAction {
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Approve { .. } | Self::Reject { .. } | Self::MergeInto { .. } => ActionKind::Moderate,
            Self::MarkAnswered | Self::Answer { .. } => ActionKind::Answer,
        }
    }

    pub fn audit_name(&self) -> &'static str {
        match self {
            Self::Approve { .. } => "question.approve",
            Self::Reject { .. } => "question.reject",
            Self::MergeInto { .. } => "question.merge",
            Self::MarkAnswered => "question.mark_answered",
            Self::Answer { .. } => "question.answer",
        }
    }
}

/// The changes a [`QuestionAction`] makes, decided before anything is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuestionChange {
    /// The question's new moderation state (text, name, status, reason, answered).
    Update(ModeratedQuestion),
    /// Merge this question into `into` (whose vote count the store recomputes).
    Merge { into: i64 },
    /// Add a written answer (and mark the question answered).
    AddAnswer { text: String, signer: Signer },
}

/// Who signs a written answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signer {
    /// A member of the dialogue's panel, by name (checked against the panel by [`Signer::resolve`]).
    Panelist(String),
    /// The logged-in account, with the title it gave.
    Account { title: String },
}

impl Signer {
    /// The name and title the answer is signed with: the panelist's from the dialogue's
    /// `panel`, or `account_name` with the given title. A name not on the panel is refused.
    pub fn resolve(self, panel: &[Panelist], account_name: &str) -> Result<Panelist, FieldError> {
        match self {
            Self::Panelist(name) => panel
                .iter()
                .find(|p| p.name == name)
                .cloned()
                .ok_or(FieldError::new("panelist", FieldErrorCode::InvalidChoice)),
            Self::Account { title } => Ok(Panelist { name: account_name.to_string(), title }),
        }
    }
}

impl ModeratedQuestion {
    /// What `action` changes, or why it is not allowed now. `now` is the time stamp to record.
    pub fn apply(&self, action: &QuestionAction, now: &str) -> Result<QuestionChange, FieldError> {
        use QuestionStatus::*;
        let transition = || FieldError::new("action", FieldErrorCode::InvalidTransition);
        let mut next = self.clone();
        match action {
            QuestionAction::Approve { text, hide_name } => {
                if !matches!(self.status, Pending | Rejected) {
                    return Err(transition());
                }
                if let Some(edited) = text {
                    next.text = bounded("text", edited, QUESTION_MAX_CHARS, true)?;
                }
                // The retention job empties the text of questions never published: such a
                // question can be published only in new words.
                if next.text.trim().is_empty() {
                    return Err(FieldError::new("text", FieldErrorCode::Required));
                }
                if *hide_name {
                    next.display_name = None;
                }
                next.status = Approved;
                next.rejection_reason = None;
                Ok(QuestionChange::Update(next))
            }
            QuestionAction::Reject { reason } => {
                if !QUESTION_REJECTION_REASONS.contains(reason) {
                    return Err(FieldError::new("reason", FieldErrorCode::InvalidChoice));
                }
                if !matches!(self.status, Pending | Approved) {
                    return Err(transition());
                }
                next.status = Rejected;
                next.rejection_reason = Some(*reason);
                Ok(QuestionChange::Update(next))
            }
            QuestionAction::MergeInto { into } => {
                if *into == self.id {
                    return Err(FieldError::new("into", FieldErrorCode::InvalidChoice));
                }
                if !matches!(self.status, Pending | Approved) {
                    return Err(transition());
                }
                Ok(QuestionChange::Merge { into: *into })
            }
            QuestionAction::MarkAnswered => {
                if self.status != Approved {
                    return Err(transition());
                }
                next.answered_at = Some(self.answered_at.clone().unwrap_or_else(|| now.to_string()));
                Ok(QuestionChange::Update(next))
            }
            QuestionAction::Answer { text, title, panelist } => {
                if self.status != Approved {
                    return Err(transition());
                }
                let text = bounded("text", text, ANSWER_MAX_CHARS, true)?;
                let signer = match panelist {
                    Some(name) => Signer::Panelist(name.clone()),
                    None => Signer::Account { title: bounded("title", title, PANELIST_MAX_CHARS, false)? },
                };
                Ok(QuestionChange::AddAnswer { text, signer })
            }
        }
    }
}

/// What a moderator does to a whole dialogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum DialogueAction {
    Edit {
        details: DialogueDetails,
    },
    SetState {
        state: DialogueState,
    },
    /// Mark the question being answered now (`None` clears the mark). Responders may do this.
    NowAnswering {
        question: Option<i64>,
    },
}

impl DialogueAction {
    pub fn kind(&self) -> ActionKind {
        match self {
            Self::Edit { .. } | Self::SetState { .. } => ActionKind::Moderate,
            Self::NowAnswering { .. } => ActionKind::Answer,
        }
    }

    pub fn audit_name(&self) -> &'static str {
        match self {
            Self::Edit { .. } => "dialogue.edit",
            Self::SetState { .. } => "dialogue.set_state",
            Self::NowAnswering { .. } => "dialogue.now_answering",
        }
    }
}

/// A dialogue with all its questions, for the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ModeratedDialogue {
    pub dialogue: PublicDialogue,
    pub questions: Vec<ModeratedQuestion>,
}

/// Everything a participant's browser shows of a dialogue, at one revision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DialogueSnapshot {
    pub dialogue: PublicDialogue,
    pub questions: Vec<PublicQuestion>,
}

/// One change pushed to every connected browser. A browser that missed some (a dropped
/// connection) loads a snapshot and merges: the higher revision wins, so order does not matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LiveEvent {
    Dialogue {
        dialogue: PublicDialogue,
    },
    Question {
        question: PublicQuestion,
    },
    /// No longer public (rejected after approval, or merged into another).
    Removed {
        id: i64,
        revision: i64,
    },
}

/// The live view a browser keeps: a snapshot plus the events received since, merged.
#[derive(Debug, Clone, PartialEq)]
pub struct LiveDialogue {
    pub dialogue: PublicDialogue,
    pub questions: Vec<PublicQuestion>,
    /// Questions removed, with the revision of their removal (so an older event cannot revive them).
    removed: Vec<(i64, i64)>,
}

/// How participants order the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionOrder {
    MostVotes,
    Newest,
}

impl LiveDialogue {
    pub fn new(snapshot: DialogueSnapshot) -> Self {
        Self { dialogue: snapshot.dialogue, questions: snapshot.questions, removed: Vec::new() }
    }

    /// Merges a snapshot loaded after a (re)connection: whatever is newer wins, per question.
    pub fn merge_snapshot(&mut self, snapshot: DialogueSnapshot) {
        let revision = snapshot.dialogue.revision;
        self.apply(LiveEvent::Dialogue { dialogue: snapshot.dialogue });
        // Questions missing from a newer snapshot are no longer public.
        let listed: Vec<i64> = snapshot.questions.iter().map(|q| q.id).collect();
        for stale in self.questions.iter().filter(|q| !listed.contains(&q.id) && q.revision <= revision) {
            self.removed.push((stale.id, revision));
        }
        self.questions.retain(|q| listed.contains(&q.id) || q.revision > revision);
        for question in snapshot.questions {
            self.apply(LiveEvent::Question { question });
        }
    }

    pub fn apply(&mut self, event: LiveEvent) {
        match event {
            LiveEvent::Dialogue { dialogue } => {
                if dialogue.revision >= self.dialogue.revision {
                    self.dialogue = dialogue;
                }
            }
            LiveEvent::Question { question } => {
                if self.removed.iter().any(|(id, at)| *id == question.id && *at >= question.revision) {
                    return;
                }
                match self.questions.iter_mut().find(|q| q.id == question.id) {
                    Some(known) if known.revision >= question.revision => {}
                    Some(known) => *known = question,
                    None => self.questions.push(question),
                }
            }
            LiveEvent::Removed { id, revision } => {
                self.questions.retain(|q| q.id != id || q.revision > revision);
                self.removed.push((id, revision));
            }
        }
    }

    /// The questions in `order`; ties by time asked, so the list does not jump about.
    pub fn sorted(&self, order: QuestionOrder) -> Vec<PublicQuestion> {
        let mut list = self.questions.clone();
        match order {
            QuestionOrder::MostVotes => list.sort_by(|a, b| {
                b.votes.cmp(&a.votes).then(a.asked_at.cmp(&b.asked_at)).then(a.id.cmp(&b.id))
            }),
            QuestionOrder::Newest => list.sort_by(|a, b| b.asked_at.cmp(&a.asked_at).then(b.id.cmp(&a.id))),
        }
        list
    }

    /// What the big screen in the room shows: the question the panel is answering now, and up
    /// to `next` of the questions still waiting for an answer, most votes first.
    pub fn on_the_big_screen(&self, next: usize) -> BigScreen {
        let now_id = self.dialogue.now_answering;
        let now = now_id.and_then(|id| self.questions.iter().find(|q| q.id == id)).cloned();
        let waiting: Vec<PublicQuestion> = self
            .sorted(QuestionOrder::MostVotes)
            .into_iter()
            .filter(|q| q.answered_at.is_none() && Some(q.id) != now_id)
            .collect();
        BigScreen {
            now,
            more: waiting.len().saturating_sub(next),
            next: waiting.into_iter().take(next).collect(),
        }
    }
}

/// What the presenter view shows (see [`LiveDialogue::on_the_big_screen`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigScreen {
    pub now: Option<PublicQuestion>,
    pub next: Vec<PublicQuestion>,
    /// How many more wait beyond `next`.
    pub more: usize,
}

/// The minutes of a dialogue as Markdown: details, then every public question with its votes,
/// times and answers. Rejected and merged questions are left out (they were never public).
pub fn minutes_markdown(dialogue: &ModeratedDialogue) -> String {
    // The minutes are the municipality's record, kept in Swedish; instants in Stockholm time.
    let i18n = I18n::new(Locale::Sv);
    let local = |at: &str| local_time::human(at, &i18n);
    let d = &dialogue.dialogue.details;
    let mut out = format!("# {}\n\n", one_line(&d.title));
    out += &format!("- Tid: {} – {}\n", d.starts_at.replace('T', " "), d.ends_at.replace('T', " "));
    if !d.place.is_empty() {
        out += &format!("- Plats: {}\n", one_line(&d.place));
    }
    for member in &d.panel {
        out += &format!("- Panel: {}{}\n", one_line(&member.name), titled(&member.title));
    }
    if !d.description.is_empty() {
        out += &format!("\n{}\n", markdown_text(&d.description));
    }
    out += "\n## Frågor\n";
    let mut questions: Vec<&ModeratedQuestion> =
        dialogue.questions.iter().filter(|q| q.status == QuestionStatus::Approved).collect();
    questions.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.asked_at.cmp(&b.asked_at)));
    for (n, q) in questions.iter().enumerate() {
        let asker = q.display_name.as_deref().map(one_line).unwrap_or_else(|| "Anonym".into());
        out += &format!("\n### {}. {}\n\n", n + 1, one_line(&q.text));
        out += &format!("- Ställd av: {asker}, {}\n- Röster: {}\n", local(&q.asked_at), q.votes);
        if let Some(at) = &q.answered_at {
            out += &format!("- Besvarad: {}\n", local(at));
        }
        for a in &q.answers {
            out += &format!(
                "\n**{}{}** ({}):\n\n{}\n",
                one_line(&a.responder_name),
                titled(&a.responder_title),
                local(&a.at),
                markdown_text(&a.text)
            );
        }
    }
    out
}

fn titled(title: &str) -> String {
    if title.is_empty() {
        String::new()
    } else {
        format!(", {}", one_line(title))
    }
}

fn one_line(text: &str) -> String {
    markdown_text(&text.replace('\n', " "))
}

/// Text shown as text in Markdown: characters with a meaning there are escaped, and what
/// GitHub-flavoured Markdown would turn into a link by itself (`https://…`, `www.…`, an e-mail
/// address) or strike through (`~`) is broken up by escapes, which a reader of the plain file
/// hardly notices and a renderer shows as the text that was written.
fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let lower_next = |n: usize| rest.get(..n).map(str::to_ascii_lowercase);
        if rest.starts_with("://") {
            out += ":\\/\\/";
            rest = &rest[3..];
            continue;
        }
        if lower_next(4).as_deref() == Some("www.") {
            out += &rest[..3];
            out += "\\.";
            rest = &rest[4..];
            continue;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '@') {
            out.push('\\');
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The minutes' columns in [`minutes_sheet`], as locale keys.
const MINUTES_COLUMNS: [&str; 10] = [
    "console-minutes-question-number",
    "console-minutes-status",
    "console-minutes-asked-at",
    "console-minutes-display-name",
    "console-minutes-question",
    "console-minutes-votes",
    "console-minutes-answered-at",
    "console-minutes-responder",
    "console-minutes-responder-title",
    "console-minutes-answer",
];

/// The minutes as a table for a spreadsheet: one row per answer (or one per question without
/// answers), every status in words, so the record shows what was turned down and why; times in
/// Stockholm time.
pub fn minutes_sheet(dialogue: &ModeratedDialogue, i18n: &I18n) -> Sheet {
    let columns = MINUTES_COLUMNS.iter().map(|key| i18n.t(key)).collect();
    let mut rows = Vec::new();
    for q in &dialogue.questions {
        let status = match (q.status, q.rejection_reason, q.merged_into) {
            (QuestionStatus::Rejected, Some(reason), _) => {
                format!("{}: {}", i18n.t(&q.status.label_key()), i18n.t(&reason.label_key()))
            }
            (QuestionStatus::Merged, _, Some(into)) => {
                i18n.t_with("console-minutes-status-merged-into", &[("number", &into.to_string())])
            }
            (status, _, _) => i18n.t(&status.label_key()),
        };
        // A question never published, or turned down for personal data, is counted with its
        // status and votes, but its words (and its asker's name) stay out of the record.
        let withheld = match (q.published, q.rejection_reason) {
            (_, Some(RejectionReason::PersonalData)) => Some("console-minutes-withheld-personal-data"),
            (false, _) => Some("console-minutes-withheld-never-published"),
            (true, _) => None,
        };
        let (name, text) = match withheld {
            Some(key) => (String::new(), i18n.t(key)),
            None => (q.display_name.clone().unwrap_or_default(), q.text.clone()),
        };
        let base = [
            Cell::Number(q.id as f64),
            Cell::text(status),
            Cell::time(&q.asked_at),
            Cell::text(name),
            Cell::text(text),
            Cell::Number(f64::from(q.votes)),
            q.answered_at.as_deref().map_or(Cell::Empty, Cell::time),
        ];
        if q.answers.is_empty() {
            rows.push(base.iter().cloned().chain([Cell::Empty, Cell::Empty, Cell::Empty]).collect());
        }
        for a in &q.answers {
            let extra = [Cell::text(&a.responder_name), Cell::text(&a.responder_title), Cell::text(&a.text)];
            rows.push(base.iter().cloned().chain(extra).collect());
        }
    }
    Sheet { name: i18n.t("console-minutes-sheet"), columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details() -> DialogueDetails {
        DialogueDetails {
            title: "Trygghetsdialog i centrum".into(),
            description: "Vi pratar om kvällarna vid stationen.".into(),
            place: "Kommunhuset".into(),
            starts_at: "2026-12-01T18:00".into(),
            ends_at: "2026-12-01T19:30".into(),
            stream_url: Some("https://play.example.se/dialog".into()),
            panel: vec![Panelist { name: "Anna Ek".into(), title: "Kommunpolis".into() }],
        }
    }

    fn question(id: i64, status: QuestionStatus) -> ModeratedQuestion {
        ModeratedQuestion {
            id,
            text: "Varför är det så mörkt vid stationen?".into(),
            display_name: Some("Kim".into()),
            status,
            rejection_reason: None,
            merged_into: None,
            votes: 2,
            asked_at: "2026-11-20T10:00:00.000Z".into(),
            answered_at: None,
            answers: vec![],
            revision: 3,
            published: status == QuestionStatus::Approved,
        }
    }

    fn public_dialogue(revision: i64) -> PublicDialogue {
        PublicDialogue {
            id: 1,
            details: details(),
            state: DialogueState::Live,
            now_answering: None,
            revision,
        }
    }

    #[test]
    fn dialogue_states_move_forward() {
        use DialogueState::*;
        assert!(Draft.can_move_to(Open) && Open.can_move_to(Live) && Live.can_move_to(Closed));
        assert!(Live.can_move_to(Open), "a meeting may pause");
        assert!(Open.can_move_to(Closed));
        assert!(!Draft.can_move_to(Closed), "closing a draft would publish it");
        assert!(!Closed.can_move_to(Open) && !Closed.can_move_to(Live) && !Draft.can_move_to(Live));
        for s in DialogueState::ALL {
            assert!(!s.can_move_to(s));
            assert_eq!(DialogueState::from_id(s.id()), Some(s));
        }
        assert!(Open.accepts_questions() && Live.accepts_questions());
        assert!(!Draft.accepts_questions() && !Closed.accepts_questions());
        assert!(!Draft.is_public() && Closed.is_public());
    }

    #[test]
    fn dialogue_details_are_checked() {
        assert!(details().validated().is_ok());
        let with = |f: &dyn Fn(&mut DialogueDetails)| {
            let mut d = details();
            f(&mut d);
            d.validated().map_err(|e| (e.field, e.code))
        };
        use FieldErrorCode::*;
        assert_eq!(with(&|d| d.title = "  ".into()), Err(("title", Required)));
        assert_eq!(with(&|d| d.title = "x".repeat(151)), Err(("title", TooLong)));
        assert_eq!(with(&|d| d.starts_at = "2026-02-30T18:00".into()), Err(("starts_at", InvalidDate)));
        assert_eq!(with(&|d| d.ends_at = "2026-12-01T17:00".into()), Err(("ends_at", InvalidDate)));
        assert_eq!(
            with(&|d| d.stream_url = Some("javascript:alert(1)".into())),
            Err(("stream_url", InvalidChoice))
        );
        assert_eq!(
            with(&|d| d.stream_url = Some("http://insecure.example".into())),
            Err(("stream_url", InvalidChoice))
        );
        assert_eq!(
            with(&|d| d.stream_url = Some("https://a.se/\"onmouseover".into())),
            Err(("stream_url", InvalidChoice))
        );
        assert_eq!(with(&|d| d.stream_url = Some(" ".into())).map(|d| d.stream_url), Ok(None));
        assert_eq!(
            with(&|d| d.panel = vec![Panelist { name: "".into(), title: "".into() }]),
            Err(("panel", Required))
        );
        assert_eq!(with(&|d| d.panel = vec![d.panel[0].clone(); 13]), Err(("panel", TooLong)));
        assert!(is_local_datetime("2028-02-29T23:59") && !is_local_datetime("2026-12-01 18:00"));
        assert!(!is_local_datetime("2026-12-01T24:00") && !is_local_datetime("2026-13-01T10:00"));
    }

    #[test]
    fn questions_are_cleaned_and_bounded() {
        let draft = QuestionDraft {
            text: "  Mörkt\u{0007} vid  stationen?  ".into(),
            display_name: Some("   ".into()),
            idempotency_key: Some("k".repeat(16)),
            website: String::new(),
            human_token: None,
        };
        let q = draft.validated().unwrap();
        assert_eq!(q.text, "Mörkt vid  stationen?");
        assert_eq!(q.display_name, None, "a blank name is anonymous");
        let too_long = QuestionDraft { text: "å".repeat(501), ..QuestionDraft::default() };
        assert_eq!(too_long.validated().unwrap_err().code, FieldErrorCode::TooLong);
        assert_eq!(QuestionDraft::default().validated().unwrap_err().code, FieldErrorCode::Required);
        let bad_key =
            QuestionDraft { text: "x".into(), idempotency_key: Some("a b".into()), ..Default::default() };
        assert_eq!(bad_key.validated().unwrap_err().field, "idempotency_key");
        let long_name =
            QuestionDraft { text: "x".into(), display_name: Some("n".repeat(61)), ..Default::default() };
        assert_eq!(long_name.validated().unwrap_err().field, "display_name");
        assert!(is_participant_token("0123456789abcdef0123456789abcdef") && !is_participant_token("AB"));
        assert!(!is_participant_token(&"0".repeat(32)), "a made-up, degenerate code");
        assert!(!is_participant_token(&"ab".repeat(16)));
        let trapped =
            QuestionDraft { text: "x".into(), website: "http://spam.example".into(), ..Default::default() };
        assert_eq!(trapped.validated().unwrap_err().code, FieldErrorCode::Automated);
    }

    #[test]
    fn moderation_of_a_question() {
        use QuestionStatus::*;
        let pending = question(7, Pending);
        let approve =
            QuestionAction::Approve { text: Some(" Varför är det mörkt där? ".into()), hide_name: true };
        let QuestionChange::Update(approved) = pending.apply(&approve, "now").unwrap() else { panic!() };
        assert_eq!(
            (approved.status, approved.text.as_str(), approved.display_name.clone()),
            (Approved, "Varför är det mörkt där?", None)
        );
        assert!(approved.public().is_some() && pending.public().is_none());

        // A question whose text the retention job emptied is approved only with new words.
        let emptied = ModeratedQuestion { text: String::new(), ..pending.clone() };
        let as_it_is = QuestionAction::Approve { text: None, hide_name: false };
        assert_eq!(
            emptied.apply(&as_it_is, "now").unwrap_err(),
            FieldError::new("text", FieldErrorCode::Required)
        );
        let reworded =
            QuestionAction::Approve { text: Some("Belysningen vid parken".into()), hide_name: false };
        assert!(
            matches!(emptied.apply(&reworded, "now"), Ok(QuestionChange::Update(q)) if q.status == Approved)
        );

        let reject = QuestionAction::Reject { reason: RejectionReason::PersonalData };
        let QuestionChange::Update(rejected) = approved.apply(&reject, "now").unwrap() else { panic!() };
        assert_eq!(
            (rejected.status, rejected.rejection_reason),
            (Rejected, Some(RejectionReason::PersonalData))
        );
        let outside = QuestionAction::Reject { reason: RejectionReason::OutsideMunicipality };
        assert_eq!(pending.apply(&outside, "now").unwrap_err().code, FieldErrorCode::InvalidChoice);

        assert_eq!(pending.apply(&QuestionAction::MergeInto { into: 7 }, "now").unwrap_err().field, "into");
        assert_eq!(
            pending.apply(&QuestionAction::MergeInto { into: 8 }, "now"),
            Ok(QuestionChange::Merge { into: 8 })
        );
        assert!(question(7, Merged).apply(&QuestionAction::MergeInto { into: 8 }, "now").is_err());

        assert!(
            pending.apply(&QuestionAction::MarkAnswered, "now").is_err(),
            "only public questions are answered"
        );
        let QuestionChange::Update(answered) = approved.apply(&QuestionAction::MarkAnswered, "t1").unwrap()
        else {
            panic!()
        };
        assert_eq!(answered.answered_at.as_deref(), Some("t1"));
        let QuestionChange::Update(again) = answered.apply(&QuestionAction::MarkAnswered, "t2").unwrap()
        else {
            panic!()
        };
        assert_eq!(again.answered_at.as_deref(), Some("t1"), "the first time stands");

        let answer = QuestionAction::Answer {
            text: " Vi sätter upp belysning. ".into(),
            title: "Kommunpolis".into(),
            panelist: None,
        };
        assert_eq!(
            approved.apply(&answer, "now"),
            Ok(QuestionChange::AddAnswer {
                text: "Vi sätter upp belysning.".into(),
                signer: Signer::Account { title: "Kommunpolis".into() }
            })
        );
        let empty = QuestionAction::Answer { text: " ".into(), title: String::new(), panelist: None };
        assert_eq!(approved.apply(&empty, "now").unwrap_err().code, FieldErrorCode::Required);
        assert_eq!(answer.kind(), ActionKind::Answer);
        assert_eq!(reject.kind(), ActionKind::Moderate);
    }

    #[test]
    fn the_big_screen_shows_the_question_answered_now_and_the_next_by_votes() {
        let public = |id: i64, votes: u32, answered: bool| PublicQuestion {
            votes,
            answered_at: answered.then(|| "2026-12-01T18:10:00Z".to_string()),
            ..question(id, QuestionStatus::Approved).public().unwrap()
        };
        let mut live = LiveDialogue::new(DialogueSnapshot {
            dialogue: PublicDialogue { now_answering: Some(2), ..PublicDialogue::default() },
            questions: vec![
                public(1, 3, false),
                public(2, 1, false),
                public(3, 9, true),
                public(4, 5, false),
                public(5, 0, false),
            ],
        });
        let screen = live.on_the_big_screen(2);
        assert_eq!(screen.now.map(|q| q.id), Some(2));
        // Answered questions and the one on screen are not "next"; most votes first.
        assert_eq!(screen.next.iter().map(|q| q.id).collect::<Vec<_>>(), vec![4, 1]);
        assert_eq!(screen.more, 1);
        // Nothing marked: only the waiting list; a mark on a question no longer public shows nothing.
        live.dialogue.now_answering = Some(99);
        let screen = live.on_the_big_screen(10);
        assert_eq!(screen.now, None);
        assert_eq!(screen.next.iter().map(|q| q.id).collect::<Vec<_>>(), vec![4, 1, 2, 5]);
        assert_eq!(screen.more, 0);
    }

    #[test]
    fn an_answer_is_signed_by_a_panelist_or_by_the_account() {
        let panel = vec![
            Panelist { name: "Anna Ek".into(), title: "Kommunpolis".into() },
            Panelist { name: "Omar Said".into(), title: "Kommunstyrelsens ordförande".into() },
        ];
        let approved = question(1, QuestionStatus::Approved);
        let by_omar = QuestionAction::Answer {
            text: "Ja.".into(),
            title: "ignored when a panelist answers".into(),
            panelist: Some("Omar Said".into()),
        };
        let Ok(QuestionChange::AddAnswer { signer, .. }) = approved.apply(&by_omar, "now") else { panic!() };
        assert_eq!(signer.clone().resolve(&panel, "Mona Moderator"), Ok(panel[1].clone()));
        // The panel, not the typist, signs; someone not on the panel cannot be named.
        let stranger = Signer::Panelist("Någon annan".into());
        assert_eq!(stranger.resolve(&panel, "Mona Moderator").unwrap_err().field, "panelist");
        let own = Signer::Account { title: "Säkerhetssamordnare".into() };
        assert_eq!(
            own.resolve(&panel, "Mona Moderator"),
            Ok(Panelist { name: "Mona Moderator".into(), title: "Säkerhetssamordnare".into() })
        );
        let json: QuestionAction =
            serde_json::from_str(r#"{"action":"answer","text":"Ja.","panelist":"Anna Ek"}"#).unwrap();
        assert_eq!(
            json,
            QuestionAction::Answer {
                text: "Ja.".into(),
                title: String::new(),
                panelist: Some("Anna Ek".into())
            }
        );
    }

    #[test]
    fn actions_read_their_json() {
        let a: QuestionAction = serde_json::from_str(r#"{"action":"approve"}"#).unwrap();
        assert_eq!(a, QuestionAction::Approve { text: None, hide_name: false });
        let m: QuestionAction = serde_json::from_str(r#"{"action":"merge_into","into":3}"#).unwrap();
        assert_eq!(m, QuestionAction::MergeInto { into: 3 });
        assert!(serde_json::from_str::<QuestionAction>(r#"{"action":"approve","x":1}"#).is_err());
        let d: DialogueAction =
            serde_json::from_str(r#"{"action":"now_answering","question":null}"#).unwrap();
        assert_eq!(d, DialogueAction::NowAnswering { question: None });
    }

    fn public_question(id: i64, votes: u32, revision: i64) -> PublicQuestion {
        let mut q = question(id, QuestionStatus::Approved).public().unwrap();
        q.votes = votes;
        q.revision = revision;
        q.asked_at = format!("2026-11-20T10:00:0{id}.000Z");
        q
    }

    #[test]
    fn live_events_merge_whatever_their_order() {
        let mut live =
            LiveDialogue::new(DialogueSnapshot { dialogue: public_dialogue(5), questions: vec![] });
        live.apply(LiveEvent::Question { question: public_question(1, 1, 6) });
        live.apply(LiveEvent::Question { question: public_question(1, 3, 8) });
        live.apply(LiveEvent::Question { question: public_question(1, 2, 7) }); // late
        assert_eq!(live.questions[0].votes, 3);
        live.apply(LiveEvent::Dialogue { dialogue: public_dialogue(4) }); // late
        assert_eq!(live.dialogue.revision, 5);

        live.apply(LiveEvent::Question { question: public_question(2, 0, 9) });
        live.apply(LiveEvent::Removed { id: 2, revision: 10 });
        live.apply(LiveEvent::Question { question: public_question(2, 1, 9) }); // late: stays removed
        assert_eq!(live.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec![1]);

        // A snapshot after a reconnection: question 1 has more votes, 3 is new, 1's answer too.
        let mut newer = public_question(1, 5, 12);
        newer.answers.push(Answer {
            responder_name: "A".into(),
            responder_title: "".into(),
            text: "Ja".into(),
            at: "t".into(),
        });
        let snapshot = DialogueSnapshot {
            dialogue: public_dialogue(12),
            questions: vec![newer.clone(), public_question(3, 0, 11)],
        };
        live.merge_snapshot(snapshot);
        assert_eq!(live.sorted(QuestionOrder::MostVotes), vec![newer, public_question(3, 0, 11)]);
        assert_eq!(live.sorted(QuestionOrder::Newest)[0].id, 3);
    }

    #[test]
    fn a_snapshot_drops_questions_no_longer_public() {
        let mut live = LiveDialogue::new(DialogueSnapshot {
            dialogue: public_dialogue(5),
            questions: vec![public_question(1, 0, 4), public_question(2, 0, 5)],
        });
        live.merge_snapshot(DialogueSnapshot {
            dialogue: public_dialogue(7),
            questions: vec![public_question(2, 0, 5)],
        });
        assert_eq!(live.questions.iter().map(|q| q.id).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn most_votes_first_then_oldest() {
        let live = LiveDialogue::new(DialogueSnapshot {
            dialogue: public_dialogue(5),
            questions: vec![public_question(1, 1, 1), public_question(2, 4, 1), public_question(3, 1, 1)],
        });
        let ids: Vec<i64> = live.sorted(QuestionOrder::MostVotes).iter().map(|q| q.id).collect();
        assert_eq!(ids, vec![2, 1, 3]);
    }

    fn moderated() -> ModeratedDialogue {
        let mut answered = question(1, QuestionStatus::Approved);
        answered.text = "Mer ljus *nu*? =1+1".into();
        answered.answered_at = Some("2026-12-01T18:20:00.000Z".into());
        answered.answers.push(Answer {
            responder_name: "Anna Ek".into(),
            responder_title: "Kommunpolis".into(),
            text: "Ja, i vår.\nVi återkommer.".into(),
            at: "2026-12-01T18:21:00.000Z".into(),
        });
        let mut rejected = question(2, QuestionStatus::Rejected);
        rejected.rejection_reason = Some(RejectionReason::PersonalData);
        ModeratedDialogue {
            dialogue: public_dialogue(9),
            questions: vec![answered, rejected, question(3, QuestionStatus::Approved)],
        }
    }

    #[test]
    fn minutes_in_markdown() {
        let md = minutes_markdown(&moderated());
        assert!(md.starts_with("# Trygghetsdialog i centrum\n"));
        assert!(md.contains("- Tid: 2026-12-01 18:00 – 2026-12-01 19:30"));
        assert!(md.contains("- Panel: Anna Ek, Kommunpolis"));
        assert!(md.contains("### 1. Mer ljus \\*nu\\*? =1+1"), "{md}");
        assert!(md.contains("- Röster: 2"));
        assert!(
            md.contains("**Anna Ek, Kommunpolis** (1 dec. 2026 kl. 19:21):\n\nJa, i vår.\nVi återkommer."),
            "{md}"
        );
        assert!(md.contains("### 2. Varför"));
        assert!(!md.contains("### 3."), "rejected questions are not in the public minutes");
    }

    /// The minutes' table in the console's words (with the `console` feature, as the edge has it).
    #[cfg(feature = "console")]
    #[test]
    fn minutes_as_a_table_in_words() {
        let sheet = minutes_sheet(&moderated(), &I18n::new(Locale::Sv));
        assert_eq!(sheet.columns[..3], ["Fråga nr", "Status", "Ställd"]);
        assert_eq!(sheet.rows.len(), 3, "one row per answer or per question without one");
        let answered = &sheet.rows[0];
        assert_eq!(answered[..2], [Cell::Number(1.0), Cell::text("Publicerad")]);
        assert_eq!(answered[4], Cell::text("Mer ljus *nu*? =1+1"));
        assert_eq!(answered[6], Cell::time("2026-12-01T18:20:00.000Z"));
        assert_eq!(
            answered[7..],
            [Cell::text("Anna Ek"), Cell::text("Kommunpolis"), Cell::text("Ja, i vår.\nVi återkommer.")]
        );
        assert_eq!(sheet.rows[1][1], Cell::text("Avvisad: Personuppgifter"));
        // Counted, but not in its words (nor with its asker's name).
        assert_eq!(
            sheet.rows[1][3..5],
            [Cell::text(""), Cell::text("(texten visas inte: avvisad för personuppgifter)")]
        );
    }

    #[cfg(feature = "console")]
    #[test]
    fn minutes_leave_out_the_words_of_questions_never_published() {
        let mut dialogue = moderated();
        dialogue.questions.push(question(4, QuestionStatus::Pending));
        let mut turned_down = question(5, QuestionStatus::Rejected);
        turned_down.rejection_reason = Some(RejectionReason::OffTopic);
        let mut shown_then_merged = question(6, QuestionStatus::Merged);
        shown_then_merged.published = true;
        dialogue.questions.extend([turned_down, shown_then_merged]);
        let sheet = minutes_sheet(&dialogue, &I18n::new(Locale::Sv));
        let text_of = |id: f64| sheet.rows.iter().find(|r| r[0] == Cell::Number(id)).map(|r| r[4].clone());
        let never = Cell::text("(texten visas inte: aldrig publicerad)");
        assert_eq!(text_of(4.0), Some(never.clone()));
        assert_eq!(text_of(5.0), Some(never));
        assert_eq!(
            text_of(6.0),
            Some(Cell::text("Varför är det så mörkt vid stationen?")),
            "it was public once"
        );
        assert_eq!(sheet.rows.len(), 6, "every question is counted");
    }

    #[test]
    fn minutes_in_markdown_make_no_links_and_strike_nothing_through() {
        let mut dialogue = moderated();
        dialogue.questions[0].text =
            "Se https://ond.example/x, www.ond.example, ~~borta~~ och kim@ond.example".into();
        let md = minutes_markdown(&dialogue);
        let line = md.lines().find(|l| l.starts_with("### 1.")).unwrap_or_default();
        assert_eq!(
            line,
            "### 1. Se https:\\/\\/ond.example/x, www\\.ond.example, \\~\\~borta\\~\\~ och kim\\@ond.example"
        );
        for autolink in ["://", "www.", "~~", "kim@"] {
            assert!(!line.contains(autolink), "{autolink} in {line}");
        }
    }
}
