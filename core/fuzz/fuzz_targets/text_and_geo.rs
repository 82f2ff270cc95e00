//! Text cleaning is idempotent and leaves no control characters (but line breaks and tabs); area lookup never panics on any
//! polygon, however degenerate.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tryggve_core::geo::{area_of, Area, LatLng};
use tryggve_core::text;

fuzz_target!(|data: &[u8]| {
    if let Ok(input) = std::str::from_utf8(data) {
        let once = text::clean(input);
        assert_eq!(text::clean(&once), once);
        assert!(!once.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "no control characters left");
        assert_eq!(once.trim(), once);
    }
    if let Ok((areas, points)) = serde_json::from_slice::<(Vec<Area>, Vec<LatLng>)>(data) {
        for point in points {
            let _ = area_of(&areas, point);
        }
    }
});
