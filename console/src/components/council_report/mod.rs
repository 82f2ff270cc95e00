//! The council report: the lägesbild and its follow-up as a document to print for the safety
//! council and the politicians.

mod council_report_page;

pub use council_report_page::CouncilReportPage;
