-- Whether a question was ever published (approved). A merged question that never was is, for
-- the retention job, like a pending one: its text goes after the municipality's period.
ALTER TABLE questions ADD COLUMN published INTEGER NOT NULL DEFAULT 0;
-- Approved now, or approved once and merged since (as the audit log has it).
UPDATE questions SET published = 1 WHERE status = 'approved' OR EXISTS (
  SELECT 1 FROM audit_log a WHERE a.tenant_id = questions.tenant_id AND a.action = 'question.approve'
    AND a.subject = 'dialogue:' || questions.dialogue_id || '/question:' || questions.id);
