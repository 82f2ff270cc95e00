-- Answers to the municipality's own questions (the questionnaire in the tenant's configuration),
-- as JSON objects keyed by question id. Choices and scales stay for statistics; short texts are
-- free text a resident wrote and are removed with the report's other personal parts.
ALTER TABLE reports ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE reports ADD COLUMN answer_texts TEXT NOT NULL DEFAULT '{}';

-- Who reported: resident (default), staff, business, association or police. Staff and police
-- are believed only with their municipality's access code, stored here as a hash.
ALTER TABLE reports ADD COLUMN reporter_group TEXT NOT NULL DEFAULT 'resident';

CREATE TABLE access_codes (
  tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
  reporter_group TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, reporter_group)
);
