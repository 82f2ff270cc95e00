//! The Swedish Police's recent events beside residents' reports. The police publish them as open
//! JSON (polisen.se's events API, asked by location name): each with an id, a local date and
//! time with its offset, a name, a summary, a type ("Skadegörelse", "Rån"…), a path on
//! polisen.se and a location with a name and a "lat,lng" position. The edge's scheduled job
//! asks for each municipality's location names, reads the answer here, keeps the events of the
//! last days (an event can come again, updated, under the same id: it replaces the earlier one)
//! and counts them per area and month for the lägesbild. A feed that is not what it should be
//! changes nothing: it is refused whole, and the job tries again at its next run.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::{days_from_civil, parse_day, utc_minutes};
use crate::geo::{area_of, Area, LatLng};
use crate::map_layer::{LayerColour, LayerDraft, LayerFeature, MapLayer, PublicLayer, Shape};
use crate::review::ReportFilter;

/// How many days of events a municipality keeps unless it says otherwise.
pub const DEFAULT_DAYS: u16 = 90;
/// The most days it may keep: the police's feed itself only reaches back a few weeks, and older
/// events belong to the police's own statistics.
pub const MAX_DAYS: u16 = 400;
/// Where the police's paths (`/aktuellt/handelser/…`) are.
pub const POLICE_SITE: &str = "https://polisen.se";
/// A summary or name longer than this is cut (the feed's are a sentence or two).
const MAX_TEXT_CHARS: usize = 500;

/// The police's feed, asked for one location name at a time (`?locationname=Vårgårda`).
pub const DEFAULT_FEED_URL: &str = "https://polisen.se/api/events";
/// Location names a municipality may ask for (its own name and its larger towns).
pub const MAX_LOCATIONS: usize = 10;
const MAX_LOCATION_CHARS: usize = 60;

/// What a municipality asks of the police's feed: which location names, how many days back it
/// keeps, and where the feed is (the police's own, or a
/// mirror the municipality runs).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(default)]
pub struct PoliceFeedSettings {
    /// Location names as the police use them ("Vårgårda"); none: the feed is not asked.
    pub locations: Vec<String>,
    pub days: u16,
    pub url: String,
    /// Whether residents see the events on the report form's map, as a layer of their own
    /// (the console always does).
    pub public: bool,
}

impl Default for PoliceFeedSettings {
    fn default() -> Self {
        Self { locations: Vec::new(), days: DEFAULT_DAYS, url: DEFAULT_FEED_URL.into(), public: false }
    }
}

impl PoliceFeedSettings {
    /// The settings cleaned (names on one line, the address trimmed), or the first thing wrong,
    /// by its field under `config.police`.
    pub fn validated(&self) -> Result<Self, (&'static str, crate::field_error::FieldErrorCode)> {
        use crate::field_error::FieldErrorCode::*;
        let locations: Vec<String> =
            self.locations.iter().map(|l| crate::text::one_line(l)).filter(|l| !l.is_empty()).collect();
        if locations.len() > MAX_LOCATIONS || locations.iter().any(|l| l.chars().count() > MAX_LOCATION_CHARS)
        {
            return Err(("locations", TooLong));
        }
        if !(1..=MAX_DAYS).contains(&self.days) {
            return Err(("days", InvalidChoice));
        }
        let url = self.url.trim().to_string();
        if url.contains(['?', '#']) || !crate::webhook::is_allowed_url(&url) {
            return Err(("url", InsecureUrl));
        }
        Ok(Self { locations, days: self.days, url, public: self.public })
    }

    /// Where the events of `location` are asked for.
    pub fn request_url(&self, location: &str) -> String {
        format!("{}?locationname={}", self.url, crate::api::path::percent_encode(location))
    }
}

/// An event as kept and shown: checked, its time in UTC, its link whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PoliceEvent {
    /// The police's own id: an event sent again is the same event, updated.
    pub id: i64,
    /// When it happened, UTC (`2026-11-28T20:36:00Z`).
    pub occurred_at: String,
    /// The month it happened in, in Swedish time (`2026-11`): what the lägesbild counts by.
    pub month: String,
    /// The police's type of event: "Skadegörelse", "Rån", "Misshandel"…
    pub kind: String,
    /// The police's headline ("28 november 21.36, Rån, Vårgårda").
    pub name: String,
    pub summary: String,
    /// The place's name as the police give it (a municipality or a town).
    pub location: String,
    pub position: LatLng,
    /// The event on polisen.se.
    pub url: String,
}

/// Why a feed's answer was refused (and nothing changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedRefused {
    /// Not JSON at all (an error page, a cut-off answer).
    NotJson,
    /// JSON, but not a list of events.
    NotAList,
}

/// What a feed's answer held: the events read, and how many items were not events (skipped
/// one by one, so that one odd item does not stop the others).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FeedRead {
    pub events: Vec<PoliceEvent>,
    pub skipped: usize,
}

/// Reads the feed's answer, or refuses it whole.
pub fn read_feed(body: &str) -> Result<FeedRead, FeedRefused> {
    let value: Value = serde_json::from_str(body).map_err(|_| FeedRefused::NotJson)?;
    let items = value.as_array().ok_or(FeedRefused::NotAList)?;
    let mut read = FeedRead::default();
    for item in items {
        match event_of(item) {
            Some(event) => read.events.push(event),
            None => read.skipped += 1,
        }
    }
    Ok(read)
}

/// One item of the feed as an event, or `None` if it is not one.
fn event_of(item: &Value) -> Option<PoliceEvent> {
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(clean);
    let id = item.get("id")?.as_i64()?;
    let (occurred_at, month) = utc_of_feed_time(item.get("datetime")?.as_str()?)?;
    let location = item.get("location")?;
    let position = position_of(location.get("gps")?.as_str()?)?;
    let path = text("url").unwrap_or_default();
    // Only the police's own site: a path there, or a whole address on it.
    let url = match path.strip_prefix(POLICE_SITE) {
        Some(rest) if rest.starts_with('/') => format!("{POLICE_SITE}{rest}"),
        _ if path.starts_with('/') && !path.starts_with("//") => format!("{POLICE_SITE}{path}"),
        _ => POLICE_SITE.to_string(),
    };
    Some(PoliceEvent {
        id,
        occurred_at,
        month,
        kind: text("type").filter(|k| !k.is_empty())?,
        name: text("name").unwrap_or_default(),
        summary: text("summary").unwrap_or_default(),
        location: location.get("name").and_then(Value::as_str).map(clean).unwrap_or_default(),
        position,
        url,
    })
}

/// One line of text, cut to a length the console shows.
fn clean(text: &str) -> String {
    crate::text::one_line(text).chars().take(MAX_TEXT_CHARS).collect()
}

/// "58.0337,12.8083" → a place on earth.
fn position_of(gps: &str) -> Option<LatLng> {
    let (lat, lng) = gps.split_once(',')?;
    let point = LatLng::new(lat.trim().parse().ok()?, lng.trim().parse().ok()?);
    point.is_on_earth().then_some(point)
}

/// The feed's "2026-11-28 21:36:42 +01:00" → its UTC time (`2026-11-28T20:36:00Z`, to the
/// minute) and its local month (`2026-11`).
fn utc_of_feed_time(local: &str) -> Option<(String, String)> {
    let local = local.trim();
    let (year, month, _) = parse_day(local)?;
    let minutes = utc_minutes(local)?;
    let offset = local.get(local.len().checked_sub(6)?..)?;
    let sign = match offset.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours: i64 = offset.get(1..3)?.parse().ok()?;
    let mins: i64 = offset.get(4..6)?.parse().ok()?;
    if offset.get(3..4) != Some(":") || hours > 14 || mins > 59 {
        return None;
    }
    let utc = minutes - sign * (hours * 60 + mins);
    let (y, m, d) = crate::calendar::civil_from_days(utc.div_euclid(24 * 60));
    let in_day = utc.rem_euclid(24 * 60);
    let iso = format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:00Z", in_day / 60, in_day % 60);
    Some((iso, format!("{year:04}-{month:02}")))
}

/// Whether an event that happened at `occurred_at` is within the last `days` before `now`
/// (both UTC timestamps as the edge writes them).
pub fn is_recent(occurred_at: &str, now: &str, days: u16) -> bool {
    match (utc_minutes(occurred_at), utc_minutes(now)) {
        (Some(at), Some(now)) => now - at <= i64::from(days) * 24 * 60,
        _ => false,
    }
}

/// The earliest time still kept when it is `now`: events before it are removed.
pub fn kept_since(now: &str, days: u16) -> Option<String> {
    let (year, month, day) = parse_day(now)?;
    let (y, m, d) = crate::calendar::civil_from_days(days_from_civil(year, month, day) - i64::from(days));
    Some(format!("{y:04}-{m:02}-{d:02}{}", now.get(10..)?))
}

/// The id the console gives the police's events when it draws them as one of its layers (the
/// municipality's own layers have positive ids).
pub const EVENTS_LAYER_ID: i64 = -1;

/// The events as a layer of dots named by their type, drawn and toggled as the municipality's
/// own layers are.
pub fn events_layer(events: &[PoliceEvent], name: String) -> MapLayer {
    let features = events
        .iter()
        .map(|e| LayerFeature { shape: Shape::Point { at: e.position }, name: e.kind.clone() })
        .collect();
    MapLayer {
        id: EVENTS_LAYER_ID,
        draft: LayerDraft { name, colour: LayerColour::Black, public: false, features },
    }
}

/// The events as residents see them, when the municipality shows them: a layer of dots that
/// says how far back it reaches. Only where each happened; its text stays in the console.
pub fn public_events_layer(events: &[PoliceEvent], days: u16) -> PublicLayer {
    events_layer(events, format!("Polisens händelser, senaste {days} dagarna")).for_residents()
}

/// The events within the lägesbild's period and area (its other filters are the reports'
/// own: category, status, …): `from` and `to` are Swedish days, both included; the area is an
/// area's id, or `-` for outside every area.
pub fn within_filter<'a>(
    events: &'a [PoliceEvent],
    filter: &ReportFilter,
    areas: &[Area],
) -> Vec<&'a PoliceEvent> {
    events
        .iter()
        .filter(|event| {
            let day = crate::local_time::local_day(&event.occurred_at).unwrap_or_default();
            let in_period = filter.from.as_ref().is_none_or(|from| day.as_str() >= from.as_str())
                && filter.to.as_ref().is_none_or(|to| day.as_str() <= to.as_str());
            let area = area_of(areas, event.position).map(|a| a.id.as_str());
            let in_area = match filter.area.as_deref() {
                None => true,
                Some("-") => area.is_none(),
                Some(wanted) => area == Some(wanted),
            };
            in_period && in_area
        })
        .collect()
}

/// Events counted per area (by the municipality's areas; `None` outside them) and month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct EventCount {
    pub area: Option<String>,
    pub month: String,
    pub count: u32,
}

/// The events per area and month, areas in the municipality's order (outside last), months in
/// order.
pub fn counts_by_area_and_month<'a>(
    events: impl IntoIterator<Item = &'a PoliceEvent>,
    areas: &[Area],
) -> Vec<EventCount> {
    let mut counts: Vec<EventCount> = Vec::new();
    for event in events {
        let area = area_of(areas, event.position).map(|a| a.id.clone());
        match counts.iter_mut().find(|c| c.area == area && c.month == event.month) {
            Some(count) => count.count += 1,
            None => counts.push(EventCount { area, month: event.month.clone(), count: 1 }),
        }
    }
    let order = |area: &Option<String>| match area {
        Some(id) => areas.iter().position(|a| &a.id == id).unwrap_or(usize::MAX - 1),
        None => usize::MAX,
    };
    counts.sort_by(|a, b| order(&a.area).cmp(&order(&b.area)).then_with(|| a.month.cmp(&b.month)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TenantConfig;

    /// Two events as the police's feed sends them (its fields and forms), and one that is not.
    const SAMPLE: &str = r#"[
      { "id": 512345, "datetime": "2026-11-28 21:36:42 +01:00",
        "name": "28 november 21.36, Skadegörelse, Vårgårda",
        "summary": "Fönster krossade vid  skolan.\n", "url": "/aktuellt/handelser/2026/november/28/skadegorelse-vargarda/",
        "type": "Skadegörelse", "location": { "name": "Vårgårda", "gps": "58.0337,12.8083" } },
      { "id": 512399, "datetime": "2026-07-02 00:15:00 +02:00",
        "name": "02 juli 00.15, Rån, Vårgårda", "summary": "Rån mot person.",
        "url": "https://polisen.se/aktuellt/handelser/2026/juli/2/ran-vargarda/",
        "type": "Rån", "location": { "name": "Vårgårda", "gps": "58.05,12.80" } },
      { "id": "inte ett tal", "datetime": "i går", "type": "Rån", "location": { "name": "X", "gps": "" } }
    ]"#;

    #[test]
    fn the_feed_is_read_with_times_in_utc_links_whole_and_odd_items_skipped() {
        let read = read_feed(SAMPLE).unwrap();
        assert_eq!(read.skipped, 1);
        let [first, second] = read.events.as_slice() else { panic!("{read:?}") };
        assert_eq!(first.id, 512345);
        assert_eq!(first.occurred_at, "2026-11-28T20:36:00Z");
        assert_eq!(first.month, "2026-11");
        assert_eq!(first.kind, "Skadegörelse");
        assert_eq!(first.summary, "Fönster krossade vid skolan.");
        assert_eq!(first.position, LatLng::new(58.0337, 12.8083));
        assert_eq!(
            first.url,
            "https://polisen.se/aktuellt/handelser/2026/november/28/skadegorelse-vargarda/"
        );
        // Summer time, and just after midnight: the day before in UTC, the month of the place.
        assert_eq!(second.occurred_at, "2026-07-01T22:15:00Z");
        assert_eq!(second.month, "2026-07");
        assert_eq!(second.url, "https://polisen.se/aktuellt/handelser/2026/juli/2/ran-vargarda/");
    }

    #[test]
    fn a_feed_that_is_not_a_list_of_events_is_refused_whole() {
        assert_eq!(read_feed("<html>Tjänsten är inte tillgänglig</html>"), Err(FeedRefused::NotJson));
        assert_eq!(read_feed(r#"[{"id": 1"#), Err(FeedRefused::NotJson));
        assert_eq!(read_feed(r#"{"error": "rate limited"}"#), Err(FeedRefused::NotAList));
        assert_eq!(read_feed("[]"), Ok(FeedRead::default()));
    }

    #[test]
    fn links_elsewhere_and_places_off_earth_are_not_taken() {
        let item = |url: &str, gps: &str| {
            format!(
                r#"[{{"id": 1, "datetime": "2026-11-28 21:36:42 +01:00", "name": "n", "summary": "s",
                "url": "{url}", "type": "Rån", "location": {{"name": "V", "gps": "{gps}"}}}}]"#
            )
        };
        let url = |u: &str| read_feed(&item(u, "58,12")).unwrap().events[0].url.clone();
        assert_eq!(url("https://example.com/phish"), POLICE_SITE);
        assert_eq!(url("//example.com/phish"), POLICE_SITE);
        assert_eq!(url("javascript:alert(1)"), POLICE_SITE);
        assert_eq!(read_feed(&item("/a", "91,12")).unwrap().skipped, 1);
        assert_eq!(read_feed(&item("/a", "58;12")).unwrap().skipped, 1);
    }

    #[test]
    fn a_municipality_s_feed_settings_are_checked() {
        let settings =
            PoliceFeedSettings { locations: vec![" Vårgårda\n".into(), "".into()], ..Default::default() };
        let checked = settings.validated().unwrap();
        assert_eq!(checked.locations, vec!["Vårgårda".to_string()]);
        assert!(!checked.public, "residents do not see the events until the municipality says so");
        let shown = PoliceFeedSettings { public: true, ..Default::default() }.validated().unwrap();
        assert!(shown.public);
        assert_eq!(
            checked.request_url("Vårgårda"),
            "https://polisen.se/api/events?locationname=V%C3%A5rg%C3%A5rda"
        );
        let wrong = |s: PoliceFeedSettings| s.validated().unwrap_err().0;
        assert_eq!(wrong(PoliceFeedSettings { days: 0, ..Default::default() }), "days");
        assert_eq!(wrong(PoliceFeedSettings { days: MAX_DAYS + 1, ..Default::default() }), "days");
        assert_eq!(
            wrong(PoliceFeedSettings { url: "http://polisen.se/api/events".into(), ..Default::default() }),
            "url"
        );
        assert_eq!(
            wrong(PoliceFeedSettings {
                url: "https://polisen.se/api/events?x=1".into(),
                ..Default::default()
            }),
            "url"
        );
        assert_eq!(
            wrong(PoliceFeedSettings { locations: vec!["Ort".into(); 11], ..Default::default() }),
            "locations"
        );
        let local =
            PoliceFeedSettings { url: "http://127.0.0.1:4000/api/events".into(), ..Default::default() };
        assert!(local.validated().is_ok(), "a feed on this machine, under test");
    }

    #[test]
    fn the_last_days_are_kept() {
        let now = "2026-12-05T12:00:00.000Z";
        assert!(is_recent("2026-11-28T20:36:00Z", now, 30));
        assert!(!is_recent("2026-07-01T22:15:00Z", now, 30));
        assert!(is_recent("2026-07-01T22:15:00Z", now, 160));
        assert_eq!(kept_since(now, 30).as_deref(), Some("2026-11-05T12:00:00.000Z"));
        assert_eq!(kept_since("2026-03-01T00:00:00Z", 1).as_deref(), Some("2026-02-28T00:00:00Z"));
    }

    #[test]
    fn the_events_are_a_layer_of_dots_named_by_their_type() {
        let events = read_feed(SAMPLE).unwrap().events;
        let layer = events_layer(&events, "Polisens händelser".into());
        assert_eq!(layer.id, EVENTS_LAYER_ID);
        assert_eq!(
            layer.draft.shape_counts(),
            crate::map_layer::ShapeCounts { points: 2, lines: 0, areas: 0 }
        );
        assert_eq!(layer.draft.features[1].name, "Rån");
        assert_eq!(layer.draft.features[1].shape, Shape::Point { at: LatLng::new(58.05, 12.80) });
        let public = public_events_layer(&events, 30);
        assert_eq!(public.name, "Polisens händelser, senaste 30 dagarna");
        assert_eq!(public.points, vec![[58.0337, 12.8083], [58.05, 12.80]]);
        assert!(public.lines.is_empty() && public.areas.is_empty());
    }

    #[test]
    fn events_are_counted_per_area_and_month() {
        let areas = TenantConfig::demo().areas;
        let mut events = read_feed(SAMPLE).unwrap().events;
        events.push(events[0].clone());
        let counts = counts_by_area_and_month(&events, &areas);
        let centrum = Some("centrum".to_string());
        let norra = Some("norra".to_string());
        assert_eq!(
            counts,
            vec![
                EventCount { area: centrum, month: "2026-11".into(), count: 2 },
                EventCount { area: norra, month: "2026-07".into(), count: 1 },
            ]
        );
    }

    #[test]
    fn events_follow_the_lagesbild_s_period_and_area() {
        let areas = TenantConfig::demo().areas;
        let events = read_feed(SAMPLE).unwrap().events;
        let kinds = |filter: ReportFilter| {
            within_filter(&events, &filter, &areas).iter().map(|e| e.kind.clone()).collect::<Vec<_>>()
        };
        assert_eq!(kinds(ReportFilter::default()), ["Skadegörelse", "Rån"]);
        assert_eq!(
            kinds(ReportFilter { area: Some("centrum".into()), ..Default::default() }),
            ["Skadegörelse"]
        );
        assert!(kinds(ReportFilter { area: Some("-".into()), ..Default::default() }).is_empty());
        // The robbery was at 00.15 on 2 July in Sweden (22.15 on 1 July in UTC): its day is Sweden's.
        let day = |d: &str| Some(d.to_string());
        assert_eq!(
            kinds(ReportFilter { from: day("2026-07-02"), to: day("2026-07-02"), ..Default::default() }),
            ["Rån"]
        );
        assert!(kinds(ReportFilter { to: day("2026-07-01"), ..Default::default() }).is_empty());
        assert_eq!(
            counts_by_area_and_month(within_filter(&events, &ReportFilter::default(), &areas), &areas).len(),
            2
        );
    }
}
