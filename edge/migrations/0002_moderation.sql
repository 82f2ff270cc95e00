-- Moderators, their sessions, login throttling, the audit log, and the review state of reports.

CREATE TABLE moderators (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'responder')),
  -- Argon2id PHC string; the password itself is never stored or logged.
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  disabled_at TEXT,
  UNIQUE (tenant_id, email)
);

CREATE TABLE sessions (
  -- SHA-256 of the session cookie's value.
  id_hash TEXT PRIMARY KEY,
  moderator_id INTEGER NOT NULL REFERENCES moderators(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

-- Failed logins, per account and per client (a daily-salted hash of the address, never the
-- address itself). Rows older than the throttling window are deleted.
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(key, at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  moderator_id INTEGER REFERENCES moderators(id),
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  -- JSON of the changed record before and after (may hold the original, unredacted text:
  -- only admins read the audit log).
  before TEXT,
  after TEXT,
  at TEXT NOT NULL
);
CREATE INDEX audit_by_tenant_time ON audit_log(tenant_id, at);

ALTER TABLE reports ADD COLUMN visibility TEXT NOT NULL DEFAULT 'pending';
ALTER TABLE reports ADD COLUMN rejection_reason TEXT;
ALTER TABLE reports ADD COLUMN public_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE reports ADD COLUMN description_public INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN merged_into TEXT;
ALTER TABLE reports ADD COLUMN updated_at TEXT;
CREATE INDEX reports_by_tenant_status ON reports(tenant_id, status, created_at);
