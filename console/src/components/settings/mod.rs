//! The municipality's settings (admins): embedding, map, categories, questionnaire, areas.

mod areas_editor;
mod areas_map;
mod categories_editor;
mod integrations_editor;
mod not_published_editor;
mod questionnaire_editor;
mod reporter_groups_editor;
mod settings_page;
mod webhook_deliveries;
mod webhooks_editor;

pub use settings_page::SettingsPage;
