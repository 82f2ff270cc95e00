//! Safety walks (trygghetsvandringar): the municipality plans a walk through one of its areas
//! with residents, police, housing companies and associations, and announces it; the walk then
//! moves from planned, to under way, to done, to a published protocol (or is cancelled).

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::LatLng;
use crate::local_time::{is_local, utc_of_local};
use crate::tenant::TenantConfig;
use crate::text;

pub const WALK_TITLE_MAX_CHARS: usize = 120;
pub const WALK_NAME_MAX_CHARS: usize = 100;
pub const WALK_ORGANISATIONS_MAX_CHARS: usize = 500;
pub const WALK_DESCRIPTION_MAX_CHARS: usize = 2_000;
/// Points of a planned route: a walk of a few kilometres drawn point by point, with room.
pub const WALK_ROUTE_MAX_POINTS: usize = 500;

/// Where a walk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WalkState {
    Planned,
    UnderWay,
    Done,
    /// Done, and its protocol shown to residents.
    ProtocolPublished,
    Cancelled,
}

impl WalkState {
    pub const ALL: [WalkState; 5] =
        [Self::Planned, Self::UnderWay, Self::Done, Self::ProtocolPublished, Self::Cancelled];

    pub fn id(self) -> &'static str {
        match self {
            Self::Planned => "planned",
            Self::UnderWay => "under_way",
            Self::Done => "done",
            Self::ProtocolPublished => "protocol_published",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The console's locale key of its name, e.g. `console-walk-state-under-way`.
    pub fn label_key(self) -> String {
        format!("console-walk-state-{}", self.id().replace('_', "-"))
    }

    /// Whether a walk may go from this state to `next`: it starts, ends, gets its protocol
    /// published (or taken back to be corrected); a walk is cancelled before it ends.
    pub fn can_move_to(self, next: WalkState) -> bool {
        use WalkState::*;
        matches!(
            (self, next),
            (Planned, UnderWay)
                | (UnderWay, Done)
                | (Done, ProtocolPublished)
                | (ProtocolPublished, Done)
                | (Planned | UnderWay, Cancelled)
        )
    }

    /// Whether residents are shown the walk (announced, or going on now).
    pub fn is_public(self) -> bool {
        matches!(self, Self::Planned | Self::UnderWay)
    }

    /// Whether the walk has been walked (what a before-and-after compares around).
    pub fn is_walked(self) -> bool {
        matches!(self, Self::Done | Self::ProtocolPublished)
    }
}

/// A walk as a coordinator plans it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkDraft {
    pub title: String,
    /// One of the municipality's areas (by id).
    pub area: String,
    /// When it starts, in the municipality's own time: `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    /// Where the walkers meet.
    pub meeting_point: LatLng,
    /// The planned route, as a line (none: not planned).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route: Vec<LatLng>,
    /// Who leads it (a person, an office).
    #[serde(default)]
    pub organiser: String,
    /// The organisations invited (the police, the housing company, associations), as free text.
    #[serde(default)]
    pub organisations: String,
    /// What residents are told of it.
    #[serde(default)]
    pub description: String,
}

impl WalkDraft {
    /// The walk with its texts cleaned, or the first problem: the area must be the
    /// municipality's, the time real, the meeting point and every point of the route within its
    /// map, and the texts within their lengths.
    pub fn validated(&self, config: &TenantConfig) -> Result<WalkDraft, FieldError> {
        let title = text::one_line(&self.title);
        if title.is_empty() {
            return Err(FieldError::new("title", FieldErrorCode::Required));
        }
        let too_long = |field, value: &str, max| {
            if text::char_len(value) > max {
                Err(FieldError::new(field, FieldErrorCode::TooLong))
            } else {
                Ok(())
            }
        };
        too_long("title", &title, WALK_TITLE_MAX_CHARS)?;
        let organiser = text::one_line(&self.organiser);
        too_long("organiser", &organiser, WALK_NAME_MAX_CHARS)?;
        let organisations = text::clean(&self.organisations);
        too_long("organisations", &organisations, WALK_ORGANISATIONS_MAX_CHARS)?;
        let description = text::clean(&self.description);
        too_long("description", &description, WALK_DESCRIPTION_MAX_CHARS)?;
        if !config.areas.iter().any(|a| a.id == self.area) {
            return Err(FieldError::new("area", FieldErrorCode::InvalidChoice));
        }
        if !is_local(&self.starts_at) {
            return Err(FieldError::new("starts_at", FieldErrorCode::InvalidDate));
        }
        let within = |field, point: LatLng| {
            if !point.is_on_earth() {
                Err(FieldError::new(field, FieldErrorCode::NotOnEarth))
            } else if !config.map.bounds.contains(point) {
                Err(FieldError::new(field, FieldErrorCode::OutsideArea))
            } else {
                Ok(())
            }
        };
        within("meeting_point", self.meeting_point)?;
        if self.route.len() > WALK_ROUTE_MAX_POINTS {
            return Err(FieldError::new("route", FieldErrorCode::TooLong));
        }
        if self.route.len() == 1 {
            return Err(FieldError::new("route", FieldErrorCode::InvalidChoice));
        }
        for point in &self.route {
            within("route", *point)?;
        }
        Ok(WalkDraft { title, organiser, organisations, description, ..self.clone() })
    }
}

/// A planned route read from GeoJSON as a GIS program or a route planner exports it: a
/// `LineString`, a `Feature` with one, or a `FeatureCollection` whose first line is the route
/// (points and other shapes in it are passed over). Coordinates are RFC 7946's, longitude
/// first; each must lie on the earth. The route is then checked as a drawn one is (see
/// [`WalkDraft::validated`]).
pub fn route_from_geojson(geojson: &serde_json::Value) -> Result<Vec<LatLng>, FieldError> {
    let refused = |code| FieldError::new("route", code);
    let line = match geojson.get("type").and_then(|t| t.as_str()) {
        Some("LineString") => Some(geojson),
        Some("Feature") => geojson.get("geometry").filter(|g| g["type"] == "LineString"),
        Some("FeatureCollection") => geojson
            .get("features")
            .and_then(|f| f.as_array())
            .and_then(|features| features.iter().map(|f| &f["geometry"]).find(|g| g["type"] == "LineString")),
        _ => None,
    };
    let coordinates = line
        .and_then(|l| l.get("coordinates"))
        .and_then(|c| c.as_array())
        .ok_or(refused(FieldErrorCode::InvalidChoice))?;
    if coordinates.len() > WALK_ROUTE_MAX_POINTS {
        return Err(refused(FieldErrorCode::TooLong));
    }
    coordinates
        .iter()
        .map(|position| {
            let number = |i: usize| position.get(i).and_then(|v| v.as_f64());
            let point = number(1).zip(number(0)).map(|(lat, lng)| LatLng::new(lat, lng));
            point.filter(|p| p.is_on_earth()).ok_or(refused(FieldErrorCode::NotOnEarth))
        })
        .collect()
}

/// How long a route is, in whole metres along its points.
pub fn route_metres(route: &[LatLng]) -> u32 {
    route.windows(2).map(|pair| crate::geo::distance_m(pair[0], pair[1])).sum::<f64>().round() as u32
}

/// A walk of the municipality, as the console shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Walk {
    pub id: i64,
    #[serde(flatten)]
    pub draft: WalkDraft,
    pub state: WalkState,
    /// Whether its participants' walk code is set (the code itself is never shown again).
    pub has_code: bool,
}

impl Walk {
    /// What residents are told of it (nothing of its code).
    pub fn public(&self, area_name: &str) -> PublicWalk {
        PublicWalk {
            id: self.id,
            title: self.draft.title.clone(),
            area_name: area_name.to_string(),
            starts_at: self.draft.starts_at.clone(),
            meeting_point: self.draft.meeting_point,
            route: self.draft.route.clone(),
            organiser: self.draft.organiser.clone(),
            organisations: self.draft.organisations.clone(),
            description: self.draft.description.clone(),
            state: self.state,
        }
    }
}

/// A walk as residents see it announced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicWalk {
    pub id: i64,
    pub title: String,
    pub area_name: String,
    /// `YYYY-MM-DDTHH:MM`, the municipality's own time.
    pub starts_at: String,
    pub meeting_point: LatLng,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub route: Vec<LatLng>,
    pub organiser: String,
    pub organisations: String,
    pub description: String,
    pub state: WalkState,
}

/// A participant who joined with the walk's code: the walk, and the pass their phone shows with
/// each point it logs (see [`crate::walk_pass`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct JoinedWalk {
    pub walk: PublicWalk,
    pub pass: String,
}

/// A coordinator moves a walk on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WalkStateChange {
    pub state: WalkState,
}

/// How long a walk is said to last in a calendar: most take an hour and a half to two.
pub const CALENDAR_HOURS: u32 = 2;

/// The walk as an iCalendar file (RFC 5545) for residents to put in their calendars: times in
/// UTC, text escaped and lines folded as the RFC asks. `stamp` is now, `YYYY-MM-DDTHH:MM:SS…Z`.
pub fn calendar(walk: &PublicWalk, municipality: &str, tenant: &str, stamp: &str) -> Option<String> {
    let start = utc_of_local(&walk.starts_at)?;
    let end_minutes = crate::calendar::utc_minutes(&start)? + i64::from(CALENDAR_HOURS) * 60;
    let (year, month, day) = crate::calendar::civil_from_days(end_minutes.div_euclid(24 * 60));
    let of_day = end_minutes.rem_euclid(24 * 60);
    let end = format!("{year:04}{month:02}{day:02}T{:02}{:02}00Z", of_day / 60, of_day % 60);
    let compact = |iso: &str| -> String {
        iso.chars().filter(|c| c.is_ascii_digit() || *c == 'T').take(15).collect::<String>() + "Z"
    };
    let mut description = walk.description.clone();
    if !walk.organiser.is_empty() {
        description = format!("{description}\n\n{}", walk.organiser);
    }
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        format!("PRODID:-//Tryggve//{}//SV", escape(municipality)),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:walk-{}-{}@tryggve", walk.id, tenant),
        format!("DTSTAMP:{}", compact(stamp)),
        format!("DTSTART:{}", compact(&start)),
        format!("DTEND:{end}"),
        format!("SUMMARY:{}", escape(&walk.title)),
        format!("DESCRIPTION:{}", escape(description.trim())),
        format!(
            "LOCATION:{}",
            escape(&format!(
                "{}, {:.5} {:.5}",
                walk.area_name, walk.meeting_point.lat, walk.meeting_point.lng
            ))
        ),
        format!("GEO:{:.6};{:.6}", walk.meeting_point.lat, walk.meeting_point.lng),
        format!("ORGANIZER;CN={}:mailto:noreply@tryggve.invalid", escape_param(municipality)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ];
    Some(lines.iter().map(|l| fold(l)).collect::<Vec<_>>().join("\r\n") + "\r\n")
}

/// TEXT as RFC 5545 §3.3.11 writes it: backslash, semicolon, comma and newline escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value: quoted, with no quote, control character, colon or semicolon inside.
fn escape_param(text: &str) -> String {
    let clean: String = text.chars().filter(|c| !c.is_control() && !matches!(c, '"')).collect();
    format!("\"{clean}\"")
}

/// A content line folded at 75 octets (continuations start with a space), never inside a
/// character (RFC 5545 §3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> TenantConfig {
        TenantConfig::demo()
    }

    fn draft() -> WalkDraft {
        let config = config();
        WalkDraft {
            title: "  Trygghetsvandring   i centrum ".into(),
            area: config.areas[0].id.clone(),
            starts_at: "2026-12-10T18:00".into(),
            meeting_point: config.map.center,
            route: vec![config.map.center, LatLng::new(config.map.center.lat + 0.001, config.map.center.lng)],
            organiser: "Trygghetssamordnaren".into(),
            organisations: "Polisen, Bostadsbolaget, Föräldrar på stan".into(),
            description: "Vi går genom centrum och letar mörka platser.".into(),
        }
    }

    #[test]
    fn a_walk_is_cleaned_and_checked_against_the_municipality() {
        let ok = draft().validated(&config()).unwrap();
        assert_eq!(ok.title, "Trygghetsvandring i centrum");
        let field = |d: WalkDraft| d.validated(&config()).unwrap_err();
        assert_eq!(field(WalkDraft { title: " ".into(), ..draft() }).field, "title");
        assert_eq!(field(WalkDraft { title: "x".repeat(121), ..draft() }).code, FieldErrorCode::TooLong);
        assert_eq!(field(WalkDraft { area: "atlantis".into(), ..draft() }).field, "area");
        assert_eq!(
            field(WalkDraft { starts_at: "2026-12-10".into(), ..draft() }).code,
            FieldErrorCode::InvalidDate
        );
        assert_eq!(field(WalkDraft { starts_at: "2026-02-30T18:00".into(), ..draft() }).field, "starts_at");
        let far = LatLng::new(67.85, 20.22);
        assert_eq!(field(WalkDraft { meeting_point: far, ..draft() }).code, FieldErrorCode::OutsideArea);
        let mut route = draft().route;
        route.push(far);
        assert_eq!(field(WalkDraft { route, ..draft() }).field, "route");
        assert_eq!(
            field(WalkDraft { route: vec![config().map.center], ..draft() }).field,
            "route",
            "a line has two ends"
        );
        let long = vec![config().map.center; WALK_ROUTE_MAX_POINTS + 1];
        assert_eq!(field(WalkDraft { route: long, ..draft() }).code, FieldErrorCode::TooLong);
        assert_eq!(field(WalkDraft { description: "x".repeat(2_001), ..draft() }).field, "description");
        assert!(WalkDraft { route: vec![], organiser: String::new(), ..draft() }
            .validated(&config())
            .is_ok());
    }

    #[test]
    fn a_walk_moves_from_plan_to_protocol() {
        use WalkState::*;
        assert!(Planned.can_move_to(UnderWay) && UnderWay.can_move_to(Done));
        assert!(Done.can_move_to(ProtocolPublished) && ProtocolPublished.can_move_to(Done));
        assert!(Planned.can_move_to(Cancelled) && UnderWay.can_move_to(Cancelled));
        assert!(!Planned.can_move_to(Done), "a walk is walked before it is done");
        assert!(!Done.can_move_to(Cancelled) && !Cancelled.can_move_to(Planned));
        assert!(!UnderWay.can_move_to(Planned));
        assert!(Planned.is_public() && UnderWay.is_public() && !Cancelled.is_public() && !Done.is_public());
        assert!(Done.is_walked() && ProtocolPublished.is_walked());
        assert!(!Planned.is_walked() && !UnderWay.is_walked() && !Cancelled.is_walked());
        for state in WalkState::ALL {
            assert_eq!(WalkState::from_id(state.id()), Some(state));
            assert!(!state.can_move_to(state), "{state:?} to itself");
        }
        assert_eq!(UnderWay.label_key(), "console-walk-state-under-way");
    }

    #[test]
    fn the_calendar_file_is_rfc_5545() {
        let walk = Walk {
            id: 7,
            draft: draft().validated(&config()).unwrap(),
            state: WalkState::Planned,
            has_code: true,
        };
        let mut public = walk.public("Centrum");
        public.description = "Vi går; kl. 18, i mörkret\\ljuset.\nTa med ficklampa. ".repeat(3);
        let ics = calendar(&public, "Demo kommun", "demo", "2026-12-05T09:00:00.000Z").unwrap();
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        let unfolded = ics.replace("\r\n ", "");
        assert!(
            unfolded.contains("\r\nDTSTART:20261210T170000Z\r\n"),
            "18:00 in Stockholm in December is 17:00 UTC"
        );
        assert!(unfolded.contains("\r\nDTEND:20261210T190000Z\r\n"));
        assert!(unfolded.contains("\r\nDTSTAMP:20261205T090000Z\r\n"));
        assert!(unfolded.contains("\r\nUID:walk-7-demo@tryggve\r\n"));
        assert!(unfolded.contains("SUMMARY:Trygghetsvandring i centrum\r\n"));
        assert!(
            unfolded.contains("DESCRIPTION:Vi går\\; kl. 18\\, i mörkret\\\\ljuset.\\nTa med"),
            "{unfolded}"
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        assert!(!unfolded.contains("\nTa med"), "no raw newline inside a value");
        let bad = PublicWalk { starts_at: "snart".into(), ..public };
        assert_eq!(calendar(&bad, "Demo kommun", "demo", "2026-12-05T09:00:00Z"), None);
    }

    #[test]
    fn a_route_is_read_from_geojson_longitude_first() {
        use serde_json::json;
        let line = json!({ "type": "LineString", "coordinates": [[12.81, 58.03], [12.82, 58.04]] });
        assert_eq!(
            route_from_geojson(&line).unwrap(),
            vec![LatLng::new(58.03, 12.81), LatLng::new(58.04, 12.82)]
        );
        let feature = json!({ "type": "Feature", "properties": {}, "geometry": line });
        assert_eq!(route_from_geojson(&feature).unwrap().len(), 2);
        let collection = json!({ "type": "FeatureCollection", "features": [
            { "type": "Feature", "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } },
            { "type": "Feature", "geometry": line },
        ] });
        assert_eq!(route_from_geojson(&collection).unwrap()[1], LatLng::new(58.04, 12.82));
        let field = |v: serde_json::Value| route_from_geojson(&v).unwrap_err();
        assert_eq!(
            field(json!({ "type": "Point", "coordinates": [12.8, 58.0] })).code,
            FieldErrorCode::InvalidChoice
        );
        assert_eq!(
            field(json!({ "type": "LineString", "coordinates": [[212.8, 58.0], [12.8, 58.0]] })).code,
            FieldErrorCode::NotOnEarth
        );
        assert_eq!(
            field(json!({ "type": "LineString", "coordinates": [["x", 58.0]] })).code,
            FieldErrorCode::NotOnEarth
        );
        let long: Vec<[f64; 2]> = vec![[12.8, 58.0]; WALK_ROUTE_MAX_POINTS + 1];
        assert_eq!(field(json!({ "type": "LineString", "coordinates": long })).code, FieldErrorCode::TooLong);
        assert_eq!(field(json!("nej")).field, "route");
    }

    #[test]
    fn a_routes_length_is_summed_along_its_points() {
        let start = LatLng::new(58.0, 12.8);
        // A thousandth of a degree of latitude is about 111 m.
        let route = [start, LatLng::new(58.001, 12.8), LatLng::new(58.002, 12.8)];
        assert!((221..=224).contains(&route_metres(&route)), "{}", route_metres(&route));
        assert_eq!(route_metres(&[start]), 0);
    }
}
