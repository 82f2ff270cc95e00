-- The municipality's own map layers (street lighting, safe routes, camera-monitored places,
-- planned measures), uploaded as GeoJSON and kept as checked features: a JSON array of
-- {"type": "point"|"line"|"polygon", …, "name"} (see tryggve_core::map_layer), read whole.
CREATE TABLE map_layers (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  name TEXT NOT NULL,
  colour TEXT NOT NULL,
  public INTEGER NOT NULL DEFAULT 0,
  features TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX map_layers_by_tenant ON map_layers(tenant_id, id);
