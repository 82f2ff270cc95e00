-- The public map at scale: approved reports counted per grid cell in advance, so a viewport
-- reads at most a few hundred rows however many reports a municipality has (see
-- core/src/public_map.rs for the grid). Each statement is on its own lines without inner
-- semicolons: D1 splits migrations on them.

-- A report's cell at the finest level (18); coarser cells are these shifted right.
ALTER TABLE reports ADD COLUMN cell_x INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN cell_y INTEGER NOT NULL DEFAULT 0;
-- 1 while the report is counted in public_cells. The edge keeps this equal to
-- (visibility = 'approved') in the same transaction as every change of visibility.
ALTER TABLE reports ADD COLUMN on_public_map INTEGER NOT NULL DEFAULT 0;

UPDATE reports SET cell_x = CAST((lng + 180.0) / 360.0 * 262144 AS INTEGER),
                   cell_y = CAST((lat + 90.0) / 180.0 * 262144 AS INTEGER);

CREATE TABLE public_cells (
  tenant_id TEXT NOT NULL,
  level INTEGER NOT NULL,
  cx INTEGER NOT NULL,
  cy INTEGER NOT NULL,
  count INTEGER NOT NULL,
  sum_lat REAL NOT NULL,
  sum_lng REAL NOT NULL,
  PRIMARY KEY (tenant_id, level, cx, cy)
) WITHOUT ROWID;

-- Reports in view when zoomed in, and reports whose place on the map must be counted or uncounted.
CREATE INDEX reports_public_by_place ON reports(tenant_id, visibility, lat, lng);
CREATE INDEX reports_public_map_sync ON reports(tenant_id, on_public_map, visibility);

-- Count the reports approved before this migration (the edge's sync, for every tenant at once).
WITH RECURSIVE levels(level) AS (SELECT 4 UNION ALL SELECT level + 1 FROM levels WHERE level < 18)
INSERT INTO public_cells (tenant_id, level, cx, cy, count, sum_lat, sum_lng)
SELECT r.tenant_id, levels.level, r.cell_x >> (18 - levels.level), r.cell_y >> (18 - levels.level),
       COUNT(*), SUM(r.lat), SUM(r.lng)
FROM reports r, levels
WHERE r.visibility = 'approved'
GROUP BY 1, 2, 3, 4;

UPDATE reports SET on_public_map = 1 WHERE visibility = 'approved';
