//! The widget's words, from the locale files in `core/locales/`.

use tryggve_core::i18n::{translate, translate_with, Locale};

/// Passed to every component by context: which language the widget speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    pub fn t(&self, key: &str) -> String {
        translate(self.locale, key)
    }

    pub fn t_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        translate_with(self.locale, key, args)
    }
}
