-- A report sent again (a retry after a lost answer) carries the same idempotency key and is
-- stored once.
ALTER TABLE reports ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX reports_by_idempotency_key ON reports(tenant_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
