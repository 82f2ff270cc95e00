//! The perceived-safety survey (trygghetsmätning): the round open now, answered once per device,
//! and every round's results per area, as a table, a chart and a trend.

mod choice_group;
mod device_key;
mod results_chart;
mod survey_form;
mod survey_results;
mod survey_widget;
mod table_region;
mod trend_table;

pub use survey_widget::SurveyWidget;
