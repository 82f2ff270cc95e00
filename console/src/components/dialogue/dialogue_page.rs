//! One dialogue in the console: its state, the queue of questions waiting for moderation, the
//! published questions with the controls to answer them, and the minutes. The page reloads the
//! dialogue every few seconds, so new questions and votes show up without a click.

use std::time::Duration;

use leptos::prelude::*;
use tryggve_core::console::SessionInfo;
use tryggve_core::dialogue::{
    DialogueAction, DialogueDetails, DialogueState, ModeratedQuestion, QuestionStatus,
};
use tryggve_core::i18n::I18n;
use tryggve_core::local_time;
use tryggve_core::moderation::Permission;

use super::acting::Acting;
use super::approved_question::ApprovedQuestion;
use super::dialogue_form::DialogueForm;
use super::pending_question::PendingQuestion;
use crate::api;
use crate::components::file_download::FileDownload;

const RELOAD_EVERY: Duration = Duration::from_secs(4);

fn state_action_key(from: DialogueState, to: DialogueState) -> &'static str {
    match to {
        DialogueState::Open if from == DialogueState::Live => "console-dialogue-pause",
        DialogueState::Open => "console-dialogue-to-open",
        DialogueState::Live => "console-dialogue-to-live",
        DialogueState::Closed => "console-dialogue-to-closed",
        DialogueState::Draft => "console-dialogue-to-draft",
    }
}

#[component]
pub fn DialoguePage(session: SessionInfo, id: i64, on_back: Callback<()>) -> impl IntoView {
    let i18n = expect_context::<I18n>();
    let acting = Acting {
        tenant: StoredValue::new(session.tenant.clone()),
        csrf: StoredValue::new(session.csrf_token.clone()),
        dialogue: id,
        loaded: RwSignal::new(None),
        notice: RwSignal::new(String::new()),
    };
    let moderates = session.role.allows(Permission::ModerateDialogues);
    acting.reload();
    if let Ok(handle) = set_interval_with_handle(move || acting.reload(), RELOAD_EVERY) {
        on_cleanup(move || handle.clear());
    }

    let dialogue = Memo::new(move |_| acting.loaded.with(|d| d.as_ref().map(|d| d.dialogue.clone())));
    let ids_with = move |status: QuestionStatus| {
        Memo::new(move |_| {
            let mut questions: Vec<ModeratedQuestion> = acting
                .loaded
                .with(|d| d.as_ref().map(|d| d.questions.clone()))
                .unwrap_or_default()
                .into_iter()
                .filter(|q| q.status == status)
                .collect();
            if status == QuestionStatus::Approved {
                questions.sort_by(|a, b| b.votes.cmp(&a.votes).then(a.asked_at.cmp(&b.asked_at)));
            }
            questions.into_iter().map(|q| q.id).collect::<Vec<_>>()
        })
    };
    let pending = ids_with(QuestionStatus::Pending);
    let approved = ids_with(QuestionStatus::Approved);
    let on_edit = Callback::new(move |details: DialogueDetails| {
        acting.on_dialogue(DialogueAction::Edit { details }, i18n)
    });
    let tenant = session.tenant.clone();

    view! {
        <button type="button" class="link" on:click=move |_| on_back.run(())>{i18n.t("console-dialogues-back")}</button>
        <p class="notice" role="status" aria-live="polite">{move || acting.notice.get()}</p>
        {move || dialogue.get().map(|d| {
            let next_states: Vec<DialogueState> =
                DialogueState::ALL.into_iter().filter(|s| d.state.can_move_to(*s)).collect();
            let minutes = |format: &str| Signal::stored(api::minutes_url(&acting.tenant.get_value(), d.id, format));
            let snippet = format!("<tryggve-dialog tenant=\"{tenant}\" dialogue=\"{}\"></tryggve-dialog>", d.id);
            // Public data only, so any computer in the room can show it; a draft is not public yet.
            let presenter = (d.state != DialogueState::Draft).then(|| {
                let href = format!("/console/presenter.html?tenant={tenant}&dialogue={}", d.id);
                view! { <p><a href=href target="_blank" rel="noopener">{i18n.t("console-dialogue-presenter")}</a></p> }
            });
            view! {
                <h1>{d.details.title.clone()}</h1>
                <p><strong>{i18n.t("console-dialogue-state")}": "</strong>{i18n.t(&format!("dialogue-state-{}", d.state.id()))}
                    " · "{local_time::human_span(&d.details.starts_at, &d.details.ends_at, &i18n)}</p>
                {presenter}
                {moderates.then(|| view! {
                    <div class="actions" role="group" aria-label=i18n.t("console-dialogue-state")>
                        {next_states.into_iter().map(|s| view! {
                            <button type="button" on:click=move |_| acting.on_dialogue(DialogueAction::SetState { state: s }, i18n)>
                                {i18n.t(state_action_key(d.state, s))}
                            </button>
                        }).collect_view()}
                    </div>
                    <p class="actions">
                        <FileDownload href=minutes("md") csrf=acting.csrf.get_value() label=i18n.t("console-minutes-md") />
                        <FileDownload href=minutes("csv") csrf=acting.csrf.get_value() label=i18n.t("console-minutes-csv") />
                    </p>
                    <p>{i18n.t("console-dialogue-embed")}" "<code>{snippet}</code></p>
                })}
                {(moderates && d.state != DialogueState::Closed).then(|| view! {
                    <details class="edit-dialogue">
                        <summary>{i18n.t("console-edit-dialogue")}</summary>
                        <DialogueForm heading=i18n.t("console-edit-dialogue") submit=i18n.t("console-save-dialogue")
                            initial=d.details.clone() on_submit=on_edit />
                    </details>
                })}
            }
        })}
        {moderates.then(|| view! {
            <section aria-labelledby="queue-title">
                <h2 id="queue-title">{move || i18n.t_with("console-queue-title", &[("count", &pending.with(Vec::len).to_string())])}</h2>
                {move || pending.with(Vec::is_empty).then(|| view! { <p>{i18n.t("console-queue-empty")}</p> })}
                <ul class="cards">
                    <For each=move || pending.get() key=|id| *id let:qid>
                        <PendingQuestion acting id=qid />
                    </For>
                </ul>
            </section>
        })}
        <section aria-labelledby="approved-title">
            <h2 id="approved-title">{i18n.t("console-approved-title")}</h2>
            {move || approved.with(Vec::is_empty).then(|| view! { <p>{i18n.t("console-approved-empty")}</p> })}
            <ul class="cards">
                <For each=move || approved.get() key=|id| *id let:qid>
                    <ApprovedQuestion acting id=qid responder=session.name.clone() />
                </For>
            </ul>
        </section>
    }
}
