-- The area each report lies in (an area id, or '-' outside every area), so that the review list,
-- the lägesbild and the exports filter on it in SQL instead of after a cut. NULL: not placed yet
-- (reports from before this column, or after the municipality changed its areas); they are placed
-- before any filtered read (edge/src/store/review_list.rs, `place_unplaced`).
ALTER TABLE reports ADD COLUMN area_id TEXT;
CREATE INDEX reports_by_tenant_area ON reports(tenant_id, area_id, created_at);
