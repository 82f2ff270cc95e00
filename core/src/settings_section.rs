//! The settings in parts an admin edits and saves one at a time (the console shows one part at
//! a time, each with its own save). A save sends the stored settings with only that part
//! changed, so what is being edited elsewhere is neither saved by accident nor lost.

use crate::questionnaire::text_in;
use crate::settings::TenantSettings;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsSection {
    /// Name, languages, the dialogues' rules, the pages that may embed the widget.
    General,
    /// Centre, zoom, bounds, tiles and their attribution; the police's events beside them.
    Map,
    /// Which categories, in which order, and their names.
    Categories,
    /// The municipality's own questions after the pin.
    Questions,
    /// Districts for statistics.
    Areas,
    /// The public map, the words on unpublished reports, who may say who reports.
    Moderation,
    /// How much one client may send, and how long personal data is kept.
    Limits,
    /// Accent colour, font, corners.
    Theme,
}

impl SettingsSection {
    pub const ALL: [SettingsSection; 8] = [
        Self::General,
        Self::Map,
        Self::Categories,
        Self::Questions,
        Self::Areas,
        Self::Moderation,
        Self::Limits,
        Self::Theme,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::Map => "map",
            Self::Categories => "categories",
            Self::Questions => "questions",
            Self::Areas => "areas",
            Self::Moderation => "moderation",
            Self::Limits => "limits",
            Self::Theme => "theme",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The locale key of the part's title.
    pub fn title_key(self) -> String {
        format!("console-settings-section-{}", self.id())
    }

    /// Puts this part of `from` into `into`, leaving the rest of `into` as it is.
    pub fn copy(self, from: &TenantSettings, into: &mut TenantSettings) {
        let (f, i) = (&from.config, &mut into.config);
        match self {
            Self::General => {
                i.name = f.name.clone();
                i.languages = f.languages.clone();
                i.dialogue_rules = f.dialogue_rules.clone();
                into.origins = from.origins.clone();
            }
            Self::Map => {
                i.map = f.map.clone();
                i.police = f.police.clone();
                i.geocoder = f.geocoder.clone();
            }
            Self::Categories => {
                i.categories = f.categories.clone();
                i.category_names = f.category_names.clone();
            }
            Self::Questions => i.questionnaire = f.questionnaire.clone(),
            Self::Areas => i.areas = f.areas.clone(),
            Self::Moderation => {
                i.public_map = f.public_map;
                i.not_published_texts = f.not_published_texts.clone();
                i.reporter_groups = f.reporter_groups.clone();
            }
            Self::Limits => {
                i.limits = f.limits;
                i.retention_days = f.retention_days;
            }
            Self::Theme => i.theme = f.theme.clone(),
        }
    }

    /// What to send to save this part of `edited`: the `stored` settings with this part changed.
    pub fn to_save(self, edited: &TenantSettings, stored: &TenantSettings) -> TenantSettings {
        let mut wanted = stored.clone();
        self.copy(edited, &mut wanted);
        wanted
    }

    /// Whether this part of `edited` differs from `stored` (not saved yet).
    pub fn is_changed(self, edited: &TenantSettings, stored: &TenantSettings) -> bool {
        self.to_save(edited, stored) != *stored
    }
}

/// The Swedish wording of the municipality's questions (and of their options' question) that
/// have no text in `lang`: residents reading `lang` see them in Swedish.
pub fn untranslated_questions(settings: &TenantSettings, lang: &str) -> Vec<String> {
    let missing = |texts: &crate::questionnaire::Texts| texts.get(lang).is_none_or(|t| t.trim().is_empty());
    settings
        .config
        .questionnaire
        .iter()
        .filter(|q| missing(&q.text) || q.options.iter().any(|o| missing(&o.text)))
        .map(|q| text_in(&q.text, "sv").to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::LatLng;
    use crate::moderation::RejectionReason;
    use crate::questionnaire::Texts;
    use crate::reporter::ReporterGroup;
    use crate::tenant::TenantConfig;

    fn stored() -> TenantSettings {
        TenantSettings { config: TenantConfig::demo(), origins: vec!["https://www.example.se".into()] }
    }

    /// Every field an admin edits, changed.
    fn edited() -> TenantSettings {
        let mut s = stored();
        let c = &mut s.config;
        c.name = "Ny kommun".into();
        c.languages = vec!["sv".into()];
        c.dialogue_rules = "Var snäll.".into();
        s.origins = vec!["https://ny.example.se".into()];
        c.map.center = LatLng::new(58.0, 12.9);
        c.police.locations = vec!["Vårgårda".into()];
        c.geocoder.url = "https://geo.example".into();
        c.categories = vec!["graffiti".into()];
        c.category_names
            .0
            .insert("graffiti".into(), Texts::from([("sv".into(), "Klotter och taggar".into())]));
        c.questionnaire.clear();
        c.areas.clear();
        c.public_map = false;
        c.not_published_texts
            .insert(RejectionReason::OffTopic, Texts::from([("sv".into(), "Inte här.".into())]));
        c.reporter_groups = vec![ReporterGroup::Resident];
        c.limits.reports_per_hour = 7;
        c.retention_days = 90;
        c.theme.accent = Some("#005500".into());
        s
    }

    #[test]
    fn the_parts_together_are_the_whole_settings() {
        let (edited, stored) = (edited(), stored());
        let mut all = stored.clone();
        for section in SettingsSection::ALL {
            assert!(section.is_changed(&edited, &stored), "{section:?} was edited");
            section.copy(&edited, &mut all);
        }
        assert_eq!(all, edited, "no field is left out of every part");
    }

    #[test]
    fn saving_one_part_sends_only_that_part() {
        let (edited, stored) = (edited(), stored());
        let wanted = SettingsSection::Limits.to_save(&edited, &stored);
        assert_eq!(wanted.config.limits.reports_per_hour, 7);
        assert_eq!(wanted.config.retention_days, 90);
        assert_eq!(wanted.config.name, stored.config.name, "the name edited elsewhere is not sent");
        assert_eq!(wanted.origins, stored.origins);
        assert!(!SettingsSection::Limits.is_changed(&wanted, &wanted));
    }

    #[test]
    fn ids_read_back() {
        for section in SettingsSection::ALL {
            assert_eq!(SettingsSection::from_id(section.id()), Some(section));
        }
    }

    #[test]
    fn questions_without_words_in_a_language_are_named() {
        let s = stored();
        // The demo's questions have Swedish and English, not Finnish.
        assert!(untranslated_questions(&s, "en").is_empty());
        let finnish = untranslated_questions(&s, "fi");
        assert_eq!(finnish.len(), s.config.questionnaire.len());
        assert_eq!(finnish[0], text_in(&s.config.questionnaire[0].text, "sv"));
    }
}
