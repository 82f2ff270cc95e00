//! Signed webhooks: an admin registers an address and the events it wants (a report came in, was
//! approved, routed, changed status; a measure was done), and the edge POSTs each event there as
//! JSON, signed with the hook's secret (HMAC-SHA256), under an id the receiver keeps to take each
//! delivery once. A failed delivery is tried again later, less and less often, then given up.
//! Residents' words and addresses go only to a hook whose admin ticked personal data.

use serde::{Deserialize, Serialize};

use crate::field_error::{FieldError, FieldErrorCode};
use crate::geo::{coarsen, LatLng};
use crate::measure::MeasureStatus;
use crate::moderation::Visibility;
use crate::public::PUBLIC_CELL_METRES;
use crate::report::ReportStatus;
use crate::review::{ModeratedReport, ReviewState};

/// Longest address a hook may have.
pub const URL_MAX_CHARS: usize = 2_000;

/// What happened, as a hook subscribes to it and as each delivery names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum WebhookEvent {
    /// A resident's report came in (or a fault-report system's, over Open311).
    #[serde(rename = "report.created")]
    ReportCreated,
    /// A moderator published it on the public map.
    #[serde(rename = "report.approved")]
    ReportApproved,
    /// A moderator sent it to a unit (or to none).
    #[serde(rename = "report.routed")]
    ReportRouted,
    /// Its handling moved on (in progress, fixed, closed, reopened).
    #[serde(rename = "report.status_changed")]
    ReportStatusChanged,
    /// A measure was marked done.
    #[serde(rename = "measure.done")]
    MeasureDone,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 5] = [
        Self::ReportCreated,
        Self::ReportApproved,
        Self::ReportRouted,
        Self::ReportStatusChanged,
        Self::MeasureDone,
    ];

    /// Its name on the wire (the `Tryggve-Event` header, the payload's `event`).
    pub fn id(self) -> &'static str {
        match self {
            Self::ReportCreated => "report.created",
            Self::ReportApproved => "report.approved",
            Self::ReportRouted => "report.routed",
            Self::ReportStatusChanged => "report.status_changed",
            Self::MeasureDone => "measure.done",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.id() == id)
    }

    /// What a moderator's action on a report, taking its review from `before` to `after`, tells
    /// the hooks: published (it was not), routed (to another unit or to none), its status moved.
    pub fn of_review(before: &ReviewState, after: &ReviewState) -> Vec<WebhookEvent> {
        let approved = after.visibility == Visibility::Approved && before.visibility != Visibility::Approved;
        let routed = after.unit != before.unit;
        let moved = after.status != before.status;
        [(approved, Self::ReportApproved), (routed, Self::ReportRouted), (moved, Self::ReportStatusChanged)]
            .into_iter()
            .filter_map(|(happened, event)| happened.then_some(event))
            .collect()
    }

    /// Whether a measure saved as `after` (from `before`; none: new) was just done.
    pub fn measure_done(before: Option<MeasureStatus>, after: MeasureStatus) -> bool {
        after == MeasureStatus::Done && before != Some(MeasureStatus::Done)
    }

    /// The console's locale key of its name, e.g. `console-webhook-event-report-created`.
    pub fn label_key(self) -> String {
        format!("console-webhook-event-{}", self.id().replace(['.', '_'], "-"))
    }
}

/// A hook as an admin registers it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WebhookDraft {
    /// Where deliveries are POSTed: `https://` (`http://` only to this machine, for testing).
    pub url: String,
    /// What it is told of; at least one.
    pub events: Vec<WebhookEvent>,
    /// Whether deliveries carry personal data: a report's own words, the resident's e-mail
    /// address and the exact place. Without it, the place is rounded to the public map's cell.
    #[serde(default)]
    pub personal_data: bool,
}

impl WebhookDraft {
    /// The draft with its address trimmed and its events in order, once each; or the problem.
    pub fn validated(&self) -> Result<WebhookDraft, FieldError> {
        let url = self.url.trim().to_string();
        if url.is_empty() {
            return Err(FieldError::new("url", FieldErrorCode::Required));
        }
        if url.chars().count() > URL_MAX_CHARS {
            return Err(FieldError::new("url", FieldErrorCode::TooLong));
        }
        if !is_allowed_url(&url) {
            return Err(FieldError::new("url", FieldErrorCode::InsecureUrl));
        }
        let mut events = self.events.clone();
        events.sort();
        events.dedup();
        if events.is_empty() {
            return Err(FieldError::new("events", FieldErrorCode::Required));
        }
        Ok(WebhookDraft { url, events, personal_data: self.personal_data })
    }
}

/// Whether deliveries may go to `url`: an absolute `https://` address with a host and no user
/// name or password in it, or `http://` to this machine (a receiver under test). Nothing else:
/// what a hook is told must not cross the network in the clear.
pub fn is_allowed_url(url: &str) -> bool {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return false;
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return false,
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') || rest.contains('#') {
        return false;
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().map(|h| format!("[{h}]")).unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default().to_string(),
    };
    if host.is_empty() || host.starts_with('.') || host.ends_with('.') {
        return false;
    }
    secure || matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]")
}

/// A hook of the municipality. Its secret is answered once, when it is added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub events: Vec<WebhookEvent>,
    pub personal_data: bool,
    /// When it was added (UTC).
    pub created_at: String,
    /// When it was stopped, if it was: nothing more is delivered to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<String>,
}

/// A new hook and its secret, answered once: the receiver checks each delivery's signature with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewWebhook {
    pub webhook: Webhook,
    pub secret: String,
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    /// Not yet answered with 2xx: tried again at `next_attempt_at`.
    Pending,
    /// The receiver answered 2xx.
    Delivered,
    /// Every attempt failed; it is not tried again.
    Failed,
}

impl DeliveryState {
    pub fn label_key(self) -> &'static str {
        match self {
            Self::Pending => "console-delivery-pending",
            Self::Delivered => "console-delivery-delivered",
            Self::Failed => "console-delivery-failed",
        }
    }
}

/// One delivery, as the console's delivery log shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Delivery {
    /// The id the receiver sees (`Tryggve-Delivery`), the same on every attempt.
    pub id: String,
    pub webhook: i64,
    pub url: String,
    pub event: WebhookEvent,
    /// When the event happened (UTC).
    pub created_at: String,
    pub state: DeliveryState,
    pub attempts: u32,
    /// The receiver's last HTTP status; none if it could not be reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_status: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_attempt_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
}

/// Minutes to wait before each attempt after a failed one: quickly at first, then hourly and
/// daily, about a day and a half in all before a delivery is given up.
pub const RETRY_MINUTES: [u32; 6] = [1, 5, 30, 120, 720, 1_440];

/// Minutes until the next attempt after `attempts` failed ones; `None`: give up.
pub fn retry_after(attempts: u32) -> Option<u32> {
    let index = usize::try_from(attempts.checked_sub(1)?).ok()?;
    RETRY_MINUTES.get(index).copied()
}

/// What a delivery's body says: its id, the event, when, the municipality, and the event's data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WebhookMessage {
    pub id: String,
    pub event: WebhookEvent,
    pub occurred_at: String,
    pub tenant: String,
    pub data: serde_json::Value,
}

/// A report as a hook is told of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportData {
    pub case_number: String,
    pub category: String,
    pub status: ReportStatus,
    pub visibility: Visibility,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// Exact with personal data; else the centre of the public map's cell.
    pub lat: f64,
    pub lng: f64,
    pub received_at: String,
    /// With personal data only: the text as it stands (redacted if a moderator redacted it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// With personal data only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact_email: Option<String>,
}

impl ReportData {
    pub fn of(report: &ModeratedReport, personal_data: bool) -> ReportData {
        let exact = LatLng { lat: report.lat, lng: report.lng };
        let at = if personal_data { exact } else { coarsen(exact, PUBLIC_CELL_METRES) };
        ReportData {
            case_number: report.case_number.clone(),
            category: report.review.category.clone(),
            status: report.review.status,
            visibility: report.review.visibility,
            unit: report.review.unit,
            area: report.area.clone(),
            lat: at.lat,
            lng: at.lng,
            received_at: report.created_at.clone(),
            description: personal_data.then(|| report.review.description.clone()),
            contact_email: report.contact_email.clone().filter(|_| personal_data),
        }
    }
}

/// The `Tryggve-Signature` header of a delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
/// "<t>.<body>" under the hook's secret>`. The time is signed with the body so that an old
/// delivery cannot be replayed as a new one.
#[cfg(feature = "webhooks")]
pub fn signature(secret: &str, unix_seconds: i64, body: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(format!("{unix_seconds}.{body}").as_bytes());
    let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    format!("t={unix_seconds},v1={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewAction;

    fn draft(url: &str) -> WebhookDraft {
        WebhookDraft { url: url.into(), events: vec![WebhookEvent::ReportCreated], personal_data: false }
    }

    #[test]
    fn deliveries_go_over_https_or_to_this_machine() {
        for ok in [
            "https://kommun.se/hook",
            "https://felanmalan.kommun.se:8443/in?k=1",
            "HTTPS://Kommun.SE",
            "http://localhost:8787/hook",
            "http://127.0.0.1:40123/",
            "http://[::1]:9000/x",
        ] {
            assert!(is_allowed_url(ok), "{ok}");
        }
        for refused in [
            "http://kommun.se/hook",
            "http://localhost.evil.se/",
            "http://127.0.0.1.nip.io/",
            "ftp://kommun.se",
            "https://",
            "https:///path",
            "https://user:pw@kommun.se/",
            "https://kommun.se/a b",
            "https://kommun.se/#x",
            "kommun.se/hook",
            "javascript:alert(1)",
        ] {
            assert!(!is_allowed_url(refused), "{refused}");
        }
    }

    #[test]
    fn a_draft_is_trimmed_ordered_and_checked() {
        let mut d = draft("  https://kommun.se/hook ");
        d.events = vec![WebhookEvent::MeasureDone, WebhookEvent::ReportCreated, WebhookEvent::MeasureDone];
        let ok = d.validated().unwrap();
        assert_eq!(ok.url, "https://kommun.se/hook");
        assert_eq!(ok.events, [WebhookEvent::ReportCreated, WebhookEvent::MeasureDone]);
        assert_eq!(draft("http://kommun.se").validated().unwrap_err().code, FieldErrorCode::InsecureUrl);
        assert_eq!(draft(" ").validated().unwrap_err().code, FieldErrorCode::Required);
        let long = format!("https://kommun.se/{}", "x".repeat(URL_MAX_CHARS));
        assert_eq!(draft(&long).validated().unwrap_err().code, FieldErrorCode::TooLong);
        let none = WebhookDraft { events: vec![], ..draft("https://kommun.se") };
        assert_eq!(none.validated().unwrap_err().field, "events");
    }

    #[test]
    fn events_have_stable_names() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::from_id(event.id()), Some(event));
            assert_eq!(serde_json::to_value(event).unwrap(), event.id());
        }
        assert_eq!(
            WebhookEvent::ReportStatusChanged.label_key(),
            "console-webhook-event-report-status-changed"
        );
        let parsed: Result<WebhookDraft, _> =
            serde_json::from_str(r#"{"url":"https://k.se","events":["report.deleted"]}"#);
        assert!(parsed.is_err(), "an unknown event is refused");
    }

    #[test]
    fn a_review_tells_what_changed() {
        let before: ReviewState = serde_json::from_value(serde_json::json!({
            "category": "graffiti", "status": "new", "visibility": "pending", "public_comment": "",
            "description": "Klotter", "description_public": false,
        }))
        .unwrap();
        let after = |action: ReviewAction| before.apply(&action, "2026-0001").unwrap();
        let approve = after(ReviewAction::Approve { publish_description: false });
        assert_eq!(
            WebhookEvent::of_review(&before, &approve),
            [WebhookEvent::ReportApproved, WebhookEvent::ReportStatusChanged],
            "approving a new report also marks it reviewed"
        );
        assert_eq!(WebhookEvent::of_review(&approve, &approve), [], "nothing changed, nothing told");
        let routed = after(ReviewAction::Route { unit: Some(3) });
        assert_eq!(WebhookEvent::of_review(&before, &routed), [WebhookEvent::ReportRouted]);
        let assigned = after(ReviewAction::Assign { assignee: "Eva".into() });
        assert_eq!(WebhookEvent::of_review(&before, &assigned), [], "an assignee is internal");
        assert!(WebhookEvent::measure_done(None, MeasureStatus::Done));
        assert!(WebhookEvent::measure_done(Some(MeasureStatus::Started), MeasureStatus::Done));
        assert!(!WebhookEvent::measure_done(Some(MeasureStatus::Done), MeasureStatus::Done), "once");
        assert!(!WebhookEvent::measure_done(None, MeasureStatus::Started));
    }

    #[test]
    fn retries_back_off_then_stop() {
        assert_eq!(retry_after(0), None, "nothing failed yet");
        assert_eq!(retry_after(1), Some(1));
        assert_eq!(retry_after(2), Some(5));
        assert_eq!(retry_after(6), Some(1_440));
        assert_eq!(retry_after(7), None, "given up after seven attempts");
        let waits: Vec<u32> = (1..=6).filter_map(retry_after).collect();
        assert!(waits.windows(2).all(|w| w[0] < w[1]), "each wait longer than the last");
    }

    #[cfg(feature = "webhooks")]
    #[test]
    fn the_signature_is_hmac_sha256_of_time_and_body() {
        // The whole header is checked against Node's crypto in tests/api_webhooks.test.mjs; here
        // its shape, what it depends on, and the primitive against RFC 4231's test case 2.
        let signed = signature("Jefe", 0, "what do ya want for nothing?");
        assert!(signed.starts_with("t=0,v1="));
        assert_eq!(signed.len(), "t=0,v1=".len() + 64);
        assert_ne!(signature("Jefe", 1, "x"), signature("Jefe", 2, "x"), "the time is signed");
        assert_ne!(signature("Jefe", 1, "x"), signature("Jeff", 1, "x"), "the secret is the key");
        use hmac::{Hmac, Mac};
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let hex: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
}
