//! Tryggve's domain: what a report is, what makes it valid, where it lies on the map,
//! and the words the user interface speaks. No I/O here: the widget (in the browser) and
//! the edge (in a Cloudflare Worker) both call these same functions, so a rule the form
//! shows is the very rule the server enforces.
//!
//! Features keep what only some of them need out of the others' builds (the widget is a
//! download): `nfc` (Unicode normalisation tables; the widget has the browser normalise
//! instead), `console` (the console's words), `passwords` (Argon2), `openapi` (JSON Schemas and the operations' summaries), `spreadsheet` (the CSV and .xlsx
//! writers of the exports for people).

pub mod api;
pub mod bulk_review;
pub mod calendar;
pub mod category;
#[cfg(feature = "charts")]
pub mod charts;
pub mod client;
pub mod console;
pub mod dialogue;
pub mod export;
pub mod field_error;
pub mod follow_up;
pub mod geo;
pub mod i18n;
pub mod integration;
pub mod live;
pub mod local_time;
pub mod map_layer;
pub mod measure;
pub mod measure_effect;
pub mod moderation;
pub mod note;
pub mod open311;
#[cfg(feature = "openapi")]
pub mod openapi;
#[cfg(feature = "passwords")]
pub mod participant_code;
#[cfg(feature = "passwords")]
pub mod password;
pub mod place_name;
pub mod police_event;
pub mod public;
pub mod public_map;
pub mod questionnaire;
pub mod report;
#[cfg(feature = "spreadsheet")]
pub mod report_file;
pub mod report_list;
pub mod reporter;
pub mod review;
pub mod review_map;
pub mod secret;
pub mod settings;
pub mod settings_section;
pub mod shared_report;
pub mod spreadsheet;
pub mod stats;
pub mod survey;
pub mod tenant;
pub mod text;
pub mod theme;
pub mod time_to_fix;
pub mod unit;
pub mod unit_queue;
pub mod validation;
pub mod walk;
pub mod walk_dark_spots;
#[cfg(feature = "passwords")]
pub mod walk_pass;
pub mod walk_point;
pub mod walk_protocol;
pub mod walk_review;
pub mod webhook;

pub use category::Category;
pub use field_error::{FieldError, FieldErrorCode};
pub use follow_up::ReportView;
pub use geo::{Area, BBox, LatLng};
pub use report::{NewReport, ReportDraft, ReportReceipt, ReportStatus, TimeOfDay};
pub use tenant::{MapConfig, TenantConfig};
pub use validation::validate_report;
