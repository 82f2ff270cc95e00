-- Answers to the municipality's own questions (the questionnaire in the tenant's configuration),
-- as JSON objects keyed by question id. Choices and scales stay for statistics; short texts are
-- free text a resident wrote and are removed with the report's other personal parts.
ALTER TABLE reports ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE reports ADD COLUMN answer_texts TEXT NOT NULL DEFAULT '{}';
