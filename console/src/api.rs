//! The console's calls to its own edge (same origin: the session cookie goes along).

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use tryggve_core::api::ErrorBody;
use tryggve_core::console::{
    AuditEntry, LoginRequest, ModeratorView, NewModerator, PasswordChange, SessionInfo,
};
use tryggve_core::dialogue::{
    DialogueAction, DialogueDetails, ModeratedDialogue, ModeratedQuestion, PublicDialogue, QuestionAction,
};
use tryggve_core::reporter::{AccessCodeState, NewAccessCode, ReporterGroup};
use tryggve_core::review::{ModeratedReport, ReportFilter, ReviewAction};
use tryggve_core::settings::TenantSettings;
use tryggve_core::stats::DashboardAnswer;
use tryggve_core::TenantConfig;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    Network,
    Refused { status: u16, code: String, message: String, field: Option<String> },
}

impl ApiError {
    /// The locale key of a message for this error.
    pub fn message_key(&self) -> String {
        match self {
            Self::Network => "console-network-error".into(),
            Self::Refused { code, .. } => format!("console-error-{}", code.replace('_', "-")),
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Network);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(ErrorBody { error }) => {
            Err(ApiError::Refused { status, code: error.code, message: error.message, field: error.field })
        }
        Err(_) => Err(ApiError::Network),
    }
}

async fn get<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    read(Request::get(url).send().await.map_err(|_| ApiError::Network)?).await
}

async fn post<B: Serialize, T: DeserializeOwned>(request: RequestBuilder, body: &B) -> Result<T, ApiError> {
    let request = request.json(body).map_err(|_| ApiError::Network)?;
    read(request.send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    get("/api/v1/console/session").await
}

pub async fn login(request: &LoginRequest) -> Result<SessionInfo, ApiError> {
    post(Request::post("/api/v1/console/login"), request).await
}

/// Sends a request whose success is answered with 204 No Content.
async fn send_no_content(request: gloo_net::http::Request) -> Result<(), ApiError> {
    let response = request.send().await.map_err(|_| ApiError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        read::<()>(response).await
    }
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    let request = Request::post("/api/v1/console/logout").header("x-csrf-token", csrf).build();
    send_no_content(request.map_err(|_| ApiError::Network)?).await
}

pub async fn change_password(csrf: &str, change: &PasswordChange) -> Result<(), ApiError> {
    let request = Request::post("/api/v1/console/password").header("x-csrf-token", csrf).json(change);
    send_no_content(request.map_err(|_| ApiError::Network)?).await
}

pub async fn settings(tenant: &str) -> Result<TenantSettings, ApiError> {
    get(&format!("/api/v1/console/{tenant}/settings")).await
}

pub async fn save_settings(
    tenant: &str,
    csrf: &str,
    settings: &TenantSettings,
) -> Result<TenantSettings, ApiError> {
    post(Request::put(&format!("/api/v1/console/{tenant}/settings")).header("x-csrf-token", csrf), settings)
        .await
}

pub async fn access_codes(tenant: &str) -> Result<Vec<AccessCodeState>, ApiError> {
    get(&format!("/api/v1/console/{tenant}/access-codes")).await
}

/// Sets (`Some`) or removes a reporter group's access code.
pub async fn change_access_code(
    tenant: &str,
    csrf: &str,
    group: ReporterGroup,
    code: Option<String>,
) -> Result<AccessCodeState, ApiError> {
    let url = format!("/api/v1/console/{tenant}/access-codes/{}", group.id());
    match code {
        Some(code) => post(Request::put(&url).header("x-csrf-token", csrf), &NewAccessCode { code }).await,
        None => {
            let request =
                Request::delete(&url).header("x-csrf-token", csrf).build().map_err(|_| ApiError::Network)?;
            read(request.send().await.map_err(|_| ApiError::Network)?).await
        }
    }
}

pub async fn tenant_config(tenant: &str) -> Result<TenantConfig, ApiError> {
    get(&format!("/api/v1/tenants/{tenant}/config")).await
}

/// The filter as a query string (`status=new&category=graffiti…`), shared by list, dashboard
/// and export links.
pub fn filter_query(filter: &ReportFilter) -> String {
    let mut query = Vec::new();
    let mut add = |key: &str, value: Option<&str>| {
        if let Some(value) = value {
            query.push(format!("{key}={}", js_sys::encode_uri_component(value)));
        }
    };
    add("status", filter.status.map(|s| s.id()));
    add("visibility", filter.visibility.map(|v| v.id()));
    add("category", filter.category.as_deref());
    add("from", filter.from.as_deref());
    add("to", filter.to.as_deref());
    add("area", filter.area.as_deref());
    query.join("&")
}

pub async fn reports(tenant: &str, filter: &ReportFilter) -> Result<Vec<ModeratedReport>, ApiError> {
    get(&format!("/api/v1/console/{tenant}/reports?{}", filter_query(filter))).await
}

pub async fn dashboard(
    tenant: &str,
    filter: &ReportFilter,
    compile: &str,
) -> Result<DashboardAnswer, ApiError> {
    let compile = js_sys::encode_uri_component(compile);
    get(&format!("/api/v1/console/{tenant}/dashboard?{}&compile={compile}", filter_query(filter))).await
}

pub async fn act(
    tenant: &str,
    case: &str,
    csrf: &str,
    action: &ReviewAction,
) -> Result<ModeratedReport, ApiError> {
    let url = format!("/api/v1/console/{tenant}/reports/{case}/actions");
    post(Request::post(&url).header("x-csrf-token", csrf), action).await
}

pub async fn moderators(tenant: &str) -> Result<Vec<ModeratorView>, ApiError> {
    get(&format!("/api/v1/console/{tenant}/moderators")).await
}

pub async fn add_moderator(
    tenant: &str,
    csrf: &str,
    account: &NewModerator,
) -> Result<ModeratorView, ApiError> {
    post(Request::post(&format!("/api/v1/console/{tenant}/moderators")).header("x-csrf-token", csrf), account)
        .await
}

pub async fn disable_moderator(tenant: &str, csrf: &str, email: &str) -> Result<ModeratorView, ApiError> {
    let email = js_sys::encode_uri_component(email);
    let url = format!("/api/v1/console/{tenant}/moderators/{email}/disable");
    read(Request::post(&url).header("x-csrf-token", csrf).send().await.map_err(|_| ApiError::Network)?).await
}

pub async fn audit(tenant: &str) -> Result<Vec<AuditEntry>, ApiError> {
    get(&format!("/api/v1/console/{tenant}/audit")).await
}

pub async fn dialogues(tenant: &str) -> Result<Vec<PublicDialogue>, ApiError> {
    get(&format!("/api/v1/console/{tenant}/dialogues")).await
}

pub async fn create_dialogue(
    tenant: &str,
    csrf: &str,
    details: &DialogueDetails,
) -> Result<PublicDialogue, ApiError> {
    post(Request::post(&format!("/api/v1/console/{tenant}/dialogues")).header("x-csrf-token", csrf), details)
        .await
}

pub async fn dialogue(tenant: &str, id: i64) -> Result<ModeratedDialogue, ApiError> {
    get(&format!("/api/v1/console/{tenant}/dialogues/{id}")).await
}

pub async fn dialogue_action(
    tenant: &str,
    id: i64,
    csrf: &str,
    action: &DialogueAction,
) -> Result<PublicDialogue, ApiError> {
    let url = format!("/api/v1/console/{tenant}/dialogues/{id}/actions");
    post(Request::post(&url).header("x-csrf-token", csrf), action).await
}

pub async fn question_action(
    tenant: &str,
    id: i64,
    question: i64,
    csrf: &str,
    action: &QuestionAction,
) -> Result<ModeratedQuestion, ApiError> {
    let url = format!("/api/v1/console/{tenant}/dialogues/{id}/questions/{question}/actions");
    post(Request::post(&url).header("x-csrf-token", csrf), action).await
}
