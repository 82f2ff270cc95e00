//! Why a field of a request was refused: its name and a stable code. Shared by every rule in
//! core (reports, questions, settings, accounts) and by the API's error answers.

use serde::Serialize;

/// Why a field was refused. The id doubles as the locale key suffix (`error-<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldErrorCode {
    Required,
    NotOnEarth,
    OutsideArea,
    UnknownCategory,
    UnknownTime,
    DuplicateTime,
    TooLong,
    InvalidEmail,
    WrongTenant,
    InvalidTransition,
    InvalidChoice,
    InvalidDate,
    WeakPassword,
    AlreadyExists,
    WrongPassword,
    Automated,
    HumanCheckFailed,
    InvalidAccessCode,
    LowContrast,
    InvalidViewport,
    InsecureUrl,
    SelfIntersecting,
}

impl FieldErrorCode {
    pub const ALL: [FieldErrorCode; 22] = [
        Self::Required,
        Self::NotOnEarth,
        Self::OutsideArea,
        Self::UnknownCategory,
        Self::UnknownTime,
        Self::DuplicateTime,
        Self::TooLong,
        Self::InvalidEmail,
        Self::WrongTenant,
        Self::InvalidTransition,
        Self::InvalidChoice,
        Self::InvalidDate,
        Self::WeakPassword,
        Self::AlreadyExists,
        Self::WrongPassword,
        Self::Automated,
        Self::HumanCheckFailed,
        Self::InvalidAccessCode,
        Self::LowContrast,
        Self::InvalidViewport,
        Self::InsecureUrl,
        Self::SelfIntersecting,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::Required => "required",
            Self::NotOnEarth => "not_on_earth",
            Self::OutsideArea => "outside_area",
            Self::UnknownCategory => "unknown_category",
            Self::UnknownTime => "unknown_time",
            Self::DuplicateTime => "duplicate_time",
            Self::TooLong => "too_long",
            Self::InvalidEmail => "invalid_email",
            Self::WrongTenant => "wrong_tenant",
            Self::InvalidTransition => "invalid_transition",
            Self::InvalidChoice => "invalid_choice",
            Self::InvalidDate => "invalid_date",
            Self::WeakPassword => "weak_password",
            Self::AlreadyExists => "already_exists",
            Self::WrongPassword => "wrong_password",
            Self::Automated => "automated",
            Self::HumanCheckFailed => "human_check_failed",
            Self::InvalidAccessCode => "invalid_access_code",
            Self::LowContrast => "low_contrast",
            Self::InvalidViewport => "invalid_viewport",
            Self::InsecureUrl => "insecure_url",
            Self::SelfIntersecting => "self_intersecting",
        }
    }

    /// Locale key of the message shown next to the field.
    pub fn message_key(self) -> String {
        format!("error-{}", self.id().replace('_', "-"))
    }

    /// A plain English message for API clients.
    pub fn english(self) -> &'static str {
        match self {
            Self::Required => "This field is required.",
            Self::NotOnEarth => "Coordinates must be finite degrees within ±90 latitude and ±180 longitude.",
            Self::OutsideArea => "The place lies outside the municipality's map area.",
            Self::UnknownCategory => "This category is not offered by the municipality.",
            Self::UnknownTime => "Times must be morning, day, evening or night.",
            Self::DuplicateTime => "A time of day is listed twice.",
            Self::TooLong => "The text is too long.",
            Self::InvalidEmail => "This is not a valid e-mail address.",
            Self::WrongTenant => "The report names another municipality than the one it was sent to.",
            Self::InvalidTransition => "This change of status is not possible from the current one.",
            Self::InvalidChoice => "This value is not one of the allowed choices.",
            Self::InvalidDate => "Dates are written YYYY-MM-DD.",
            Self::WeakPassword => "Passwords have 12 to 256 characters.",
            Self::AlreadyExists => "An account with this e-mail address already exists.",
            Self::WrongPassword => "The current password is not right.",
            Self::Automated => {
                "This looks like an automated submission: the field `website` must stay empty."
            }
            Self::HumanCheckFailed => "The human check (Turnstile) is missing, expired or failed.",
            Self::InvalidAccessCode => "This access code is not the municipality's code for this group.",
            Self::LowContrast => "The colour needs a contrast of at least 4.5:1 against white (WCAG AA).",
            Self::InvalidViewport => {
                "Give bbox as west,south,east,north in degrees and zoom as a whole number from 0 to 22."
            }
            Self::InsecureUrl => {
                "The address must start with https:// and name a host (http:// only to localhost, for testing)."
            }
            Self::SelfIntersecting => "A ring of this polygon crosses or touches itself; correct it in the GIS program.",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    /// The JSON field name (`lat`, `category`, `description`, …).
    pub field: &'static str,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub const fn new(field: &'static str, code: FieldErrorCode) -> Self {
        Self { field, code }
    }
}
