//! The municipality's measures (åtgärder): what it does about what residents report.

mod measure_form;
mod measures_page;

pub use measures_page::MeasuresPage;
