use tryggve_core::console::AuditEntry;
use worker::{D1Database, D1PreparedStatement};

use crate::error::ApiError;
use crate::moderator::Moderator;

/// A moderator action about to be recorded.
pub struct NewEntry<'a> {
    pub tenant: &'a str,
    /// `None` for the system's own actions (the retention job).
    pub moderator_id: Option<i64>,
    pub action: &'a str,
    pub subject: &'a str,
    pub before: String,
    pub after: String,
    pub at: &'a str,
}

impl<'a> NewEntry<'a> {
    /// `moderator`'s `action` on `subject`, at `at`, with nothing before or after yet.
    pub fn by(moderator: &'a Moderator, action: &'a str, subject: &'a str, at: &'a str) -> Self {
        let (before, after) = (String::new(), String::new());
        Self {
            tenant: &moderator.tenant,
            moderator_id: Some(moderator.id),
            action,
            subject,
            before,
            after,
            at,
        }
    }

    /// The record as it was and as it is after the action.
    pub fn change(mut self, before: String, after: String) -> Self {
        (self.before, self.after) = (before, after);
        self
    }
}

/// A record as the audit log keeps it: its JSON.
pub fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The statement that records an action; run it in the same batch as the change itself, so
/// that no change goes unrecorded.
pub fn record(db: &D1Database, entry: &NewEntry) -> Result<D1PreparedStatement, ApiError> {
    insert(db, entry, "?4", "")
}

/// Like [`record`], for an action that creates a row in the statement just before it in the
/// same batch: the subject is `entry.subject` followed by that row's id.
pub fn record_for_new_row(db: &D1Database, entry: &NewEntry) -> Result<D1PreparedStatement, ApiError> {
    insert(db, entry, "?4 || last_insert_rowid()", "")
}

/// Like [`record_for_new_row`], after an insert that may do nothing (`ON CONFLICT DO NOTHING`):
/// recorded only if it added the row, so that a refused name leaves no entry naming another row.
pub fn record_for_inserted_row(db: &D1Database, entry: &NewEntry) -> Result<D1PreparedStatement, ApiError> {
    insert(db, entry, "?4 || last_insert_rowid()", "WHERE changes() > 0")
}

/// Like [`record`], for a change made by the statement just before it in the same batch only
/// under a condition: recorded only if that statement changed a row.
pub fn record_if_changed(db: &D1Database, entry: &NewEntry) -> Result<D1PreparedStatement, ApiError> {
    insert(db, entry, "?4", "WHERE changes() > 0")
}

/// The insert of `entry`, with `subject` the SQL for its subject (`?4` is `entry.subject`) and
/// `condition` a `WHERE` clause or nothing.
fn insert(
    db: &D1Database,
    entry: &NewEntry,
    subject: &str,
    condition: &str,
) -> Result<D1PreparedStatement, ApiError> {
    let sql = format!(
        "INSERT INTO audit_log (tenant_id, moderator_id, action, subject, before, after, at) \
         SELECT ?1, ?2, ?3, {subject}, ?5, ?6, ?7 {condition}"
    );
    Ok(db.prepare(sql).bind(&[
        entry.tenant.into(),
        entry.moderator_id.map_or(wasm_bindgen::JsValue::NULL, |id| (id as f64).into()),
        entry.action.into(),
        entry.subject.into(),
        entry.before.as_str().into(),
        entry.after.as_str().into(),
        entry.at.into(),
    ])?)
}

/// The newest entries of `tenant`, newest first.
pub async fn recent(db: &D1Database, tenant: &str, limit: u32) -> Result<Vec<AuditEntry>, ApiError> {
    let sql = "SELECT a.at, m.email AS moderator, a.action, a.subject, a.before, a.after \
               FROM audit_log a LEFT JOIN moderators m ON m.id = a.moderator_id \
               WHERE a.tenant_id = ?1 ORDER BY a.id DESC LIMIT ?2";
    Ok(db.prepare(sql).bind(&[tenant.into(), limit.into()])?.all().await?.results()?)
}

/// Blanks what `tenant`'s audit entries from before `cutoff` say about the changed records
/// (they may quote a report's text before redaction, a short-text answer, a question): who did
/// what, to which case, and when stays. The purge job's own entries and those of exports hold
/// only counts and filters, and stay whole.
pub async fn purge_before(db: &D1Database, tenant: &str, cutoff: &str) -> Result<u32, ApiError> {
    let sql = "UPDATE audit_log SET before = NULL, after = NULL WHERE tenant_id = ?1 AND at < ?2 \
               AND action NOT IN ('retention.purge', 'report.export', 'dialogue.minutes') \
               AND (before IS NOT NULL OR after IS NOT NULL) RETURNING id";
    let purged = db.prepare(sql).bind(&[tenant.into(), cutoff.into()])?.all().await?;
    Ok(purged.results::<serde_json::Value>()?.len() as u32)
}
