//! The console's side of dialogues: moderators create and run them and moderate the questions;
//! responders mark what is being answered and write answers. Every change is audited, and every
//! change participants can see is broadcast to the dialogue's live room.

use tryggve_core::api::operations::{
    ActOnDialogue, ActOnQuestion, CreateDialogue, ListAllDialogues, MinutesCsv, MinutesMarkdown,
    ReadModeratedDialogue,
};
use tryggve_core::api::path::{DialoguePath, QuestionPath, TenantPath};
use tryggve_core::dialogue::{
    minutes_markdown, minutes_sheet, ActionKind, Answer, DialogueAction, DialogueDetails, DialogueState,
    LiveEvent, ModeratedDialogue, ModeratedQuestion, PublicDialogue, QuestionAction, QuestionChange,
    QuestionStatus,
};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::moderation::Permission;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::moderator::Moderator;
use crate::public_cache::{self, Subject};
use crate::store::audit::{json, NewEntry};
use crate::{clock, room, store};

fn permission(kind: ActionKind) -> Permission {
    match kind {
        ActionKind::Moderate => Permission::ModerateDialogues,
        ActionKind::Answer => Permission::AnswerQuestions,
    }
}

async fn dialogue_of(cx: &Cx<'_>, tenant: &str, id: i64) -> Result<PublicDialogue, ApiError> {
    store::dialogues::find(cx.db, tenant, id).await?.ok_or(ApiError::DialogueNotFound)
}

/// `GET /api/v1/console/{tenant}/dialogues`: every dialogue, drafts too.
impl Handler for ListAllDialogues {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        _: (),
    ) -> Result<Reply<Vec<PublicDialogue>>, ApiError> {
        Ok(Reply::Done(store::dialogues::list(cx.db, &path.tenant, true).await?))
    }
}

/// `POST /api/v1/console/{tenant}/dialogues` with [`DialogueDetails`]: a new draft.
impl Handler for CreateDialogue {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        details: DialogueDetails,
    ) -> Result<Reply<PublicDialogue>, ApiError> {
        let details = details.validated().map_err(ApiError::Invalid)?;
        let now = clock::now_iso();
        // The subject, "dialogue:{id}", gets its id when the dialogue is stored.
        let entry = NewEntry::by(cx.moderator()?, "dialogue.create", "dialogue:", &now)
            .change(String::new(), json(&details));
        let audit = store::audit::record_for_new_row(cx.db, &entry)?;
        let created = store::dialogues::create(cx.db, &path.tenant, &details, &now, audit).await?;
        Ok(Reply::Done(created))
    }
}

/// `GET /api/v1/console/{tenant}/dialogues/{dialogue}`: the dialogue with its questions;
/// responders see only approved ones (pending questions may hold personal data).
impl Handler for ReadModeratedDialogue {
    async fn handle(
        cx: &mut Cx<'_>,
        path: DialoguePath,
        _: (),
    ) -> Result<Reply<ModeratedDialogue>, ApiError> {
        Ok(Reply::Done(load(cx, cx.moderator()?, &path).await?))
    }
}

async fn load(
    cx: &Cx<'_>,
    moderator: &Moderator,
    path: &DialoguePath,
) -> Result<ModeratedDialogue, ApiError> {
    let dialogue = dialogue_of(cx, &path.tenant, path.dialogue).await?;
    let approved_only = !moderator.role.allows(Permission::ModerateDialogues);
    let questions = store::dialogues::questions(cx.db, &path.tenant, dialogue.id, approved_only).await?;
    Ok(ModeratedDialogue { dialogue, questions })
}

/// `POST /api/v1/console/{tenant}/dialogues/{dialogue}/actions` with a [`DialogueAction`].
impl Handler for ActOnDialogue {
    async fn handle(
        cx: &mut Cx<'_>,
        path: DialoguePath,
        action: DialogueAction,
    ) -> Result<Reply<PublicDialogue>, ApiError> {
        act(cx, &path, action).await
    }
}

async fn act(
    cx: &Cx<'_>,
    path: &DialoguePath,
    action: DialogueAction,
) -> Result<Reply<PublicDialogue>, ApiError> {
    let (db, tenant, moderator) = (cx.db, path.tenant.as_str(), cx.moderator()?);
    moderator.require(tenant, permission(action.kind()))?;
    let dialogue = dialogue_of(cx, tenant, path.dialogue).await?;
    let mut next = dialogue.clone();
    match &action {
        DialogueAction::Edit { details } => {
            if dialogue.state == DialogueState::Closed {
                return Err(ApiError::Invalid(FieldError::new("state", FieldErrorCode::InvalidTransition)));
            }
            next.details = details.validated().map_err(ApiError::Invalid)?;
        }
        DialogueAction::SetState { state } => {
            if !dialogue.state.can_move_to(*state) {
                return Err(ApiError::Invalid(FieldError::new("state", FieldErrorCode::InvalidTransition)));
            }
            next.state = *state;
            if !state.accepts_questions() {
                next.now_answering = None;
            }
        }
        DialogueAction::NowAnswering { question } => {
            if let Some(question) = question {
                let found = store::dialogues::question(db, tenant, dialogue.id, *question).await?;
                if !found.is_some_and(|q| q.status == QuestionStatus::Approved) {
                    return Err(ApiError::Invalid(FieldError::new(
                        "question",
                        FieldErrorCode::InvalidChoice,
                    )));
                }
            }
            next.now_answering = *question;
        }
    }
    let now = clock::now_iso();
    let subject = format!("dialogue:{}", dialogue.id);
    let entry =
        NewEntry::by(moderator, action.audit_name(), &subject, &now).change(json(&dialogue), json(&next));
    let saved = store::dialogues::save(db, tenant, &next, store::audit::record(db, &entry)?, &now).await?;
    public_cache::changed(tenant, Subject::Dialogues).await?;
    if saved.state.is_public() {
        room::broadcast(
            cx.env,
            tenant,
            room::Live::Dialogue(saved.id),
            &[LiveEvent::Dialogue { dialogue: saved.clone() }],
        )
        .await;
    }
    Ok(Reply::Done(saved))
}

/// `POST /api/v1/console/{tenant}/dialogues/{dialogue}/questions/{question}/actions` with a
/// [`QuestionAction`]: approve (perhaps edited), reject, merge, mark answered, answer.
impl Handler for ActOnQuestion {
    async fn handle(
        cx: &mut Cx<'_>,
        path: QuestionPath,
        action: QuestionAction,
    ) -> Result<Reply<ModeratedQuestion>, ApiError> {
        act_on_question(cx, &path, action).await
    }
}

async fn act_on_question(
    cx: &Cx<'_>,
    path: &QuestionPath,
    action: QuestionAction,
) -> Result<Reply<ModeratedQuestion>, ApiError> {
    let (db, tenant, moderator) = (cx.db, path.tenant.as_str(), cx.moderator()?);
    moderator.require(tenant, permission(action.kind()))?;
    let dialogue = dialogue_of(cx, tenant, path.dialogue).await?;
    if dialogue.state == DialogueState::Closed {
        return Err(ApiError::DialogueNotOpen);
    }
    let current = store::dialogues::question(db, tenant, dialogue.id, path.question)
        .await?
        .ok_or(ApiError::QuestionNotFound)?;
    let now = clock::now_iso();
    let subject = format!("dialogue:{}/question:{}", dialogue.id, current.id);
    let audit = |after: String| {
        let entry =
            NewEntry::by(moderator, action.audit_name(), &subject, &now).change(json(&current), after);
        store::audit::record(db, &entry)
    };
    let mut touched = vec![current.id];
    match current.apply(&action, &now).map_err(ApiError::Invalid)? {
        QuestionChange::Update(next) => {
            store::dialogues::save_question(db, dialogue.id, &next, audit(json(&next))?, &now).await?;
        }
        QuestionChange::Merge { into } => {
            let target = store::dialogues::question(db, tenant, dialogue.id, into).await?;
            if !target.is_some_and(|t| matches!(t.status, QuestionStatus::Approved | QuestionStatus::Pending))
            {
                return Err(ApiError::Invalid(FieldError::new("into", FieldErrorCode::InvalidChoice)));
            }
            let after = format!("{{\"merged_into\":{into}}}");
            store::dialogues::merge(db, dialogue.id, current.id, into, audit(after)?, &now).await?;
            touched.push(into);
        }
        QuestionChange::AddAnswer { text, signer } => {
            let signed =
                signer.resolve(&dialogue.details.panel, &moderator.info.name).map_err(ApiError::Invalid)?;
            let answer =
                Answer { responder_name: signed.name, responder_title: signed.title, text, at: now.clone() };
            store::dialogues::add_answer(
                db,
                dialogue.id,
                current.id,
                moderator.id,
                &answer,
                audit(json(&answer))?,
            )
            .await?;
        }
    }
    let mut events = Vec::new();
    for id in touched {
        if let Some(changed) = store::dialogues::question(db, tenant, dialogue.id, id).await? {
            events.push(match changed.public() {
                Some(question) => LiveEvent::Question { question },
                None => LiveEvent::Removed { id: changed.id, revision: changed.revision },
            });
        }
    }
    // A merge may have moved the "now answering" mark.
    if let Some(after) = store::dialogues::find(db, tenant, dialogue.id).await? {
        if after.now_answering != dialogue.now_answering {
            events.push(LiveEvent::Dialogue { dialogue: after });
        }
    }
    public_cache::changed(tenant, Subject::Dialogues).await?;
    if dialogue.state.is_public() {
        room::broadcast(cx.env, tenant, room::Live::Dialogue(dialogue.id), &events).await;
    }
    let updated = store::dialogues::question(db, tenant, dialogue.id, current.id)
        .await?
        .ok_or(ApiError::QuestionNotFound)?;
    Ok(Reply::Done(updated))
}

/// `GET /api/v1/console/{tenant}/dialogues/{dialogue}/minutes.md`
impl Handler for MinutesMarkdown {
    async fn handle(cx: &mut Cx<'_>, path: DialoguePath, _: ()) -> Result<Reply<String>, ApiError> {
        minutes(cx, &path, "md").await
    }
}

/// `GET /api/v1/console/{tenant}/dialogues/{dialogue}/minutes.csv`
impl Handler for MinutesCsv {
    async fn handle(cx: &mut Cx<'_>, path: DialoguePath, _: ()) -> Result<Reply<String>, ApiError> {
        minutes(cx, &path, "csv").await
    }
}

/// The minutes in `format`. They carry the questions' texts and names: taking them is on the
/// record.
async fn minutes(cx: &Cx<'_>, path: &DialoguePath, format: &str) -> Result<Reply<String>, ApiError> {
    let moderator = cx.moderator()?;
    let moderated = load(cx, moderator, path).await?;
    let now = clock::now_iso();
    let subject = format!("dialogue:{}", moderated.dialogue.id);
    let taken = serde_json::json!({ "format": format, "questions": moderated.questions.len() });
    let entry =
        NewEntry::by(moderator, "dialogue.minutes", &subject, &now).change(String::new(), taken.to_string());
    store::audit::record(cx.db, &entry)?.run().await?;
    let body = match format {
        // In Swedish, as the minutes in Markdown: the municipality's record.
        "csv" => minutes_sheet(&moderated, &I18n::new(Locale::Sv)).to_csv()?,
        _ => minutes_markdown(&moderated).into_bytes(),
    };
    let file_name = format!("dialog-{}-protokoll.{format}", moderated.dialogue.id);
    Ok(Reply::File { body, file_name })
}
