//! The live line to a dialogue's room at the edge: a WebSocket that delivers every public change.
//! When the line drops it is opened again (with growing pauses), and every (re)opening is
//! reported so that the view can load a snapshot and catch up on what it missed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use tryggve_core::dialogue::LiveEvent;
use wasm_bindgen::prelude::*;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

/// What the resident is told about the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Connecting,
    Live,
    /// Dropped; trying again.
    Reconnecting,
}

impl Connection {
    pub fn message_key(self) -> &'static str {
        match self {
            Self::Connecting => "dialogue-connecting",
            Self::Live => "dialogue-connected",
            Self::Reconnecting => "dialogue-reconnecting",
        }
    }
}

const FIRST_PAUSE_MS: i32 = 1_000;
const LONGEST_PAUSE_MS: i32 = 15_000;

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
    on_events: Box<dyn Fn(Vec<LiveEvent>)>,
    on_state: Box<dyn Fn(Connection)>,
    current: RefCell<Option<Socket>>,
    pause: Cell<i32>,
    stopped: Cell<bool>,
}

/// A live line; [`LiveLine::stop`] ends it for good.
#[derive(Clone)]
pub struct LiveLine(Rc<Inner>);

impl LiveLine {
    pub fn open(
        url: String,
        on_events: impl Fn(Vec<LiveEvent>) + 'static,
        on_state: impl Fn(Connection) + 'static,
    ) -> Self {
        let line = Self(Rc::new(Inner {
            url,
            on_events: Box::new(on_events),
            on_state: Box::new(on_state),
            current: RefCell::new(None),
            pause: Cell::new(FIRST_PAUSE_MS),
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
        let Ok(socket) = WebSocket::new(&self.0.url) else {
            self.retry_later();
            return;
        };
        let weak = Rc::downgrade(&self.0);
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new({
            let weak = weak.clone();
            move |_| {
                if let Some(inner) = weak.upgrade() {
                    inner.pause.set(FIRST_PAUSE_MS);
                    (inner.on_state)(Connection::Live);
                }
            }
        });
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
            let weak = weak.clone();
            move |event: MessageEvent| {
                let (Some(inner), Some(text)) = (weak.upgrade(), event.data().as_string()) else { return };
                // Anything else (a pong, a message from a newer edge) is not for us.
                if let Ok(events) = serde_json::from_str::<Vec<LiveEvent>>(&text) {
                    (inner.on_events)(events);
                }
            }
        });
        let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_| {
            if let Some(inner) = weak.upgrade() {
                LiveLine(inner).retry_later();
            }
        });
        socket.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        socket.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        socket.set_onclose(Some(on_close.as_ref().unchecked_ref()));
        *self.0.current.borrow_mut() =
            Some(Socket { socket, _on_open: on_open, _on_message: on_message, _on_close: on_close });
    }

    fn retry_later(&self) {
        if self.0.stopped.get() {
            return;
        }
        (self.0.on_state)(Connection::Reconnecting);
        let pause = self.0.pause.get();
        self.0.pause.set((pause * 2).min(LONGEST_PAUSE_MS));
        let line = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            crate::outbox::sleep(pause).await;
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
