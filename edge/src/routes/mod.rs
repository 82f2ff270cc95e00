//! The API's routes and the rules every route shares: JSON errors, CORS by tenant allowlist,
//! no caching.

mod accounts;
mod console;
mod dashboard;
mod dialogue_console;
mod dialogues;
mod reports;
mod review;
mod settings;
mod tenants;

use std::cell::OnceCell;
use std::rc::Rc;

use tryggve_core::api::RequestTarget;
use worker::{web_sys, D1Database, Env, Method, Request, Response};

use crate::error::ApiError;
use crate::http;

/// What every route may need besides the request: the database and the bindings.
pub struct Bindings<'a> {
    pub db: &'a D1Database,
    pub env: &'a Env,
}

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

/// The configuration of `tenant` for a public route, once the caller's origin is allowed to
/// embed it. An invalid or unknown tenant is a 404 either way.
pub(crate) async fn public_tenant(
    db: &D1Database,
    tenant: &str,
    caller: &Caller,
) -> Result<tryggve_core::TenantConfig, ApiError> {
    public_tenant_as(db, tenant, caller, || crate::tenant_cache::config(db, tenant)).await
}

/// What `find` knows of `tenant` (its configuration, or that serialised), with the same checks
/// as [`public_tenant`]; `find` is asked only for a well-formed id.
pub(crate) async fn public_tenant_as<T, F>(
    db: &D1Database,
    tenant: &str,
    caller: &Caller,
    find: impl FnOnce() -> F,
) -> Result<T, ApiError>
where
    F: std::future::Future<Output = Result<Option<T>, ApiError>>,
{
    let found = match tryggve_core::tenant::is_valid_tenant_id(tenant) {
        true => find().await?,
        false => None,
    };
    let found = found.ok_or(ApiError::UnknownTenant { in_body: false })?;
    caller.check(db, tenant).await?;
    Ok(found)
}

/// The request as it arrived. A `worker::Request` is made of it only for the routes that read
/// more than its method, URL and origin: making one reads `request.cf`, which workerd builds
/// for each request, and that alone was a seventh of the CPU time of a configuration request
/// (V8 profile).
struct Incoming {
    raw: web_sys::Request,
    full: Option<Request>,
}

impl Incoming {
    fn full(&mut self) -> &mut Request {
        // Another handle on the same JavaScript object (`Request::clone` would copy the request).
        self.full.get_or_insert_with(|| Request::from(Clone::clone(&self.raw)))
    }
}

thread_local! {
    /// The D1 binding, looked up once per isolate. Bindings belong to the isolate, not to a
    /// request (Workers may even import `env` at the top of a module); looking one up checks
    /// the object's class by name, every time.
    static DATABASE: OnceCell<Rc<D1Database>> = const { OnceCell::new() };
}

fn database(env: &Env) -> worker::Result<Rc<D1Database>> {
    if let Some(db) = DATABASE.with(|cell| cell.get().cloned()) {
        return Ok(db);
    }
    let db = Rc::new(env.d1("DB")?);
    DATABASE.with(|cell| _ = cell.set(db.clone()));
    Ok(db)
}

pub async fn handle(raw: web_sys::Request, env: Env) -> Response {
    let url = raw.url();
    let Some(target) = RequestTarget::parse(&url) else { return http::error(&ApiError::NotFound) };
    let caller = Caller::of(&raw, &target);
    let mut req = Incoming { raw, full: None };
    let db = match database(&env) {
        Ok(db) => db,
        Err(e) => return http::error(&ApiError::Internal(e.to_string())),
    };
    let response = match route(&mut req, &Bindings { db: &db, env: &env }, &target, &caller).await {
        // A WebSocket handshake answered by a dialogue's live room: passed on untouched.
        Ok(response) if response.status_code() == 101 => return response,
        Ok(response) => response,
        Err(err) => http::error(&err),
    };
    finish(response, &db, &caller).await
}

async fn route(
    req: &mut Incoming,
    bindings: &Bindings<'_>,
    target: &RequestTarget<'_>,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let path: Vec<&str> = target.path.trim_matches('/').split('/').collect();
    let method = Method::from(req.raw.method());
    if method == Method::Options {
        return preflight(db, caller).await;
    }
    match path.as_slice() {
        ["api", "v1", "openapi.json"] => match method {
            Method::Get => Ok(http::json(200, &tryggve_core::openapi::document())),
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "reports"] => match method {
            Method::Post => reports::create(req.full(), bindings, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "tenants", tenant, "config"] => match method {
            Method::Get => tenants::config(db, tenant, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "reports", case] => match method {
            Method::Get => reports::follow_up(req.full(), db, tenant, case, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", "login"] => match method {
            Method::Post => console::login(req.full(), bindings, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", "logout"] => match method {
            Method::Post => console::logout(req.full(), db, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", "password"] => match method {
            Method::Post => console::change_password(req.full(), bindings, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", "session"] => match method {
            Method::Get => console::current(req.full(), db, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "reports"] => match method {
            Method::Get => review::list(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "reports", case] => match method {
            Method::Get => review::detail(req.full(), db, caller, tenant, case).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "reports", case, "actions"] => match method {
            Method::Post => review::act(req.full(), db, caller, tenant, case).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", tenant, "dashboard"] => match method {
            Method::Get => dashboard::dashboard(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, file @ ("export.csv" | "export.geojson")] => match method {
            Method::Get => {
                dashboard::export(req.full(), db, caller, tenant, file.trim_start_matches("export.")).await
            }
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "public-reports"] => match method {
            Method::Get => reports::public_map(db, tenant, target, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "moderators"] => match method {
            Method::Get => accounts::list(req.full(), db, caller, tenant).await,
            Method::Post => accounts::add(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET, POST" }),
        },
        ["api", "v1", "console", tenant, "moderators", email, "disable"] => match method {
            Method::Post => accounts::disable(req.full(), db, caller, tenant, email).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", tenant, "settings"] => match method {
            Method::Get => settings::read(req.full(), db, caller, tenant).await,
            Method::Put => settings::replace(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET, PUT" }),
        },
        ["api", "v1", "console", tenant, "access-codes"] => match method {
            Method::Get => settings::access_codes(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "access-codes", group] => match method {
            Method::Put | Method::Delete => {
                settings::change_access_code(req.full(), bindings, caller, tenant, group).await
            }
            _ => Err(ApiError::MethodNotAllowed { allowed: "PUT, DELETE" }),
        },
        ["api", "v1", "console", tenant, "audit"] => match method {
            Method::Get => review::audit(req.full(), db, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues"] => match method {
            Method::Get => dialogues::list(db, tenant, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues", id] => match method {
            Method::Get => dialogues::snapshot(db, tenant, id, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues", id, "questions"] => match method {
            Method::Post => dialogues::ask(req.full(), bindings, tenant, id, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues", id, "questions", question, "votes"] => match method {
            Method::Post => dialogues::vote(req.full(), bindings, tenant, id, question, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues", id, "mine"] => match method {
            Method::Get => dialogues::mine(req.full(), db, tenant, id, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "tenants", tenant, "dialogues", id, "live"] => match method {
            Method::Get => dialogues::live(req.full(), bindings, tenant, id, caller).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "dialogues"] => match method {
            Method::Get => dialogue_console::list(req.full(), bindings, caller, tenant).await,
            Method::Post => dialogue_console::create(req.full(), bindings, caller, tenant).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET, POST" }),
        },
        ["api", "v1", "console", tenant, "dialogues", id] => match method {
            Method::Get => dialogue_console::detail(req.full(), bindings, caller, tenant, id).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
        },
        ["api", "v1", "console", tenant, "dialogues", id, "actions"] => match method {
            Method::Post => dialogue_console::act(req.full(), bindings, caller, tenant, id).await,
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", tenant, "dialogues", id, "questions", question, "actions"] => match method {
            Method::Post => {
                dialogue_console::act_on_question(req.full(), bindings, caller, tenant, id, question).await
            }
            _ => Err(ApiError::MethodNotAllowed { allowed: "POST" }),
        },
        ["api", "v1", "console", tenant, "dialogues", id, file @ ("minutes.md" | "minutes.csv")] => {
            match method {
                Method::Get => {
                    let format = file.trim_start_matches("minutes.");
                    dialogue_console::minutes(req.full(), bindings, caller, tenant, id, format).await
                }
                _ => Err(ApiError::MethodNotAllowed { allowed: "GET" }),
            }
        }
        _ => Err(ApiError::NotFound),
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
