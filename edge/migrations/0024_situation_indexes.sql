-- Indexes for the lägesbild (edge/src/store/situation.rs). Each holds what one of its counts
-- reads, in the order it groups by, so that SQLite counts the reports from the index without
-- reading the reports themselves or sorting them first (sorting was most of the time: at
-- 100 000 reports the five statements took 665 ms on Miniflare's D1 without these, 280 ms with
-- them). The last columns of each are those the lägesbild's filter may choose by but the area
-- and the text search, so that a filtered count reads the index alone too. The area is left
-- out (but in the tally's own columns): placing every report in its area again, after the areas
-- change, would rewrite every index that holds it (ten times as long at 100 000 reports); one
-- area's lägesbild reads `reports_by_tenant_area`. The statements name their index
-- (`INDEXED BY`, see `situation::read_by`). An expression here must be written in the
-- statement exactly as here.

-- The plain dimensions: category, area, status and reporter group, as the tally groups them;
-- also each area's total of one category for the compilation.
CREATE INDEX reports_tally ON reports(tenant_id, category, area_id, status, reporter_group,
  visibility, rejection_reason, unit_id, created_at);

-- Reports per (UTC) day.
CREATE INDEX reports_day ON reports(tenant_id, substr(created_at, 1, 10), visibility,
  rejection_reason, status, category, reporter_group, unit_id, created_at);

-- The hot-spot cells (`cell_x >> 2` is a cell at core's HOTSPOT_LEVEL, two levels above the
-- stored MAX_LEVEL) and the times of day and place names counted in them.
CREATE INDEX reports_cells ON reports(tenant_id, cell_x >> 2, cell_y >> 2, times, place,
  visibility, rejection_reason, status, category, reporter_group, unit_id, created_at, cell_x,
  cell_y);

-- Whole hours to the first response and to fixed, per category and unit, of the reports that
-- have them.
CREATE INDEX reports_response_hours ON reports(tenant_id, category, unit_id,
  CAST((julianday(first_response_at) - julianday(created_at)) * 24 AS INTEGER),
  visibility, rejection_reason, status, reporter_group, created_at, first_response_at)
  WHERE first_response_at IS NOT NULL;
CREATE INDEX reports_fix_hours ON reports(tenant_id, category, unit_id,
  CAST((julianday(fixed_at) - julianday(created_at)) * 24 AS INTEGER),
  visibility, rejection_reason, status, reporter_group, created_at, fixed_at)
  WHERE fixed_at IS NOT NULL;

-- The reports not fixed, per category, unit and the day they arrived: how long they have
-- waited is counted per day for those older than a few days.
CREATE INDEX reports_waiting ON reports(tenant_id, category, unit_id, substr(created_at, 1, 10),
  status, visibility, rejection_reason, reporter_group, created_at, fixed_at)
  WHERE fixed_at IS NULL;

-- Only the reports with answers to the municipality's questions.
CREATE INDEX reports_answered ON reports(tenant_id, visibility, rejection_reason, status,
  category, reporter_group, unit_id, created_at)
  WHERE answers <> '{}' OR answer_texts <> '{}';
