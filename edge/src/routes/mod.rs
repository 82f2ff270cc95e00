//! The API's routes and the rules every route shares: JSON errors, CORS by tenant allowlist,
//! no caching.

mod accounts;
mod console;
mod context;
mod dashboard;
mod dialogue_console;
mod dialogues;
mod exports;
mod filtered;
mod integrations;
mod live;
mod map_layers;
mod measures;
mod notes;
mod open311;
mod places;
mod police_events;
mod reports;
mod review;
mod settings;
mod surveys;
mod tenants;
mod units;
mod walk_points;
mod walk_review;
mod walks;
mod webhooks;

use std::cell::OnceCell;
use std::rc::Rc;

use tryggve_core::api::operations::{self, Lookup, OperationId};
use tryggve_core::api::RequestTarget;
use worker::{web_sys, D1Database, Env, Response};

pub(crate) use context::{Cx, Handler, Reply};

use crate::error::ApiError;
use crate::http;

/// Where a request comes from, as far as CORS is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// Same origin as the edge (the demo page, the console), or no browser at all.
    FirstParty,
    /// A page on another origin, such as a municipal website embedding the widget.
    Embedding(String),
}

impl Caller {
    fn of(req: &web_sys::Request, target: &RequestTarget) -> Self {
        match req.headers().get("origin").ok().flatten() {
            Some(origin) if origin != target.origin => Self::Embedding(origin),
            _ => Self::FirstParty,
        }
    }

    /// The console API is for the edge's own pages only, never for embedding pages.
    pub fn require_first_party(&self) -> Result<(), ApiError> {
        match self {
            Self::FirstParty => Ok(()),
            Self::Embedding(_) => Err(ApiError::OriginNotAllowed),
        }
    }

    /// Refuses a cross-origin caller that `tenant` has not allowed.
    pub async fn check(&self, db: &D1Database, tenant: &str) -> Result<(), ApiError> {
        match self {
            Self::FirstParty => Ok(()),
            Self::Embedding(origin) => match crate::tenant_cache::allows_origin(db, tenant, origin).await? {
                true => Ok(()),
                false => Err(ApiError::OriginNotAllowed),
            },
        }
    }
}

thread_local! {
    /// The D1 binding, looked up once per isolate. Bindings belong to the isolate, not to a
    /// request (Workers may even import `env` at the top of a module); looking one up checks
    /// the object's class by name, every time.
    static DATABASE: OnceCell<Rc<D1Database>> = const { OnceCell::new() };
}

pub(crate) fn database(env: &Env) -> worker::Result<Rc<D1Database>> {
    if let Some(db) = DATABASE.with(|cell| cell.get().cloned()) {
        return Ok(db);
    }
    let db = Rc::new(env.d1("DB")?);
    DATABASE.with(|cell| _ = cell.set(db.clone()));
    Ok(db)
}

pub async fn handle(raw: web_sys::Request, env: Env, ctx: worker::Context) -> Response {
    let url = raw.url();
    let Some(target) = RequestTarget::parse(&url) else { return http::error(&ApiError::NotFound) };
    let caller = Caller::of(&raw, &target);
    let db = match database(&env) {
        Ok(db) => db,
        Err(e) => return http::error(&ApiError::Internal(e.to_string())),
    };
    let method = raw.method();
    let answer = match (method.as_str(), operations::find(&method, target.path)) {
        ("OPTIONS", _) => preflight(&db, &caller).await,
        (_, Lookup::Found(operation, values)) => {
            let cx = Cx::new(raw, (&db, &ctx), &env, &caller, target, operation);
            dispatch(operation.id, cx, values).await
        }
        (_, Lookup::WrongMethod(allowed)) => {
            let allowed: Vec<&str> = allowed.iter().map(|m| m.as_str()).collect();
            Err(ApiError::MethodNotAllowed { allowed: allowed.join(", ") })
        }
        (_, Lookup::NotFound) => Err(ApiError::NotFound),
    };
    let response = match answer {
        // A WebSocket handshake answered by a dialogue's live room: passed on untouched.
        Ok(response) if response.status_code() == 101 => return response,
        Ok(response) => response,
        Err(err) => http::error(&err),
    };
    finish(response, &db, &caller).await
}

/// Every operation of the API and its handler. The match is on core's list of operations, so
/// the compiler refuses an operation without a handler.
async fn dispatch(id: OperationId, cx: Cx<'_>, values: Vec<&str>) -> Result<Response, ApiError> {
    use operations::*;
    match id {
        OperationId::ReadOpenApi => cx.serve::<ReadOpenApi>(values).await,
        OperationId::SendReport => cx.serve::<SendReport>(values).await,
        OperationId::ReadConfig => cx.serve::<ReadConfig>(values).await,
        OperationId::FollowReport => cx.serve::<FollowReport>(values).await,
        OperationId::ReadPublicMap => cx.serve::<ReadPublicMap>(values).await,
        OperationId::ListDialogues => cx.serve::<ListDialogues>(values).await,
        OperationId::ReadDialogue => cx.serve::<ReadDialogue>(values).await,
        OperationId::IssueParticipantCode => cx.serve::<IssueParticipantCode>(values).await,
        OperationId::AskQuestion => cx.serve::<AskQuestion>(values).await,
        OperationId::Vote => cx.serve::<Vote>(values).await,
        OperationId::ReadParticipation => cx.serve::<ReadParticipation>(values).await,
        OperationId::JoinLive => cx.serve::<JoinLive>(values).await,
        OperationId::LogIn => cx.serve::<LogIn>(values).await,
        OperationId::LogOut => cx.serve::<LogOut>(values).await,
        OperationId::ReadSession => cx.serve::<ReadSession>(values).await,
        OperationId::ChangePassword => cx.serve::<ChangePassword>(values).await,
        OperationId::ListReports => cx.serve::<ListReports>(values).await,
        OperationId::ReadReviewMap => cx.serve::<ReadReviewMap>(values).await,
        OperationId::ReadReport => cx.serve::<ReadReport>(values).await,
        OperationId::ActOnReport => cx.serve::<ActOnReport>(values).await,
        OperationId::ActOnReports => cx.serve::<ActOnReports>(values).await,
        OperationId::ListReportNotes => cx.serve::<ListReportNotes>(values).await,
        OperationId::AddReportNote => cx.serve::<AddReportNote>(values).await,
        OperationId::ListReportMeasures => cx.serve::<ListReportMeasures>(values).await,
        OperationId::Open311List => cx.serve::<Open311List>(values).await,
        OperationId::Open311Send => cx.serve::<Open311Send>(values).await,
        OperationId::ListIntegrations => cx.serve::<ListIntegrations>(values).await,
        OperationId::AddIntegration => cx.serve::<AddIntegration>(values).await,
        OperationId::RevokeIntegration => cx.serve::<RevokeIntegration>(values).await,
        OperationId::ListWalks => cx.serve::<ListWalks>(values).await,
        OperationId::AddWalk => cx.serve::<AddWalk>(values).await,
        OperationId::UpdateWalk => cx.serve::<UpdateWalk>(values).await,
        OperationId::MoveWalk => cx.serve::<MoveWalk>(values).await,
        OperationId::SetWalkCode => cx.serve::<SetWalkCode>(values).await,
        OperationId::ListReviewedWalkPoints => cx.serve::<ListReviewedWalkPoints>(values).await,
        OperationId::EditWalkPoint => cx.serve::<EditWalkPoint>(values).await,
        OperationId::ActOnWalkPoint => cx.serve::<ActOnWalkPoint>(values).await,
        OperationId::ReadWalkProtocol => cx.serve::<ReadWalkProtocol>(values).await,
        OperationId::ExportWalkProtocolCsv => cx.serve::<ExportWalkProtocolCsv>(values).await,
        OperationId::ExportWalkProtocolGeoJson => cx.serve::<ExportWalkProtocolGeoJson>(values).await,
        OperationId::ListPublicWalks => cx.serve::<ListPublicWalks>(values).await,
        OperationId::ReadWalkCalendar => cx.serve::<ReadWalkCalendar>(values).await,
        OperationId::JoinWalk => cx.serve::<JoinWalk>(values).await,
        OperationId::ListWalkPoints => cx.serve::<ListWalkPoints>(values).await,
        OperationId::LogWalkPoint => cx.serve::<LogWalkPoint>(values).await,
        OperationId::JoinWalkLive => cx.serve::<JoinWalkLive>(values).await,
        OperationId::ReadPublicWalkProtocol => cx.serve::<ReadPublicWalkProtocol>(values).await,
        OperationId::ListWebhooks => cx.serve::<ListWebhooks>(values).await,
        OperationId::AddWebhook => cx.serve::<AddWebhook>(values).await,
        OperationId::RevokeWebhook => cx.serve::<RevokeWebhook>(values).await,
        OperationId::ListWebhookDeliveries => cx.serve::<ListWebhookDeliveries>(values).await,
        OperationId::Open311Service => cx.serve::<Open311Service>(values).await,
        OperationId::Open311Request => cx.serve::<Open311Request>(values).await,
        OperationId::ReadDashboard => cx.serve::<ReadDashboard>(values).await,
        OperationId::ExportCsv => cx.serve::<ExportCsv>(values).await,
        OperationId::ExportExcelCsv => cx.serve::<ExportExcelCsv>(values).await,
        OperationId::ExportXlsx => cx.serve::<ExportXlsx>(values).await,
        OperationId::ExportGeoJson => cx.serve::<ExportGeoJson>(values).await,
        OperationId::ListMapLayers => cx.serve::<ListMapLayers>(values).await,
        OperationId::ListPoliceEvents => cx.serve::<ListPoliceEvents>(values).await,
        OperationId::ListPublicMapLayers => cx.serve::<ListPublicMapLayers>(values).await,
        OperationId::NamePlace => cx.serve::<NamePlace>(values).await,
        OperationId::SearchPlaces => cx.serve::<SearchPlaces>(values).await,
        OperationId::ReadSurvey => cx.serve::<ReadSurvey>(values).await,
        OperationId::AnswerSurvey => cx.serve::<AnswerSurvey>(values).await,
        OperationId::ReadSurveyResults => cx.serve::<ReadSurveyResults>(values).await,
        OperationId::ListSurveyRounds => cx.serve::<ListSurveyRounds>(values).await,
        OperationId::AddSurveyRound => cx.serve::<AddSurveyRound>(values).await,
        OperationId::AddMapLayer => cx.serve::<AddMapLayer>(values).await,
        OperationId::RemoveMapLayer => cx.serve::<RemoveMapLayer>(values).await,
        OperationId::ListUnits => cx.serve::<ListUnits>(values).await,
        OperationId::AddUnit => cx.serve::<AddUnit>(values).await,
        OperationId::UpdateUnit => cx.serve::<UpdateUnit>(values).await,
        OperationId::ReadUnitQueue => cx.serve::<ReadUnitQueue>(values).await,
        OperationId::ListMeasures => cx.serve::<ListMeasures>(values).await,
        OperationId::AddMeasure => cx.serve::<AddMeasure>(values).await,
        OperationId::UpdateMeasure => cx.serve::<UpdateMeasure>(values).await,
        OperationId::ListModerators => cx.serve::<ListModerators>(values).await,
        OperationId::AddModerator => cx.serve::<AddModerator>(values).await,
        OperationId::DisableModerator => cx.serve::<DisableModerator>(values).await,
        OperationId::EnableModerator => cx.serve::<EnableModerator>(values).await,
        OperationId::ChangeModeratorRole => cx.serve::<ChangeModeratorRole>(values).await,
        OperationId::ResetModeratorPassword => cx.serve::<ResetModeratorPassword>(values).await,
        OperationId::ListSharedReports => cx.serve::<ListSharedReports>(values).await,
        OperationId::ReadSettings => cx.serve::<ReadSettings>(values).await,
        OperationId::SaveSettings => cx.serve::<SaveSettings>(values).await,
        OperationId::ListAccessCodes => cx.serve::<ListAccessCodes>(values).await,
        OperationId::SetAccessCode => cx.serve::<SetAccessCode>(values).await,
        OperationId::RemoveAccessCode => cx.serve::<RemoveAccessCode>(values).await,
        OperationId::ReadAuditLog => cx.serve::<ReadAuditLog>(values).await,
        OperationId::ListAllDialogues => cx.serve::<ListAllDialogues>(values).await,
        OperationId::CreateDialogue => cx.serve::<CreateDialogue>(values).await,
        OperationId::ReadModeratedDialogue => cx.serve::<ReadModeratedDialogue>(values).await,
        OperationId::ActOnDialogue => cx.serve::<ActOnDialogue>(values).await,
        OperationId::ActOnQuestion => cx.serve::<ActOnQuestion>(values).await,
        OperationId::MinutesMarkdown => cx.serve::<MinutesMarkdown>(values).await,
        OperationId::MinutesCsv => cx.serve::<MinutesCsv>(values).await,
    }
}

/// `GET /api/v1/openapi.json`: the document, written from the table of operations.
impl Handler for operations::ReadOpenApi {
    async fn handle(_: &mut Cx<'_>, _: (), _: ()) -> Result<Reply<serde_json::Value>, ApiError> {
        Ok(Reply::Done(tryggve_core::openapi::document()))
    }
}

/// CORS preflight: allowed if any tenant allows the origin; each request is then checked
/// against its own tenant's list.
async fn preflight(db: &D1Database, caller: &Caller) -> Result<Response, ApiError> {
    let Caller::Embedding(origin) = caller else {
        return Ok(Response::empty()?.with_status(204));
    };
    if !crate::tenant_cache::any_allows_origin(db, origin).await? {
        return Err(ApiError::OriginNotAllowed);
    }
    let response = Response::empty()?.with_status(204);
    let headers = response.headers();
    headers.set("access-control-allow-methods", "GET, POST, OPTIONS")?;
    headers.set("access-control-allow-headers", "content-type, authorization")?;
    headers.set("access-control-max-age", "600")?;
    Ok(response)
}

/// Headers every API answer carries.
async fn finish(response: Response, db: &D1Database, caller: &Caller) -> Response {
    let headers = response.headers();
    // JSON answers have them from their template already (a check is cheaper than a write).
    for (name, value) in http::EVERY_ANSWER {
        if !headers.has(name).unwrap_or(false) {
            let _ = headers.set(name, value);
        }
    }
    if let Caller::Embedding(origin) = caller {
        let _ = headers.append("vary", "Origin");
        // Errors are readable by embedding pages too, so that the widget can explain them.
        if matches!(crate::tenant_cache::any_allows_origin(db, origin).await, Ok(true)) {
            let _ = headers.set("access-control-allow-origin", origin);
            // The widget waits as long as a refusal says.
            let _ = headers.set("access-control-expose-headers", "retry-after");
        }
    }
    response
}
