//! The live line to a room at the edge (a dialogue's or a safety walk's): a WebSocket that
//! delivers every public change.
//! When the line drops it is opened again (with growing pauses, `tryggve_core::live`), and every
//! (re)opening is reported so that the view can load a snapshot and catch up on what it missed.
//! While open it pings now and then, so that no proxy closes a quiet line, and a line whose ping
//! goes unanswered is given up and opened anew. A browser cannot read
//! why a handshake failed; after one, the line asks the edge, and if this network holds too
//! many lines it says so and waits as long as the edge asks, instead of trying again and again.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use serde::de::DeserializeOwned;
use tryggve_core::i18n::I18n;
use tryggve_core::live::{Ending, NextTry, Reconnection, LIVE_PING, LIVE_PONG, PING_EVERY_MS};
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What the resident is told about the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Live,
    /// Dropped; trying again.
    Reconnecting,
    /// Refused: this network holds too many lines, or the room closed this one. Trying again
    /// in `minutes`.
    Refused {
        too_many: bool,
        minutes: u32,
    },
}

impl Connection {
    /// What the resident is told; `live_key` says what following live means here.
    pub fn message(self, i18n: &I18n, live_key: &str) -> String {
        match self {
            Self::Connecting => i18n.t("dialogue-connecting"),
            Self::Live => i18n.t(live_key),
            Self::Reconnecting => i18n.t("dialogue-reconnecting"),
            Self::Refused { too_many, minutes } => i18n.t_with(
                if too_many { "dialogue-too-many" } else { "dialogue-refused" },
                &[("minutes", &minutes.to_string())],
            ),
        }
    }
}

type Handler<E> = Closure<dyn FnMut(E)>;

/// The open socket and the handlers that must live as long as it does.
struct Socket {
    socket: WebSocket,
    _on_open: Handler<web_sys::Event>,
    _on_message: Handler<MessageEvent>,
    _on_close: Handler<CloseEvent>,
}

struct Inner {
    url: String,
    /// The same address over HTTP: asked why, after a failed handshake.
    admission_url: String,
    /// Reads a message of the room's and passes on its events.
    on_message: Box<dyn Fn(&str)>,
    on_state: Box<dyn Fn(Connection)>,
    current: RefCell<Option<Socket>>,
    /// Counts the sockets opened, so that a ping loop knows when its socket was replaced.
    generation: Cell<u32>,
    opened: Cell<bool>,
    /// Whether the runtime answered the last ping: a line that stops answering is dead even if
    /// the browser has not noticed (a proxy may keep the TCP side of it open).
    pong: Cell<bool>,
    reconnection: RefCell<Reconnection>,
    stopped: Cell<bool>,
}

/// A live line; [`LiveLine::stop`] ends it for good.
#[derive(Clone)]
pub struct LiveLine(Rc<Inner>);

impl LiveLine {
    /// Opens a line whose room sends JSON arrays of `E`.
    pub fn open<E: DeserializeOwned + 'static>(
        url: String,
        admission_url: String,
        on_events: impl Fn(Vec<E>) + 'static,
        on_state: impl Fn(Connection) + 'static,
    ) -> Self {
        // Anything else (a message from a newer edge) is not for us.
        let on_message = move |text: &str| {
            if let Some(events) = crate::json::from_text::<Vec<E>>(text) {
                on_events(events);
            }
        };
        let line = Self(Rc::new(Inner {
            url,
            admission_url,
            on_message: Box::new(on_message),
            on_state: Box::new(on_state),
            current: RefCell::new(None),
            generation: Cell::new(0),
            opened: Cell::new(false),
            pong: Cell::new(true),
            reconnection: RefCell::new(Reconnection::default()),
            stopped: Cell::new(false),
        }));
        line.connect();
        line
    }

    fn connect(&self) {
        if self.0.stopped.get() {
            return;
        }
        (self.0.on_state)(Connection::Connecting);
        self.0.opened.set(false);
        let generation = self.0.generation.get().wrapping_add(1);
        self.0.generation.set(generation);
        let Ok(socket) = WebSocket::new(&self.0.url) else {
            self.retry(Ending::Failed);
            return;
        };
        let weak = Rc::downgrade(&self.0);
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new({
            let weak = weak.clone();
            move |_| {
                if let Some(inner) = weak.upgrade() {
                    inner.opened.set(true);
                    inner.reconnection.borrow_mut().opened();
                    (inner.on_state)(Connection::Live);
                    LiveLine(inner).keep_alive(generation);
                }
            }
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let weak = weak.clone();
            move |event: MessageEvent| {
                let (Some(inner), Some(text)) = (weak.upgrade(), event.data().as_string()) else { return };
                if text == LIVE_PONG {
                    inner.pong.set(true);
                    return;
                }
                (inner.on_message)(&text);
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
            let Some(inner) = weak.upgrade() else { return };
            let line = LiveLine(inner);
            if line.0.opened.get() {
                line.retry(Ending::Closed { code: event.code() });
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    let ending = line.ask_why().await;
                    line.retry(ending);
                });
            }
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        *self.0.current.borrow_mut() =
            Some(Socket { socket, _on_open: on_open, _on_message: on_message, _on_close: on_close });
    }

    /// Pings while socket `generation` is the open one; drops it and reconnects if the previous
    /// ping was not answered.
    fn keep_alive(&self, generation: u32) {
        let weak = Rc::downgrade(&self.0);
        self.0.pong.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                crate::outbox::sleep(PING_EVERY_MS as i32).await;
                let Some(inner) = weak.upgrade() else { return };
                if inner.stopped.get() || inner.generation.get() != generation {
                    return;
                }
                let open = inner
                    .current
                    .borrow()
                    .as_ref()
                    .filter(|s| s.socket.ready_state() == WebSocket::OPEN)
                    .map(|s| s.socket.clone());
                let Some(socket) = open else { return };
                if !inner.pong.replace(false) {
                    // Silent since the last ping: not waiting for a close that will not come.
                    socket.set_onclose(None);
                    let _ = socket.close();
                    LiveLine(inner).retry(Ending::Closed { code: 1006 });
                    return;
                }
                let _ = socket.send_with_str(LIVE_PING);
            }
        });
    }

    /// After a handshake that failed: did the edge refuse this network, and for how long?
    async fn ask_why(&self) -> Ending {
        let Ok(response) = crate::http::Request::get(&self.0.admission_url).send().await else {
            return Ending::Failed;
        };
        if response.status() != 429 {
            return Ending::Failed;
        }
        let retry_after_secs = response
            .headers()
            .get("retry-after")
            .ok()
            .flatten()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(60);
        Ending::TooMany { retry_after_secs }
    }

    fn retry(&self, ending: Ending) {
        if self.0.stopped.get() {
            return;
        }
        let next = self.0.reconnection.borrow_mut().after(ending, js_sys::Math::random());
        let minutes = next.wait_ms().div_ceil(60_000);
        (self.0.on_state)(match next {
            NextTry::Reconnect { .. } => Connection::Reconnecting,
            NextTry::TooMany { .. } => Connection::Refused { too_many: true, minutes },
            NextTry::Refused { .. } => Connection::Refused { too_many: false, minutes },
        });
        let line = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            crate::outbox::sleep(next.wait_ms() as i32).await;
            line.connect();
        });
    }

    /// Closes the line and does not open it again.
    pub fn stop(&self) {
        self.0.stopped.set(true);
        if let Some(current) = self.0.current.borrow_mut().take() {
            current.socket.set_onclose(None);
            let _ = current.socket.close();
        }
    }
}
