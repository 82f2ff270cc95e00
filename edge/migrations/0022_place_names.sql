-- Place names (see tryggve_core::place_name): the municipality's geocoder's answers, cached by
-- what was asked (a position rounded to about 10 m, or a search in lower case), so the same
-- corner is asked for once; removed by the daily retention run after 30 days, and when the
-- municipality changes its geocoder. `answer` is core's JSON (a name, or a list of places).
CREATE TABLE place_names (
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  kind TEXT NOT NULL CHECK (kind IN ('reverse', 'search')),
  key TEXT NOT NULL,
  answer TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, kind, key)
);
CREATE INDEX place_names_by_age ON place_names(fetched_at);

-- Where each report is, in words, as it was named when it arrived ("Storgatan 12, Centrum"):
-- shown in the review list, the lägesbild's hot spots and the exports. NULL: not known.
ALTER TABLE reports ADD COLUMN place TEXT;
