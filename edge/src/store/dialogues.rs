//! Dialogues, questions, votes and answers in D1. Every change that participants can see bumps
//! the dialogue's revision and stamps the changed question with it, in the same transaction, so
//! that browsers can order the live events they receive.

use serde::Deserialize;
use tryggve_core::dialogue::{
    Answer, DialogueDetails, DialogueState, ModeratedQuestion, NewQuestion, OwnQuestion, Panelist,
    Participation, PublicDialogue, QuestionStatus,
};
use tryggve_core::moderation::RejectionReason;
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

fn optional(value: Option<&str>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

fn number(value: i64) -> JsValue {
    (value as f64).into()
}

const DIALOGUE_COLUMNS: &str =
    "id, title, description, place, starts_at, ends_at, stream_url, panel, state, now_answering, revision";

#[derive(Deserialize)]
struct DialogueRow {
    id: i64,
    title: String,
    description: String,
    place: String,
    starts_at: String,
    ends_at: String,
    stream_url: Option<String>,
    panel: String,
    state: String,
    now_answering: Option<i64>,
    revision: i64,
}

impl From<DialogueRow> for PublicDialogue {
    fn from(row: DialogueRow) -> Self {
        let panel: Vec<Panelist> = serde_json::from_str(&row.panel).unwrap_or_default();
        PublicDialogue {
            id: row.id,
            details: DialogueDetails {
                title: row.title,
                description: row.description,
                place: row.place,
                starts_at: row.starts_at,
                ends_at: row.ends_at,
                stream_url: row.stream_url,
                panel,
            },
            state: DialogueState::from_id(&row.state).unwrap_or(DialogueState::Draft),
            now_answering: row.now_answering,
            revision: row.revision,
        }
    }
}

#[derive(Deserialize)]
struct NewId {
    id: i64,
}

pub async fn create(
    db: &D1Database,
    tenant: &str,
    details: &DialogueDetails,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<PublicDialogue, ApiError> {
    let sql = "INSERT INTO dialogues (tenant_id, title, description, place, starts_at, ends_at, stream_url, \
               panel, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) RETURNING id";
    let panel = serde_json::to_string(&details.panel).unwrap_or_else(|_| "[]".into());
    let insert = db.prepare(sql).bind(&[
        tenant.into(),
        details.title.as_str().into(),
        details.description.as_str().into(),
        details.place.as_str().into(),
        details.starts_at.as_str().into(),
        details.ends_at.as_str().into(),
        optional(details.stream_url.as_deref()),
        panel.into(),
        now.into(),
    ])?;
    // One batch: the dialogue exists only with its audit entry.
    let results = db.batch(vec![insert, audit]).await?;
    let id = results[0].results::<NewId>()?.first().map(|row| row.id);
    let id = id.ok_or_else(|| ApiError::Internal("insert returned no dialogue id".into()))?;
    find(db, tenant, id).await?.ok_or(ApiError::DialogueNotFound)
}

/// `tenant`'s dialogues, the coming first; drafts only when `with_drafts`.
pub async fn list(db: &D1Database, tenant: &str, with_drafts: bool) -> Result<Vec<PublicDialogue>, ApiError> {
    let drafts = if with_drafts { "" } else { " AND state != 'draft'" };
    let sql = format!(
        "SELECT {DIALOGUE_COLUMNS} FROM dialogues WHERE tenant_id = ?1{drafts} \
         ORDER BY state = 'closed', starts_at, id LIMIT 200"
    );
    let rows: Vec<DialogueRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows.into_iter().map(PublicDialogue::from).collect())
}

pub async fn find(db: &D1Database, tenant: &str, id: i64) -> Result<Option<PublicDialogue>, ApiError> {
    let sql = format!("SELECT {DIALOGUE_COLUMNS} FROM dialogues WHERE tenant_id = ?1 AND id = ?2");
    let row: Option<DialogueRow> = db.prepare(sql).bind(&[tenant.into(), number(id)])?.first(None).await?;
    Ok(row.map(PublicDialogue::from))
}

/// Stores the dialogue's details, state and "now answering" mark with its audit entry, and
/// returns it at its new revision.
pub async fn save(
    db: &D1Database,
    tenant: &str,
    dialogue: &PublicDialogue,
    audit: D1PreparedStatement,
    now: &str,
) -> Result<PublicDialogue, ApiError> {
    let d = &dialogue.details;
    let sql = "UPDATE dialogues SET title = ?1, description = ?2, place = ?3, starts_at = ?4, ends_at = ?5, \
               stream_url = ?6, panel = ?7, state = ?8, now_answering = ?9, revision = revision + 1, \
               updated_at = ?10 WHERE tenant_id = ?11 AND id = ?12";
    let update = db.prepare(sql).bind(&[
        d.title.as_str().into(),
        d.description.as_str().into(),
        d.place.as_str().into(),
        d.starts_at.as_str().into(),
        d.ends_at.as_str().into(),
        optional(d.stream_url.as_deref()),
        serde_json::to_string(&d.panel).unwrap_or_else(|_| "[]".into()).into(),
        dialogue.state.id().into(),
        dialogue.now_answering.map_or(JsValue::NULL, number),
        now.into(),
        tenant.into(),
        number(dialogue.id),
    ])?;
    db.batch(vec![update, audit]).await?;
    find(db, tenant, dialogue.id).await?.ok_or(ApiError::DialogueNotFound)
}

const QUESTION_COLUMNS: &str = "id, text, display_name, status, rejection_reason, merged_into, votes, \
                                asked_at, answered_at, revision, published";

#[derive(Deserialize)]
struct QuestionRow {
    id: i64,
    text: String,
    display_name: Option<String>,
    status: String,
    rejection_reason: Option<String>,
    merged_into: Option<i64>,
    votes: u32,
    asked_at: String,
    answered_at: Option<String>,
    revision: i64,
    published: u32,
    /// Selected only where the sender matters (retries).
    #[serde(default)]
    participant_hash: String,
}

impl QuestionRow {
    fn status(&self) -> QuestionStatus {
        QuestionStatus::from_id(&self.status).unwrap_or(QuestionStatus::Pending)
    }

    fn into_moderated(self, answers: Vec<Answer>) -> ModeratedQuestion {
        ModeratedQuestion {
            id: self.id,
            status: self.status(),
            rejection_reason: self.rejection_reason.as_deref().and_then(RejectionReason::from_id),
            text: self.text,
            display_name: self.display_name,
            merged_into: self.merged_into,
            votes: self.votes,
            asked_at: self.asked_at,
            answered_at: self.answered_at,
            answers,
            revision: self.revision,
            published: self.published != 0,
        }
    }

    fn into_own(self) -> OwnQuestion {
        OwnQuestion {
            id: self.id,
            status: self.status(),
            rejection_reason: self.rejection_reason.as_deref().and_then(RejectionReason::from_id),
            text: self.text,
            asked_at: self.asked_at,
        }
    }
}

#[derive(Deserialize)]
struct AnswerRow {
    question_id: i64,
    responder_name: String,
    responder_title: String,
    text: String,
    at: String,
}

/// The questions of a dialogue with their answers, in the order asked; only approved ones
/// when `approved_only`.
pub async fn questions(
    db: &D1Database,
    tenant: &str,
    dialogue: i64,
    approved_only: bool,
) -> Result<Vec<ModeratedQuestion>, ApiError> {
    let approved = if approved_only { " AND status = 'approved'" } else { "" };
    let sql = format!(
        "SELECT {QUESTION_COLUMNS} FROM questions WHERE tenant_id = ?1 AND dialogue_id = ?2{approved} \
         ORDER BY asked_at, id"
    );
    let rows: Vec<QuestionRow> =
        db.prepare(sql).bind(&[tenant.into(), number(dialogue)])?.all().await?.results()?;
    let sql = "SELECT a.question_id, a.responder_name, a.responder_title, a.text, a.at FROM answers a \
               JOIN questions q ON q.id = a.question_id WHERE q.tenant_id = ?1 AND q.dialogue_id = ?2 \
               ORDER BY a.id";
    let answers: Vec<AnswerRow> =
        db.prepare(sql).bind(&[tenant.into(), number(dialogue)])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let own = answers
                .iter()
                .filter(|a| a.question_id == row.id)
                .map(|a| Answer {
                    responder_name: a.responder_name.clone(),
                    responder_title: a.responder_title.clone(),
                    text: a.text.clone(),
                    at: a.at.clone(),
                })
                .collect();
            row.into_moderated(own)
        })
        .collect())
}

pub async fn question(
    db: &D1Database,
    tenant: &str,
    dialogue: i64,
    id: i64,
) -> Result<Option<ModeratedQuestion>, ApiError> {
    let sql = format!(
        "SELECT {QUESTION_COLUMNS} FROM questions WHERE tenant_id = ?1 AND dialogue_id = ?2 AND id = ?3"
    );
    let row: Option<QuestionRow> =
        db.prepare(sql).bind(&[tenant.into(), number(dialogue), number(id)])?.first(None).await?;
    let Some(row) = row else { return Ok(None) };
    let sql = "SELECT question_id, responder_name, responder_title, text, at FROM answers \
               WHERE question_id = ?1 ORDER BY id";
    let answers: Vec<AnswerRow> = db.prepare(sql).bind(&[number(id)])?.all().await?.results()?;
    let answers = answers
        .into_iter()
        .map(|a| Answer {
            responder_name: a.responder_name,
            responder_title: a.responder_title,
            text: a.text,
            at: a.at,
        })
        .collect();
    Ok(Some(row.into_moderated(answers)))
}

/// Stores a resident's question (pending moderation).
pub async fn insert_question(
    db: &D1Database,
    tenant: &str,
    dialogue: i64,
    participant_hash: &str,
    question: &NewQuestion,
    now: &str,
) -> Result<OwnQuestion, ApiError> {
    let sql = format!(
        "INSERT INTO questions (tenant_id, dialogue_id, participant_hash, idempotency_key, text, display_name, \
         asked_at, revision) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, revision FROM dialogues WHERE id = ?2 \
         RETURNING {QUESTION_COLUMNS}"
    );
    let row: Option<QuestionRow> = db
        .prepare(sql)
        .bind(&[
            tenant.into(),
            number(dialogue),
            participant_hash.into(),
            optional(question.idempotency_key.as_deref()),
            question.text.as_str().into(),
            optional(question.display_name.as_deref()),
            now.into(),
        ])?
        .first(None)
        .await?;
    row.map(QuestionRow::into_own).ok_or_else(|| ApiError::Internal("insert returned no question".into()))
}

/// The question stored under a retry key, with the hash of the participant who sent it.
pub async fn question_by_key(
    db: &D1Database,
    dialogue: i64,
    key: &str,
) -> Result<Option<(String, OwnQuestion)>, ApiError> {
    let sql = format!(
        "SELECT participant_hash, {QUESTION_COLUMNS} FROM questions WHERE dialogue_id = ?1 AND idempotency_key = ?2"
    );
    let found: Option<QuestionRow> =
        db.prepare(sql).bind(&[number(dialogue), key.into()])?.first(None).await?;
    Ok(found.map(|mut row| (std::mem::take(&mut row.participant_hash), row.into_own())))
}

/// A participant's own questions (every status) and the questions they voted for.
pub async fn participation(
    db: &D1Database,
    tenant: &str,
    dialogue: i64,
    participant_hash: &str,
) -> Result<Participation, ApiError> {
    let sql = format!(
        "SELECT {QUESTION_COLUMNS} FROM questions WHERE tenant_id = ?1 AND dialogue_id = ?2 \
         AND participant_hash = ?3 ORDER BY asked_at, id"
    );
    let args = [tenant.into(), number(dialogue), participant_hash.into()];
    let rows: Vec<QuestionRow> = db.prepare(sql).bind(&args)?.all().await?.results()?;
    #[derive(Deserialize)]
    struct Voted {
        question_id: i64,
    }
    let sql = "SELECT v.question_id FROM question_votes v JOIN questions q ON q.id = v.question_id \
               WHERE q.tenant_id = ?1 AND q.dialogue_id = ?2 AND v.participant_hash = ?3";
    let votes: Vec<Voted> = db.prepare(sql).bind(&args)?.all().await?.results()?;
    Ok(Participation {
        questions: rows.into_iter().map(QuestionRow::into_own).collect(),
        votes: votes.into_iter().map(|v| v.question_id).collect(),
    })
}

/// The statements that give a changed question the dialogue's next revision. Run first in the
/// batch that changes the question.
fn bump(db: &D1Database, dialogue: i64, now: &str) -> Result<D1PreparedStatement, ApiError> {
    let sql = "UPDATE dialogues SET revision = revision + 1, updated_at = ?2 WHERE id = ?1";
    Ok(db.prepare(sql).bind(&[number(dialogue), now.into()])?)
}

/// Records one participant's vote for a question. `false` if they had voted for it already.
/// The count is recomputed from the votes themselves, so concurrent votes cannot be lost.
pub async fn vote(
    db: &D1Database,
    dialogue: i64,
    question: i64,
    participant_hash: &str,
    now: &str,
) -> Result<bool, ApiError> {
    let sql = "INSERT OR IGNORE INTO question_votes (question_id, participant_hash, at) VALUES (?1, ?2, ?3)";
    let inserted =
        db.prepare(sql).bind(&[number(question), participant_hash.into(), now.into()])?.run().await?;
    if inserted.meta()?.and_then(|m| m.changes).unwrap_or(0) == 0 {
        return Ok(false);
    }
    db.batch(vec![bump(db, dialogue, now)?, recount(db, dialogue, question)?]).await?;
    Ok(true)
}

fn recount(db: &D1Database, dialogue: i64, question: i64) -> Result<D1PreparedStatement, ApiError> {
    let sql = "UPDATE questions SET votes = (SELECT COUNT(*) FROM question_votes WHERE question_id = ?1), \
               revision = (SELECT revision FROM dialogues WHERE id = ?2) WHERE id = ?1";
    Ok(db.prepare(sql).bind(&[number(question), number(dialogue)])?)
}

/// Stores a question's moderation state (text, name, status, reason, answered) with its audit
/// entry; an approved question is marked as published for good.
pub async fn save_question(
    db: &D1Database,
    dialogue: i64,
    next: &ModeratedQuestion,
    audit: D1PreparedStatement,
    now: &str,
) -> Result<(), ApiError> {
    let sql = "UPDATE questions SET text = ?1, display_name = ?2, status = ?3, rejection_reason = ?4, \
               answered_at = ?5, revision = (SELECT revision FROM dialogues WHERE id = ?6), \
               published = MAX(published, ?3 = 'approved') \
               WHERE dialogue_id = ?6 AND id = ?7";
    let update = db.prepare(sql).bind(&[
        next.text.as_str().into(),
        optional(next.display_name.as_deref()),
        next.status.id().into(),
        optional(next.rejection_reason.map(RejectionReason::id)),
        optional(next.answered_at.as_deref()),
        number(dialogue),
        number(next.id),
    ])?;
    // A question answered, or no longer public, is not the one being answered now.
    let unmark = db
        .prepare(
            "UPDATE dialogues SET now_answering = NULL WHERE id = ?1 AND now_answering = ?2 \
             AND (?3 IS NOT NULL OR ?4 <> 'approved')",
        )
        .bind(&[
            number(dialogue),
            number(next.id),
            optional(next.answered_at.as_deref()),
            next.status.id().into(),
        ])?;
    db.batch(vec![bump(db, dialogue, now)?, update, unmark, audit]).await?;
    Ok(())
}

/// Folds question `from` into `into`: its voters count for `into` (once each), it leaves the
/// public list, and a "now answering" mark on it moves along.
pub async fn merge(
    db: &D1Database,
    dialogue: i64,
    from: i64,
    into: i64,
    audit: D1PreparedStatement,
    now: &str,
) -> Result<(), ApiError> {
    let copy_votes = db
        .prepare(
            "INSERT OR IGNORE INTO question_votes (question_id, participant_hash, at) \
             SELECT ?2, participant_hash, at FROM question_votes WHERE question_id = ?1",
        )
        .bind(&[number(from), number(into)])?;
    let retire = db
        .prepare(
            "UPDATE questions SET status = 'merged', merged_into = ?2, \
             revision = (SELECT revision FROM dialogues WHERE id = ?3) WHERE id = ?1",
        )
        .bind(&[number(from), number(into), number(dialogue)])?;
    let mark = db
        .prepare("UPDATE dialogues SET now_answering = ?2 WHERE id = ?3 AND now_answering = ?1")
        .bind(&[number(from), number(into), number(dialogue)])?;
    db.batch(vec![bump(db, dialogue, now)?, copy_votes, recount(db, dialogue, into)?, retire, mark, audit])
        .await?;
    Ok(())
}

/// Adds a written answer and marks the question answered (if it was not already), and no
/// longer the one being answered now.
pub async fn add_answer(
    db: &D1Database,
    dialogue: i64,
    question: i64,
    moderator_id: i64,
    answer: &Answer,
    audit: D1PreparedStatement,
) -> Result<(), ApiError> {
    let insert = db
        .prepare(
            "INSERT INTO answers (question_id, moderator_id, responder_name, responder_title, text, at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(&[
            number(question),
            number(moderator_id),
            answer.responder_name.as_str().into(),
            answer.responder_title.as_str().into(),
            answer.text.as_str().into(),
            answer.at.as_str().into(),
        ])?;
    let mark = db
        .prepare(
            "UPDATE questions SET answered_at = COALESCE(answered_at, ?3), \
             revision = (SELECT revision FROM dialogues WHERE id = ?2) WHERE id = ?1",
        )
        .bind(&[number(question), number(dialogue), answer.at.as_str().into()])?;
    let unmark = db
        .prepare("UPDATE dialogues SET now_answering = NULL WHERE id = ?1 AND now_answering = ?2")
        .bind(&[number(dialogue), number(question)])?;
    db.batch(vec![bump(db, dialogue, &answer.at)?, insert, mark, unmark, audit]).await?;
    Ok(())
}

/// Removes what ties questions older than `cutoff` to a person or device: display names,
/// participant hashes, retry keys, and the text of questions not published (pending or
/// rejected, often for personal data, or merged into another without ever being published).
/// Individual votes go once their dialogue is closed (the counts stay): while it is open they
/// are what keeps one vote per participant, and the count is recounted from them. Returns how
/// many questions were purged, and how many votes.
pub async fn purge_before(db: &D1Database, tenant: &str, cutoff: &str) -> Result<(u32, u32), ApiError> {
    const UNPUBLISHED: &str = "(status IN ('pending', 'rejected') OR (status = 'merged' AND published = 0))";
    let sql = format!(
        "UPDATE questions SET display_name = NULL, participant_hash = '', idempotency_key = NULL, \
         text = CASE WHEN {UNPUBLISHED} THEN '' ELSE text END \
         WHERE tenant_id = ?1 AND asked_at < ?2 \
         AND (participant_hash != '' OR ({UNPUBLISHED} AND text != '')) RETURNING id"
    );
    let purged = db.prepare(sql).bind(&[tenant.into(), cutoff.into()])?.all().await?;
    let votes = "DELETE FROM question_votes WHERE at < ?2 AND question_id IN \
                 (SELECT questions.id FROM questions JOIN dialogues ON dialogues.id = questions.dialogue_id \
                 WHERE questions.tenant_id = ?1 AND dialogues.state = 'closed')";
    let removed = db.prepare(votes).bind(&[tenant.into(), cutoff.into()])?.run().await?;
    let votes = removed.meta()?.and_then(|m| m.changes).unwrap_or(0);
    Ok((purged.results::<serde_json::Value>()?.len() as u32, votes as u32))
}
