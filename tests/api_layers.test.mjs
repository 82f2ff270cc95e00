// The municipality's own map layers against the real edge (in a municipality of its own,
// "lagerby"): an admin uploads street lighting (points) and a safe route (a line) as GeoJSON
// files, residents read only the public one, and a bad file (wrong types, coordinates out of
// range, a polygon crossing itself, too many corners, over 5 MB) gets a 4xx that says where,
// and stores nothing. Only the municipality's admins upload and remove; every change is audited.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "lagerby";
const BASE = `/api/v1/console/${TENANT}/layers`;
const ADMIN = { tenant: TENANT, email: "admin@lagerby.example", password: "lagerby-admin-lösen" };

let admin;
let center;
before(async () => {
  admin = await login(ADMIN);
  center = (await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json()).map.center;
});

const at = (dlat, dlng) => [center.lng + dlng, center.lat + dlat];
const lamps = () => ({
  type: "FeatureCollection",
  features: [0, 1, 2].map((i) => ({
    type: "Feature",
    properties: { namn: `Lykta ${i + 1}`, effekt: "40 W" },
    geometry: { type: "Point", coordinates: at(0.001 * i, 0.0005 * i) },
  })),
});
const route = () => ({
  type: "Feature",
  properties: { name: "Tryggt stråk: stationen–skolan" },
  geometry: { type: "LineString", coordinates: [at(0, 0), at(0.002, 0.001), at(0.004, 0.001)] },
});
const publicLayers = async () => {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/layers`);
  assert.equal(response.status, 200);
  return response.json();
};
const stored = async () => (await call(admin, "GET", BASE)).json;

test("an admin uploads lighting and a safe route; residents see only the public layer", async () => {
  // Read once before: residents' answers are cached at the edge, and a change must show at once.
  assert.deepEqual(await publicLayers(), []);
  const lighting = await call(admin, "POST", BASE, { name: "Gatubelysning", colour: "orange", public: false, geojson: lamps() });
  assert.equal(lighting.response.status, 201, lighting.text);
  assert.equal(lighting.json.features.length, 3);
  assert.deepEqual(lighting.json.features[0], { type: "point", at: { lat: center.lat, lng: center.lng }, name: "Lykta 1" });
  assert.equal(JSON.stringify(lighting.json).includes("40 W"), false, "only shapes and names are kept");

  const safe = await call(admin, "POST", BASE, { name: "Trygga stråk", colour: "blue", public: true, geojson: route() });
  assert.equal(safe.response.status, 201, safe.text);
  assert.equal(safe.json.features[0].type, "line");
  assert.equal(safe.json.features[0].points.length, 3);

  const all = await stored();
  assert.deepEqual(all.map((l) => [l.name, l.colour, l.public]), [["Gatubelysning", "orange", false], ["Trygga stråk", "blue", true]]);
  const residents = await publicLayers();
  assert.deepEqual(residents.map((l) => l.name), ["Trygga stråk"], "the lighting is the console's only");
  const again = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/layers`);
  assert.equal(again.headers.get("x-tryggve-cache"), "hit", "the next resident's read comes from the edge cache");
  assert.deepEqual(await again.json(), residents);
  // Residents get plain [lat, lng] lists, without the features' names.
  assert.deepEqual(residents[0], {
    id: safe.json.id, name: "Trygga stråk", colour: "blue", points: [], areas: [],
    lines: [safe.json.features[0].points.map((p) => [p.lat, p.lng])],
  });

  // Removed, it is gone for everyone; removing it again is a 404.
  const removed = await call(admin, "DELETE", `${BASE}/${safe.json.id}`);
  assert.equal(removed.response.status, 204);
  assert.deepEqual(await publicLayers(), []);
  assert.equal((await call(admin, "DELETE", `${BASE}/${safe.json.id}`)).response.status, 404);

  const audit = (await call(admin, "GET", `/api/v1/console/${TENANT}/audit`)).json;
  const actions = audit.filter((e) => e.action.startsWith("map_layer.")).map((e) => [e.action, e.subject]);
  assert.deepEqual(actions.sort(), [
    ["map_layer.add", `map layer ${lighting.json.id}`],
    ["map_layer.add", `map layer ${safe.json.id}`],
    ["map_layer.remove", `map layer ${safe.json.id}`],
  ].sort(), "one entry per change, none for the refused second removal");
});

test("a bad file is refused with where and why, and nothing is stored", async () => {
  const count = (await stored()).length;
  const square = [at(0, 0), at(0, 0.01), at(0.01, 0.01), at(0.01, 0), at(0, 0)];
  const bowTie = [at(0, 0), at(0.01, 0.01), at(0.01, 0), at(0, 0.01), at(0, 0)];
  const many = Array.from({ length: 40_001 }, (_, i) => at(0.000001 * (i % 1000), 0.000001 * Math.floor(i / 1000)));
  const refusals = [
    [{ type: "Topology", objects: {} }, "geojson.type", "invalid_choice"],
    [{ type: "FeatureCollection", features: [] }, "geojson.features", "required"],
    [{ type: "FeatureCollection", features: [route(), { type: "Feature", geometry: { type: "Circle", coordinates: at(0, 0) } }] },
      "geojson.features[1].geometry", "invalid_choice"],
    [{ type: "Point", coordinates: [center.lat, 200] }, "geojson", "not_on_earth"],
    [{ type: "LineString", coordinates: [at(0, 0), [12.8, 91]] }, "geojson", "not_on_earth"],
    [{ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: [bowTie] } }, "geojson.geometry", "self_intersecting"],
    [{ type: "MultiPoint", coordinates: many }, "geojson", "too_long"],
  ];
  for (const [geojson, field, code] of refusals) {
    const answer = await call(admin, "POST", BASE, { name: "Fel", colour: "green", geojson });
    assert.equal(answer.response.status, 422, `${field} ${code}: ${answer.text}`);
    assert.deepEqual([answer.json.error.field, answer.json.error.code], [field, code]);
  }
  const plain = await call(admin, "POST", BASE, { name: "Kvarteret", colour: "green", geojson: { type: "Polygon", coordinates: [square] } });
  assert.equal(plain.response.status, 201, "a plain polygon is a layer");

  const noName = await call(admin, "POST", BASE, { name: " ", colour: "green", geojson: route() });
  assert.deepEqual([noName.response.status, noName.json.error.field, noName.json.error.code], [422, "name", "required"]);
  const red = await call(admin, "POST", BASE, { name: "Röd", colour: "red", geojson: route() });
  assert.equal(red.response.status, 400, "a colour outside the palette is not understood");
  const unknown = await call(admin, "POST", BASE, { name: "Extra", colour: "green", geojson: route(), style: "bold" });
  assert.equal(unknown.response.status, 400);

  // Over 5 MB: refused before it is read.
  const huge = Array.from({ length: 300_000 }, (_, i) => at(0.0000001 * i, 0));
  const large = await call(admin, "POST", BASE, { name: "Stor", colour: "green", geojson: { type: "MultiPoint", coordinates: huge } });
  assert.equal(large.response.status, 413, large.text.slice(0, 200));
  assert.equal(large.json.error.code, "body_too_large");

  assert.equal((await stored()).length, count + 1, "only the plain polygon was stored");
});

test("only the municipality's admins upload and remove layers", async () => {
  const upload = { name: "Kameror", colour: "black", public: true, geojson: lamps() };
  const observer = await login(ACCOUNTS.observer);
  assert.equal((await call(observer, "POST", "/api/v1/console/demo/layers", upload)).response.status, 403);
  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "POST", "/api/v1/console/demo/layers", upload)).response.status, 403);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/layers")).response.status, 200, "moderators read them");
  const other = await login(ACCOUNTS.otherTenantAdmin);
  assert.equal((await call(other, "POST", BASE, upload)).response.status, 403);
  const [first] = await stored();
  assert.equal((await call(other, "DELETE", `${BASE}/${first.id}`)).response.status, 403);
  assert.equal((await call(null, "GET", BASE)).response.status, 401);
  assert.equal((await fetch(`${EDGE}/api/v1/tenants/ingenby/layers`)).status, 404);
});
