//! The console's calls to its own edge (same origin: the session cookie goes along). Every call
//! is one of the operations core declares: its URL, method and types come from there.

use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use tryggve_core::api::operations::{
    ActOnDialogue, ActOnQuestion, ActOnReport, ActOnReports, AddModerator, Body, ChangeModeratorRole,
    ChangePassword, CreateDialogue, DisableModerator, EnableModerator, ListAccessCodes, ListAllDialogues,
    ListModerators, ListReports, ListSharedReports, LogIn, LogOut, MinutesCsv, MinutesMarkdown, Operation,
    ReadAuditLog, ReadConfig, ReadDashboard, ReadModeratedDialogue, ReadReport, ReadReviewMap, ReadSession,
    ReadSettings, RemoveAccessCode, ResetModeratorPassword, SaveSettings, SetAccessCode, Success,
};
use tryggve_core::api::operations::{
    ActOnWalkPoint, AddWalk, EditWalkPoint, ListReviewedWalkPoints, ListWalks, MoveWalk, ReadWalkProtocol,
    SetWalkCode, UpdateWalk,
};
use tryggve_core::api::operations::{
    AddIntegration, AddMapLayer, AddMeasure, AddReportNote, AddUnit, AddWebhook, ListIntegrations,
    ListMapLayers, ListMeasures, ListPoliceEvents, ListReportMeasures, ListReportNotes, ListUnits,
    ListWebhookDeliveries, ListWebhooks, ReadUnitQueue, RemoveMapLayer, RevokeIntegration, RevokeWebhook,
    UpdateMeasure, UpdateUnit,
};
use tryggve_core::api::operations::{AddSurveyRound, ListSurveyRounds, ReadSurveyResults};
use tryggve_core::api::path::{
    AccountPath, CasePath, DialoguePath, GroupPath, IntegrationPath, LayerPath, MeasurePath, QuestionPath,
    TenantPath, UnitPath, WalkPath, WalkPointPath, WebhookPath,
};
use tryggve_core::api::{self, Endpoint, ErrorBody, ErrorCode};
use tryggve_core::bulk_review::{BulkOutcome, BulkReview};
use tryggve_core::console::{
    AuditEntry, LoginRequest, ModeratorView, NewModerator, PasswordChange, PasswordReset, RoleChange,
    SessionInfo,
};
use tryggve_core::dialogue::{
    DialogueAction, DialogueDetails, ModeratedDialogue, ModeratedQuestion, PublicDialogue, QuestionAction,
};
use tryggve_core::integration::{Integration, IntegrationDraft, NewIntegration};
use tryggve_core::map_layer::{LayerUpload, MapLayer};
use tryggve_core::measure::{Measure, MeasureDraft};
use tryggve_core::moderation::Role;
use tryggve_core::note::{NewNote, ReportNote};
use tryggve_core::police_event::PoliceEvent;
use tryggve_core::public_map::Viewport;
use tryggve_core::report::parse_case_number;
use tryggve_core::report_list::{encode_query_value, ReportPage};
use tryggve_core::reporter::{AccessCodeState, NewAccessCode, ReporterGroup};
use tryggve_core::review::{ModeratedReport, ReportFilter, ReviewAction};
use tryggve_core::review_map::ReviewMap;
use tryggve_core::settings::TenantSettings;
use tryggve_core::shared_report::SharedReportPage;
use tryggve_core::stats::DashboardAnswer;
use tryggve_core::survey::{RoundDraft, RoundResults, SurveyRound};
use tryggve_core::unit::{Unit, UnitDraft};
use tryggve_core::unit_queue::UnitQueue;
use tryggve_core::walk::{Walk, WalkDraft, WalkState, WalkStateChange};
use tryggve_core::walk_protocol::WalkProtocol;
use tryggve_core::walk_review::{ReviewedWalkPoint, WalkPointAction, WalkPointEdit};
use tryggve_core::webhook::{Delivery, NewWebhook, Webhook, WebhookDraft};
use tryggve_core::TenantConfig;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    Network,
    Refused { status: u16, code: ErrorCode, message: String, field: Option<String> },
}

impl ApiError {
    /// The locale key of a message for this error.
    pub fn message_key(&self) -> String {
        match self {
            Self::Network => "console-network-error".into(),
            Self::Refused { code, .. } => code.message_key("console-error"),
        }
    }
}

fn tenant_path(tenant: &str) -> TenantPath {
    TenantPath { tenant: tenant.to_string() }
}

fn dialogue_path(tenant: &str, dialogue: i64) -> DialoguePath {
    DialoguePath { tenant: tenant.to_string(), dialogue }
}

/// Sends operation `E` (with `query` after the path, and the session's CSRF token for changes).
async fn call<E: Endpoint>(
    path: &E::Path,
    query: Option<String>,
    body: &E::Body,
    csrf: Option<&str>,
) -> Result<E::Answer, ApiError> {
    let mut url = E::OPERATION.url_path(path);
    if let Some(query) = query {
        url = format!("{url}?{query}");
    }
    let method = match E::OPERATION.method {
        api::Method::Get => Method::GET,
        api::Method::Post => Method::POST,
        api::Method::Put => Method::PUT,
        api::Method::Delete => Method::DELETE,
    };
    let mut request = RequestBuilder::new(&url).method(method);
    if let Some(csrf) = csrf {
        request = request.header("x-csrf-token", csrf);
    }
    let request = match <E::Body as Body>::SENT {
        true => request.json(body),
        false => request.build(),
    };
    let response = request.map_err(|_| ApiError::Network)?.send().await.map_err(|_| ApiError::Network)?;
    // A success without a body (204) has nothing to read.
    if response.ok() && matches!(E::OPERATION.success, Success::Empty(_)) {
        return serde_json::from_str("null").map_err(|_| ApiError::Network);
    }
    read(response).await
}

/// Fetches a file (an export, the minutes) with the session's CSRF token, since its download is
/// audited in the moderator's name, and hands it to the browser as a download under the name
/// the edge gives it.
pub async fn download(url: &str, csrf: &str) -> Result<(), ApiError> {
    use wasm_bindgen::JsCast;
    let response =
        RequestBuilder::new(url).header("x-csrf-token", csrf).send().await.map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return read::<()>(response).await;
    }
    let name = response.headers().get("content-disposition").and_then(|d| file_name(&d));
    let bytes = response.binary().await.map_err(|_| ApiError::Network)?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(|_| ApiError::Network)?;
    let address = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| ApiError::Network)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(ApiError::Network)?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| ApiError::Network)?.unchecked_into();
    link.set_href(&address);
    link.set_download(name.as_deref().unwrap_or("tryggve"));
    link.click();
    // The browser has taken the file by the time a minute has passed.
    leptos::prelude::set_timeout(
        move || _ = web_sys::Url::revoke_object_url(&address),
        std::time::Duration::from_secs(60),
    );
    Ok(())
}

/// `attachment; filename="tryggve-demo-2026-12-04.csv"` → the file's name.
fn file_name(disposition: &str) -> Option<String> {
    let (_, after) = disposition.split_once("filename=\"")?;
    let (name, _) = after.split_once('"')?;
    Some(name.to_string()).filter(|n| !n.is_empty())
}

async fn read<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    if response.ok() {
        return response.json().await.map_err(|_| ApiError::Network);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(ErrorBody { error }) => {
            Err(ApiError::Refused { status, code: error.kind(), message: error.message, field: error.field })
        }
        Err(_) => Err(ApiError::Network),
    }
}

pub async fn session() -> Result<SessionInfo, ApiError> {
    call::<ReadSession>(&(), None, &(), None).await
}

pub async fn login(request: &LoginRequest) -> Result<SessionInfo, ApiError> {
    call::<LogIn>(&(), None, request, None).await
}

pub async fn logout(csrf: &str) -> Result<(), ApiError> {
    call::<LogOut>(&(), None, &(), Some(csrf)).await
}

pub async fn change_password(csrf: &str, change: &PasswordChange) -> Result<(), ApiError> {
    call::<ChangePassword>(&(), None, change, Some(csrf)).await
}

pub async fn settings(tenant: &str) -> Result<TenantSettings, ApiError> {
    call::<ReadSettings>(&tenant_path(tenant), None, &(), None).await
}

pub async fn save_settings(
    tenant: &str,
    csrf: &str,
    settings: &TenantSettings,
) -> Result<TenantSettings, ApiError> {
    call::<SaveSettings>(&tenant_path(tenant), None, settings, Some(csrf)).await
}

pub async fn access_codes(tenant: &str) -> Result<Vec<AccessCodeState>, ApiError> {
    call::<ListAccessCodes>(&tenant_path(tenant), None, &(), None).await
}

pub async fn integrations(tenant: &str) -> Result<Vec<Integration>, ApiError> {
    call::<ListIntegrations>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_integration(tenant: &str, csrf: &str, name: String) -> Result<NewIntegration, ApiError> {
    call::<AddIntegration>(&tenant_path(tenant), None, &IntegrationDraft { name }, Some(csrf)).await
}

pub async fn walks(tenant: &str) -> Result<Vec<Walk>, ApiError> {
    call::<ListWalks>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_walk(tenant: &str, csrf: &str, draft: &WalkDraft) -> Result<Walk, ApiError> {
    call::<AddWalk>(&tenant_path(tenant), None, draft, Some(csrf)).await
}

fn walk_path(tenant: &str, walk: i64) -> WalkPath {
    WalkPath { tenant: tenant.to_string(), walk }
}

pub async fn update_walk(tenant: &str, csrf: &str, walk: i64, draft: &WalkDraft) -> Result<Walk, ApiError> {
    call::<UpdateWalk>(&walk_path(tenant, walk), None, draft, Some(csrf)).await
}

pub async fn move_walk(tenant: &str, csrf: &str, walk: i64, state: WalkState) -> Result<Walk, ApiError> {
    call::<MoveWalk>(&walk_path(tenant, walk), None, &WalkStateChange { state }, Some(csrf)).await
}

pub async fn set_walk_code(tenant: &str, csrf: &str, walk: i64, code: String) -> Result<Walk, ApiError> {
    call::<SetWalkCode>(&walk_path(tenant, walk), None, &NewAccessCode { code }, Some(csrf)).await
}

pub async fn walk_points(tenant: &str, walk: i64) -> Result<Vec<ReviewedWalkPoint>, ApiError> {
    call::<ListReviewedWalkPoints>(&walk_path(tenant, walk), None, &(), None).await
}

fn walk_point_path(tenant: &str, walk: i64, point: i64) -> WalkPointPath {
    WalkPointPath { tenant: tenant.to_string(), walk, point }
}

pub async fn edit_walk_point(
    tenant: &str,
    csrf: &str,
    (walk, point): (i64, i64),
    edit: &WalkPointEdit,
) -> Result<ReviewedWalkPoint, ApiError> {
    call::<EditWalkPoint>(&walk_point_path(tenant, walk, point), None, edit, Some(csrf)).await
}

pub async fn act_on_walk_point(
    tenant: &str,
    csrf: &str,
    (walk, point): (i64, i64),
    action: &WalkPointAction,
) -> Result<ReviewedWalkPoint, ApiError> {
    call::<ActOnWalkPoint>(&walk_point_path(tenant, walk, point), None, action, Some(csrf)).await
}

pub async fn walk_protocol(tenant: &str, walk: i64) -> Result<WalkProtocol, ApiError> {
    call::<ReadWalkProtocol>(&walk_path(tenant, walk), None, &(), None).await
}

/// The address of a walk's protocol as a file (`ExportWalkProtocolCsv` or `…GeoJson`).
pub fn walk_protocol_url(tenant: &str, walk: i64, export: &Operation) -> String {
    export.url_path(&walk_path(tenant, walk))
}

pub async fn webhooks(tenant: &str) -> Result<Vec<Webhook>, ApiError> {
    call::<ListWebhooks>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_webhook(tenant: &str, csrf: &str, draft: &WebhookDraft) -> Result<NewWebhook, ApiError> {
    call::<AddWebhook>(&tenant_path(tenant), None, draft, Some(csrf)).await
}

pub async fn revoke_webhook(tenant: &str, csrf: &str, id: i64) -> Result<Webhook, ApiError> {
    let path = WebhookPath { tenant: tenant.to_string(), webhook: id };
    call::<RevokeWebhook>(&path, None, &(), Some(csrf)).await
}

pub async fn map_layers(tenant: &str) -> Result<Vec<MapLayer>, ApiError> {
    call::<ListMapLayers>(&tenant_path(tenant), None, &(), None).await
}

/// The survey's results (public: what everyone may see, suppressed where too few answered).
pub async fn survey_results(tenant: &str) -> Result<Vec<RoundResults>, ApiError> {
    call::<ReadSurveyResults>(&tenant_path(tenant), None, &(), None).await
}

pub async fn survey_rounds(tenant: &str) -> Result<Vec<SurveyRound>, ApiError> {
    call::<ListSurveyRounds>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_survey_round(tenant: &str, csrf: &str, draft: &RoundDraft) -> Result<SurveyRound, ApiError> {
    call::<AddSurveyRound>(&tenant_path(tenant), None, draft, Some(csrf)).await
}

pub async fn police_events(tenant: &str) -> Result<Vec<PoliceEvent>, ApiError> {
    call::<ListPoliceEvents>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_map_layer(tenant: &str, csrf: &str, upload: &LayerUpload) -> Result<MapLayer, ApiError> {
    call::<AddMapLayer>(&tenant_path(tenant), None, upload, Some(csrf)).await
}

pub async fn remove_map_layer(tenant: &str, csrf: &str, layer: i64) -> Result<(), ApiError> {
    let path = LayerPath { tenant: tenant.to_string(), layer };
    call::<RemoveMapLayer>(&path, None, &(), Some(csrf)).await
}

pub async fn webhook_deliveries(tenant: &str) -> Result<Vec<Delivery>, ApiError> {
    call::<ListWebhookDeliveries>(&tenant_path(tenant), None, &(), None).await
}

pub async fn revoke_integration(tenant: &str, csrf: &str, id: i64) -> Result<Integration, ApiError> {
    let path = IntegrationPath { tenant: tenant.to_string(), integration: id };
    call::<RevokeIntegration>(&path, None, &(), Some(csrf)).await
}

/// Sets (`Some`) or removes a reporter group's access code.
pub async fn change_access_code(
    tenant: &str,
    csrf: &str,
    group: ReporterGroup,
    code: Option<String>,
) -> Result<AccessCodeState, ApiError> {
    let path = GroupPath { tenant: tenant.to_string(), group };
    match code {
        Some(code) => call::<SetAccessCode>(&path, None, &NewAccessCode { code }, Some(csrf)).await,
        None => call::<RemoveAccessCode>(&path, None, &(), Some(csrf)).await,
    }
}

pub async fn tenant_config(tenant: &str) -> Result<TenantConfig, ApiError> {
    call::<ReadConfig>(&tenant_path(tenant), None, &(), None).await
}

/// The filter as a query string (`status=new&category=graffiti…`), shared by list, dashboard
/// and export links.
/// One page of the review list: the first, or the one after the token `after`.
pub async fn reports(
    tenant: &str,
    filter: &ReportFilter,
    after: Option<&str>,
) -> Result<ReportPage, ApiError> {
    call::<ListReports>(&tenant_path(tenant), Some(page_query(filter, after)), &(), None).await
}

/// The reports `filter` selects in `view`, one by one or in clusters, and with `walks` the
/// safety walks' points there.
pub async fn review_map(
    tenant: &str,
    filter: &ReportFilter,
    view: &Viewport,
    walks: bool,
) -> Result<ReviewMap, ApiError> {
    let b = view.bbox;
    let mut query = format!(
        "{}&bbox={:.6},{:.6},{:.6},{:.6}&zoom={}",
        filter.to_query(),
        b.west,
        b.south,
        b.east,
        b.north,
        view.zoom
    );
    if walks {
        query += "&walks=include";
    }
    call::<ReadReviewMap>(&tenant_path(tenant), Some(query), &(), None).await
}

pub async fn dashboard(
    tenant: &str,
    filter: &ReportFilter,
    compile: &str,
    rejected_included: bool,
) -> Result<DashboardAnswer, ApiError> {
    let mut query = format!("{}&compile={}", filter.to_query(), js_sys::encode_uri_component(compile));
    if rejected_included {
        query += "&rejected=include";
    }
    call::<ReadDashboard>(&tenant_path(tenant), Some(query), &(), None).await
}

/// The address of the reports under `filter` as a file (`csv` or `geojson`), for a link.
pub fn export_url(tenant: &str, export: &Operation, filter: &ReportFilter) -> String {
    format!("{}?{}", export.url_path(&tenant_path(tenant)), filter.to_query())
}

/// The address of a dialogue's minutes as a file (`md` or `csv`), for a link.
pub fn minutes_url(tenant: &str, dialogue: i64, format: &str) -> String {
    let path = dialogue_path(tenant, dialogue);
    match format {
        "csv" => MinutesCsv::OPERATION.url_path(&path),
        _ => MinutesMarkdown::OPERATION.url_path(&path),
    }
}

/// The path of a case; a case number that is not one (from a mistyped link) is a case not found.
fn case_path(tenant: &str, case: &str) -> Result<CasePath, ApiError> {
    let Some(case) = parse_case_number(case) else {
        let message = "No such report in this municipality.".to_string();
        return Err(ApiError::Refused { status: 404, code: ErrorCode::CaseNotFound, message, field: None });
    };
    Ok(CasePath { tenant: tenant.to_string(), case })
}

/// One report, for a case opened from a link that the list's page does not hold.
pub async fn report(tenant: &str, case: &str) -> Result<ModeratedReport, ApiError> {
    call::<ReadReport>(&case_path(tenant, case)?, None, &(), None).await
}

pub async fn act(
    tenant: &str,
    case: &str,
    csrf: &str,
    action: &ReviewAction,
) -> Result<ModeratedReport, ApiError> {
    call::<ActOnReport>(&case_path(tenant, case)?, None, action, Some(csrf)).await
}

/// One action on several reports; each report's outcome in the answer.
pub async fn act_on_many(tenant: &str, csrf: &str, bulk: &BulkReview) -> Result<BulkOutcome, ApiError> {
    call::<ActOnReports>(&tenant_path(tenant), None, bulk, Some(csrf)).await
}

pub async fn units(tenant: &str) -> Result<Vec<Unit>, ApiError> {
    call::<ListUnits>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_unit(tenant: &str, csrf: &str, unit: &UnitDraft) -> Result<Unit, ApiError> {
    call::<AddUnit>(&tenant_path(tenant), None, unit, Some(csrf)).await
}

pub async fn update_unit(tenant: &str, csrf: &str, id: i64, unit: &UnitDraft) -> Result<Unit, ApiError> {
    let path = UnitPath { tenant: tenant.to_string(), unit: id };
    call::<UpdateUnit>(&path, None, unit, Some(csrf)).await
}

pub async fn unit_queue(tenant: &str, id: i64) -> Result<UnitQueue, ApiError> {
    call::<ReadUnitQueue>(&UnitPath { tenant: tenant.to_string(), unit: id }, None, &(), None).await
}

pub async fn measures(tenant: &str) -> Result<Vec<Measure>, ApiError> {
    call::<ListMeasures>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_measure(tenant: &str, csrf: &str, measure: &MeasureDraft) -> Result<Measure, ApiError> {
    call::<AddMeasure>(&tenant_path(tenant), None, measure, Some(csrf)).await
}

pub async fn update_measure(
    tenant: &str,
    csrf: &str,
    id: i64,
    measure: &MeasureDraft,
) -> Result<Measure, ApiError> {
    let path = MeasurePath { tenant: tenant.to_string(), measure: id };
    call::<UpdateMeasure>(&path, None, measure, Some(csrf)).await
}

pub async fn notes(tenant: &str, case: &str) -> Result<Vec<ReportNote>, ApiError> {
    call::<ListReportNotes>(&case_path(tenant, case)?, None, &(), None).await
}

pub async fn report_measures(tenant: &str, case: &str) -> Result<Vec<Measure>, ApiError> {
    call::<ListReportMeasures>(&case_path(tenant, case)?, None, &(), None).await
}

pub async fn add_note(tenant: &str, case: &str, csrf: &str, text: String) -> Result<ReportNote, ApiError> {
    call::<AddReportNote>(&case_path(tenant, case)?, None, &NewNote { text }, Some(csrf)).await
}

pub async fn moderators(tenant: &str) -> Result<Vec<ModeratorView>, ApiError> {
    call::<ListModerators>(&tenant_path(tenant), None, &(), None).await
}

pub async fn add_moderator(
    tenant: &str,
    csrf: &str,
    account: &NewModerator,
) -> Result<ModeratorView, ApiError> {
    call::<AddModerator>(&tenant_path(tenant), None, account, Some(csrf)).await
}

pub async fn disable_moderator(tenant: &str, csrf: &str, email: &str) -> Result<ModeratorView, ApiError> {
    let path = AccountPath { tenant: tenant.to_string(), email: email.to_string() };
    call::<DisableModerator>(&path, None, &(), Some(csrf)).await
}

pub async fn enable_moderator(tenant: &str, csrf: &str, email: &str) -> Result<ModeratorView, ApiError> {
    let path = AccountPath { tenant: tenant.to_string(), email: email.to_string() };
    call::<EnableModerator>(&path, None, &(), Some(csrf)).await
}

pub async fn change_role(
    tenant: &str,
    csrf: &str,
    email: &str,
    role: Role,
    unit: Option<i64>,
) -> Result<ModeratorView, ApiError> {
    let path = AccountPath { tenant: tenant.to_string(), email: email.to_string() };
    call::<ChangeModeratorRole>(&path, None, &RoleChange { role, unit }, Some(csrf)).await
}

pub async fn reset_password(tenant: &str, csrf: &str, email: &str) -> Result<PasswordReset, ApiError> {
    let path = AccountPath { tenant: tenant.to_string(), email: email.to_string() };
    call::<ResetModeratorPassword>(&path, None, &(), Some(csrf)).await
}

/// The approved reports under `filter`, as observers see them.
/// One page of the reports shared with observers: the first, or the one after the token `after`.
pub async fn shared_reports(
    tenant: &str,
    filter: &ReportFilter,
    after: Option<&str>,
) -> Result<SharedReportPage, ApiError> {
    call::<ListSharedReports>(&tenant_path(tenant), Some(page_query(filter, after)), &(), None).await
}

/// The filter as a query, from the page after the token `after` if there is one.
fn page_query(filter: &ReportFilter, after: Option<&str>) -> String {
    let mut query = filter.to_query();
    if let Some(after) = after {
        query += &format!("&after={}", encode_query_value(after));
    }
    query
}

pub async fn audit(tenant: &str) -> Result<Vec<AuditEntry>, ApiError> {
    call::<ReadAuditLog>(&tenant_path(tenant), None, &(), None).await
}

pub async fn dialogues(tenant: &str) -> Result<Vec<PublicDialogue>, ApiError> {
    call::<ListAllDialogues>(&tenant_path(tenant), None, &(), None).await
}

pub async fn create_dialogue(
    tenant: &str,
    csrf: &str,
    details: &DialogueDetails,
) -> Result<PublicDialogue, ApiError> {
    call::<CreateDialogue>(&tenant_path(tenant), None, details, Some(csrf)).await
}

pub async fn dialogue(tenant: &str, id: i64) -> Result<ModeratedDialogue, ApiError> {
    call::<ReadModeratedDialogue>(&dialogue_path(tenant, id), None, &(), None).await
}

pub async fn dialogue_action(
    tenant: &str,
    id: i64,
    csrf: &str,
    action: &DialogueAction,
) -> Result<PublicDialogue, ApiError> {
    call::<ActOnDialogue>(&dialogue_path(tenant, id), None, action, Some(csrf)).await
}

pub async fn question_action(
    tenant: &str,
    id: i64,
    question: i64,
    csrf: &str,
    action: &QuestionAction,
) -> Result<ModeratedQuestion, ApiError> {
    let path = QuestionPath { tenant: tenant.to_string(), dialogue: id, question };
    call::<ActOnQuestion>(&path, None, action, Some(csrf)).await
}
