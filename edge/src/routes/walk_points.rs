//! A safety walk's participants log points on their phones: each phone shows the pass it got
//! for the walk's code, sends each point until it is answered (stored once under its key), and
//! hears in the walk's live room when the group's points change.

use tryggve_core::api::operations::{JoinWalkLive, ListWalkPoints, LogWalkPoint};
use tryggve_core::api::path::WalkPath;
use tryggve_core::walk::{Walk, WalkState};
use tryggve_core::walk_pass;
use tryggve_core::walk_point::{WalkLiveEvent, WalkPoint, WalkPointDraft};

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::room::{self, Live};
use crate::{client, clock, limits, secrets, store};

/// Points one client may log on one walk in an hour: a group on one mobile network may share
/// an address, and a busy walk logs a few dozen.
const POINTS_PER_HOUR: u32 = 300;

/// The walk, if the caller's pass is one joining it with its current code gave (401 if not:
/// the phone asks for the code again).
async fn joined(cx: &Cx<'_>, path: &WalkPath) -> Result<Walk, ApiError> {
    let (walk, code_hash) =
        store::walks::find_with_code(cx.db, &path.tenant, path.walk).await?.ok_or(ApiError::WalkNotFound)?;
    let key = secrets::required(cx.env, secrets::PARTICIPANT_KEY)?;
    let pass = cx.code()?;
    match code_hash {
        Some(hash) if walk_pass::is_valid(&key, &path.tenant, walk.id, &hash, pass) => Ok(walk),
        _ => Err(ApiError::MissingToken),
    }
}

/// `GET /api/v1/tenants/{tenant}/walks/{walk}/points` (walk pass): the group's points so far.
impl Handler for ListWalkPoints {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<Vec<WalkPoint>>, ApiError> {
        let walk = joined(cx, &path).await?;
        Ok(Reply::Done(store::walk_points::of_walk(cx.db, &path.tenant, walk.id).await?))
    }
}

/// `POST /api/v1/tenants/{tenant}/walks/{walk}/points` (walk pass) with a [`WalkPointDraft`]:
/// 201 with the stored point, 200 with it when the same point comes again (however late), 409
/// `idempotency_conflict` for another point under a key already used, 409 `walk_not_under_way`
/// before the walk starts or after it ends.
impl Handler for LogWalkPoint {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPath,
        draft: WalkPointDraft,
    ) -> Result<Reply<WalkPoint>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let walk = joined(cx, &path).await?;
        let draft = draft.validated(&config).map_err(ApiError::Invalid)?;
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let stored = |found: Option<WalkPoint>| match found {
            Some(point) if point.draft().same_point(&draft) => Ok(Reply::AlreadyStored(point)),
            _ => Err(ApiError::IdempotencyConflict),
        };
        if let Some(point) = store::walk_points::by_key(db, tenant, walk.id, &draft.idempotency_key).await? {
            return stored(Some(point));
        }
        if walk.state != WalkState::UnderWay {
            return Err(ApiError::WalkNotUnderWay);
        }
        let env = cx.env;
        let client = client::key(cx.req(), env, &format!("walk-points:{tenant}:{}", walk.id))?;
        let now = clock::now_iso();
        limits::take(db, &client, POINTS_PER_HOUR, &now).await?;
        let Some(point) = store::walk_points::insert(db, tenant, walk.id, &draft, &now).await? else {
            // The same key stored meanwhile (the phone sent it twice at once).
            return stored(store::walk_points::by_key(db, tenant, walk.id, &draft.idempotency_key).await?);
        };
        let count = store::walk_points::count(db, tenant, walk.id).await?;
        room::broadcast(cx.env, tenant, Live::Walk(walk.id), &[WalkLiveEvent::PointsChanged { count }]).await;
        Ok(Reply::Done(point))
    }
}

/// `GET /api/v1/tenants/{tenant}/walks/{walk}/live` (WebSocket): joins the walk's live room,
/// for an announced walk or one under way (see [`super::live`]).
impl Handler for JoinWalkLive {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<()>, ApiError> {
        let walk = store::walks::find(cx.db, &path.tenant, path.walk).await?.ok_or(ApiError::WalkNotFound)?;
        if !walk.state.is_public() {
            return Err(ApiError::WalkNotFound);
        }
        super::live::join(cx, &path.tenant, Live::Walk(walk.id)).await
    }
}
