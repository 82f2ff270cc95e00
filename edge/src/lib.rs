//! Tryggve's edge: a Cloudflare Worker. Handlers are thin: parse the request, call `core`,
//! store in D1, answer JSON. Static files (the widget, the demo page) are served by the
//! Workers assets layer before this code runs; only `/api/*` reaches here.

mod clock;
mod error;
mod http;
mod routes;
mod session;
mod store;
mod token;

use worker::{event, Context, Env, Request, Response, Result};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    Ok(routes::handle(req, env).await)
}
