//! Joining a live room (a dialogue's or a safety walk's), once the handler has found what the
//! room is for. The page's origin must be one the tenant allows, like every other cross-origin
//! call; a client opens only so many lines an hour, and holds only so many in one room (the room
//! counts those). Without `Upgrade` the same checks say whether a handshake would be refused now
//! (429) or accepted (426: use a WebSocket): a browser cannot read why one failed, so it asks.

use worker::Request;

use super::{Cx, Reply};
use crate::error::ApiError;
use crate::room::{self, Live};
use crate::{client, clock, limits};

pub(super) async fn join(cx: &mut Cx<'_>, tenant: &str, live: Live) -> Result<Reply<()>, ApiError> {
    let (db, env) = (cx.db, cx.env);
    let config = cx.tenant_config(tenant).await?;
    let req = cx.req();
    let upgrade = req.headers().get("upgrade").ok().flatten().unwrap_or_default();
    let joining = upgrade.eq_ignore_ascii_case("websocket");
    let client = client::key(req, env, &format!("live:{tenant}"))?;
    let (per_hour, now) = (config.limits.live_joins_per_hour, clock::now_iso());
    match joining {
        true => _ = limits::take(db, &client, per_hour, &now).await?,
        false => limits::check(db, &client, per_hour, &now).await?,
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
    let answer = room::stub(env, tenant, live)?.fetch_with_request(forwarded).await?;
    Ok(Reply::Passed(answer))
}
