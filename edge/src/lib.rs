//! Tryggve's edge: a Cloudflare Worker. Handlers are thin: parse the request, call `core`,
//! store in D1, answer JSON. Static files (the widget, the demo page) are served by the
//! Workers assets layer before this code runs; only `/api/*` reaches here.

mod client;
mod clock;
mod error;
mod http;
mod human;
mod limits;
mod moderator;
mod outside;
mod places;
mod police;
mod public_cache;
mod retention;
mod room;
mod routes;
mod secrets;
mod session;
mod store;
mod tenant_cache;
mod token;
mod webhooks;

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Wake, Waker};

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use worker::{event, web_sys, worker_sys, Env, ScheduleContext, ScheduledEvent};

/// The fetch handler, exported by hand instead of through `#[event(fetch)]`: an answer that is
/// ready at once (a cached configuration, a refused origin, a bad request) is handed back as a
/// settled promise, and only a request that waits for D1 or a Durable Object goes through
/// wasm-bindgen's executor. The executor's promise and microtask were a fifth of the CPU time of
/// a configuration request (V8 profile).
#[wasm_bindgen]
pub fn fetch(req: web_sys::Request, env: Env, ctx: worker_sys::Context) -> js_sys::Promise {
    let ctx = worker::Context::new(ctx);
    let mut answer = Box::pin(async move { web_sys::Response::from(routes::handle(req, env, ctx).await) });
    // The first poll's waker passes wake-ups on to the executor's, once there is one: a future
    // that keeps the waker of its first poll only (such as `worker::Delay`) still wakes the
    // request up.
    let forward = Arc::new(ForwardWaker::default());
    let first = Waker::from(forward.clone());
    match answer.as_mut().poll(&mut std::task::Context::from_waker(&first)) {
        Poll::Ready(response) => js_sys::Promise::resolve(&JsValue::from(response)),
        Poll::Pending => worker::wasm_bindgen_futures::future_to_promise(async move {
            let response = std::future::poll_fn(|cx| {
                forward.pass_to(cx.waker());
                answer.as_mut().poll(cx)
            })
            .await;
            Ok(response.into())
        }),
    }
}

/// A waker for a poll made before the executor has one: it wakes whichever waker it was last
/// given (a wake-up before that is not lost either, since the executor polls at least once).
#[derive(Default)]
struct ForwardWaker(Mutex<Option<Waker>>);

impl ForwardWaker {
    fn pass_to(&self, waker: &Waker) {
        if let Ok(mut slot) = self.0.lock() {
            slot.replace(waker.clone());
        }
    }
}

impl Wake for ForwardWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        if let Some(waker) = self.0.lock().ok().and_then(|slot| slot.clone()) {
            waker.wake();
        }
    }
}

/// The cron triggers (see `[triggers]` in wrangler.toml): each minute, the webhook deliveries
/// that are due; each hour, the police's events; each night, the retention job.
#[event(scheduled)]
async fn scheduled(event: ScheduledEvent, env: Env, _ctx: ScheduleContext) {
    let db = match routes::database(&env) {
        Ok(db) => db,
        Err(e) => return worker::console_error!("no database for the cron: {e:?}"),
    };
    let (job, outcome) = match event.cron().as_str() {
        webhooks::CRON => ("webhook deliveries", webhooks::deliver_due(&db).await),
        police::CRON => ("police events", police::import_all(&db, &police::HttpFeed).await),
        _ => ("retention job", retention::purge(&db).await),
    };
    if let Err(e) = outcome {
        worker::console_error!("{job} failed: {e:?}");
    }
}
