-- Accounts for a unit's members: the role 'unit', and the unit (of the same municipality) whose
-- cases such an account works on. As in 0011, SQLite cannot change a CHECK constraint in place:
-- the rows are set aside, the table made anew and the rows put back with their ids; foreign keys
-- (sessions, the audit log, answers, notes) are checked when every id they name exists again.
-- Dropping the table ends every session: everyone logs in once more after the upgrade.
PRAGMA defer_foreign_keys = true;

CREATE TABLE moderators_set_aside AS SELECT * FROM moderators;
DROP TABLE moderators;

CREATE TABLE moderators (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'moderator', 'responder', 'observer', 'unit')),
  -- Argon2id PHC string; the password itself is never stored or logged.
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  disabled_at TEXT,
  -- 1 after an admin reset the password: the account may do nothing but choose its own.
  must_change_password INTEGER NOT NULL DEFAULT 0,
  -- A unit's member names their unit; no other account does.
  unit_id INTEGER REFERENCES units(id),
  CHECK ((role = 'unit') = (unit_id IS NOT NULL)),
  UNIQUE (tenant_id, email)
);

INSERT INTO moderators (id, tenant_id, email, display_name, role, password_hash, created_at, disabled_at, must_change_password)
  SELECT id, tenant_id, email, display_name, role, password_hash, created_at, disabled_at, must_change_password
  FROM moderators_set_aside;
DROP TABLE moderators_set_aside;
