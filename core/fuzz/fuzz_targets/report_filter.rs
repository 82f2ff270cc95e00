//! Any query string as the review's filter: parsing never panics, and a parsed date is a date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryggve_core::review::ReportFilter;

fuzz_target!(|data: &str| {
    let pairs: Vec<(&str, &str)> = data.split('&').map(|pair| pair.split_once('=').unwrap_or((pair, ""))).collect();
    if let Ok(filter) = ReportFilter::from_query(pairs.into_iter()) {
        for date in [filter.from, filter.to].into_iter().flatten() {
            assert_eq!(date.len(), 10, "dates are YYYY-MM-DD");
        }
    }
});
