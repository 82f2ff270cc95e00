//! Exports of reports. For machines (GIS, scripts): CSV (RFC 4180, UTF-8, comma) and GeoJSON,
//! with stable column names and ISO times, so tools built on them keep working across versions.
//! For people: [`reports_sheet`], a table in words (labels, local times, one column per
//! question) that `spreadsheet` writes as Excel CSV or .xlsx. The contact e-mail is never
//! exported.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::category::CategoryNames;
use crate::geo::{area_of, Area, LatLng};
use crate::i18n::I18n;
use crate::questionnaire::{text_in, AnswerValue, Question};
use crate::report::times_to_column;
use crate::review::ModeratedReport;
use crate::spreadsheet::{Cell, Sheet};

pub const COLUMNS: [&str; 15] = [
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
    "place",
    // The questionnaire's answers as a JSON object keyed by question id (last, so that the
    // columns before it keep their places).
    "answers",
];

fn values(r: &ModeratedReport, areas: &[Area]) -> [String; 15] {
    let area = area_of(areas, LatLng::new(r.lat, r.lng)).map(|a| a.id.clone()).unwrap_or_default();
    [
        r.case_number.clone(),
        r.created_at.clone(),
        r.review.category.clone(),
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
        r.place.clone().unwrap_or_default(),
        match r.all_answers() {
            all if all.is_empty() => String::new(),
            all => serde_json::to_string(&all).unwrap_or_default(),
        },
    ]
}

/// A text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a carriage return
/// first) with an apostrophe before it, which makes it text; a plain number stays as it is.
pub fn defuse_formula(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) && value.parse::<f64>().is_err() {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

/// A CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula.
fn field(value: &str) -> String {
    let defused = defuse_formula(value);
    if defused.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", defused.replace('"', "\"\""))
    } else {
        defused.into_owned()
    }
}

pub fn csv(reports: &[ModeratedReport], areas: &[Area]) -> String {
    csv_header() + &csv_lines(reports, areas)
}

/// The machine CSV's header line.
pub fn csv_header() -> String {
    csv_rows(&[COLUMNS.iter().map(|c| c.to_string()).collect()])
}

/// The machine CSV's lines of `reports`, without the header.
pub fn csv_lines(reports: &[ModeratedReport], areas: &[Area]) -> String {
    let rows: Vec<Vec<String>> = reports.iter().map(|r| values(r, areas).to_vec()).collect();
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

/// The reports as a coordinator reads them in a spreadsheet: labels in `i18n`'s language
/// instead of codes, times in Stockholm time, the area's name, and the municipality's questions
/// in columns of their own (answers to questions no longer asked after them, by id).
pub fn reports_sheet(
    reports: &[ModeratedReport],
    areas: &[Area],
    questions: &[Question],
    categories: &CategoryNames,
    i18n: &I18n,
) -> Sheet {
    let answered = reports.iter().flat_map(|r| r.answers.keys().chain(r.review.answer_texts.keys()));
    let layout = SheetLayout::new(questions.to_vec(), answered.map(String::as_str), categories.clone());
    Sheet {
        name: i18n.t("console-export-sheet-reports"),
        columns: layout.columns(i18n),
        rows: reports.iter().map(|r| layout.row(r, areas, i18n)).collect(),
    }
}

/// The columns of the sheet in words: the fixed ones, one per current question, then one per
/// question no longer asked that a report answered.
#[derive(Debug, Clone)]
pub struct SheetLayout {
    questions: Vec<Question>,
    removed: Vec<String>,
    categories: CategoryNames,
}

impl SheetLayout {
    /// `answered`: the ids of every question the exported reports answered (repeats allowed).
    pub fn new<'a>(
        questions: Vec<Question>,
        answered: impl IntoIterator<Item = &'a str>,
        categories: CategoryNames,
    ) -> Self {
        let removed: BTreeSet<&str> =
            answered.into_iter().filter(|id| !questions.iter().any(|q| q.id == *id)).collect();
        let removed = removed.into_iter().map(String::from).collect();
        Self { questions, removed, categories }
    }

    pub fn columns(&self, i18n: &I18n) -> Vec<String> {
        let lang = i18n.locale.tag();
        SHEET_COLUMNS
            .iter()
            .map(|key| i18n.t(key))
            .chain(self.questions.iter().map(|q| text_in(&q.text, lang).to_string()))
            .chain(
                self.removed
                    .iter()
                    .map(|id| i18n.t_with("console-export-removed-question", &[("id", id.as_str())])),
            )
            .collect()
    }

    pub fn row(&self, r: &ModeratedReport, areas: &[Area], i18n: &I18n) -> Vec<Cell> {
        let lang = i18n.locale.tag();
        let review = &r.review;
        let area = area_of(areas, LatLng::new(r.lat, r.lng)).map(|a| a.name.clone()).unwrap_or_default();
        let times: Vec<String> = r.times.iter().map(|t| i18n.t(&t.label_key())).collect();
        let answers = r.all_answers();
        let fixed = [
            Cell::text(&r.case_number),
            Cell::time(&r.created_at),
            Cell::text(self.categories.name(&r.review.category, i18n)),
            Cell::text(times.join(", ")),
            Cell::text(i18n.t(&review.status.label_key())),
            Cell::text(i18n.t(&review.visibility.label_key())),
            Cell::text(review.rejection_reason.map(|reason| i18n.t(&reason.label_key())).unwrap_or_default()),
            Cell::text(area),
            Cell::Number(round6(r.lat)),
            Cell::Number(round6(r.lng)),
            Cell::text(&review.description),
            Cell::text(&review.public_comment),
            Cell::text(review.merged_into.clone().unwrap_or_default()),
            Cell::text(i18n.t(&r.reporter_group.label_key())),
            Cell::text(r.place.clone().unwrap_or_default()),
        ];
        let asked = self
            .questions
            .iter()
            .map(|q| answers.get(&q.id).map_or(Cell::Empty, |a| answer_cell(q, a, lang)));
        let retired = self.removed.iter().map(|id| answers.get(id).map_or(Cell::Empty, raw_answer_cell));
        fixed.into_iter().chain(asked).chain(retired).collect()
    }
}

/// The fixed columns of [`reports_sheet`], as locale keys.
const SHEET_COLUMNS: [&str; 15] = [
    "console-export-case-number",
    "console-export-received",
    "console-export-category",
    "console-export-times",
    "console-export-status",
    "console-export-visibility",
    "console-export-rejection-reason",
    "console-export-area",
    "console-export-lat",
    "console-export-lng",
    "console-export-description",
    "console-export-public-comment",
    "console-export-merged-into",
    "console-export-reporter-group",
    "console-export-place",
];

/// Coordinates to the metre, as the machine export writes them.
fn round6(degrees: f64) -> f64 {
    (degrees * 1e6).round() / 1e6
}

/// An answer in words: the options' texts (in `lang`), the scale's number, the text written.
fn answer_cell(question: &Question, answer: &AnswerValue, lang: &str) -> Cell {
    let option = |id: &str| {
        question
            .options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_string(), |o| text_in(&o.text, lang).into())
    };
    match answer {
        AnswerValue::Number(n) => Cell::Number(f64::from(*n)),
        AnswerValue::Text(text) if question.kind.has_options() => Cell::text(option(text)),
        AnswerValue::Text(text) => Cell::text(text),
        AnswerValue::Choices(ids) => {
            Cell::text(ids.iter().map(|id| option(id)).collect::<Vec<_>>().join(", "))
        }
    }
}

/// An answer to a question no longer asked: its options' ids (their texts went with it).
fn raw_answer_cell(answer: &AnswerValue) -> Cell {
    match answer {
        AnswerValue::Number(n) => Cell::Number(f64::from(*n)),
        AnswerValue::Text(text) => Cell::text(text),
        AnswerValue::Choices(ids) => Cell::text(ids.join(", ")),
    }
}

pub fn geojson(reports: &[ModeratedReport], areas: &[Area]) -> Value {
    let features: Vec<Value> = reports.iter().map(|r| geojson_feature(r, areas)).collect();
    json!({ "type": "FeatureCollection", "features": features })
}

/// One report as a GeoJSON feature: a point with the CSV's columns as properties.
pub fn geojson_feature(r: &ModeratedReport, areas: &[Area]) -> Value {
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
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::moderation::Visibility;
    use crate::report::{ReportStatus, TimeOfDay};
    use crate::review::ReviewState;

    /// A report in progress, approved, with `description`.
    pub(crate) fn report(description: &str) -> ModeratedReport {
        ModeratedReport {
            answers: Default::default(),
            reporter_group: Default::default(),
            area: None,
            place: Some("Storgatan, Centrum".into()),
            case_number: "2026-0042".into(),
            lat: 58.0337,
            lng: 12.8083,
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
                unit: None,
                category: "graffiti".into(),
                original_category: None,
                assignee: String::new(),
                event_at: None,
            },
        }
    }

    #[test]
    fn csv_has_stable_columns_quoting_and_no_e_mail() {
        let out = csv(&[report("Klotter, \"tags\" och\nmer"), report("=HYPERLINK(\"x\")")], &[]);
        let mut lines = out.split("\r\n");
        assert_eq!(
            lines.next(),
            Some("case_number,created_at,category,times,status,visibility,area,lat,lng,description,public_comment,merged_into,reporter_group,place,answers")
        );
        assert!(out.contains("2026-0042,2026-11-22T10:00:00.000Z,graffiti,\"evening,night\",in_progress,approved,,58.033700,12.808300,\"Klotter, \"\"tags\"\" och\nmer\",Sanerat,,resident,\"Storgatan, Centrum\",\r\n"));
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

    /// The table in words, as the console's Excel exports write it (the words are the console's).
    #[cfg(feature = "console")]
    #[test]
    fn sheet_in_words_with_a_column_per_question() {
        use crate::i18n::Locale;
        use crate::moderation::RejectionReason;
        use crate::questionnaire::{AnswerOption, QuestionKind};
        let texts = |sv: &str| -> crate::questionnaire::Texts { [("sv".to_string(), sv.to_string())].into() };
        let lit = Question {
            id: "lit".into(),
            text: texts("Är platsen upplyst?"),
            kind: QuestionKind::MultipleChoice,
            required: false,
            options: vec![
                AnswerOption { id: "no".into(), text: texts("Nej") },
                AnswerOption { id: "partly".into(), text: texts("Delvis") },
            ],
        };
        let mut answered = report("Mörkt");
        answered.answers.insert("lit".into(), AnswerValue::Choices(vec!["no".into(), "partly".into()]));
        answered.answers.insert("old".into(), AnswerValue::Number(4));
        let mut rejected = report("=1+1");
        rejected.review.visibility = crate::moderation::Visibility::Rejected;
        rejected.review.rejection_reason = Some(RejectionReason::PersonalData);
        let sheet =
            reports_sheet(&[answered, rejected], &[], &[lit], &Default::default(), &I18n::new(Locale::Sv));
        assert_eq!(sheet.columns[..3], ["Ärende", "Inkom", "Kategori"]);
        assert_eq!(sheet.columns[14..], ["Plats", "Är platsen upplyst?", "Borttagen fråga (old)"]);
        let row = &sheet.rows[0];
        assert_eq!(row.len(), sheet.columns.len());
        assert_eq!(row[1], Cell::time("2026-11-22T10:00:00.000Z"));
        assert_eq!(
            row[2..6],
            [
                Cell::text("Klotter"),
                Cell::text("Kväll, Natt"),
                Cell::text("Åtgärd pågår"),
                Cell::text("Publik"),
            ]
        );
        assert_eq!(row[6], Cell::Empty);
        assert_eq!(row[8], Cell::Number(58.0337));
        assert_eq!(row[13], Cell::text("Invånare"));
        assert_eq!(
            row[14..],
            [Cell::text("Storgatan, Centrum"), Cell::text("Nej, Delvis"), Cell::Number(4.0)]
        );
        assert_eq!(sheet.rows[1][5..7], [Cell::text("Avvisad"), Cell::text("Personuppgifter")]);
        assert!(!format!("{sheet:?}").contains("hemlig@example.se"));
    }
}
