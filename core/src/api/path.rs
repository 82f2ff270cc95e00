//! The typed parameters of the API's paths. An operation's path template names them
//! (`/api/v1/console/{tenant}/reports/{case}`); these types read them out of a request's path at
//! the edge and write them into a URL in the widget and the console, so that both sides agree.

use super::ErrorCode;
use crate::reporter::ReporterGroup;

/// The parameters of a path template, in the order the template names them.
pub trait PathParams: Sized {
    /// The names in the template, in order (checked against every template by a test).
    const NAMES: &'static [&'static str];

    /// From the path's segments at the template's parameters (still percent-encoded). A value
    /// that cannot be one names what was not found.
    fn parse(values: &[&str]) -> Result<Self, ErrorCode>;

    /// The values to write into the template, in order (not yet encoded).
    fn values(&self) -> Vec<String>;
}

impl PathParams for () {
    const NAMES: &'static [&'static str] = &[];

    fn parse(_: &[&str]) -> Result<Self, ErrorCode> {
        Ok(())
    }

    fn values(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A municipality's id. It is not checked here: whether it exists, and whether the caller may
/// use it, is for the edge to find out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantPath {
    pub tenant: String,
}

/// A report of a municipality, by case number (`2026-0042`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePath {
    pub tenant: String,
    /// Year and sequence number.
    pub case: (i32, u32),
}

/// A dialogue of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DialoguePath {
    pub tenant: String,
    pub dialogue: i64,
}

/// A question of a dialogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionPath {
    pub tenant: String,
    pub dialogue: i64,
    pub question: i64,
}

/// A console account, by e-mail address (as typed; compared without case by the edge).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPath {
    pub tenant: String,
    pub email: String,
}

/// A unit of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitPath {
    pub tenant: String,
    pub unit: i64,
}

/// A map layer of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerPath {
    pub tenant: String,
    pub layer: i64,
}

/// A measure of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasurePath {
    pub tenant: String,
    pub measure: i64,
}

/// An integration (a system that sends reports in over Open311) of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrationPath {
    pub tenant: String,
    pub integration: i64,
}

/// A safety walk of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkPath {
    pub tenant: String,
    pub walk: i64,
}

/// A point logged on a safety walk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkPointPath {
    pub tenant: String,
    pub walk: i64,
    pub point: i64,
}

/// A webhook of a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookPath {
    pub tenant: String,
    pub webhook: i64,
}

/// A reporter group that needs an access code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPath {
    pub tenant: String,
    pub group: ReporterGroup,
}

/// An Open311 listing: `services` or `requests`, as JSON or XML (`requests.xml`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open311Path {
    pub tenant: String,
    pub resource: Open311Resource,
    pub format: crate::open311::Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Open311Resource {
    Services,
    Requests,
}

/// One Open311 service or request by its code or id, as JSON or XML (`2026-0042.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Open311FilePath {
    pub tenant: String,
    pub name: String,
    pub format: crate::open311::Format,
}

fn extension(format: crate::open311::Format) -> &'static str {
    match format {
        crate::open311::Format::Json => "json",
        crate::open311::Format::Xml => "xml",
    }
}

impl PathParams for Open311Path {
    const NAMES: &'static [&'static str] = &["tenant", "resource"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        let (name, format) = crate::open311::Format::split(values[1]).ok_or(ErrorCode::NotFound)?;
        let resource = match name {
            "services" => Open311Resource::Services,
            "requests" => Open311Resource::Requests,
            _ => return Err(ErrorCode::NotFound),
        };
        Ok(Self { tenant: tenant(values[0]), resource, format })
    }

    fn values(&self) -> Vec<String> {
        let name = match self.resource {
            Open311Resource::Services => "services",
            Open311Resource::Requests => "requests",
        };
        vec![self.tenant.clone(), format!("{name}.{}", extension(self.format))]
    }
}

impl PathParams for Open311FilePath {
    const NAMES: &'static [&'static str] = &["tenant", "file"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        let file = percent_decode(values[1]).ok_or(ErrorCode::NotFound)?;
        let (name, format) = crate::open311::Format::split(&file).ok_or(ErrorCode::NotFound)?;
        Ok(Self { tenant: tenant(values[0]), name: name.to_string(), format })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), format!("{}.{}", self.name, extension(self.format))]
    }
}

fn tenant(value: &str) -> String {
    value.to_string()
}

/// Ids in paths are positive numbers; anything else is a record that does not exist.
fn id(value: &str, missing: ErrorCode) -> Result<i64, ErrorCode> {
    value.parse::<i64>().ok().filter(|id| *id > 0).ok_or(missing)
}

impl PathParams for TenantPath {
    const NAMES: &'static [&'static str] = &["tenant"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]) })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone()]
    }
}

impl PathParams for CasePath {
    const NAMES: &'static [&'static str] = &["tenant", "case"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        let case = crate::report::parse_case_number(values[1]).ok_or(ErrorCode::CaseNotFound)?;
        Ok(Self { tenant: tenant(values[0]), case })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), crate::report::case_number(self.case.0, self.case.1)]
    }
}

impl PathParams for DialoguePath {
    const NAMES: &'static [&'static str] = &["tenant", "dialogue"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), dialogue: id(values[1], ErrorCode::DialogueNotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.dialogue.to_string()]
    }
}

impl PathParams for QuestionPath {
    const NAMES: &'static [&'static str] = &["tenant", "dialogue", "question"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self {
            tenant: tenant(values[0]),
            dialogue: id(values[1], ErrorCode::DialogueNotFound)?,
            question: id(values[2], ErrorCode::QuestionNotFound)?,
        })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.dialogue.to_string(), self.question.to_string()]
    }
}

impl PathParams for UnitPath {
    const NAMES: &'static [&'static str] = &["tenant", "unit"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), unit: id(values[1], ErrorCode::NotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.unit.to_string()]
    }
}

impl PathParams for LayerPath {
    const NAMES: &'static [&'static str] = &["tenant", "layer"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), layer: id(values[1], ErrorCode::NotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.layer.to_string()]
    }
}

impl PathParams for IntegrationPath {
    const NAMES: &'static [&'static str] = &["tenant", "integration"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), integration: id(values[1], ErrorCode::NotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.integration.to_string()]
    }
}

impl PathParams for WalkPath {
    const NAMES: &'static [&'static str] = &["tenant", "walk"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), walk: id(values[1], ErrorCode::WalkNotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.walk.to_string()]
    }
}

impl PathParams for WalkPointPath {
    const NAMES: &'static [&'static str] = &["tenant", "walk", "point"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self {
            tenant: tenant(values[0]),
            walk: id(values[1], ErrorCode::WalkNotFound)?,
            point: id(values[2], ErrorCode::NotFound)?,
        })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.walk.to_string(), self.point.to_string()]
    }
}

impl PathParams for WebhookPath {
    const NAMES: &'static [&'static str] = &["tenant", "webhook"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), webhook: id(values[1], ErrorCode::NotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.webhook.to_string()]
    }
}

impl PathParams for MeasurePath {
    const NAMES: &'static [&'static str] = &["tenant", "measure"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        Ok(Self { tenant: tenant(values[0]), measure: id(values[1], ErrorCode::NotFound)? })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.measure.to_string()]
    }
}

impl PathParams for AccountPath {
    const NAMES: &'static [&'static str] = &["tenant", "email"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        let email = percent_decode(values[1]).ok_or(ErrorCode::NotFound)?;
        Ok(Self { tenant: tenant(values[0]), email })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.email.clone()]
    }
}

impl PathParams for GroupPath {
    const NAMES: &'static [&'static str] = &["tenant", "group"];

    fn parse(values: &[&str]) -> Result<Self, ErrorCode> {
        let group =
            ReporterGroup::from_id(values[1]).filter(|g| g.needs_code()).ok_or(ErrorCode::NotFound)?;
        Ok(Self { tenant: tenant(values[0]), group })
    }

    fn values(&self) -> Vec<String> {
        vec![self.tenant.clone(), self.group.id().to_string()]
    }
}

/// `value` with every byte but the unreserved ones (RFC 3986) written as `%XX`, as
/// `encodeURIComponent` does.
pub fn percent_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => encoded.push(byte as char),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// `value` with its `%XX` escapes decoded; `None` if one is broken or the bytes are not UTF-8.
pub fn percent_decode(value: &str) -> Option<String> {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = value.get(i + 1..i + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back() {
        let case = CasePath { tenant: "demo".into(), case: (2026, 42) };
        let values = case.values();
        assert_eq!(values, ["demo", "2026-0042"]);
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        assert_eq!(CasePath::parse(&refs), Ok(case));
        assert_eq!(CasePath::parse(&["demo", "2026-x"]), Err(ErrorCode::CaseNotFound));
        assert_eq!(DialoguePath::parse(&["demo", "0"]), Err(ErrorCode::DialogueNotFound));
        assert_eq!(QuestionPath::parse(&["demo", "3", "-1"]), Err(ErrorCode::QuestionNotFound));
        assert_eq!(GroupPath::parse(&["demo", "resident"]), Err(ErrorCode::NotFound));
        assert_eq!(GroupPath::parse(&["demo", "police"]).map(|g| g.group), Ok(ReporterGroup::Police));
    }

    #[test]
    fn percent_encoding_round_trips() {
        for value in ["a.b@demo.tryggve.se", "å ä/ö?&=#%", "", "~-_."] {
            assert_eq!(percent_decode(&percent_encode(value)).as_deref(), Some(value));
        }
        assert_eq!(percent_encode("a b@c/d"), "a%20b%40c%2Fd");
        assert_eq!(percent_decode("nobody%40demo.tryggve.se").as_deref(), Some("nobody@demo.tryggve.se"));
        assert_eq!(percent_decode("%zz"), None);
        assert_eq!(percent_decode("%4"), None);
        assert_eq!(percent_decode("%ff"), None);
    }
}
