//! Every operation of the API, declared once: method, path template with its typed parameters,
//! who may call it, the request body, the answer and the errors it can give. The edge dispatches
//! from this table (and checks the console permission before any handler runs), the OpenAPI
//! document is written from it, and the widget and the console build their requests with it.
//!
//! To add a route: declare it below, then implement `Handler` for it in the edge (the compiler
//! asks for that), and call it from the widget or console with `Edge::call::<NewOperation>`.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::path::{
    percent_encode, AccountPath, CasePath, DialoguePath, GroupPath, IntegrationPath, LayerPath, MeasurePath,
    Open311FilePath, Open311Path, PathParams, QuestionPath, TenantPath, UnitPath, WalkPath, WalkPointPath,
    WebhookPath,
};
use super::{ErrorCode, FileBytes, MAX_BODY_BYTES};
use crate::bulk_review::{BulkOutcome, BulkReview};
use crate::console::{
    AuditEntry, LoginRequest, ModeratorView, NewModerator, PasswordChange, PasswordReset, RoleChange,
    SessionInfo,
};
use crate::dialogue::{
    DialogueAction, DialogueDetails, DialogueSnapshot, IssuedParticipant, ModeratedDialogue,
    ModeratedQuestion, OwnQuestion, Participation, PublicDialogue, PublicQuestion, QuestionAction,
    QuestionDraft,
};
use crate::integration::{Integration, IntegrationDraft, NewIntegration};
use crate::map_layer::{LayerUpload, MapLayer, PublicLayer, MAX_UPLOAD_BYTES};
use crate::measure::{Measure, MeasureDraft};
use crate::moderation::Permission;
use crate::note::{NewNote, ReportNote};
use crate::place_name::{FoundPlace, PlaceName};
use crate::police_event::PoliceEvent;
use crate::public_map::PublicMap;
use crate::report_list::ReportPage;
use crate::reporter::{AccessCodeState, NewAccessCode};
use crate::review::{ModeratedReport, ReviewAction};
use crate::review_map::ReviewMap;
use crate::settings::{TenantSettings, MAX_SETTINGS_BYTES};
use crate::shared_report::SharedReportPage;
use crate::stats::DashboardAnswer;
use crate::survey::{OpenSurvey, RoundDraft, RoundResults, SurveyAnswerDraft, SurveyAnswered, SurveyRound};
use crate::unit::{Unit, UnitDraft};
use crate::unit_queue::UnitQueue;
use crate::walk::{JoinedWalk, PublicWalk, Walk, WalkDraft, WalkStateChange};
use crate::walk_point::{WalkPoint, WalkPointDraft};
use crate::walk_protocol::{PublicPlace, WalkProtocol};
use crate::walk_review::{ReviewedWalkPoint, WalkPointAction, WalkPointEdit};
use crate::webhook::{Delivery, NewWebhook, Webhook, WebhookDraft};
use crate::{ReportDraft, ReportReceipt, ReportView, TenantConfig};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }
}

/// Who may call an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone. A `{tenant}` in the path must exist, and allow the page's origin.
    Public,
    /// The author of a report: `Authorization: Bearer <follow-up code>`.
    FollowUp,
    /// A dialogue's participant: `Authorization: Bearer <participant code>`.
    Participant,
    /// A safety walk's participant: `Authorization: Bearer <walk pass>`, the pass joining the
    /// walk with its code gave (checked against the walk by the handler).
    Walker,
    /// The console's own pages, before anyone has logged in.
    ConsolePage,
    /// Any logged-in moderator (the session cookie; for changes the `X-CSRF-Token` header too).
    Moderator,
    /// A logged-in moderator of the path's municipality whose role has this permission.
    Permitted(Permission),
}

impl Access {
    pub fn is_console(self) -> bool {
        matches!(self, Self::ConsolePage | Self::Moderator | Self::Permitted(_))
    }

    /// Whether the caller must have logged in (and echo the CSRF token for changes).
    pub fn needs_session(self) -> bool {
        matches!(self, Self::Moderator | Self::Permitted(_))
    }
}

/// What an operation answers when it succeeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// This status with the answer as JSON (201 also answers 200 for a retry already stored).
    Json(u16),
    /// This status and no body.
    Empty(u16),
    /// A file of this media type, to download.
    File(&'static str),
    /// The switch to a WebSocket.
    WebSocket,
    /// Open311's answers: JSON or XML as the path's extension says (the handler writes
    /// either), and the specification's own errors (`[{"code", "description"}]`) for 400.
    JsonOrXml,
}

/// One operation of the API.
#[derive(Debug, Clone, Copy)]
pub struct Operation {
    /// Which operation this is (the edge matches on it, so that none goes unhandled).
    pub id: OperationId,
    /// The name it is declared under (the OpenAPI `operationId`).
    pub name: &'static str,
    pub method: Method,
    /// `/api/v1/…` with `{name}` for each path parameter.
    pub path: &'static str,
    /// What it does, for the OpenAPI document (its doc comment below); the widget and console
    /// build without it, since their copies of the table would carry every sentence.
    #[cfg(feature = "openapi")]
    pub summary: &'static str,
    pub access: Access,
    /// Optional query parameters, by name.
    pub query: &'static [&'static str],
    /// Whether a JSON body is read.
    pub takes_body: bool,
    pub success: Success,
    /// The errors particular to this operation; [`Operation::errors`] adds those every
    /// operation of its kind can answer.
    pub errors: &'static [ErrorCode],
    /// Whether a field of the body or query may be refused (422 naming the field).
    pub checks_fields: bool,
    /// The JSON Schemas of body and answer.
    #[cfg(feature = "openapi")]
    pub schemas: fn(&mut schemars::SchemaGenerator) -> Schemas,
}

/// At most this many path parameters in any template.
pub const MAX_PARAMETERS: usize = 4;

impl Operation {
    /// Whether a moderator's request must carry the session's CSRF token: every change, and
    /// every file download too. Downloads are audited in the moderator's name, and a GET alone
    /// can be triggered from another page (an `<img>` on a sibling subdomain sends the cookie).
    pub fn requires_csrf(&self) -> bool {
        matches!(self.access, Access::Moderator | Access::Permitted(_))
            && (self.method != Method::Get || matches!(self.success, Success::File(_)))
    }

    /// The path's parameter values (still percent-encoded) if `path` is this operation's.
    /// Slashes at either end do not count.
    pub fn match_path<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let mut values = Vec::new();
        let mut wanted = self.path.trim_matches('/').split('/');
        let mut given = path.trim_matches('/').split('/');
        loop {
            match (wanted.next(), given.next()) {
                (None, None) => return Some(values),
                (Some(w), Some(g)) if w.starts_with('{') => match g.is_empty() {
                    true => return None,
                    false => values.push(g),
                },
                (Some(w), Some(g)) if w == g => {}
                _ => return None,
            }
        }
    }

    /// The path with `params` written in (percent-encoded).
    pub fn url_path(&self, params: &impl PathParams) -> String {
        let mut values = params.values().into_iter();
        self.path
            .split('/')
            .map(|segment| match segment.starts_with('{') {
                true => percent_encode(&values.next().unwrap_or_default()),
                false => segment.to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The names of the path's parameters, in order.
    pub fn parameter_names(&self) -> impl Iterator<Item = &'static str> {
        self.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
    }

    /// Every error code this operation can answer: its own, and those of its kind (who may
    /// call it, its path parameters, its body).
    pub fn errors(&self) -> Vec<ErrorCode> {
        use ErrorCode::*;
        let mut codes = self.errors.to_vec();
        let has_tenant = self.parameter_names().any(|name| name == "tenant");
        match self.access {
            Access::Public | Access::FollowUp | Access::Participant | Access::Walker if has_tenant => {
                codes.extend([UnknownTenant, OriginNotAllowed])
            }
            Access::Public | Access::FollowUp | Access::Participant | Access::Walker => {}
            Access::ConsolePage => codes.push(OriginNotAllowed),
            Access::Moderator => codes.extend([OriginNotAllowed, NotLoggedIn]),
            Access::Permitted(_) => {
                codes.extend([OriginNotAllowed, NotLoggedIn, Forbidden, PasswordChangeRequired])
            }
        }
        match self.access {
            Access::FollowUp | Access::Walker => codes.push(MissingToken),
            Access::Participant => codes.push(MissingParticipant),
            _ if self.requires_csrf() => codes.push(CsrfMismatch),
            _ => {}
        }
        for name in self.parameter_names() {
            codes.push(match (name, self.access) {
                ("case", Access::FollowUp) => ReportNotFound,
                ("case", _) => CaseNotFound,
                ("dialogue", _) => DialogueNotFound,
                ("question", _) => QuestionNotFound,
                ("walk", _) => WalkNotFound,
                ("point", _) => NotFound,
                ("email" | "group", _) => NotFound,
                _ => continue,
            });
        }
        if self.takes_body {
            codes.extend([InvalidJson, UnsupportedMediaType, BodyTooLarge]);
        }
        codes.push(Internal);
        let mut unique = Vec::with_capacity(codes.len());
        for code in codes {
            if !unique.contains(&code) {
                unique.push(code);
            }
        }
        unique
    }
}

/// With the `openapi` feature, what the document can describe; nothing more without it.
#[cfg(feature = "openapi")]
pub trait Documented: schemars::JsonSchema {}
#[cfg(feature = "openapi")]
impl<T: schemars::JsonSchema> Documented for T {}
#[cfg(not(feature = "openapi"))]
pub trait Documented {}
#[cfg(not(feature = "openapi"))]
impl<T> Documented for T {}

/// A request body.
pub trait Body: Serialize + DeserializeOwned + Documented {
    /// Whether there is one: `()` is no body.
    const SENT: bool = true;
    /// The largest the edge reads.
    const MAX_BYTES: usize = MAX_BODY_BYTES;
}

impl Body for () {
    const SENT: bool = false;
}
impl Body for ReportDraft {}
impl Body for QuestionDraft {}
impl Body for LoginRequest {}
impl Body for PasswordChange {}
impl Body for ReviewAction {}
impl Body for BulkReview {}
impl Body for NewModerator {}
impl Body for RoleChange {}
impl Body for UnitDraft {}
impl Body for IntegrationDraft {}
impl Body for NewNote {}
impl Body for MeasureDraft {}
impl Body for WebhookDraft {}
impl Body for WalkDraft {}
impl Body for RoundDraft {}
impl Body for SurveyAnswerDraft {}
impl Body for WalkStateChange {}
impl Body for WalkPointDraft {}
impl Body for WalkPointEdit {}
impl Body for WalkPointAction {}
impl Body for NewAccessCode {}
impl Body for DialogueDetails {}
impl Body for DialogueAction {}
impl Body for QuestionAction {}
impl Body for LayerUpload {
    /// A layer is a GIS file.
    const MAX_BYTES: usize = MAX_UPLOAD_BYTES;
}
impl Body for TenantSettings {
    /// Settings carry the areas' polygons.
    const MAX_BYTES: usize = MAX_SETTINGS_BYTES;
}

/// The JSON Schemas of an operation's body (if it takes one) and answer.
#[cfg(feature = "openapi")]
pub struct Schemas {
    pub body: Option<serde_json::Value>,
    pub answer: serde_json::Value,
}

/// The schemas of `E`'s types (each operation's declaration points here).
#[cfg(feature = "openapi")]
fn schemas<E: Endpoint>(generator: &mut schemars::SchemaGenerator) -> Schemas {
    fn schema<T: schemars::JsonSchema>(generator: &mut schemars::SchemaGenerator) -> serde_json::Value {
        serde_json::to_value(generator.subschema_for::<T>()).unwrap_or_default()
    }
    let body = <E::Body as Body>::SENT.then(|| schema::<E::Body>(generator));
    Schemas { body, answer: schema::<E::Answer>(generator) }
}

/// An operation as a type: its declaration and the types of its path, body and answer.
pub trait Endpoint {
    type Path: PathParams;
    type Body: Body;
    /// The answer's body (`()` for none; the text of a file).
    type Answer: Serialize + DeserializeOwned + Documented;
    const OPERATION: Operation;
}

macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident {
            $method:ident $path:literal, $access:expr,
            path: $params:ty, body: $body:ty, answer: $success:expr => $answer:ty,
            query: $query:expr, errors: [$($error:ident),*], fields: $fields:literal $(,)?
        }
    )*) => {
        $(
            $(#[doc = $doc])+
            pub struct $name;

            impl Endpoint for $name {
                type Path = $params;
                type Body = $body;
                type Answer = $answer;
                const OPERATION: Operation = Operation {
                    id: OperationId::$name,
                    name: stringify!($name),
                    method: Method::$method,
                    path: $path,
                    #[cfg(feature = "openapi")]
                    summary: concat!($($doc),+),
                    access: $access,
                    query: $query,
                    takes_body: <$body as Body>::SENT,
                    success: $success,
                    errors: &[$(ErrorCode::$error),*],
                    checks_fields: $fields,
                    #[cfg(feature = "openapi")]
                    schemas: schemas::<$name>,
                };
            }
        )*

        /// The operations by name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum OperationId {
            $($name),*
        }

        /// Every operation, in the order of the OpenAPI document.
        pub const ALL: &[Operation] = &[$(<$name as Endpoint>::OPERATION),*];
    };
}

use Access::{ConsolePage, FollowUp, Moderator, Participant, Permitted, Public, Walker};
use Permission::{
    AnswerQuestions, ConfigureTenant, ExportReports, HandleCases, ManageModerators, ModerateDialogues,
    ReadAudit, ReviewReports, ViewSituation,
};
use Success::{Empty, File, Json, JsonOrXml, WebSocket};

/// The media type of an .xlsx workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The filters of the review list, the lägesbild and the exports.
const REPORT_FILTERS: &[&str] =
    &["status", "visibility", "category", "from", "to", "area", "group", "unit", "q"];

/// The review filters and the part of the map in view.
const REVIEW_MAP: &[&str] =
    &["status", "visibility", "category", "from", "to", "area", "group", "q", "bbox", "zoom", "walks"];

/// The review list's filters, its order and where its page starts (`after`, a token from the
/// previous page).
const REPORT_LIST: &[&str] =
    &["status", "visibility", "category", "from", "to", "area", "group", "q", "order", "after"];

operations! {
    /// This document
    ReadOpenApi {
        Get "/api/v1/openapi.json", Public,
        path: (), body: (), answer: Json(200) => serde_json::Value,
        query: &[], errors: [], fields: false,
    }
    /// A resident reports a place (201; a retry with the same key: 200)
    SendReport {
        Post "/api/v1/reports", Public,
        path: (), body: ReportDraft, answer: Json(201) => ReportReceipt,
        query: &[], errors: [UnknownTenant, OriginNotAllowed, RateLimited, IdempotencyConflict], fields: true,
    }
    /// The municipality's public configuration
    ReadConfig {
        Get "/api/v1/tenants/{tenant}/config", Public,
        path: TenantPath, body: (), answer: Json(200) => TenantConfig,
        query: &[], errors: [], fields: false,
    }
    /// The author follows their report
    FollowReport {
        Get "/api/v1/tenants/{tenant}/reports/{case}", FollowUp,
        path: CasePath, body: (), answer: Json(200) => ReportView,
        query: &[], errors: [ReportNotFound], fields: false,
    }
    /// The public map of a viewport: approved reports (coarsened) or clusters
    ReadPublicMap {
        Get "/api/v1/tenants/{tenant}/public-reports", Public,
        path: TenantPath, body: (), answer: Json(200) => PublicMap,
        query: &["bbox", "zoom"], errors: [], fields: true,
    }
    /// Open311 GeoReport v2 (`services.json` or `.xml`; `requests.json` or `.xml` with the standard filters `service_request_id`, `service_code`, `start_date`, `end_date`, `status`): the municipality's categories as services, its approved reports as requests, as the public map shows them (the place coarsened to 50 m, the day it came, the text only if published)
    Open311List {
        Get "/api/open311/v2/{tenant}/{resource}", Public,
        path: Open311Path, body: (), answer: JsonOrXml => serde_json::Value,
        query: &["service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id"],
        errors: [], fields: false,
    }
    /// Open311 GeoReport v2: a system with its own key sends a report in (`requests.json` or `.xml`, form-encoded: `api_key`, `service_code`, `lat`, `long`, `description`, `email`); the municipality's rules check it as a resident's report; names and phone numbers are not kept
    Open311Send {
        Post "/api/open311/v2/{tenant}/{resource}", Public,
        path: Open311Path, body: (), answer: JsonOrXml => Vec<crate::open311::Received>,
        query: &["jurisdiction_id"], errors: [RateLimited], fields: false,
    }
    /// Open311 GeoReport v2: one service's definition (`services/{code}.json` or `.xml`)
    Open311Service {
        Get "/api/open311/v2/{tenant}/services/{file}", Public,
        path: Open311FilePath, body: (), answer: JsonOrXml => crate::open311::ServiceDefinition,
        query: &["jurisdiction_id"], errors: [], fields: false,
    }
    /// Open311 GeoReport v2: one request by case number (`requests/{id}.json` or `.xml`)
    Open311Request {
        Get "/api/open311/v2/{tenant}/requests/{file}", Public,
        path: Open311FilePath, body: (), answer: JsonOrXml => Vec<crate::open311::ServiceRequest>,
        query: &["jurisdiction_id"], errors: [CaseNotFound], fields: false,
    }
    /// Published dialogues
    ListDialogues {
        Get "/api/v1/tenants/{tenant}/dialogues", Public,
        path: TenantPath, body: (), answer: Json(200) => Vec<PublicDialogue>,
        query: &[], errors: [], fields: false,
    }
    /// A dialogue with its published questions
    ReadDialogue {
        Get "/api/v1/tenants/{tenant}/dialogues/{dialogue}", Public,
        path: DialoguePath, body: (), answer: Json(200) => DialogueSnapshot,
        query: &[], errors: [], fields: false,
    }
    /// A participant code for this municipality's dialogues, under a per-client limit: the bearer of questions, votes and participation
    IssueParticipantCode {
        Post "/api/v1/tenants/{tenant}/participants", Public,
        path: TenantPath, body: (), answer: Json(201) => IssuedParticipant,
        query: &[], errors: [RateLimited], fields: false,
    }
    /// A resident asks (pending moderation)
    AskQuestion {
        Post "/api/v1/tenants/{tenant}/dialogues/{dialogue}/questions", Participant,
        path: DialoguePath, body: QuestionDraft, answer: Json(201) => OwnQuestion,
        query: &[], errors: [DialogueNotOpen, RateLimited, IdempotencyConflict], fields: true,
    }
    /// One vote per participant and question
    Vote {
        Post "/api/v1/tenants/{tenant}/dialogues/{dialogue}/questions/{question}/votes", Participant,
        path: QuestionPath, body: (), answer: Json(201) => PublicQuestion,
        query: &[], errors: [DialogueNotOpen, AlreadyVoted, RateLimited], fields: false,
    }
    /// The participant's own questions and votes
    ReadParticipation {
        Get "/api/v1/tenants/{tenant}/dialogues/{dialogue}/mine", Participant,
        path: DialoguePath, body: (), answer: Json(200) => Participation,
        query: &[], errors: [], fields: false,
    }
    /// WebSocket: JSON arrays of live events (`Upgrade: websocket`). Without `Upgrade`: 426 if this client's handshake would be accepted now, 429 (with Retry-After) if refused
    JoinLive {
        Get "/api/v1/tenants/{tenant}/dialogues/{dialogue}/live", Public,
        path: DialoguePath, body: (), answer: WebSocket => (),
        query: &[], errors: [UpgradeRequired, RateLimited, TooManyConnections], fields: false,
    }
    /// The safety walks residents are told of (planned or under way, and those whose protocol is published), the soonest first; cached for up to a minute
    ListPublicWalks {
        Get "/api/v1/tenants/{tenant}/walks", Public,
        path: TenantPath, body: (), answer: Json(200) => Vec<PublicWalk>,
        query: &[], errors: [UnknownTenant, RateLimited], fields: false,
    }
    /// An announced walk as an iCalendar file, for residents' calendars
    ReadWalkCalendar {
        Get "/api/v1/tenants/{tenant}/walks/{walk}/calendar.ics", Public,
        path: WalkPath, body: (), answer: File("text/calendar") => String,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// A participant joins a walk with its code: the walk and a pass for logging points if the code is right (422 `invalid_access_code` on `code` if not; at most 10 wrong codes an hour per client, then 429)
    JoinWalk {
        Post "/api/v1/tenants/{tenant}/walks/{walk}/join", Public,
        path: WalkPath, body: NewAccessCode, answer: Json(200) => JoinedWalk,
        query: &[], errors: [UnknownTenant, RateLimited], fields: true,
    }
    /// The points the walk's participants have logged, in the order they were logged
    ListWalkPoints {
        Get "/api/v1/tenants/{tenant}/walks/{walk}/points", Walker,
        path: WalkPath, body: (), answer: Json(200) => Vec<WalkPoint>,
        query: &[], errors: [], fields: false,
    }
    /// A participant logs a point while the walk is under way (409 `walk_not_under_way` before or after); sent again with the same `idempotency_key`, it is answered 200 and stored once
    LogWalkPoint {
        Post "/api/v1/tenants/{tenant}/walks/{walk}/points", Walker,
        path: WalkPath, body: WalkPointDraft, answer: Json(201) => WalkPoint,
        query: &[], errors: [WalkNotUnderWay, RateLimited, IdempotencyConflict], fields: true,
    }
    /// WebSocket: `[{"type":"points_changed","count"}]` when the walk's participants log a point (`Upgrade: websocket`). Without `Upgrade`: 426 if this client's handshake would be accepted now, 429 (with Retry-After) if refused
    JoinWalkLive {
        Get "/api/v1/tenants/{tenant}/walks/{walk}/live", Public,
        path: WalkPath, body: (), answer: WebSocket => (),
        query: &[], errors: [UpgradeRequired, RateLimited, TooManyConnections], fields: false,
    }
    /// The municipality's map layers residents may see (street lighting, safe routes, …), in the order they were added: each with its places, lines and areas as [lat, lng] lists; last, when the municipality shows them to residents (`config.police.public`), the police's recent events as dots (id -1)
    ListPublicMapLayers {
        Get "/api/v1/tenants/{tenant}/layers", Public,
        path: TenantPath, body: (), answer: Json(200) => Vec<PublicLayer>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The name of the place at a position (`lat`, `lng`, within the municipality's map): the street by the municipality's geocoder with the area ("Storgatan, Centrum"), else its own named places, else none. The edge asks the geocoder (positions rounded to about 10 m) and caches its answers, so no third party sees who asks
    NamePlace {
        Get "/api/v1/tenants/{tenant}/place-name", Public,
        path: TenantPath, body: (), answer: Json(200) => PlaceName,
        query: &["lat", "lng"], errors: [UnknownTenant], fields: true,
    }
    /// Places whose name or address holds `q` (3–100 characters) within the municipality's map, at most 6: the geocoder's, then the municipality's areas and named map features
    SearchPlaces {
        Get "/api/v1/tenants/{tenant}/places", Public,
        path: TenantPath, body: (), answer: Json(200) => Vec<FoundPlace>,
        query: &["q"], errors: [UnknownTenant, RateLimited], fields: true,
    }
    /// The perceived-safety survey's round open today, if any (`{"round": null}` between rounds)
    ReadSurvey {
        Get "/api/v1/tenants/{tenant}/survey", Public,
        path: TenantPath, body: (), answer: Json(200) => OpenSurvey,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// A resident answers the open round (201): the area they live in, how safe they would feel out alone late in the evening, how often they worry about crime, how big the round's problems are, their age band if asked; `device` is a random key the device keeps for the round: a second answer from it is refused (422 on `device`, `already_exists`), and the client's answers are limited as reports are
    AnswerSurvey {
        Post "/api/v1/tenants/{tenant}/survey/answers", Public,
        path: TenantPath, body: SurveyAnswerDraft, answer: Json(201) => SurveyAnswered,
        query: &[], errors: [UnknownTenant, RateLimited], fields: true,
    }
    /// The survey's results, every round that has opened, the newest first: per area (the whole municipality under `*` first) the number of answers and, with at least 10, the share who feel unsafe, the share who worry, each problem's index (1 no problem … 4 a big problem) and their mean
    ReadSurveyResults {
        Get "/api/v1/tenants/{tenant}/survey/results", Public,
        path: TenantPath, body: (), answer: Json(200) => Vec<RoundResults>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// A walk's published protocol, as residents see it (404 until the coordinator publishes it)
    ReadPublicWalkProtocol {
        Get "/api/v1/tenants/{tenant}/walks/{walk}/protocol", Public,
        path: WalkPath, body: (), answer: Json(200) => WalkProtocol<PublicPlace>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// A moderator logs in (sets the session cookie)
    LogIn {
        Post "/api/v1/console/login", ConsolePage,
        path: (), body: LoginRequest, answer: Json(200) => SessionInfo,
        query: &[], errors: [InvalidCredentials, TooManyAttempts], fields: false,
    }
    /// Ends the session
    LogOut {
        Post "/api/v1/console/logout", Moderator,
        path: (), body: (), answer: Empty(204) => (),
        query: &[], errors: [], fields: false,
    }
    /// Who is logged in
    ReadSession {
        Get "/api/v1/console/session", Moderator,
        path: (), body: (), answer: Json(200) => SessionInfo,
        query: &[], errors: [], fields: false,
    }
    /// A moderator changes their own password
    ChangePassword {
        Post "/api/v1/console/password", Moderator,
        path: (), body: PasswordChange, answer: Empty(204) => (),
        query: &[], errors: [TooManyAttempts], fields: true,
    }
    /// The review list
    ListReports {
        Get "/api/v1/console/{tenant}/reports", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => ReportPage,
        query: REPORT_LIST, errors: [UnknownTenant], fields: true,
    }
    /// The filtered reports on the review map: a viewport's, clustered when many
    ReadReviewMap {
        Get "/api/v1/console/{tenant}/review-map", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => ReviewMap,
        query: REVIEW_MAP, errors: [UnknownTenant], fields: true,
    }
    /// One report for review (a unit's member: one routed to their unit, without the resident's contact)
    ReadReport {
        Get "/api/v1/console/{tenant}/reports/{case}", Permitted(HandleCases),
        path: CasePath, body: (), answer: Json(200) => ModeratedReport,
        query: &[], errors: [], fields: false,
    }
    /// Approve, reject, set status, redact, merge, route to a unit, change the category, name who handles it, set the event's time (a unit's member: the status and who handles it, on their unit's cases)
    ActOnReport {
        Post "/api/v1/console/{tenant}/reports/{case}/actions", Permitted(HandleCases),
        path: CasePath, body: ReviewAction, answer: Json(200) => ModeratedReport,
        query: &[], errors: [ChangedMeanwhile], fields: true,
    }
    /// The internal notes on a report, oldest first
    ListReportNotes {
        Get "/api/v1/console/{tenant}/reports/{case}/notes", Permitted(HandleCases),
        path: CasePath, body: (), answer: Json(200) => Vec<ReportNote>,
        query: &[], errors: [], fields: false,
    }
    /// Add an internal note to a report (never shown to residents; audited)
    AddReportNote {
        Post "/api/v1/console/{tenant}/reports/{case}/notes", Permitted(HandleCases),
        path: CasePath, body: NewNote, answer: Json(201) => ReportNote,
        query: &[], errors: [], fields: true,
    }
    /// The measures that answer a report, newest first
    ListReportMeasures {
        Get "/api/v1/console/{tenant}/reports/{case}/measures", Permitted(HandleCases),
        path: CasePath, body: (), answer: Json(200) => Vec<Measure>,
        query: &[], errors: [], fields: false,
    }
    /// Approve or reject several reports at once (each audited as if alone)
    ActOnReports {
        Post "/api/v1/console/{tenant}/report-actions", Permitted(ReviewReports),
        path: TenantPath, body: BulkReview, answer: Json(200) => BulkOutcome,
        query: &[], errors: [], fields: true,
    }
    /// The lägesbild
    ReadDashboard {
        Get "/api/v1/console/{tenant}/dashboard", Permitted(ViewSituation),
        path: TenantPath, body: (), answer: Json(200) => DashboardAnswer,
        query: &["status", "visibility", "category", "from", "to", "area", "group", "unit", "q", "compile", "rejected"],
        errors: [UnknownTenant], fields: true,
    }
    /// Reports as CSV
    ExportCsv {
        Get "/api/v1/console/{tenant}/export.csv", Permitted(ExportReports),
        path: TenantPath, body: (), answer: File("text/csv") => String,
        query: REPORT_FILTERS, errors: [UnknownTenant], fields: true,
    }
    /// Reports for Excel: semicolons, a byte-order mark, labels and local times
    ExportExcelCsv {
        Get "/api/v1/console/{tenant}/export-excel.csv", Permitted(ExportReports),
        path: TenantPath, body: (), answer: File("text/csv") => String,
        query: REPORT_FILTERS, errors: [UnknownTenant], fields: true,
    }
    /// Reports as an Excel workbook, labels and local times
    ExportXlsx {
        Get "/api/v1/console/{tenant}/export.xlsx", Permitted(ExportReports),
        path: TenantPath, body: (), answer: File(XLSX) => FileBytes,
        query: REPORT_FILTERS, errors: [UnknownTenant, ExportTooLarge], fields: true,
    }
    /// Reports as GeoJSON
    ExportGeoJson {
        Get "/api/v1/console/{tenant}/export.geojson", Permitted(ExportReports),
        path: TenantPath, body: (), answer: File("application/geo+json") => serde_json::Value,
        query: REPORT_FILTERS, errors: [UnknownTenant], fields: true,
    }
    /// The systems that send reports in over Open311, with how many each has sent (admins)
    ListIntegrations {
        Get "/api/v1/console/{tenant}/integrations", Permitted(ConfigureTenant),
        path: TenantPath, body: (), answer: Json(200) => Vec<Integration>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Add an integration: its key is answered once, never again (audited)
    AddIntegration {
        Post "/api/v1/console/{tenant}/integrations", Permitted(ConfigureTenant),
        path: TenantPath, body: IntegrationDraft, answer: Json(201) => NewIntegration,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Stop an integration's key: it sends nothing more (audited)
    RevokeIntegration {
        Post "/api/v1/console/{tenant}/integrations/{integration}/revoke", Permitted(ConfigureTenant),
        path: IntegrationPath, body: (), answer: Json(200) => Integration,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The municipality's safety walks, the soonest first
    ListWalks {
        Get "/api/v1/console/{tenant}/walks", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => Vec<Walk>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The municipality's map layers, public or not, in the order they were added
    ListMapLayers {
        Get "/api/v1/console/{tenant}/layers", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => Vec<MapLayer>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The police's recent events the municipality keeps (fetched hourly for its location names), the newest first
    ListPoliceEvents {
        Get "/api/v1/console/{tenant}/police-events", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => Vec<PoliceEvent>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Add a map layer from a GeoJSON file (admins, audited): points, lines and polygons; 422 with the place in the file (`geojson.features[3].geometry`) for wrong types, coordinates out of range or a ring crossing itself, 413 over 5 MB; nothing is stored unless all of it is right
    AddMapLayer {
        Post "/api/v1/console/{tenant}/layers", Permitted(ConfigureTenant),
        path: TenantPath, body: LayerUpload, answer: Json(201) => MapLayer,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Remove a map layer (admins, audited)
    RemoveMapLayer {
        Delete "/api/v1/console/{tenant}/layers/{layer}", Permitted(ConfigureTenant),
        path: LayerPath, body: (), answer: Empty(204) => (),
        query: &[], errors: [], fields: false,
    }
    /// The perceived-safety survey's rounds, the newest first
    ListSurveyRounds {
        Get "/api/v1/console/{tenant}/survey-rounds", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => Vec<SurveyRound>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Plan a round of the survey (admins, audited): its name, the days it is open (Swedish dates) and its problems (ids kept across rounds keep them comparable)
    AddSurveyRound {
        Post "/api/v1/console/{tenant}/survey-rounds", Permitted(ConfigureTenant),
        path: TenantPath, body: RoundDraft, answer: Json(201) => SurveyRound,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Plan a safety walk: title, area, start (Swedish time), meeting point, route, organiser, invited organisations, a text for residents (audited)
    AddWalk {
        Post "/api/v1/console/{tenant}/walks", Permitted(ReviewReports),
        path: TenantPath, body: WalkDraft, answer: Json(201) => Walk,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Change a walk's plan (audited)
    UpdateWalk {
        Put "/api/v1/console/{tenant}/walks/{walk}", Permitted(ReviewReports),
        path: WalkPath, body: WalkDraft, answer: Json(200) => Walk,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Start, end, publish the protocol of (or take it back), or cancel a walk; 422 on `state` for a move it cannot make (audited)
    MoveWalk {
        Post "/api/v1/console/{tenant}/walks/{walk}/state", Permitted(ReviewReports),
        path: WalkPath, body: WalkStateChange, answer: Json(200) => Walk,
        query: &[], errors: [UnknownTenant, ChangedMeanwhile], fields: true,
    }
    /// Set the participants' walk code (10–100 characters; stored as an HMAC under the pepper; audited without the code)
    SetWalkCode {
        Put "/api/v1/console/{tenant}/walks/{walk}/code", Permitted(ReviewReports),
        path: WalkPath, body: NewAccessCode, answer: Json(200) => Walk,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Every point a walk's participants logged, whatever a coordinator made of it (kept, rejected, merged), in the order logged
    ListReviewedWalkPoints {
        Get "/api/v1/console/{tenant}/walks/{walk}/points", Permitted(ReviewReports),
        path: WalkPath, body: (), answer: Json(200) => Vec<ReviewedWalkPoint>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Correct a point: its place, category, note, how unsafe it felt (audited)
    EditWalkPoint {
        Put "/api/v1/console/{tenant}/walks/{walk}/points/{point}", Permitted(ReviewReports),
        path: WalkPointPath, body: WalkPointEdit, answer: Json(200) => ReviewedWalkPoint,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Reject a point, keep it, merge it into another kept point of the walk (422 on `into` otherwise), or make a kept point a case of the register (`{"action":"report","category"}`: a new report in review, once per point; 422 on `category` or `action` otherwise); audited
    ActOnWalkPoint {
        Post "/api/v1/console/{tenant}/walks/{walk}/points/{point}/actions", Permitted(ReviewReports),
        path: WalkPointPath, body: WalkPointAction, answer: Json(200) => ReviewedWalkPoint,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// The walk's protocol: its facts and its kept points by area, then category with the dark spots first
    ReadWalkProtocol {
        Get "/api/v1/console/{tenant}/walks/{walk}/protocol", Permitted(ReviewReports),
        path: WalkPath, body: (), answer: Json(200) => WalkProtocol,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The protocol's points as CSV for Excel (UTF-8 with BOM, `;`, formulas neutralised)
    ExportWalkProtocolCsv {
        Get "/api/v1/console/{tenant}/walks/{walk}/protocol.csv", Permitted(ReviewReports),
        path: WalkPath, body: (), answer: File("text/csv") => String,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The protocol's points and route as GeoJSON
    ExportWalkProtocolGeoJson {
        Get "/api/v1/console/{tenant}/walks/{walk}/protocol.geojson", Permitted(ReviewReports),
        path: WalkPath, body: (), answer: File("application/geo+json") => serde_json::Value,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The municipality's webhooks (admins)
    ListWebhooks {
        Get "/api/v1/console/{tenant}/webhooks", Permitted(ConfigureTenant),
        path: TenantPath, body: (), answer: Json(200) => Vec<Webhook>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Register a webhook: https (http only to localhost), its events, whether it takes personal data; its signing secret is answered once (audited)
    AddWebhook {
        Post "/api/v1/console/{tenant}/webhooks", Permitted(ConfigureTenant),
        path: TenantPath, body: WebhookDraft, answer: Json(201) => NewWebhook,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Stop a webhook: nothing more is delivered to it, not even what was waiting (audited)
    RevokeWebhook {
        Post "/api/v1/console/{tenant}/webhooks/{webhook}/revoke", Permitted(ConfigureTenant),
        path: WebhookPath, body: (), answer: Json(200) => Webhook,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The delivery log: the latest 200 deliveries, newest first, with their attempts and state
    ListWebhookDeliveries {
        Get "/api/v1/console/{tenant}/webhook-deliveries", Permitted(ConfigureTenant),
        path: TenantPath, body: (), answer: Json(200) => Vec<Delivery>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// The municipality's units, in the order they were defined (a unit's member: their own)
    ListUnits {
        Get "/api/v1/console/{tenant}/units", Permitted(HandleCases),
        path: TenantPath, body: (), answer: Json(200) => Vec<Unit>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Add a unit: the categories and areas whose new reports it takes, its target times to fix (admins)
    AddUnit {
        Post "/api/v1/console/{tenant}/units", Permitted(ConfigureTenant),
        path: TenantPath, body: UnitDraft, answer: Json(201) => Unit,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// A unit's open reports: those past their target first, then the oldest (at most 500; the total says how many are open); a unit's member reads their own unit's
    ReadUnitQueue {
        Get "/api/v1/console/{tenant}/units/{unit}/queue", Permitted(HandleCases),
        path: UnitPath, body: (), answer: Json(200) => UnitQueue,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Change a unit (admins); reports already routed keep their unit
    UpdateUnit {
        Put "/api/v1/console/{tenant}/units/{unit}", Permitted(ConfigureTenant),
        path: UnitPath, body: UnitDraft, answer: Json(200) => Unit,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// The municipality's measures, newest first
    ListMeasures {
        Get "/api/v1/console/{tenant}/measures", Permitted(ReviewReports),
        path: TenantPath, body: (), answer: Json(200) => Vec<Measure>,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Add a measure, with the reports it answers (audited)
    AddMeasure {
        Post "/api/v1/console/{tenant}/measures", Permitted(ReviewReports),
        path: TenantPath, body: MeasureDraft, answer: Json(201) => Measure,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Change a measure: its state, days, text and reports (audited)
    UpdateMeasure {
        Put "/api/v1/console/{tenant}/measures/{measure}", Permitted(ReviewReports),
        path: MeasurePath, body: MeasureDraft, answer: Json(200) => Measure,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Accounts (admins)
    ListModerators {
        Get "/api/v1/console/{tenant}/moderators", Permitted(ManageModerators),
        path: TenantPath, body: (), answer: Json(200) => Vec<ModeratorView>,
        query: &[], errors: [], fields: false,
    }
    /// Add an account (admins)
    AddModerator {
        Post "/api/v1/console/{tenant}/moderators", Permitted(ManageModerators),
        path: TenantPath, body: NewModerator, answer: Json(201) => ModeratorView,
        query: &[], errors: [], fields: true,
    }
    /// Disable an account (admins)
    DisableModerator {
        Post "/api/v1/console/{tenant}/moderators/{email}/disable", Permitted(ManageModerators),
        path: AccountPath, body: (), answer: Json(200) => ModeratorView,
        query: &[], errors: [], fields: true,
    }
    /// Enable a disabled account again (admins)
    EnableModerator {
        Post "/api/v1/console/{tenant}/moderators/{email}/enable", Permitted(ManageModerators),
        path: AccountPath, body: (), answer: Json(200) => ModeratorView,
        query: &[], errors: [], fields: true,
    }
    /// Give an account another role (admins; not their own)
    ChangeModeratorRole {
        Post "/api/v1/console/{tenant}/moderators/{email}/role", Permitted(ManageModerators),
        path: AccountPath, body: RoleChange, answer: Json(200) => ModeratorView,
        query: &[], errors: [], fields: true,
    }
    /// Reset an account's password to a temporary one, shown once, which its owner must change at the next login; the account's sessions end (admins; not their own)
    ResetModeratorPassword {
        Post "/api/v1/console/{tenant}/moderators/{email}/password-reset", Permitted(ManageModerators),
        path: AccountPath, body: (), answer: Json(200) => PasswordReset,
        query: &[], errors: [], fields: true,
    }
    /// The approved reports as partners in the safety council see them: no contact details, no unpublished text, the public ~50 m place; newest first, a page at a time with the total (`after=` the previous page's `next`)
    ListSharedReports {
        Get "/api/v1/console/{tenant}/shared-reports", Permitted(ViewSituation),
        path: TenantPath, body: (), answer: Json(200) => SharedReportPage,
        query: &["status", "category", "from", "to", "area", "after"], errors: [UnknownTenant], fields: true,
    }
    /// The municipality's settings (admins)
    ReadSettings {
        Get "/api/v1/console/{tenant}/settings", Permitted(ConfigureTenant),
        path: TenantPath, body: (), answer: Json(200) => TenantSettings,
        query: &[], errors: [UnknownTenant], fields: false,
    }
    /// Replace the municipality's settings (admins)
    SaveSettings {
        Put "/api/v1/console/{tenant}/settings", Permitted(ConfigureTenant),
        path: TenantPath, body: TenantSettings, answer: Json(200) => TenantSettings,
        query: &[], errors: [UnknownTenant], fields: true,
    }
    /// Which reporter groups have an access code (admins)
    ListAccessCodes {
        Get "/api/v1/console/{tenant}/access-codes", Permitted(ConfigureTenant),
        path: TenantPath, body: (), answer: Json(200) => Vec<AccessCodeState>,
        query: &[], errors: [], fields: false,
    }
    /// Set a reporter group's access code (admins; staff, police)
    SetAccessCode {
        Put "/api/v1/console/{tenant}/access-codes/{group}", Permitted(ConfigureTenant),
        path: GroupPath, body: NewAccessCode, answer: Json(200) => AccessCodeState,
        query: &[], errors: [], fields: true,
    }
    /// Remove a reporter group's access code (admins)
    RemoveAccessCode {
        Delete "/api/v1/console/{tenant}/access-codes/{group}", Permitted(ConfigureTenant),
        path: GroupPath, body: (), answer: Json(200) => AccessCodeState,
        query: &[], errors: [], fields: false,
    }
    /// The audit log (admins)
    ReadAuditLog {
        Get "/api/v1/console/{tenant}/audit", Permitted(ReadAudit),
        path: TenantPath, body: (), answer: Json(200) => Vec<AuditEntry>,
        query: &[], errors: [], fields: false,
    }
    /// Every dialogue, drafts too
    ListAllDialogues {
        Get "/api/v1/console/{tenant}/dialogues", Permitted(AnswerQuestions),
        path: TenantPath, body: (), answer: Json(200) => Vec<PublicDialogue>,
        query: &[], errors: [], fields: false,
    }
    /// A new dialogue (a draft)
    CreateDialogue {
        Post "/api/v1/console/{tenant}/dialogues", Permitted(ModerateDialogues),
        path: TenantPath, body: DialogueDetails, answer: Json(201) => PublicDialogue,
        query: &[], errors: [], fields: true,
    }
    /// A dialogue with its questions
    ReadModeratedDialogue {
        Get "/api/v1/console/{tenant}/dialogues/{dialogue}", Permitted(AnswerQuestions),
        path: DialoguePath, body: (), answer: Json(200) => ModeratedDialogue,
        query: &[], errors: [], fields: false,
    }
    /// Edit, change state, mark the question being answered
    ActOnDialogue {
        Post "/api/v1/console/{tenant}/dialogues/{dialogue}/actions", Permitted(AnswerQuestions),
        path: DialoguePath, body: DialogueAction, answer: Json(200) => PublicDialogue,
        query: &[], errors: [], fields: true,
    }
    /// Approve, reject, merge, mark answered, answer
    ActOnQuestion {
        Post "/api/v1/console/{tenant}/dialogues/{dialogue}/questions/{question}/actions",
        Permitted(AnswerQuestions),
        path: QuestionPath, body: QuestionAction, answer: Json(200) => ModeratedQuestion,
        query: &[], errors: [DialogueNotOpen], fields: true,
    }
    /// The minutes as Markdown
    MinutesMarkdown {
        Get "/api/v1/console/{tenant}/dialogues/{dialogue}/minutes.md", Permitted(ModerateDialogues),
        path: DialoguePath, body: (), answer: File("text/markdown") => String,
        query: &[], errors: [], fields: false,
    }
    /// The minutes as CSV
    MinutesCsv {
        Get "/api/v1/console/{tenant}/dialogues/{dialogue}/minutes.csv", Permitted(ModerateDialogues),
        path: DialoguePath, body: (), answer: File("text/csv") => String,
        query: &[], errors: [], fields: false,
    }
}

/// The operations whose path matches `path`, whatever their method (for 405 and `Allow`), and
/// the one of them with `method`, with its path parameters.
pub fn find<'p>(method: &str, path: &'p str) -> Lookup<'p> {
    let mut found = Lookup::NotFound;
    for operation in ALL {
        let Some(values) = operation.match_path(path) else { continue };
        if operation.method.as_str() == method {
            return Lookup::Found(operation, values);
        }
        found = match found {
            Lookup::WrongMethod(mut allowed) => {
                allowed.push(operation.method);
                Lookup::WrongMethod(allowed)
            }
            _ => Lookup::WrongMethod(vec![operation.method]),
        };
    }
    found
}

/// What [`find`] found.
#[derive(Debug)]
pub enum Lookup<'p> {
    Found(&'static Operation, Vec<&'p str>),
    /// The path is an operation's, with another method: these are allowed.
    WrongMethod(Vec<Method>),
    NotFound,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names a template gives its parameters are the names its path type reads.
    fn parameters_agree<E: Endpoint>() {
        let operation = E::OPERATION;
        let names: Vec<&str> = operation.parameter_names().collect();
        assert_eq!(names, E::Path::NAMES, "{}", operation.name);
    }

    #[test]
    fn every_template_names_what_its_path_type_reads() {
        parameters_agree::<ReadConfig>();
        parameters_agree::<FollowReport>();
        parameters_agree::<Vote>();
        parameters_agree::<DisableModerator>();
        parameters_agree::<SetAccessCode>();
        parameters_agree::<ActOnQuestion>();
        parameters_agree::<Open311List>();
        parameters_agree::<Open311Service>();
        parameters_agree::<Open311Request>();
        parameters_agree::<RevokeWebhook>();
        parameters_agree::<MoveWalk>();
        parameters_agree::<ReadWalkCalendar>();
        parameters_agree::<LogWalkPoint>();
        parameters_agree::<JoinWalkLive>();
        parameters_agree::<ActOnWalkPoint>();
        for operation in ALL {
            // Ours, or Open311's, which is versioned by its own specification.
            let versioned = ["/api/v1/", "/api/open311/v2/"];
            assert!(versioned.iter().any(|v| operation.path.starts_with(v)), "{}", operation.name);
            assert!(operation.parameter_names().count() <= MAX_PARAMETERS);
        }
    }

    #[test]
    fn operations_are_unique_by_method_and_path_and_name() {
        for (i, a) in ALL.iter().enumerate() {
            for b in &ALL[i + 1..] {
                assert!(a.name != b.name, "{}", a.name);
                assert!((a.method, a.path) != (b.method, b.path), "{} {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn requests_find_their_operation() {
        let Lookup::Found(op, values) = find("POST", "/api/v1/tenants/demo/dialogues/3/questions/7/votes")
        else {
            panic!("vote not found")
        };
        assert_eq!((op.name, values), ("Vote", vec!["demo", "3", "7"]));
        let Lookup::Found(op, values) = find("GET", "/api/open311/v2/demo/requests.xml") else { panic!() };
        assert_eq!((op.name, values), ("Open311List", vec!["demo", "requests.xml"]));
        let Lookup::Found(op, _) = find("GET", "/api/open311/v2/demo/requests/2026-0042.json") else {
            panic!()
        };
        assert_eq!(op.name, "Open311Request");
        let Lookup::Found(op, _) = find("GET", "/api/v1/console/demo/export.csv") else { panic!() };
        assert_eq!(op.name, "ExportCsv");
        let Lookup::Found(op, values) = find("GET", "/api/v1/console/session") else { panic!() };
        assert_eq!((op.name, values.len()), ("ReadSession", 0));
        match find("DELETE", "/api/v1/console/demo/settings") {
            Lookup::WrongMethod(allowed) => assert_eq!(allowed, [Method::Get, Method::Put]),
            other => panic!("{other:?}"),
        }
        match find("GET", "/api/v1/console/demo/access-codes/staff") {
            Lookup::WrongMethod(allowed) => assert_eq!(allowed, [Method::Put, Method::Delete]),
            other => panic!("{other:?}"),
        }
        assert!(matches!(find("GET", "/api/v1/tenants/demo/config/"), Lookup::Found(..)));
        for path in ["/api/v1/tenants//config", "/api/v1/tenants/demo/config/x", "/api/v1", "/", ""] {
            assert!(matches!(find("GET", path), Lookup::NotFound), "{path}");
        }
    }

    #[test]
    fn urls_are_written_from_the_template() {
        let path = CasePath { tenant: "demo".into(), case: (2026, 7) };
        assert_eq!(FollowReport::OPERATION.url_path(&path), "/api/v1/tenants/demo/reports/2026-0007");
        let account = AccountPath { tenant: "demo".into(), email: "a b@demo.se".into() };
        let url = DisableModerator::OPERATION.url_path(&account);
        assert_eq!(url, "/api/v1/console/demo/moderators/a%20b%40demo.se/disable");
        let Lookup::Found(_, values) = find("POST", &url) else { panic!() };
        assert_eq!(AccountPath::parse(&values), Ok(account));
    }

    #[test]
    fn errors_follow_from_the_kind_of_operation() {
        let vote = Vote::OPERATION.errors();
        for code in [
            ErrorCode::AlreadyVoted,
            ErrorCode::MissingParticipant,
            ErrorCode::UnknownTenant,
            ErrorCode::DialogueNotFound,
            ErrorCode::QuestionNotFound,
            ErrorCode::Internal,
        ] {
            assert!(vote.contains(&code), "{code:?}");
        }
        assert!(!vote.contains(&ErrorCode::InvalidJson), "a vote has no body");
        let act = ActOnReport::OPERATION.errors();
        for code in
            [ErrorCode::CsrfMismatch, ErrorCode::Forbidden, ErrorCode::CaseNotFound, ErrorCode::InvalidJson]
        {
            assert!(act.contains(&code), "{code:?}");
        }
        assert!(FollowReport::OPERATION.errors().contains(&ErrorCode::ReportNotFound));
        assert!(!ReadReport::OPERATION.errors().contains(&ErrorCode::CsrfMismatch));
    }
}
