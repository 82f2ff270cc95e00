//! Services outside that the edge asks (the police's feed, a geocoder): one GET with a time
//! limit, its text if it answers 200. Each service puts a small trait of its own over this, so
//! a test can answer in its place.

use worker::{Fetch, Headers, Method, Request, RequestInit};

/// Why a service gave no text.
pub enum Unanswered {
    /// No answer (the network, a time-out).
    Unreachable,
    /// An answer other than 200.
    Status(u16),
}

impl Unanswered {
    /// What the log says.
    pub fn reason(&self) -> String {
        match self {
            Self::Unreachable => "no answer".into(),
            Self::Status(status) => format!("status {status}"),
        }
    }
}

/// GETs `url` as `agent` (services ask callers to name themselves), waiting at most `timeout_ms`.
pub async fn get_text(url: &str, agent: &str, timeout_ms: u32) -> Result<String, Unanswered> {
    let headers = Headers::new();
    headers.set("accept", "application/json").map_err(|_| Unanswered::Unreachable)?;
    headers.set("user-agent", agent).map_err(|_| Unanswered::Unreachable)?;
    let mut init = RequestInit::new();
    init.with_method(Method::Get).with_headers(headers);
    let request = Request::new_with_init(url, &init).map_err(|_| Unanswered::Unreachable)?;
    let signal = worker::web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    let mut response = Fetch::Request(request)
        .send_with_signal(&signal.into())
        .await
        .map_err(|_| Unanswered::Unreachable)?;
    match response.status_code() {
        200 => response.text().await.map_err(|_| Unanswered::Unreachable),
        status => Err(Unanswered::Status(status)),
    }
}
