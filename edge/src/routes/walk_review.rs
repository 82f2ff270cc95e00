//! After a safety walk: coordinators go through the points the group logged (correct, reject,
//! merge duplicates) and take the protocol as a page, a CSV file or GeoJSON; residents read a
//! published protocol.

use tryggve_core::api::operations::{
    ActOnWalkPoint, EditWalkPoint, ExportWalkProtocolCsv, ExportWalkProtocolGeoJson, ListReviewedWalkPoints,
    ReadPublicWalkProtocol, ReadWalkProtocol,
};
use tryggve_core::api::path::{WalkPath, WalkPointPath};
use tryggve_core::i18n::{I18n, Locale};
use tryggve_core::report::case_number;
use tryggve_core::walk::{Walk, WalkState};
use tryggve_core::walk_protocol::{PublicPlace, WalkProtocol};
use tryggve_core::walk_review::{report_of, ReviewedWalkPoint, WalkPointAction, WalkPointEdit};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::store::audit::{self, NewEntry};
use crate::{clock, store, token};

async fn found_walk(cx: &Cx<'_>, tenant: &str, walk: i64) -> Result<Walk, ApiError> {
    store::walks::find(cx.db, tenant, walk).await?.ok_or(ApiError::WalkNotFound)
}

/// The walk, its points and the one the path names.
async fn found_point(
    cx: &Cx<'_>,
    path: &WalkPointPath,
) -> Result<(Walk, Vec<ReviewedWalkPoint>, ReviewedWalkPoint), ApiError> {
    let walk = found_walk(cx, &path.tenant, path.walk).await?;
    let points = store::walk_points::reviewed(cx.db, &path.tenant, path.walk).await?;
    let point = points.iter().find(|p| p.point.id == path.point).cloned().ok_or(ApiError::NotFound)?;
    Ok((walk, points, point))
}

/// `GET /api/v1/console/{tenant}/walks/{walk}/points`
impl Handler for ListReviewedWalkPoints {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPath,
        _: (),
    ) -> Result<Reply<Vec<ReviewedWalkPoint>>, ApiError> {
        found_walk(cx, &path.tenant, path.walk).await?;
        Ok(Reply::Done(store::walk_points::reviewed(cx.db, &path.tenant, path.walk).await?))
    }
}

/// `PUT /api/v1/console/{tenant}/walks/{walk}/points/{point}` with a [`WalkPointEdit`].
impl Handler for EditWalkPoint {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPointPath,
        edit: WalkPointEdit,
    ) -> Result<Reply<ReviewedWalkPoint>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let (_, _, before) = found_point(cx, &path).await?;
        let edited = edit.applied_to(&before.point, &config).map_err(ApiError::Invalid)?;
        let after = ReviewedWalkPoint { point: edited, ..before.clone() };
        let (db, moderator, now) = (cx.db, cx.moderator()?, clock::now_iso());
        let subject = format!("walk {} point {}", path.walk, path.point);
        let entry = NewEntry::by(moderator, "walk_point.edit", &subject, &now)
            .change(audit::json(&before.point), audit::json(&after.point));
        let record = audit::record(db, &entry)?;
        store::walk_points::edit(db, (&path.tenant, path.walk), &after.point, &now, record).await?;
        Ok(Reply::Done(after))
    }
}

/// `POST /api/v1/console/{tenant}/walks/{walk}/points/{point}/actions` with a
/// [`WalkPointAction`]: rejected, kept, merged into another kept point (422 on `into` if it is
/// not one), or turned into a report (422 on `category` for one the register does not have).
impl Handler for ActOnWalkPoint {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPointPath,
        action: WalkPointAction,
    ) -> Result<Reply<ReviewedWalkPoint>, ApiError> {
        let (walk, points, before) = found_point(cx, &path).await?;
        let name = match &action {
            WalkPointAction::Report { category } => {
                return Ok(Reply::Done(report(cx, &path, &walk, &before, category).await?))
            }
            WalkPointAction::Reject => "walk_point.reject",
            WalkPointAction::Keep => "walk_point.keep",
            WalkPointAction::Merge { .. } => "walk_point.merge",
        };
        let target = match &action {
            WalkPointAction::Merge { into } => points.iter().find(|p| p.point.id == *into),
            _ => None,
        };
        let after =
            action.applied_to(&before, target).map_err(|refused| ApiError::Invalid(refused.field_error()))?;
        let (db, moderator, now) = (cx.db, cx.moderator()?, clock::now_iso());
        let subject = format!("walk {} point {}", path.walk, path.point);
        let entry = NewEntry::by(moderator, name, &subject, &now).change(
            audit::json(&(before.state, before.merged_into)),
            audit::json(&(after.state, after.merged_into)),
        );
        let record = audit::record(db, &entry)?;
        store::walk_points::set_state(db, (&path.tenant, path.walk), &after, &now, record).await?;
        Ok(Reply::Done(after))
    }
}

/// Point `point` as a new report of the register (in the review queue like any other, routed by
/// the municipality's rules, told to its webhooks) under `category`, linked to the point. A
/// second try after a lost answer finds the report its key stored and links that one.
async fn report(
    cx: &mut Cx<'_>,
    path: &WalkPointPath,
    walk: &Walk,
    point: &ReviewedWalkPoint,
    category: &str,
) -> Result<ReviewedWalkPoint, ApiError> {
    let config = cx.tenant_config(&path.tenant).await?;
    let report =
        report_of(point, &super::walks::public(walk, &config), category, &config, &I18n::new(Locale::Sv))
            .map_err(|refused| ApiError::Invalid(refused.field_error()))?;
    let now = clock::now_iso();
    let key = report.idempotency_key.clone().unwrap_or_default();
    let (year, seq) = match store::reports::find_by_idempotency_key(cx.db, &path.tenant, &key).await? {
        Some(stored) => (stored.case_year, stored.case_seq),
        None => {
            let year: i32 = now[..4].parse().map_err(|_| ApiError::Internal(format!("clock: {now}")))?;
            // Nobody follows it with a code: the municipality entered it. The hash of a code
            // that is never shown.
            let token_hash = token::hash(&token::new_token()?);
            let env = cx.env;
            let asker = crate::client::key(cx.req(), env, &format!("place:{}", config.id))?;
            let from = (None, &asker);
            (year, super::reports::file(cx, &config, &report, (year, &now), &token_hash, from).await?)
        }
    };
    let case = case_number(year, seq);
    let (db, moderator) = (cx.db, cx.moderator()?);
    let subject = format!("walk {} point {}", path.walk, path.point);
    let entry =
        NewEntry::by(moderator, "walk_point.report", &subject, &now).change(String::new(), case.clone());
    let record = audit::record(db, &entry)?;
    store::walk_points::set_report(db, (&path.tenant, path.walk, path.point), (year, seq), &now, record)
        .await?;
    Ok(ReviewedWalkPoint { report: Some(case), ..point.clone() })
}

/// The protocol of walk `walk` as it stands.
async fn protocol(cx: &Cx<'_>, tenant: &str, walk: &Walk) -> Result<WalkProtocol, ApiError> {
    let config = cx.tenant_config(tenant).await?;
    let points = store::walk_points::reviewed(cx.db, tenant, walk.id).await?;
    Ok(WalkProtocol::of(super::walks::public(walk, &config), &points, &config.areas))
}

/// `GET /api/v1/console/{tenant}/walks/{walk}/protocol`
impl Handler for ReadWalkProtocol {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<WalkProtocol>, ApiError> {
        let walk = found_walk(cx, &path.tenant, path.walk).await?;
        Ok(Reply::Done(protocol(cx, &path.tenant, &walk).await?))
    }
}

/// The protocol as a file: what participants wrote leaves the console, so taking it is on
/// the record.
async fn protocol_file(
    cx: &Cx<'_>,
    path: &WalkPath,
    format: &str,
) -> Result<(WalkProtocol, String), ApiError> {
    let walk = found_walk(cx, &path.tenant, path.walk).await?;
    let protocol = protocol(cx, &path.tenant, &walk).await?;
    let (moderator, now) = (cx.moderator()?, clock::now_iso());
    let subject = format!("walk {}", walk.id);
    let taken = serde_json::json!({ "format": format, "points": protocol.points });
    let entry =
        NewEntry::by(moderator, "walk.protocol", &subject, &now).change(String::new(), taken.to_string());
    audit::record(cx.db, &entry)?.run().await?;
    Ok((protocol, format!("trygghetsvandring-{}-protokoll.{format}", walk.id)))
}

/// `GET /api/v1/console/{tenant}/walks/{walk}/protocol.csv`: for Excel in Swedish.
impl Handler for ExportWalkProtocolCsv {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<String>, ApiError> {
        let (protocol, file_name) = protocol_file(cx, &path, "csv").await?;
        let body = protocol.sheet(&I18n::new(Locale::Sv)).to_csv()?;
        Ok(Reply::File { body, file_name })
    }
}

/// `GET /api/v1/console/{tenant}/walks/{walk}/protocol.geojson`
impl Handler for ExportWalkProtocolGeoJson {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<serde_json::Value>, ApiError> {
        let (protocol, file_name) = protocol_file(cx, &path, "geojson").await?;
        Ok(Reply::File { body: protocol.geojson().to_string().into_bytes(), file_name })
    }
}

/// `GET /api/v1/tenants/{tenant}/walks/{walk}/protocol`: a published protocol, for residents
/// (places, categories and levels only: see [`WalkProtocol::for_residents`]).
impl Handler for ReadPublicWalkProtocol {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPath,
        _: (),
    ) -> Result<Reply<WalkProtocol<PublicPlace>>, ApiError> {
        let walk = found_walk(cx, &path.tenant, path.walk).await?;
        if walk.state != WalkState::ProtocolPublished {
            return Err(ApiError::WalkNotFound);
        }
        Ok(Reply::Done(protocol(cx, &path.tenant, &walk).await?.for_residents()))
    }
}
