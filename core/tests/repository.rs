//! Consistency of what lives beside the code: every locale speaks every word the code asks for
//! (a missing or misspelt key fails here, never reaching a resident as a raw key), and the
//! documented examples stay loadable.

use std::collections::BTreeSet;
use std::path::Path;

use tryggve_core::category::{label_key, DEFAULT_CATEGORIES};
use tryggve_core::i18n::{check, parse, Locale};
use tryggve_core::validation::FieldErrorCode;
use tryggve_core::TimeOfDay;

fn keys(locale: Locale) -> BTreeSet<&'static str> {
    parse(locale.source()).into_iter().map(|(k, _)| k).collect()
}

#[test]
fn every_locale_file_is_well_formed() {
    for locale in Locale::ALL {
        assert_eq!(check(locale.source()), Vec::<String>::new(), "malformed lines in {}", locale.tag());
        let entries = parse(locale.source());
        let unique: BTreeSet<_> = entries.iter().map(|(k, _)| k).collect();
        assert_eq!(unique.len(), entries.len(), "a key is defined twice in {}", locale.tag());
        assert!(entries.iter().all(|(_, v)| !v.is_empty()), "empty text in {}", locale.tag());
    }
}

#[test]
fn every_locale_has_the_same_keys_as_swedish() {
    let swedish = keys(Locale::Sv);
    for locale in Locale::ALL {
        let other = keys(locale);
        let missing: Vec<_> = swedish.difference(&other).collect();
        let extra: Vec<_> = other.difference(&swedish).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, extra {extra:?}",
            locale.tag()
        );
    }
}

#[test]
fn domain_values_have_labels() {
    let swedish = keys(Locale::Sv);
    let mut wanted: Vec<String> = DEFAULT_CATEGORIES.iter().map(|c| label_key(c.id)).collect();
    wanted.extend(TimeOfDay::ALL.iter().map(|t| format!("time-{}", t.id())));
    wanted.extend(FieldErrorCode::ALL.iter().map(|c| c.message_key()));
    use tryggve_core::moderation::{RejectionReason, Role, Visibility};
    use tryggve_core::ReportStatus::*;
    wanted.extend(
        [New, Reviewed, InProgress, Resolved, Closed].map(|s| format!("status-{}", s.id().replace('_', "-"))),
    );
    wanted.extend(
        [Visibility::Pending, Visibility::Approved, Visibility::Rejected]
            .map(|v| format!("visibility-{}", v.id())),
    );
    wanted.extend(RejectionReason::ALL.map(|r| format!("reason-{}", r.id().replace('_', "-"))));
    wanted.extend([Role::Admin, Role::Moderator, Role::Responder].map(|r| format!("role-{}", r.id())));
    let missing: Vec<_> = wanted.iter().filter(|k| !swedish.contains(k.as_str())).collect();
    assert!(missing.is_empty(), "no text for {missing:?}");
}

/// Keys the user interfaces ask for with `i18n.t("…")` or `i18n.t_with("…", …)`.
#[test]
fn every_key_used_in_the_interfaces_exists() {
    let swedish = keys(Locale::Sv);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut used = Vec::new();
    collect_keys(&root.join("widget/src"), &mut used);
    collect_keys(&root.join("console/src"), &mut used);
    assert!(used.len() > 20, "the scan found too few keys ({}); is the pattern still right?", used.len());
    let missing: Vec<_> = used.iter().filter(|k| !swedish.contains(k.as_str())).collect();
    assert!(missing.is_empty(), "keys used in code but absent from the locales: {missing:?}");
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
}
