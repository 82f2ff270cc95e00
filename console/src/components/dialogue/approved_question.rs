//! A published question as the panel works with it: votes, the "now answering" mark, marking it
//! answered, and a written answer signed with the responder's name and title.

use leptos::prelude::*;
use tryggve_core::dialogue::{DialogueAction, QuestionAction};
use tryggve_core::i18n::I18n;

use super::acting::Acting;

#[component]
pub fn ApprovedQuestion(acting: Acting, id: i64, responder: String) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let question = acting.question(id);
    // The title a responder signs with: theirs on the panel, if the panel lists them.
    let title = acting.loaded.with_untracked(|d| {
        d.as_ref()
            .and_then(|d| {
                d.dialogue.details.panel.iter().find(|p| p.name == responder).map(|p| p.title.clone())
            })
            .unwrap_or_default()
    });
    let answer = RwSignal::new(String::new());
    let title = RwSignal::new(title);
    let now_answering = Memo::new(move |_| {
        acting.loaded.with(|d| d.as_ref().and_then(|d| d.dialogue.now_answering)) == Some(id)
    });
    let field = move |what: &str| format!("q{id}-{what}");
    let send_answer = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let action = QuestionAction::Answer { text: answer.get_untracked(), title: title.get_untracked() };
        answer.set(String::new());
        acting.on_question(id, action, i18n);
    };
    let toggle_now = move |_| {
        let question = if now_answering.get_untracked() { None } else { Some(id) };
        acting.on_dialogue(DialogueAction::NowAnswering { question }, i18n);
    };
    let text = move || question.with(|q| q.as_ref().map(|q| q.text.clone()));

    view! {
        <li class="card" class:now=move || now_answering.get()>
            <p class="question-text" id=field("text")>{text}</p>
            <p class="hint">
                {move || question.with(|q| q.as_ref().and_then(|q| q.display_name.clone())).unwrap_or_else(|| i18n.t("anonymous"))}
                " · "{move || i18n.t_with("votes-count", &[("count", &question.with(|q| q.as_ref().map_or(0, |q| q.votes)).to_string())])}
                {move || question.with(|q| q.as_ref().is_some_and(|q| q.answered_at.is_some())).then(|| format!(" · {}", i18n.t("answered")))}
            </p>
            {move || question.with(|q| q.as_ref().map(|q| q.answers.clone())).unwrap_or_default().into_iter().map(|a| view! {
                <div class="answer"><p class="responder">{format!("{}, {}", a.responder_name, a.responder_title)}</p><p>{a.text}</p></div>
            }).collect_view()}
            <div class="actions">
                <button type="button" aria-pressed=move || if now_answering.get() { "true" } else { "false" }
                    aria-describedby=field("text") on:click=toggle_now>{i18n.t("now-answering")}</button>
                <button type="button" aria-describedby=field("text")
                    on:click=move |_| acting.on_question(id, QuestionAction::MarkAnswered, i18n)>{i18n.t("console-mark-answered")}</button>
            </div>
            <form class="answer-form" on:submit=send_answer>
                <label for=field("answer")>{i18n.t("console-answer")}</label>
                <textarea id=field("answer") rows="2" required prop:value=move || answer.get()
                    on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                <label for=field("title")>{i18n.t("console-answer-title")}</label>
                <input id=field("title") type="text" prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev)) />
                <button type="submit" class="primary">{i18n.t("console-publish-answer")}</button>
            </form>
        </li>
    }
}
