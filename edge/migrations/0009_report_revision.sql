-- Counts every change of a report after it was filed (a moderator's action, the retention job).
-- An action is stored only if the report is still at the revision the moderator read, so two
-- moderators (or a moderator and the retention job) never overwrite each other unseen.
ALTER TABLE reports ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
