-- What the municipality does with a report: the category the resident chose when a moderator
-- changed it, who handles it, when the event it is about happened, and the times the handling
-- is measured by (first response, fixed). Internal notes, never shown to residents.
ALTER TABLE reports ADD COLUMN original_category TEXT;
ALTER TABLE reports ADD COLUMN assignee TEXT NOT NULL DEFAULT '';
-- 'YYYY-MM-DDTHH:MM', Swedish time, as a moderator entered it.
ALTER TABLE reports ADD COLUMN event_at TEXT;
-- The first moderator action, and when the status last became done (NULL when reopened).
ALTER TABLE reports ADD COLUMN first_response_at TEXT;
ALTER TABLE reports ADD COLUMN fixed_at TEXT;

CREATE TABLE report_notes (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  moderator_id INTEGER REFERENCES moderators(id),
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX report_notes_by_report ON report_notes(report_id, at);
