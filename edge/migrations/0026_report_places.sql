-- The place names counted in each hot-spot cell, kept as reports arrive and change, as the
-- counts of 0025 are. The lägesbild names its busiest cells by the places their reports were
-- given (edge/src/store/situation.rs); read from the index reports_cells (0024), that was a
-- read of every report in those cells: 59 000 rows of D1 at 100 000 reports in the bench,
-- a third of the whole municipality's lägesbild. Kept here, a few rows a cell.
--
-- Only the reports that were given a place name are counted; a report without one is in no row.
-- As in 0025, a report not turned down is counted under rejection reason '', and each trigger
-- is written on one line.
CREATE TABLE report_places (
  tenant_id TEXT NOT NULL,
  cx INTEGER NOT NULL,
  cy INTEGER NOT NULL,
  place TEXT NOT NULL,
  visibility TEXT NOT NULL,
  rejection_reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, cx, cy, place, visibility, rejection_reason)
) WITHOUT ROWID;

INSERT INTO report_places (tenant_id, cx, cy, place, visibility, rejection_reason, n)
  SELECT tenant_id, cell_x >> 2, cell_y >> 2, place, visibility, coalesce(rejection_reason, ''), COUNT(*)
  FROM reports WHERE place IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6;

-- (`WHERE true` in each `INSERT … SELECT`: SQLite reads an `ON CONFLICT` after a `SELECT`
-- without a `WHERE` as part of a join.)
CREATE TRIGGER report_place_counted AFTER INSERT ON reports WHEN NEW.place IS NOT NULL BEGIN INSERT INTO report_places SELECT NEW.tenant_id, NEW.cell_x >> 2, NEW.cell_y >> 2, NEW.place, NEW.visibility, coalesce(NEW.rejection_reason, ''), 1 WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n; END;

CREATE TRIGGER report_place_uncounted AFTER DELETE ON reports WHEN OLD.place IS NOT NULL BEGIN INSERT INTO report_places SELECT OLD.tenant_id, OLD.cell_x >> 2, OLD.cell_y >> 2, OLD.place, OLD.visibility, coalesce(OLD.rejection_reason, ''), -1 WHERE true ON CONFLICT DO UPDATE SET n = n + excluded.n; END;

CREATE TRIGGER report_place_recounted AFTER UPDATE OF tenant_id, cell_x, cell_y, place, visibility, rejection_reason ON reports WHEN OLD.tenant_id IS NOT NEW.tenant_id OR OLD.cell_x >> 2 IS NOT NEW.cell_x >> 2 OR OLD.cell_y >> 2 IS NOT NEW.cell_y >> 2 OR OLD.place IS NOT NEW.place OR OLD.visibility IS NOT NEW.visibility OR OLD.rejection_reason IS NOT NEW.rejection_reason BEGIN INSERT INTO report_places SELECT OLD.tenant_id, OLD.cell_x >> 2, OLD.cell_y >> 2, OLD.place, OLD.visibility, coalesce(OLD.rejection_reason, ''), -1 WHERE OLD.place IS NOT NULL ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_places SELECT NEW.tenant_id, NEW.cell_x >> 2, NEW.cell_y >> 2, NEW.place, NEW.visibility, coalesce(NEW.rejection_reason, ''), 1 WHERE NEW.place IS NOT NULL ON CONFLICT DO UPDATE SET n = n + excluded.n; END;
