//! The residents' side of a trygghetsdialog: read it, ask, vote, follow one's own questions, and
//! listen live. Participants have no account: the edge issues their browser a participant code
//! (under a per-client limit, so that one address cannot vote as hundreds), which the browser
//! keeps and sends as a bearer token; the edge stores only its hash.

use tryggve_core::api::operations::{
    AskQuestion, IssueParticipantCode, JoinLive, ListDialogues, ReadDialogue, ReadParticipation, Vote,
};
use tryggve_core::api::path::{DialoguePath, QuestionPath, TenantPath};
use tryggve_core::dialogue::{
    DialogueSnapshot, IssuedParticipant, OwnQuestion, Participation, PublicDialogue, PublicQuestion,
    QuestionDraft, QuestionStatus,
};
use tryggve_core::participant_code;
use worker::D1Database;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::public_cache::{self, Subject};
use crate::room::Live;
use crate::{client, clock, human, limits, room, secrets, store, token};

/// A published dialogue (drafts do not exist for residents).
async fn public_dialogue(db: &D1Database, tenant: &str, id: i64) -> Result<PublicDialogue, ApiError> {
    let dialogue = store::dialogues::find(db, tenant, id).await?;
    dialogue.filter(|d| d.state.is_public()).ok_or(ApiError::DialogueNotFound)
}

/// `GET /api/v1/tenants/{tenant}/dialogues`: published dialogues, coming ones first (cached).
impl Handler for ListDialogues {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        _: (),
    ) -> Result<Reply<Vec<PublicDialogue>>, ApiError> {
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let listed = public_cache::through(cx, tenant, Subject::Dialogues, async move {
            store::dialogues::list(db, tenant, false).await
        });
        Ok(Reply::Passed(listed.await?))
    }
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{dialogue}`: the dialogue and its approved questions
/// (cached).
impl Handler for ReadDialogue {
    async fn handle(cx: &mut Cx<'_>, path: DialoguePath, _: ()) -> Result<Reply<DialogueSnapshot>, ApiError> {
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let snapshot = public_cache::through(cx, tenant, Subject::Dialogues, async move {
            let dialogue = public_dialogue(db, tenant, path.dialogue).await?;
            let questions = store::dialogues::questions(db, tenant, dialogue.id, true).await?;
            let questions = questions.iter().filter_map(|q| q.public()).collect();
            Ok(DialogueSnapshot { dialogue, questions })
        });
        Ok(Reply::Passed(snapshot.await?))
    }
}

/// `POST /api/v1/tenants/{tenant}/participants`: a new participant code for this municipality's
/// dialogues, asked for by the widget the first time a resident asks or votes. Nothing is
/// stored: the code carries its own proof (see `participant_code`).
impl Handler for IssueParticipantCode {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<IssuedParticipant>, ApiError> {
        let (db, env, tenant) = (cx.db, cx.env, path.tenant.as_str());
        let config = cx.tenant_config(tenant).await?;
        let key = secrets::required(env, secrets::PARTICIPANT_KEY)?;
        let client = client::key(cx.req(), env, &format!("participant:{tenant}"))?;
        limits::take(db, &client, config.limits.participants_per_hour, &clock::now_iso()).await?;
        let mut random = [0; participant_code::RANDOM_BYTES];
        random.copy_from_slice(&token::random_bytes(participant_code::RANDOM_BYTES as u32)?);
        Ok(Reply::Done(IssuedParticipant { code: participant_code::issue(&key, tenant, random) }))
    }
}

/// `POST /api/v1/tenants/{tenant}/dialogues/{dialogue}/questions`: a resident asks. The question
/// waits for moderation; 201 with the author's view of it (200 for a retry already stored).
impl Handler for AskQuestion {
    async fn handle(
        cx: &mut Cx<'_>,
        path: DialoguePath,
        draft: QuestionDraft,
    ) -> Result<Reply<OwnQuestion>, ApiError> {
        let (db, env, tenant) = (cx.db, cx.env, path.tenant.as_str());
        let config = cx.tenant_config(tenant).await?;
        let participant = token::hash(cx.code()?);
        let dialogue = public_dialogue(cx.db, tenant, path.dialogue).await?;
        let question = draft.validated().map_err(ApiError::Invalid)?;
        if let Some(key) = &question.idempotency_key {
            if let Some((sender, stored)) = store::dialogues::question_by_key(db, dialogue.id, key).await? {
                return match sender == participant {
                    true => Ok(Reply::AlreadyStored(stored)),
                    false => Err(ApiError::IdempotencyConflict),
                };
            }
        }
        if !dialogue.state.accepts_questions() {
            return Err(ApiError::DialogueNotOpen);
        }
        // The limit comes before the human check, so failed checks are limited too.
        let req = cx.req();
        let client = client::key(req, env, &format!("question:{tenant}"))?;
        let now = clock::now_iso();
        let rate_event = limits::take(db, &client, config.limits.questions_per_hour, &now).await?;
        human::require(env, &config, draft.human_token.as_deref(), req).await?;
        match store::dialogues::insert_question(db, tenant, dialogue.id, &participant, &question, &now).await
        {
            Ok(own) => Ok(Reply::Done(own)),
            Err(e) => {
                // Not stored, so not counted. Two copies of one retry may have raced: the other
                // won the unique index.
                limits::give_back(db, rate_event).await?;
                match &question.idempotency_key {
                    Some(key) => match store::dialogues::question_by_key(db, dialogue.id, key).await? {
                        Some((sender, stored)) if sender == participant => Ok(Reply::AlreadyStored(stored)),
                        _ => Err(e),
                    },
                    None => Err(e),
                }
            }
        }
    }
}

/// `POST /api/v1/tenants/{tenant}/dialogues/{dialogue}/questions/{question}/votes`: one vote per
/// participant and question (409 for a second). 201 with the question's new count, which every
/// connected browser also receives.
impl Handler for Vote {
    async fn handle(cx: &mut Cx<'_>, path: QuestionPath, _: ()) -> Result<Reply<PublicQuestion>, ApiError> {
        let (db, env, tenant) = (cx.db, cx.env, path.tenant.as_str());
        let config = cx.tenant_config(tenant).await?;
        let participant = token::hash(cx.code()?);
        let dialogue = public_dialogue(cx.db, tenant, path.dialogue).await?;
        let question = store::dialogues::question(db, tenant, dialogue.id, path.question).await?;
        if !question.is_some_and(|q| q.status == QuestionStatus::Approved) {
            return Err(ApiError::QuestionNotFound);
        }
        if !dialogue.state.accepts_questions() {
            return Err(ApiError::DialogueNotOpen);
        }
        let client = client::key(cx.req(), env, &format!("vote:{tenant}"))?;
        let now = clock::now_iso();
        let rate_event = limits::take(db, &client, config.limits.votes_per_hour, &now).await?;
        if !store::dialogues::vote(db, dialogue.id, path.question, &participant, &now).await? {
            limits::give_back(db, rate_event).await?;
            return Err(ApiError::AlreadyVoted);
        }
        let counted = store::dialogues::question(db, tenant, dialogue.id, path.question)
            .await?
            .and_then(|q| q.public())
            .ok_or(ApiError::QuestionNotFound)?;
        // A snapshot read after one's own vote counts it.
        public_cache::changed(tenant, Subject::Dialogues).await?;
        let event = tryggve_core::dialogue::LiveEvent::Question { question: counted.clone() };
        room::broadcast(env, tenant, Live::Dialogue(dialogue.id), &[event]).await;
        Ok(Reply::Done(counted))
    }
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{dialogue}/mine`: the caller's own questions (whatever
/// their status: "waiting for moderation", rejected and why) and the questions they voted for.
impl Handler for ReadParticipation {
    async fn handle(cx: &mut Cx<'_>, path: DialoguePath, _: ()) -> Result<Reply<Participation>, ApiError> {
        let participant = token::hash(cx.code()?);
        let dialogue = public_dialogue(cx.db, &path.tenant, path.dialogue).await?;
        let mine = store::dialogues::participation(cx.db, &path.tenant, dialogue.id, &participant).await?;
        Ok(Reply::Done(mine))
    }
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{dialogue}/live` (WebSocket): joins the dialogue's
/// live room (see [`super::live`]).
impl Handler for JoinLive {
    async fn handle(cx: &mut Cx<'_>, path: DialoguePath, _: ()) -> Result<Reply<()>, ApiError> {
        let dialogue = public_dialogue(cx.db, &path.tenant, path.dialogue).await?;
        super::live::join(cx, &path.tenant, Live::Dialogue(dialogue.id)).await
    }
}
