//! The optional human check (Cloudflare Turnstile). A municipality that sets
//! `turnstile_site_key` gets a Turnstile box in the widget; the token it yields is verified here
//! with Turnstile's siteverify before a report or question is accepted. The verifier sits behind
//! a small trait: production asks Cloudflare; local runs and tests (where Cloudflare cannot be
//! reached) use a fake that accepts tokens beginning `fake-pass`.

use serde::Deserialize;
use tryggve_core::field_error::{FieldError, FieldErrorCode};
use tryggve_core::TenantConfig;
use worker::{Env, Fetch, Method, Request, RequestInit};

use crate::error::ApiError;

/// `wrangler dev --var TURNSTILE_VERIFIER:fake` (as `cargo xtask run` and the tests start it).
const VERIFIER_BINDING: &str = "TURNSTILE_VERIFIER";
/// A secret holding `{"<tenant>": "<Turnstile secret key>", …}`.
const SECRETS_BINDING: &str = "TURNSTILE_SECRETS";
const SITEVERIFY: &str = "https://challenges.cloudflare.com/turnstile/v0/siteverify";

pub trait HumanCheck {
    /// Whether `token` proves a person passed the check (`address`: the client's, for Turnstile).
    async fn verify(&self, token: &str, address: Option<&str>) -> Result<bool, ApiError>;
}

/// Cloudflare's siteverify.
pub struct Siteverify {
    secret: String,
}

#[derive(Deserialize)]
struct Outcome {
    success: bool,
}

impl HumanCheck for Siteverify {
    async fn verify(&self, token: &str, address: Option<&str>) -> Result<bool, ApiError> {
        let mut form = format!(
            "secret={}&response={}",
            js_sys::encode_uri_component(&self.secret),
            js_sys::encode_uri_component(token)
        );
        if let Some(address) = address {
            form += &format!("&remoteip={}", js_sys::encode_uri_component(address));
        }
        let headers = worker::Headers::new();
        headers.set("content-type", "application/x-www-form-urlencoded")?;
        let mut init = RequestInit::new();
        init.with_method(Method::Post).with_headers(headers).with_body(Some(form.into()));
        let mut answer = Fetch::Request(Request::new_with_init(SITEVERIFY, &init)?).send().await?;
        let outcome: Outcome = answer.json().await?;
        Ok(outcome.success)
    }
}

/// The local stand-in: no network, deterministic.
pub struct LocalFake;

impl HumanCheck for LocalFake {
    async fn verify(&self, token: &str, _address: Option<&str>) -> Result<bool, ApiError> {
        Ok(token.starts_with("fake-pass"))
    }
}

fn failed() -> ApiError {
    ApiError::Invalid(FieldError::new("human_token", FieldErrorCode::HumanCheckFailed))
}

/// Passes when `tenant` asks for no human check, or when `token` passes it.
pub async fn require(
    env: &Env,
    tenant: &TenantConfig,
    token: Option<&str>,
    req: &Request,
) -> Result<(), ApiError> {
    if tenant.turnstile_site_key.is_none() {
        return Ok(());
    }
    let token = token.filter(|t| !t.is_empty() && t.len() <= 2048).ok_or_else(failed)?;
    let address = req.headers().get("cf-connecting-ip").ok().flatten();
    let fake = env.var(VERIFIER_BINDING).map(|v| v.to_string() == "fake").unwrap_or(false);
    let passed = if fake {
        LocalFake.verify(token, address.as_deref()).await?
    } else {
        let secrets = env.secret(SECRETS_BINDING).map(|s| s.to_string()).unwrap_or_default();
        let secrets: std::collections::HashMap<String, String> =
            serde_json::from_str(&secrets).unwrap_or_default();
        let secret = secrets
            .get(&tenant.id)
            .ok_or_else(|| ApiError::Internal(format!("no Turnstile secret for {}", tenant.id)))?;
        Siteverify { secret: secret.clone() }.verify(token, address.as_deref()).await?
    };
    if passed {
        Ok(())
    } else {
        Err(failed())
    }
}
