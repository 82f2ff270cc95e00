//! Who may do what, and how a report moves through the municipality's handling.

use serde::{Deserialize, Serialize};

use crate::report::ReportStatus;

/// A moderator account's role within its tenant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and configuration, and does everything a moderator does.
    Admin,
    /// Reviews reports and questions, sets statuses, answers.
    Moderator,
    /// Answers dialogue questions only (politicians, police, officials).
    Responder,
    /// Reads the lägesbild and the approved reports, never contact details or unpublished text:
    /// partners in the safety council (police, housing companies).
    Observer,
    /// A member of one unit (street and parks, property, social services): works the cases
    /// routed to it — reads them, writes internal notes, names who handles them, moves their
    /// status on — and sees nothing else. The account names its unit.
    Unit,
}

/// Something a console user may try to do. Every console route names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    ReviewReports,
    ExportReports,
    ReadAudit,
    ManageModerators,
    /// Edit the tenant's settings: origins, map, categories, questionnaire, areas, limits.
    ConfigureTenant,
    /// Create and run dialogues, moderate their questions, export the minutes.
    ModerateDialogues,
    /// Mark the question being answered, mark answered, write answers.
    AnswerQuestions,
    /// Read the lägesbild (counts, hot spots) and the approved reports as partners see them.
    ViewSituation,
    /// Open a case, read and write its internal notes, name who handles it and move its
    /// status on; a unit's member only on the cases routed to their unit.
    HandleCases,
}

impl Role {
    pub const ALL: [Role; 5] = [Self::Admin, Self::Moderator, Self::Responder, Self::Observer, Self::Unit];

    pub fn id(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Moderator => "moderator",
            Self::Responder => "responder",
            Self::Observer => "observer",
            Self::Unit => "unit",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Self::Admin => true,
            Self::Moderator => {
                matches!(
                    permission,
                    ReviewReports
                        | ExportReports
                        | ModerateDialogues
                        | AnswerQuestions
                        | ViewSituation
                        | HandleCases
                )
            }
            Self::Responder => matches!(permission, AnswerQuestions),
            Self::Observer => matches!(permission, ViewSituation),
            Self::Unit => matches!(permission, HandleCases),
        }
    }

    /// Whether this role's accounts belong to a unit (and must name it).
    pub fn has_unit(self) -> bool {
        self == Self::Unit
    }
}

/// Which cases an account works on: every case of its municipality, or only those routed to
/// its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseScope {
    All,
    Unit(i64),
}

impl CaseScope {
    /// The scope of an account with `role` (and, for a unit's member, `unit`); `None` for a
    /// unit's member without a unit, who works on nothing.
    pub fn of(role: Role, unit: Option<i64>) -> Option<CaseScope> {
        match (role.has_unit(), unit) {
            (false, _) => Some(Self::All),
            (true, Some(unit)) => Some(Self::Unit(unit)),
            (true, None) => None,
        }
    }

    /// Whether a case routed to `unit` (or to none) is within this scope.
    pub fn covers(self, unit: Option<i64>) -> bool {
        match self {
            Self::All => true,
            Self::Unit(own) => unit == Some(own),
        }
    }
}

/// Whether a report may be shown on the public map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Not yet reviewed: only moderators see it.
    Pending,
    /// On the public map (coarsened, text only if approved separately).
    Approved,
    /// Never public; the reason is recorded.
    Rejected,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Self::Pending, Self::Approved, Self::Rejected];

    pub fn id(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.id() == id)
    }

    /// The locale key of its label, e.g. `visibility-approved`.
    pub fn label_key(self) -> String {
        format!("visibility-{}", self.id())
    }
}

/// Why a report is kept off the public map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RejectionReason {
    PersonalData,
    Offensive,
    OffTopic,
    Duplicate,
    OutsideMunicipality,
}

impl RejectionReason {
    pub const ALL: [RejectionReason; 5] =
        [Self::PersonalData, Self::Offensive, Self::OffTopic, Self::Duplicate, Self::OutsideMunicipality];

    pub fn id(self) -> &'static str {
        match self {
            Self::PersonalData => "personal_data",
            Self::Offensive => "offensive",
            Self::OffTopic => "off_topic",
            Self::Duplicate => "duplicate",
            Self::OutsideMunicipality => "outside_municipality",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Whether a report turned down for this reason is still something to fix (its words could
    /// not be published, its place still needs seeing to); a duplicate, an off-topic report or
    /// one from outside the municipality is not.
    pub fn still_a_case(self) -> bool {
        matches!(self, Self::PersonalData | Self::Offensive)
    }

    /// The locale key of its label, e.g. `reason-personal-data`.
    pub fn label_key(self) -> String {
        format!("reason-{}", self.id().replace('_', "-"))
    }
}

impl ReportStatus {
    /// Whether the report counts as fixed (åtgärdad): its time to fix ends here, and runs again
    /// if it is reopened. A closed report (avslutad) was not fixed: nothing was to be done.
    pub fn is_fixed(self) -> bool {
        self == ReportStatus::Resolved
    }

    /// Whether it still waits for the municipality: in its unit's queue.
    pub fn is_open(self) -> bool {
        matches!(self, ReportStatus::New | ReportStatus::Reviewed | ReportStatus::InProgress)
    }

    /// The handling moves forward (ny → granskad → åtgärd pågår → åtgärdad), may be closed
    /// (avslutad) from any open state, and a closed or resolved case may be reopened for review.
    pub fn can_move_to(self, next: ReportStatus) -> bool {
        use ReportStatus::*;
        matches!(
            (self, next),
            (New, Reviewed)
                | (New | Reviewed, InProgress)
                | (Reviewed | InProgress, Resolved)
                | (New | Reviewed | InProgress, Closed)
                | (Resolved | Closed, Reviewed)
        )
    }
}

/// The longest public comment ("vad vi gjorde") a moderator may write.
pub const PUBLIC_COMMENT_MAX_CHARS: usize = 1000;

#[cfg(test)]
mod tests {
    use super::*;
    use ReportStatus::*;

    #[test]
    fn roles_and_permissions() {
        use Permission::*;
        let all = [
            ReviewReports,
            ExportReports,
            ReadAudit,
            ManageModerators,
            ConfigureTenant,
            ModerateDialogues,
            AnswerQuestions,
            ViewSituation,
            HandleCases,
        ];
        assert!(all.iter().all(|p| Role::Admin.allows(*p)));
        assert!(Role::Moderator.allows(ReviewReports) && Role::Moderator.allows(ExportReports));
        assert!(Role::Moderator.allows(ModerateDialogues) && !Role::Responder.allows(ModerateDialogues));
        assert!(!Role::Moderator.allows(ManageModerators) && !Role::Moderator.allows(ReadAudit));
        assert!(!Role::Moderator.allows(ConfigureTenant));
        assert_eq!(all.iter().filter(|p| Role::Responder.allows(**p)).count(), 1);
        assert!(Role::Responder.allows(AnswerQuestions));
        assert!(Role::Moderator.allows(ViewSituation));
        assert_eq!(all.iter().filter(|p| Role::Observer.allows(**p)).count(), 1, "an observer only reads");
        assert!(Role::Observer.allows(ViewSituation) && !Role::Observer.allows(ReviewReports));
        assert!(!Role::Observer.allows(ExportReports), "exports carry what observers may not see");
        assert_eq!(all.iter().filter(|p| Role::Unit.allows(**p)).count(), 1, "a unit's member only handles");
        assert!(Role::Unit.allows(HandleCases) && Role::Moderator.allows(HandleCases));
        assert!(!Role::Observer.allows(HandleCases) && !Role::Responder.allows(HandleCases));
        assert!(Role::Unit.has_unit() && !Role::Moderator.has_unit());
        for role in Role::ALL {
            assert_eq!(Role::from_id(role.id()), Some(role));
        }
        assert_eq!(Role::from_id("root"), None);
    }

    #[test]
    fn a_units_member_works_on_its_units_cases_only() {
        let scope = CaseScope::of(Role::Unit, Some(3)).unwrap();
        assert!(scope.covers(Some(3)));
        assert!(!scope.covers(Some(4)) && !scope.covers(None), "another unit's, or not routed");
        assert_eq!(CaseScope::of(Role::Unit, None), None, "a member without a unit works on nothing");
        let all = CaseScope::of(Role::Moderator, None).unwrap();
        assert!(all.covers(None) && all.covers(Some(4)));
        assert_eq!(CaseScope::of(Role::Admin, Some(3)), Some(CaseScope::All));
    }

    #[test]
    fn the_status_workflow() {
        assert!(New.can_move_to(Reviewed));
        assert!(Reviewed.can_move_to(InProgress));
        assert!(InProgress.can_move_to(Resolved));
        assert!(New.can_move_to(Closed) && InProgress.can_move_to(Closed));
        assert!(Resolved.can_move_to(Reviewed), "reopened");
        assert!(!New.can_move_to(Resolved), "nothing is resolved unseen");
        assert!(!Resolved.can_move_to(InProgress));
        assert!(!Closed.can_move_to(Resolved));
        for s in ReportStatus::ALL {
            assert!(!s.can_move_to(s), "{s:?} to itself is no move");
        }
    }

    #[test]
    fn rejection_ids_match_their_json() {
        for r in RejectionReason::ALL {
            assert_eq!(RejectionReason::from_id(r.id()), Some(r));
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.id()));
        }
    }

    #[test]
    fn visibility_ids() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::from_id(v.id()), Some(v));
        }
    }
}
