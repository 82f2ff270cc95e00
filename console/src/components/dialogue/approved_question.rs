//! A published question as the panel works with it: votes, the "now answering" mark, marking it
//! answered, and a written answer signed by the panel member who answers (a moderator often
//! types for them) or by the logged-in account with its title.

use leptos::prelude::*;
use tryggve_core::dialogue::{DialogueAction, Panelist, QuestionAction};
use tryggve_core::i18n::I18n;

use super::acting::Acting;

/// The "who answers" choice meaning the logged-in account itself; a panel member's is
/// [`PANELIST`] and their name (by name, so that an edit of the panel cannot shift the choice).
const MYSELF: &str = "myself";
const PANELIST: &str = "panel:";

#[component]
pub fn ApprovedQuestion(acting: Acting, id: i64, responder: String) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let question = acting.question(id);
    let panel: Vec<Panelist> = acting
        .loaded
        .with_untracked(|d| d.as_ref().map(|d| d.dialogue.details.panel.clone()).unwrap_or_default());
    // Chosen beforehand only when there is no doubt: the account is on the panel, or there is
    // no panel. Otherwise the moderator picks, so that no answer is signed by the wrong person.
    let first_choice = match panel.iter().find(|p| p.name == responder) {
        Some(member) => format!("{PANELIST}{}", member.name),
        None if panel.is_empty() => MYSELF.to_string(),
        None => String::new(),
    };
    let answering = RwSignal::new(first_choice);
    let answer = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let now_answering = Memo::new(move |_| {
        acting.loaded.with(|d| d.as_ref().and_then(|d| d.dialogue.now_answering)) == Some(id)
    });
    let field = move |what: &str| format!("q{id}-{what}");
    let send_answer = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let panelist = answering.get_untracked().strip_prefix(PANELIST).map(str::to_string);
        let action =
            QuestionAction::Answer { text: answer.get_untracked(), title: title.get_untracked(), panelist };
        answer.set(String::new());
        acting.on_question(id, action, i18n);
    };
    let toggle_now = move |_| {
        let question = if now_answering.get_untracked() { None } else { Some(id) };
        acting.on_dialogue(DialogueAction::NowAnswering { question }, i18n);
    };
    let text = move || question.with(|q| q.as_ref().map(|q| q.text.clone()));
    let myself = i18n.t_with("console-answer-by-self", &[("name", &responder)]);

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
                <label for=field("by")>{i18n.t("console-answer-by")}</label>
                <select id=field("by") required prop:value=move || answering.get()
                    on:change=move |ev| answering.set(event_target_value(&ev))>
                    <option value="">{i18n.t("console-answer-by-choose")}</option>
                    {panel.iter().map(|p| {
                        let label = if p.title.is_empty() { p.name.clone() } else { format!("{}, {}", p.name, p.title) };
                        view! { <option value=format!("{PANELIST}{}", p.name)>{label}</option> }
                    }).collect_view()}
                    <option value=MYSELF>{myself}</option>
                </select>
                {move || (answering.get() == MYSELF).then(|| view! {
                    <label for=field("title")>{i18n.t("console-answer-title")}</label>
                    <input id=field("title") type="text" prop:value=move || title.get()
                        on:input=move |ev| title.set(event_target_value(&ev)) />
                })}
                <button type="submit" class="primary">{i18n.t("console-publish-answer")}</button>
            </form>
        </li>
    }
}
