//! The rules a report must meet. The widget shows these errors next to the fields before
//! sending; the edge applies the same function and answers 422 with the first error.

use crate::category::OTHER;
use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::LatLng;
use crate::questionnaire::check_answers;
use crate::report::{is_followup_token, is_idempotency_key, NewReport, ReportDraft, TimeOfDay};
use crate::reporter::ReporterGroup;
use crate::tenant::TenantConfig;
use crate::text;

pub const DESCRIPTION_MAX_CHARS: usize = 1000;
pub const EMAIL_MAX_CHARS: usize = 254;

/// Checks a draft against the tenant's configuration. Returns every error, in form order,
/// so that the form can mark all fields at once.
pub fn validate_report(draft: &ReportDraft, tenant: &TenantConfig) -> Result<NewReport, Vec<FieldError>> {
    use FieldErrorCode::*;
    let mut errors = Vec::new();

    if !draft.website.is_empty() {
        errors.push(FieldError::new("website", Automated));
    }
    match draft.tenant.as_deref() {
        None => errors.push(FieldError::new("tenant", Required)),
        Some(t) if t != tenant.id => errors.push(FieldError::new("tenant", WrongTenant)),
        Some(_) => {}
    }

    let location = match (draft.lat, draft.lng) {
        (Some(lat), Some(lng)) => {
            let point = LatLng::new(lat, lng);
            if !point.is_on_earth() {
                errors.push(FieldError::new("lat", NotOnEarth));
            } else if !tenant.map.bounds.contains(point) {
                errors.push(FieldError::new("lat", OutsideArea));
            }
            point
        }
        (None, _) => {
            errors.push(FieldError::new("lat", Required));
            LatLng::new(0.0, 0.0)
        }
        (_, None) => {
            errors.push(FieldError::new("lng", Required));
            LatLng::new(0.0, 0.0)
        }
    };

    let category = draft.category.as_deref().map(str::trim).unwrap_or_default();
    if category.is_empty() {
        errors.push(FieldError::new("category", Required));
    } else if !tenant.offers_category(category) {
        errors.push(FieldError::new("category", UnknownCategory));
    }

    let mut times = Vec::new();
    for id in &draft.times {
        match TimeOfDay::from_id(id) {
            None => {
                errors.push(FieldError::new("times", UnknownTime));
                break;
            }
            Some(t) if times.contains(&t) => {
                errors.push(FieldError::new("times", DuplicateTime));
                break;
            }
            Some(t) => times.push(t),
        }
    }
    times.sort_by_key(|t| TimeOfDay::ALL.iter().position(|a| a == t));

    // The form marks each question; the API names the first one in the message's field.
    let answers = match check_answers(&tenant.questionnaire, &draft.answers) {
        Ok(answers) => answers,
        Err(found) => {
            errors.push(FieldError::new("answers", found[0].code));
            Default::default()
        }
    };

    let description = text::clean(&draft.description);
    if text::char_len(&description) > DESCRIPTION_MAX_CHARS {
        errors.push(FieldError::new("description", TooLong));
    } else if description.is_empty() && category == OTHER {
        // "Other" says nothing by itself: the text is what the municipality acts on.
        errors.push(FieldError::new("description", Required));
    }

    let contact_email = draft.contact_email.as_deref().map(text::clean).filter(|e| !e.is_empty());
    if let Some(email) = &contact_email {
        if text::char_len(email) > EMAIL_MAX_CHARS || !is_plausible_email(email) {
            errors.push(FieldError::new("contact_email", InvalidEmail));
        }
    }

    let reporter_group = match draft.reporter_group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        None => ReporterGroup::Resident,
        Some(id) => match ReporterGroup::from_id(id).filter(|g| tenant.reporter_groups.contains(g)) {
            Some(group) => group,
            None => {
                errors.push(FieldError::new("reporter_group", InvalidChoice));
                ReporterGroup::Resident
            }
        },
    };
    let access_code = draft.access_code.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(String::from);
    if reporter_group.needs_code() && access_code.is_none() {
        errors.push(FieldError::new("access_code", Required));
    }

    // A retry-safe submission brings both its key and its code; either alone is a client bug.
    match (&draft.idempotency_key, &draft.followup_token) {
        (None, None) => {}
        (Some(key), Some(token)) if is_idempotency_key(key) && is_followup_token(token) => {}
        (Some(key), _) if !is_idempotency_key(key) => {
            errors.push(FieldError::new("idempotency_key", InvalidChoice))
        }
        (Some(_), _) | (None, Some(_)) => errors.push(FieldError::new("followup_token", InvalidChoice)),
    }

    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(NewReport {
        idempotency_key: draft.idempotency_key.clone(),
        followup_token: draft.followup_token.clone(),
        tenant: tenant.id.clone(),
        location,
        category: category.to_string(),
        times,
        description,
        contact_email,
        answers,
        reporter_group,
        access_code: access_code.filter(|_| reporter_group.needs_code()),
    })
}

/// One `@`, something before it, a dotted domain after it, no white space. Deliverability is
/// not ours to judge; typos like a missing `@` or domain are.
pub fn is_plausible_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let labels_ok = domain
        .split('.')
        .all(|label| !label.is_empty() && label.chars().all(|c| c.is_alphanumeric() || c == '-'));
    !local.is_empty()
        && local.chars().count() <= 64
        && !local.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.contains('.')
        && labels_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldErrorCode::*;

    fn draft() -> ReportDraft {
        ReportDraft {
            tenant: Some("demo".into()),
            lat: Some(58.03),
            lng: Some(12.81),
            category: Some("dark-spot".into()),
            times: vec!["night".into(), "evening".into()],
            description: "  Lampan vid\u{0007} gångtunneln är trasig. ".into(),
            contact_email: Some("anna@example.se".into()),
            answers: Default::default(),
            reporter_group: None,
            access_code: None,
            idempotency_key: None,
            followup_token: None,
            website: String::new(),
            human_token: None,
        }
    }

    #[test]
    fn a_filled_honeypot_is_refused() {
        let trapped = ReportDraft { website: "https://spam.example".into(), ..draft() };
        assert_eq!(errors(&trapped), vec![("website", Automated)]);
    }

    fn errors(d: &ReportDraft) -> Vec<(&'static str, FieldErrorCode)> {
        validate_report(d, &TenantConfig::demo())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.code))
            .collect()
    }

    #[test]
    fn a_good_draft_is_cleaned_and_accepted() {
        let report = validate_report(&draft(), &TenantConfig::demo()).unwrap();
        assert_eq!(report.description, "Lampan vid gångtunneln är trasig.");
        assert_eq!(report.times, vec![TimeOfDay::Evening, TimeOfDay::Night], "sorted by time of day");
        assert_eq!(report.contact_email.as_deref(), Some("anna@example.se"));
        assert_eq!(report.location, LatLng::new(58.03, 12.81));
    }

    #[test]
    fn missing_fields_are_required() {
        let empty = ReportDraft::default();
        assert_eq!(errors(&empty), vec![("tenant", Required), ("lat", Required), ("category", Required)]);
        let no_lng = ReportDraft { lng: None, ..draft() };
        assert_eq!(errors(&no_lng), vec![("lng", Required)]);
    }

    #[test]
    fn location_must_be_on_earth_and_in_the_area() {
        assert_eq!(errors(&ReportDraft { lat: Some(91.0), ..draft() }), vec![("lat", NotOnEarth)]);
        assert_eq!(errors(&ReportDraft { lng: Some(f64::NAN), ..draft() }), vec![("lat", NotOnEarth)]);
        assert_eq!(
            errors(&ReportDraft { lat: Some(59.33), lng: Some(18.07), ..draft() }),
            vec![("lat", OutsideArea)]
        );
    }

    #[test]
    fn category_must_be_offered() {
        assert_eq!(
            errors(&ReportDraft { category: Some("weather".into()), ..draft() }),
            vec![("category", UnknownCategory)]
        );
        assert_eq!(
            errors(&ReportDraft { category: Some("  ".into()), ..draft() }),
            vec![("category", Required)]
        );
    }

    #[test]
    fn times_must_be_known_and_distinct() {
        assert_eq!(
            errors(&ReportDraft { times: vec!["noon".into()], ..draft() }),
            vec![("times", UnknownTime)]
        );
        assert_eq!(
            errors(&ReportDraft { times: vec!["day".into(), "day".into()], ..draft() }),
            vec![("times", DuplicateTime)]
        );
        assert!(validate_report(&ReportDraft { times: vec![], ..draft() }, &TenantConfig::demo()).is_ok());
    }

    #[test]
    fn description_is_bounded_and_required_for_other() {
        let long = "å".repeat(DESCRIPTION_MAX_CHARS + 1);
        assert_eq!(errors(&ReportDraft { description: long, ..draft() }), vec![("description", TooLong)]);
        let other = ReportDraft { category: Some("other".into()), description: " \n ".into(), ..draft() };
        assert_eq!(errors(&other), vec![("description", Required)]);
    }

    #[test]
    #[cfg(feature = "nfc")]
    fn description_length_is_counted_after_nfc() {
        let exactly = "a\u{030A}".repeat(DESCRIPTION_MAX_CHARS); // NFC makes each one char
        assert!(
            validate_report(&ReportDraft { description: exactly, ..draft() }, &TenantConfig::demo()).is_ok()
        );
    }

    #[test]
    fn email_is_optional_but_must_be_plausible() {
        let none = ReportDraft { contact_email: Some("   ".into()), ..draft() };
        assert_eq!(validate_report(&none, &TenantConfig::demo()).unwrap().contact_email, None);
        for bad in [
            "anna",
            "anna@",
            "@example.se",
            "anna@example",
            "an na@example.se",
            "a@b@c.se",
            "anna@exa mple.se",
            "anna@.se",
        ] {
            let d = ReportDraft { contact_email: Some(bad.into()), ..draft() };
            assert_eq!(errors(&d), vec![("contact_email", InvalidEmail)], "{bad}");
        }
        let long = format!("{}@example.se", "a".repeat(250));
        assert_eq!(
            errors(&ReportDraft { contact_email: Some(long), ..draft() }),
            vec![("contact_email", InvalidEmail)]
        );
    }

    #[test]
    fn retry_safe_submissions_bring_a_key_and_a_code() {
        let key = Some("3f1c0a7e-9b2d-4c55-8e1f-0a1b2c3d4e5f".to_string());
        let token = Some("0123456789abcdef0123456789abcdef".to_string());
        let both = ReportDraft { idempotency_key: key.clone(), followup_token: token.clone(), ..draft() };
        let stored = validate_report(&both, &TenantConfig::demo()).unwrap();
        assert_eq!(stored.idempotency_key, key);
        assert_eq!(
            errors(&ReportDraft { idempotency_key: key.clone(), ..draft() }),
            vec![("followup_token", InvalidChoice)]
        );
        assert_eq!(
            errors(&ReportDraft { followup_token: token.clone(), ..draft() }),
            vec![("followup_token", InvalidChoice)]
        );
        let short =
            ReportDraft { idempotency_key: Some("abc".into()), followup_token: token.clone(), ..draft() };
        assert_eq!(errors(&short), vec![("idempotency_key", InvalidChoice)]);
        let weak = ReportDraft { idempotency_key: key, followup_token: Some("0000".into()), ..draft() };
        assert_eq!(errors(&weak), vec![("followup_token", InvalidChoice)]);
    }

    #[test]
    fn tenant_must_match() {
        assert_eq!(
            errors(&ReportDraft { tenant: Some("other-town".into()), ..draft() }),
            vec![("tenant", WrongTenant)]
        );
    }

    #[test]
    fn answers_are_checked_against_the_questionnaire() {
        use crate::questionnaire::AnswerValue;
        let demo = TenantConfig::demo();
        let question = &demo.questionnaire[0];
        let mut good = draft();
        good.answers.insert(question.id.clone(), AnswerValue::Choices(vec![question.options[0].id.clone()]));
        let report = validate_report(&good, &demo).unwrap();
        assert_eq!(report.answers.choices.len(), 1);
        let mut bad = draft();
        bad.answers.insert(question.id.clone(), AnswerValue::Choices(vec!["no-such-option".into()]));
        assert_eq!(errors(&bad), vec![("answers", InvalidChoice)]);
    }

    #[test]
    fn reporter_groups_must_be_offered_and_staff_bring_a_code() {
        let mut tenant = TenantConfig::demo();
        let as_group = |g: &str, code: Option<&str>| ReportDraft {
            reporter_group: Some(g.into()),
            access_code: code.map(String::from),
            ..draft()
        };
        let report = validate_report(&as_group("business", Some("ignored-code")), &tenant).unwrap();
        assert_eq!(report.reporter_group, ReporterGroup::Business);
        assert_eq!(report.access_code, None, "a code is kept only where it counts");
        assert_eq!(errors(&as_group("staff", Some("  "))), vec![("access_code", Required)]);
        let staff = validate_report(&as_group("staff", Some(" vaktmastare-2026 ")), &tenant).unwrap();
        assert_eq!(staff.access_code.as_deref(), Some("vaktmastare-2026"));
        assert_eq!(errors(&as_group("mayor", None)), vec![("reporter_group", InvalidChoice)]);
        tenant.reporter_groups = vec![ReporterGroup::Resident];
        assert_eq!(
            validate_report(&as_group("police", Some("x")), &tenant).unwrap_err(),
            vec![FieldError::new("reporter_group", InvalidChoice)]
        );
        assert_eq!(validate_report(&draft(), &tenant).unwrap().reporter_group, ReporterGroup::Resident);
    }

    #[test]
    fn message_keys() {
        assert_eq!(OutsideArea.message_key(), "error-outside-area");
    }
}
