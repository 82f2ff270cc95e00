-- The perceived-safety survey (see tryggve_core::survey): rounds with their questions, and the
-- answers to them. An answer names no one: the area, the scales, the age band if asked, and a
-- hash of the round and the device's own random key, which lets a device answer a round once.
CREATE TABLE survey_rounds (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  opens_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  questions TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX survey_rounds_by_tenant ON survey_rounds(tenant_id, opens_on);

CREATE TABLE survey_answers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  round_id INTEGER NOT NULL REFERENCES survey_rounds(id),
  device_hash TEXT NOT NULL,
  area_id TEXT NOT NULL,
  safety TEXT NOT NULL,
  worry TEXT,
  problems TEXT NOT NULL,
  age TEXT,
  answered_at TEXT NOT NULL,
  UNIQUE (round_id, device_hash)
);
CREATE INDEX survey_answers_by_round ON survey_answers(round_id, area_id);
