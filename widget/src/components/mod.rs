pub mod dialogue;
mod honeypot;
mod language_switcher;
pub mod report;

pub use honeypot::Honeypot;
pub use language_switcher::LanguageSwitcher;
