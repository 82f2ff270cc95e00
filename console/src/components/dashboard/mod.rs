//! The lägesbild: statistics under the current filters, hot spots, per-area compilations and
//! exports for GIS; and the approved reports as partners (observers) see them.

mod answer_tables;
mod count_chart;
mod count_table;
mod dashboard_page;
mod follow_up;
mod hotspot_map;
mod police_counts;
mod shared_reports_page;
mod survey_results;

pub use count_chart::CountChart;
pub use count_table::CountTable;
pub use dashboard_page::DashboardPage;
pub use follow_up::{unit_label, EffectTable, HandlingTable};
pub use shared_reports_page::SharedReportsPage;
