use serde::Deserialize;
use tryggve_core::console::{ModeratorView, NewModerator, RecentFailures, SessionInfo};
use tryggve_core::moderation::Role;
use worker::D1Database;

use crate::client::ClientKey;
use crate::error::ApiError;
use crate::moderator::Moderator;

#[derive(Deserialize)]
pub struct Account {
    pub id: i64,
    pub password_hash: String,
}

/// An enabled account of `tenant` with this e-mail address.
pub async fn account(db: &D1Database, tenant: &str, email: &str) -> Result<Option<Account>, ApiError> {
    let sql = "SELECT id, password_hash FROM moderators \
               WHERE tenant_id = ?1 AND email = ?2 COLLATE NOCASE AND disabled_at IS NULL";
    Ok(db.prepare(sql).bind(&[tenant.into(), email.into()])?.first(None).await?)
}

#[derive(Deserialize)]
struct SessionRow {
    id: i64,
    tenant_id: String,
    tenant_name: String,
    email: String,
    display_name: String,
    role: String,
    unit_id: Option<f64>,
    csrf_token: String,
    must_change_password: f64,
}

/// The moderator whose unexpired session has this hash.
pub async fn by_session(db: &D1Database, id_hash: &str, now: &str) -> Result<Option<Moderator>, ApiError> {
    let sql = "SELECT m.id, m.tenant_id, t.name AS tenant_name, m.email, m.display_name, m.role, m.unit_id, \
               s.csrf_token, m.must_change_password \
               FROM sessions s JOIN moderators m ON m.id = s.moderator_id JOIN tenants t ON t.id = m.tenant_id \
               WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND m.disabled_at IS NULL";
    let row: Option<SessionRow> = db.prepare(sql).bind(&[id_hash.into(), now.into()])?.first(None).await?;
    row.map(|r| {
        let role = Role::from_id(&r.role).ok_or_else(|| ApiError::Internal(format!("role {}", r.role)))?;
        Ok(Moderator {
            id: r.id,
            tenant: r.tenant_id.clone(),
            role,
            info: SessionInfo {
                tenant: r.tenant_id,
                tenant_name: r.tenant_name,
                name: r.display_name,
                email: r.email,
                role,
                unit: r.unit_id.map(|u| u as i64),
                csrf_token: r.csrf_token,
                must_change_password: r.must_change_password != 0.0,
            },
        })
    })
    .transpose()
}

pub async fn insert_session(
    db: &D1Database,
    id_hash: &str,
    moderator_id: i64,
    csrf: &str,
    now: &str,
    expires: &str,
) -> Result<(), ApiError> {
    let insert = db
        .prepare("INSERT INTO sessions (id_hash, moderator_id, csrf_token, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
        .bind(&[id_hash.into(), (moderator_id as f64).into(), csrf.into(), now.into(), expires.into()])?;
    // Expired sessions are useless; clear them out as new ones start.
    let purge = db.prepare("DELETE FROM sessions WHERE expires_at <= ?1").bind(&[now.into()])?;
    db.batch(vec![purge, insert]).await?;
    Ok(())
}

pub async fn end_session(db: &D1Database, id_hash: &str) -> Result<(), ApiError> {
    db.prepare("DELETE FROM sessions WHERE id_hash = ?1").bind(&[id_hash.into()])?.run().await?;
    Ok(())
}

/// A password attempt, recorded as failed against the account, the account from this client
/// and the client before the password is checked, and the failures then counted (itself
/// included) in the same batch. Counted after the check instead, attempts sent at once would
/// all find the count still low.
pub struct RecordedAttempt {
    /// The attempt's own rows, removed again if it succeeds or is refused.
    pub rows: Vec<i64>,
    pub failures: RecentFailures,
    /// The failures a success forgives: the account's, and its own client's on it (another
    /// client's stay: someone guessing elsewhere keeps waiting).
    pub forgiven_on_success: Vec<String>,
}

#[derive(Deserialize)]
struct RowId {
    id: i64,
}

/// [`RecentFailures`] as the count reads it (D1 answers numbers as floats).
#[derive(Deserialize)]
struct FailureCounts {
    account_and_client: f64,
    account_and_client_oldest_secs: f64,
    client: f64,
    client_oldest_secs: f64,
    account: f64,
    account_previous_secs: Option<f64>,
}

impl From<FailureCounts> for RecentFailures {
    fn from(c: FailureCounts) -> Self {
        let whole = |x: f64| x.max(0.0) as u32;
        Self {
            account_and_client: whole(c.account_and_client),
            account_and_client_oldest_secs: whole(c.account_and_client_oldest_secs),
            client: whole(c.client),
            client_oldest_secs: whole(c.client_oldest_secs),
            account: whole(c.account),
            account_previous_secs: c.account_previous_secs.map(whole),
        }
    }
}

/// Keys: `account` (the account from anywhere), `account|client` (under today's and
/// yesterday's client key, see `ClientKey`) and the client's own.
pub async fn record_attempt(
    db: &D1Database,
    account_key: &str,
    client: &ClientKey,
    now: &str,
    window_start: &str,
) -> Result<RecordedAttempt, ApiError> {
    let insert = |key: &str| {
        db.prepare("INSERT INTO login_failures (key, at) VALUES (?1, ?2) RETURNING rowid AS id")
            .bind(&[key.into(), now.into()])
    };
    let pair = |client_key: &str| format!("{account_key}|{client_key}");
    let (pair_today, pair_yesterday) = (pair(&client.today), pair(&client.yesterday));
    // Ages in seconds before `now` (?6); the account's previous failure is one from before
    // this attempt's own time.
    let count = "SELECT \
          COALESCE(SUM(key IN (?2, ?5)), 0) AS account_and_client, \
          COALESCE((julianday(?6) - julianday(MIN(CASE WHEN key IN (?2, ?5) THEN at END))) * 86400, 0) \
            AS account_and_client_oldest_secs, \
          COALESCE(SUM(key IN (?3, ?4)), 0) AS client, \
          COALESCE((julianday(?6) - julianday(MIN(CASE WHEN key IN (?3, ?4) THEN at END))) * 86400, 0) \
            AS client_oldest_secs, \
          COALESCE(SUM(key = ?1), 0) AS account, \
          (julianday(?6) - julianday(MAX(CASE WHEN key = ?1 AND at < ?6 THEN at END))) * 86400 \
            AS account_previous_secs \
        FROM login_failures WHERE key IN (?1, ?2, ?3, ?4, ?5) AND at > ?7";
    let statements = vec![
        db.prepare("DELETE FROM login_failures WHERE at <= ?1").bind(&[window_start.into()])?,
        insert(account_key)?,
        insert(&pair_today)?,
        insert(&client.today)?,
        db.prepare(count).bind(&[
            account_key.into(),
            pair_today.as_str().into(),
            client.today.as_str().into(),
            client.yesterday.as_str().into(),
            pair_yesterday.as_str().into(),
            now.into(),
            window_start.into(),
        ])?,
    ];
    let results = db.batch(statements).await?;
    let mut rows = Vec::new();
    for inserted in &results[1..4] {
        rows.extend(inserted.results::<RowId>()?.into_iter().map(|r| r.id));
    }
    let failures = results[4].results::<FailureCounts>()?.into_iter().next().map(RecentFailures::from);
    let forgiven_on_success = vec![account_key.to_string(), pair_today, pair_yesterday];
    Ok(RecordedAttempt { rows, failures: failures.unwrap_or_default(), forgiven_on_success })
}

/// Removes an attempt's rows: it was not a failure after all (it succeeded, or was refused
/// before the password was checked).
pub async fn forget_attempt(db: &D1Database, rows: &[i64]) -> Result<(), ApiError> {
    let delete =
        |id: &i64| db.prepare("DELETE FROM login_failures WHERE rowid = ?1").bind(&[(*id as f64).into()]);
    db.batch(rows.iter().map(delete).collect::<Result<Vec<_>, _>>()?).await?;
    Ok(())
}

pub async fn clear_failures(db: &D1Database, keys: &[String]) -> Result<(), ApiError> {
    let delete = |key: &String| db.prepare("DELETE FROM login_failures WHERE key = ?1").bind(&[key.into()]);
    db.batch(keys.iter().map(delete).collect::<Result<Vec<_>, _>>()?).await?;
    Ok(())
}

#[derive(Deserialize)]
struct AccountRow {
    email: String,
    display_name: String,
    role: String,
    unit_id: Option<f64>,
    disabled_at: Option<String>,
    must_change_password: f64,
}

/// The tenant's accounts, enabled first, by name.
pub async fn list(db: &D1Database, tenant: &str) -> Result<Vec<ModeratorView>, ApiError> {
    let sql = "SELECT email, display_name, role, unit_id, disabled_at, must_change_password FROM moderators \
               WHERE tenant_id = ?1 \
               ORDER BY disabled_at IS NOT NULL, display_name";
    let rows: Vec<AccountRow> = db.prepare(sql).bind(&[tenant.into()])?.all().await?.results()?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(ModeratorView {
                role: Role::from_id(&r.role)?,
                unit: r.unit_id.map(|u| u as i64),
                email: r.email,
                name: r.display_name,
                disabled: r.disabled_at.is_some(),
                must_change_password: r.must_change_password != 0.0,
            })
        })
        .collect())
}

/// Adds an account (with its audit entry, in one batch); `false` if the e-mail address is taken.
pub async fn insert(
    db: &D1Database,
    tenant: &str,
    account: &NewModerator,
    password_hash: &str,
    audit: worker::D1PreparedStatement,
) -> Result<bool, ApiError> {
    let exists = "SELECT 1 AS found FROM moderators WHERE tenant_id = ?1 AND email = ?2";
    let found: Option<serde_json::Value> =
        db.prepare(exists).bind(&[tenant.into(), account.email.as_str().into()])?.first(None).await?;
    if found.is_some() {
        return Ok(false);
    }
    let sql = "INSERT INTO moderators (tenant_id, email, display_name, role, unit_id, password_hash) \
               VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
    let insert = db.prepare(sql).bind(&[
        tenant.into(),
        account.email.as_str().into(),
        account.name.as_str().into(),
        account.role.id().into(),
        account.unit.map_or(wasm_bindgen::JsValue::NULL, |u| (u as f64).into()),
        password_hash.into(),
    ])?;
    db.batch(vec![insert, audit]).await?;
    Ok(true)
}

/// The stored password hash of an enabled account.
pub async fn password_hash(db: &D1Database, moderator_id: i64) -> Result<Option<String>, ApiError> {
    let sql = "SELECT password_hash FROM moderators WHERE id = ?1 AND disabled_at IS NULL";
    Ok(db.prepare(sql).bind(&[(moderator_id as f64).into()])?.first(Some("password_hash")).await?)
}

/// Sets a password its owner chose (which ends any need to change it) and ends the account's
/// other sessions (with the audit entry, in one batch).
pub async fn set_password(
    db: &D1Database,
    moderator_id: i64,
    password_hash: &str,
    keep_session_hash: &str,
    audit: worker::D1PreparedStatement,
) -> Result<(), ApiError> {
    let id = wasm_bindgen::JsValue::from(moderator_id as f64);
    let update = db
        .prepare("UPDATE moderators SET password_hash = ?2, must_change_password = 0 WHERE id = ?1")
        .bind(&[id.clone(), password_hash.into()])?;
    let others = db
        .prepare("DELETE FROM sessions WHERE moderator_id = ?1 AND id_hash != ?2")
        .bind(&[id, keep_session_hash.into()])?;
    db.batch(vec![update, others, audit]).await?;
    Ok(())
}

/// One of `tenant`'s accounts, enabled or not.
pub async fn find(db: &D1Database, tenant: &str, email: &str) -> Result<Option<ModeratorView>, ApiError> {
    Ok(list(db, tenant).await?.into_iter().find(|a| a.email.eq_ignore_ascii_case(email)))
}

/// How an admin changes another's account.
pub enum AccountChange<'a> {
    /// From this time on.
    Disable(&'a str),
    Enable,
    /// The role, and the unit of a unit's member.
    Role(Role, Option<i64>),
    /// A temporary password's hash: its owner must choose their own at the next login.
    TemporaryPassword(&'a str),
}

/// Changes an account (with the audit entry, in one batch). All but enabling end the account's
/// sessions: they were opened under what no longer holds.
pub async fn change(
    db: &D1Database,
    tenant: &str,
    email: &str,
    change: AccountChange<'_>,
    audit: worker::D1PreparedStatement,
) -> Result<(), ApiError> {
    let (tenant, email) = (wasm_bindgen::JsValue::from(tenant), wasm_bindgen::JsValue::from(email));
    let account = [tenant.clone(), email.clone()];
    let (sql, args) = match change {
        AccountChange::Disable(now) => (
            "UPDATE moderators SET disabled_at = ?3 WHERE tenant_id = ?1 AND email = ?2",
            vec![tenant.clone(), email.clone(), now.into()],
        ),
        AccountChange::Enable => {
            ("UPDATE moderators SET disabled_at = NULL WHERE tenant_id = ?1 AND email = ?2", account.to_vec())
        }
        AccountChange::Role(role, unit) => (
            "UPDATE moderators SET role = ?3, unit_id = ?4 WHERE tenant_id = ?1 AND email = ?2",
            vec![
                tenant.clone(),
                email.clone(),
                role.id().into(),
                unit.map_or(wasm_bindgen::JsValue::NULL, |u| (u as f64).into()),
            ],
        ),
        AccountChange::TemporaryPassword(hash) => (
            "UPDATE moderators SET password_hash = ?3, must_change_password = 1 WHERE tenant_id = ?1 AND email = ?2",
            vec![tenant.clone(), email.clone(), hash.into()],
        ),
    };
    let mut statements = vec![db.prepare(sql).bind(&args)?];
    if !matches!(change, AccountChange::Enable) {
        let sessions = "DELETE FROM sessions WHERE moderator_id IN \
                        (SELECT id FROM moderators WHERE tenant_id = ?1 AND email = ?2)";
        statements.push(db.prepare(sessions).bind(&account)?);
    }
    statements.push(audit);
    db.batch(statements).await?;
    Ok(())
}
