//! What an admin edits in the console's settings: the tenant's public configuration and the
//! origins allowed to embed it. Everything is checked here before the edge stores it, so that
//! a saved configuration always draws a working widget.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::category;
use crate::field_error::FieldErrorCode;
use crate::geo::{Area, LatLng, Polygon};
use crate::i18n::Locale;
use crate::questionnaire::{check_questionnaire, retire};
use crate::reporter::ReporterGroup;
use crate::tenant::TenantConfig;
use crate::text;

pub const NAME_MAX_CHARS: usize = 100;
pub const MAX_ORIGINS: usize = 50;
pub const RULES_MAX_CHARS: usize = 2000;
pub const ATTRIBUTION_MAX_CHARS: usize = 300;
pub const MAX_AREAS: usize = 200;
/// Corners of all areas' polygons together. Every report is placed in its area by them (in the
/// dashboard and exports), so a map traced metre by metre must be simplified first (QGIS:
/// Vector → Geometry Tools → Simplify).
pub const MAX_AREA_CORNERS: usize = 20_000;
pub const AREA_NAME_MAX_CHARS: usize = 100;
/// The municipality's words on why a report is not published: a few sentences.
pub const NOT_PUBLISHED_TEXT_MAX_CHARS: usize = 500;
pub const MIN_RETENTION_DAYS: u32 = 30;
pub const MAX_RETENTION_DAYS: u32 = 3650;
pub const MAX_LIMIT: u32 = 100_000;
/// Settings carry the areas' polygons, so they may be far larger than a report.
pub const MAX_SETTINGS_BYTES: usize = 512 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TenantSettings {
    pub config: TenantConfig,
    /// Origins (`https://www.vargarda.se`) whose pages may embed the widget.
    pub origins: Vec<String>,
}

/// One problem with the settings: where (`config.map.zoom`, `origins[1]`) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    pub path: String,
    pub code: FieldErrorCode,
}

fn error(path: impl Into<String>, code: FieldErrorCode) -> SettingsError {
    SettingsError { path: path.into(), code }
}

/// `scheme://host[:port]`, nothing more: https, or http on the machine itself (for testing).
pub fn is_origin(origin: &str) -> bool {
    let rest = match origin.split_once("://") {
        Some(("https", rest)) => rest,
        Some(("http", rest))
            if ["localhost", "127.0.0.1"].contains(&rest.split(':').next().unwrap_or("")) =>
        {
            rest
        }
        _ => return false,
    };
    let (host, port) = rest.split_once(':').unwrap_or((rest, ""));
    !host.is_empty()
        && host.len() <= 253
        && host.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && !host.starts_with(['.', '-'])
        && (port.is_empty() || (port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())))
}

/// An XYZ tile template over https with `{z}`, `{x}` and `{y}`.
pub fn is_tile_url(url: &str) -> bool {
    url.starts_with("https://")
        && url.len() <= 500
        && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p))
        && !url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
}

/// Checks settings an admin wants to save for `tenant` against what is stored now. Returns
/// the cleaned settings, or every problem found.
pub fn check_settings(
    new: &TenantSettings,
    old: &TenantConfig,
) -> Result<TenantSettings, Vec<SettingsError>> {
    use FieldErrorCode::*;
    let mut errors = Vec::new();
    let mut config = new.config.clone();

    if config.id != old.id {
        errors.push(error("config.id", WrongTenant));
    }
    config.name = text::clean(&config.name);
    if config.name.is_empty() {
        errors.push(error("config.name", Required));
    } else if text::char_len(&config.name) > NAME_MAX_CHARS {
        errors.push(error("config.name", TooLong));
    }

    let map = &mut config.map;
    if !map.bounds.is_valid() {
        errors.push(error("config.map.bounds", NotOnEarth));
    } else if !map.bounds.contains(map.center) {
        errors.push(error("config.map.center", OutsideArea));
    }
    if !(1..=19).contains(&map.zoom) {
        errors.push(error("config.map.zoom", InvalidChoice));
    }
    map.tile_url = map.tile_url.trim().to_string();
    if !is_tile_url(&map.tile_url) {
        errors.push(error("config.map.tile_url", InvalidChoice));
    }
    map.attribution = text::clean(&map.attribution);
    if map.attribution.is_empty() {
        // Tile providers' licences require it (OpenStreetMap's among them).
        errors.push(error("config.map.attribution", Required));
    } else if text::char_len(&map.attribution) > ATTRIBUTION_MAX_CHARS {
        errors.push(error("config.map.attribution", TooLong));
    } else if map.attribution.contains(['<', '>']) {
        // Plain text only: it is shown escaped, so markup would show as code.
        errors.push(error("config.map.attribution", InvalidChoice));
    }

    // The municipality's names: Swedish always, known languages, a few words each. A name
    // stays when its category is no longer offered (old reports still read), so none is
    // dropped here.
    for (id, texts) in &mut config.category_names.0 {
        let at = format!("config.category_names.{id}");
        if !category::is_valid_id(id) {
            errors.push(error(at.clone(), InvalidChoice));
        }
        for (lang, name) in texts.iter_mut() {
            *name = text::clean(name);
            let path = format!("{at}.{lang}");
            if Locale::from_tag(lang).is_none_or(|l| l.tag() != lang) {
                errors.push(error(path, InvalidChoice));
            } else if text::char_len(name) > category::NAME_MAX_CHARS {
                errors.push(error(path, TooLong));
            }
        }
        texts.retain(|_, name| !name.is_empty());
        if !texts.contains_key("sv") {
            errors.push(error(format!("{at}.sv"), Required));
        }
    }
    if config.category_names.0.len() > category::MAX_NAMED {
        errors.push(error("config.category_names", TooLong));
    }

    if config.categories.is_empty() {
        errors.push(error("config.categories", Required));
    } else if config.categories.len() > category::MAX_OFFERED {
        errors.push(error("config.categories", TooLong));
    }
    for (i, c) in config.categories.iter().enumerate() {
        // Ours, or one the municipality named.
        if !category::is_ours(c) && !config.category_names.0.contains_key(c) {
            errors.push(error(format!("config.categories[{i}]"), UnknownCategory));
        } else if config.categories[..i].contains(c) {
            errors.push(error(format!("config.categories[{i}]"), AlreadyExists));
        }
    }

    if config.languages.is_empty() {
        errors.push(error("config.languages", Required));
    }
    for (i, tag) in config.languages.iter().enumerate() {
        if Locale::from_tag(tag).is_none_or(|l| l.tag() != tag) {
            errors.push(error(format!("config.languages[{i}]"), InvalidChoice));
        } else if config.languages[..i].contains(tag) {
            errors.push(error(format!("config.languages[{i}]"), AlreadyExists));
        }
    }

    // The public form always takes residents' reports; other groups are the municipality's choice.
    if !config.reporter_groups.contains(&ReporterGroup::Resident) {
        errors.push(error("config.reporter_groups", Required));
    }
    for (i, group) in config.reporter_groups.iter().enumerate() {
        if config.reporter_groups[..i].contains(group) {
            errors.push(error(format!("config.reporter_groups[{i}]"), AlreadyExists));
        }
    }

    // Empty texts are no texts; a reason left without any has no words of its own.
    for (reason, texts) in &mut config.not_published_texts {
        for (lang, text) in texts.iter_mut() {
            *text = text::clean(text);
            let path = format!("config.not_published_texts.{}.{lang}", reason.id());
            if Locale::from_tag(lang).is_none_or(|l| l.tag() != lang) {
                errors.push(error(path, InvalidChoice));
            } else if text::char_len(text) > NOT_PUBLISHED_TEXT_MAX_CHARS {
                errors.push(error(path, TooLong));
            }
        }
        texts.retain(|_, text| !text.is_empty());
    }
    config.not_published_texts.retain(|_, texts| !texts.is_empty());

    match config.police.validated() {
        Ok(police) => config.police = police,
        Err((field, code)) => errors.push(error(format!("config.police.{field}"), code)),
    }
    match config.geocoder.validated() {
        Ok(geocoder) => config.geocoder = geocoder,
        Err((field, code)) => errors.push(error(format!("config.geocoder.{field}"), code)),
    }

    let corners: usize =
        config.areas.iter().flat_map(|a| &a.polygons).flat_map(|p| &p.rings).map(Vec::len).sum();
    if config.areas.len() > MAX_AREAS || corners > MAX_AREA_CORNERS {
        errors.push(error("config.areas", TooLong));
    }
    for area in &mut config.areas {
        area.name = text::clean(&area.name);
    }
    for (i, area) in config.areas.iter().enumerate() {
        if !crate::questionnaire::is_valid_id(&area.id) {
            errors.push(error(format!("config.areas[{i}].id"), InvalidChoice));
        } else if config.areas[..i].iter().any(|a| a.id == area.id) {
            errors.push(error(format!("config.areas[{i}].id"), AlreadyExists));
        }
        if area.name.is_empty() {
            errors.push(error(format!("config.areas[{i}].name"), Required));
        } else if text::char_len(&area.name) > AREA_NAME_MAX_CHARS {
            errors.push(error(format!("config.areas[{i}].name"), TooLong));
        }
        let corners_ok = area
            .polygons
            .iter()
            .flat_map(|p| &p.rings)
            .all(|r| r.len() >= 3 && r.iter().all(LatLng::is_on_earth));
        if area.polygons.is_empty() || !corners_ok {
            errors.push(error(format!("config.areas[{i}].polygons"), NotOnEarth));
        }
    }

    config.theme.accent =
        config.theme.accent.map(|a| a.trim().to_ascii_lowercase()).filter(|a| !a.is_empty());
    config.theme.font = config.theme.font.map(|f| f.trim().to_string()).filter(|f| !f.is_empty());
    for (field, code) in crate::theme::check(&config.theme) {
        errors.push(error(format!("config.theme.{field}"), code));
    }

    if !(MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&config.retention_days) {
        errors.push(error("config.retention_days", InvalidChoice));
    }
    let limits = config.limits;
    for (name, value) in [
        ("reports_per_hour", limits.reports_per_hour),
        ("questions_per_hour", limits.questions_per_hour),
        ("votes_per_hour", limits.votes_per_hour),
        ("participants_per_hour", limits.participants_per_hour),
        ("live_connections_per_client", limits.live_connections_per_client),
        ("live_joins_per_hour", limits.live_joins_per_hour),
    ] {
        if !(1..=MAX_LIMIT).contains(&value) {
            errors.push(error(format!("config.limits.{name}"), InvalidChoice));
        }
    }
    config.dialogue_rules = text::clean(&config.dialogue_rules);
    if text::char_len(&config.dialogue_rules) > RULES_MAX_CHARS {
        errors.push(error("config.dialogue_rules", TooLong));
    }
    config.turnstile_site_key =
        config.turnstile_site_key.map(|k| k.trim().to_string()).filter(|k| !k.is_empty());
    if config.turnstile_site_key.as_ref().is_some_and(|k| {
        k.len() > 100 || !k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) {
        errors.push(error("config.turnstile_site_key", InvalidChoice));
    }

    match check_questionnaire(&config.questionnaire, &old.questionnaire, &old.retired_questions) {
        Ok(cleaned) => config.questionnaire = cleaned,
        Err(found) => errors.extend(found.into_iter().map(|e| error(format!("config.{}", e.path), e.code))),
    }
    // What the stored settings retired stays retired, whatever the client sent.
    config.retired_questions = retire(&old.questionnaire, &config.questionnaire, &old.retired_questions);

    let mut origins = Vec::new();
    if new.origins.len() > MAX_ORIGINS {
        errors.push(error("origins", TooLong));
    }
    for (i, origin) in new.origins.iter().enumerate() {
        let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
        if !is_origin(&origin) {
            errors.push(error(format!("origins[{i}]"), InvalidChoice));
        } else if !origins.contains(&origin) {
            origins.push(origin);
        }
    }

    if errors.is_empty() {
        Ok(TenantSettings { config, origins })
    } else {
        Err(errors)
    }
}

/// Areas from a GeoJSON FeatureCollection of Polygons and MultiPolygons, as GIS programs
/// export them. Each feature's `id` and `name` come from its properties (`id`/`name`, else
/// `kod`/`namn`); a feature without an id gets one from its name.
pub fn areas_from_geojson(geojson: &Value) -> Result<Vec<Area>, SettingsError> {
    use FieldErrorCode::*;
    let features = match geojson.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            geojson.get("features").and_then(Value::as_array).cloned().unwrap_or_default()
        }
        Some("Feature") => vec![geojson.clone()],
        _ => return Err(error("areas", InvalidChoice)),
    };
    let mut areas = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        let at = |what: &str| format!("features[{i}]{what}");
        let props = feature.get("properties").cloned().unwrap_or(Value::Null);
        let prop = |keys: &[&str]| {
            keys.iter().find_map(|k| match props.get(k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        let name =
            prop(&["name", "namn", "NAMN", "NAME"]).ok_or_else(|| error(at(".properties.name"), Required))?;
        let id = prop(&["id", "kod", "KOD", "ID"]).unwrap_or_else(|| slug(&name));
        let geometry = feature.get("geometry").ok_or_else(|| error(at(".geometry"), Required))?;
        let coordinates = geometry.get("coordinates").ok_or_else(|| error(at(".geometry"), Required))?;
        let polygons = match geometry.get("type").and_then(Value::as_str) {
            Some("Polygon") => vec![polygon(coordinates).ok_or_else(|| error(at(".geometry"), NotOnEarth))?],
            Some("MultiPolygon") => coordinates
                .as_array()
                .map(|ps| ps.iter().map(polygon).collect::<Option<Vec<_>>>())
                .unwrap_or_default()
                .ok_or_else(|| error(at(".geometry"), NotOnEarth))?,
            _ => return Err(error(at(".geometry.type"), InvalidChoice)),
        };
        areas.push(Area { id: slug(&id), name, polygons });
    }
    if areas.is_empty() {
        return Err(error("features", Required));
    }
    Ok(areas)
}

/// GeoJSON rings are `[longitude, latitude]` pairs.
fn polygon(coordinates: &Value) -> Option<Polygon> {
    let rings = coordinates
        .as_array()?
        .iter()
        .map(|ring| {
            ring.as_array()?
                .iter()
                .map(|p| {
                    let p = p.as_array()?;
                    Some(LatLng::new(p.get(1)?.as_f64()?, p.first()?.as_f64()?))
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<_>>>()?;
    let valid = !rings.is_empty() && rings.iter().all(|r| r.len() >= 3 && r.iter().all(LatLng::is_on_earth));
    valid.then_some(Polygon { rings })
}

/// A lowercase ASCII id from a name ("Södra Vårgårda" → "sodra-vargarda").
fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' => 'e',
            'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() || c == '_' {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    id.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use crate::questionnaire::{AnswerOption, Question, QuestionKind, Texts};

    fn settings() -> TenantSettings {
        TenantSettings { config: TenantConfig::demo(), origins: vec!["https://www.vargarda.se".into()] }
    }

    fn paths(errors: &[SettingsError]) -> Vec<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn the_demo_settings_pass_and_origins_are_normalised() {
        let mut s = settings();
        s.origins = vec![
            "HTTPS://Www.Vargarda.se/".into(),
            "https://www.vargarda.se".into(),
            "http://127.0.0.1:8788".into(),
        ];
        let checked = check_settings(&s, &TenantConfig::demo()).unwrap();
        assert_eq!(checked.origins, vec!["https://www.vargarda.se", "http://127.0.0.1:8788"]);
    }

    #[test]
    fn the_words_on_an_unpublished_report_are_cleaned_bounded_and_in_known_languages() {
        use crate::moderation::RejectionReason::*;
        let mut s = settings();
        s.config.not_published_texts = BTreeMap::from([
            (
                OffTopic,
                Texts::from([("sv".into(), "  Felanmäl via appen.  ".into()), ("en".into(), " ".into())]),
            ),
            (Offensive, Texts::from([("sv".into(), String::new())])),
        ]);
        let checked = check_settings(&s, &TenantConfig::demo()).unwrap();
        assert_eq!(
            checked.config.not_published_texts,
            BTreeMap::from([(OffTopic, Texts::from([("sv".into(), "Felanmäl via appen.".into())]))]),
            "trimmed; empty texts and reasons without any dropped"
        );
        s.config.not_published_texts = BTreeMap::from([(
            PersonalData,
            Texts::from([
                ("de".into(), "Nein".into()),
                ("sv".into(), "x".repeat(NOT_PUBLISHED_TEXT_MAX_CHARS + 1)),
            ]),
        )]);
        let errors = check_settings(&s, &TenantConfig::demo()).unwrap_err();
        assert_eq!(
            paths(&errors),
            ["config.not_published_texts.personal_data.de", "config.not_published_texts.personal_data.sv"]
        );
    }

    #[test]
    fn origins_are_bare_and_secure() {
        for good in ["https://example.se", "https://a-b.example.se:8443", "http://localhost:3000"] {
            assert!(is_origin(good), "{good}");
        }
        for bad in [
            "http://example.se",
            "https://example.se/path",
            "example.se",
            "https://",
            "https://ex ample.se",
            "javascript:alert(1)",
            "https://-x.se",
            "https://x.se:123456",
        ] {
            assert!(!is_origin(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut s = settings();
        s.config.id = "other".into();
        s.config.name = "  ".into();
        s.config.map.zoom = 0;
        s.config.map.tile_url = "http://tiles.example/{z}/{x}/{y}.png".into();
        s.config.map.attribution = "<img src=x onerror=alert(1)> OSM".into();
        s.config.map.center = LatLng::new(59.0, 18.0);
        s.config.categories = vec!["graffiti".into(), "weather".into(), "graffiti".into()];
        s.config.languages = vec!["sv".into(), "de".into()];
        s.config.reporter_groups = vec![ReporterGroup::Staff];
        s.config.retention_days = 1;
        s.config.limits.votes_per_hour = 0;
        s.origins = vec!["ftp://x.se".into()];
        let errors = check_settings(&s, &TenantConfig::demo()).unwrap_err();
        assert_eq!(
            paths(&errors),
            vec![
                "config.id",
                "config.name",
                "config.map.center",
                "config.map.zoom",
                "config.map.tile_url",
                "config.map.attribution",
                "config.categories[1]",
                "config.categories[2]",
                "config.languages[1]",
                "config.reporter_groups",
                "config.retention_days",
                "config.limits.votes_per_hour",
                "origins[0]",
            ]
        );
    }

    #[test]
    fn a_municipality_adds_renames_and_retires_categories() {
        use crate::category::CategoryNames;
        let named = |pairs: &[(&str, &[(&str, &str)])]| {
            CategoryNames(
                pairs
                    .iter()
                    .map(|(id, texts)| {
                        (id.to_string(), texts.iter().map(|(l, t)| (l.to_string(), t.to_string())).collect())
                    })
                    .collect(),
            )
        };
        let mut s = settings();
        // Its own (offered), ours renamed, and an own one no longer offered (still named).
        s.config.categories = vec!["elsparkcyklar".into(), "dark-spot".into()];
        s.config.category_names = named(&[
            ("elsparkcyklar", &[("sv", " Elsparkcyklar "), ("en", "E-scooters")]),
            ("dark-spot", &[("sv", "Mörk plats")]),
            ("folksamlingar", &[("sv", "Folksamlingar")]),
        ]);
        let checked = check_settings(&s, &TenantConfig::demo()).unwrap();
        assert_eq!(checked.config.category_names.0["elsparkcyklar"]["sv"], "Elsparkcyklar", "cleaned");
        assert!(checked.config.category_names.names("folksamlingar"), "a retired name stays");

        s.config.categories = vec!["onamngiven".into()];
        s.config.category_names = named(&[
            ("Stora Bokstäver", &[("sv", "Fel id")]),
            ("utan-svenska", &[("en", "Only English")]),
            ("lang", &[("sv", &"x".repeat(61)), ("de", "Deutsch")]),
        ]);
        let errors = check_settings(&s, &TenantConfig::demo()).unwrap_err();
        assert_eq!(
            paths(&errors),
            vec![
                "config.category_names.Stora Bokstäver",
                "config.category_names.lang.de",
                "config.category_names.lang.sv",
                "config.category_names.utan-svenska.sv",
                "config.categories[0]",
            ]
        );
    }

    #[test]
    fn questionnaire_errors_carry_the_config_path() {
        let mut old = TenantConfig::demo();
        old.questionnaire = vec![Question {
            id: "q1".into(),
            text: Texts::from([("sv".into(), "Hur?".into())]),
            kind: QuestionKind::Scale,
            required: false,
            options: vec![],
        }];
        let mut s = settings();
        s.config.questionnaire = old.questionnaire.clone();
        s.config.questionnaire[0].kind = QuestionKind::SingleChoice;
        s.config.questionnaire[0].options = vec![
            AnswerOption { id: "a".into(), text: Texts::from([("sv".into(), "A".into())]) },
            AnswerOption { id: "b".into(), text: Texts::from([("sv".into(), "B".into())]) },
        ];
        let errors = check_settings(&s, &old).unwrap_err();
        assert_eq!(paths(&errors), vec!["config.questionnaire[0].kind"]);
    }

    #[test]
    fn areas_are_bounded_in_corners_and_names() {
        let mut s = settings();
        let ring: Vec<LatLng> = (0..MAX_AREA_CORNERS / 2 + 1)
            .map(|i| LatLng::new(58.0 + (i as f64) * 1e-6, 12.8 + ((i % 2) as f64) * 1e-3))
            .collect();
        let area = |id: &str, name: &str| Area {
            id: id.into(),
            name: name.into(),
            polygons: vec![Polygon { rings: vec![ring.clone()] }],
        };
        s.config.areas = vec![area("a", "  Norra\u{0}  "), area("b", &"x".repeat(AREA_NAME_MAX_CHARS + 1))];
        let errors = check_settings(&s, &TenantConfig::demo()).unwrap_err();
        assert_eq!(paths(&errors), vec!["config.areas", "config.areas[1].name"]);
        s.config.areas.truncate(1);
        let checked = check_settings(&s, &TenantConfig::demo()).unwrap();
        assert_eq!(checked.config.areas[0].name, "Norra", "names are cleaned");
    }

    #[test]
    fn areas_come_from_geojson() {
        let geojson = serde_json::json!({
            "type": "FeatureCollection",
            "features": [
                { "type": "Feature", "properties": { "namn": "Södra Vårgårda" },
                  "geometry": { "type": "Polygon", "coordinates": [[[12.77, 57.99], [12.85, 57.99], [12.85, 58.02], [12.77, 57.99]]] } },
                { "type": "Feature", "properties": { "id": "N", "name": "Norra" },
                  "geometry": { "type": "MultiPolygon", "coordinates": [[[[12.77, 58.04], [12.85, 58.04], [12.85, 58.07]]]] } }
            ]
        });
        let areas = areas_from_geojson(&geojson).unwrap();
        assert_eq!(areas[0].id, "sodra-vargarda");
        assert_eq!(areas[0].polygons[0].rings[0][0], LatLng::new(57.99, 12.77));
        assert_eq!((areas[1].id.as_str(), areas[1].name.as_str()), ("n", "Norra"));
        assert!(areas[0].contains(LatLng::new(58.0, 12.84)));

        let unnamed = serde_json::json!({ "type": "Feature", "properties": {}, "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } });
        assert_eq!(areas_from_geojson(&unnamed).unwrap_err().path, "features[0].properties.name");
        let point = serde_json::json!({ "type": "Feature", "properties": { "name": "X" }, "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } });
        assert_eq!(areas_from_geojson(&point).unwrap_err().path, "features[0].geometry.type");
        assert!(areas_from_geojson(&serde_json::json!([1, 2])).is_err());
    }
}
