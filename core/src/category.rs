//! What kind of problem a report is about. Tenants choose which categories they offer;
//! the label of each comes from the locale files under the key `category-<id>`.

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
