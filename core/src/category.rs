//! What kind of problem a report is about. Each municipality offers its choice of ours, in its
//! order, renames ours and adds its own; a category it stops offering stays readable in old
//! reports and statistics. Our categories' names come from the locale files (`category-<id>`);
//! the municipality's from its configuration ([`CategoryNames`]).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::I18n;
use crate::questionnaire::Texts;

/// The default list, in the order the form shows it.
pub const DEFAULT_CATEGORIES: [Category; 8] = [
    Category::new("dark-spot"),
    Category::new("graffiti"),
    Category::new("vandalism"),
    Category::new("littering"),
    Category::new("unsafe-environment"),
    Category::new("threats-harassment"),
    Category::new("drugs"),
    Category::new("other"),
];

/// The category whose reports must say in words what the problem is.
pub const OTHER: &str = "other";

/// At most this many categories on the form (a longer list is not read by a resident).
pub const MAX_OFFERED: usize = 30;
/// At most this many names of a municipality's own (offered and retired together).
pub const MAX_NAMED: usize = 100;
/// A category's name: a few words.
pub const NAME_MAX_CHARS: usize = 60;
/// An id: what reports store.
pub const ID_MAX_CHARS: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
}

impl Category {
    pub const fn new(id: &'static str) -> Self {
        Self { id }
    }
}

/// The locale key of a category's label, e.g. `category-graffiti`.
pub fn label_key(id: &str) -> String {
    format!("category-{id}")
}

pub fn default_ids() -> Vec<String> {
    DEFAULT_CATEGORIES.iter().map(|c| c.id.to_string()).collect()
}

/// Whether `id` is one of our categories (named in the locale files).
pub fn is_ours(id: &str) -> bool {
    DEFAULT_CATEGORIES.iter().any(|c| c.id == id)
}

/// `a-z`, digits and `-`, as ids in URLs and exports are.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX_CHARS
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The municipality's names of categories by id and language (Swedish always): of those it
/// added, and of ours it renamed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct CategoryNames(pub BTreeMap<String, Texts>);

impl CategoryNames {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What category `id` is called in `i18n`'s language: the municipality's name in that
    /// language; else our name of one of ours; else the municipality's Swedish name; else the id
    /// (never empty, so an unknown category in an old report still shows as something).
    pub fn name(&self, id: &str, i18n: &I18n) -> String {
        let own = self.0.get(id);
        let in_language = |lang: &str| own.and_then(|t| t.get(lang)).filter(|t| !t.trim().is_empty());
        if let Some(name) = in_language(i18n.locale.tag()) {
            return name.clone();
        }
        if is_ours(id) {
            return i18n.t(&label_key(id));
        }
        in_language("sv").cloned().unwrap_or_else(|| id.to_string())
    }

    /// Whether the municipality named `id` (in Swedish).
    pub fn names(&self, id: &str) -> bool {
        self.0.get(id).and_then(|t| t.get("sv")).is_some_and(|t| !t.trim().is_empty())
    }

    /// An id for a new category called `name`: its letters in ASCII (å, ä → a, ö → o) joined
    /// by `-`, unlike every id in `taken` and every one of ours.
    pub fn new_id(name: &str, taken: &[String]) -> String {
        let mut slug = String::new();
        for c in name.to_lowercase().chars() {
            let c = match c {
                'å' | 'ä' | 'á' | 'à' => 'a',
                'ö' | 'ó' | 'ø' => 'o',
                'é' | 'è' | 'ë' => 'e',
                'ü' | 'ú' => 'u',
                c => c,
            };
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
        }
        let slug: String = slug.trim_end_matches('-').chars().take(ID_MAX_CHARS - 4).collect();
        let base = if slug.is_empty() { "kategori".to_string() } else { slug };
        let free = |id: &String| !taken.contains(id) && !is_ours(id);
        let mut id = base.clone();
        let mut n = 2;
        while !free(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn names() -> CategoryNames {
        CategoryNames(BTreeMap::from([
            ("dark-spot".to_string(), Texts::from([("sv".to_string(), "Mörk plats".to_string())])),
            (
                "e-scooters".to_string(),
                Texts::from([
                    ("sv".to_string(), "Elsparkcyklar".to_string()),
                    ("en".to_string(), "E-scooters".to_string()),
                ]),
            ),
            ("loitering".to_string(), Texts::from([("sv".to_string(), "Folksamlingar".to_string())])),
        ]))
    }

    #[test]
    fn a_category_is_called_what_the_municipality_named_it_in_the_readers_language() {
        let sv = I18n::new(Locale::Sv);
        assert_eq!(names().name("dark-spot", &sv), "Mörk plats", "ours renamed");
        assert_eq!(names().name("graffiti", &sv), "Klotter", "ours as we name it");
        assert_eq!(names().name("e-scooters", &sv), "Elsparkcyklar");
        assert_eq!(names().name("retired-long-ago", &sv), "retired-long-ago", "never empty");
    }

    #[test]
    fn in_another_language_our_name_wins_over_a_swedish_rename_and_swedish_over_nothing() {
        let en = I18n::new(Locale::En);
        Locale::En.load(include_str!("../locales/en.ftl").to_string());
        assert_eq!(names().name("e-scooters", &en), "E-scooters");
        assert_eq!(names().name("dark-spot", &en), en.t("category-dark-spot"));
        assert_eq!(names().name("loitering", &en), "Folksamlingar");
    }

    #[test]
    fn a_new_id_is_readable_ascii_and_unique() {
        let taken = vec!["elsparkcyklar".to_string()];
        assert_eq!(
            CategoryNames::new_id("Nedskräpning vid återvinning", &[]),
            "nedskrapning-vid-atervinning"
        );
        assert_eq!(CategoryNames::new_id("Elsparkcyklar", &taken), "elsparkcyklar-2");
        assert_eq!(CategoryNames::new_id("Klotter!", &[]), "klotter");
        assert_eq!(CategoryNames::new_id("Graffiti", &[]), "graffiti-2", "not one of ours");
        assert_eq!(CategoryNames::new_id("؟؟", &[]), "kategori");
        assert!(is_valid_id(&CategoryNames::new_id(&"Lång ".repeat(30), &[])));
    }
}
