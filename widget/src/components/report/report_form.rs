//! The questions after the pin, and sending. The form checks the draft with the same `core`
//! rules the edge applies; on any failure the draft stays as typed.

use leptos::html::Form;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::public_map::PublicMap;
use tryggve_core::questionnaire::{check_answers, AnswerError, Answers};
use tryggve_core::reporter::ReporterGroup;
use tryggve_core::validation::DESCRIPTION_MAX_CHARS;
use tryggve_core::{validate_report, LatLng, ReportDraft, ReportReceipt, TenantConfig, TimeOfDay};
use wasm_bindgen::JsCast;

use super::layer_legend::LayerLegend;
use super::pin_map::PinMap;
use super::public_reports::PublicReports;
use super::questionnaire_fields::{first_control_id, QuestionnaireFields};
use super::reporter_fields::ReporterFields;
use crate::api::{ApiError, Edge};
use crate::components::{Honeypot, HumanCheck};
use crate::map_layers::PublicLayers;
use crate::outbox;
use crate::place_names::PlaceNames;
use crate::typed;
use tryggve_core::i18n::I18n;

/// What the resident has entered so far. Owned by the widget (so that it survives a change of
/// language); the form and its children get single fields.
#[derive(Debug, Clone, Copy)]
pub struct DraftFields {
    pin: RwSignal<Option<LatLng>>,
    category: RwSignal<String>,
    times: RwSignal<Vec<TimeOfDay>>,
    description: RwSignal<String>,
    contact_email: RwSignal<String>,
    answers: RwSignal<Answers>,
    reporter_group: RwSignal<ReporterGroup>,
    access_code: RwSignal<String>,
    website: RwSignal<String>,
    human_token: RwSignal<Option<String>>,
}

impl DraftFields {
    pub fn new() -> Self {
        Self {
            pin: RwSignal::new(None),
            category: RwSignal::new(String::new()),
            times: RwSignal::new(Vec::new()),
            description: RwSignal::new(String::new()),
            contact_email: RwSignal::new(String::new()),
            answers: RwSignal::new(Answers::new()),
            reporter_group: RwSignal::new(ReporterGroup::Resident),
            access_code: RwSignal::new(String::new()),
            website: RwSignal::new(String::new()),
            human_token: RwSignal::new(None),
        }
    }

    /// Subscribes the running effect to every field the checks read.
    fn track(self) {
        self.pin.track();
        self.category.track();
        self.times.track();
        self.description.track();
        self.contact_email.track();
        self.answers.track();
        self.reporter_group.track();
        self.access_code.track();
    }

    fn to_draft(self, tenant: &str) -> ReportDraft {
        let pin = self.pin.get_untracked();
        let email = self.contact_email.get_untracked();
        ReportDraft {
            tenant: Some(tenant.to_string()),
            lat: pin.map(|p| p.lat),
            lng: pin.map(|p| p.lng),
            category: Some(self.category.get_untracked()),
            times: self.times.get_untracked().iter().map(|t| t.id().to_string()).collect(),
            description: typed::nfc(&self.description.get_untracked()),
            contact_email: (!email.trim().is_empty()).then(|| typed::nfc(&email)),
            answers: typed::nfc_answers(self.answers.get_untracked()),
            reporter_group: Some(self.reporter_group.get_untracked())
                .filter(|g| *g != ReporterGroup::Resident)
                .map(|g| g.id().to_string()),
            access_code: Some(self.access_code.get_untracked())
                .filter(|c| self.reporter_group.get_untracked().needs_code() && !c.trim().is_empty()),
            // Given by `outbox::prepare` when the report is sent.
            idempotency_key: None,
            followup_token: None,
            website: self.website.get_untracked(),
            human_token: self.human_token.get_untracked(),
        }
    }

    /// Shows a waiting report's contents in the form.
    pub fn restore(self, draft: &ReportDraft) {
        self.pin.set(draft.lat.zip(draft.lng).map(|(lat, lng)| LatLng::new(lat, lng)));
        self.category.set(draft.category.clone().unwrap_or_default());
        self.times.set(draft.times.iter().filter_map(|t| TimeOfDay::from_id(t)).collect());
        self.description.set(draft.description.clone());
        self.contact_email.set(draft.contact_email.clone().unwrap_or_default());
        self.answers.set(draft.answers.clone());
        let group = draft.reporter_group.as_deref().and_then(ReporterGroup::from_id);
        self.reporter_group.set(group.unwrap_or_default());
        self.access_code.set(draft.access_code.clone().unwrap_or_default());
    }

    /// Empties the draft for the next report.
    pub fn clear(self) {
        self.pin.set(None);
        self.category.set(String::new());
        self.times.set(Vec::new());
        self.description.set(String::new());
        self.contact_email.set(String::new());
        self.answers.set(Answers::new());
        // The reporter's group and code stay: staff on their rounds report place after place.
    }

    fn toggle_time(self, time: TimeOfDay, on: bool) {
        self.times.update(|times| {
            times.retain(|t| *t != time);
            if on {
                times.push(time);
            }
        });
    }
}

/// The element that receives focus for an error in `field`, in form order.
fn focus_target(field: &str) -> &'static str {
    match field {
        "lat" | "lng" => "place-pin",
        "category" => "category",
        "times" => "time-morning",
        "description" => "description",
        "contact_email" => "contact-email",
        "reporter_group" => "reporter-group",
        "access_code" => "access-code",
        "human_token" => "human-token",
        _ => "submit",
    }
}

/// The message shown for a field error; the location has its own wording for "required".
fn message_key(error: &FieldError) -> String {
    match (error.field, error.code) {
        ("lat" | "lng", FieldErrorCode::Required) => "error-pin-required".into(),
        _ => error.code.message_key(),
    }
}

#[component]
pub fn ReportForm(
    edge: Edge,
    config: TenantConfig,
    fields: DraftFields,
    on_sent: Callback<ReportReceipt>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let answer_errors = RwSignal::new(Vec::<AnswerError>::new());
    let alert = RwSignal::new(None::<String>);
    let sending = RwSignal::new(false);
    let form = NodeRef::<Form>::new();

    let error_for = move |names: &'static [&'static str]| {
        Signal::derive(move || {
            errors.with(|all| all.iter().find(|e| names.contains(&e.field)).map(|e| i18n.t(&message_key(e))))
        })
    };
    let invalid = move |names: &'static [&'static str]| {
        move || errors.with(|all| all.iter().any(|e| names.contains(&e.field))).then_some("true")
    };

    let focus = move |id: &str| {
        let target = form.get_untracked().and_then(|f| f.query_selector(&format!("#{id}")).ok().flatten());
        if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = el.focus();
        }
    };

    let public_map = RwSignal::new(PublicMap::default());
    let viewport = RwSignal::new(None);
    let edge_for_public = edge.clone();
    let edge_for_layers = edge.clone();
    let layers = PublicLayers::new();
    let tenant_id = config.id.clone();
    let rules = StoredValue::new(config.clone());
    // Sends a prepared draft in the background (retrying while the connection is down, see
    // `outbox`) and shows the outcome.
    let edge = StoredValue::new(edge);
    let tenant = StoredValue::new(config.id.clone());
    // A waiting report shown without its access code (see below), until it is stored.
    let waiting_for_code = StoredValue::new(None::<ReportDraft>);
    let send = move |draft: ReportDraft| {
        sending.set(true);
        spawn_local(async move {
            let queued = move || alert.set(Some(i18n.t("send-queued")));
            let edge = edge.get_value();
            let slot = outbox::report_slot(&tenant.get_value());
            let submit = |d: ReportDraft| {
                let edge = edge.clone();
                async move { edge.submit_report(&d).await }
            };
            let outcome = outbox::deliver(&slot, draft, submit, queued).await;
            sending.set(false);
            match outcome {
                // Another sender (a redrawn form, another tab) has it.
                None => {}
                Some(Ok(receipt)) => {
                    waiting_for_code.set_value(None);
                    // The form may have been drawn anew meanwhile (another language): the event
                    // then has no form to come from; the receipt is shown all the same.
                    if let Some(form) = form.try_get_untracked().flatten() {
                        let detail = ("case_number", receipt.case_number.as_str().into());
                        crate::embed::announce(&form, "tryggve:report-submitted", detail);
                    }
                    on_sent.run(receipt)
                }
                Some(Err(ApiError::Network)) => alert.set(Some(i18n.t("send-queued"))),
                Some(Err(ApiError::Rejected { code, message, field })) => {
                    // A refused human check is asked again, next to its box.
                    if field.as_deref() == Some("human_token") {
                        fields.human_token.set(None);
                        errors.set(vec![FieldError::new("human_token", FieldErrorCode::HumanCheckFailed)]);
                    }
                    // A wrong access code is marked at its field, which gets focus.
                    if field.as_deref() == Some("access_code") {
                        errors.set(vec![FieldError::new("access_code", FieldErrorCode::InvalidAccessCode)]);
                        focus("access-code");
                    }
                    // Prefer our own words for codes we know; the edge's English otherwise.
                    let key = code.message_key("error");
                    let known = i18n.t(&key);
                    let reason = if known == key { message } else { known };
                    alert.set(Some(i18n.t_with("send-rejected", &[("reason", &reason)])));
                }
            }
        });
    };

    // A report that could not be sent before (this page, or before a reload) goes first. Its
    // access code lives only as long as the tab that typed it (see `outbox`): without it, the
    // report waits for the code to be typed again and is sent as the same report, even if the
    // tab that typed it sends it meanwhile.
    if let Some(waiting) = outbox::pending::<ReportDraft>(&outbox::report_slot(&config.id)) {
        fields.restore(&waiting);
        if fields.reporter_group.get_untracked().needs_code() && waiting.access_code.is_none() {
            errors.set(vec![FieldError::new("access_code", FieldErrorCode::Required)]);
            alert.set(Some(i18n.t("send-needs-code")));
            waiting_for_code.set_value(Some(waiting));
        } else {
            alert.set(Some(i18n.t("send-resuming")));
            send(waiting);
        }
    }

    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let draft = fields.to_draft(&tenant_id);
        let mut found = rules.with_value(|config| validate_report(&draft, config)).err().unwrap_or_default();
        // The human check is the municipality's choice, checked by the edge; here only its presence.
        if rules.with_value(|c| c.turnstile_site_key.is_some()) && draft.human_token.is_none() {
            found.push(FieldError::new("human_token", FieldErrorCode::HumanCheckFailed));
        }
        let unanswered = rules
            .with_value(|config| check_answers(&config.questionnaire, &draft.answers))
            .err()
            .unwrap_or_default();
        if !found.is_empty() {
            let first = match (found[0].field, unanswered.first()) {
                ("answers", Some(question)) => first_control_id(&question.question),
                (field, _) => focus_target(field).to_string(),
            };
            errors.set(found);
            answer_errors.set(unanswered);
            alert.set(Some(i18n.t("fix-errors")));
            focus(&first);
            return;
        }
        errors.set(Vec::new());
        answer_errors.set(Vec::new());
        alert.set(None);
        let restored = waiting_for_code.get_value();
        send(outbox::prepare(&outbox::report_slot(&tenant.get_value()), draft, restored));
    };

    // An error shown after a submit goes as soon as its field is right; new ones wait for the
    // next submit (no scolding while typing). What only the edge checks (a wrong access code, the
    // human check) stays until then.
    Effect::new(move |_| {
        fields.track();
        if errors.with_untracked(Vec::is_empty) && answer_errors.with_untracked(Vec::is_empty) {
            return;
        }
        let draft = tenant.with_value(|t| fields.to_draft(t));
        let (still, unanswered) = rules.with_value(|config| {
            (
                validate_report(&draft, config).err().unwrap_or_default(),
                check_answers(&config.questionnaire, &draft.answers).err().unwrap_or_default(),
            )
        });
        let edge_only =
            |e: &FieldError| e.code == FieldErrorCode::InvalidAccessCode || e.field == "human_token";
        let kept: Vec<FieldError> = errors.with_untracked(|shown| {
            shown
                .iter()
                .filter(|e| edge_only(e) || still.iter().any(|s| s.field == e.field))
                .cloned()
                .collect()
        });
        if kept.len() != errors.with_untracked(Vec::len) {
            errors.set(kept);
        }
        let kept: Vec<AnswerError> = answer_errors.with_untracked(|shown| {
            shown.iter().filter(|e| unanswered.iter().any(|u| u.question == e.question)).cloned().collect()
        });
        if kept.len() != answer_errors.with_untracked(Vec::len) {
            answer_errors.set(kept);
        }
    });

    let categories = config.categories.clone();
    let description_count = move || {
        let count = tryggve_core::text::char_len(&typed::nfc(&fields.description.get())).to_string();
        i18n.t_with("description-count", &[("count", &count), ("max", &DESCRIPTION_MAX_CHARS.to_string())])
    };

    view! {
        <form node_ref=form class="report-form" novalidate on:submit=on_submit>
            <PinMap config=config.map.clone() pin=fields.pin error=error_for(&["lat", "lng"]) public=public_map.into() viewport=viewport layers names=PlaceNames::new(edge.get_value(), config.id.clone()) />
            <LayerLegend edge=edge_for_layers tenant=config.id.clone() layers />
            {config.public_map.then(|| view! {
                <PublicReports edge=edge_for_public tenant=config.id.clone() viewport=viewport.into() map=public_map />
            })}

            <div class="field">
                <label for="category">{i18n.t("category-label")}</label>
                <select
                    id="category"
                    aria-invalid=invalid(&["category"])
                    aria-describedby="category-error"
                    on:change=move |ev| fields.category.set(event_target_value(&ev))
                >
                    <option value="">{i18n.t("category-choose")}</option>
                    {categories
                        .into_iter()
                        .map(|id| {
                            let chosen = {
                                let id = id.clone();
                                move || fields.category.with(|c| *c == id)
                            };
                            view! { <option value=id.clone() selected=chosen>{config.category_names.name(&id, &i18n)}</option> }
                        })
                        .collect_view()}
                </select>
                <p id="category-error" class="field-error">{move || error_for(&["category"]).get()}</p>
            </div>

            <fieldset class="field" aria-describedby="times-error">
                <legend>{i18n.t("times-legend")}</legend>
                <div class="choices">
                    {TimeOfDay::ALL
                        .into_iter()
                        .map(|time| {
                            let id = format!("time-{}", time.id());
                            view! {
                                <label class="choice" for=id.clone()>
                                    <input
                                        type="checkbox"
                                        id=id.clone()
                                        value=time.id()
                                        prop:checked=move || fields.times.with(|t| t.contains(&time))
                                        on:change=move |ev| fields.toggle_time(time, event_target_checked(&ev))
                                    />
                                    {i18n.t(&id)}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
                <p id="times-error" class="field-error">{move || error_for(&["times"]).get()}</p>
            </fieldset>

            <QuestionnaireFields questions=config.questionnaire.clone() answers=fields.answers errors=answer_errors />

            <div class="field">
                <label for="description">{i18n.t("description-label")}</label>
                <p id="description-hint" class="hint">{i18n.t("description-hint")}</p>
                <textarea
                    id="description"
                    rows="4"
                    aria-invalid=invalid(&["description"])
                    aria-describedby="description-hint description-count description-error"
                    prop:value=move || fields.description.get()
                    on:input=move |ev| fields.description.set(event_target_value(&ev))
                ></textarea>
                <p id="description-count" class="hint counter">{description_count}</p>
                <p id="description-error" class="field-error">{move || error_for(&["description"]).get()}</p>
            </div>

            <div class="field">
                <label for="contact-email">{i18n.t("email-label")}</label>
                <p id="email-hint" class="hint">{i18n.t("email-hint")}</p>
                <input
                    type="email"
                    id="contact-email"
                    autocomplete="email"
                    aria-invalid=invalid(&["contact_email"])
                    aria-describedby="email-hint email-error"
                    prop:value=move || fields.contact_email.get()
                    on:input=move |ev| fields.contact_email.set(event_target_value(&ev))
                />
                <p id="email-error" class="field-error">{move || error_for(&["contact_email"]).get()}</p>
            </div>

            {(config.reporter_groups.len() > 1).then(|| view! {
                <ReporterFields
                    groups=config.reporter_groups.clone()
                    group=fields.reporter_group
                    code=fields.access_code
                    group_error=error_for(&["reporter_group"])
                    code_error=error_for(&["access_code"])
                />
            })}

            <Honeypot value=fields.website />
            {config.turnstile_site_key.clone().map(|site_key| view! {
                <HumanCheck site_key token=fields.human_token error=error_for(&["human_token"]) />
            })}
            // With the human check on, Cloudflare's script and box come into the page: the note
            // says so instead of promising no cookies at all.
            <p class="privacy">
                {i18n.t(if config.turnstile_site_key.is_some() { "privacy-note-human-check" } else { "privacy-note" })}
            </p>

            <p class="alert" role="alert">{move || alert.get()}</p>
            <button type="submit" id="submit" class="primary" aria-disabled=move || sending.get().then_some("true")>
                {move || if sending.get() { i18n.t("sending") } else { i18n.t("submit") }}
            </button>
        </form>
    }
}
