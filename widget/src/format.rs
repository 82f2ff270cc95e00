//! Dates and times in the resident's language, by the browser's own `Intl` (so that Arabic,
//! Finnish, English and Swedish each get their own conventions, with no tables of our own).

use js_sys::{Date, Object, Reflect};
use tryggve_core::i18n::Locale;
use wasm_bindgen::JsValue;

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let options = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&options, &(*key).into(), &(*value).into());
    }
    options.into()
}

fn format(date: &Date, locale: Locale, pairs: &[(&str, &str)]) -> String {
    if date.get_time().is_nan() {
        return String::new();
    }
    date.to_locale_string(locale.tag(), &options(pairs)).into()
}

/// A dialogue's time: "tisdag 1 december 2026 18:00–19:30" (local times `YYYY-MM-DDTHH:MM`).
pub fn time_range(locale: Locale, starts_at: &str, ends_at: &str) -> String {
    // Without a zone, a date-time string is read as the browser's local time: the
    // municipality's own, for its residents.
    let (start, end) = (Date::new(&starts_at.into()), Date::new(&ends_at.into()));
    let from = format(&start, locale, &[("dateStyle", "full"), ("timeStyle", "short")]);
    let to = if starts_at.get(..10) == ends_at.get(..10) {
        format(&end, locale, &[("timeStyle", "short")])
    } else {
        format(&end, locale, &[("dateStyle", "full"), ("timeStyle", "short")])
    };
    format!("{from}–{to}")
}

/// A moment stored as ISO 8601 UTC, shown as the local date and time.
pub fn moment(locale: Locale, iso: &str) -> String {
    format(&Date::new(&iso.into()), locale, &[("dateStyle", "medium"), ("timeStyle", "short")])
}

/// A moment in the municipality's own time (`YYYY-MM-DDTHH:MM`, as a walk's start), in full:
/// "torsdag 10 december 2026 18:00".
pub fn local_moment(locale: Locale, local: &str) -> String {
    // Without a zone, read as the browser's local time: the municipality's own, for its residents.
    format(&Date::new(&local.into()), locale, &[("dateStyle", "full"), ("timeStyle", "short")])
}

/// A moment stored as ISO 8601 UTC, as the time of day in Sweden: "18:42" (a walk happens
/// there, whatever zone the phone is set to).
pub fn time_of_day(locale: Locale, iso: &str) -> String {
    format(&Date::new(&iso.into()), locale, &[("timeStyle", "short"), ("timeZone", "Europe/Stockholm")])
}
