//! Any bytes as a report body: parsing and validation never panic, and what validation accepts
//! meets the rules it promises (bounded, cleaned text; a place inside the map).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryggve_core::validation::DESCRIPTION_MAX_CHARS;
use tryggve_core::{text, validate_report, ReportDraft, TenantConfig};

fuzz_target!(|data: &[u8]| {
    let Ok(draft) = serde_json::from_slice::<ReportDraft>(data) else { return };
    let tenant = TenantConfig::demo();
    if let Ok(report) = validate_report(&draft, &tenant) {
        assert!(text::char_len(&report.description) <= DESCRIPTION_MAX_CHARS);
        assert_eq!(text::clean(&report.description), report.description);
        assert!(tenant.map.bounds.contains(report.location));
        assert!(tenant.offers_category(&report.category));
    }
});
