-- The municipality's measures (åtgärder) and the reports each answers.
CREATE TABLE measures (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  area_id TEXT,
  lat REAL,
  lng REAL,
  unit_id INTEGER REFERENCES units(id),
  -- Days, 'YYYY-MM-DD'.
  planned_on TEXT,
  started_on TEXT,
  done_on TEXT,
  cost_sek INTEGER,
  public_text TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX measures_by_tenant ON measures(tenant_id, status);

CREATE TABLE measure_reports (
  measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  PRIMARY KEY (measure_id, report_id)
);
CREATE INDEX measure_reports_by_report ON measure_reports(report_id);
