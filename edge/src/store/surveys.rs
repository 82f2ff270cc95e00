//! The perceived-safety survey's rounds and answers (see `tryggve_core::survey`).

use std::collections::BTreeMap;

use serde::Deserialize;
use tryggve_core::survey::{Counts, RoundDraft, SurveyAnswer, SurveyQuestions, SurveyRound};
use wasm_bindgen::JsValue;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;

#[derive(Deserialize)]
struct RoundRow {
    id: f64,
    name: String,
    opens_on: String,
    closes_on: String,
    questions: String,
}

impl RoundRow {
    fn into_round(self) -> Result<SurveyRound, ApiError> {
        let questions: SurveyQuestions = serde_json::from_str(&self.questions)
            .map_err(|e| ApiError::Internal(format!("survey round {}: {e}", self.id)))?;
        let draft =
            RoundDraft { name: self.name, opens_on: self.opens_on, closes_on: self.closes_on, questions };
        Ok(SurveyRound { id: self.id as i64, draft })
    }
}

/// The tenant's rounds, the latest to open first.
pub async fn rounds(db: &D1Database, tenant: &str) -> Result<Vec<SurveyRound>, ApiError> {
    let sql = "SELECT id, name, opens_on, closes_on, questions FROM survey_rounds WHERE tenant_id = ?1 \
               ORDER BY opens_on DESC, id DESC";
    let rows: Vec<RoundRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    rows.into_iter().map(RoundRow::into_round).collect()
}

/// The round open on `today` (a Swedish date), if any: the latest to open of those whose days
/// include it.
pub async fn open_round(db: &D1Database, tenant: &str, today: &str) -> Result<Option<SurveyRound>, ApiError> {
    let sql = "SELECT id, name, opens_on, closes_on, questions FROM survey_rounds \
               WHERE tenant_id = ?1 AND opens_on <= ?2 AND closes_on >= ?2 ORDER BY opens_on DESC, id DESC LIMIT 1";
    let row: Option<RoundRow> = db.prepare(sql).bind(&[tenant.into(), today.into()])?.first(None).await?;
    row.map(RoundRow::into_round).transpose()
}

/// Stores a new round with its `audit` entry; its id.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    draft: &RoundDraft,
    now: &str,
    audit: D1PreparedStatement,
) -> Result<i64, ApiError> {
    let sql = "INSERT INTO survey_rounds (tenant_id, name, opens_on, closes_on, questions, created_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
    let questions = serde_json::to_string(&draft.questions).map_err(|e| ApiError::Internal(e.to_string()))?;
    let values: [JsValue; 6] = [
        tenant.into(),
        draft.name.as_str().into(),
        draft.opens_on.as_str().into(),
        draft.closes_on.as_str().into(),
        questions.into(),
        now.into(),
    ];
    let insert = db.prepare(sql).bind(&values)?;
    super::insert_returning_id(db, insert, audit)
        .await?
        .ok_or_else(|| ApiError::Internal("a round was not added".into()))
}

/// Keeps `answer` to `round` from the device whose hash is `device_hash`: `false` (and nothing
/// kept) when that device has answered the round already.
pub async fn answer(
    db: &D1Database,
    tenant: &str,
    round: i64,
    device_hash: &str,
    answer: &SurveyAnswer,
    now: &str,
) -> Result<bool, ApiError> {
    let sql = "INSERT INTO survey_answers (tenant_id, round_id, device_hash, area_id, safety, worry, problems, age, answered_at) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (round_id, device_hash) DO NOTHING RETURNING id";
    let problems = serde_json::to_string(&answer.problems).map_err(|e| ApiError::Internal(e.to_string()))?;
    let age =
        answer.age.and_then(|age| serde_json::to_value(age).ok()).and_then(|v| v.as_str().map(String::from));
    let values: [JsValue; 9] = [
        tenant.into(),
        (round as f64).into(),
        device_hash.into(),
        answer.area.as_str().into(),
        answer.safety.id().into(),
        answer.worry.map_or(JsValue::NULL, |w| w.id().into()),
        problems.into(),
        age.map_or(JsValue::NULL, JsValue::from),
        now.into(),
    ];
    // A row comes back only when it was kept; what it says does not matter.
    let kept: Vec<serde::de::IgnoredAny> = db.prepare(sql).bind(&values)?.all().await?.results()?;
    Ok(!kept.is_empty())
}

/// Each round's answers counted per area (in SQL: no answer is loaded), by round id.
pub async fn counts(
    db: &D1Database,
    rounds: &[i64],
) -> Result<BTreeMap<i64, BTreeMap<String, Counts>>, ApiError> {
    #[derive(Deserialize)]
    struct Counted {
        area: String,
        dim: String,
        key: Option<String>,
        item: Option<String>,
        n: u32,
    }
    let sql = "SELECT area_id AS area, 'safety' AS dim, safety AS key, NULL AS item, COUNT(*) AS n \
                 FROM survey_answers WHERE round_id = ?1 GROUP BY area_id, safety \
               UNION ALL SELECT area_id, 'worry', worry, NULL, COUNT(*) \
                 FROM survey_answers WHERE round_id = ?1 AND worry IS NOT NULL GROUP BY area_id, worry \
               UNION ALL SELECT a.area_id, 'problem', j.value, j.key, COUNT(*) \
                 FROM survey_answers a, json_each(a.problems) j WHERE a.round_id = ?1 GROUP BY a.area_id, j.key, j.value";
    let mut counted = BTreeMap::new();
    if rounds.is_empty() {
        return Ok(counted);
    }
    let statements = rounds
        .iter()
        .map(|id| db.prepare(sql).bind(&[(*id as f64).into()]))
        .collect::<Result<Vec<_>, _>>()?;
    for (id, result) in rounds.iter().zip(db.batch(statements).await?) {
        let mut by_area: BTreeMap<String, Counts> = BTreeMap::new();
        for row in result.results::<Counted>()? {
            let key = row.key.unwrap_or_default();
            by_area.entry(row.area).or_default().add(&row.dim, &key, row.item.as_deref(), row.n);
        }
        counted.insert(*id, by_area);
    }
    Ok(counted)
}
