//! Shapes of the moderator console's API: logging in and who is logged in.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::moderation::Role;
use crate::text;
use crate::validation::is_plausible_email;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub tenant: String,
    pub email: String,
    pub password: String,
}

/// The logged-in moderator, and the token every state-changing request must echo in the
/// `X-CSRF-Token` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    pub tenant: String,
    pub tenant_name: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// A unit's member: the unit (by id) whose cases they work on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    pub csrf_token: String,
    /// An admin reset the password: until its owner chooses a new one, the console shows only
    /// the password change, and the edge refuses everything else (403 `password_change_required`).
    #[serde(default)]
    pub must_change_password: bool,
}

/// How long a console session lasts without a new login: one working day.
pub const SESSION_HOURS: u32 = 8;
/// Failed logins allowed per account from one client (address) within [`LOGIN_WINDOW_MINUTES`].
/// Only that client is then kept waiting: the account's owner, elsewhere, can still log in.
pub const MAX_FAILED_LOGINS_PER_ACCOUNT_AND_CLIENT: u32 = 5;
/// Failed logins allowed per client (address) within the window: higher, since a municipal
/// office shares one address among many people.
pub const MAX_FAILED_LOGINS_PER_CLIENT: u32 = 20;
/// Failed logins on one account from anywhere before each further try has to wait, longer
/// and longer up to [`MAX_ACCOUNT_DELAY_SECS`]: guessing from many addresses stays slow, and
/// the owner waits at most that long, never a whole window.
pub const ACCOUNT_FAILURES_BEFORE_DELAY: u32 = 10;
pub const MAX_ACCOUNT_DELAY_SECS: u32 = 60;
pub const LOGIN_WINDOW_MINUTES: u32 = 15;

/// The failed password attempts within the window, counting the one being made (which counts
/// as failed until it succeeds), as the edge reads them from its store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecentFailures {
    /// On this account from this client, and how long ago the oldest of them was (seconds).
    pub account_and_client: u32,
    pub account_and_client_oldest_secs: u32,
    /// From this client on any account, and how long ago the oldest was.
    pub client: u32,
    pub client_oldest_secs: u32,
    /// On this account from anywhere, and how long ago the one before this attempt was.
    pub account: u32,
    pub account_previous_secs: Option<u32>,
}

impl RecentFailures {
    /// How many seconds this attempt must wait (it is refused unchecked), or `None` to check
    /// the password. The wait is what is actually left: until the oldest counted failure
    /// leaves the window, or the account's delay has passed.
    pub fn wait_secs(&self) -> Option<u32> {
        let window = LOGIN_WINDOW_MINUTES * 60;
        let until_window_passes = |oldest: u32| window.saturating_sub(oldest).max(1);
        let mut waits = Vec::new();
        if self.account_and_client > MAX_FAILED_LOGINS_PER_ACCOUNT_AND_CLIENT {
            waits.push(until_window_passes(self.account_and_client_oldest_secs));
        }
        if self.client > MAX_FAILED_LOGINS_PER_CLIENT {
            waits.push(until_window_passes(self.client_oldest_secs));
        }
        if let Some(since) = self.account_previous_secs {
            let delay = account_delay_secs(self.account);
            if since < delay {
                waits.push(delay - since);
            }
        }
        waits.into_iter().max()
    }
}

/// The wait between tries on an account with `failures` in the window (this one included):
/// none up to [`ACCOUNT_FAILURES_BEFORE_DELAY`], then 2, 4, 8 … seconds, at most a minute.
pub fn account_delay_secs(failures: u32) -> u32 {
    match failures.checked_sub(ACCOUNT_FAILURES_BEFORE_DELAY) {
        None | Some(0) => 0,
        Some(over) => 2u32.saturating_pow(over).min(MAX_ACCOUNT_DELAY_SECS),
    }
}

/// An account as admins see it in the console.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ModeratorView {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// A unit's member: their unit (by id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    pub disabled: bool,
    /// Holds a temporary password from an admin, not yet changed by its owner.
    #[serde(default)]
    pub must_change_password: bool,
}

/// An admin gives an account another role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: Role,
    /// The unit, for the role `unit` (required there, left out for the others).
    #[serde(default)]
    pub unit: Option<i64>,
}

impl RoleChange {
    /// The change with its unit as the role has it, or the problem (a unit's member without one).
    pub fn validated(&self) -> Result<RoleChange, FieldError> {
        Ok(RoleChange { role: self.role, unit: unit_of(self.role, self.unit)? })
    }
}

/// The unit an account of `role` names: required for a unit's member, none for the others
/// (whatever was sent). Whether the unit exists is for the edge to check.
fn unit_of(role: Role, unit: Option<i64>) -> Result<Option<i64>, FieldError> {
    match (role.has_unit(), unit) {
        (true, None) => Err(FieldError::new("unit", FieldErrorCode::Required)),
        (true, unit) => Ok(unit),
        (false, _) => Ok(None),
    }
}

/// A reset password: the account, and the temporary password, shown to the admin this once
/// (only its hash is stored) to hand over by another channel than the e-mail it would open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PasswordReset {
    pub account: ModeratorView,
    pub temporary_password: String,
}

/// An admin creates an account with a first password, which its owner then changes on their
/// account page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct NewModerator {
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The unit, for the role `unit` (required there, left out for the others).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    pub password: String,
}

pub const NAME_MAX_CHARS: usize = 100;

impl NewModerator {
    /// The account with its e-mail address lower-cased and its name cleaned, or the first problem.
    pub fn validated(&self) -> Result<NewModerator, FieldError> {
        let email = text::clean(&self.email).to_lowercase();
        if !is_plausible_email(&email) {
            return Err(FieldError::new("email", FieldErrorCode::InvalidEmail));
        }
        let name = text::clean(&self.name);
        if name.is_empty() {
            return Err(FieldError::new("name", FieldErrorCode::Required));
        }
        if text::char_len(&name) > NAME_MAX_CHARS {
            return Err(FieldError::new("name", FieldErrorCode::TooLong));
        }
        if !(MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&self.password.chars().count()) {
            return Err(FieldError::new("password", FieldErrorCode::WeakPassword));
        }
        let unit = unit_of(self.role, self.unit)?;
        Ok(NewModerator { email, name, role: self.role, unit, password: self.password.clone() })
    }
}

/// A moderator changes their own password.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

impl PasswordChange {
    /// The new password must meet the policy (the current one is checked against the stored hash).
    pub fn check_new(&self) -> Result<(), FieldError> {
        if (MIN_PASSWORD_CHARS..=MAX_PASSWORD_CHARS).contains(&self.new.chars().count()) {
            Ok(())
        } else {
            Err(FieldError::new("new", FieldErrorCode::WeakPassword))
        }
    }
}

/// One moderator action, as the audit log shows it to admins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    pub at: String,
    /// The acting moderator's e-mail address.
    pub moderator: Option<String>,
    pub action: String,
    pub subject: String,
    /// JSON of the record before and after the action.
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One field an action changed, as the audit log says it in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// Longest value shown in words; the whole record stays behind a disclosure.
const CHANGE_SHOWN_CHARS: usize = 120;

impl AuditEntry {
    /// The fields whose values differ between the record before and after the action (all
    /// of the record when there was none before, or is none after), in the order of their names.
    pub fn changes(&self) -> Vec<FieldChange> {
        use serde_json::{Map, Value};
        let fields = |json: &Option<String>| -> Map<String, Value> {
            match json.as_deref().map(serde_json::from_str::<Value>) {
                Some(Ok(Value::Object(map))) => map,
                Some(Ok(other)) => Map::from_iter([(String::new(), other)]),
                Some(Err(_)) => {
                    Map::from_iter([(String::new(), Value::String(json.clone().unwrap_or_default()))])
                }
                None => Map::new(),
            }
        };
        let (before, after) = (fields(&self.before), fields(&self.after));
        let mut names: Vec<&String> = before.keys().chain(after.keys()).collect();
        names.sort();
        names.dedup();
        names
            .into_iter()
            .filter(|name| before.get(*name) != after.get(*name))
            .map(|name| FieldChange {
                field: name.clone(),
                before: in_words(before.get(name)),
                after: in_words(after.get(name)),
            })
            .collect()
    }
}

fn in_words(value: Option<&serde_json::Value>) -> String {
    let text = match value {
        None | Some(serde_json::Value::Null) => "–".to_string(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "–".to_string(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    if text.chars().count() > CHANGE_SHOWN_CHARS {
        text.chars().take(CHANGE_SHOWN_CHARS).chain(['…']).collect()
    } else {
        text
    }
}

/// Shortest and longest passwords accepted for a moderator account (the longest bounds hashing time).
pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 256;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_that_guesses_waits_until_its_oldest_failure_leaves_the_window() {
        let guessing = RecentFailures {
            account_and_client: 6,
            account_and_client_oldest_secs: 100,
            client: 6,
            client_oldest_secs: 100,
            account: 6,
            account_previous_secs: Some(1),
        };
        assert_eq!(guessing.wait_secs(), Some(800), "what is left of the window, not always 900");
        let fifth = RecentFailures { account_and_client: 5, client: 5, account: 5, ..guessing };
        assert_eq!(fifth.wait_secs(), None, "five tries are checked");
    }

    #[test]
    fn the_owner_elsewhere_is_not_locked_out_by_someone_elses_failures() {
        // Five failures from the attacker's address; the owner's first try from another one.
        let owner = RecentFailures {
            account_and_client: 1,
            client: 1,
            account: 6,
            account_previous_secs: Some(3),
            ..Default::default()
        };
        assert_eq!(owner.wait_secs(), None);
    }

    #[test]
    fn guessing_from_many_addresses_slows_down_to_one_try_a_minute() {
        let many = |account, previous| RecentFailures {
            account_and_client: 1,
            client: 1,
            account,
            account_previous_secs: Some(previous),
            ..Default::default()
        };
        assert_eq!(many(10, 0).wait_secs(), None);
        assert_eq!(many(11, 0).wait_secs(), Some(2));
        assert_eq!(many(11, 2).wait_secs(), None);
        assert_eq!(many(13, 3).wait_secs(), Some(5));
        assert_eq!(many(40, 0).wait_secs(), Some(MAX_ACCOUNT_DELAY_SECS));
        assert_eq!(many(400, 59).wait_secs(), Some(1));
        assert_eq!(many(400, 60).wait_secs(), None, "never more than a minute for the owner");
    }

    #[test]
    fn a_shared_office_address_has_more_room_but_not_unlimited() {
        let office = RecentFailures {
            account_and_client: 1,
            client: 21,
            client_oldest_secs: 899,
            account: 1,
            ..Default::default()
        };
        assert_eq!(office.wait_secs(), Some(1));
        assert_eq!(RecentFailures { client: 20, ..office }.wait_secs(), None);
    }

    fn entry(before: Option<&str>, after: Option<&str>) -> AuditEntry {
        AuditEntry {
            at: "2026-12-03T14:00:00Z".into(),
            moderator: None,
            action: "set_status".into(),
            subject: "2026-00001".into(),
            before: before.map(str::to_string),
            after: after.map(str::to_string),
        }
    }

    #[test]
    fn the_audit_log_names_only_what_changed() {
        let changed = entry(
            Some(r#"{"status":"new","public_comment":"","description":"Mörkt","votes":1}"#),
            Some(r#"{"status":"in_progress","public_comment":"Vi tittar på det","description":"Mörkt","votes":2}"#),
        )
        .changes();
        let shown: Vec<_> =
            changed.iter().map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("public_comment", "–", "Vi tittar på det"),
                ("status", "new", "in_progress"),
                ("votes", "1", "2")
            ]
        );
    }

    #[test]
    fn a_new_record_is_all_change_and_long_values_are_cut() {
        let long = "å".repeat(300);
        let changed = entry(None, Some(&format!(r#"{{"text":"{long}"}}"#))).changes();
        assert_eq!(changed.len(), 1);
        assert_eq!(changed[0].before, "–");
        assert_eq!(changed[0].after.chars().count(), CHANGE_SHOWN_CHARS + 1);
        assert!(changed[0].after.ends_with('…'));
        // Not JSON, or not an object: shown whole under no field name.
        assert_eq!(entry(Some("x"), Some("y")).changes()[0].after, "y");
        assert!(entry(Some("{}"), Some("{}")).changes().is_empty());
    }

    fn account() -> NewModerator {
        NewModerator {
            email: " Kim@Kommun.se ".into(),
            name: " Kim Karlsson ".into(),
            role: Role::Moderator,
            unit: None,
            password: "tolv tecken!".into(),
        }
    }

    #[test]
    fn a_units_member_names_the_unit_and_no_one_else_does() {
        let member = NewModerator { role: Role::Unit, unit: Some(2), ..account() };
        assert_eq!(member.validated().unwrap().unit, Some(2));
        let without = NewModerator { role: Role::Unit, unit: None, ..account() };
        assert_eq!(without.validated().unwrap_err().field, "unit");
        let moderator = NewModerator { unit: Some(2), ..account() };
        assert_eq!(moderator.validated().unwrap().unit, None, "a moderator works on every unit's cases");
        assert_eq!(RoleChange { role: Role::Unit, unit: None }.validated().unwrap_err().field, "unit");
        let back = RoleChange { role: Role::Observer, unit: Some(2) }.validated().unwrap();
        assert_eq!(back.unit, None);
    }

    #[test]
    fn accounts_are_cleaned_and_checked() {
        let ok = account().validated().unwrap();
        assert_eq!((ok.email.as_str(), ok.name.as_str()), ("kim@kommun.se", "Kim Karlsson"));
        let field = |a: NewModerator| a.validated().unwrap_err().field;
        assert_eq!(field(NewModerator { email: "kim".into(), ..account() }), "email");
        assert_eq!(field(NewModerator { name: " ".into(), ..account() }), "name");
        assert_eq!(field(NewModerator { name: "x".repeat(101), ..account() }), "name");
        assert_eq!(field(NewModerator { password: "elva tecken".into(), ..account() }), "password");
        assert_eq!(field(NewModerator { password: "x".repeat(257), ..account() }), "password");
    }
}
