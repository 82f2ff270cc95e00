-- Signed webhooks: the addresses an admin registered, with the events each is told of, and every
-- delivery with its attempts. The secret signs deliveries, so it is kept as it is (unlike an
-- integration's key, which is only checked); it is shown to the admin once.
CREATE TABLE webhooks (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  url TEXT NOT NULL,
  -- A JSON array of event names, e.g. ["report.created","measure.done"].
  events TEXT NOT NULL,
  -- 1: deliveries carry a report's words, the resident's address and the exact place.
  personal_data INTEGER NOT NULL DEFAULT 0,
  secret TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Set when an admin stops it: nothing more is delivered, not even what was waiting.
  revoked_at TEXT
);
CREATE INDEX webhooks_by_tenant ON webhooks(tenant_id);

-- One row per event and hook. The id is what the receiver sees on every attempt; the body is
-- kept as sent, so that a retry is the same delivery. Sending claims the row for a while
-- (claimed_until), so that the cron and a request's own attempt never send it at once.
CREATE TABLE webhook_deliveries (
  id TEXT PRIMARY KEY,
  webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  event TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT,
  claimed_until TEXT,
  last_status INTEGER,
  delivered_at TEXT,
  failed_at TEXT
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_deliveries_by_tenant ON webhook_deliveries(tenant_id, created_at);
