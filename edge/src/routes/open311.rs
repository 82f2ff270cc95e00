//! Open311 GeoReport v2 for fault-report systems: the categories as services and the approved
//! reports as requests, as the public map shows them, in JSON or XML (see `tryggve_core::open311`).

use tryggve_core::api::operations::{Open311List, Open311Request, Open311Send, Open311Service};
use tryggve_core::api::path::{Open311FilePath, Open311Path, Open311Resource};
use tryggve_core::api::MAX_BODY_BYTES;
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::open311::{
    self, Format, PostedRequest, Received, Refusal, RequestQuery, Service, ServiceDefinition, ServiceRequest,
    DEFAULT_DAYS,
};
use tryggve_core::report::{case_number, parse_case_number};
use tryggve_core::{validate_report, TenantConfig};
use worker::Response;

use super::{Cx, Handler, Reply};
use crate::client::ClientKey;
use crate::error::ApiError;
use crate::{clock, http, limits, store, token};

/// `body` (already JSON or XML) with `status`, in `format`'s media type.
fn answer(format: Format, status: u16, body: String) -> Result<Response, ApiError> {
    let response = Response::from_bytes(body.into_bytes())?.with_status(status);
    response.headers().set("content-type", format.media_type())?;
    Ok(response)
}

/// A refusal in GeoReport's own words and format.
fn refused(format: Format, refusal: &Refusal) -> Result<Response, ApiError> {
    answer(format, refusal.code, open311::errors(format, refusal))
}

/// The municipality's configuration from this isolate's copy (the public access check has just
/// read it fresh): not a second D1 read on every Open311 request.
async fn config(cx: &Cx<'_>, tenant: &str) -> Result<TenantConfig, ApiError> {
    crate::tenant_cache::config(cx.db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })
}

/// The services: every category the municipality offers, named as its form names them.
fn services(config: &TenantConfig) -> Vec<Service> {
    let i18n = I18n::new(Locale::Sv);
    let group = i18n.t("open311-group");
    config.categories.iter().map(|id| Service::of(id, &config.category_name(id, &i18n), &group)).collect()
}

fn requests_answer(format: Format, requests: &[ServiceRequest]) -> Result<Response, ApiError> {
    let body = match format {
        Format::Json => serde_json::to_string(requests).map_err(|e| ApiError::Internal(e.to_string()))?,
        Format::Xml => {
            let entries: Vec<_> = requests.iter().map(ServiceRequest::xml_fields).collect();
            open311::xml_list("service_requests", "request", &entries)
        }
    };
    answer(format, 200, body)
}

/// The requests `query` selects, named by the municipality's categories.
async fn requests(
    cx: &Cx<'_>,
    config: &TenantConfig,
    query: &RequestQuery,
) -> Result<Vec<ServiceRequest>, ApiError> {
    let since = clock::iso_in_minutes(-DEFAULT_DAYS * 24 * 60)[..10].to_string();
    let found = store::open311::requests(cx.db, &config.id, query, &since).await?;
    let i18n = I18n::new(Locale::Sv);
    Ok(found
        .into_iter()
        .map(|r| {
            let name = config.category_name(&r.category, &i18n);
            ServiceRequest::of(r, name)
        })
        .collect())
}

/// `GET /api/open311/v2/{tenant}/services.json|xml` and `requests.json|xml?<filters>`
impl Handler for Open311List {
    async fn handle(cx: &mut Cx<'_>, path: Open311Path, _: ()) -> Result<Reply<serde_json::Value>, ApiError> {
        let config = config(cx, &path.tenant).await?;
        let response = match path.resource {
            Open311Resource::Services => {
                let list = services(&config);
                let body = match path.format {
                    Format::Json => {
                        serde_json::to_string(&list).map_err(|e| ApiError::Internal(e.to_string()))?
                    }
                    Format::Xml => {
                        let entries: Vec<_> = list.iter().map(Service::xml_fields).collect();
                        open311::xml_list("services", "service", &entries)
                    }
                };
                answer(path.format, 200, body)?
            }
            Open311Resource::Requests => {
                let pairs = form_urlencoded::parse(cx.target.query.as_bytes());
                let owned: Vec<(String, String)> =
                    pairs.map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
                match RequestQuery::from_query(owned.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
                    Ok(query) => requests_answer(path.format, &requests(cx, &config, &query).await?)?,
                    Err(refusal) => refused(path.format, &refusal)?,
                }
            }
        };
        Ok(Reply::Passed(response))
    }
}

/// `GET /api/open311/v2/{tenant}/services/{code}.json|xml`: a service's definition.
impl Handler for Open311Service {
    async fn handle(
        cx: &mut Cx<'_>,
        path: Open311FilePath,
        _: (),
    ) -> Result<Reply<ServiceDefinition>, ApiError> {
        let config = config(cx, &path.tenant).await?;
        if !config.categories.contains(&path.name) {
            return Err(ApiError::NotFound);
        }
        let body = match path.format {
            Format::Json => serde_json::json!({ "service_code": path.name, "attributes": [] }).to_string(),
            Format::Xml => format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<service_definition><service_code>{}</service_code><attributes></attributes></service_definition>\n",
                open311::xml_escape(&path.name)
            ),
        };
        Ok(Reply::Passed(answer(path.format, 200, body)?))
    }
}

/// `GET /api/open311/v2/{tenant}/requests/{case}.json|xml`: one request, in a list of one as
/// the specification answers it; a report not on the public map is not found.
impl Handler for Open311Request {
    async fn handle(
        cx: &mut Cx<'_>,
        path: Open311FilePath,
        _: (),
    ) -> Result<Reply<Vec<ServiceRequest>>, ApiError> {
        let case = parse_case_number(&path.name).ok_or(ApiError::CaseNotFound)?;
        let config = config(cx, &path.tenant).await?;
        let query = RequestQuery { ids: vec![case], ..Default::default() };
        let found = requests(cx, &config, &query).await?;
        if found.is_empty() {
            return Err(ApiError::CaseNotFound);
        }
        Ok(Reply::Passed(requests_answer(path.format, &found)?))
    }
}

/// Reports one integration may send in an hour (a fault-report app relays many residents).
const REPORTS_PER_HOUR: u32 = 1_000;

/// `POST /api/open311/v2/{tenant}/requests.json|xml` (form-encoded): a report from a system
/// with a key of its own, checked by the municipality's rules as a resident's report is, routed
/// and numbered the same way. Answers `[{"service_request_id", "service_notice"}]`.
impl Handler for Open311Send {
    async fn handle(cx: &mut Cx<'_>, path: Open311Path, _: ()) -> Result<Reply<Vec<Received>>, ApiError> {
        if path.resource != Open311Resource::Requests {
            return Err(ApiError::MethodNotAllowed { allowed: "GET".into() });
        }
        let config = config(cx, &path.tenant).await?;
        let form = http::read_form(cx.req(), MAX_BODY_BYTES).await?;
        let posted =
            match PostedRequest::from_form(&config.id, form.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
                Ok(posted) => posted,
                Err(refusal) => return Ok(Reply::Passed(refused(path.format, &refusal)?)),
            };
        let db = cx.db;
        let Some(integration) =
            store::integrations::by_key(db, &config.id, &token::hash(&posted.api_key)).await?
        else {
            let refusal =
                Refusal { code: 403, description: "api_key is not valid for this municipality".into() };
            return Ok(Reply::Passed(refused(path.format, &refusal)?));
        };
        let report = match validate_report(&posted.draft, &config) {
            Ok(report) => report,
            Err(errors) => {
                return Ok(Reply::Passed(refused(path.format, &open311::refused_field(&errors[0]))?))
            }
        };
        let created_at = clock::now_iso();
        let key = format!("open311:{integration}");
        let limit = ClientKey { today: key.clone(), yesterday: key };
        limits::take(db, &limit, REPORTS_PER_HOUR, &created_at).await?;
        let year: i32 =
            created_at[..4].parse().map_err(|_| ApiError::Internal(format!("clock: {created_at}")))?;
        // The system follows its reports through GET requests: the follow-up code is not needed.
        let unused_code = token::hash(&token::new_token()?);
        let asks = format!("open311-place:{integration}");
        let asker = ClientKey { today: asks.clone(), yesterday: asks };
        let from = (Some(integration), &asker);
        let seq = super::reports::file(cx, &config, &report, (year, &created_at), &unused_code, from).await?;
        let received = Received {
            service_request_id: case_number(year, seq),
            service_notice: I18n::new(Locale::Sv).t("open311-received"),
        };
        let body = match path.format {
            Format::Json => {
                serde_json::to_string(&[&received]).map_err(|e| ApiError::Internal(e.to_string()))?
            }
            Format::Xml => received.xml(),
        };
        Ok(Reply::Passed(answer(path.format, 201, body)?))
    }
}
