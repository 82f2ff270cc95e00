//! The live room of one dialogue: a Durable Object that holds the participants' WebSockets and
//! passes every public change on to all of them. It keeps no state of its own: the dialogue
//! lives in D1, and a browser that (re)connects loads a snapshot over HTTP and merges.
//!
//! The sockets use the hibernation API: while nothing happens the object is evicted from memory
//! and the connections stay open, so a room of a thousand silent listeners costs nothing.
//!
//! Participants only listen; what they send goes through the HTTP API. The one frame a browser
//! may send is the ping, which the runtime answers itself without waking the room. Anything else
//! closes its socket at once (1008), so a client flooding the room costs one wake-up per socket,
//! not one per frame it would have sent. How many sockets one client may hold open here is
//! capped too; how often it may open one is limited by the worker before it gets here.

use tryggve_core::dialogue::LiveEvent;
use tryggve_core::live::{Admission, LIVE_PING, LIVE_PONG, POLICY_CLOSE};
use worker::{
    durable_object, DurableObject, Env, Method, Request, Response, Result, State, WebSocket, WebSocketPair,
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
}

impl DurableObject for DialogueRoom {
    fn new(state: State, _env: Env) -> Self {
        if let Ok(pair) = worker_sys_pair(LIVE_PING, LIVE_PONG) {
            state.set_websocket_auto_response(&pair);
        }
        Self { state }
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
        // Not the ping (that never wakes us): closed at once.
        let _ = ws.close(Some(POLICY_CLOSE), Some("participants only listen"));
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

fn worker_sys_pair(
    request: &str,
    response: &str,
) -> Result<worker::worker_sys::WebSocketRequestResponsePair> {
    Ok(worker::worker_sys::WebSocketRequestResponsePair::new(request, response)?)
}

/// The room of `dialogue` in `tenant`.
pub fn stub(env: &Env, tenant: &str, dialogue: i64) -> Result<worker::Stub> {
    env.durable_object(BINDING)?.get_by_name(&format!("{tenant}/{dialogue}"))
}

/// Passes `events` to everyone in the room. A failure is logged, not returned: the change is
/// stored, and browsers catch up from a snapshot when they reconnect or resynchronise.
pub async fn broadcast(env: &Env, tenant: &str, dialogue: i64, events: &[LiveEvent]) {
    if events.is_empty() {
        return;
    }
    let outcome = async {
        let body = serde_json::to_string(events).map_err(|e| ApiError::Internal(e.to_string()))?;
        let mut init = worker::RequestInit::new();
        init.with_method(worker::Method::Post).with_body(Some(body.into()));
        let request = Request::new_with_init("https://room/broadcast", &init)?;
        stub(env, tenant, dialogue)?.fetch_with_request(request).await?;
        Ok::<(), ApiError>(())
    }
    .await;
    if let Err(e) = outcome {
        worker::console_error!("broadcast to {tenant}/{dialogue} failed: {e}");
    }
}
