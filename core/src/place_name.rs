//! Place names: where a point is, in words ("Storgatan, Centrum"), and a search that moves the
//! map to an address. The words come from a Nominatim-compatible geocoder the municipality
//! configures, asked by the edge (so no third party sees a resident's address or where they
//! are), with the municipality's own named places (its areas, its layers' named features) as the
//! fallback: with no geocoder, or when it fails, a pin is still placed "near the school in
//! Centrum". Answers are cached per rounded position, so the same corner is asked for once.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::{area_of, distance_m, Area, BBox, LatLng};
use crate::map_layer::{MapLayer, Shape};
use crate::text::one_line;

/// Positions are rounded to 4 decimals before they are asked about or cached: about 11 m north
/// to south and 6 m east to west in Sweden, finer than a house number and coarser than a pin.
const KEY_DECIMALS: i32 = 4;
/// A named feature of the municipality's own layers within this distance names a place.
pub const NEAR_METRES: f64 = 150.0;
/// At most this many places answer a search.
pub const MAX_FOUND: usize = 6;
/// A search needs this many characters and is cut at the second number.
pub const MIN_QUERY_CHARS: usize = 3;
pub const MAX_QUERY_CHARS: usize = 100;
/// A name longer than this (a geocoder's whole address line) is cut.
const MAX_NAME_CHARS: usize = 120;

/// Where the municipality's geocoder is: the base address of a Nominatim-compatible service
/// (`…/reverse` and `…/search` are asked under it); empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct GeocoderSettings {
    #[serde(default)]
    pub url: String,
}

impl GeocoderSettings {
    /// The address trimmed (and its last `/` dropped), or why it cannot be used: the field under
    /// `config.geocoder`.
    pub fn validated(&self) -> Result<Self, (&'static str, FieldErrorCode)> {
        let url = self.url.trim().trim_end_matches('/').to_string();
        if !url.is_empty() && (url.contains(['?', '#']) || !crate::webhook::is_allowed_url(&url)) {
            return Err(("url", FieldErrorCode::InsecureUrl));
        }
        Ok(Self { url })
    }

    pub fn is_configured(&self) -> bool {
        !self.url.is_empty()
    }

    /// Where the name of the place at `point` (rounded, see [`rounded`]) is asked for.
    pub fn reverse_url(&self, point: LatLng) -> String {
        let at = rounded(point);
        format!(
            "{}/reverse?format=jsonv2&lat={:.4}&lon={:.4}&zoom=17&addressdetails=1&accept-language=sv",
            self.url, at.lat, at.lng
        )
    }

    /// Where places matching `query` within `bounds` are asked for.
    pub fn search_url(&self, query: &str, bounds: &BBox) -> String {
        format!(
            "{}/search?format=jsonv2&q={}&limit={MAX_FOUND}&viewbox={},{},{},{}&bounded=1&accept-language=sv",
            self.url,
            crate::api::path::percent_encode(query),
            bounds.west,
            bounds.north,
            bounds.east,
            bounds.south
        )
    }
}

/// `point` rounded as it is asked about and cached.
pub fn rounded(point: LatLng) -> LatLng {
    let scale = 10f64.powi(KEY_DECIMALS);
    LatLng::new((point.lat * scale).round() / scale, (point.lng * scale).round() / scale)
}

/// The cache's key for the place at `point`.
pub fn reverse_key(point: LatLng) -> String {
    let at = rounded(point);
    format!("{:.4},{:.4}", at.lat, at.lng)
}

/// A search as it is asked and cached (one line, lower case), or `None` when it is too short
/// or too long to ask.
pub fn search_key(query: &str) -> Option<String> {
    let key = one_line(query).to_lowercase();
    let chars = key.chars().count();
    (MIN_QUERY_CHARS..=MAX_QUERY_CHARS).contains(&chars).then_some(key)
}

/// The position a name is asked for (`lat`, `lng` in a query), or what is wrong with it: missing
/// or not a number, not on Earth, or outside the municipality's map (where no pin can be).
pub fn position_from_query<'a>(
    pairs: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    bounds: &BBox,
) -> Result<LatLng, FieldError> {
    let number = |field: &'static str| {
        pairs
            .clone()
            .find(|(key, _)| *key == field)
            .and_then(|(_, value)| value.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or(FieldError::new(field, FieldErrorCode::Required))
    };
    let point = LatLng::new(number("lat")?, number("lng")?);
    if !point.is_on_earth() {
        return Err(FieldError::new("lat", FieldErrorCode::NotOnEarth));
    }
    if !bounds.contains(point) {
        return Err(FieldError::new("lat", FieldErrorCode::OutsideArea));
    }
    Ok(point)
}

/// The name of the place at a position, as the edge answers it (none: nothing is known there).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PlaceName {
    pub name: Option<String>,
}

/// A place a search found: its name and where to move the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FoundPlace {
    pub name: String,
    pub lat: f64,
    pub lng: f64,
}

/// The street or named place in a geocoder's reverse answer (`{"address": {"road":
/// "Storgatan", "house_number": "12"}, "name": …}`), or `None` when it names none (an error, the
/// sea). Never the house number: a report's place is kept for statistics long after its
/// details are removed, and a number would name a door, perhaps a home.
pub fn street_of(answer: &Value) -> Option<String> {
    let address = answer.get("address");
    let part = |key: &str| address.and_then(|a| a.get(key)).and_then(Value::as_str).map(one_line);
    let street = ["road", "pedestrian", "footway", "cycleway", "path", "square", "place"]
        .iter()
        .find_map(|key| part(key).filter(|s| !s.is_empty()));
    let named = match street {
        Some(street) => street,
        None => answer.get("name").and_then(Value::as_str).map(one_line)?,
    };
    (!named.is_empty()).then(|| cut(&named))
}

/// The places in a geocoder's search answer (a list of `{"lat": "58.03", "lon": "12.80",
/// "display_name": "Storgatan, Centrum, Vårgårda, …"}`) that lie within `bounds`, named by the
/// first three parts of their address line. Anything else in the answer is left out.
pub fn found_places(answer: &Value, bounds: &BBox) -> Vec<FoundPlace> {
    let number = |item: &Value, key: &str| match item.get(key) {
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(v) => v.as_f64(),
        None => None,
    };
    let Some(items) = answer.as_array() else {
        return Vec::new();
    };
    let mut found: Vec<FoundPlace> = Vec::new();
    for item in items {
        let (Some(lat), Some(lng)) = (number(item, "lat"), number(item, "lon")) else {
            continue;
        };
        let line =
            item.get("display_name").or_else(|| item.get("name")).and_then(Value::as_str).unwrap_or("");
        let name = one_line(line).split(", ").take(3).collect::<Vec<_>>().join(", ");
        let point = LatLng::new(lat, lng);
        if name.is_empty() || !point.is_on_earth() || !bounds.contains(point) {
            continue;
        }
        if found.iter().all(|f| f.name != name) {
            found.push(FoundPlace { name: cut(&name), lat, lng });
        }
    }
    found.truncate(MAX_FOUND);
    found
}

/// How a place is said: the street (or named place), then the area it lies in when the street
/// does not already say it ("Storgatan, Centrum"); `None` when neither is known.
pub fn place_name(street: Option<&str>, area: Option<&str>) -> Option<String> {
    match (street.filter(|s| !s.is_empty()), area.filter(|a| !a.is_empty())) {
        (Some(street), Some(area)) if !street.contains(area) => Some(format!("{street}, {area}")),
        (Some(street), _) => Some(street.to_string()),
        (None, area) => area.map(str::to_string),
    }
}

/// The place at `point` by the municipality's own names: the nearest named feature of its
/// layers within [`NEAR_METRES`] ("vid {name}" is the caller's to say; here just the name),
/// then the area.
pub fn own_place_name(point: LatLng, areas: &[Area], layers: &[MapLayer]) -> Option<String> {
    let nearest = layers
        .iter()
        .flat_map(|layer| &layer.draft.features)
        .filter(|f| !f.name.is_empty())
        .map(|f| (distance_to(&f.shape, point), f.name.as_str()))
        .filter(|(d, _)| *d <= NEAR_METRES)
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name);
    place_name(nearest, area_of(areas, point).map(|a| a.name.as_str()))
}

/// The municipality's own places whose name holds `query` (its areas, its layers' named
/// features), areas first.
pub fn own_places_matching(query: &str, areas: &[Area], layers: &[MapLayer]) -> Vec<FoundPlace> {
    let Some(query) = search_key(query) else {
        return Vec::new();
    };
    let matches = |name: &str| name.to_lowercase().contains(&query);
    let from_areas = areas.iter().filter(|a| matches(&a.name)).filter_map(|a| {
        let centre = bounds_of(a.polygons.iter().flat_map(|p| p.rings.first().into_iter().flatten()))?;
        Some(FoundPlace { name: a.name.clone(), lat: centre.lat, lng: centre.lng })
    });
    let from_layers =
        layers.iter().flat_map(|l| &l.draft.features).filter(|f| matches(&f.name)).filter_map(|f| {
            let centre = match &f.shape {
                Shape::Point { at } => Some(*at),
                Shape::Line { points } => points.get(points.len() / 2).copied(),
                Shape::Polygon { polygon } => bounds_of(polygon.rings.first().into_iter().flatten()),
            }?;
            Some(FoundPlace { name: f.name.clone(), lat: centre.lat, lng: centre.lng })
        });
    let mut found: Vec<FoundPlace> = Vec::new();
    for place in from_areas.chain(from_layers) {
        if found.iter().all(|f| f.name != place.name) {
            found.push(place);
        }
    }
    found.truncate(MAX_FOUND);
    found
}

/// Metres from `point` to a shape: to a point, to the nearest part of a line, 0 inside an area.
fn distance_to(shape: &Shape, point: LatLng) -> f64 {
    match shape {
        Shape::Point { at } => distance_m(*at, point),
        Shape::Line { points } => match points.as_slice() {
            [only] => distance_m(*only, point),
            _ => points.windows(2).map(|w| to_segment(w[0], w[1], point)).fold(f64::INFINITY, f64::min),
        },
        Shape::Polygon { polygon } if polygon.contains(point) => 0.0,
        Shape::Polygon { polygon } => polygon
            .rings
            .iter()
            .flat_map(|ring| ring.iter().zip(ring.iter().cycle().skip(1)).take(ring.len()))
            .map(|(a, b)| to_segment(*a, *b, point))
            .fold(f64::INFINITY, f64::min),
    }
}

/// Metres from `p` to the segment `a`–`b`, on a plane scaled at `p`'s latitude.
fn to_segment(a: LatLng, b: LatLng, p: LatLng) -> f64 {
    let scale = p.lat.to_radians().cos();
    let (bx, by) = ((b.lng - a.lng) * scale, b.lat - a.lat);
    let (px, py) = ((p.lng - a.lng) * scale, p.lat - a.lat);
    let length = bx * bx + by * by;
    let t = if length == 0.0 { 0.0 } else { ((px * bx + py * by) / length).clamp(0.0, 1.0) };
    let nearest = LatLng::new(a.lat + t * by, a.lng + t * (b.lng - a.lng));
    distance_m(nearest, p)
}

/// The centre of the box around `points`, if there are any.
fn bounds_of<'a>(points: impl Iterator<Item = &'a LatLng>) -> Option<LatLng> {
    let mut points = points.peekable();
    points.peek()?;
    let (mut south, mut west, mut north, mut east) = (90.0f64, 180.0f64, -90.0f64, -180.0f64);
    for p in points {
        (south, north) = (south.min(p.lat), north.max(p.lat));
        (west, east) = (west.min(p.lng), east.max(p.lng));
    }
    Some(LatLng::new((south + north) / 2.0, (west + east) / 2.0))
}

fn cut(name: &str) -> String {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        Some((at, _)) => format!("{}…", name[..at].trim_end()),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::Polygon;
    use crate::map_layer::{LayerColour, LayerDraft, LayerFeature};
    use serde_json::json;

    fn square(id: &str, name: &str, south: f64, west: f64, size: f64) -> Area {
        let ring = vec![
            LatLng::new(south, west),
            LatLng::new(south, west + size),
            LatLng::new(south + size, west + size),
            LatLng::new(south + size, west),
        ];
        Area { id: id.into(), name: name.into(), polygons: vec![Polygon { rings: vec![ring] }] }
    }

    fn layer(features: Vec<LayerFeature>) -> MapLayer {
        MapLayer {
            id: 1,
            draft: LayerDraft { name: "Belysning".into(), colour: LayerColour::Blue, public: true, features },
        }
    }

    fn feature(shape: Shape, name: &str) -> LayerFeature {
        LayerFeature { shape, name: name.into() }
    }

    #[test]
    fn a_reverse_answer_names_the_street_but_not_the_house() {
        let answer =
            json!({"name": "", "address": {"road": "Storgatan", "house_number": "12", "suburb": "Centrum"}});
        assert_eq!(street_of(&answer).as_deref(), Some("Storgatan"));
        let path = json!({"address": {"footway": "Ågången"}});
        assert_eq!(street_of(&path).as_deref(), Some("Ågången"));
        let named = json!({"name": "Vårgårda station", "address": {"town": "Vårgårda"}});
        assert_eq!(street_of(&named).as_deref(), Some("Vårgårda station"));
        assert_eq!(street_of(&json!({"error": "Unable to geocode"})), None);
        assert_eq!(street_of(&json!([1, 2])), None);
        let long = json!({"address": {"road": "Väg ".repeat(60)}});
        assert!(street_of(&long).unwrap().ends_with('…'));
    }

    #[test]
    fn a_search_answer_keeps_places_inside_the_municipality() {
        let bounds = BBox::new(57.9, 12.6, 58.2, 13.0);
        let answer = json!([
            {"lat": "58.0337", "lon": "12.8083", "display_name": "Storgatan, Centrum, Vårgårda, Vårgårda kommun, Sverige"},
            {"lat": "59.3", "lon": "18.0", "display_name": "Storgatan, Stockholm"},
            {"lat": "x", "lon": "12.8", "display_name": "Trasig"},
            {"lat": "58.0337", "lon": "12.8083", "display_name": "Storgatan, Centrum, Vårgårda, annan"},
            {"lat": 58.05, "lon": 12.81, "name": "Kyrkan"},
        ]);
        let found = found_places(&answer, &bounds);
        let names: Vec<_> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Storgatan, Centrum, Vårgårda", "Kyrkan"]);
        assert_eq!((found[0].lat, found[0].lng), (58.0337, 12.8083));
        assert!(found_places(&json!({"error": "x"}), &bounds).is_empty());
    }

    #[test]
    fn positions_are_rounded_before_they_are_asked_about() {
        let settings = GeocoderSettings { url: "https://geo.example/nominatim".into() };
        let url = settings.reverse_url(LatLng::new(58.033_712_3, 12.808_349));
        assert!(
            url.starts_with("https://geo.example/nominatim/reverse?format=jsonv2&lat=58.0337&lon=12.8083&"),
            "{url}"
        );
        assert_eq!(reverse_key(LatLng::new(58.033_74, 12.808_26)), "58.0337,12.8083");
        assert_eq!(reverse_key(LatLng::new(58.033_76, 12.808_26)), "58.0338,12.8083");
        let search = settings.search_url("Storgatan 1&x", &BBox::new(57.9, 12.6, 58.2, 13.0));
        assert!(search.contains("q=Storgatan%201%26x&"), "{search}");
        assert!(search.contains("viewbox=12.6,58.2,13,57.9&bounded=1"), "{search}");
    }

    #[test]
    fn a_position_is_read_from_the_query_and_must_be_on_the_map() {
        let bounds = BBox::new(57.9, 12.6, 58.2, 13.0);
        let read =
            |query: &[(&'static str, &'static str)]| position_from_query(query.iter().copied(), &bounds);
        assert_eq!(read(&[("lat", "58.03"), ("lng", "12.8")]), Ok(LatLng::new(58.03, 12.8)));
        assert_eq!(read(&[("lng", "12.8")]), Err(FieldError::new("lat", FieldErrorCode::Required)));
        assert_eq!(
            read(&[("lat", "58"), ("lng", "NaN")]),
            Err(FieldError::new("lng", FieldErrorCode::Required))
        );
        assert_eq!(
            read(&[("lat", "95"), ("lng", "12.8")]),
            Err(FieldError::new("lat", FieldErrorCode::NotOnEarth))
        );
        assert_eq!(
            read(&[("lat", "59.3"), ("lng", "18")]),
            Err(FieldError::new("lat", FieldErrorCode::OutsideArea))
        );
    }

    #[test]
    fn searches_are_one_line_lower_case_and_of_a_sensible_length() {
        assert_eq!(search_key("  Stor\n GATAN ").as_deref(), Some("stor gatan"));
        assert_eq!(search_key("ab"), None);
        assert_eq!(search_key(&"a".repeat(101)), None);
    }

    #[test]
    fn the_settings_take_a_safe_address_or_none() {
        let ok = GeocoderSettings { url: " https://geo.example/ ".into() }.validated().unwrap();
        assert_eq!(ok.url, "https://geo.example");
        assert!(GeocoderSettings::default().validated().is_ok_and(|s| !s.is_configured()));
        for bad in ["http://geo.example", "https://geo.example/?key=1", "ftp://x", "javascript:alert(1)"] {
            let refused = GeocoderSettings { url: bad.into() }.validated();
            assert_eq!(refused, Err(("url", FieldErrorCode::InsecureUrl)), "{bad}");
        }
    }

    #[test]
    fn a_name_joins_street_and_area_unless_the_street_says_it() {
        assert_eq!(place_name(Some("Storgatan"), Some("Centrum")).as_deref(), Some("Storgatan, Centrum"));
        assert_eq!(place_name(Some("Centrum torg"), Some("Centrum")).as_deref(), Some("Centrum torg"));
        assert_eq!(place_name(None, Some("Norra")).as_deref(), Some("Norra"));
        assert_eq!(place_name(Some(""), None), None);
    }

    #[test]
    fn own_names_are_the_nearest_named_feature_and_the_area() {
        let areas = [square("centrum", "Centrum", 58.0, 12.8, 0.1)];
        let lamp = feature(Shape::Point { at: LatLng::new(58.0500, 12.8500) }, "Skolans belysning");
        let route = feature(
            Shape::Line { points: vec![LatLng::new(58.0600, 12.8000), LatLng::new(58.0600, 12.9000)] },
            "Trygga stråket",
        );
        let nameless = feature(Shape::Point { at: LatLng::new(58.0501, 12.8501) }, "");
        let layers = [layer(vec![lamp, route, nameless])];
        // 55 m from the lamp.
        let near_lamp = LatLng::new(58.0505, 12.8500);
        assert_eq!(own_place_name(near_lamp, &areas, &layers).as_deref(), Some("Skolans belysning, Centrum"));
        // 100 m from the middle of the route, far from its corners.
        let near_route = LatLng::new(58.0591, 12.8500);
        assert_eq!(own_place_name(near_route, &areas, &layers).as_deref(), Some("Trygga stråket, Centrum"));
        let far = LatLng::new(58.0200, 12.8200);
        assert_eq!(own_place_name(far, &areas, &layers).as_deref(), Some("Centrum"));
        assert_eq!(own_place_name(LatLng::new(59.0, 12.0), &areas, &layers), None);
    }

    #[test]
    fn own_places_are_found_by_part_of_their_name() {
        let areas =
            [square("centrum", "Centrum", 58.0, 12.8, 0.1), square("norra", "Norra", 58.1, 12.8, 0.1)];
        let lamp = feature(Shape::Point { at: LatLng::new(58.05, 12.85) }, "Centrumskolans belysning");
        let layers = [layer(vec![lamp])];
        let found = own_places_matching("CENTR", &areas, &layers);
        let names: Vec<_> = found.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["Centrum", "Centrumskolans belysning"]);
        assert!((found[0].lat - 58.05).abs() < 1e-9 && (found[0].lng - 12.85).abs() < 1e-9);
        assert!(own_places_matching("ce", &areas, &layers).is_empty());
        assert!(own_places_matching("söder", &areas, &layers).is_empty());
    }
}
