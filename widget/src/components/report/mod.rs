//! Reporting an unsafe place: the map with its pin, the questions, and the receipt.
//!
//! Only the follow-up view is shared with another module (the follow-up's own); the rest is
//! compiled into the report form's module alone. Not only for the build's time: a lazy part of
//! the form (`public_reports`) is an exported function, which every module compiling it would
//! keep.

mod follow_up;
#[cfg(feature = "report")]
mod follow_up_module;
#[cfg(feature = "report")]
mod layer_legend;
#[cfg(feature = "report")]
mod pin_map;
#[cfg(feature = "report")]
mod place_search;
#[cfg(feature = "report")]
mod public_reports;
#[cfg(feature = "report")]
mod questionnaire_fields;
#[cfg(feature = "report")]
mod receipt;
#[cfg(feature = "report")]
mod report_form;
#[cfg(feature = "report")]
mod report_widget;
#[cfg(feature = "report")]
mod reporter_fields;

pub use follow_up::{FollowUp, FollowUpOpening};
#[cfg(feature = "report")]
pub use report_widget::ReportWidget;
