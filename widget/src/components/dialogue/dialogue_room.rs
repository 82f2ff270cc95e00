//! One dialogue, live. This component owns the dialogue's state: a snapshot from the edge,
//! merged with the events of the live line (and a fresh snapshot after every reconnection),
//! and the resident's own questions and votes.

use leptos::html::Div;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use tryggve_core::api::ErrorCode;
use tryggve_core::dialogue::{LiveDialogue, LiveEvent, OwnQuestion, Participation};
use tryggve_core::i18n::I18n;
use wasm_bindgen::JsCast;

use super::ask_form::{AskFields, AskForm, Asking};
use super::dialogue_header::DialogueHeader;
use super::my_questions::MyQuestions;
use super::question_list::QuestionList;
use crate::api::{ApiError, Edge};
use crate::components::ConnectionStatus;
use crate::live::{Connection, LiveLine};
use crate::participant;

#[component]
pub fn DialogueRoom(
    edge: Edge,
    tenant: String,
    id: i64,
    rules: String,
    site_key: Option<String>,
    fields: AskFields,
    on_back: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let live = RwSignal::new(None::<LiveDialogue>);
    let missing = RwSignal::new(false);
    let mine = RwSignal::new(Participation::default());
    let connection = RwSignal::new(Connection::Connecting);
    let notice = RwSignal::new(String::new());
    let container = NodeRef::<Div>::new();
    let asking = Asking { edge: edge.clone(), tenant: tenant.clone(), dialogue: id };
    let context = StoredValue::new(asking.clone());

    // Loads the dialogue (again) and merges it with what is shown: whatever is newer wins.
    let refresh = move || {
        spawn_local(async move {
            let a = context.get_value();
            match a.edge.dialogue(&a.tenant, id).await {
                Ok(snapshot) => live.update(|l| match l {
                    Some(shown) => shown.merge_snapshot(snapshot),
                    None => *l = Some(LiveDialogue::new(snapshot)),
                }),
                Err(ApiError::Rejected { .. }) => missing.set(true),
                Err(ApiError::Network) => {}
            }
            refresh_mine(&a, mine).await;
        });
    };
    refresh();

    let on_events = move |events: Vec<LiveEvent>| {
        let mut own_changed = false;
        for event in &events {
            let touched = match event {
                LiveEvent::Question { question } => Some(question.id),
                LiveEvent::Removed { id, .. } => Some(*id),
                LiveEvent::Dialogue { .. } => None,
            };
            own_changed |=
                touched.is_some_and(|t| mine.with_untracked(|m| m.questions.iter().any(|q| q.id == t)));
        }
        live.update(|l| {
            if let Some(l) = l {
                for event in events {
                    l.apply(event);
                }
            }
        });
        // One of the resident's own questions was moderated: fetch its new status (and reason).
        if own_changed {
            spawn_local(async move { refresh_mine(&context.get_value(), mine).await });
        }
    };
    let first_opening = std::cell::Cell::new(true);
    let line = LiveLine::open(
        edge.live_url(&tenant, id),
        edge.live_http_url(&tenant, id),
        on_events,
        move |state| {
            connection.set(state);
            // After a drop, catch up on what was missed.
            if state == Connection::Live && !first_opening.replace(false) {
                refresh();
            }
        },
    );
    let line = SendWrapper::new(line);
    on_cleanup(move || line.stop());

    let on_vote = Callback::new(move |question: i64| {
        spawn_local(async move {
            let a = context.get_value();
            let voting = |code: String| {
                let a = a.clone();
                async move { a.edge.vote(&a.tenant, id, question, &code).await }
            };
            match participant::acting(&a.edge, &a.tenant, voting).await {
                Ok(counted) => {
                    live.update(|l| {
                        if let Some(l) = l {
                            l.apply(LiveEvent::Question { question: counted })
                        }
                    });
                    mine.update(|m| m.votes.push(question));
                    notice.set(i18n.t("vote-counted"));
                }
                Err(ApiError::Rejected { code: ErrorCode::AlreadyVoted, .. }) => {
                    mine.update(|m| m.votes.push(question));
                    notice.set(i18n.t("vote-counted"));
                }
                Err(_) => notice.set(i18n.t("vote-failed")),
            }
            // Sorting by votes may have moved the question: keep the keyboard where it was.
            refocus(container, &format!("#vote-{question}"));
        });
    });
    let on_asked = Callback::new(move |own: OwnQuestion| {
        mine.update(|m| {
            if !m.questions.iter().any(|q| q.id == own.id) {
                m.questions.push(own)
            }
        })
    });

    let open = Signal::derive(move || {
        live.with(|l| l.as_ref().is_some_and(|l| l.dialogue.state.accepts_questions()))
    });
    let voted = Signal::derive(move || mine.with(|m| m.votes.clone()));
    let back = on_back.map(|back| {
        view! { <button type="button" class="link back" on:click=move |_| back.run(())>{i18n.t("dialogue-back")}</button> }
    });

    view! {
        <div class="dialogue-room" node_ref=container>
            {back}
            {move || missing.get().then(|| view! { <p role="alert">{i18n.t("dialogue-missing")}</p> })}
            {move || (live.with(Option::is_none) && !missing.get())
                .then(|| view! { <p role="status">{i18n.t("loading")}</p> })}
            <Show when=move || live.with(Option::is_some)>
                <DialogueHeader dialogue=Signal::derive(move || live.with(|l| l.as_ref().map(|l| l.dialogue.clone())).unwrap_or_default()) />
                <ConnectionStatus connection live_key="dialogue-connected" />
                <AskForm asking=asking.clone() rules=rules.clone() site_key=site_key.clone() fields open on_asked />
                <MyQuestions mine />
                <p class="notice" role="status" aria-live="polite">{move || notice.get()}</p>
                <QuestionList live voted open on_vote />
            </Show>
        </div>
    }
}

/// The resident's own questions and votes, if this browser has taken part before.
async fn refresh_mine(a: &Asking, mine: RwSignal<Participation>) {
    let Some(code) = participant::stored(&a.tenant) else { return };
    match a.edge.participation(&a.tenant, a.dialogue, &code).await {
        Ok(p) => mine.set(p),
        Err(ApiError::Rejected { code: ErrorCode::MissingParticipant, .. }) => participant::forget(&a.tenant),
        Err(_) => {}
    }
}

fn refocus(container: NodeRef<Div>, selector: &str) {
    let target = container.get_untracked().and_then(|c| c.query_selector(selector).ok().flatten());
    if let Some(element) = target.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}
