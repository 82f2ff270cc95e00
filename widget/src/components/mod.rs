pub mod dialogue;
mod language_switcher;
pub mod report;

pub use language_switcher::LanguageSwitcher;
