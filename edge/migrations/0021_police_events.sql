-- The police's recent events beside the reports (see tryggve_core::police_event), fetched by
-- the hourly cron for each municipality's location names. The police's own id is the key: an
-- event sent again, updated, replaces its earlier version. Older than the municipality's days
-- are removed at each run.
CREATE TABLE police_events (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  id INTEGER NOT NULL,
  occurred_at TEXT NOT NULL,
  month TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  location TEXT NOT NULL,
  lat REAL NOT NULL,
  lng REAL NOT NULL,
  url TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX police_events_by_time ON police_events(tenant_id, occurred_at);
