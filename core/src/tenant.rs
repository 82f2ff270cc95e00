//! A tenant is one municipality (or a group of them): its map, categories and embedding origins.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::category::{self, CategoryNames};
use crate::geo::{Area, BBox, LatLng, Polygon};
use crate::moderation::RejectionReason;
use crate::questionnaire::{Question, RetiredQuestion, Texts};
use crate::reporter::ReporterGroup;
use crate::theme::Theme;

/// Tenant ids appear in URLs and element attributes: short, lowercase, ASCII.
pub fn is_valid_tenant_id(id: &str) -> bool {
    (1..=40).contains(&id.len())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MapConfig {
    pub center: LatLng,
    pub zoom: u8,
    /// Reports must lie inside; the map does not pan outside.
    pub bounds: BBox,
    /// An XYZ tile URL template (`{z}/{x}/{y}`), the only third-party address residents' browsers reach.
    pub tile_url: String,
    pub attribution: String,
}

impl MapConfig {
    /// The attribution for Leaflet, which writes it as HTML: escaped, so an admin's text can
    /// never become markup or script on the municipality's pages.
    pub fn attribution_html(&self) -> String {
        crate::text::escape_html(&self.attribution)
    }

    pub fn openstreetmap(center: LatLng, zoom: u8, bounds: BBox) -> Self {
        Self {
            center,
            zoom,
            bounds,
            tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap contributors".into(),
        }
    }
}

/// What the widget needs to know about its tenant (public: no secrets here).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TenantConfig {
    pub id: String,
    pub name: String,
    pub map: MapConfig,
    /// Category ids offered, in display order: ours, and the municipality's own.
    pub categories: Vec<String>,
    /// The municipality's names of its own categories and of ours it renamed. A category no
    /// longer offered keeps its name here, so old reports and statistics still read.
    #[serde(default, skip_serializing_if = "CategoryNames::is_empty")]
    pub category_names: CategoryNames,
    /// Districts for statistics, in priority order (a point on a shared border counts for the first).
    #[serde(default)]
    pub areas: Vec<Area>,
    /// Days a report keeps its personal parts (contact e-mail, follow-up code, free text); after
    /// that a daily job removes them and keeps only what statistics need (place, category, times,
    /// status, dates).
    #[serde(default = "default_retention_days")]
    pub retention_days: u32,
    /// How much one client (one address, hashed) may send.
    #[serde(default)]
    pub limits: Limits,
    /// Languages the widget offers (tags such as `sv`, `ar`), in the switcher's order.
    #[serde(default = "all_languages")]
    pub languages: Vec<String>,
    /// The rules of the municipality's dialogues, shown to participants before they ask. When
    /// empty, the widget shows the standard rules from the locale files.
    #[serde(default)]
    pub dialogue_rules: String,
    /// Cloudflare Turnstile's site key, when the municipality wants residents to pass its
    /// human check before a report or question is accepted (its secret is an edge secret).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turnstile_site_key: Option<String>,
    /// The municipality's own questions after the pin, in display order.
    #[serde(default)]
    pub questionnaire: Vec<Question>,
    /// Questions removed from the questionnaire, kept by id and kind: reports still hold their
    /// answers, so an id may come back only as the same kind of question. Kept by the edge
    /// (see `settings::check_settings`), whatever a client sends.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired_questions: Vec<RetiredQuestion>,
    /// Whom the form lets say who is reporting. With residents only, it does not ask.
    #[serde(default = "residents_only")]
    pub reporter_groups: Vec<ReporterGroup>,
    /// Accent colour, font and corner radius (the host page's own CSS properties still win).
    #[serde(default)]
    pub theme: Theme,
    /// Moderation policy: whether residents may see the places others reported once a
    /// moderator approved them (coarsened). Some municipalities keep the map to themselves, so
    /// that no street is marked "unsafe" in public.
    #[serde(default = "yes")]
    pub public_map: bool,
    /// The municipality's own words to a resident whose report is kept off the public map, by
    /// reason (why, and what to do instead: "Ring 112 vid pågående brott"), in the languages
    /// it offers. Shown in the follow-up beside the standard sentence.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub not_published_texts: BTreeMap<RejectionReason, Texts>,
    /// The police's recent events beside the reports: which location names, how long kept,
    /// and where the feed is (see `police_event`).
    #[serde(default)]
    pub police: crate::police_event::PoliceFeedSettings,
    /// The Nominatim-compatible service that names the places of reports (see `place_name`);
    /// asked by the edge only, so it is not sent to the widget.
    #[serde(default, skip_serializing_if = "is_unconfigured")]
    pub geocoder: crate::place_name::GeocoderSettings,
}

fn is_unconfigured(geocoder: &crate::place_name::GeocoderSettings) -> bool {
    !geocoder.is_configured()
}

fn yes() -> bool {
    true
}

fn residents_only() -> Vec<ReporterGroup> {
    vec![ReporterGroup::Resident]
}

/// Abuse limits per client. A municipal office or school shares one address among many
/// people, so the defaults leave room for a busy day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Limits {
    pub reports_per_hour: u32,
    #[serde(default = "default_questions_per_hour")]
    pub questions_per_hour: u32,
    #[serde(default = "default_votes_per_hour")]
    pub votes_per_hour: u32,
    /// Participant codes one client may be given an hour: each votes once per question, so
    /// this, not `votes_per_hour`, bounds how many votes one address can give one question.
    #[serde(default = "default_participants_per_hour")]
    pub participants_per_hour: u32,
    /// Live lines one client (address) may hold open in one dialogue.
    #[serde(default = "default_live_connections_per_client")]
    pub live_connections_per_client: u32,
    /// Live lines one client may open an hour (reconnections count).
    #[serde(default = "default_live_joins_per_hour")]
    pub live_joins_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            reports_per_hour: 30,
            questions_per_hour: default_questions_per_hour(),
            votes_per_hour: default_votes_per_hour(),
            participants_per_hour: default_participants_per_hour(),
            live_connections_per_client: default_live_connections_per_client(),
            live_joins_per_hour: default_live_joins_per_hour(),
        }
    }
}

fn default_questions_per_hour() -> u32 {
    20
}

/// A long meeting has many questions; each can be voted for once per participant.
fn default_votes_per_hour() -> u32 {
    300
}

/// The hall below taking part from its phones, each once; a municipality whose meetings are
/// bigger raises it for the evening.
fn default_participants_per_hour() -> u32 {
    50
}

/// A hall full of people on one guest Wi-Fi is one client.
fn default_live_connections_per_client() -> u32 {
    50
}

/// Room for that hall to reconnect after a few drops, few enough that a client cannot keep
/// opening lines to flood a room with their first frames.
fn default_live_joins_per_hour() -> u32 {
    300
}

/// A year: long enough to handle a case and follow it up, short enough to minimise what is kept.
pub const DEFAULT_RETENTION_DAYS: u32 = 365;

fn default_retention_days() -> u32 {
    DEFAULT_RETENTION_DAYS
}

fn all_languages() -> Vec<String> {
    crate::i18n::Locale::ALL.iter().map(|l| l.tag().to_string()).collect()
}

impl TenantConfig {
    /// What every page view receives (`GET …/config`): the areas by id and name only. Their
    /// polygons (up to hundreds of kilobytes) stay on the edge, where reports are placed in them.
    pub fn for_widget(&self) -> TenantConfig {
        let mut public = self.clone();
        public.areas.iter_mut().for_each(|a| a.polygons.clear());
        public.geocoder = Default::default();
        public
    }

    pub fn offers_category(&self, id: &str) -> bool {
        self.categories.iter().any(|c| c == id)
    }

    /// Every category a report of this municipality may have: those offered (in their order),
    /// then those it named but no longer offers, then ours it does not offer. For filters of
    /// old reports, which keep their category.
    pub fn all_categories(&self) -> Vec<String> {
        let mut all = self.categories.clone();
        let retired = self.category_names.0.keys().cloned().chain(category::default_ids());
        for id in retired {
            if !all.contains(&id) {
                all.push(id);
            }
        }
        all
    }

    /// What category `id` is called (see [`CategoryNames::name`]).
    pub fn category_name(&self, id: &str, i18n: &crate::i18n::I18n) -> String {
        self.category_names.name(id, i18n)
    }

    /// The demo municipality used by the local setup and the tests (Vårgårda's centre).
    pub fn demo() -> Self {
        Self {
            id: "demo".into(),
            name: "Demo kommun".into(),
            map: MapConfig::openstreetmap(
                LatLng::new(58.0337, 12.8083),
                14,
                BBox::new(57.90, 12.55, 58.15, 13.05),
            ),
            categories: category::default_ids(),
            category_names: CategoryNames::default(),
            languages: all_languages(),
            dialogue_rules: String::new(),
            turnstile_site_key: None,
            questionnaire: demo_questionnaire(),
            retired_questions: Vec::new(),
            reporter_groups: ReporterGroup::ALL.to_vec(),
            theme: Theme::default(),
            public_map: true,
            not_published_texts: BTreeMap::from([(
                RejectionReason::PersonalData,
                Texts::from([(
                    "sv".to_string(),
                    "Vi visar inte rapporter som nämner enskilda personer. Gäller det ett pågående brott, ring 112.".to_string(),
                )]),
            )]),
            police: Default::default(),
            geocoder: Default::default(),
            retention_days: DEFAULT_RETENTION_DAYS,
            // The demo is shown to many people at once (and tested from one address).
            limits: Limits {
                reports_per_hour: 10_000,
                questions_per_hour: 10_000,
                votes_per_hour: 10_000,
                participants_per_hour: 10_000,
                live_connections_per_client: 10_000,
                live_joins_per_hour: 10_000,
            },
            areas: vec![
                rectangle("centrum", "Centrum", BBox::new(58.028, 12.795, 58.040, 12.822)),
                rectangle("norra", "Norra", BBox::new(58.040, 12.770, 58.070, 12.850)),
                rectangle("sodra", "Södra", BBox::new(57.990, 12.770, 58.028, 12.850)),
            ],
        }
    }
}

/// What a safety coordinator typically asks after the pin (optional, so a quick report stays quick).
fn demo_questionnaire() -> Vec<Question> {
    use crate::questionnaire::{sv_en as texts, AnswerOption, QuestionKind};
    let option = |id: &str, sv: &str, en: &str| AnswerOption { id: id.into(), text: texts(sv, en) };
    vec![
        Question {
            id: "what-would-help".into(),
            text: texts("Vad skulle göra platsen tryggare?", "What would make the place feel safer?"),
            kind: QuestionKind::MultipleChoice,
            required: false,
            options: vec![
                option("lighting", "Bättre belysning", "Better lighting"),
                option("people", "Fler människor i rörelse", "More people around"),
                option("cleaning", "Städning och klotterborttagning", "Cleaning and graffiti removal"),
                option("vegetation", "Buskar och träd som beskärs", "Bushes and trees cut back"),
                option("patrols", "Ordningsvakter eller polis", "Security guards or police"),
            ],
        },
        Question {
            id: "how-unsafe".into(),
            text: texts(
                "Hur otrygg känner du dig på platsen? (1 = lite, 5 = mycket)",
                "How unsafe do you feel at the place? (1 = a little, 5 = very)",
            ),
            kind: QuestionKind::Scale,
            required: false,
            options: vec![],
        },
    ]
}

fn rectangle(id: &str, name: &str, b: BBox) -> Area {
    let ring = vec![
        LatLng::new(b.south, b.west),
        LatLng::new(b.south, b.east),
        LatLng::new(b.north, b.east),
        LatLng::new(b.north, b.west),
    ];
    Area { id: id.into(), name: name.into(), polygons: vec![Polygon { rings: vec![ring] }] }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_ids() {
        assert!(is_valid_tenant_id("demo"));
        assert!(is_valid_tenant_id("vargarda-herrljunga"));
        assert!(!is_valid_tenant_id(""));
        assert!(!is_valid_tenant_id("Demo"));
        assert!(!is_valid_tenant_id("-x"));
        assert!(!is_valid_tenant_id("a/b"));
        assert!(!is_valid_tenant_id(&"a".repeat(41)));
    }

    #[test]
    fn demo_is_consistent() {
        let demo = TenantConfig::demo();
        assert!(demo.map.bounds.is_valid());
        assert!(demo.map.bounds.contains(demo.map.center));
        assert!(demo.offers_category("graffiti"));
        assert!(!demo.offers_category("weather"));
        let centre = crate::geo::area_of(&demo.areas, demo.map.center).map(|a| a.id.as_str());
        assert_eq!(centre, Some("centrum"));
    }

    #[test]
    fn the_widget_gets_areas_by_name_only_and_everything_else() {
        let demo = TenantConfig::demo();
        let public = demo.for_widget();
        assert_eq!(public.areas.len(), demo.areas.len());
        assert!(public.areas.iter().all(|a| a.polygons.is_empty()));
        assert_eq!(public.areas[0].name, demo.areas[0].name);
        assert_eq!(TenantConfig { areas: demo.areas.clone(), ..public }, demo);
        assert!(demo.areas.iter().all(|a| !a.polygons.is_empty()), "the original keeps them");
    }
}
