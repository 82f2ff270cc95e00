//! The lägesbild: statistics under the current filters, hot spots, per-area compilations and
//! exports for GIS.

mod answer_tables;
mod count_table;
mod dashboard_page;
mod hotspot_map;

pub use dashboard_page::DashboardPage;
