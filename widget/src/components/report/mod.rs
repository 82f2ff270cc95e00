//! Reporting an unsafe place: the map with its pin, the questions, and the receipt.

mod follow_up;
mod follow_up_module;
mod layer_legend;
mod pin_map;
mod place_search;
mod public_reports;
mod questionnaire_fields;
mod receipt;
mod report_form;
mod report_widget;
mod reporter_fields;

pub use follow_up::{FollowUp, FollowUpOpening};
pub use report_widget::ReportWidget;
