//! The codes of the API's error answers (`{"error": {"code", …}}`). On the wire a code is its
//! stable id (`already_voted`); the edge answers with these, and the widget and the console read
//! them back into the same enum instead of comparing strings.

use crate::field_error::FieldErrorCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    InvalidJson,
    UnsupportedMediaType,
    BodyTooLarge,
    NotFound,
    ReportNotFound,
    MethodNotAllowed,
    UnknownTenant,
    /// A field of the request was refused (422, with the field named).
    Field(FieldErrorCode),
    OriginNotAllowed,
    MissingToken,
    MissingParticipant,
    NotLoggedIn,
    InvalidCredentials,
    Forbidden,
    /// The account holds a temporary password: it may only change it (403).
    PasswordChangeRequired,
    CsrfMismatch,
    TooManyAttempts,
    RateLimited,
    TooManyConnections,
    CaseNotFound,
    DialogueNotFound,
    WalkNotFound,
    QuestionNotFound,
    DialogueNotOpen,
    /// A point for a safety walk that is not under way (409).
    WalkNotUnderWay,
    AlreadyVoted,
    UpgradeRequired,
    IdempotencyConflict,
    ChangedMeanwhile,
    /// More reports than one file of the format holds (422): another format or a narrower filter.
    ExportTooLarge,
    Internal,
    /// A code this build does not know (a newer edge): read like any refusal.
    Unknown,
}

impl ErrorCode {
    /// Every code but the field errors and [`ErrorCode::Unknown`].
    pub const PLAIN: [ErrorCode; 30] = [
        Self::InvalidJson,
        Self::UnsupportedMediaType,
        Self::BodyTooLarge,
        Self::NotFound,
        Self::ReportNotFound,
        Self::MethodNotAllowed,
        Self::UnknownTenant,
        Self::OriginNotAllowed,
        Self::MissingToken,
        Self::MissingParticipant,
        Self::NotLoggedIn,
        Self::InvalidCredentials,
        Self::Forbidden,
        Self::PasswordChangeRequired,
        Self::CsrfMismatch,
        Self::TooManyAttempts,
        Self::RateLimited,
        Self::TooManyConnections,
        Self::CaseNotFound,
        Self::DialogueNotFound,
        Self::WalkNotFound,
        Self::QuestionNotFound,
        Self::DialogueNotOpen,
        Self::WalkNotUnderWay,
        Self::AlreadyVoted,
        Self::UpgradeRequired,
        Self::IdempotencyConflict,
        Self::ChangedMeanwhile,
        Self::ExportTooLarge,
        Self::Internal,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::InvalidJson => "invalid_json",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::BodyTooLarge => "body_too_large",
            Self::NotFound => "not_found",
            Self::ReportNotFound => "report_not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnknownTenant => "unknown_tenant",
            Self::Field(code) => code.id(),
            Self::OriginNotAllowed => "origin_not_allowed",
            Self::MissingToken => "missing_token",
            Self::MissingParticipant => "missing_participant",
            Self::NotLoggedIn => "not_logged_in",
            Self::InvalidCredentials => "invalid_credentials",
            Self::Forbidden => "forbidden",
            Self::PasswordChangeRequired => "password_change_required",
            Self::CsrfMismatch => "csrf_mismatch",
            Self::TooManyAttempts => "too_many_attempts",
            Self::RateLimited => "rate_limited",
            Self::TooManyConnections => "too_many_connections",
            Self::CaseNotFound => "case_not_found",
            Self::DialogueNotFound => "dialogue_not_found",
            Self::WalkNotFound => "walk_not_found",
            Self::QuestionNotFound => "question_not_found",
            Self::DialogueNotOpen => "dialogue_not_open",
            Self::WalkNotUnderWay => "walk_not_under_way",
            Self::AlreadyVoted => "already_voted",
            Self::UpgradeRequired => "upgrade_required",
            Self::IdempotencyConflict => "idempotency_conflict",
            Self::ChangedMeanwhile => "changed_meanwhile",
            Self::ExportTooLarge => "export_too_large",
            Self::Internal => "internal",
            Self::Unknown => "unknown",
        }
    }

    /// The code with this id; [`ErrorCode::Unknown`] for one this build does not know.
    pub fn from_id(id: &str) -> Self {
        Self::PLAIN
            .into_iter()
            .find(|code| code.id() == id)
            .or_else(|| FieldErrorCode::ALL.into_iter().find(|code| code.id() == id).map(Self::Field))
            .unwrap_or(Self::Unknown)
    }

    /// The locale key of a message for this code, under `prefix` (`console-error`, `error`).
    pub fn message_key(self, prefix: &str) -> String {
        format!("{prefix}-{}", self.id().replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_from_its_id() {
        for code in ErrorCode::PLAIN.into_iter().chain(FieldErrorCode::ALL.into_iter().map(ErrorCode::Field))
        {
            assert_eq!(ErrorCode::from_id(code.id()), code, "{}", code.id());
        }
        assert_eq!(ErrorCode::from_id("already_voted"), ErrorCode::AlreadyVoted);
        assert_eq!(ErrorCode::from_id("weak_password"), ErrorCode::Field(FieldErrorCode::WeakPassword));
        assert_eq!(ErrorCode::from_id("something_new"), ErrorCode::Unknown);
        assert_eq!(ErrorCode::AlreadyVoted.message_key("console-error"), "console-error-already-voted");
    }

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<&str> = ErrorCode::PLAIN.iter().map(|c| c.id()).collect();
        ids.extend(FieldErrorCode::ALL.iter().map(|c| c.id()));
        let count = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), count);
    }
}
