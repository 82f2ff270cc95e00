//! The live room of one dialogue: a Durable Object that holds the participants' WebSockets and
//! passes every public change on to all of them. It keeps no state of its own: the dialogue
//! lives in D1, and a browser that (re)connects loads a snapshot over HTTP and merges.
//!
//! The sockets use the hibernation API: while nothing happens the object is evicted from memory
//! and the connections stay open, so a room of a thousand silent listeners costs nothing.

use tryggve_core::dialogue::LiveEvent;
use worker::{
    durable_object, DurableObject, Env, Request, Response, Result, State, WebSocket, WebSocketPair,
};

use crate::error::ApiError;

pub const BINDING: &str = "DIALOGUE_ROOMS";

/// Answered by the room itself without waking it, so browsers can check the line is alive.
const PING: &str = "ping";
const PONG: &str = "pong";

#[durable_object]
pub struct DialogueRoom {
    state: State,
}

impl DurableObject for DialogueRoom {
    fn new(state: State, _env: Env) -> Self {
        if let Ok(pair) = worker_sys_pair(PING, PONG) {
            state.set_websocket_auto_response(&pair);
        }
        Self { state }
    }

    /// Two kinds of request reach a room, both from our own worker (a Durable Object has no
    /// public address): a participant's WebSocket upgrade, already checked (origin, dialogue),
    /// and a POST with events to pass on.
    async fn fetch(&self, mut req: Request) -> Result<Response> {
        let upgrade = req.headers().get("upgrade")?.unwrap_or_default();
        if upgrade.eq_ignore_ascii_case("websocket") {
            let pair = WebSocketPair::new()?;
            self.state.accept_web_socket(&pair.server);
            return Response::from_websocket(pair.client);
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
        _ws: WebSocket,
        _message: worker::WebSocketIncomingMessage,
    ) -> Result<()> {
        // Participants only listen; what they send goes through the HTTP API.
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
