//! One approved question: its text, who asked, votes, the "now answering" and "answered" marks,
//! and the answers. The elements stay while their content changes, so keyboard focus on the
//! vote button is not lost when a live update arrives.

use leptos::prelude::*;
use tryggve_core::dialogue::LiveDialogue;
use tryggve_core::i18n::I18n;

use crate::format;

#[component]
pub fn QuestionItem(
    id: i64,
    live: RwSignal<Option<LiveDialogue>>,
    voted: Signal<Vec<i64>>,
    open: Signal<bool>,
    on_vote: Callback<i64>,
) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let question = Memo::new(move |_| {
        live.with(|l| l.as_ref().and_then(|l| l.questions.iter().find(|q| q.id == id).cloned()))
    });
    let now_answering =
        Memo::new(move |_| live.with(|l| l.as_ref().and_then(|l| l.dialogue.now_answering)) == Some(id));
    let has_voted = move || voted.with(|v| v.contains(&id));
    let field = move |f: fn(&tryggve_core::dialogue::PublicQuestion) -> String| {
        move || question.with(|q| q.as_ref().map(f).unwrap_or_default())
    };
    let asker = move || {
        question.with(|q| {
            q.as_ref().map(|q| {
                let name = q.display_name.clone().unwrap_or_else(|| i18n.t("anonymous"));
                format!("{name} · {}", format::moment(i18n.locale, &q.asked_at))
            })
        })
    };
    let text_id = format!("question-{id}-text");
    view! {
        <li class="question" class:now=move || now_answering.get()>
            <p class="badges">
                {move || now_answering.get().then(|| view! { <span class="badge now">{i18n.t("now-answering")}</span> })}
                {move || question.with(|q| q.as_ref().is_some_and(|q| q.answered_at.is_some()))
                    .then(|| view! { <span class="badge answered">{i18n.t("answered")}</span> })}
            </p>
            <p class="question-text" id=text_id.clone()>{field(|q| q.text.clone())}</p>
            <p class="hint">{asker}</p>
            <div class="vote">
                <span class="votes">{move || {
                    let votes = question.with(|q| q.as_ref().map_or(0, |q| q.votes)).to_string();
                    i18n.t_with("votes-count", &[("count", &votes)])
                }}</span>
                <button type="button" id=format!("vote-{id}") aria-describedby=text_id
                    aria-pressed=move || if has_voted() { "true" } else { "false" }
                    aria-disabled=move || (!open.get()).then_some("true")
                    on:click=move |_| if open.get_untracked() && !has_voted() { on_vote.run(id) }>
                    {move || if has_voted() { i18n.t("voted") } else { i18n.t("vote") }}
                </button>
            </div>
            {move || question.with(|q| q.as_ref().map(|q| q.answers.clone())).unwrap_or_default().into_iter().map(|a| {
                let signature = if a.responder_title.is_empty() {
                    a.responder_name.clone()
                } else {
                    format!("{}, {}", a.responder_name, a.responder_title)
                };
                view! {
                    <div class="answer">
                        <p class="responder">{i18n.t_with("answer-by", &[("responder", &signature)])}</p>
                        <p>{a.text}</p>
                    </div>
                }
            }).collect_view()}
        </li>
    }
}
