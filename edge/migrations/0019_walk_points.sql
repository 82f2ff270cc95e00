-- What participants log on a safety walk: a place, what is wrong there, how unsafe it feels and
-- a short note. A phone sends each point under a key of its own until it is answered, so the key
-- is unique per walk: a point sent again is the stored one. After the walk a coordinator keeps,
-- rejects or merges each point (a merged point names the one it was merged into) and may turn
-- it into a report of the register (report_id).
CREATE TABLE walk_points (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  walk_id INTEGER NOT NULL REFERENCES walks(id),
  idempotency_key TEXT NOT NULL,
  lat REAL NOT NULL,
  lng REAL NOT NULL,
  category TEXT NOT NULL CHECK (category IN
    ('dark_spot', 'vegetation', 'graffiti', 'littering', 'vandalism', 'unsafe_environment', 'other')),
  note TEXT NOT NULL DEFAULT '',
  unsafe_level INTEGER CHECK (unsafe_level BETWEEN 1 AND 5),
  state TEXT NOT NULL DEFAULT 'kept' CHECK (state IN ('kept', 'rejected', 'merged')),
  merged_into INTEGER REFERENCES walk_points(id),
  report_id INTEGER REFERENCES reports(id),
  logged_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, walk_id, idempotency_key)
);
CREATE INDEX walk_points_by_walk ON walk_points(tenant_id, walk_id, id);
