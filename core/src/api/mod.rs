//! Shapes of the HTTP API shared by the edge (which writes them) and the widget (which reads them).

use serde::{Deserialize, Serialize};

mod error_code;
pub mod operations;
pub mod path;

pub use error_code::ErrorCode;
pub use operations::{Endpoint, Method};

/// Every error answer: `{"error": {"code", "message", "field"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ErrorDetail {
    /// Stable, machine-readable: `invalid_json`, `body_too_large`, `not_found`, a field error id, …
    pub code: String,
    /// Plain English for developers; the widget shows its own localised text instead.
    pub message: String,
    /// The offending JSON field, for field errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ErrorDetail {
    /// The code, read back into the enum.
    pub fn kind(&self) -> ErrorCode {
        ErrorCode::from_id(&self.code)
    }
}

impl ErrorBody {
    pub fn new(code: impl Into<String>, message: impl Into<String>, field: Option<&str>) -> Self {
        Self {
            error: ErrorDetail {
                code: code.into(),
                message: message.into(),
                field: field.map(str::to_string),
            },
        }
    }
}

/// The bytes of a binary file an operation answers (an .xlsx workbook): a `binary` string in
/// the OpenAPI document. Never sent as JSON.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileBytes(pub Vec<u8>);

#[cfg(feature = "openapi")]
impl schemars::JsonSchema for FileBytes {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FileBytes".into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "binary" })
    }
}

/// Largest request body the edge reads, in bytes. A report is far below this.
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// What a router reads of a request's URL. A Worker gets the URL serialised the WHATWG way (the
/// origin as `Origin` headers write it, the path percent-encoded), so splitting that string is
/// enough; a full parse by the `url` crate was a sixteenth of the edge's CPU time for a
/// configuration request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RequestTarget<'a> {
    /// `scheme://host[:port]`.
    pub origin: &'a str,
    /// From the first `/` after the host, without query or fragment (empty if there is none).
    pub path: &'a str,
    /// After the `?`, without the fragment (empty if there is none).
    pub query: &'a str,
}

impl<'a> RequestTarget<'a> {
    /// `None` for what is not an absolute URL, or has a user name or password in it (no caller
    /// of the API has any reason to send one).
    pub fn parse(url: &'a str) -> Option<Self> {
        let url = url.split('#').next().unwrap_or_default();
        let (before_query, query) = url.split_once('?').unwrap_or((url, ""));
        let host_start = before_query.find("://")? + 3;
        let path_start = before_query[host_start..].find('/').map_or(before_query.len(), |i| host_start + i);
        let (origin, path) = before_query.split_at(path_start);
        let host = &origin[host_start..];
        if host.is_empty() || host.contains('@') {
            return None;
        }
        Some(Self { origin, path, query })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_targets_split_into_origin_path_and_query() {
        let target = RequestTarget::parse("https://tryggve.example/api/v1/tenants/demo/config").unwrap();
        assert_eq!(target.origin, "https://tryggve.example");
        assert_eq!(target.path, "/api/v1/tenants/demo/config");
        assert_eq!(target.query, "");

        let target = RequestTarget::parse("http://127.0.0.1:8787/api/x?bbox=1,2,3,4&zoom=12#frag").unwrap();
        assert_eq!(
            (target.origin, target.path, target.query),
            ("http://127.0.0.1:8787", "/api/x", "bbox=1,2,3,4&zoom=12")
        );
        let target = RequestTarget::parse("http://[::1]:8787/a%20b/?").unwrap();
        assert_eq!((target.origin, target.path, target.query), ("http://[::1]:8787", "/a%20b/", ""));
        let target = RequestTarget::parse("https://host.example").unwrap();
        assert_eq!((target.origin, target.path), ("https://host.example", ""));
    }

    #[test]
    fn odd_request_targets_are_refused() {
        for url in ["", "/api/v1", "host/path", "https:///path", "https://user:pw@host.example/api"] {
            assert_eq!(RequestTarget::parse(url), None, "{url}");
        }
    }
}
