//! Talking to the edge. Residents' requests carry no cookies and no identifiers.

use gloo_net::http::{Request, Response};
use serde::de::DeserializeOwned;
use tryggve_core::api::ErrorBody;
use tryggve_core::dialogue::{
    DialogueSnapshot, OwnQuestion, Participation, PublicDialogue, PublicQuestion, QuestionDraft,
};
use tryggve_core::public_map::{PublicMap, Viewport};
use tryggve_core::{ReportDraft, ReportReceipt, ReportView, TenantConfig};
use wasm_bindgen::JsCast;

/// Where the edge is: the origin the widget's script was loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    origin: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer (offline, the edge down), "not now" (429, rate limited) or a fault of the
    /// edge's (5xx): the draft is kept for another try.
    Network,
    /// The edge answered with an error body.
    Rejected { code: String, message: String, field: Option<String> },
}

impl Edge {
    pub fn new(origin: String) -> Self {
        Self { origin: origin.trim_end_matches('/').to_string() }
    }

    /// The configuration from the loader's `preloaded` request if it succeeded, else asked anew.
    pub async fn tenant_config_from(
        &self,
        tenant: &str,
        preloaded: Option<js_sys::Promise>,
    ) -> Result<TenantConfig, ApiError> {
        if let Some(promise) = preloaded {
            let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
            if let Some(raw) = answer.ok().and_then(|r| r.dyn_into::<web_sys::Response>().ok()) {
                if let Ok(config) = read(Response::from(raw)).await {
                    return Ok(config);
                }
            }
        }
        self.tenant_config(tenant).await
    }

    pub async fn tenant_config(&self, tenant: &str) -> Result<TenantConfig, ApiError> {
        let url = format!("{}/api/v1/tenants/{tenant}/config", self.origin);
        let response = Request::get(&url).send().await.map_err(|_| ApiError::Network)?;
        read(response).await
    }

    pub async fn submit_report(&self, draft: &ReportDraft) -> Result<ReportReceipt, ApiError> {
        let url = format!("{}/api/v1/reports", self.origin);
        let request = Request::post(&url).json(draft).map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        read(response).await
    }
}

impl Edge {
    /// What the public map shows of `viewport`: approved reports (coarsened) or clusters.
    pub async fn public_map(&self, tenant: &str, viewport: &Viewport) -> Result<PublicMap, ApiError> {
        let b = viewport.bbox;
        let url = format!(
            "{}/api/v1/tenants/{tenant}/public-reports?bbox={:.5},{:.5},{:.5},{:.5}&zoom={}",
            self.origin, b.west, b.south, b.east, b.north, viewport.zoom
        );
        read(Request::get(&url).send().await.map_err(|_| ApiError::Network)?).await
    }

    /// The author's view of their report: status and what the municipality did.
    pub async fn follow_up(&self, tenant: &str, case: &str, code: &str) -> Result<ReportView, ApiError> {
        let case = js_sys::encode_uri_component(case);
        let url = format!("{}/api/v1/tenants/{tenant}/reports/{case}", self.origin);
        let request = Request::get(&url).header("authorization", &format!("Bearer {code}"));
        read(request.send().await.map_err(|_| ApiError::Network)?).await
    }
}

/// A trygghetsdialog, as a participant (identified only by their browser's participant code).
impl Edge {
    fn dialogues_url(&self, tenant: &str) -> String {
        format!("{}/api/v1/tenants/{tenant}/dialogues", self.origin)
    }

    pub async fn dialogues(&self, tenant: &str) -> Result<Vec<PublicDialogue>, ApiError> {
        read(Request::get(&self.dialogues_url(tenant)).send().await.map_err(|_| ApiError::Network)?).await
    }

    pub async fn dialogue(&self, tenant: &str, id: i64) -> Result<DialogueSnapshot, ApiError> {
        let url = format!("{}/{id}", self.dialogues_url(tenant));
        read(Request::get(&url).send().await.map_err(|_| ApiError::Network)?).await
    }

    pub async fn participation(
        &self,
        tenant: &str,
        id: i64,
        participant: &str,
    ) -> Result<Participation, ApiError> {
        let url = format!("{}/{id}/mine", self.dialogues_url(tenant));
        let request = Request::get(&url).header("authorization", &format!("Bearer {participant}"));
        read(request.send().await.map_err(|_| ApiError::Network)?).await
    }

    pub async fn ask(
        &self,
        tenant: &str,
        id: i64,
        participant: &str,
        question: &QuestionDraft,
    ) -> Result<OwnQuestion, ApiError> {
        let url = format!("{}/{id}/questions", self.dialogues_url(tenant));
        let request = Request::post(&url).header("authorization", &format!("Bearer {participant}"));
        let request = request.json(question).map_err(|_| ApiError::Network)?;
        read(request.send().await.map_err(|_| ApiError::Network)?).await
    }

    pub async fn vote(
        &self,
        tenant: &str,
        id: i64,
        question: i64,
        participant: &str,
    ) -> Result<PublicQuestion, ApiError> {
        let url = format!("{}/{id}/questions/{question}/votes", self.dialogues_url(tenant));
        let request = Request::post(&url).header("authorization", &format!("Bearer {participant}"));
        read(request.send().await.map_err(|_| ApiError::Network)?).await
    }

    /// The address of the dialogue's live room over HTTP: asked why a handshake failed.
    pub fn live_http_url(&self, tenant: &str, id: i64) -> String {
        format!("{}/{id}/live", self.dialogues_url(tenant))
    }

    /// The WebSocket address of the dialogue's live room.
    pub fn live_url(&self, tenant: &str, id: i64) -> String {
        let url = self.live_http_url(tenant, id);
        match url.strip_prefix("https://") {
            Some(rest) => format!("wss://{rest}"),
            None => url.replacen("http://", "ws://", 1),
        }
    }
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Network);
    }
    if response.status() == 429 || response.status() >= 500 {
        return Err(ApiError::Network);
    }
    match response.json::<ErrorBody>().await {
        Ok(ErrorBody { error }) => {
            Err(ApiError::Rejected { code: error.code, message: error.message, field: error.field })
        }
        // Not our JSON: a proxy or gateway answered. Treat it like no answer.
        Err(_) => Err(ApiError::Network),
    }
}
