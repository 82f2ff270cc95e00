-- Accepted submissions per client, for rate limits. The key holds a hash of the client's
-- address with a daily salt, never the address. Rows older than a day are deleted daily.
CREATE TABLE rate_events (
  key TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX rate_events_by_key ON rate_events(key, at);
