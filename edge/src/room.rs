//! The live room of one dialogue or safety walk: a Durable Object that holds the participants'
//! WebSockets and passes every public change on to all of them. It keeps no state of its own:
//! the dialogue or walk lives in D1, and a browser that (re)connects loads a snapshot over HTTP
//! and merges.
//!
//! The sockets use the hibernation API: while nothing happens the object is evicted from memory
//! and the connections stay open, so a room of a thousand silent listeners costs nothing.
//!
//! Participants only listen; what they send goes through the HTTP API. The one frame a browser
//! may send is the ping, which the runtime answers itself without waking the room. Anything else
//! closes its socket at once (1008), so a client flooding the room costs one wake-up per socket,
//! not one per frame it would have sent; a client that ignores the close is shut out and the
//! room reset (see `websocket_message`). How many sockets one client may hold open here is
//! capped too; how often it may open one is limited by the worker before it gets here.

use tryggve_core::live::{
    shut_out_left_secs, Admission, Offence, LIVE_PING, LIVE_PONG, POLICY_CLOSE, SHUT_OUT_MS,
};
use wasm_bindgen::JsCast;
use worker::{
    durable_object, Date, DurableObject, Env, Method, Request, Response, Result, State, WebSocket,
    WebSocketPair,
};

use crate::error::ApiError;
use crate::http;

pub const BINDING: &str = "DIALOGUE_ROOMS";

/// Set by the worker on what it passes to a room: the client's daily-salted key (never its
/// address), under which its sockets are tagged, the key it had yesterday (its sockets from
/// before midnight count too), and how many sockets that client may hold.
pub const CLIENT_HEADER: &str = "x-tryggve-client";
pub const CLIENT_YESTERDAY_HEADER: &str = "x-tryggve-client-yesterday";
pub const CAP_HEADER: &str = "x-tryggve-connections";

#[durable_object]
pub struct DialogueRoom {
    state: State,
    /// Set once this instance has asked to be reset: the frames still queued behind that ask
    /// cost nothing more.
    resetting: std::cell::Cell<bool>,
}

impl DurableObject for DialogueRoom {
    fn new(state: State, _env: Env) -> Self {
        if let Ok(pair) = worker_sys_pair(LIVE_PING, LIVE_PONG) {
            state.set_websocket_auto_response(&pair);
        }
        Self { state, resetting: Default::default() }
    }

    /// Three kinds of request reach a room, all from our own worker (a Durable Object has no
    /// public address): a participant's WebSocket upgrade, already checked (origin, dialogue,
    /// how often this client connects); a GET asking whether this client could connect now
    /// (a browser cannot read why a handshake failed, so it asks); and a POST with events.
    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let upgrade = req.headers().get("upgrade")?.unwrap_or_default();
        let client = req.headers().get(CLIENT_HEADER)?.unwrap_or_default();
        let yesterday = req.headers().get(CLIENT_YESTERDAY_HEADER)?.unwrap_or_default();
        let cap = req.headers().get(CAP_HEADER)?.and_then(|c| c.parse().ok()).unwrap_or(1);
        let held = self.state.get_websockets_with_tag(&client).len()
            + self.state.get_websockets_with_tag(&yesterday).len();
        let admission = Admission::of(held, cap);
        if let Some(secs) = self.shut_out_for(&client, &yesterday).await {
            return Ok(http::error(&ApiError::RateLimited { retry_after_secs: secs }));
        }
        if upgrade.eq_ignore_ascii_case("websocket") {
            if admission == Admission::Full {
                return Ok(http::error(&ApiError::TooManyConnections));
            }
            let pair = WebSocketPair::new()?;
            self.state.accept_websocket_with_tags(&pair.server, &[client.as_str()]);
            return Response::from_websocket(pair.client);
        }
        if req.method() == Method::Get {
            return Ok(http::error(&match admission {
                Admission::Full => ApiError::TooManyConnections,
                Admission::Open => ApiError::UpgradeRequired,
            }));
        }
        let message = req.text().await?;
        for socket in self.state.get_websockets() {
            // A socket closing right now is not an error for the others.
            let _ = socket.send_with_str(&message);
        }
        Response::empty()
    }

    async fn websocket_message(
        &self,
        ws: WebSocket,
        _message: worker::WebSocketIncomingMessage,
    ) -> Result<()> {
        // Not the ping (that never wakes us). The first such frame closes the socket.
        let now = Date::now().as_millis();
        match Offence::of(closed_by_us_at(&ws), now) {
            Offence::First => {
                // Remembered on the socket, which outlives the object's eviction.
                let _ = ws.serialize_attachment(now);
                let _ = ws.close(Some(POLICY_CLOSE), Some("participants only listen"));
                return Ok(());
            }
            Offence::InFlight => return Ok(()),
            Offence::CloseIgnored if self.resetting.replace(true) => return Ok(()),
            Offence::CloseIgnored => {}
        }
        // This client ignores the close and sends on. The runtime keeps reading its socket
        // (and waking us per frame) until the client closes, and cannot drop one socket, so
        // the room drops them all: every client it closed for breaking the rules is shut out
        // for a while, and the object is reset, which ends every socket. Participants
        // reconnect after a pause and catch up from a snapshot.
        let until = wasm_bindgen::JsValue::from_f64((now + SHUT_OUT_MS) as f64);
        let shut_out = js_sys::Object::new();
        for socket in self.state.get_websockets() {
            if closed_by_us_at(&socket).is_some() {
                for client in self.state.get_tags(&socket) {
                    let _ = js_sys::Reflect::set(&shut_out, &shut_out_key(&client).into(), &until);
                }
            }
        }
        // One write, and written before the reset, which drops what is not.
        let storage = self.state.storage();
        let _ = storage.put_multiple_raw(shut_out).await;
        let _ = storage.sync().await;
        reset_soon(&self.state, "a client kept sending after its socket was closed");
        Ok(())
    }

    async fn websocket_close(
        &self,
        ws: WebSocket,
        code: usize,
        _reason: String,
        _was_clean: bool,
    ) -> Result<()> {
        // Finish the closing handshake (1005/1006 may not be sent back).
        let code =
            if (1000..=4999).contains(&code) && code != 1005 && code != 1006 { code as u16 } else { 1000 };
        let _ = ws.close(Some(code), Some("closed"));
        Ok(())
    }

    async fn websocket_error(&self, _ws: WebSocket, _error: worker::Error) -> Result<()> {
        Ok(())
    }
}

impl DialogueRoom {
    /// How many more seconds `client` (under today's or yesterday's key) is shut out, if it is.
    async fn shut_out_for(&self, client: &str, yesterday: &str) -> Option<u32> {
        let now = Date::now().as_millis();
        let mut longest = None;
        for key in [client, yesterday].into_iter().filter(|k| !k.is_empty()) {
            let storage = self.state.storage();
            let Some(until) = storage.get::<u64>(&shut_out_key(key)).await.ok().flatten() else { continue };
            if let Some(secs) = shut_out_left_secs(until, now) {
                longest = longest.max(Some(secs));
            } else {
                let _ = storage.delete(&shut_out_key(key)).await;
            }
        }
        longest
    }
}

/// When the room closed `socket` for breaking its rules, if it did.
fn closed_by_us_at(socket: &WebSocket) -> Option<u64> {
    socket.deserialize_attachment::<u64>().ok().flatten()
}

fn shut_out_key(client: &str) -> String {
    format!("shut-out:{client}")
}

/// Resets the object once the running handler has returned (`DurableObjectState.abort`, which
/// worker-rs does not bind): its sockets are disconnected, its storage is kept. abort() throws,
/// and an exception must not unwind through our WebAssembly frames (it would leave the module's
/// executor, shared with every other request, broken), so JavaScript's microtask queue calls it.
fn reset_soon(state: &State, reason: &str) {
    let raw = state.as_raw();
    let Ok(abort) = js_sys::Reflect::get(raw, &"abort".into()) else { return };
    let Ok(abort) = abort.dyn_into::<js_sys::Function>() else { return };
    let later = js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED);
    let Ok(then) = js_sys::Reflect::get(&later, &"then".into()) else { return };
    let Ok(then) = then.dyn_into::<js_sys::Function>() else { return };
    let _ = then.call1(&later, &abort.bind1(raw, &reason.into()));
}

fn worker_sys_pair(
    request: &str,
    response: &str,
) -> Result<worker::worker_sys::WebSocketRequestResponsePair> {
    Ok(worker::worker_sys::WebSocketRequestResponsePair::new(request, response)?)
}

/// The variable naming the jurisdiction the rooms run and keep their data in (`eu`, see
/// docs/deploy.md), if the deployment restricts them to one.
pub const JURISDICTION: &str = "DATA_JURISDICTION";

/// Which live room: a dialogue's, or a safety walk's (the same kind of object: it passes on
/// what it is sent and keeps nothing).
#[derive(Debug, Clone, Copy)]
pub enum Live {
    Dialogue(i64),
    Walk(i64),
}

/// The room of `live` in `tenant`. A dialogue's room keeps the name it has always had.
pub fn stub(env: &Env, tenant: &str, live: Live) -> Result<worker::Stub> {
    let name = match live {
        Live::Dialogue(dialogue) => format!("{tenant}/{dialogue}"),
        Live::Walk(walk) => format!("{tenant}/walk/{walk}"),
    };
    rooms(env)?.get_by_name(&name)
}

/// The rooms' namespace, restricted to the deployment's jurisdiction when it names one
/// (`DurableObjectNamespace.jurisdiction`, which workers-rs does not wrap). The same name is
/// another room in another jurisdiction, so it is set before the first dialogue goes live.
fn rooms(env: &Env) -> Result<worker::ObjectNamespace> {
    let namespace = env.durable_object(BINDING)?;
    let jurisdiction = env.var(JURISDICTION).map(|v| v.to_string()).unwrap_or_default();
    if jurisdiction.is_empty() {
        return Ok(namespace);
    }
    let restrict: js_sys::Function =
        js_sys::Reflect::get(namespace.as_ref(), &"jurisdiction".into())?.dyn_into()?;
    Ok(restrict.call1(namespace.as_ref(), &jurisdiction.into())?.unchecked_into())
}

/// Passes `events` to everyone in the room. A failure is logged, not returned: the change is
/// stored, and browsers catch up from a snapshot when they reconnect or resynchronise.
pub async fn broadcast<E: serde::Serialize>(env: &Env, tenant: &str, live: Live, events: &[E]) {
    if events.is_empty() {
        return;
    }
    let outcome = async {
        let body = serde_json::to_string(events).map_err(|e| ApiError::Internal(e.to_string()))?;
        let mut init = worker::RequestInit::new();
        init.with_method(worker::Method::Post).with_body(Some(body.into()));
        let request = Request::new_with_init("https://room/broadcast", &init)?;
        stub(env, tenant, live)?.fetch_with_request(request).await?;
        Ok::<(), ApiError>(())
    }
    .await;
    if let Err(e) = outcome {
        worker::console_error!("broadcast to {tenant} {live:?} failed: {e}");
    }
}
