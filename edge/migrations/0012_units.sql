-- The municipality's units and the unit each report is routed to.
CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  -- The unit's shared mailbox.
  email TEXT NOT NULL,
  -- JSON arrays of category and area ids it takes by default (no areas: everywhere), and a JSON
  -- object of its target hours to fix per category.
  categories TEXT NOT NULL DEFAULT '[]',
  areas TEXT NOT NULL DEFAULT '[]',
  targets TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, name)
);

-- NULL: no unit takes it yet (a moderator routes it).
ALTER TABLE reports ADD COLUMN unit_id INTEGER REFERENCES units(id);
CREATE INDEX reports_by_tenant_unit ON reports(tenant_id, unit_id, created_at);
