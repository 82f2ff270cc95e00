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

use std::future::Future;
use std::task::{Poll, Waker};

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use worker::{event, web_sys, worker_sys, Env, ScheduleContext, ScheduledEvent};

/// The fetch handler, exported by hand instead of through `#[event(fetch)]`: an answer that is
/// ready at once (a cached configuration, a refused origin, a bad request) is handed back as a
/// settled promise, and only a request that waits for D1 or a Durable Object goes through
/// wasm-bindgen's executor. The executor's promise and microtask were a fifth of the CPU time of
/// a configuration request (V8 profile).
#[wasm_bindgen]
pub fn fetch(req: web_sys::Request, env: Env, _ctx: worker_sys::Context) -> js_sys::Promise {
    let mut answer = Box::pin(async move { web_sys::Response::from(routes::handle(req, env).await) });
    // Polling with a waker that does nothing is safe: a future that is not ready is polled again
    // by the executor below, with its own waker, before anything can wake it.
    match answer.as_mut().poll(&mut std::task::Context::from_waker(Waker::noop())) {
        Poll::Ready(response) => js_sys::Promise::resolve(&JsValue::from(response)),
        Poll::Pending => {
            worker::wasm_bindgen_futures::future_to_promise(async move { Ok(answer.await.into()) })
        }
    }
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
