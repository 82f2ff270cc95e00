//! The safety survey's page: its rounds, planning the next one, each area's figures round by
//! round, and how areas felt before and after the municipality's measures and safety walks.

mod before_after;
mod round_planner;
mod survey_page;
mod survey_trends;

pub use survey_page::SurveyPage;
