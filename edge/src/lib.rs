//! Tryggve's edge: a Cloudflare Worker. Handlers are thin: parse the request, call `core`,
//! store in D1, answer JSON. Static files (the widget, the demo page) are served by the
//! Workers assets layer before this code runs; only `/api/*` reaches here.

mod client;
mod clock;
mod error;
mod http;
mod human;
mod limits;
mod retention;
mod room;
mod routes;
mod session;
mod store;
mod tenant_cache;
mod token;

use worker::{event, Context, Env, Response, Result, ScheduleContext, ScheduledEvent};

#[event(fetch)]
async fn fetch(req: worker::web_sys::Request, env: Env, _ctx: Context) -> Result<Response> {
    Ok(routes::handle(req, env).await)
}

/// The daily cron trigger (see `[triggers]` in wrangler.toml): the retention job.
#[event(scheduled)]
async fn scheduled(_event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let outcome = match env.d1("DB") {
        Ok(db) => retention::purge(&db).await,
        Err(e) => Err(e.into()),
    };
    if let Err(e) = outcome {
        worker::console_error!("retention job failed: {e:?}");
    }
}
