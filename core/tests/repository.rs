//! Consistency of what lives beside the code: every locale speaks every word the code asks for
//! (a missing or misspelt key fails here, never reaching a resident as a raw key), and the
//! documented examples stay loadable. The console's words are checked when core is built with
//! its `console` feature (`cargo xtask test` runs these with every feature, and without).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use tryggve_core::category::{label_key, DEFAULT_CATEGORIES};
use tryggve_core::field_error::FieldErrorCode;
use tryggve_core::i18n::{check, parse, Locale, WORD_PARTS};
use tryggve_core::TimeOfDay;

/// One part of the widget's words of `locale` (read from disk: without the `all-locales`
/// feature only Swedish is compiled in, and only the parts of the features core is built with).
fn part_source(locale: Locale, part: &str) -> &'static str {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(part);
    let file = dir.join(format!("{}.ftl", locale.tag()));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Box::leak(text.into_boxed_str())
}

/// The widget's words of `locale`, every part, as the build joins them into the file the widget
/// fetches.
fn widget_source(locale: Locale) -> &'static str {
    Box::leak(WORD_PARTS.map(|part| part_source(locale, part)).concat().into_boxed_str())
}

fn keys(locale: Locale) -> BTreeSet<&'static str> {
    parse(widget_source(locale)).into_iter().map(|(k, _)| k).collect()
}

fn part_keys(locale: Locale, part: &str) -> BTreeSet<&'static str> {
    parse(part_source(locale, part)).into_iter().map(|(k, _)| k).collect()
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
    used_keys_but(dir, &[])
}

/// [`used_keys`] of `dir`, but for its folders `skipped`.
fn used_keys_but(dir: &str, skipped: &[&str]) -> Vec<String> {
    let mut used = Vec::new();
    for file in rust_files(dir, skipped) {
        let source = std::fs::read_to_string(file).unwrap();
        for pattern in [".t(\"", ".t_with(\""] {
            for (at, _) in source.match_indices(pattern) {
                let rest = &source[at + pattern.len()..];
                if let Some(end) = rest.find('"') {
                    used.push(rest[..end].to_string());
                }
            }
        }
    }
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

/// Each of the widget's modules has Swedish compiled in with only its own element's part of the
/// words (and fetches another language whole): a key the report form, or code every element
/// shares, finds only in the dialogue's part would reach a resident of the report form raw.
#[test]
fn each_element_finds_its_words_in_the_parts_its_module_has() {
    for part in WORD_PARTS {
        for locale in Locale::ALL {
            let misplaced: Vec<_> =
                part_keys(locale, part).difference(&part_keys(Locale::Sv, part)).copied().collect();
            assert_eq!(
                misplaced,
                Vec::<&str>::new(),
                "{} has these in part {part:?}, Swedish elsewhere",
                locale.tag()
            );
        }
    }
    let common = part_keys(Locale::Sv, "");
    let elements =
        ["widget/src/components/dialogue", "widget/src/components/walk", "widget/src/components/survey"];
    let mut shared = used_keys_but("widget/src", &elements);
    shared.extend(domain_keys());
    shared.push("time-unspecified".into());
    assert_eq!(
        missing(&common, &shared),
        Vec::<String>::new(),
        "used by every element, not in core/locales/sv.ftl"
    );
    for (element, part) in elements.iter().zip(["dialogue", "walk", "survey"]) {
        let own: BTreeSet<_> = common.union(&part_keys(Locale::Sv, part)).copied().collect();
        assert_eq!(
            missing(&own, &used_keys(element)),
            Vec::<String>::new(),
            "used in {element}, not in its parts"
        );
    }
    // Keys chosen in code (`if … { "a-key" } else { "b-key" }`) escape the scan above: no string
    // in code an element shares, or in one element's, may name a key of another element's part.
    let part_of = |key: &str| WORD_PARTS[1..].iter().find(|part| part_keys(Locale::Sv, part).contains(key));
    let mut astray = Vec::new();
    for literal in literals("widget/src", &elements) {
        astray.extend(part_of(&literal).map(|part| format!("{literal} (shared code; in {part})")));
    }
    for (element, own) in elements.iter().zip(["dialogue", "walk", "survey"]) {
        for literal in literals(element, &[]) {
            let other = part_of(&literal).filter(|part| **part != own);
            astray.extend(other.map(|part| format!("{literal} ({element}; in {part})")));
        }
    }
    assert_eq!(astray, Vec::<String>::new(), "keys outside the parts their code's modules have");
}

/// The string literals in the Rust files of `dir` (but its folders `skipped`) that could be keys:
/// lower-case words joined by hyphens.
fn literals(dir: &str, skipped: &[&str]) -> Vec<String> {
    let is_key = |s: &&str| {
        s.contains('-')
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    let mut found = Vec::new();
    for file in rust_files(dir, skipped) {
        let source = std::fs::read_to_string(file).unwrap();
        found.extend(source.split('"').skip(1).step_by(2).filter(is_key).map(String::from));
    }
    found
}

/// The Rust files under `dir` (a folder of the repository), but its folders `skipped`.
fn rust_files(dir: &str, skipped: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let skipped: Vec<_> = skipped.iter().map(|s| root.join(s)).collect();
    let mut files = Vec::new();
    walk(&root.join(dir), &skipped, &mut files);
    files
}

fn walk(dir: &Path, skipped: &[PathBuf], out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if skipped.contains(&path) {
            continue;
        } else if path.is_dir() {
            walk(&path, skipped, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
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
