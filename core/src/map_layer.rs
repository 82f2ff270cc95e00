//! The municipality's own map layers (street lighting, safe routes, camera-monitored places,
//! planned measures, the areas themselves): uploaded as GeoJSON from its GIS, checked here
//! before anything is stored, drawn in the console and, where the municipality allows it, in
//! the resident widget. A layer keeps only what is drawn: each feature's shape and name.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::field_error::FieldErrorCode;
use crate::geo::{LatLng, Polygon};

/// The largest upload read at all (a municipality's lighting is a few thousand points, well
/// under a megabyte); larger files are refused before they are parsed.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// Features in one layer.
pub const MAX_FEATURES: usize = 10_000;
/// Corners in one layer, all features together: what a phone draws without stalling, and
/// what fits one stored row (D1 keeps rows under 2 MB; a corner is ~35 bytes stored).
pub const MAX_CORNERS: usize = 40_000;
/// Corners in one ring: each ring is checked for crossing itself, pair of edges by pair, so a
/// ring is kept to what that check does within a request's time. GIS programs simplify an
/// outline to this in one step.
pub const MAX_RING_CORNERS: usize = 2_000;
/// A layer's and a feature's name.
pub const MAX_NAME_CHARS: usize = 120;

/// A small palette that people with the common colour-vision deficiencies tell apart (Okabe &
/// Ito), each dark or strong enough to read against map tiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LayerColour {
    Blue,
    Orange,
    Green,
    Vermillion,
    Purple,
    Black,
}

impl LayerColour {
    pub const ALL: [LayerColour; 6] =
        [Self::Blue, Self::Orange, Self::Green, Self::Vermillion, Self::Purple, Self::Black];

    pub fn id(self) -> &'static str {
        match self {
            Self::Blue => "blue",
            Self::Orange => "orange",
            Self::Green => "green",
            Self::Vermillion => "vermillion",
            Self::Purple => "purple",
            Self::Black => "black",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.id() == id)
    }

    /// The colour as CSS and Leaflet take it.
    pub fn hex(self) -> &'static str {
        match self {
            Self::Blue => "#0072b2",
            Self::Orange => "#e69f00",
            Self::Green => "#009e73",
            Self::Vermillion => "#d55e00",
            Self::Purple => "#cc79a7",
            Self::Black => "#1a1a1a",
        }
    }
}

/// What an admin uploads: the layer's name, its colour, whether residents may see it, and the
/// GeoJSON file as it came from the GIS program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LayerUpload {
    pub name: String,
    pub colour: LayerColour,
    /// Shown in the resident widget too (otherwise only in the console).
    #[serde(default)]
    pub public: bool,
    pub geojson: Value,
}

/// A checked layer: what is stored and drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LayerDraft {
    pub name: String,
    pub colour: LayerColour,
    pub public: bool,
    pub features: Vec<LayerFeature>,
}

/// A stored layer of the municipality.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MapLayer {
    pub id: i64,
    #[serde(flatten)]
    pub draft: LayerDraft,
}

impl LayerUpload {
    /// The layer, or the first thing wrong with the upload.
    pub fn validated(&self) -> Result<LayerDraft, LayerRefused> {
        let name = crate::text::one_line(&self.name);
        let refused = |code| LayerRefused { path: "name".into(), code };
        if name.is_empty() {
            return Err(refused(FieldErrorCode::Required));
        }
        if crate::text::char_len(&name) > MAX_NAME_CHARS {
            return Err(refused(FieldErrorCode::TooLong));
        }
        let features = features_from_geojson(&self.geojson)?;
        Ok(LayerDraft { name, colour: self.colour, public: self.public, features })
    }
}

/// A corner or place as residents' layers carry it: `[lat, lng]`.
pub type Corner = [f64; 2];

/// A public layer as residents get it: its shapes as plain lists of `[lat, lng]`, without the
/// features' names or anything else. Short to send to a phone, and cheap for the widget to read
/// (the console's type, with a tag on each shape, costs the report form's download several
/// kilobytes of reading code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct PublicLayer {
    pub id: i64,
    pub name: String,
    pub colour: LayerColour,
    /// Places, each a dot.
    #[serde(default)]
    pub points: Vec<Corner>,
    /// Lines, each its corners in order.
    #[serde(default)]
    pub lines: Vec<Vec<Corner>>,
    /// Areas, each its rings: the outline first, then its holes.
    #[serde(default)]
    pub areas: Vec<Vec<Vec<Corner>>>,
}

impl MapLayer {
    /// The layer as residents get it (see [`PublicLayer`]).
    pub fn for_residents(&self) -> PublicLayer {
        let corner = |p: &LatLng| [p.lat, p.lng];
        let mut layer = PublicLayer {
            id: self.id,
            name: self.draft.name.clone(),
            colour: self.draft.colour,
            points: Vec::new(),
            lines: Vec::new(),
            areas: Vec::new(),
        };
        for feature in &self.draft.features {
            match &feature.shape {
                Shape::Point { at } => layer.points.push(corner(at)),
                Shape::Line { points } => layer.lines.push(points.iter().map(corner).collect()),
                Shape::Polygon { polygon } => {
                    layer.areas.push(polygon.rings.iter().map(|r| r.iter().map(corner).collect()).collect())
                }
            }
        }
        layer
    }
}

/// What a layer's features are: the console's list says it ("120 punkter") and a legend draws
/// the symbol of what most of them are (a dot, a line, an area).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShapeCounts {
    pub points: usize,
    pub lines: usize,
    pub areas: usize,
}

/// The symbol a legend shows for a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeKind {
    Point,
    Line,
    Area,
}

impl ShapeKind {
    pub fn id(self) -> &'static str {
        match self {
            Self::Point => "point",
            Self::Line => "line",
            Self::Area => "area",
        }
    }
}

impl ShapeCounts {
    /// What most features are; lines before points and areas before lines when as many.
    pub fn main_kind(self) -> ShapeKind {
        if self.areas >= self.lines && self.areas >= self.points && self.areas > 0 {
            ShapeKind::Area
        } else if self.lines >= self.points && self.lines > 0 {
            ShapeKind::Line
        } else {
            ShapeKind::Point
        }
    }
}

impl LayerDraft {
    pub fn shape_counts(&self) -> ShapeCounts {
        let mut counts = ShapeCounts::default();
        for feature in &self.features {
            match feature.shape {
                Shape::Point { .. } => counts.points += 1,
                Shape::Line { .. } => counts.lines += 1,
                Shape::Polygon { .. } => counts.areas += 1,
            }
        }
        counts
    }
}

/// Why an upload is not a layer, and where in the file (`geojson.features[3].geometry`): the
/// edge answers it as a 422 field error under that path, and stores nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRefused {
    pub path: String,
    pub code: FieldErrorCode,
}

/// What a feature draws: a place, a line (a safe route) or an area (with holes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Shape {
    Point { at: LatLng },
    Line { points: Vec<LatLng> },
    Polygon { polygon: Polygon },
}

impl Shape {
    fn corners(&self) -> usize {
        match self {
            Shape::Point { .. } => 1,
            Shape::Line { points } => points.len(),
            Shape::Polygon { polygon } => polygon.rings.iter().map(Vec::len).sum(),
        }
    }
}

/// One drawn feature and its name from the file (`name`/`namn`), if it had one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LayerFeature {
    #[serde(flatten)]
    pub shape: Shape,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
}

/// The features of an uploaded GeoJSON file (a FeatureCollection, a Feature or a bare
/// geometry; Multi… geometries become one feature per part), or the first thing wrong with it,
/// named by its place in the file (`geojson.features[3].geometry`).
pub fn features_from_geojson(geojson: &Value) -> Result<Vec<LayerFeature>, LayerRefused> {
    use FieldErrorCode::*;
    let refused = |at: String, code| LayerRefused { path: format!("geojson{at}"), code };
    let features: Vec<(String, &Value)> = match geojson.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => geojson
            .get("features")
            .and_then(Value::as_array)
            .ok_or_else(|| refused(".features".into(), Required))?
            .iter()
            .enumerate()
            .map(|(i, f)| (format!(".features[{i}]"), f))
            .collect(),
        Some("Feature") => vec![(String::new(), geojson)],
        Some(_) if geojson.get("coordinates").is_some() => vec![(String::new(), geojson)],
        _ => return Err(refused(".type".into(), InvalidChoice)),
    };
    if features.len() > MAX_FEATURES {
        return Err(refused(".features".into(), TooLong));
    }
    let mut out = Vec::new();
    let mut corners = 0;
    for (at, feature) in features {
        let (geometry, name) = match feature.get("type").and_then(Value::as_str) {
            Some("Feature") => (feature.get("geometry").unwrap_or(&Value::Null), name_of(feature)),
            _ => (feature, String::new()),
        };
        let at = match feature.get("type").and_then(Value::as_str) {
            Some("Feature") => format!("{at}.geometry"),
            _ => at,
        };
        for shape in shapes(geometry).map_err(|code| refused(at.clone(), code))? {
            corners += shape.corners();
            if corners > MAX_CORNERS {
                return Err(refused(at, TooLong));
            }
            out.push(LayerFeature { shape, name: name.clone() });
        }
    }
    if out.is_empty() {
        return Err(refused(".features".into(), Required));
    }
    Ok(out)
}

/// The feature's name from its properties, as the areas read theirs.
fn name_of(feature: &Value) -> String {
    let props = feature.get("properties").unwrap_or(&Value::Null);
    ["name", "namn", "NAMN", "NAME"]
        .iter()
        .find_map(|k| props.get(k).and_then(Value::as_str))
        // One line (it labels a place), shown as text wherever it is shown.
        .map(crate::text::one_line)
        .map(|n| n.chars().take(MAX_NAME_CHARS).collect())
        .unwrap_or_default()
}

fn shapes(geometry: &Value) -> Result<Vec<Shape>, FieldErrorCode> {
    use FieldErrorCode::*;
    let coordinates = geometry.get("coordinates").ok_or(Required)?;
    let parts = |c: &Value| c.as_array().cloned().ok_or(InvalidChoice);
    match geometry.get("type").and_then(Value::as_str) {
        Some("Point") => Ok(vec![Shape::Point { at: position(coordinates)? }]),
        Some("MultiPoint") => {
            parts(coordinates)?.iter().map(|p| Ok(Shape::Point { at: position(p)? })).collect()
        }
        Some("LineString") => Ok(vec![Shape::Line { points: line(coordinates)? }]),
        Some("MultiLineString") => {
            parts(coordinates)?.iter().map(|l| Ok(Shape::Line { points: line(l)? })).collect()
        }
        Some("Polygon") => Ok(vec![Shape::Polygon { polygon: polygon(coordinates)? }]),
        Some("MultiPolygon") => {
            parts(coordinates)?.iter().map(|p| Ok(Shape::Polygon { polygon: polygon(p)? })).collect()
        }
        _ => Err(InvalidChoice),
    }
}

/// A GeoJSON position: `[longitude, latitude]` (a height after them is ignored).
fn position(value: &Value) -> Result<LatLng, FieldErrorCode> {
    let pair = value.as_array().filter(|p| p.len() >= 2).ok_or(FieldErrorCode::InvalidChoice)?;
    let (lng, lat) = (pair[0].as_f64(), pair[1].as_f64());
    let point = lat.zip(lng).map(|(lat, lng)| LatLng::new(lat, lng)).ok_or(FieldErrorCode::InvalidChoice)?;
    point.is_on_earth().then_some(point).ok_or(FieldErrorCode::NotOnEarth)
}

fn positions(value: &Value) -> Result<Vec<LatLng>, FieldErrorCode> {
    value.as_array().ok_or(FieldErrorCode::InvalidChoice)?.iter().map(position).collect()
}

fn line(value: &Value) -> Result<Vec<LatLng>, FieldErrorCode> {
    let points = positions(value)?;
    (points.len() >= 2).then_some(points).ok_or(FieldErrorCode::InvalidChoice)
}

/// Rings of at least three corners (closing them by repeating the first is optional and
/// dropped), none crossing itself.
fn polygon(value: &Value) -> Result<Polygon, FieldErrorCode> {
    let mut rings = Vec::new();
    for ring in value.as_array().ok_or(FieldErrorCode::InvalidChoice)? {
        let mut ring = positions(ring)?;
        if ring.len() > 1 && ring.first() == ring.last() {
            ring.pop();
        }
        if ring.len() < 3 {
            return Err(FieldErrorCode::InvalidChoice);
        }
        if ring.len() > MAX_RING_CORNERS {
            return Err(FieldErrorCode::TooLong);
        }
        if crosses_itself(&ring) {
            return Err(FieldErrorCode::SelfIntersecting);
        }
        rings.push(ring);
    }
    if rings.is_empty() {
        return Err(FieldErrorCode::InvalidChoice);
    }
    Ok(Polygon { rings })
}

/// Whether two edges of the closed ring that do not share a corner touch or cross (a bow tie,
/// a ring through itself): such a polygon has no inside that GIS programs and the map agree on.
fn crosses_itself(ring: &[LatLng]) -> bool {
    let n = ring.len();
    let edge = |i: usize| (ring[i], ring[(i + 1) % n]);
    (0..n).any(|i| {
        // Neighbours share a corner; the last edge neighbours the first.
        (i + 2..n).filter(|&j| !(i == 0 && j == n - 1)).any(|j| {
            let (a, b) = edge(i);
            let (c, d) = edge(j);
            segments_meet(a, b, c, d)
        })
    })
}

/// Segments ab and cd share a point (orientation test, touching included).
fn segments_meet(a: LatLng, b: LatLng, c: LatLng, d: LatLng) -> bool {
    let orient = |p: LatLng, q: LatLng, r: LatLng| {
        let v = (q.lng - p.lng) * (r.lat - p.lat) - (q.lat - p.lat) * (r.lng - p.lng);
        if v > 0.0 {
            1
        } else if v < 0.0 {
            -1
        } else {
            0
        }
    };
    let within = |p: LatLng, q: LatLng, r: LatLng| {
        r.lng >= p.lng.min(q.lng)
            && r.lng <= p.lng.max(q.lng)
            && r.lat >= p.lat.min(q.lat)
            && r.lat <= p.lat.max(q.lat)
    };
    let (o1, o2, o3, o4) = (orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b));
    (o1 != o2 && o3 != o4)
        || (o1 == 0 && within(a, b, c))
        || (o2 == 0 && within(a, b, d))
        || (o3 == 0 && within(c, d, a))
        || (o4 == 0 && within(c, d, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn code(value: Value) -> (String, FieldErrorCode) {
        let refused = features_from_geojson(&value).unwrap_err();
        (refused.path, refused.code)
    }

    #[test]
    fn a_layer_is_counted_by_shape_and_shown_by_what_most_features_are() {
        let upload = |geometries: Vec<Value>| LayerUpload {
            name: "Lager".into(),
            colour: LayerColour::Blue,
            public: false,
            geojson: json!({ "type": "FeatureCollection", "features": geometries.into_iter()
                .map(|g| json!({ "type": "Feature", "properties": {}, "geometry": g }))
                .collect::<Vec<_>>() }),
        };
        let point = json!({ "type": "Point", "coordinates": [12.8, 58.0] });
        let line = json!({ "type": "LineString", "coordinates": [[12.8, 58.0], [12.81, 58.01]] });
        let area = json!({ "type": "Polygon", "coordinates": [[[12.8, 58.0], [12.81, 58.0], [12.81, 58.01], [12.8, 58.0]]] });
        let layer = |g| upload(g).validated().map(|d| d.shape_counts());
        let three_points_one_line = layer(vec![point.clone(), point.clone(), point.clone(), line.clone()]);
        let counts = three_points_one_line.unwrap();
        assert_eq!(counts, ShapeCounts { points: 3, lines: 1, areas: 0 });
        assert_eq!(counts.main_kind(), ShapeKind::Point);
        assert_eq!(layer(vec![line.clone(), point.clone()]).unwrap().main_kind(), ShapeKind::Line);
        assert_eq!(layer(vec![area, line, point]).unwrap().main_kind(), ShapeKind::Area);
    }

    #[test]
    fn the_stylesheets_draw_the_legend_in_the_palette_s_colours() {
        // The legends' symbols are coloured by class (no inline styles under a strict CSP).
        let sheets = [
            include_str!("../../widget/assets/tryggve.css"),
            include_str!("../../console/assets/console.css"),
        ];
        for sheet in sheets {
            for colour in LayerColour::ALL {
                let rule = format!(".layer-colour-{} {{ --layer: {}; }}", colour.id(), colour.hex());
                assert!(sheet.contains(&rule), "{rule}");
            }
        }
    }

    #[test]
    fn residents_get_a_layer_as_plain_lists_without_the_features_names() {
        let upload = LayerUpload {
            name: "Trygga stråk".into(),
            colour: LayerColour::Green,
            public: true,
            geojson: json!({ "type": "FeatureCollection", "features": [
                { "type": "Feature", "properties": { "name": "Stolpe 1" },
                  "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } },
                { "type": "Feature", "properties": { "name": "Stråket" },
                  "geometry": { "type": "LineString", "coordinates": [[12.8, 58.0], [12.81, 58.01]] } },
                { "type": "Feature", "properties": {}, "geometry": { "type": "Polygon",
                  "coordinates": [[[12.8, 58.0], [12.81, 58.0], [12.81, 58.01], [12.8, 58.0]]] } },
            ] }),
        };
        let layer = MapLayer { id: 7, draft: upload.validated().unwrap() };
        let public = layer.for_residents();
        assert_eq!(public.points, vec![[58.0, 12.8]]);
        assert_eq!(public.lines, vec![vec![[58.0, 12.8], [58.01, 12.81]]]);
        assert_eq!(public.areas[0][0].len(), 3, "the ring without its closing corner, as stored");
        let sent = serde_json::to_string(&public).unwrap();
        assert!(!sent.contains("Stolpe") && !sent.contains("Stråket\""), "{sent}");
        assert_eq!(serde_json::from_str::<PublicLayer>(&sent).unwrap(), public);
    }

    #[test]
    fn points_lines_and_polygons_are_read_longitude_first_with_their_names() {
        let file = json!({ "type": "FeatureCollection", "features": [
            { "type": "Feature", "properties": { "namn": "Lykta 12" },
              "geometry": { "type": "Point", "coordinates": [12.81, 58.03, 40.0] } },
            { "type": "Feature", "properties": { "name": "Tryggt stråk" },
              "geometry": { "type": "LineString", "coordinates": [[12.80, 58.03], [12.82, 58.04]] } },
            { "type": "Feature", "properties": null,
              "geometry": { "type": "MultiPolygon", "coordinates": [
                  [[[12.80, 58.03], [12.81, 58.03], [12.81, 58.04], [12.80, 58.03]]],
                  [[[12.90, 58.03], [12.91, 58.03], [12.91, 58.04]]] ] } },
        ] });
        let features = features_from_geojson(&file).unwrap();
        assert_eq!(features.len(), 4, "a MultiPolygon of two is two features");
        assert_eq!(features[0].shape, Shape::Point { at: LatLng::new(58.03, 12.81) });
        assert_eq!(features[0].name, "Lykta 12");
        assert!(matches!(&features[1].shape, Shape::Line { points } if points.len() == 2));
        let Shape::Polygon { polygon } = &features[2].shape else { panic!("{:?}", features[2]) };
        assert_eq!(polygon.rings[0].len(), 3, "the closing corner is dropped");
        assert_eq!(features[3].name, "");
    }

    #[test]
    fn a_bare_geometry_or_a_single_feature_is_a_layer_too() {
        let point = json!({ "type": "Point", "coordinates": [12.8, 58.0] });
        assert_eq!(features_from_geojson(&point).unwrap().len(), 1);
        let feature = json!({ "type": "Feature", "geometry": point });
        assert_eq!(features_from_geojson(&feature).unwrap().len(), 1);
    }

    #[test]
    fn wrong_types_are_refused_where_they_are() {
        use FieldErrorCode::*;
        assert_eq!(code(json!({ "type": "Topology" })), ("geojson.type".into(), InvalidChoice));
        assert_eq!(code(json!([1, 2])), ("geojson.type".into(), InvalidChoice));
        let circle = json!({ "type": "FeatureCollection", "features": [
            { "type": "Feature", "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } },
            { "type": "Feature", "geometry": { "type": "Circle", "coordinates": [12.8, 58.0] } },
        ] });
        assert_eq!(code(circle), ("geojson.features[1].geometry".into(), InvalidChoice));
        let text = json!({ "type": "Point", "coordinates": ["12.8", "58.0"] });
        assert_eq!(code(text).1, InvalidChoice);
        let lonely = json!({ "type": "LineString", "coordinates": [[12.8, 58.0]] });
        assert_eq!(code(lonely).1, InvalidChoice);
        assert_eq!(code(json!({ "type": "FeatureCollection", "features": [] })).1, Required);
        let no_geometry = json!({ "type": "Feature", "properties": {}, "geometry": null });
        assert_eq!(code(no_geometry).1, Required);
    }

    #[test]
    fn coordinates_out_of_range_are_refused() {
        let swapped = json!({ "type": "Point", "coordinates": [58.0, 120.0] });
        assert_eq!(code(swapped).1, FieldErrorCode::NotOnEarth);
        let line = json!({ "type": "LineString", "coordinates": [[12.8, 58.0], [200.0, 58.0]] });
        assert_eq!(code(line).1, FieldErrorCode::NotOnEarth);
    }

    #[test]
    fn a_polygon_crossing_itself_is_refused_and_a_plain_one_is_not() {
        let bow_tie = json!({ "type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 1.0], [1.0, 0.0], [0.0, 1.0], [0.0, 0.0]]] });
        assert_eq!(code(bow_tie).1, FieldErrorCode::SelfIntersecting);
        let square = json!({ "type": "Polygon", "coordinates": [[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]] });
        assert!(features_from_geojson(&square).is_ok());
        // A ring that comes back to touch one of its own corners.
        let pinched = json!({ "type": "Polygon", "coordinates": [[[0.0, 0.0], [2.0, 0.0], [1.0, 1.0], [2.0, 2.0], [0.0, 2.0], [1.0, 1.0]]] });
        assert_eq!(code(pinched).1, FieldErrorCode::SelfIntersecting);
        let hole_crossing = json!({ "type": "Polygon", "coordinates": [
            [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]],
            [[1.0, 1.0], [3.0, 3.0], [3.0, 1.0], [1.0, 3.0]] ] });
        assert_eq!(code(hole_crossing).1, FieldErrorCode::SelfIntersecting);
    }

    #[test]
    fn too_many_features_or_corners_are_refused() {
        let point =
            json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } });
        let many = json!({ "type": "FeatureCollection", "features": vec![point; MAX_FEATURES + 1] });
        assert_eq!(code(many), ("geojson.features".into(), FieldErrorCode::TooLong));
        let ring: Vec<Value> = (0..=MAX_RING_CORNERS)
            .map(|i| {
                let t = i as f64 / (MAX_RING_CORNERS + 1) as f64 * std::f64::consts::TAU;
                json!([12.8 + 0.01 * t.cos(), 58.0 + 0.01 * t.sin()])
            })
            .collect();
        assert_eq!(code(json!({ "type": "Polygon", "coordinates": [ring] })).1, FieldErrorCode::TooLong);
    }

    #[test]
    fn names_are_one_clean_line() {
        let feature = json!({ "type": "Feature", "properties": { "name": "Lykta\n<b>12</b>  " },
            "geometry": { "type": "Point", "coordinates": [12.8, 58.0] } });
        let name = &features_from_geojson(&feature).unwrap()[0].name;
        assert!(!name.contains('\n'), "{name}");
    }

    #[test]
    fn an_upload_needs_a_name_and_a_layer() {
        let upload = |name: &str| LayerUpload {
            name: name.into(),
            colour: LayerColour::Orange,
            public: true,
            geojson: json!({ "type": "Point", "coordinates": [12.8, 58.0] }),
        };
        let layer = upload("  Gatubelysning\n Centrum ").validated().unwrap();
        assert_eq!((layer.name.as_str(), layer.features.len()), ("Gatubelysning Centrum", 1));
        assert_eq!(
            upload(" ").validated().unwrap_err(),
            LayerRefused { path: "name".into(), code: FieldErrorCode::Required }
        );
        assert_eq!(upload(&"x".repeat(121)).validated().unwrap_err().code, FieldErrorCode::TooLong);
        let typo: Result<LayerUpload, _> =
            serde_json::from_value(json!({ "name": "x", "colour": "red", "geojson": {} }));
        assert!(typo.is_err(), "only the palette's colours");
    }

    #[test]
    fn the_palette_is_six_distinct_colours() {
        let mut hex: Vec<&str> = LayerColour::ALL.iter().map(|c| c.hex()).collect();
        hex.sort();
        hex.dedup();
        assert_eq!(hex.len(), 6);
        assert_eq!(serde_json::to_value(LayerColour::Vermillion).unwrap(), json!("vermillion"));
    }
}
