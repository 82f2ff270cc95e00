use tryggve_core::api::operations::{FollowReport, ReadPublicMap, SendReport};
use tryggve_core::api::path::{CasePath, TenantPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password::{check_access_code, AccessCodeCheck};
use tryggve_core::public_map::{PublicMap, Viewport};
use tryggve_core::report::case_number;
use tryggve_core::stats::{area_key, OUTSIDE_AREAS};
use tryggve_core::tenant::is_valid_tenant_id;
use tryggve_core::unit;
use tryggve_core::{validate_report, NewReport, ReportDraft, ReportReceipt, ReportView};

use super::{Cx, Handler, Reply};
use crate::client::ClientKey;
use crate::error::ApiError;
use crate::public_cache::{self, Subject};
use crate::{client, clock, human, limits, places, secrets, store, token, webhooks};

/// `POST /api/v1/reports`: a resident reports a place. Answers 201 with the case number and
/// the follow-up code, which is shown once and stored only as a hash.
impl Handler for SendReport {
    async fn handle(cx: &mut Cx<'_>, _: (), draft: ReportDraft) -> Result<Reply<ReportReceipt>, ApiError> {
        create(cx, draft).await
    }
}

async fn create(cx: &mut Cx<'_>, draft: ReportDraft) -> Result<Reply<ReportReceipt>, ApiError> {
    let (db, env, caller) = (cx.db, cx.env, cx.caller);
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
    // The limit comes before the human check, so failed checks are limited too.
    let req = cx.req();
    let client = client::key(req, env, &format!("report:{}", tenant.id))?;
    let created_at = clock::now_iso();
    let rate_event = limits::take(db, &client, tenant.limits.reports_per_hour, &created_at).await?;
    human::require(env, &tenant, draft.human_token.as_deref(), req).await?;
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
        let guesses = client::key(req, env, &format!("access-code:{}", tenant.id))?;
        let taken = match secrets::required(env, secrets::ACCESS_CODE_PEPPER) {
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
    let token_hash = token::hash(&followup_token);
    let asker = client::key(cx.req(), env, &format!("place:{}", tenant.id))?;
    match file(cx, &tenant, &report, (year, &created_at), &token_hash, (None, &asker)).await {
        Ok(seq) => Ok(Reply::Done(ReportReceipt { case_number: case_number(year, seq), followup_token })),
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

/// Stores a checked report in its area, routed by the municipality's rules as it arrives (no
/// unit: a moderator routes it), and tells the webhooks; `integration` is the system it came in
/// through, if any; `asker` who sent it, for the limit on asking the geocoder its place's name.
/// Its sequence number in the year.
pub(super) async fn file(
    cx: &Cx<'_>,
    tenant: &tryggve_core::TenantConfig,
    report: &NewReport,
    (year, created_at): (i32, &str),
    token_hash: &str,
    (integration, asker): (Option<i64>, &ClientKey),
) -> Result<u32, ApiError> {
    let db = cx.db;
    let area = area_key(&tenant.areas, report.location);
    let units = store::units::list(db, &tenant.id).await?;
    let in_area = Some(area).filter(|area| *area != OUTSIDE_AREAS);
    let unit = unit::route(&units, &report.category, in_area).map(|unit| unit.id);
    // Named as it arrives (the widget asked the same a moment ago, so it is cached). A name that
    // cannot be found is no reason to lose the report.
    let places = places::Places { db, config: tenant, geocoder: &places::HttpGeocoder, asker };
    let place = places.name_at(report.location).await.unwrap_or_else(|e| {
        worker::console_warn!("no place name for a report of {}: {e:?}", tenant.id);
        None
    });
    let stored_as = (area, unit, place.as_deref());
    let seq =
        store::reports::insert(db, report, year, token_hash, created_at, stored_as, integration).await?;
    let deliveries = webhooks::announce_filed(db, &tenant.id, (year, seq)).await;
    cx.after(|db| webhooks::deliver(db, deliveries));
    Ok(seq)
}

/// The answer to a report sent again: 200 with the first receipt, if the code matches.
fn replay(stored: store::reports::StoredKey, report: &NewReport) -> Result<Reply<ReportReceipt>, ApiError> {
    let token = report.followup_token.clone().unwrap_or_default();
    if token::hash(&token) != stored.followup_token_hash {
        return Err(ApiError::IdempotencyConflict);
    }
    let receipt =
        ReportReceipt { case_number: case_number(stored.case_year, stored.case_seq), followup_token: token };
    Ok(Reply::AlreadyStored(receipt))
}

/// `GET /api/v1/tenants/{tenant}/reports/{case}` with `Authorization: Bearer <follow-up code>`:
/// the author follows their report. A wrong code looks exactly like a missing report.
impl Handler for FollowReport {
    async fn handle(cx: &mut Cx<'_>, path: CasePath, _: ()) -> Result<Reply<ReportView>, ApiError> {
        let code_hash = token::hash(cx.code()?);
        let view = store::reports::find_for_follow_up(cx.db, &path.tenant, path.case, &code_hash)
            .await?
            .ok_or(ApiError::ReportNotFound)?;
        Ok(Reply::Done(view))
    }
}

/// Wrong access codes a client may send to one municipality in an hour.
const ACCESS_CODE_TRIES_PER_HOUR: u32 = 10;

/// `GET /api/v1/tenants/{tenant}/public-reports?bbox=west,south,east,north&zoom=z`: what the
/// public map shows of a viewport (the municipality's whole map if left out): approved reports,
/// coarsened, when few lie in it, else clusters from the counted cells. Never more than
/// `MAX_FEATURES` either way, however many reports there are. Cached (see `public_cache`).
impl Handler for ReadPublicMap {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<PublicMap>, ApiError> {
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let config = cx.tenant_config(tenant).await?;
        let whole_map = Viewport { bbox: config.map.bounds, zoom: config.map.zoom };
        let pairs: Vec<_> = form_urlencoded::parse(cx.target.query.as_bytes()).collect();
        let viewport = Viewport::from_query(pairs.iter().map(|(k, v)| (k.as_ref(), v.as_ref())), whole_map)
            .map_err(ApiError::Invalid)?;
        // The municipality's policy may keep the map to its moderators.
        if !config.public_map {
            return Ok(Reply::Done(PublicMap::default()));
        }
        let map = public_cache::through(cx, tenant, Subject::Map, async move {
            let cells = store::reports::public_cells(db, tenant, &viewport.cells_to_read()).await?;
            if let Some(clusters) = PublicMap::from_cells(&viewport, cells) {
                return Ok(clusters);
            }
            let search = viewport.reports_search_box();
            let reports = store::reports::approved_in(db, tenant, &search, viewport.marker_limit()).await?;
            Ok(PublicMap::from_reports(&viewport, reports))
        });
        Ok(Reply::Passed(map.await?))
    }
}
