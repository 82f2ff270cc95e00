//! Consistency of what lives beside the code: every locale speaks every word the code asks for
//! (a missing or misspelt key fails here, never reaching a resident as a raw key), and the
//! documented examples stay loadable. The console's words are checked when core is built with
//! its `console` feature (`cargo xtask test` runs these with every feature, and without).

use std::collections::BTreeSet;
use std::path::Path;

use tryggve_core::category::{label_key, DEFAULT_CATEGORIES};
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::{check, parse, Locale};
use tryggve_core::TimeOfDay;

/// The widget's locale file of `locale` (read from disk: without the `all-locales` feature only
/// Swedish is compiled in).
fn widget_source(locale: Locale) -> &'static str {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{}.ftl", locale.tag()));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Box::leak(text.into_boxed_str())
}

fn keys(locale: Locale) -> BTreeSet<&'static str> {
    parse(widget_source(locale)).into_iter().map(|(k, _)| k).collect()
}

/// The widget's keys and the console's.
#[cfg(feature = "console")]
fn console_keys(locale: Locale) -> BTreeSet<&'static str> {
    parse(locale.console_source()).into_iter().map(|(k, _)| k).chain(keys(locale)).collect()
}

/// The widget's locale file of `locale`, then the console's if core is built with it.
fn sources(locale: Locale) -> Vec<&'static str> {
    #[cfg(feature = "console")]
    return vec![widget_source(locale), locale.console_source()];
    #[cfg(not(feature = "console"))]
    vec![widget_source(locale)]
}

#[test]
fn every_locale_file_is_well_formed() {
    for locale in Locale::ALL {
        for (i, source) in sources(locale).into_iter().enumerate() {
            assert_eq!(check(source), Vec::<String>::new(), "malformed lines in {}", locale.tag());
            assert!(
                parse(source).iter().all(|(k, _)| k.starts_with("console-") == (i == 1)),
                "console- keys belong in core/locales/console/, and only they ({})",
                locale.tag()
            );
        }
        let entries: Vec<_> = sources(locale).into_iter().flat_map(parse).collect();
        let unique: BTreeSet<_> = entries.iter().map(|(k, _)| k).collect();
        assert_eq!(unique.len(), entries.len(), "a key is defined twice in {}", locale.tag());
        assert!(entries.iter().all(|(_, v)| !v.is_empty()), "empty text in {}", locale.tag());
    }
}

/// Keys an interface asks for with `i18n.t("…")` or `i18n.t_with("…", …)` in its sources.
fn used_keys(dir: &str) -> Vec<String> {
    let mut used = Vec::new();
    collect_keys(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir), &mut used);
    assert!(
        used.len() > 20,
        "the scan of {dir} found too few keys ({}); is the pattern still right?",
        used.len()
    );
    used
}

/// Keys built from domain values (`category-…`, `time-…`, `status-…`, `error-…`).
fn domain_keys() -> Vec<String> {
    let mut keys: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| label_key(c.id)).collect();
    keys.extend(TimeOfDay::ALL.iter().map(|t| format!("time-{}", t.id())));
    keys.extend(FieldErrorCode::ALL.iter().map(|c| c.message_key()));
    keys.extend(tryggve_core::ReportStatus::ALL.map(|s| format!("status-{}", s.id().replace('_', "-"))));
    keys.extend(tryggve_core::reporter::ReporterGroup::ALL.map(|g| g.label_key()));
    keys
}

fn missing(have: &BTreeSet<&str>, wanted: &[String]) -> Vec<String> {
    wanted.iter().filter(|k| !have.contains(k.as_str())).cloned().collect()
}

#[test]
#[cfg(feature = "console")]
fn the_console_languages_have_every_key() {
    let swedish = console_keys(Locale::Sv);
    for locale in Locale::ALL.into_iter().filter(|l| l.covers_console()) {
        let other = console_keys(locale);
        let missing: Vec<_> = swedish.difference(&other).collect();
        let extra: Vec<_> = other.difference(&swedish).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            locale.tag()
        );
    }
    let mut wanted = used_keys("console/src");
    use tryggve_core::moderation::{RejectionReason, Role, Visibility};
    wanted.extend(Visibility::ALL.map(|v| format!("visibility-{}", v.id())));
    wanted.extend(RejectionReason::ALL.map(|r| format!("reason-{}", r.id().replace('_', "-"))));
    wanted.extend(Role::ALL.map(|r| format!("role-{}", r.id())));
    wanted.extend(domain_keys());
    // Built with format! in the settings page and the questionnaire editor.
    use tryggve_core::questionnaire::QuestionKind;
    wanted.extend(QuestionKind::ALL.map(|k| format!("console-question-kind-{}", k.id().replace('_', "-"))));
    use FieldErrorCode::*;
    let settings_codes = [
        Required,
        TooLong,
        InvalidChoice,
        AlreadyExists,
        NotOnEarth,
        OutsideArea,
        UnknownCategory,
        InvalidTransition,
        WrongTenant,
    ];
    wanted.extend(settings_codes.map(|c| format!("console-settings-error-{}", c.id().replace('_', "-"))));
    assert_eq!(missing(&swedish, &wanted), Vec::<String>::new(), "keys the console uses but Swedish lacks");
}

#[test]
fn every_widget_language_has_every_key_the_widget_uses() {
    let mut wanted = used_keys("widget/src");
    wanted.extend(domain_keys());
    wanted.push("time-unspecified".into());
    for locale in Locale::ALL {
        assert_eq!(missing(&keys(locale), &wanted), Vec::<String>::new(), "missing in {}", locale.tag());
        let extra: Vec<_> = keys(locale).difference(&keys(Locale::Sv)).map(|k| k.to_string()).collect();
        assert_eq!(extra, Vec::<String>::new(), "{} has keys Swedish lacks", locale.tag());
    }
}

fn collect_keys(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_keys(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            for pattern in [".t(\"", ".t_with(\""] {
                for (at, _) in source.match_indices(pattern) {
                    let rest = &source[at + pattern.len()..];
                    if let Some(end) = rest.find('"') {
                        out.push(rest[..end].to_string());
                    }
                }
            }
        }
    }
}

/// The example tenant file in the deployment guide must stay loadable by `cargo xtask tenant add`.
#[test]
fn the_documented_tenant_example_parses() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/examples/tenant-vargarda.json");
    let text = std::fs::read_to_string(path).unwrap();
    let tenant: tryggve_core::TenantConfig = serde_json::from_str(&text).unwrap();
    assert!(tryggve_core::tenant::is_valid_tenant_id(&tenant.id));
    assert!(tenant.map.bounds.contains(tenant.map.center));
    assert_eq!(
        tryggve_core::geo::area_of(&tenant.areas, tenant.map.center).map(|a| a.id.as_str()),
        Some("centrum")
    );
    // And it passes every rule the console's settings enforce.
    let settings = tryggve_core::settings::TenantSettings {
        config: tenant.clone(),
        origins: vec!["https://www.vargarda.se".into()],
    };
    let checked =
        tryggve_core::settings::check_settings(&settings, &tenant).map_err(|e| format!("{e:?}")).unwrap();
    assert_eq!(checked.config.questionnaire.len(), 3);
}
