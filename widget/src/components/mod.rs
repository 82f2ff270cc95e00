mod configured_frame;
mod connection_status;
pub mod dialogue;
mod honeypot;
mod human_check;
mod language_switcher;
pub mod report;
pub mod survey;
pub mod walk;

pub use configured_frame::ConfiguredFrame;
pub use connection_status::ConnectionStatus;
pub use honeypot::Honeypot;
pub use human_check::HumanCheck;
pub use language_switcher::LanguageSwitcher;
