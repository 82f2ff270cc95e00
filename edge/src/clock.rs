//! Time at the edge. (`std::time::SystemTime::now()` panics on wasm32-unknown-unknown.)

/// Now, as an ISO 8601 UTC string with milliseconds (sortable as text, as stored in D1).
pub fn now_iso() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// `minutes` from now (negative for the past), as ISO 8601.
pub fn iso_in_minutes(minutes: i64) -> String {
    let at = js_sys::Date::now() + (minutes as f64) * 60_000.0;
    js_sys::Date::new(&at.into()).to_iso_string().into()
}

/// Today's date, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    now_iso()[..10].to_string()
}
