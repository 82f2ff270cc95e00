//! The perceived-safety survey (see `tryggve_core::survey`): rounds planned in the console,
//! answered by residents once per device and round, and results for everyone, suppressed for an
//! area with too few answers.

use tryggve_core::api::operations::{
    AddSurveyRound, AnswerSurvey, ListSurveyRounds, ReadSurvey, ReadSurveyResults,
};
use tryggve_core::api::path::TenantPath;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::local_time::local_day;
use tryggve_core::survey::{
    results, OpenSurvey, RoundDraft, RoundResults, SurveyAnswerDraft, SurveyAnswered, SurveyRound,
};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::{client, clock, limits, store, token};

/// Today in Sweden, when rounds open and close.
fn today() -> Result<String, ApiError> {
    let now = clock::now_iso();
    local_day(&now).ok_or_else(|| ApiError::Internal(format!("clock: {now}")))
}

/// `GET /api/v1/console/{tenant}/survey-rounds`
impl Handler for ListSurveyRounds {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<SurveyRound>>, ApiError> {
        Ok(Reply::Done(store::surveys::rounds(cx.db, &path.tenant).await?))
    }
}

/// `POST /api/v1/console/{tenant}/survey-rounds` with a [`RoundDraft`].
impl Handler for AddSurveyRound {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        draft: RoundDraft,
    ) -> Result<Reply<SurveyRound>, ApiError> {
        let draft = draft.validated().map_err(ApiError::Invalid)?;
        let (db, admin) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(admin, "survey.round.add", "survey round ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_new_row(db, &entry)?;
        let id = store::surveys::insert(db, &path.tenant, &draft, &now, audit).await?;
        Ok(Reply::Done(SurveyRound { id, draft }))
    }
}

/// `GET /api/v1/tenants/{tenant}/survey`
impl Handler for ReadSurvey {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<OpenSurvey>, ApiError> {
        cx.tenant_config(&path.tenant).await?;
        let today = today()?;
        Ok(Reply::Done(OpenSurvey { round: store::surveys::open_round(cx.db, &path.tenant, &today).await? }))
    }
}

/// `POST /api/v1/tenants/{tenant}/survey/answers` with a [`SurveyAnswerDraft`].
impl Handler for AnswerSurvey {
    async fn handle(
        cx: &mut Cx<'_>,
        path: TenantPath,
        draft: SurveyAnswerDraft,
    ) -> Result<Reply<SurveyAnswered>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let today = today()?;
        let round = store::surveys::open_round(cx.db, &config.id, &today)
            .await?
            .filter(|r| r.id == draft.round)
            .ok_or(ApiError::Invalid(FieldError::new("round", FieldErrorCode::InvalidChoice)))?;
        let answer = draft.checked(&round, &config.areas).map_err(ApiError::Invalid)?;
        let env = cx.env;
        let client = client::key(cx.req(), env, &format!("survey:{}", config.id))?;
        let now = clock::now_iso();
        let event = limits::take(cx.db, &client, config.limits.reports_per_hour, &now).await?;
        // The device's key is random and stays on the device; only its hash with the round is kept.
        let device = token::hash(&format!("{}:{}:{}", config.id, round.id, draft.device));
        if !store::surveys::answer(cx.db, &config.id, round.id, &device, &answer, &now).await? {
            limits::give_back(cx.db, event).await?;
            return Err(ApiError::Invalid(FieldError::new("device", FieldErrorCode::AlreadyExists)));
        }
        Ok(Reply::Done(SurveyAnswered { round: round.id }))
    }
}

/// `GET /api/v1/tenants/{tenant}/survey/results`
impl Handler for ReadSurveyResults {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<RoundResults>>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let today = today()?;
        let opened: Vec<SurveyRound> = store::surveys::rounds(cx.db, &config.id)
            .await?
            .into_iter()
            .filter(|r| r.draft.opens_on.as_str() <= today.as_str())
            .collect();
        let ids: Vec<i64> = opened.iter().map(|r| r.id).collect();
        let mut counted = store::surveys::counts(cx.db, &ids).await?;
        let shown = opened
            .into_iter()
            .map(|round| {
                let by_area = counted.remove(&round.id).unwrap_or_default();
                let results = results(&round, &by_area, &config.areas);
                RoundResults { round, results }
            })
            .collect();
        Ok(Reply::Done(shown))
    }
}
