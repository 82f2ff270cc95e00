//! The widget's words in languages other than Swedish are not compiled in (see
//! `tryggve_core::i18n`): each comes from a file of its own among the widget's files, fetched
//! when the page or the resident asks for that language. The loader (`tryggve.js`) asks for the
//! page language's file early, so that the widget usually finds it in the browser's cache.

use tryggve_core::i18n::Locale;

use crate::http::{self, Request};

/// Where the locale files are (`…/widget/locales/`). Given as context to the language switcher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleFiles {
    base: String,
}

impl LocaleFiles {
    /// `assets` is the URL of the widget's files, ending in `/`.
    pub fn new(assets: &str) -> Self {
        Self { base: format!("{assets}locales/") }
    }

    /// Makes `locale`'s words available. False if they could not be fetched (offline, say):
    /// the widget then stays in the language it speaks.
    pub async fn fetch(&self, locale: Locale) -> bool {
        if locale.is_loaded() {
            return true;
        }
        let url = format!("{}{}.ftl", self.base, locale.tag());
        let Ok(response) = Request::get(&url).send().await else {
            return false;
        };
        if !response.ok() {
            return false;
        }
        match http::text(&response).await {
            Some(words) => {
                locale.load(words);
                true
            }
            None => false,
        }
    }

    /// `wanted` if its words are at hand or could be fetched, else Swedish.
    pub async fn first_locale(&self, wanted: Locale) -> Locale {
        if self.fetch(wanted).await {
            wanted
        } else {
            Locale::Sv
        }
    }
}
