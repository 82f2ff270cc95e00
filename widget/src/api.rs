//! Talking to the edge. Residents' requests carry no cookies and no identifiers. Every request
//! is one of the operations core declares: its URL, method and types come from there.

use serde::de::DeserializeOwned;
use tryggve_core::api::operations::{
    AnswerSurvey, AskQuestion, Body, FollowReport, IssueParticipantCode, JoinLive, JoinWalk, JoinWalkLive,
    ListDialogues, ListPublicMapLayers, ListPublicWalks, ListWalkPoints, LogWalkPoint, NamePlace, ReadConfig,
    ReadDialogue, ReadParticipation, ReadPublicMap, ReadPublicWalkProtocol, ReadSurvey, ReadSurveyResults,
    ReadWalkCalendar, SearchPlaces, SendReport, Vote,
};
use tryggve_core::api::path::{CasePath, DialoguePath, QuestionPath, TenantPath, WalkPath};
use tryggve_core::api::{Endpoint, ErrorBody, ErrorCode};
use tryggve_core::dialogue::{
    DialogueSnapshot, IssuedParticipant, OwnQuestion, Participation, PublicDialogue, PublicQuestion,
    QuestionDraft,
};
use tryggve_core::place_name::FoundPlace;
use tryggve_core::public_map::{PublicMap, Viewport};
use tryggve_core::report::parse_case_number;
use tryggve_core::reporter::NewAccessCode;
use tryggve_core::survey::{OpenSurvey, RoundResults, SurveyAnswerDraft, SurveyAnswered};
use tryggve_core::walk::{JoinedWalk, PublicWalk};
use tryggve_core::walk_point::{WalkPoint, WalkPointDraft};
use tryggve_core::walk_protocol::{PublicPlace, WalkProtocol};
use tryggve_core::{ReportDraft, ReportReceipt, ReportView, TenantConfig};
use wasm_bindgen::JsCast;
use web_sys::Response;

use crate::http::Request;

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
    Rejected { code: ErrorCode, message: String, field: Option<String> },
}

fn tenant_path(tenant: &str) -> TenantPath {
    TenantPath { tenant: tenant.to_string() }
}

fn dialogue_path(tenant: &str, dialogue: i64) -> DialoguePath {
    DialoguePath { tenant: tenant.to_string(), dialogue }
}

impl Edge {
    pub fn new(origin: String) -> Self {
        Self { origin: origin.trim_end_matches('/').to_string() }
    }

    /// The origin it was made with (what a module loaded later is given to make its own).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The address of operation `E` at `path`.
    fn url<E: Endpoint>(&self, path: &E::Path) -> String {
        format!("{}{}", self.origin, E::OPERATION.url_path(path))
    }

    /// Sends operation `E` (with `query` after the path, and the bearer code if it needs one).
    async fn call<E: Endpoint>(
        &self,
        path: &E::Path,
        query: Option<String>,
        body: &E::Body,
        bearer: Option<&str>,
    ) -> Result<E::Answer, ApiError> {
        let mut url = self.url::<E>(path);
        if let Some(query) = query {
            url = format!("{url}?{query}");
        }
        let mut request = Request::new(E::OPERATION.method.as_str(), &url);
        let authorization = bearer.map(|code| format!("Bearer {code}"));
        if let Some(authorization) = &authorization {
            request = request.header("authorization", authorization);
        }
        let text = match <E::Body as Body>::SENT {
            true => Some(crate::json::to_text(body).ok_or(ApiError::Network)?),
            false => None,
        };
        if let Some(text) = &text {
            request = request.json(text);
        }
        let response = request.send().await.map_err(|_| ApiError::Network)?;
        read(response).await
    }

    /// The configuration from the loader's `preloaded` request if it succeeded, else asked anew.
    pub async fn tenant_config_from(
        &self,
        tenant: &str,
        preloaded: Option<js_sys::Promise>,
    ) -> Result<TenantConfig, ApiError> {
        if let Some(promise) = preloaded {
            let answer = wasm_bindgen_futures::JsFuture::from(promise).await;
            if let Some(response) = answer.ok().and_then(|r| r.dyn_into::<Response>().ok()) {
                if let Ok(config) = read(response).await {
                    return Ok(config);
                }
            }
        }
        self.tenant_config(tenant).await
    }

    pub async fn tenant_config(&self, tenant: &str) -> Result<TenantConfig, ApiError> {
        self.call::<ReadConfig>(&tenant_path(tenant), None, &(), None).await
    }

    pub async fn submit_report(&self, draft: &ReportDraft) -> Result<ReportReceipt, ApiError> {
        self.call::<SendReport>(&(), None, draft, None).await
    }

    /// What the public map shows of `viewport`: approved reports (coarsened) or clusters.
    pub async fn public_map(&self, tenant: &str, viewport: &Viewport) -> Result<PublicMap, ApiError> {
        let b = viewport.bbox;
        let query =
            format!("bbox={:.5},{:.5},{:.5},{:.5}&zoom={}", b.west, b.south, b.east, b.north, viewport.zoom);
        self.call::<ReadPublicMap>(&tenant_path(tenant), Some(query), &(), None).await
    }

    /// The municipality's layers that residents may see (core's `PublicLayer`s), as the browser
    /// parsed them: their coordinates go to Leaflet as the `[lat, lng]` arrays they are, and
    /// reading them into Rust types first would cost the report form's download kilobytes of
    /// code (see `map_layers`).
    pub async fn public_layers(&self, tenant: &str) -> Result<js_sys::Array, ApiError> {
        let url = self.url::<ListPublicMapLayers>(&tenant_path(tenant));
        parsed_by_browser(&url).await?.dyn_into().map_err(|_| ApiError::Network)
    }

    /// The name of the place at `point` (core's `PlaceName`), if the edge knows one. Read from
    /// the browser's parse, as the layers are: serde's reading of each answer type costs the
    /// report form kilobytes.
    pub async fn place_name(
        &self,
        tenant: &str,
        point: tryggve_core::LatLng,
    ) -> Result<Option<String>, ApiError> {
        let url = format!(
            "{}?lat={:.6}&lng={:.6}",
            self.url::<NamePlace>(&tenant_path(tenant)),
            point.lat,
            point.lng
        );
        let answer = parsed_by_browser(&url).await?;
        Ok(js_sys::Reflect::get(&answer, &"name".into()).ok().and_then(|name| name.as_string()))
    }

    /// Places whose name or address holds `query` (core's `FoundPlace`s), within the
    /// municipality's map; read as [`Self::place_name`] is.
    pub async fn search_places(&self, tenant: &str, query: &str) -> Result<Vec<FoundPlace>, ApiError> {
        let url = format!(
            "{}?q={}",
            self.url::<SearchPlaces>(&tenant_path(tenant)),
            tryggve_core::api::path::percent_encode(query)
        );
        let answer: js_sys::Array =
            parsed_by_browser(&url).await?.dyn_into().map_err(|_| ApiError::Network)?;
        let field = |place: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(place, &key.into()).ok();
        Ok(answer
            .iter()
            .filter_map(|place| {
                Some(FoundPlace {
                    name: field(&place, "name")?.as_string()?,
                    lat: field(&place, "lat")?.as_f64()?,
                    lng: field(&place, "lng")?.as_f64()?,
                })
            })
            .collect())
    }

    /// The author's view of their report: status and what the municipality did.
    pub async fn follow_up(&self, tenant: &str, case: &str, code: &str) -> Result<ReportView, ApiError> {
        // A case number that cannot be one is not found, as the edge would answer.
        let Some(case) = parse_case_number(case.trim()) else {
            let message = "No such report, or the follow-up code does not match.".to_string();
            return Err(ApiError::Rejected { code: ErrorCode::ReportNotFound, message, field: None });
        };
        let path = CasePath { tenant: tenant.to_string(), case };
        self.call::<FollowReport>(&path, None, &(), Some(code)).await
    }
}

/// A trygghetsdialog, as a participant (identified only by their browser's participant code).
impl Edge {
    pub async fn dialogues(&self, tenant: &str) -> Result<Vec<PublicDialogue>, ApiError> {
        self.call::<ListDialogues>(&tenant_path(tenant), None, &(), None).await
    }

    pub async fn dialogue(&self, tenant: &str, id: i64) -> Result<DialogueSnapshot, ApiError> {
        self.call::<ReadDialogue>(&dialogue_path(tenant, id), None, &(), None).await
    }

    /// A new participant code (see `participant`).
    pub async fn issue_participant(&self, tenant: &str) -> Result<IssuedParticipant, ApiError> {
        self.call::<IssueParticipantCode>(&tenant_path(tenant), None, &(), None).await
    }

    pub async fn participation(
        &self,
        tenant: &str,
        id: i64,
        participant: &str,
    ) -> Result<Participation, ApiError> {
        self.call::<ReadParticipation>(&dialogue_path(tenant, id), None, &(), Some(participant)).await
    }

    pub async fn ask(
        &self,
        tenant: &str,
        id: i64,
        participant: &str,
        question: &QuestionDraft,
    ) -> Result<OwnQuestion, ApiError> {
        self.call::<AskQuestion>(&dialogue_path(tenant, id), None, question, Some(participant)).await
    }

    pub async fn vote(
        &self,
        tenant: &str,
        id: i64,
        question: i64,
        participant: &str,
    ) -> Result<PublicQuestion, ApiError> {
        let path = QuestionPath { tenant: tenant.to_string(), dialogue: id, question };
        self.call::<Vote>(&path, None, &(), Some(participant)).await
    }

    /// The address of the dialogue's live room over HTTP: asked why a handshake failed.
    pub fn live_http_url(&self, tenant: &str, id: i64) -> String {
        self.url::<JoinLive>(&dialogue_path(tenant, id))
    }

    /// The WebSocket address of the dialogue's live room.
    pub fn live_url(&self, tenant: &str, id: i64) -> String {
        websocket_url(&self.live_http_url(tenant, id))
    }
}

fn walk_path(tenant: &str, walk: i64) -> WalkPath {
    WalkPath { tenant: tenant.to_string(), walk }
}

/// Safety walks: the announced ones, and logging points as a participant (with the walk's pass).
impl Edge {
    pub async fn walks(&self, tenant: &str) -> Result<Vec<PublicWalk>, ApiError> {
        self.call::<ListPublicWalks>(&tenant_path(tenant), None, &(), None).await
    }

    /// A walk's published protocol (what residents are shown of it).
    pub async fn walk_protocol(
        &self,
        tenant: &str,
        walk: i64,
    ) -> Result<WalkProtocol<PublicPlace>, ApiError> {
        self.call::<ReadPublicWalkProtocol>(&walk_path(tenant, walk), None, &(), None).await
    }

    /// The address of an announced walk's calendar file.
    pub fn walk_calendar_url(&self, tenant: &str, walk: i64) -> String {
        self.url::<ReadWalkCalendar>(&walk_path(tenant, walk))
    }

    pub async fn join_walk(&self, tenant: &str, walk: i64, code: &str) -> Result<JoinedWalk, ApiError> {
        let body = NewAccessCode { code: code.to_string() };
        self.call::<JoinWalk>(&walk_path(tenant, walk), None, &body, None).await
    }

    pub async fn walk_points(&self, tenant: &str, walk: i64, pass: &str) -> Result<Vec<WalkPoint>, ApiError> {
        self.call::<ListWalkPoints>(&walk_path(tenant, walk), None, &(), Some(pass)).await
    }

    pub async fn log_walk_point(
        &self,
        tenant: &str,
        walk: i64,
        pass: &str,
        point: &WalkPointDraft,
    ) -> Result<WalkPoint, ApiError> {
        self.call::<LogWalkPoint>(&walk_path(tenant, walk), None, point, Some(pass)).await
    }

    /// The walk's live room over HTTP (asked why a handshake failed) and as a WebSocket.
    pub fn walk_live_urls(&self, tenant: &str, walk: i64) -> (String, String) {
        let http = self.url::<JoinWalkLive>(&walk_path(tenant, walk));
        (http.clone(), websocket_url(&http))
    }
}

/// The perceived-safety survey: the round open today, answering it, and every round's results.
impl Edge {
    pub async fn open_survey(&self, tenant: &str) -> Result<OpenSurvey, ApiError> {
        self.call::<ReadSurvey>(&tenant_path(tenant), None, &(), None).await
    }

    pub async fn answer_survey(
        &self,
        tenant: &str,
        answer: &SurveyAnswerDraft,
    ) -> Result<SurveyAnswered, ApiError> {
        self.call::<AnswerSurvey>(&tenant_path(tenant), None, answer, None).await
    }

    pub async fn survey_results(&self, tenant: &str) -> Result<Vec<RoundResults>, ApiError> {
        self.call::<ReadSurveyResults>(&tenant_path(tenant), None, &(), None).await
    }
}

/// `url` (http or https) as a WebSocket address.
fn websocket_url(url: &str) -> String {
    match url.strip_prefix("https://") {
        Some(rest) => format!("wss://{rest}"),
        None => url.replacen("http://", "ws://", 1),
    }
}

/// A GET's answer as the browser's `JSON.parse` made it, or the edge's refusal.
async fn parsed_by_browser(url: &str) -> Result<wasm_bindgen::JsValue, ApiError> {
    let response = Request::get(url).send().await.map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(read::<()>(response).await.err().unwrap_or(ApiError::Network));
    }
    parsed(response).await
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return parsed(response)
            .await
            .and_then(|value| crate::json::from_value(value).ok_or(ApiError::Network));
    }
    if response.status() == 429 || response.status() >= 500 {
        return Err(ApiError::Network);
    }
    match parsed(response).await.ok().and_then(crate::json::from_value::<ErrorBody>) {
        Some(ErrorBody { error }) => {
            Err(ApiError::Rejected { code: error.kind(), message: error.message, field: error.field })
        }
        // Not our JSON: a proxy or gateway answered. Treat it like no answer.
        None => Err(ApiError::Network),
    }
}

/// The response's body as the browser's `JSON.parse` made it.
async fn parsed(response: Response) -> Result<wasm_bindgen::JsValue, ApiError> {
    let parsed = response.json().map_err(|_| ApiError::Network)?;
    wasm_bindgen_futures::JsFuture::from(parsed).await.map_err(|_| ApiError::Network)
}
