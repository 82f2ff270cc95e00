//! Open311 GeoReport v2, the interface municipal fault-report systems speak: the services (our
//! categories) and the service requests (the reports) as the public map shows them, in JSON and
//! in XML as the specification writes them (<https://wiki.open311.org/GeoReport_v2>).

use serde::{Deserialize, Serialize};

use crate::calendar::parse_day;
use crate::field_error::FieldError;
use crate::geo::{coarsen, LatLng};
use crate::public::PUBLIC_CELL_METRES;
use crate::report::{parse_case_number, ReportDraft, ReportStatus};

/// The answer's format, from the file name's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Xml,
}

impl Format {
    /// `name.json` or `name.xml` as (`name`, format).
    pub fn split(file: &str) -> Option<(&str, Format)> {
        if let Some(name) = file.strip_suffix(".json") {
            return Some((name, Format::Json));
        }
        file.strip_suffix(".xml").map(|name| (name, Format::Xml))
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json; charset=utf-8",
            Format::Xml => "application/xml; charset=utf-8",
        }
    }
}

/// A service: one of the municipality's categories.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    /// Whether the service has attributes to fill in (ours have none).
    pub metadata: bool,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub keywords: String,
    pub group: String,
}

impl Service {
    /// A category as a service of the municipality's safety reports.
    pub fn of(code: &str, name: &str, group: &str) -> Service {
        Service {
            service_code: code.to_string(),
            service_name: name.to_string(),
            description: name.to_string(),
            metadata: false,
            // Reports are answered as they come, by people.
            kind: "batch",
            keywords: String::new(),
            group: group.to_string(),
        }
    }
}

/// A service's definition: its attributes (none: a report is its place, category and text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<serde_json::Value>,
}

/// A service request: an approved report as the public map shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ServiceRequest {
    /// The case number.
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: String,
    /// The municipality's public reply, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_notes: Option<String>,
    pub service_name: String,
    pub service_code: String,
    /// The resident's text, only if a moderator published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The day it arrived (`YYYY-MM-DD`, a W3C date): the hour is not public.
    pub requested_datetime: String,
    /// The centre of its 50 m cell, never the exact spot.
    pub lat: f64,
    #[serde(rename = "long")]
    pub lng: f64,
}

/// An approved report as the store reads it for Open311: only what may be public.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovedReport {
    pub case_number: String,
    pub category: String,
    pub status: ReportStatus,
    /// The text, only where a moderator published it.
    pub description: Option<String>,
    pub public_comment: String,
    /// The day it came (`YYYY-MM-DD`).
    pub day: String,
    /// Its exact place, coarsened here.
    pub at: LatLng,
}

impl ServiceRequest {
    /// The request of an approved report, named `service_name`: at the centre of its public
    /// cell, never the exact spot.
    pub fn of(report: ApprovedReport, service_name: String) -> ServiceRequest {
        let place = coarsen(report.at, PUBLIC_CELL_METRES);
        ServiceRequest {
            service_request_id: report.case_number,
            status: status_word(report.status).to_string(),
            status_notes: Some(report.public_comment).filter(|c| !c.trim().is_empty()),
            service_name,
            service_code: report.category,
            description: report.description.filter(|d| !d.trim().is_empty()),
            requested_datetime: report.day,
            lat: place.lat,
            lng: place.lng,
        }
    }
}

/// Whether a report's status is `open` or `closed` in GeoReport's two words.
pub fn status_word(status: ReportStatus) -> &'static str {
    match status.is_open() {
        true => "open",
        false => "closed",
    }
}

/// The most requests one answer lists (the specification's default limit).
pub const MAX_REQUESTS: u32 = 1000;
/// Without dates or ids, requests of the last this many days (as the specification says).
pub const DEFAULT_DAYS: i64 = 90;

/// What a `GET requests` asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestQuery {
    /// Case numbers as (year, sequence).
    pub ids: Vec<(i32, u32)>,
    pub service_code: Option<String>,
    /// Days (`YYYY-MM-DD`), inclusive.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Some: only open (true) or only closed (false) requests.
    pub open: Option<bool>,
}

/// A request the specification's words refuse: `400` with the description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: u16,
    pub description: String,
}

impl Refusal {
    pub fn bad(description: &str) -> Refusal {
        Refusal { code: 400, description: description.to_string() }
    }
}

impl RequestQuery {
    /// Reads the query's pairs; unknown keys are ignored (`jurisdiction_id` among them: the
    /// municipality is in the path).
    pub fn from_query<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, Refusal> {
        let mut query = RequestQuery::default();
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "service_request_id" => {
                    for id in value.split(',') {
                        let case = parse_case_number(id.trim()).ok_or_else(|| {
                            Refusal::bad("service_request_id: case numbers such as 2026-0042")
                        })?;
                        query.ids.push(case);
                    }
                    if query.ids.len() > 100 {
                        return Err(Refusal::bad("service_request_id: at most 100"));
                    }
                }
                "service_code" => query.service_code = Some(value.to_string()),
                "start_date" | "end_date" => {
                    let day = w3c_day(value)
                        .ok_or_else(|| Refusal::bad(&format!("{key}: a W3C date or date-time")))?;
                    match key {
                        "start_date" => query.start = Some(day),
                        _ => query.end = Some(day),
                    }
                }
                "status" => {
                    let words: Vec<&str> = value.split(',').map(str::trim).collect();
                    if let Some(odd) = words.iter().find(|w| !matches!(**w, "open" | "closed")) {
                        return Err(Refusal::bad(&format!("status: open or closed, not {odd}")));
                    }
                    let (open, closed) = (words.contains(&"open"), words.contains(&"closed"));
                    query.open = (open != closed).then_some(open);
                }
                _ => {}
            }
        }
        Ok(query)
    }
}

/// The day of a W3C date or date-time (`2026-12-04`, `2026-12-04T10:00:00+01:00`).
fn w3c_day(value: &str) -> Option<String> {
    let day = value.get(..10)?;
    parse_day(day)?;
    let rest = &value[10..];
    (rest.is_empty() || rest.starts_with('T')).then(|| day.to_string())
}

/// What a `POST requests` sends (form-encoded), read into the widget's report draft: the
/// municipality's rules then check it as they check a resident's. Names, phone numbers and
/// device ids the specification allows are not kept (they are not needed to fix a place);
/// `email` is kept as the contact address, as a resident's would be.
#[derive(Debug, Clone, PartialEq)]
pub struct PostedRequest {
    pub api_key: String,
    pub draft: ReportDraft,
}

impl PostedRequest {
    pub fn from_form<'a>(
        tenant: &str,
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<PostedRequest, Refusal> {
        let mut api_key = String::new();
        let mut draft = ReportDraft { tenant: Some(tenant.to_string()), ..Default::default() };
        let number = |key: &str, value: &str| {
            value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .ok_or_else(|| Refusal::bad(&format!("{key}: a number")))
        };
        for (key, value) in pairs {
            match key {
                "api_key" => api_key = value.trim().to_string(),
                "service_code" => draft.category = Some(value.trim().to_string()).filter(|c| !c.is_empty()),
                "lat" => draft.lat = Some(number(key, value)?),
                "long" => draft.lng = Some(number(key, value)?),
                "description" => draft.description = value.to_string(),
                "email" => draft.contact_email = Some(value.trim().to_string()).filter(|e| !e.is_empty()),
                _ => {}
            }
        }
        if api_key.is_empty() {
            return Err(Refusal { code: 403, description: "api_key is required".into() });
        }
        if draft.lat.is_none() || draft.lng.is_none() {
            return Err(Refusal::bad("lat and long are required (addresses are not looked up)"));
        }
        Ok(PostedRequest { api_key, draft })
    }
}

/// The refusal of a report the municipality's rules turned down, naming the field as
/// GeoReport names it.
pub fn refused_field(error: &FieldError) -> Refusal {
    let field = match error.field {
        "category" => "service_code",
        "lng" => "long",
        "contact_email" => "email",
        other => other,
    };
    Refusal::bad(&format!("{field}: {}", error.code.id()))
}

/// The answer to a request taken in: its id, and what the municipality says of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Received {
    pub service_request_id: String,
    pub service_notice: String,
}

impl Received {
    pub fn xml(&self) -> String {
        xml_list(
            "service_requests",
            "request",
            &[vec![
                ("service_request_id", self.service_request_id.clone()),
                ("service_notice", self.service_notice.clone()),
            ]],
        )
    }
}

/// Text as XML character data (also in attributes).
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML document of `root` holding one `item` element per entry, each with its fields as
/// child elements in the order given.
pub fn xml_list(root: &str, item: &str, entries: &[Vec<(&str, String)>]) -> String {
    let mut xml = format!("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<{root}>");
    for fields in entries {
        xml += &format!("<{item}>");
        for (name, value) in fields {
            xml += &format!("<{name}>{}</{name}>", xml_escape(value));
        }
        xml += &format!("</{item}>");
    }
    xml + &format!("</{root}>\n")
}

impl Service {
    pub fn xml_fields(&self) -> Vec<(&'static str, String)> {
        vec![
            ("service_code", self.service_code.clone()),
            ("service_name", self.service_name.clone()),
            ("description", self.description.clone()),
            ("metadata", self.metadata.to_string()),
            ("type", self.kind.to_string()),
            ("keywords", self.keywords.clone()),
            ("group", self.group.clone()),
        ]
    }
}

impl ServiceRequest {
    pub fn xml_fields(&self) -> Vec<(&'static str, String)> {
        let mut fields =
            vec![("service_request_id", self.service_request_id.clone()), ("status", self.status.clone())];
        if let Some(notes) = &self.status_notes {
            fields.push(("status_notes", notes.clone()));
        }
        fields.extend([
            ("service_name", self.service_name.clone()),
            ("service_code", self.service_code.clone()),
        ]);
        if let Some(text) = &self.description {
            fields.push(("description", text.clone()));
        }
        fields.extend([
            ("requested_datetime", self.requested_datetime.clone()),
            ("lat", self.lat.to_string()),
            ("long", self.lng.to_string()),
        ]);
        fields
    }
}

/// The specification's errors: `[{"code", "description"}]`, or `<errors>` in XML.
pub fn errors(format: Format, refusal: &Refusal) -> String {
    match format {
        Format::Json => {
            serde_json::json!([{ "code": refusal.code, "description": refusal.description }]).to_string()
        }
        Format::Xml => xml_list(
            "errors",
            "error",
            &[vec![("code", refusal.code.to_string()), ("description", refusal.description.clone())]],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> Result<RequestQuery, Refusal> {
        RequestQuery::from_query(q.split('&').filter_map(|p| p.split_once('=')))
    }

    #[test]
    fn file_names_give_the_format() {
        assert_eq!(Format::split("services.json"), Some(("services", Format::Json)));
        assert_eq!(Format::split("2026-0042.xml"), Some(("2026-0042", Format::Xml)));
        assert_eq!(Format::split("services.csv"), None);
    }

    #[test]
    fn the_standard_filters_are_read_and_bad_ones_refused() {
        let q = query("service_request_id=2026-0042,2026-0043&service_code=graffiti&start_date=2026-11-01T00:00:00+01:00&end_date=2026-11-30&status=open&jurisdiction_id=x").unwrap();
        assert_eq!(q.ids, vec![(2026, 42), (2026, 43)]);
        assert_eq!(q.service_code.as_deref(), Some("graffiti"));
        assert_eq!((q.start.as_deref(), q.end.as_deref()), (Some("2026-11-01"), Some("2026-11-30")));
        assert_eq!(q.open, Some(true));
        assert_eq!(query("status=open,closed").unwrap().open, None, "both: every request");
        assert_eq!(query("status=closed").unwrap().open, Some(false));
        assert_eq!(query("status=maybe").unwrap_err().code, 400);
        assert_eq!(query("start_date=igår").unwrap_err().code, 400);
        assert_eq!(query("start_date=2026-13-01").unwrap_err().code, 400);
        assert_eq!(query("service_request_id=42").unwrap_err().code, 400);
    }

    #[test]
    fn xml_is_escaped_and_in_the_specifications_order() {
        let request = ServiceRequest {
            service_request_id: "2026-0042".into(),
            status: "open".into(),
            status_notes: Some("Vi åtgärdar <snart> & säkert".into()),
            service_name: "Klotter".into(),
            service_code: "graffiti".into(),
            description: None,
            requested_datetime: "2026-12-04".into(),
            lat: 58.0337,
            lng: 12.8083,
        };
        let xml = xml_list("service_requests", "request", &[request.xml_fields()]);
        assert_eq!(
            xml,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_requests><request>\
             <service_request_id>2026-0042</service_request_id><status>open</status>\
             <status_notes>Vi åtgärdar &lt;snart&gt; &amp; säkert</status_notes>\
             <service_name>Klotter</service_name><service_code>graffiti</service_code>\
             <requested_datetime>2026-12-04</requested_datetime><lat>58.0337</lat><long>12.8083</long>\
             </request></service_requests>\n"
        );
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["long"], 12.8083);
        assert!(json.get("description").is_none(), "unpublished text is left out");
        assert_eq!(xml_escape("a\u{1}b\"'"), "ab&quot;&apos;");
    }

    #[test]
    fn errors_are_the_specifications_shape() {
        let refusal = Refusal::bad("status: open or closed");
        assert_eq!(
            errors(Format::Json, &refusal),
            r#"[{"code":400,"description":"status: open or closed"}]"#
        );
        assert!(errors(Format::Xml, &refusal).contains("<errors><error><code>400</code><description>status: open or closed</description></error></errors>"));
    }

    #[test]
    fn a_request_is_where_the_public_map_shows_it() {
        let report = ApprovedReport {
            case_number: "2026-0042".into(),
            category: "graffiti".into(),
            status: ReportStatus::InProgress,
            description: None,
            public_comment: " ".into(),
            day: "2026-12-04".into(),
            at: LatLng::new(58.0337, 12.8083),
        };
        let request = ServiceRequest::of(report, "Klotter".into());
        let public = coarsen(LatLng::new(58.0337, 12.8083), PUBLIC_CELL_METRES);
        assert_eq!((request.lat, request.lng), (public.lat, public.lng));
        assert_ne!((request.lat, request.lng), (58.0337, 12.8083));
        assert_eq!((request.status.as_str(), request.status_notes), ("open", None));
    }

    #[test]
    fn a_posted_request_becomes_a_report_draft_without_names_or_phones() {
        let form = "api_key=k3y&service_code=graffiti&lat=58.0337&long=12.8083&description=Klotter&email=a%40b.se&first_name=Kim&phone=070";
        let pairs: Vec<(&str, &str)> = form.split('&').filter_map(|p| p.split_once('=')).collect();
        let posted = PostedRequest::from_form("demo", pairs).unwrap();
        assert_eq!(posted.api_key, "k3y");
        let d = posted.draft;
        assert_eq!(
            (d.tenant.as_deref(), d.category.as_deref(), d.lat, d.lng),
            (Some("demo"), Some("graffiti"), Some(58.0337), Some(12.8083))
        );
        assert_eq!(d.description, "Klotter");
        assert_eq!(d.contact_email.as_deref(), Some("a%40b.se"), "decoding is the caller's");
        assert!(!format!("{d:?}").contains("Kim") && !format!("{d:?}").contains("070"));
        assert_eq!(PostedRequest::from_form("demo", [("lat", "1"), ("long", "2")]).unwrap_err().code, 403);
        assert_eq!(PostedRequest::from_form("demo", [("api_key", "k"), ("lat", "1")]).unwrap_err().code, 400);
        assert_eq!(
            PostedRequest::from_form("demo", [("api_key", "k"), ("lat", "norr")]).unwrap_err().code,
            400
        );
        let refusal =
            refused_field(&FieldError::new("category", crate::field_error::FieldErrorCode::UnknownCategory));
        assert_eq!(refusal.description, "service_code: unknown_category");
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word(ReportStatus::New), "open");
        assert_eq!(status_word(ReportStatus::Resolved), "closed");
        assert_eq!(status_word(ReportStatus::Closed), "closed");
    }
}
