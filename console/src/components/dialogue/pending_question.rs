//! A question waiting for moderation: publish it (perhaps reworded for anonymity, perhaps
//! without the name), turn it down for a reason, or fold it into a question it repeats.

use leptos::prelude::*;
use tryggve_core::dialogue::{QuestionAction, QuestionStatus, QUESTION_REJECTION_REASONS};
use tryggve_core::i18n::I18n;
use tryggve_core::local_time::human;

use super::acting::Acting;

#[component]
pub fn PendingQuestion(acting: Acting, id: i64) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let question = acting.question(id);
    let original = question.get_untracked().map(|q| q.text).unwrap_or_default();
    let text = RwSignal::new(original.clone());
    let hide_name = RwSignal::new(false);
    let reason = RwSignal::new(QUESTION_REJECTION_REASONS[0].id().to_string());
    let merge_into = RwSignal::new(String::new());
    // Questions it could repeat: the other published or waiting ones.
    let others = Memo::new(move |_| {
        acting.loaded.with(|d| {
            d.as_ref()
                .map(|d| {
                    d.questions
                        .iter()
                        .filter(|q| {
                            q.id != id
                                && matches!(q.status, QuestionStatus::Approved | QuestionStatus::Pending)
                        })
                        .map(|q| (q.id, q.text.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let name = move || question.with(|q| q.as_ref().and_then(|q| q.display_name.clone()));
    let approve = move |_| {
        let edited = text.get_untracked();
        let text = (edited != original).then_some(edited);
        acting.on_question(id, QuestionAction::Approve { text, hide_name: hide_name.get_untracked() }, i18n);
    };
    let reject = move |_| {
        let chosen = QUESTION_REJECTION_REASONS.into_iter().find(|r| r.id() == reason.get_untracked());
        if let Some(reason) = chosen {
            acting.on_question(id, QuestionAction::Reject { reason }, i18n);
        }
    };
    let merge = move |_| {
        if let Ok(into) = merge_into.get_untracked().parse::<i64>() {
            acting.on_question(id, QuestionAction::MergeInto { into }, i18n);
        }
    };
    let field = move |what: &str| format!("q{id}-{what}");

    view! {
        <li class="card">
            <p class="hint">{move || question.with(|q| q.as_ref().map(|q| human(&q.asked_at, &i18n)))}" · "
                {move || name().unwrap_or_else(|| i18n.t("anonymous"))}</p>
            <label for=field("text")>{i18n.t("console-question-text")}</label>
            <textarea id=field("text") rows="3" prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            {move || name().map(|_| view! {
                <label class="choice">
                    <input type="checkbox" prop:checked=move || hide_name.get()
                        on:change=move |ev| hide_name.set(event_target_checked(&ev)) />
                    {i18n.t("console-hide-name")}
                </label>
            })}
            <div class="actions">
                <button type="button" class="primary" on:click=approve>{i18n.t("console-approve-question")}</button>
            </div>
            <div class="actions">
                <label for=field("reason")>{i18n.t("console-reason")}</label>
                <select id=field("reason") on:change=move |ev| reason.set(event_target_value(&ev))>
                    {QUESTION_REJECTION_REASONS.map(|r| view! {
                        <option value=r.id()>{i18n.t(&r.label_key())}</option>
                    }).collect_view()}
                </select>
                <button type="button" on:click=reject>{i18n.t("console-reject-question")}</button>
            </div>
            {move || (!others.with(Vec::is_empty)).then(|| view! {
                <div class="actions">
                    <label for=field("merge")>{i18n.t("console-merge-into")}</label>
                    <select id=field("merge") on:change=move |ev| merge_into.set(event_target_value(&ev))>
                        <option value="">{i18n.t("console-choose")}</option>
                        {others.get().into_iter().map(|(other, text)| view! {
                            <option value=other.to_string()>{text}</option>
                        }).collect_view()}
                    </select>
                    <button type="button" on:click=merge>{i18n.t("console-merge")}</button>
                </div>
            })}
        </li>
    }
}
