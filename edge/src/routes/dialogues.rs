//! The residents' side of a trygghetsdialog: read it, ask, vote, follow one's own questions, and
//! listen live. Participants have no account: their browser makes a secret (the participant
//! code) and sends it as a bearer token; the edge keeps only its hash.

use tryggve_core::dialogue::is_participant_token;
use tryggve_core::dialogue::{DialogueSnapshot, PublicDialogue, QuestionDraft, QuestionStatus};
use worker::{D1Database, Request, Response};

use super::{public_tenant, Bindings, Caller};
use crate::error::ApiError;
use crate::{client, clock, http, human, limits, room, store, token};

/// Dialogue ids in paths are numbers; anything else is a dialogue that does not exist.
pub fn parse_id(segment: &str) -> Result<i64, ApiError> {
    segment.parse::<i64>().ok().filter(|id| *id > 0).ok_or(ApiError::DialogueNotFound)
}

/// A published dialogue of `tenant` (drafts do not exist for residents).
async fn public_dialogue(db: &D1Database, tenant: &str, id: &str) -> Result<PublicDialogue, ApiError> {
    let dialogue = store::dialogues::find(db, tenant, parse_id(id)?).await?;
    dialogue.filter(|d| d.state.is_public()).ok_or(ApiError::DialogueNotFound)
}

/// The hash of the caller's participant code.
fn participant(req: &Request) -> Result<String, ApiError> {
    let code =
        http::bearer_token(req).filter(|c| is_participant_token(c)).ok_or(ApiError::MissingParticipant)?;
    Ok(token::hash(&code))
}

/// `GET /api/v1/tenants/{tenant}/dialogues`: published dialogues, coming ones first.
pub async fn list(db: &D1Database, tenant: &str, caller: &Caller) -> Result<Response, ApiError> {
    public_tenant(db, tenant, caller).await?;
    Ok(http::json(200, &store::dialogues::list(db, tenant, false).await?))
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{id}`: the dialogue and its approved questions.
pub async fn snapshot(
    db: &D1Database,
    tenant: &str,
    id: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    public_tenant(db, tenant, caller).await?;
    Ok(http::json(200, &load_snapshot(db, tenant, id).await?))
}

async fn load_snapshot(db: &D1Database, tenant: &str, id: &str) -> Result<DialogueSnapshot, ApiError> {
    let dialogue = public_dialogue(db, tenant, id).await?;
    let questions = store::dialogues::questions(db, tenant, dialogue.id, true).await?;
    Ok(DialogueSnapshot { dialogue, questions: questions.iter().filter_map(|q| q.public()).collect() })
}

/// `POST /api/v1/tenants/{tenant}/dialogues/{id}/questions`: a resident asks. The question
/// waits for moderation; 201 with the author's view of it (200 for a retry already stored).
pub async fn ask(
    req: &mut Request,
    bindings: &Bindings<'_>,
    tenant: &str,
    id: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let config = public_tenant(db, tenant, caller).await?;
    let participant = participant(req)?;
    let draft: QuestionDraft = http::read_json(req).await?;
    let dialogue = public_dialogue(db, tenant, id).await?;
    let question = draft.validated().map_err(ApiError::Invalid)?;
    if let Some(key) = &question.idempotency_key {
        if let Some((sender, stored)) = store::dialogues::question_by_key(db, dialogue.id, key).await? {
            return match sender == participant {
                true => Ok(http::json(200, &stored)),
                false => Err(ApiError::IdempotencyConflict),
            };
        }
    }
    if !dialogue.state.accepts_questions() {
        return Err(ApiError::DialogueNotOpen);
    }
    human::require(bindings.env, &config, draft.human_token.as_deref(), req).await?;
    let client = client::key(req, bindings.env, &format!("question:{tenant}"))?;
    let now = clock::now_iso();
    let rate_event = limits::take(db, &client, config.limits.questions_per_hour, &now).await?;
    match store::dialogues::insert_question(db, tenant, dialogue.id, &participant, &question, &now).await {
        Ok(own) => Ok(http::json(201, &own)),
        Err(e) => {
            // Not stored, so not counted. Two copies of one retry may have raced: the other won
            // the unique index.
            limits::give_back(db, rate_event).await?;
            match &question.idempotency_key {
                Some(key) => match store::dialogues::question_by_key(db, dialogue.id, key).await? {
                    Some((sender, stored)) if sender == participant => Ok(http::json(200, &stored)),
                    _ => Err(e),
                },
                None => Err(e),
            }
        }
    }
}

/// `POST /api/v1/tenants/{tenant}/dialogues/{id}/questions/{question}/votes`: one vote per
/// participant and question (409 for a second). 201 with the question's new count, which every
/// connected browser also receives.
pub async fn vote(
    req: &Request,
    bindings: &Bindings<'_>,
    tenant: &str,
    id: &str,
    question: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let config = public_tenant(db, tenant, caller).await?;
    let participant = participant(req)?;
    let dialogue = public_dialogue(db, tenant, id).await?;
    let question_id = question.parse::<i64>().map_err(|_| ApiError::QuestionNotFound)?;
    let question = store::dialogues::question(db, tenant, dialogue.id, question_id).await?;
    if !question.is_some_and(|q| q.status == QuestionStatus::Approved) {
        return Err(ApiError::QuestionNotFound);
    }
    if !dialogue.state.accepts_questions() {
        return Err(ApiError::DialogueNotOpen);
    }
    let client = client::key(req, bindings.env, &format!("vote:{tenant}"))?;
    let now = clock::now_iso();
    let rate_event = limits::take(db, &client, config.limits.votes_per_hour, &now).await?;
    if !store::dialogues::vote(db, dialogue.id, question_id, &participant, &now).await? {
        limits::give_back(db, rate_event).await?;
        return Err(ApiError::AlreadyVoted);
    }
    let counted = store::dialogues::question(db, tenant, dialogue.id, question_id)
        .await?
        .and_then(|q| q.public())
        .ok_or(ApiError::QuestionNotFound)?;
    let event = tryggve_core::dialogue::LiveEvent::Question { question: counted.clone() };
    room::broadcast(bindings.env, tenant, dialogue.id, &[event]).await;
    Ok(http::json(201, &counted))
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{id}/mine`: the caller's own questions (whatever their
/// status: "waiting for moderation", rejected and why) and the questions they voted for.
pub async fn mine(
    req: &Request,
    db: &D1Database,
    tenant: &str,
    id: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    public_tenant(db, tenant, caller).await?;
    let participant = participant(req)?;
    let dialogue = public_dialogue(db, tenant, id).await?;
    Ok(http::json(200, &store::dialogues::participation(db, tenant, dialogue.id, &participant).await?))
}

/// `GET /api/v1/tenants/{tenant}/dialogues/{id}/live` (WebSocket): joins the dialogue's live
/// room. The page's origin must be one the tenant allows, like every other cross-origin call;
/// a client opens only so many lines an hour, and holds only so many in one room (the room
/// counts those). Without `Upgrade` the same checks say whether a handshake would be refused
/// now (429) or accepted (426: use a WebSocket): a browser cannot read why one failed, so it asks.
pub async fn live(
    req: &Request,
    bindings: &Bindings<'_>,
    tenant: &str,
    id: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let upgrade = req.headers().get("upgrade").ok().flatten().unwrap_or_default();
    let joining = upgrade.eq_ignore_ascii_case("websocket");
    let config = public_tenant(bindings.db, tenant, caller).await?;
    let dialogue = public_dialogue(bindings.db, tenant, id).await?;
    let client = client::key(req, bindings.env, &format!("live:{tenant}"))?;
    let (per_hour, now) = (config.limits.live_joins_per_hour, clock::now_iso());
    match joining {
        true => _ = limits::take(bindings.db, &client, per_hour, &now).await?,
        false => limits::check(bindings.db, &client, per_hour, &now).await?,
    }
    // A request of our own to the room, with the client's keys and cap in headers of ours
    // (the incoming request's headers cannot be changed).
    let headers = req.headers().clone();
    headers.set(room::CLIENT_HEADER, &client.today)?;
    headers.set(room::CLIENT_YESTERDAY_HEADER, &client.yesterday)?;
    headers.set(room::CAP_HEADER, &config.limits.live_connections_per_client.to_string())?;
    let mut init = worker::RequestInit::new();
    init.with_method(worker::Method::Get).with_headers(headers);
    let forwarded = Request::new_with_init(req.url()?.as_str(), &init)?;
    Ok(room::stub(bindings.env, tenant, dialogue.id)?.fetch_with_request(forwarded).await?)
}
