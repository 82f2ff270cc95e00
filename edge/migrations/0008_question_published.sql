-- Whether a question was ever published (approved). A merged question that never was is, for
-- the retention job, like a pending one: its text goes after the municipality's period. Merged
-- questions from before this migration count as never published.
ALTER TABLE questions ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
UPDATE questions SET published = 1 WHERE status = 'approved';
