//! What every handler has the same way: the request and where it comes from (`Cx`), one shape
//! of handler per operation (`Handler`), and what a handler answers (`Reply`). `Cx::serve` runs
//! an operation as core declares it: who may call it is checked before its handler runs, its
//! path parameters and body arrive typed, and its answer gets the declared status.

use std::rc::Rc;

use futures_util::stream::LocalBoxStream;
use serde::Serialize;
use tryggve_core::api::operations::{Access, Body, Endpoint, Operation, Success};
use tryggve_core::api::path::PathParams;
use tryggve_core::api::RequestTarget;
use tryggve_core::participant_code;
use tryggve_core::TenantConfig;
use worker::{web_sys, D1Database, Env, Request, Response};

use super::Caller;
use crate::error::ApiError;
use crate::moderator::Moderator;
use crate::{http, secrets, session};

/// One operation's handler: typed path parameters and body in, a typed answer out.
pub(crate) trait Handler: Endpoint {
    async fn handle(
        cx: &mut Cx<'_>,
        path: Self::Path,
        body: Self::Body,
    ) -> Result<Reply<Self::Answer>, ApiError>;
}

/// What a handler answers.
pub(crate) enum Reply<T> {
    /// The operation's success status with `T` as JSON (nothing for an empty success).
    Done(T),
    /// 200 with `T`: a retry of something already stored, answered as the first time.
    AlreadyStored(T),
    /// The success with a `Set-Cookie` header too.
    WithCookie(T, String),
    /// JSON serialised beforehand (the widget's configuration, kept serialised per isolate).
    Serialised(Rc<str>),
    /// A file of the declared media type, to download under `file_name`.
    File { body: Vec<u8>, file_name: String },
    /// A file written while it is sent, chunk by chunk (an export of any size).
    Streamed { chunks: LocalBoxStream<'static, Result<Vec<u8>, worker::Error>>, file_name: String },
    /// An answer made elsewhere, passed on (the live room's).
    Passed(Response),
}

/// A request on its way through one operation.
pub(crate) struct Cx<'a> {
    raw: web_sys::Request,
    /// Made only for the handlers that read more than the method, URL and origin: making one
    /// reads `request.cf`, which workerd builds for each request, and that alone was a seventh
    /// of the CPU time of a configuration request (V8 profile).
    full: Option<Request>,
    pub db: &'a D1Database,
    pub env: &'a Env,
    pub caller: &'a Caller,
    pub target: RequestTarget<'a>,
    operation: &'static Operation,
    /// The logged-in moderator, for console operations (checked before the handler runs).
    moderator: Option<Moderator>,
    /// The bearer code of follow-up and participant operations (its form checked).
    code: Option<String>,
    /// A public operation's municipality, as the widget receives it (checked to exist and to
    /// allow the caller's origin).
    tenant_json: Option<Rc<str>>,
    /// The database again, for work that outlives the handler (see [`Cx::after`]).
    shared_db: Rc<D1Database>,
    /// The request's context: keeps it alive for work after the answer.
    ctx: &'a worker::Context,
}

impl<'a> Cx<'a> {
    pub fn new(
        raw: web_sys::Request,
        (db, ctx): (&'a Rc<D1Database>, &'a worker::Context),
        env: &'a Env,
        caller: &'a Caller,
        target: RequestTarget<'a>,
        operation: &'static Operation,
    ) -> Self {
        Self {
            raw,
            full: None,
            db,
            env,
            caller,
            target,
            operation,
            moderator: None,
            code: None,
            tenant_json: None,
            shared_db: db.clone(),
            ctx,
        }
    }

    /// Runs `work` with the database after the answer has gone (the runtime keeps the request
    /// alive until it ends): what the caller need not wait for, such as webhook deliveries.
    pub fn after<F, Fut>(&self, work: F)
    where
        F: FnOnce(Rc<D1Database>) -> Fut,
        Fut: std::future::Future<Output = ()> + 'static,
    {
        self.ctx.wait_until(work(self.shared_db.clone()));
    }

    /// The request, for headers and body.
    pub fn req(&mut self) -> &mut Request {
        // Another handle on the same JavaScript object (`Request::clone` would copy the request).
        let raw = &self.raw;
        self.full.get_or_insert_with(|| Request::from(Clone::clone(raw)))
    }

    /// The logged-in moderator of a console operation.
    pub fn moderator(&self) -> Result<&Moderator, ApiError> {
        self.moderator.as_ref().ok_or(ApiError::NotLoggedIn)
    }

    /// The bearer code of a follow-up or participant operation.
    pub fn code(&self) -> Result<&str, ApiError> {
        self.code.as_deref().ok_or(ApiError::MissingToken)
    }

    /// A public operation's municipality, serialised for the widget.
    pub fn tenant_json(&self) -> Result<Rc<str>, ApiError> {
        self.tenant_json.clone().ok_or(ApiError::UnknownTenant { in_body: false })
    }

    /// The configuration of a public operation's municipality (this isolate's copy).
    pub async fn tenant_config(&self, tenant: &str) -> Result<TenantConfig, ApiError> {
        crate::tenant_cache::config(self.db, tenant).await?.ok_or(ApiError::UnknownTenant { in_body: false })
    }

    /// Runs operation `E`: who may call it, then its path parameters, its body, its handler.
    pub async fn serve<E: Handler>(mut self, values: Vec<&str>) -> Result<Response, ApiError> {
        let operation = &E::OPERATION;
        self.admit(&values).await?;
        let path = E::Path::parse(&values).map_err(|code| match operation.access {
            // A report's author learns nothing from a case number that cannot be one either.
            Access::FollowUp => ApiError::ReportNotFound,
            _ => ApiError::missing(code),
        })?;
        let body: E::Body = match <E::Body as Body>::SENT {
            true => http::read_json(self.req(), <E::Body as Body>::MAX_BYTES).await?,
            false => serde_json::from_slice(b"null").map_err(|e| ApiError::Internal(e.to_string()))?,
        };
        let reply = E::handle(&mut self, path, body).await?;
        respond(operation, reply)
    }

    /// Refuses a caller the operation's access does not admit, in the order the API has always
    /// checked: the page's origin and municipality, then the login or code, then the role.
    async fn admit(&mut self, values: &[&str]) -> Result<(), ApiError> {
        let operation = self.operation;
        // Every template with a municipality names it first.
        let tenant = operation.parameter_names().next().filter(|name| *name == "tenant").map(|_| values[0]);
        match operation.access {
            Access::Public | Access::FollowUp | Access::Participant | Access::Walker => {
                if let Some(tenant) = tenant {
                    self.tenant_json = Some(self.public_tenant(tenant).await?);
                }
            }
            Access::ConsolePage | Access::Moderator | Access::Permitted(_) => {
                self.caller.require_first_party()?
            }
        }
        match operation.access {
            Access::Public | Access::ConsolePage => {}
            Access::FollowUp => {
                self.code = Some(http::bearer_token(self.req()).ok_or(ApiError::MissingToken)?);
            }
            Access::Walker => {
                // Its form here; whether it is the walk's, in the handler (which reads the walk).
                let pass = http::bearer_token(self.req()).filter(|p| tryggve_core::walk_pass::is_pass(p));
                self.code = Some(pass.ok_or(ApiError::MissingToken)?);
            }
            Access::Participant => {
                // Only a code this edge issued for this municipality: made-up ones count nothing.
                let key = secrets::required(self.env, secrets::PARTICIPANT_KEY)?;
                let issued = |c: &String| participant_code::is_issued(&key, tenant.unwrap_or_default(), c);
                let code = http::bearer_token(self.req()).filter(issued);
                self.code = Some(code.ok_or(ApiError::MissingParticipant)?);
            }
            Access::Moderator | Access::Permitted(_) => {
                let db = self.db;
                let moderator = session::moderator(self.req(), db).await?;
                if let Access::Permitted(permission) = operation.access {
                    moderator.require(tenant.unwrap_or_default(), permission)?;
                    // A temporary password from an admin opens nothing but its own change (an
                    // operation for any moderator, like reading the session and logging out).
                    if moderator.info.must_change_password {
                        return Err(ApiError::PasswordChangeRequired);
                    }
                }
                if operation.requires_csrf() {
                    session::check_csrf(&moderator, self.req())?;
                }
                self.moderator = Some(moderator);
            }
        }
        Ok(())
    }

    /// `tenant` as the widget receives it, once the caller's origin is allowed to embed it. An
    /// invalid or unknown tenant is a 404 either way.
    async fn public_tenant(&mut self, tenant: &str) -> Result<Rc<str>, ApiError> {
        let valid = tryggve_core::tenant::is_valid_tenant_id(tenant);
        // Names this isolate has not seen cost a read of D1 each: counted as the cache's misses,
        // so that a client making up municipalities is refused before it runs up the bill.
        if valid && !crate::tenant_cache::known(tenant) {
            let env = self.env;
            crate::public_cache::count_miss(self.req(), env).await?;
        }
        let found = match valid {
            true => crate::tenant_cache::config_json(self.db, tenant).await?,
            false => None,
        };
        let found = found.ok_or(ApiError::UnknownTenant { in_body: false })?;
        self.caller.check(self.db, tenant).await?;
        Ok(found)
    }
}

/// `response` as the file `operation` declares, to download under `file_name`.
fn download(operation: &Operation, response: Response, file_name: &str) -> Result<Response, ApiError> {
    let Success::File(media_type) = operation.success else {
        return Err(ApiError::Internal(format!("{}: a file answered for no file", operation.name)));
    };
    let headers = response.headers();
    if media_type.starts_with("text/") || media_type.ends_with("json") {
        headers.set("content-type", &format!("{media_type}; charset=utf-8"))?;
    } else {
        headers.set("content-type", media_type)?;
    }
    headers.set("content-disposition", &format!("attachment; filename=\"{file_name}\""))?;
    Ok(response)
}

/// The HTTP answer for `reply` to `operation`.
fn respond<T: Serialize>(operation: &Operation, reply: Reply<T>) -> Result<Response, ApiError> {
    let success = |value: &T| match operation.success {
        Success::Json(status) => Ok(http::json(status, value)),
        // Open311's handlers answer in the asked format themselves; JSON is what is left.
        Success::JsonOrXml => Ok(http::json(200, value)),
        Success::Empty(status) => Ok(Response::empty()?.with_status(status)),
        Success::File(_) | Success::WebSocket => {
            Err(ApiError::Internal(format!("{}: a file or WebSocket answered as JSON", operation.name)))
        }
    };
    match reply {
        Reply::Done(value) => success(&value),
        Reply::AlreadyStored(value) => Ok(http::json(200, &value)),
        Reply::WithCookie(value, cookie) => {
            let response = success(&value)?;
            response.headers().set("set-cookie", &cookie)?;
            Ok(response)
        }
        Reply::Serialised(json) => Ok(http::json_text(200, &json)),
        Reply::File { body, file_name } => download(operation, Response::from_bytes(body)?, &file_name),
        Reply::Streamed { chunks, file_name } => {
            download(operation, Response::from_stream(chunks)?, &file_name)
        }
        Reply::Passed(response) => Ok(response),
    }
}
