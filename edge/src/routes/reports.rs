use tryggve_core::api::RequestTarget;
use tryggve_core::password::{check_access_code, AccessCodeCheck};
use tryggve_core::public_map::{PublicMap, Viewport};
use tryggve_core::report::{case_number, parse_case_number};
use tryggve_core::tenant::is_valid_tenant_id;
use tryggve_core::validation::{FieldError, FieldErrorCode};
use tryggve_core::{validate_report, NewReport, ReportDraft, ReportReceipt};
use worker::{D1Database, Request, Response};

use super::{public_tenant, Bindings, Caller};
use crate::error::ApiError;
use crate::{client, clock, http, human, limits, secrets, store, token};

/// `POST /api/v1/reports`: a resident reports a place. Answers 201 with the case number and
/// the follow-up code, which is shown once and stored only as a hash.
pub async fn create(
    req: &mut Request,
    bindings: &Bindings<'_>,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let db = bindings.db;
    let draft: ReportDraft = http::read_json(req).await?;
    let tenant_id = draft
        .tenant
        .clone()
        .ok_or(ApiError::Invalid(FieldError { field: "tenant", code: FieldErrorCode::Required }))?;
    if !is_valid_tenant_id(&tenant_id) {
        return Err(ApiError::UnknownTenant { in_body: true });
    }
    let tenant = crate::tenant_cache::config(db, &tenant_id)
        .await?
        .ok_or(ApiError::UnknownTenant { in_body: true })?;
    caller.check(db, &tenant.id).await?;
    let report = validate_report(&draft, &tenant).map_err(|errors| ApiError::Invalid(errors[0]))?;

    // A retry of a report already stored gets the same answer, and nothing is stored twice.
    if let Some(key) = &report.idempotency_key {
        if let Some(stored) = store::reports::find_by_idempotency_key(db, &tenant.id, key).await? {
            return replay(stored, &report);
        }
    }
    // Retries (above) need no new human check (its token is single-use) and are never limited.
    human::require(bindings.env, &tenant, draft.human_token.as_deref(), req).await?;
    let client = client::key(req, bindings.env, &format!("report:{}", tenant.id))?;
    let created_at = clock::now_iso();
    let rate_event = limits::take(db, &client, tenant.limits.reports_per_hour, &created_at).await?;
    let year: i32 =
        created_at[..4].parse().map_err(|_| ApiError::Internal(format!("clock: {created_at}")))?;
    let followup_token = match &report.followup_token {
        Some(chosen) => chosen.clone(),
        None => token::new_token()?,
    };
    // Staff and police are believed only with their municipality's code. Wrong codes have a
    // small limit of their own (and count against the report limit too), so that codes cannot
    // be guessed at speed.
    if let Some(code) = &report.access_code {
        let guesses = client::key(req, bindings.env, &format!("access-code:{}", tenant.id))?;
        let taken = match secrets::required(bindings.env, secrets::ACCESS_CODE_PEPPER) {
            Ok(pepper) => limits::take(db, &guesses, ACCESS_CODE_TRIES_PER_HOUR, &created_at)
                .await
                .map(|guess| (pepper, guess)),
            Err(unset) => Err(unset),
        };
        let (pepper, guess) = match taken {
            Ok(taken) => taken,
            Err(refused) => {
                // Refused unchecked: no report was sent.
                limits::give_back(db, rate_event).await?;
                return Err(refused);
            }
        };
        let group = report.reporter_group;
        let stored = store::tenants::access_codes(db, &tenant.id).await?;
        let stored = stored.into_iter().find(|(g, _)| g == group.id()).map(|(_, hash)| hash);
        let check = stored.as_deref().map(|hash| check_access_code(&pepper, &tenant.id, group, code, hash));
        match check {
            None | Some(AccessCodeCheck::Wrong) => {
                return Err(ApiError::Invalid(FieldError::new(
                    "access_code",
                    FieldErrorCode::InvalidAccessCode,
                )))
            }
            Some(AccessCodeCheck::Right) => {}
            Some(AccessCodeCheck::RightStoreAnew(hash)) => {
                let old = stored.unwrap_or_default();
                store::tenants::store_access_code_anew(db, &tenant.id, group.id(), &old, &hash).await?;
            }
        }
        // The right code was no guess.
        limits::give_back(db, guess).await?;
    }
    match store::reports::insert(db, &report, year, &token::hash(&followup_token), &created_at).await {
        Ok(seq) => {
            Ok(http::json(201, &ReportReceipt { case_number: case_number(year, seq), followup_token }))
        }
        Err(e) => {
            // Not stored, so not counted. Two copies of one retry may have raced: the other one
            // won the unique index.
            limits::give_back(db, rate_event).await?;
            match &report.idempotency_key {
                Some(key) => match store::reports::find_by_idempotency_key(db, &tenant.id, key).await? {
                    Some(stored) => replay(stored, &report),
                    None => Err(e),
                },
                None => Err(e),
            }
        }
    }
}

/// The answer to a report sent again: 200 with the first receipt, if the code matches.
fn replay(stored: store::reports::StoredKey, report: &NewReport) -> Result<Response, ApiError> {
    let token = report.followup_token.clone().unwrap_or_default();
    if token::hash(&token) != stored.followup_token_hash {
        return Err(ApiError::IdempotencyConflict);
    }
    let receipt =
        ReportReceipt { case_number: case_number(stored.case_year, stored.case_seq), followup_token: token };
    Ok(http::json(200, &receipt))
}

/// `GET /api/v1/tenants/{tenant}/reports/{case}` with `Authorization: Bearer <follow-up code>`:
/// the author follows their report. A wrong code looks exactly like a missing report.
pub async fn follow_up(
    req: &Request,
    db: &D1Database,
    tenant: &str,
    case: &str,
    caller: &Caller,
) -> Result<Response, ApiError> {
    public_tenant(db, tenant, caller).await?;
    let token = http::bearer_token(req).ok_or(ApiError::MissingToken)?;
    let case = parse_case_number(case).ok_or(ApiError::ReportNotFound)?;
    let view = store::reports::find_for_follow_up(db, tenant, case, &token::hash(&token))
        .await?
        .ok_or(ApiError::ReportNotFound)?;
    Ok(http::json(200, &view))
}

/// Wrong access codes a client may send to one municipality in an hour.
const ACCESS_CODE_TRIES_PER_HOUR: u32 = 10;

/// `GET /api/v1/tenants/{tenant}/public-reports?bbox=west,south,east,north&zoom=z`: what the
/// public map shows of a viewport (the municipality's whole map if left out): approved reports,
/// coarsened, when few lie in it, else clusters from the counted cells. Never more than
/// `MAX_FEATURES` either way, however many reports there are.
pub async fn public_map(
    db: &D1Database,
    tenant: &str,
    target: &RequestTarget<'_>,
    caller: &Caller,
) -> Result<Response, ApiError> {
    let config = public_tenant(db, tenant, caller).await?;
    let whole_map = Viewport { bbox: config.map.bounds, zoom: config.map.zoom };
    let pairs: Vec<_> = form_urlencoded::parse(target.query.as_bytes()).collect();
    let viewport = Viewport::from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), whole_map)
        .map_err(ApiError::Invalid)?;
    // The municipality's policy may keep the map to its moderators.
    if !config.public_map {
        return Ok(http::json(200, &PublicMap::default()));
    }
    let cells = store::reports::public_cells(db, tenant, &viewport.cells_to_read()).await?;
    if let Some(clusters) = PublicMap::from_cells(&viewport, cells) {
        return Ok(http::json(200, &clusters));
    }
    let search = viewport.reports_search_box();
    let reports = store::reports::approved_in(db, tenant, &search, viewport.marker_limit()).await?;
    Ok(http::json(200, &PublicMap::from_reports(&viewport, reports)))
}
