//! Safety walks: coordinators plan them, move them on and set their participants' code;
//! residents see the announced ones and take each into their calendar.

use tryggve_core::api::operations::{
    AddWalk, JoinWalk, ListPublicWalks, ListWalks, MoveWalk, ReadWalkCalendar, SetWalkCode, UpdateWalk,
};
use tryggve_core::api::path::{TenantPath, WalkPath};
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::password;
use tryggve_core::reporter::{is_acceptable_code, NewAccessCode};
use tryggve_core::walk::{self, JoinedWalk, PublicWalk, Walk, WalkDraft, WalkStateChange};
use tryggve_core::walk_pass;
use tryggve_core::TenantConfig;

use super::{Cx, Handler, Reply};
use crate::error::ApiError;
use crate::public_cache::{self, Subject};
use crate::{client, clock, limits, secrets, store};

/// The draft checked against the municipality (its areas and map).
async fn validated(cx: &Cx<'_>, tenant: &str, draft: &WalkDraft) -> Result<WalkDraft, ApiError> {
    draft.validated(&cx.tenant_config(tenant).await?).map_err(ApiError::Invalid)
}

async fn found(cx: &Cx<'_>, path: &WalkPath) -> Result<Walk, ApiError> {
    store::walks::find(cx.db, &path.tenant, path.walk).await?.ok_or(ApiError::WalkNotFound)
}

/// Residents' view of a walk, its area by name.
pub(super) fn public(walk: &Walk, config: &TenantConfig) -> PublicWalk {
    let area =
        config.areas.iter().find(|a| a.id == walk.draft.area).map_or(walk.draft.area.as_str(), |a| &a.name);
    walk.public(area)
}

/// `GET /api/v1/console/{tenant}/walks`
impl Handler for ListWalks {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<Walk>>, ApiError> {
        Ok(Reply::Done(store::walks::list(cx.db, &path.tenant).await?))
    }
}

/// `POST /api/v1/console/{tenant}/walks` with a [`WalkDraft`]: 201 with the planned walk.
impl Handler for AddWalk {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, draft: WalkDraft) -> Result<Reply<Walk>, ApiError> {
        let draft = validated(cx, &path.tenant, &draft).await?;
        let (db, moderator) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let entry = store::audit::NewEntry::by(moderator, "walk.add", "walk ", &now)
            .change(String::new(), store::audit::json(&draft));
        let audit = store::audit::record_for_new_row(db, &entry)?;
        let id = store::walks::insert(db, &path.tenant, &draft, &now, audit).await?;
        public_cache::changed(&path.tenant, Subject::Walks).await?;
        Ok(Reply::Done(Walk { id, draft, state: walk::WalkState::Planned, has_code: false }))
    }
}

/// `PUT /api/v1/console/{tenant}/walks/{walk}` with a [`WalkDraft`]: the walk as it is now.
impl Handler for UpdateWalk {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, draft: WalkDraft) -> Result<Reply<Walk>, ApiError> {
        let draft = validated(cx, &path.tenant, &draft).await?;
        let before = found(cx, &path).await?;
        let after = Walk { draft, ..before.clone() };
        let (db, moderator) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let subject = format!("walk {}", path.walk);
        let entry = store::audit::NewEntry::by(moderator, "walk.update", &subject, &now)
            .change(store::audit::json(&before), store::audit::json(&after));
        let audit = store::audit::record(db, &entry)?;
        store::walks::update(db, &path.tenant, path.walk, &after.draft, &now, audit).await?;
        public_cache::changed(&path.tenant, Subject::Walks).await?;
        Ok(Reply::Done(after))
    }
}

/// `POST /api/v1/console/{tenant}/walks/{walk}/state` with a [`WalkStateChange`]: started,
/// ended, its protocol published (or taken back), or cancelled; `422` on `state` for a move the
/// walk cannot make, `409` if another moved it meanwhile.
impl Handler for MoveWalk {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPath,
        change: WalkStateChange,
    ) -> Result<Reply<Walk>, ApiError> {
        let before = found(cx, &path).await?;
        if !before.state.can_move_to(change.state) {
            return Err(ApiError::Invalid(FieldError::new("state", FieldErrorCode::InvalidTransition)));
        }
        let after = Walk { state: change.state, ..before.clone() };
        let (db, moderator) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let subject = format!("walk {}", path.walk);
        let entry = store::audit::NewEntry::by(moderator, "walk.state", &subject, &now)
            .change(store::audit::json(&before.state), store::audit::json(&after.state));
        let audit = store::audit::record_if_changed(db, &entry)?;
        let moves = (before.state, after.state);
        if !store::walks::move_state(db, &path.tenant, path.walk, moves, &now, audit).await? {
            return Err(ApiError::ChangedMeanwhile);
        }
        public_cache::changed(&path.tenant, Subject::Walks).await?;
        Ok(Reply::Done(after))
    }
}

/// `PUT /api/v1/console/{tenant}/walks/{walk}/code` with `{"code"}`: the participants' code,
/// stored as an HMAC under the deployment's pepper; the audit log says it was set, never what.
impl Handler for SetWalkCode {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, body: NewAccessCode) -> Result<Reply<Walk>, ApiError> {
        if !is_acceptable_code(body.code.trim()) {
            return Err(ApiError::Invalid(FieldError::new("code", FieldErrorCode::WeakPassword)));
        }
        let before = found(cx, &path).await?;
        let pepper = secrets::required(cx.env, secrets::ACCESS_CODE_PEPPER)?;
        let hash = password::walk_code_hash(&pepper, &path.tenant, path.walk, &body.code);
        let (db, moderator) = (cx.db, cx.moderator()?);
        let now = clock::now_iso();
        let subject = format!("walk {}", path.walk);
        let entry = store::audit::NewEntry::by(moderator, "walk.code", &subject, &now);
        let audit = store::audit::record(db, &entry)?;
        store::walks::set_code(db, &path.tenant, path.walk, &hash, &now, audit).await?;
        Ok(Reply::Done(Walk { has_code: true, ..before }))
    }
}

/// `GET /api/v1/tenants/{tenant}/walks`: the walks residents are told of (planned or under
/// way, and those whose protocol is published), the soonest first. Cached as the public map is.
impl Handler for ListPublicWalks {
    async fn handle(cx: &mut Cx<'_>, path: TenantPath, _: ()) -> Result<Reply<Vec<PublicWalk>>, ApiError> {
        let (db, tenant) = (cx.db, path.tenant.as_str());
        let config = cx.tenant_config(tenant).await?;
        let walks = public_cache::through(cx, tenant, Subject::Walks, async move {
            let announced = store::walks::announced(db, tenant).await?;
            Ok(announced.iter().map(|w| public(w, &config)).collect::<Vec<_>>())
        });
        Ok(Reply::Passed(walks.await?))
    }
}

/// `GET /api/v1/tenants/{tenant}/walks/{walk}/calendar.ics`: an announced walk as a calendar file.
impl Handler for ReadWalkCalendar {
    async fn handle(cx: &mut Cx<'_>, path: WalkPath, _: ()) -> Result<Reply<String>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let walk = found(cx, &path).await?;
        if !walk.state.is_public() {
            return Err(ApiError::WalkNotFound);
        }
        let ics = walk::calendar(&public(&walk, &config), &config.name, &path.tenant, &clock::now_iso())
            .ok_or_else(|| ApiError::Internal(format!("walk {} has no time", walk.id)))?;
        Ok(Reply::File { body: ics.into_bytes(), file_name: format!("trygghetsvandring-{}.ics", walk.id) })
    }
}

/// Wrong walk codes a client may send to one municipality in an hour (as access codes).
const WALK_CODE_TRIES_PER_HOUR: u32 = 10;

/// `POST /api/v1/tenants/{tenant}/walks/{walk}/join` with `{"code"}`: the announced walk and a
/// pass for logging points (see `tryggve_core::walk_pass`), if the code is its participants'. Every try counts against a small hourly limit per client, and
/// a right one is given back, so that codes cannot be guessed at speed.
impl Handler for JoinWalk {
    async fn handle(
        cx: &mut Cx<'_>,
        path: WalkPath,
        body: NewAccessCode,
    ) -> Result<Reply<JoinedWalk>, ApiError> {
        let config = cx.tenant_config(&path.tenant).await?;
        let (db, env) = (cx.db, cx.env);
        let (walk, stored) =
            store::walks::find_with_code(db, &path.tenant, path.walk).await?.ok_or(ApiError::WalkNotFound)?;
        if !walk.state.is_public() {
            return Err(ApiError::WalkNotFound);
        }
        let guesses = client::key(cx.req(), env, &format!("walk-code:{}", path.tenant))?;
        let now = clock::now_iso();
        let guess = limits::take(db, &guesses, WALK_CODE_TRIES_PER_HOUR, &now).await?;
        let pepper = secrets::required(env, secrets::ACCESS_CODE_PEPPER)?;
        let typed = password::walk_code_hash(&pepper, &path.tenant, path.walk, &body.code);
        if !stored.is_some_and(|hash| tryggve_core::secret::same(&hash, &typed)) {
            return Err(ApiError::Invalid(FieldError::new("code", FieldErrorCode::InvalidAccessCode)));
        }
        // The right code was no guess.
        limits::give_back(db, guess).await?;
        let key = secrets::required(env, secrets::PARTICIPANT_KEY)?;
        let pass = walk_pass::issue(&key, &path.tenant, walk.id, &typed);
        Ok(Reply::Done(JoinedWalk { walk: public(&walk, &config), pass }))
    }
}
