-- Systems that send reports in over Open311 (a fault-report app), each with a key of its own.
-- Only a SHA-256 hash of the key is kept; the key is shown once, when the integration is added.
CREATE TABLE integrations (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  -- Set when an admin stops the key: it sends nothing more.
  revoked_at TEXT,
  UNIQUE (tenant_id, name)
);

-- The integration a report came in through (NULL: the widget).
ALTER TABLE reports ADD COLUMN integration_id INTEGER REFERENCES integrations(id);
