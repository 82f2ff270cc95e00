//! Public reads (the public map, the dialogues and their snapshots, walks, map layers) served
//! from the data centre's cache (the Workers Cache API) for a short lifetime, so that a
//! municipality's front page full of residents reads D1 a few times a minute rather than once a
//! view.
//!
//! What they show changes when a moderator acts. A change cannot delete every cached answer (one
//! per viewport), so each answer is cached under its tenant's *generation* of that subject, and
//! a change starts a new generation: in this data centre the next read is fresh. The cache is
//! per data centre, so elsewhere an answer lives out its lifetime ([`Subject::lifetime_s`]): no
//! answer is ever older than that. Reads that miss the cache are limited per client (the Rate
//! Limiting binding `PUBLIC_READ_MISSES`), since each costs D1: a client asking for ever new
//! viewports is refused before it can run up the municipality's bill.

use std::future::Future;

use serde::Serialize;
use worker::{Cache, Env, Request, Response};

use crate::error::ApiError;
use crate::routes::Cx;
use crate::{client, http};

/// The header that says whether an answer came from the cache (`hit`) or from D1 (`miss`).
pub const CACHE_HEADER: &str = "x-tryggve-cache";
/// The keys are URLs of a host no one can own (RFC 2606), so they name nothing real.
const KEYS: &str = "https://cache.tryggve.invalid";
/// Seconds a client's misses are counted over (the binding's period), for `Retry-After`.
const MISS_PERIOD_S: u32 = 10;
/// How long a generation is remembered; after that the next change starts a new one anyway.
const GENERATION_LIFETIME_S: u32 = 86_400;

/// What changes together and is cached together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// The public map (approved reports and their clusters).
    Map,
    /// The published dialogues and their approved questions.
    Dialogues,
    /// The announced safety walks.
    Walks,
    /// The map layers residents see (the municipality's public ones, the police's events).
    Layers,
}

impl Subject {
    fn id(self) -> &'static str {
        match self {
            Self::Map => "map",
            Self::Dialogues => "dialogues",
            Self::Walks => "walks",
            Self::Layers => "layers",
        }
    }

    /// How long an answer is served from the cache. A dialogue's vote counts move during a
    /// live dialogue (the live room sends them as they change), so its snapshot is kept briefly.
    pub fn lifetime_s(self) -> u32 {
        match self {
            Self::Map | Self::Walks | Self::Layers => 60,
            Self::Dialogues => 10,
        }
    }
}

fn generation_key(tenant: &str, subject: Subject) -> String {
    format!("{KEYS}/generation/{tenant}/{}", subject.id())
}

/// The tenant's current generation of `subject` in this data centre ("0" before any change).
async fn generation(cache: &Cache, tenant: &str, subject: Subject) -> Result<String, ApiError> {
    match cache.get(generation_key(tenant, subject).as_str(), false).await? {
        Some(mut kept) => Ok(kept.text().await?),
        None => Ok("0".into()),
    }
}

/// Starts a new generation of `tenant`'s `subject`: call after a change it shows.
pub async fn changed(tenant: &str, subject: Subject) -> Result<(), ApiError> {
    let cache = Cache::default();
    let now = format!("{}", js_sys::Date::now() as u64);
    let kept = cached(&now, GENERATION_LIFETIME_S)?;
    cache.put(generation_key(tenant, subject).as_str(), kept).await?;
    Ok(())
}

/// A response the cache keeps for `lifetime_s`.
fn cached(body: &str, lifetime_s: u32) -> Result<Response, ApiError> {
    let response = Response::ok(body)?;
    response.headers().set("cache-control", &format!("public, max-age={lifetime_s}"))?;
    Ok(response)
}

/// The answer to this public read: from the cache if it holds one of the current generation,
/// else what `read` makes, cached for the subject's lifetime. A client's misses are limited.
pub async fn through<T, F>(
    cx: &mut Cx<'_>,
    tenant: &str,
    subject: Subject,
    read: F,
) -> Result<Response, ApiError>
where
    T: Serialize,
    F: Future<Output = Result<T, ApiError>>,
{
    let cache = Cache::default();
    let generation = generation(&cache, tenant, subject).await?;
    let key = format!("{KEYS}/{generation}{}?{}", cx.target.path, cx.target.query);
    if let Some(mut kept) = cache.get(key.as_str(), false).await? {
        return answer(&kept.text().await?, "hit");
    }
    let env = cx.env;
    count_miss(cx.req(), env).await?;
    let json = serde_json::to_string(&read.await?).map_err(|e| ApiError::Internal(e.to_string()))?;
    cache.put(key.as_str(), cached(&json, subject.lifetime_s())?).await?;
    answer(&json, "miss")
}

/// Counts a read that goes to D1 against this client's misses: refused once there are too many.
pub async fn count_miss(req: &Request, env: &Env) -> Result<(), ApiError> {
    let client = client::key(req, env, "public-read")?;
    let limiter = env.rate_limiter("PUBLIC_READ_MISSES")?;
    match limiter.limit(client.today).await?.success {
        true => Ok(()),
        false => Err(ApiError::RateLimited { retry_after_secs: MISS_PERIOD_S }),
    }
}

fn answer(json: &str, outcome: &str) -> Result<Response, ApiError> {
    let response = http::json_text(200, json);
    response.headers().set(CACHE_HEADER, outcome)?;
    Ok(response)
}
