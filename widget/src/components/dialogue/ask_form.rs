//! Asking a question: the rules first, then the question and an optional name (anonymous by
//! default). A question that cannot be sent now is kept on the device and sent when it can.

use leptos::html::Textarea;
use leptos::prelude::*;
use leptos::task::spawn_local;
use tryggve_core::dialogue::{OwnQuestion, QuestionDraft, QUESTION_MAX_CHARS};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::i18n::I18n;

use crate::api::{ApiError, Edge};
use crate::components::{Honeypot, HumanCheck};
use crate::typed;
use crate::{outbox, participant};

/// What the resident is typing; kept above the language switch.
#[derive(Debug, Clone, Copy)]
pub struct AskFields {
    pub text: RwSignal<String>,
    pub display_name: RwSignal<String>,
    website: RwSignal<String>,
    human_token: RwSignal<Option<String>>,
}

impl AskFields {
    pub fn new() -> Self {
        Self {
            text: RwSignal::new(String::new()),
            display_name: RwSignal::new(String::new()),
            website: RwSignal::new(String::new()),
            human_token: RwSignal::new(None),
        }
    }

    fn draft(self) -> QuestionDraft {
        let name = self.display_name.get_untracked();
        QuestionDraft {
            text: typed::nfc(&self.text.get_untracked()),
            display_name: (!name.trim().is_empty()).then(|| typed::nfc(&name)),
            // Given by `outbox::prepare` when the question is sent.
            idempotency_key: None,
            website: self.website.get_untracked(),
            human_token: self.human_token.get_untracked(),
        }
    }

    fn clear(self) {
        self.text.set(String::new());
        self.display_name.set(String::new());
        // A token is good for one question.
        self.human_token.set(None);
    }
}

/// Where the form is sending to, and who is asking.
#[derive(Debug, Clone)]
pub struct Asking {
    pub edge: Edge,
    pub tenant: String,
    pub dialogue: i64,
}

#[component]
pub fn AskForm(
    asking: Asking,
    rules: String,
    /// The municipality's Turnstile site key, when it asks for a human check.
    site_key: Option<String>,
    fields: AskFields,
    /// Whether the dialogue takes questions now.
    open: Signal<bool>,
    on_asked: Callback<OwnQuestion>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let error = RwSignal::new(None::<FieldError>);
    let notice = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let textarea = NodeRef::<Textarea>::new();
    let has_check = site_key.is_some();
    let asking = StoredValue::new(asking);
    let slot = asking.with_value(|a| outbox::question_slot(&a.tenant, a.dialogue));
    let slot = StoredValue::new(slot);

    let send = move |draft: QuestionDraft| {
        sending.set(true);
        spawn_local(async move {
            let queued = move || notice.set(i18n.t("question-queued"));
            let a = asking.get_value();
            let submit = |d: QuestionDraft| {
                let a = a.clone();
                async move {
                    let asking = |code: String| {
                        let (a, d) = (a.clone(), d.clone());
                        async move { a.edge.ask(&a.tenant, a.dialogue, &code, &d).await }
                    };
                    participant::acting(&a.edge, &a.tenant, asking).await
                }
            };
            let outcome = outbox::deliver(&slot.get_value(), draft, submit, queued).await;
            sending.set(false);
            match outcome {
                None => {}
                Some(Ok(own)) => {
                    notice.set(i18n.t("question-sent"));
                    fields.clear();
                    // (Not if the form is gone meanwhile: the room closed to questions, say.)
                    if let Some(area) = textarea.try_get_untracked().flatten() {
                        // A number to the page, as JSON would have it (an i64 would become a BigInt).
                        let detail = ("dialogue", (a.dialogue as f64).into());
                        crate::embed::announce(&area, "tryggve:question-asked", detail);
                    }
                    on_asked.try_run(own);
                }
                Some(Err(ApiError::Rejected { code, field, .. })) => {
                    if field.as_deref() == Some("human_token") {
                        fields.human_token.set(None);
                        error.set(Some(FieldError::new("human_token", FieldErrorCode::HumanCheckFailed)));
                    }
                    let key = code.message_key("question-error");
                    let known = ["question-error-dialogue-not-open"];
                    notice.set(i18n.t(if known.contains(&key.as_str()) { &key } else { "question-error" }));
                }
                Some(Err(ApiError::Network)) => notice.set(i18n.t("question-queued")),
            }
        });
    };

    // A question that could not be sent before (this page, or before a reload) goes first.
    if let Some(waiting) = outbox::pending::<QuestionDraft>(&slot.get_value()) {
        fields.text.set(waiting.text.clone());
        fields.display_name.set(waiting.display_name.clone().unwrap_or_default());
        notice.set(i18n.t("question-resuming"));
        send(waiting);
    }

    let on_submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if sending.get_untracked() {
            return;
        }
        let draft = fields.draft();
        if let Err(e) = draft.validated() {
            error.set(Some(e));
            if let Some(area) = textarea.get_untracked() {
                let _ = area.focus();
            }
            return;
        }
        if has_check && draft.human_token.is_none() {
            error.set(Some(FieldError::new("human_token", FieldErrorCode::HumanCheckFailed)));
            return;
        }
        error.set(None);
        notice.set(String::new());
        send(outbox::prepare(&slot.get_value(), draft, None));
    };

    let count = move || {
        let count = tryggve_core::text::char_len(&typed::nfc(&fields.text.get())).to_string();
        i18n.t_with("description-count", &[("count", &count), ("max", &QUESTION_MAX_CHARS.to_string())])
    };
    // Each error is shown next to its own field.
    let error_on = move |field: &'static str| {
        Signal::derive(move || {
            error
                .get()
                .filter(|e| (e.field == "human_token") == (field == "human_token"))
                .map(|e| i18n.t(&e.code.message_key()))
        })
    };
    let error_text = move || error_on("text").get().unwrap_or_default();
    let rules = if rules.trim().is_empty() { i18n.t("dialogue-rules-default") } else { rules };

    view! {
        <section class="ask" aria-labelledby="ask-title">
            <h3 id="ask-title">{i18n.t("ask-title")}</h3>
            <div class="rules">
                <h4>{i18n.t("dialogue-rules-title")}</h4>
                <p>{rules}</p>
            </div>
            {move || (!open.get()).then(|| view! { <p class="hint">{i18n.t("dialogue-not-taking-questions")}</p> })}
            <form on:submit=on_submit novalidate>
                <label for="question-text">{i18n.t("question-label")}</label>
                <textarea id="question-text" node_ref=textarea rows="3"
                    aria-describedby="question-count question-error"
                    aria-invalid=move || error_on("text").get().is_some().then_some("true")
                    prop:value=move || fields.text.get()
                    on:input=move |ev| fields.text.set(event_target_value(&ev))></textarea>
                <p class="hint" id="question-count">{count}</p>
                <p class="field-error" id="question-error">{error_text}</p>
                <label for="question-name">{i18n.t("display-name-label")}</label>
                <input id="question-name" type="text" autocomplete="nickname" aria-describedby="question-name-hint"
                    prop:value=move || fields.display_name.get()
                    on:input=move |ev| fields.display_name.set(event_target_value(&ev)) />
                <p class="hint" id="question-name-hint">{i18n.t("display-name-hint")}</p>
                <Honeypot value=fields.website />
                {site_key.map(|site_key| view! {
                    <HumanCheck site_key token=fields.human_token error=error_on("human_token") />
                })}
                <button type="submit" class="primary" disabled=move || !open.get()
                    aria-disabled=move || sending.get().then_some("true")>
                    {move || if sending.get() { i18n.t("question-sending") } else { i18n.t("question-submit") }}
                </button>
                <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
            </form>
        </section>
    }
}
