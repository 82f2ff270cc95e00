//! Exports of reports for GIS and spreadsheets: CSV (RFC 4180, UTF-8) and GeoJSON. Column
//! names are stable: tools and scripts built on them keep working across versions. The
//! contact e-mail is never exported.

use serde_json::{json, Value};

use crate::geo::{area_of, Area, LatLng};
use crate::report::times_to_column;
use crate::review::ModeratedReport;

pub const COLUMNS: [&str; 14] = [
    "case_number",
    "created_at",
    "category",
    "times",
    "status",
    "visibility",
    "area",
    "lat",
    "lng",
    "description",
    "public_comment",
    "merged_into",
    "reporter_group",
    // The questionnaire's answers as a JSON object keyed by question id (last, so that the
    // columns before it keep their places).
    "answers",
];

fn values(r: &ModeratedReport, areas: &[Area]) -> [String; 14] {
    let area = area_of(areas, LatLng::new(r.lat, r.lng)).map(|a| a.id.clone()).unwrap_or_default();
    [
        r.case_number.clone(),
        r.created_at.clone(),
        r.category.clone(),
        times_to_column(&r.times),
        r.review.status.id().to_string(),
        r.review.visibility.id().to_string(),
        area,
        format!("{:.6}", r.lat),
        format!("{:.6}", r.lng),
        r.review.description.clone(),
        r.review.public_comment.clone(),
        r.review.merged_into.clone().unwrap_or_default(),
        r.reporter_group.id().to_string(),
        match r.all_answers() {
            all if all.is_empty() => String::new(),
            all => serde_json::to_string(&all).unwrap_or_default(),
        },
    ]
}

/// A CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula.
fn field(value: &str) -> String {
    let defused = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused
    }
}

pub fn csv(reports: &[ModeratedReport], areas: &[Area]) -> String {
    let header = COLUMNS.iter().map(|c| c.to_string()).collect();
    let rows: Vec<Vec<String>> =
        std::iter::once(header).chain(reports.iter().map(|r| values(r, areas).to_vec())).collect();
    csv_rows(&rows)
}

/// Rows (the first being the header) as RFC 4180 CSV with CRLF line ends, formulas defused.
pub fn csv_rows(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let fields: Vec<String> = row.iter().map(|v| field(v)).collect();
        out += &fields.join(",");
        out += "\r\n";
    }
    out
}

pub fn geojson(reports: &[ModeratedReport], areas: &[Area]) -> Value {
    let features: Vec<Value> = reports
        .iter()
        .map(|r| {
            let properties: serde_json::Map<String, Value> = COLUMNS
                .iter()
                .zip(values(r, areas))
                .filter(|(name, _)| !matches!(**name, "lat" | "lng" | "answers"))
                .map(|(name, value)| (name.to_string(), Value::String(value)))
                .chain([("answers".to_string(), json!(r.all_answers()))])
                .collect();
            json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [r.lng, r.lat] },
                "properties": properties,
            })
        })
        .collect();
    json!({ "type": "FeatureCollection", "features": features })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::moderation::Visibility;
    use crate::report::{ReportStatus, TimeOfDay};
    use crate::review::ReviewState;

    fn report(description: &str) -> ModeratedReport {
        ModeratedReport {
            answers: Default::default(),
            reporter_group: Default::default(),
            case_number: "2026-0042".into(),
            lat: 58.0337,
            lng: 12.8083,
            category: "graffiti".into(),
            times: vec![TimeOfDay::Evening, TimeOfDay::Night],
            contact_email: Some("hemlig@example.se".into()),
            created_at: "2026-11-22T10:00:00.000Z".into(),
            review: ReviewState {
                status: ReportStatus::InProgress,
                visibility: Visibility::Approved,
                rejection_reason: None,
                public_comment: "Sanerat".into(),
                description: description.into(),
                description_public: true,
                merged_into: None,
                answer_texts: Default::default(),
            },
        }
    }

    #[test]
    fn csv_has_stable_columns_quoting_and_no_e_mail() {
        let out = csv(&[report("Klotter, \"tags\" och\nmer"), report("=HYPERLINK(\"x\")")], &[]);
        let mut lines = out.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("case_number,created_at,category,times,status,visibility,area,lat,lng,description,public_comment,merged_into,reporter_group,answers")
        );
        assert!(out.contains("2026-0042,2026-11-22T10:00:00.000Z,graffiti,\"evening,night\",in_progress,approved,,58.033700,12.808300,\"Klotter, \"\"tags\"\" och\nmer\",Sanerat,,resident,\r\n"));
        assert!(out.contains(",\"'=HYPERLINK(\"\"x\"\")\","), "formulas are defused: {out}");
        assert!(!out.contains("hemlig@example.se"));
        assert_eq!(field("-12.5"), "-12.5", "negative numbers stay numbers");
    }

    #[test]
    fn answers_are_one_json_column_and_a_geojson_object() {
        let mut answered = report("Mörkt");
        answered.answers.insert("how-unsafe".into(), crate::questionnaire::AnswerValue::Number(4));
        answered
            .review
            .answer_texts
            .insert("idea".into(), crate::questionnaire::AnswerValue::Text("Lampor".into()));
        let out = csv(&[answered.clone()], &[]);
        assert!(out.ends_with(",\"{\"\"how-unsafe\"\":4,\"\"idea\"\":\"\"Lampor\"\"}\"\r\n"), "{out}");
        let properties = &geojson(&[answered], &[])["features"][0]["properties"];
        assert_eq!(properties["answers"], json!({ "how-unsafe": 4, "idea": "Lampor" }));
    }

    #[test]
    fn geojson_is_a_feature_collection_of_points_in_lng_lat_order() {
        let value = geojson(&[report("Klotter")], &[]);
        assert_eq!(value["type"], "FeatureCollection");
        let feature = &value["features"][0];
        assert_eq!(feature["geometry"]["coordinates"], json!([12.8083, 58.0337]));
        assert_eq!(feature["properties"]["case_number"], "2026-0042");
        assert_eq!(feature["properties"]["times"], "evening,night");
        assert!(feature["properties"].get("lat").is_none());
        assert!(!value.to_string().contains("hemlig@example.se"));
    }
}
