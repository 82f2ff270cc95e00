-- Tenants (municipalities), the origins allowed to embed them, and residents' reports.
-- Every table that holds a tenant's data carries tenant_id, and every query filters on it.

CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- The public TenantConfig (map, categories) as JSON; read by the widget.
  config TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- Embedding origins: the CORS (and later WebSocket Origin) allowlist.
CREATE TABLE tenant_origins (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  PRIMARY KEY (tenant_id, origin)
);
CREATE INDEX tenant_origins_by_origin ON tenant_origins(origin);

CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  -- The case number residents see is "<case_year>-<case_seq>", counted per tenant and year.
  case_year INTEGER NOT NULL,
  case_seq INTEGER NOT NULL,
  -- SHA-256 of the follow-up code; the code itself is shown once and never stored.
  followup_token_hash TEXT NOT NULL,
  lat REAL NOT NULL,
  lng REAL NOT NULL,
  category TEXT NOT NULL,
  -- Comma-separated times of day: morning,day,evening,night.
  times TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  -- Personal data: never public, only for moderators.
  contact_email TEXT,
  status TEXT NOT NULL DEFAULT 'new',
  created_at TEXT NOT NULL,
  UNIQUE (tenant_id, case_year, case_seq)
);
CREATE INDEX reports_by_tenant_time ON reports(tenant_id, created_at);
