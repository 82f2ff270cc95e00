-- Safety walks (trygghetsvandringar): planned by the municipality in one of its areas, announced
-- to residents, walked, and followed up. The participants' walk code is kept as access codes
-- are: an HMAC under the deployment's pepper, never the code.
CREATE TABLE walks (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  title TEXT NOT NULL,
  area TEXT NOT NULL,
  -- The municipality's own time, YYYY-MM-DDTHH:MM.
  starts_at TEXT NOT NULL,
  meeting_lat REAL NOT NULL,
  meeting_lng REAL NOT NULL,
  -- A JSON array of [lat, lng] objects; '[]' when no route is planned.
  route TEXT NOT NULL DEFAULT '[]',
  organiser TEXT NOT NULL DEFAULT '',
  organisations TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'planned'
    CHECK (state IN ('planned', 'under_way', 'done', 'protocol_published', 'cancelled')),
  code_hash TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX walks_by_tenant ON walks(tenant_id, starts_at);
