//! The console's side of dialogues: moderators create and run them and moderate the questions;
//! responders mark what is being answered and write answers. Every change is audited, and every
//! change participants can see is broadcast to the dialogue's live room.

use tryggve_core::dialogue::{
    minutes_csv, minutes_markdown, ActionKind, Answer, DialogueAction, DialogueDetails, LiveEvent,
    ModeratedDialogue, PublicDialogue, QuestionAction, QuestionChange, QuestionStatus,
};
use tryggve_core::moderation::Permission;
use tryggve_core::validation::{FieldError, FieldErrorCode};
use worker::{Request, Response};

use super::dialogues::parse_id;
use super::review::moderator_for;
use super::{Bindings, Caller};
use crate::error::ApiError;
use crate::session::Moderator;
use crate::{clock, http, room, store};

fn permission(kind: ActionKind) -> Permission {
    match kind {
        ActionKind::Moderate => Permission::ModerateDialogues,
        ActionKind::Answer => Permission::AnswerQuestions,
    }
}

async fn dialogue_of(bindings: &Bindings<'_>, tenant: &str, id: &str) -> Result<PublicDialogue, ApiError> {
    store::dialogues::find(bindings.db, tenant, parse_id(id)?).await?.ok_or(ApiError::DialogueNotFound)
}

fn audit_entry<'a>(
    tenant: &'a str,
    moderator: &Moderator,
    action: &'a str,
    subject: &'a str,
    before: String,
    after: String,
    at: &'a str,
) -> store::audit::NewEntry<'a> {
    store::audit::NewEntry { tenant, moderator_id: Some(moderator.id), action, subject, before, after, at }
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `GET /api/v1/console/{tenant}/dialogues`: every dialogue, drafts too.
pub async fn list(
    req: &Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    moderator_for(req, bindings.db, caller, tenant, Permission::AnswerQuestions).await?;
    Ok(http::json(200, &store::dialogues::list(bindings.db, tenant, true).await?))
}

/// `POST /api/v1/console/{tenant}/dialogues` with [`DialogueDetails`]: a new draft.
pub async fn create(
    req: &mut Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
) -> Result<Response, ApiError> {
    let moderator = moderator_for(req, bindings.db, caller, tenant, Permission::ModerateDialogues).await?;
    moderator.check_csrf(req)?;
    let details: DialogueDetails = http::read_json(req).await?;
    let details = details.validated().map_err(ApiError::Invalid)?;
    let now = clock::now_iso();
    let db = bindings.db;
    // The subject, "dialogue:{id}", gets its id when the dialogue is stored.
    let entry = audit_entry(
        tenant,
        &moderator,
        "dialogue.create",
        "dialogue:",
        String::new(),
        to_json(&details),
        &now,
    );
    let audit = store::audit::record_for_new_row(db, &entry)?;
    let created = store::dialogues::create(db, tenant, &details, &now, audit).await?;
    Ok(http::json(201, &created))
}

/// `GET /api/v1/console/{tenant}/dialogues/{id}`: the dialogue with its questions; responders
/// see only approved ones (pending questions may hold personal data).
pub async fn detail(
    req: &Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
    id: &str,
) -> Result<Response, ApiError> {
    let moderator = moderator_for(req, bindings.db, caller, tenant, Permission::AnswerQuestions).await?;
    let moderated = load(bindings, &moderator, tenant, id).await?;
    Ok(http::json(200, &moderated))
}

async fn load(
    bindings: &Bindings<'_>,
    moderator: &Moderator,
    tenant: &str,
    id: &str,
) -> Result<ModeratedDialogue, ApiError> {
    let dialogue = dialogue_of(bindings, tenant, id).await?;
    let approved_only = !moderator.role.allows(Permission::ModerateDialogues);
    let questions = store::dialogues::questions(bindings.db, tenant, dialogue.id, approved_only).await?;
    Ok(ModeratedDialogue { dialogue, questions })
}

/// `POST /api/v1/console/{tenant}/dialogues/{id}/actions` with a [`DialogueAction`].
pub async fn act(
    req: &mut Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
    id: &str,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let moderator = moderator_for(req, db, caller, tenant, Permission::AnswerQuestions).await?;
    moderator.check_csrf(req)?;
    let action: DialogueAction = http::read_json(req).await?;
    moderator.require(tenant, permission(action.kind()))?;
    let dialogue = dialogue_of(bindings, tenant, id).await?;
    let mut next = dialogue.clone();
    match &action {
        DialogueAction::Edit { details } => {
            if dialogue.state == tryggve_core::dialogue::DialogueState::Closed {
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
    let entry = audit_entry(
        tenant,
        &moderator,
        action.audit_name(),
        &subject,
        to_json(&dialogue),
        to_json(&next),
        &now,
    );
    let saved = store::dialogues::save(db, tenant, &next, store::audit::record(db, &entry)?, &now).await?;
    if saved.state.is_public() {
        room::broadcast(bindings.env, tenant, saved.id, &[LiveEvent::Dialogue { dialogue: saved.clone() }])
            .await;
    }
    Ok(http::json(200, &saved))
}

/// `POST /api/v1/console/{tenant}/dialogues/{id}/questions/{question}/actions` with a
/// [`QuestionAction`]: approve (perhaps edited), reject, merge, mark answered, answer.
pub async fn act_on_question(
    req: &mut Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
    id: &str,
    question: &str,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let moderator = moderator_for(req, db, caller, tenant, Permission::AnswerQuestions).await?;
    moderator.check_csrf(req)?;
    let action: QuestionAction = http::read_json(req).await?;
    moderator.require(tenant, permission(action.kind()))?;
    let dialogue = dialogue_of(bindings, tenant, id).await?;
    if dialogue.state == tryggve_core::dialogue::DialogueState::Closed {
        return Err(ApiError::DialogueNotOpen);
    }
    let question_id = question.parse::<i64>().map_err(|_| ApiError::QuestionNotFound)?;
    let current = store::dialogues::question(db, tenant, dialogue.id, question_id)
        .await?
        .ok_or(ApiError::QuestionNotFound)?;
    let now = clock::now_iso();
    let subject = format!("dialogue:{}/question:{}", dialogue.id, current.id);
    let audit = |after: String| {
        let entry =
            audit_entry(tenant, &moderator, action.audit_name(), &subject, to_json(&current), after, &now);
        store::audit::record(db, &entry)
    };
    let mut touched = vec![current.id];
    match current.apply(&action, &now).map_err(ApiError::Invalid)? {
        QuestionChange::Update(next) => {
            store::dialogues::save_question(db, dialogue.id, &next, audit(to_json(&next))?, &now).await?;
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
        QuestionChange::AddAnswer { text, title } => {
            let answer = Answer {
                responder_name: moderator.info.name.clone(),
                responder_title: title,
                text,
                at: now.clone(),
            };
            store::dialogues::add_answer(
                db,
                dialogue.id,
                current.id,
                moderator.id,
                &answer,
                audit(to_json(&answer))?,
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
    if dialogue.state.is_public() {
        room::broadcast(bindings.env, tenant, dialogue.id, &events).await;
    }
    let updated = store::dialogues::question(db, tenant, dialogue.id, current.id)
        .await?
        .ok_or(ApiError::QuestionNotFound)?;
    Ok(http::json(200, &updated))
}

/// `GET /api/v1/console/{tenant}/dialogues/{id}/minutes.md` or `minutes.csv`.
pub async fn minutes(
    req: &Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
    tenant: &str,
    id: &str,
    format: &str,
) -> Result<Response, ApiError> {
    let moderator = moderator_for(req, bindings.db, caller, tenant, Permission::ModerateDialogues).await?;
    let moderated = load(bindings, &moderator, tenant, id).await?;
    // The minutes carry the questions' texts and names: taking them is on the record.
    let now = clock::now_iso();
    let entry = store::audit::NewEntry {
        tenant,
        moderator_id: Some(moderator.id),
        action: "dialogue.minutes",
        subject: &format!("dialogue:{}", moderated.dialogue.id),
        before: String::new(),
        after: serde_json::json!({ "format": format, "questions": moderated.questions.len() }).to_string(),
        at: &now,
    };
    store::audit::record(bindings.db, &entry)?.run().await?;
    let (body, media_type) = match format {
        "csv" => (minutes_csv(&moderated), "text/csv; charset=utf-8"),
        _ => (minutes_markdown(&moderated), "text/markdown; charset=utf-8"),
    };
    let response = Response::ok(body)?;
    let headers = response.headers();
    headers.set("content-type", media_type)?;
    let file = format!(
        "attachment; filename=\"dialog-{}-protokoll.{}\"",
        moderated.dialogue.id,
        if format == "csv" { "csv" } else { "md" }
    );
    headers.set("content-disposition", &file)?;
    Ok(response)
}
