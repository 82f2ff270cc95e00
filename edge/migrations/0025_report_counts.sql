-- The lägesbild's counts kept as reports arrive and change (edge/src/store/situation.rs).
-- Counted from the indexes of 0024, the whole municipality's lägesbild read every report's
-- index entry for each dimension (in SQLite a count is a read of every row counted): about
-- 0.3 million rows of D1 at 100 000 reports for the combinations, the days and the cells. Kept here,
-- they are a few thousand rows however many reports there are. They serve the lägesbild when
-- its filter says nothing these tables cannot (see `situation::Countable`); otherwise it counts
-- from the indexes as before.
--
-- A NULL cannot be part of a primary key here, so a report with no area, rejection reason or
-- unit is counted under '' or 0 (no area, reason or unit has that id).
--
-- The triggers are written on one line each: D1's remote query endpoint has been reported to
-- split a trigger's body at its semicolons; wrangler's own splitter keeps `BEGIN … END` whole.

-- Reports per combination of everything the filter may choose by but the period and the text.
CREATE TABLE report_counts (
  tenant_id TEXT NOT NULL,
  category TEXT NOT NULL,
  area_id TEXT NOT NULL,
  status TEXT NOT NULL,
  reporter_group TEXT NOT NULL,
  visibility TEXT NOT NULL,
  rejection_reason TEXT NOT NULL,
  unit_id INTEGER NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, category, area_id, status, reporter_group, visibility, rejection_reason, unit_id)
) WITHOUT ROWID;

-- Reports per (UTC) day, with what tells a case from a report turned down.
CREATE TABLE report_days (
  tenant_id TEXT NOT NULL,
  day TEXT NOT NULL,
  visibility TEXT NOT NULL,
  rejection_reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, day, visibility, rejection_reason)
) WITHOUT ROWID;

-- Reports per hot-spot cell (`cell_x >> 2`, as the index reports_cells of 0024) and the
-- times of day they name, with what tells a case from a report turned down.
CREATE TABLE report_cells (
  tenant_id TEXT NOT NULL,
  cx INTEGER NOT NULL,
  cy INTEGER NOT NULL,
  times TEXT NOT NULL,
  visibility TEXT NOT NULL,
  rejection_reason TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, cx, cy, times, visibility, rejection_reason)
) WITHOUT ROWID;

INSERT INTO report_counts (tenant_id, category, area_id, status, reporter_group, visibility,
  rejection_reason, unit_id, n)
  SELECT tenant_id, category, coalesce(area_id, ''), status, reporter_group, visibility,
    coalesce(rejection_reason, ''), coalesce(unit_id, 0), COUNT(*)
  FROM reports GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

INSERT INTO report_days (tenant_id, day, visibility, rejection_reason, n)
  SELECT tenant_id, substr(created_at, 1, 10), visibility, coalesce(rejection_reason, ''), COUNT(*)
  FROM reports GROUP BY 1, 2, 3, 4;

INSERT INTO report_cells (tenant_id, cx, cy, times, visibility, rejection_reason, n)
  SELECT tenant_id, cell_x >> 2, cell_y >> 2, times, visibility, coalesce(rejection_reason, ''), COUNT(*)
  FROM reports GROUP BY 1, 2, 3, 4, 5, 6;

-- A report arrives: +1 in each table. It goes (retention, a tenant removed): −1. Its counted
-- columns change (a status, a unit, its area placed anew): −1 as it was, +1 as it is. A row
-- whose count falls to 0 stays (the lägesbild skips it); there are no more of them than
-- combinations ever seen.
CREATE TRIGGER report_counted AFTER INSERT ON reports BEGIN INSERT INTO report_counts VALUES (NEW.tenant_id, NEW.category, coalesce(NEW.area_id, ''), NEW.status, NEW.reporter_group, NEW.visibility, coalesce(NEW.rejection_reason, ''), coalesce(NEW.unit_id, 0), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_days VALUES (NEW.tenant_id, substr(NEW.created_at, 1, 10), NEW.visibility, coalesce(NEW.rejection_reason, ''), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_cells VALUES (NEW.tenant_id, NEW.cell_x >> 2, NEW.cell_y >> 2, NEW.times, NEW.visibility, coalesce(NEW.rejection_reason, ''), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; END;

CREATE TRIGGER report_uncounted AFTER DELETE ON reports BEGIN INSERT INTO report_counts VALUES (OLD.tenant_id, OLD.category, coalesce(OLD.area_id, ''), OLD.status, OLD.reporter_group, OLD.visibility, coalesce(OLD.rejection_reason, ''), coalesce(OLD.unit_id, 0), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_days VALUES (OLD.tenant_id, substr(OLD.created_at, 1, 10), OLD.visibility, coalesce(OLD.rejection_reason, ''), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_cells VALUES (OLD.tenant_id, OLD.cell_x >> 2, OLD.cell_y >> 2, OLD.times, OLD.visibility, coalesce(OLD.rejection_reason, ''), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; END;

CREATE TRIGGER report_recounted AFTER UPDATE OF tenant_id, category, area_id, status, reporter_group, visibility, rejection_reason, unit_id ON reports WHEN OLD.tenant_id IS NOT NEW.tenant_id OR OLD.category IS NOT NEW.category OR OLD.area_id IS NOT NEW.area_id OR OLD.status IS NOT NEW.status OR OLD.reporter_group IS NOT NEW.reporter_group OR OLD.visibility IS NOT NEW.visibility OR OLD.rejection_reason IS NOT NEW.rejection_reason OR OLD.unit_id IS NOT NEW.unit_id BEGIN INSERT INTO report_counts VALUES (OLD.tenant_id, OLD.category, coalesce(OLD.area_id, ''), OLD.status, OLD.reporter_group, OLD.visibility, coalesce(OLD.rejection_reason, ''), coalesce(OLD.unit_id, 0), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_counts VALUES (NEW.tenant_id, NEW.category, coalesce(NEW.area_id, ''), NEW.status, NEW.reporter_group, NEW.visibility, coalesce(NEW.rejection_reason, ''), coalesce(NEW.unit_id, 0), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; END;

CREATE TRIGGER report_case_recounted AFTER UPDATE OF tenant_id, created_at, cell_x, cell_y, times, visibility, rejection_reason ON reports WHEN OLD.tenant_id IS NOT NEW.tenant_id OR substr(OLD.created_at, 1, 10) IS NOT substr(NEW.created_at, 1, 10) OR OLD.cell_x >> 2 IS NOT NEW.cell_x >> 2 OR OLD.cell_y >> 2 IS NOT NEW.cell_y >> 2 OR OLD.times IS NOT NEW.times OR OLD.visibility IS NOT NEW.visibility OR OLD.rejection_reason IS NOT NEW.rejection_reason BEGIN INSERT INTO report_days VALUES (OLD.tenant_id, substr(OLD.created_at, 1, 10), OLD.visibility, coalesce(OLD.rejection_reason, ''), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_days VALUES (NEW.tenant_id, substr(NEW.created_at, 1, 10), NEW.visibility, coalesce(NEW.rejection_reason, ''), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_cells VALUES (OLD.tenant_id, OLD.cell_x >> 2, OLD.cell_y >> 2, OLD.times, OLD.visibility, coalesce(OLD.rejection_reason, ''), -1) ON CONFLICT DO UPDATE SET n = n + excluded.n; INSERT INTO report_cells VALUES (NEW.tenant_id, NEW.cell_x >> 2, NEW.cell_y >> 2, NEW.times, NEW.visibility, coalesce(NEW.rejection_reason, ''), 1) ON CONFLICT DO UPDATE SET n = n + excluded.n; END;
