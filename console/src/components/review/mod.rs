//! The review map (granskningskarta): filters, a map and a list of reports, and the detail
//! where moderators act on one report.

mod bulk_actions;
mod report_detail;
mod report_list;
mod report_measures;
mod report_notes;
mod review_map;
mod review_page;

pub use report_detail::{ActionOutcome, ReportDetail};
pub use review_page::ReviewPage;
