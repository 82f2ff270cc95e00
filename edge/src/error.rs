//! Every way a request can fail, and the HTTP answer for each. Bad input is always a 4xx with
//! `{"error": {"code", "message", "field"}}`; only our own faults are 5xx.

use thiserror::Error;
use tryggve_core::api::{ErrorBody, ErrorCode, MAX_BODY_BYTES};
use tryggve_core::field_error::FieldError;
use tryggve_core::map_layer::LayerRefused;
use tryggve_core::settings::SettingsError;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("The request body is not valid JSON for this route: {0}")]
    InvalidJson(String),
    #[error("Send the body as application/json.")]
    UnsupportedMediaType,
    #[error("The request body is too large for this route (reports and questions: {MAX_BODY_BYTES} bytes).")]
    BodyTooLarge,
    #[error("No such route.")]
    NotFound,
    #[error("No such report, or the follow-up code does not match.")]
    ReportNotFound,
    #[error("This route accepts only {allowed}.")]
    MethodNotAllowed { allowed: String },
    #[error("No municipality with this id.")]
    UnknownTenant { in_body: bool },
    #[error("{}", .0.code.english())]
    Invalid(FieldError),
    #[error("{}", .0.code.english())]
    InvalidSetting(SettingsError),
    #[error("{}", .0.code.english())]
    InvalidLayer(LayerRefused),
    #[error("This page's origin may not use this municipality's Tryggve.")]
    OriginNotAllowed,
    #[error("Send the follow-up code as `Authorization: Bearer <code>`.")]
    MissingToken,
    #[error(
        "Send a participant code this edge issued (`POST /api/v1/tenants/{{tenant}}/participants`) as `Authorization: Bearer <code>`."
    )]
    MissingParticipant,
    #[error("Log in to the console first.")]
    NotLoggedIn,
    #[error("Wrong e-mail address or password.")]
    InvalidCredentials,
    #[error("Your role does not allow this.")]
    Forbidden,
    #[error(
        "This account holds a temporary password: choose your own first (POST /api/v1/console/password)."
    )]
    PasswordChangeRequired,
    #[error("Missing or wrong X-CSRF-Token header.")]
    CsrfMismatch,
    #[error("Too many submissions from here; try again in {retry_after_secs} seconds.")]
    RateLimited { retry_after_secs: u32 },
    #[error("Too many live connections from here to this dialogue; close one or try again later.")]
    TooManyConnections,
    #[error("Too many failed attempts; wait {retry_after_secs} seconds.")]
    TooManyAttempts { retry_after_secs: u32 },
    #[error("No such report in this municipality.")]
    CaseNotFound,
    #[error("No such dialogue in this municipality.")]
    DialogueNotFound,
    #[error("No such safety walk, or not one residents are shown.")]
    WalkNotFound,
    #[error("No such question in this dialogue.")]
    QuestionNotFound,
    #[error("This dialogue does not take questions or votes now.")]
    DialogueNotOpen,
    #[error("This walk is not under way: points are logged from its start to its end.")]
    WalkNotUnderWay,
    #[error("You have already voted for this question.")]
    AlreadyVoted,
    #[error("This address takes WebSocket connections only.")]
    UpgradeRequired,
    #[error("This idempotency key was used for another report (with another follow-up code).")]
    IdempotencyConflict,
    #[error("The report was changed meanwhile (by another moderator, or the merge target was merged). Reload it and try again.")]
    ChangedMeanwhile,
    #[error("A file of this format holds at most {limit} reports; export as Excel CSV (no limit) or narrow the filter.")]
    ExportTooLarge { limit: u32 },
    #[error("Internal error; nothing was stored. Please try again.")]
    Internal(String),
}

impl ApiError {
    pub fn status(&self) -> u16 {
        match self {
            Self::InvalidJson(_) => 400,
            Self::MissingToken | Self::MissingParticipant | Self::NotLoggedIn | Self::InvalidCredentials => {
                401
            }
            Self::OriginNotAllowed | Self::Forbidden | Self::PasswordChangeRequired | Self::CsrfMismatch => {
                403
            }
            Self::NotFound
            | Self::ReportNotFound
            | Self::CaseNotFound
            | Self::DialogueNotFound
            | Self::WalkNotFound
            | Self::QuestionNotFound => 404,
            Self::DialogueNotOpen | Self::WalkNotUnderWay | Self::AlreadyVoted => 409,
            Self::UpgradeRequired => 426,
            Self::TooManyAttempts { .. } | Self::RateLimited { .. } | Self::TooManyConnections => 429,
            Self::IdempotencyConflict | Self::ChangedMeanwhile => 409,
            Self::UnknownTenant { in_body: false } => 404,
            Self::MethodNotAllowed { .. } => 405,
            Self::BodyTooLarge => 413,
            Self::UnsupportedMediaType => 415,
            Self::UnknownTenant { in_body: true }
            | Self::Invalid(_)
            | Self::InvalidSetting(_)
            | Self::InvalidLayer(_)
            | Self::ExportTooLarge { .. } => 422,
            Self::Internal(_) => 500,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::InvalidJson(_) => ErrorCode::InvalidJson,
            Self::UnsupportedMediaType => ErrorCode::UnsupportedMediaType,
            Self::BodyTooLarge => ErrorCode::BodyTooLarge,
            Self::NotFound => ErrorCode::NotFound,
            Self::ReportNotFound => ErrorCode::ReportNotFound,
            Self::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            Self::UnknownTenant { .. } => ErrorCode::UnknownTenant,
            Self::Invalid(e) => ErrorCode::Field(e.code),
            Self::InvalidSetting(e) => ErrorCode::Field(e.code),
            Self::InvalidLayer(e) => ErrorCode::Field(e.code),
            Self::OriginNotAllowed => ErrorCode::OriginNotAllowed,
            Self::MissingToken => ErrorCode::MissingToken,
            Self::MissingParticipant => ErrorCode::MissingParticipant,
            Self::NotLoggedIn => ErrorCode::NotLoggedIn,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::Forbidden => ErrorCode::Forbidden,
            Self::PasswordChangeRequired => ErrorCode::PasswordChangeRequired,
            Self::CsrfMismatch => ErrorCode::CsrfMismatch,
            Self::TooManyAttempts { .. } => ErrorCode::TooManyAttempts,
            Self::RateLimited { .. } => ErrorCode::RateLimited,
            Self::TooManyConnections => ErrorCode::TooManyConnections,
            Self::CaseNotFound => ErrorCode::CaseNotFound,
            Self::DialogueNotFound => ErrorCode::DialogueNotFound,
            Self::WalkNotFound => ErrorCode::WalkNotFound,
            Self::QuestionNotFound => ErrorCode::QuestionNotFound,
            Self::DialogueNotOpen => ErrorCode::DialogueNotOpen,
            Self::WalkNotUnderWay => ErrorCode::WalkNotUnderWay,
            Self::AlreadyVoted => ErrorCode::AlreadyVoted,
            Self::UpgradeRequired => ErrorCode::UpgradeRequired,
            Self::IdempotencyConflict => ErrorCode::IdempotencyConflict,
            Self::ChangedMeanwhile => ErrorCode::ChangedMeanwhile,
            Self::ExportTooLarge { .. } => ErrorCode::ExportTooLarge,
            Self::Internal(_) => ErrorCode::Internal,
        }
    }

    /// What a path parameter that cannot be one answers (see `core::api::path`).
    pub fn missing(code: ErrorCode) -> Self {
        match code {
            ErrorCode::CaseNotFound => Self::CaseNotFound,
            ErrorCode::ReportNotFound => Self::ReportNotFound,
            ErrorCode::DialogueNotFound => Self::DialogueNotFound,
            ErrorCode::WalkNotFound => Self::WalkNotFound,
            ErrorCode::QuestionNotFound => Self::QuestionNotFound,
            _ => Self::NotFound,
        }
    }

    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Invalid(e) => Some(e.field),
            Self::InvalidSetting(e) => Some(&e.path),
            Self::InvalidLayer(e) => Some(&e.path),
            Self::UnknownTenant { in_body: true } => Some("tenant"),
            _ => None,
        }
    }

    pub fn body(&self) -> ErrorBody {
        ErrorBody::new(self.code().id(), self.to_string(), self.field())
    }
}

/// Storage failures are ours, not the caller's. The detail goes to the log, not the client.
impl From<worker::Error> for ApiError {
    fn from(e: worker::Error) -> Self {
        Self::Internal(e.to_string())
    }
}

/// A file the writer could not make (a cell beyond a spreadsheet's limits): ours to fix.
impl From<tryggve_core::spreadsheet::SpreadsheetError> for ApiError {
    fn from(e: tryggve_core::spreadsheet::SpreadsheetError) -> Self {
        Self::Internal(e.to_string())
    }
}
