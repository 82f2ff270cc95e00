-- Accounts: a read-only observer role for partners in the safety council, and the temporary
-- password an admin gives when resetting one, which must be changed at the next login.
-- SQLite cannot change a CHECK constraint in place, so the table is made anew under its own
-- name: its rows are set aside, the table dropped and created again, and the rows put back with
-- their ids. Foreign keys (sessions, the audit log, answers) are checked at the end, when every
-- id they name exists again. (Dropping the table ends every session: everyone logs in once more
-- after the upgrade.)
PRAGMA defer_foreign_keys = true;

CREATE TABLE moderators_set_aside AS SELECT * FROM moderators;
DROP TABLE moderators;

CREATE TABLE moderators (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'responder', 'observer')),
  -- Argon2id PHC string; the password itself is never stored or logged.
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  disabled_at TEXT,
  -- 1 after an admin reset the password: the account may do nothing but choose its own.
  must_change_password INTEGER NOT NULL DEFAULT 0,
  UNIQUE (tenant_id, email)
);

INSERT INTO moderators (id, tenant_id, email, display_name, role, password_hash, created_at, disabled_at)
  SELECT id, tenant_id, email, display_name, role, password_hash, created_at, disabled_at FROM moderators_set_aside;
DROP TABLE moderators_set_aside;
