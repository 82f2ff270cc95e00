// The lägesbild, exports and the public map against the real edge, on a municipality of its
// own ("grannby", with the demo's areas) whose reports are known point by point.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { readSpreadsheetBytes, records } from "./support/spreadsheet.mjs";

// Areas (see TenantConfig::demo): centrum 58.028–58.040 N × 12.795–12.822 E, norra directly north
// (58.040–58.070 × 12.770–12.850), södra directly south (57.990–58.028 × 12.770–12.850).
// A point on a shared border counts for the first area in the configuration: centrum.
const FIXTURE = [
  { key: "a", lat: 58.0337, lng: 12.8083, category: "dark-spot", times: ["night"] }, // centrum
  { key: "b", lat: 58.040, lng: 12.80, category: "dark-spot", times: [] }, // centrum/norra border → centrum
  { key: "c", lat: 58.050, lng: 12.80, category: "graffiti", times: ["evening"] }, // norra
  { key: "d", lat: 58.028, lng: 12.81, category: "dark-spot", times: ["evening", "night"] }, // centrum/södra border → centrum
  { key: "e", lat: 58.0279999, lng: 12.81, category: "vandalism", times: ["day"] }, // just south of the border → södra
  { key: "f", lat: 58.100, lng: 12.60, category: "dark-spot", times: ["morning"] }, // in bounds, outside every area
  { key: "g", lat: 58.040, lng: 12.83, category: "drugs", times: [] }, // east of centrum, on norra's edge → norra
];

let admin;
const cases = {};
before(async () => {
  for (const point of FIXTURE) {
    const { response, json } = await post("/api/v1/reports", goodReport({
      tenant: "grannby", lat: point.lat, lng: point.lng, category: point.category, times: point.times,
      description: `Fixtur ${point.key}`, contact_email: `fixtur-${point.key}@example.se`,
    }));
    assert.equal(response.status, 201);
    cases[point.key] = json.case_number;
  }
  admin = await login(ACCOUNTS.otherTenantAdmin);
});

const counts = (list) => Object.fromEntries(list.map((c) => [c.key, c.count]));

test("counts by area, category and time of day match the hand count", async () => {
  const { response, json } = await call(admin, "GET", "/api/v1/console/grannby/dashboard");
  assert.equal(response.status, 200, JSON.stringify(json));
  assert.equal(json.total, 7);
  assert.deepEqual(counts(json.by_area), { centrum: 3, norra: 2, sodra: 1, "-": 1 });
  assert.deepEqual(counts(json.by_category), {
    "dark-spot": 4, graffiti: 1, vandalism: 1, littering: 0, "unsafe-environment": 0,
    "threats-harassment": 0, drugs: 1, other: 0,
  });
  assert.deepEqual(counts(json.by_time_of_day), { morning: 1, day: 1, evening: 2, night: 2, unspecified: 2 });
  assert.deepEqual(counts(json.by_status), { new: 7, reviewed: 0, in_progress: 0, resolved: 0, closed: 0 });
  assert.equal(json.by_week.reduce((n, c) => n + c.count, 0), 7);
  assert.equal(json.hotspots.reduce((n, h) => n + h.count, 0), 7);
  assert.deepEqual(json.areas.map((a) => a.name), ["Centrum", "Norra", "Södra"]);

  assert.equal(json.compilation_category, "dark-spot");
  assert.deepEqual(
    Object.fromEntries(json.compilation.map((g) => [g.area, g.cases])),
    { centrum: [cases.a, cases.b, cases.d], norra: [], sodra: [], "-": [cases.f] },
  );
});

test("every filter applies to the statistics, including the area", async () => {
  const norra = await call(admin, "GET", "/api/v1/console/grannby/dashboard?area=norra");
  assert.equal(norra.json.total, 2);
  assert.deepEqual(counts(norra.json.by_category).graffiti, 1);
  const outside = await call(admin, "GET", "/api/v1/console/grannby/dashboard?area=-&compile=dark-spot");
  assert.equal(outside.json.total, 1);
  const darkInCentrum = await call(admin, "GET", "/api/v1/console/grannby/dashboard?area=centrum&category=dark-spot");
  assert.equal(darkInCentrum.json.total, 3);
  const compiled = await call(admin, "GET", "/api/v1/console/grannby/dashboard?compile=graffiti");
  assert.deepEqual(compiled.json.compilation.find((g) => g.area === "norra").cases, [cases.c]);
});

test("CSV and GeoJSON exports hold the filtered reports with stable columns and no e-mail", async () => {
  // A download is audited in the moderator's name: without the session's CSRF token (a link, or
  // an <img> on a sibling subdomain, sends the cookie alone) it is refused and nothing recorded.
  for (const file of ["export.csv", "export.geojson", "export-excel.csv", "export.xlsx"]) {
    const bare = await fetch(`${EDGE}/api/v1/console/grannby/${file}`, { headers: { cookie: admin.cookie } });
    assert.equal(bare.status, 403, file);
    assert.equal((await bare.json()).error.code, "csrf_mismatch");
  }
  const withToken = { cookie: admin.cookie, "x-csrf-token": admin.csrf };
  const csv = await fetch(`${EDGE}/api/v1/console/grannby/export.csv?area=centrum`, { headers: withToken });
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(csv.headers.get("content-disposition"), /^attachment; filename="tryggve-grannby-\d{4}-\d{2}-\d{2}\.csv"$/);
  const text = await csv.text();
  const [header, ...rows] = text.trimEnd().split("\r\n");
  assert.equal(header, "case_number,created_at,category,times,status,visibility,area,lat,lng,description,public_comment,merged_into,reporter_group,place,answers");
  assert.deepEqual(rows.map((r) => r.split(",")[0]).sort(), [cases.a, cases.b, cases.d].sort());
  assert.ok(rows.every((r) => r.split(",")[6] === "centrum" || r.includes(",centrum,")));
  assert.doesNotMatch(text, /@example\.se/);

  const geo = await fetch(`${EDGE}/api/v1/console/grannby/export.geojson`, { headers: withToken });
  assert.equal(geo.headers.get("content-type"), "application/geo+json; charset=utf-8");
  const collection = await geo.json();
  assert.equal(collection.type, "FeatureCollection");
  assert.equal(collection.features.length, 7);
  const f = collection.features.find((x) => x.properties.case_number === cases.f);
  assert.deepEqual(f.geometry, { type: "Point", coordinates: [12.6, 58.1] });
  assert.equal(f.properties.area, "");
  assert.doesNotMatch(JSON.stringify(collection), /@example\.se/);

  // Each export is on the record: who took which reports, and when (newest first).
  const { json: audit } = await call(admin, "GET", "/api/v1/console/grannby/audit");
  const exports = audit.filter((e) => e.action === "report.export");
  assert.deepEqual(
    exports.map((e) => [e.moderator, e.subject, JSON.parse(e.after)]),
    [
      [ACCOUNTS.otherTenantAdmin.email, "geojson", { filters: "", reports: 7 }],
      [ACCOUNTS.otherTenantAdmin.email, "csv", { filters: "area=centrum", reports: 3 }],
    ],
  );
});

test("statistics and exports are for the tenant's own moderators only", async () => {
  const responder = await login(ACCOUNTS.responder);
  const demoAdmin = await login(ACCOUNTS.admin);
  const exports = ["export.csv", "export.geojson", "export-excel.csv", "export.xlsx"].map((f) => `/api/v1/console/grannby/${f}`);
  for (const path of ["/api/v1/console/grannby/dashboard", ...exports]) {
    assert.equal((await call(null, "GET", path)).response.status, 401, path);
    assert.equal((await call(demoAdmin, "GET", path)).response.status, 403, path);
    const demoPath = path.replace("grannby", "demo");
    assert.equal((await call(responder, "GET", demoPath)).response.status, 403, demoPath);
    assert.equal((await call(demoAdmin, "GET", demoPath)).response.status, 200, demoPath);
  }
});

test("the public map shows approved reports only, coarsened, with text only if published", async () => {
  const publicMap = async () => (await fetch(`${EDGE}/api/v1/tenants/grannby/public-reports`)).json();
  assert.deepEqual((await publicMap()).reports, [], "nothing is public before review");
  const act = (key, body) => call(admin, "POST", `/api/v1/console/grannby/reports/${cases[key]}/actions`, body);
  assert.equal((await act("a", { action: "approve", publish_description: false })).response.status, 200);
  assert.equal((await act("c", { action: "approve", publish_description: true })).response.status, 200);
  assert.equal((await act("e", { action: "reject", reason: "off_topic" })).response.status, 200);

  const { reports: shown, clusters, total } = await publicMap();
  assert.deepEqual([shown.length, clusters, total], [2, [], 2], "a few reports come one by one");
  const a = shown.find((r) => r.category === "dark-spot");
  const c = shown.find((r) => r.category === "graffiti");
  assert.equal(a.description, undefined, "unpublished text stays private");
  assert.equal(c.description, "Fixtur c");
  assert.equal(a.status, "reviewed");
  assert.notDeepEqual([a.lat, a.lng], [58.0337, 12.8083], "never the exact spot");
  const metres = Math.hypot((a.lat - 58.0337) * 111320, (a.lng - 12.8083) * 111320 * Math.cos(58.0337 * Math.PI / 180));
  assert.ok(metres < 40, `${metres} m from the report`);
  assert.doesNotMatch(JSON.stringify(shown), /example\.se|Fixtur a/);
  assert.equal((await fetch(`${EDGE}/api/v1/tenants/atlantis/public-reports`)).status, 404);
});

test("the exports for people open in a spreadsheet: words, Stockholm time, a column per question", async () => {
  const { json: receipt } = await post("/api/v1/reports", goodReport({
    tenant: "grannby", category: "littering", times: ["evening", "night"],
    description: '=HYPERLINK("http://example.com/x","klicka")', contact_email: "excel@example.se",
    answers: { "what-would-help": ["lighting", "cleaning"], "how-unsafe": 4 },
  }));
  const caseNumber = receipt.case_number;
  const { json: stored } = await call(admin, "GET", `/api/v1/console/grannby/reports/${caseNumber}`);
  // What the coordinator's clock said when it came in, as Excel writes a date and time.
  const local = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit",
  }).format(new Date(stored.created_at));
  const get = (file) =>
    fetch(`${EDGE}/api/v1/console/grannby/${file}?category=littering`, { headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf } });
  const helps = "Vad skulle göra platsen tryggare?";
  const unsafe = "Hur otrygg känner du dig på platsen? (1 = lite, 5 = mycket)";

  const xlsx = await get("export.xlsx");
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  assert.match(xlsx.headers.get("content-disposition"), /^attachment; filename="tryggve-grannby-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const book = readSpreadsheetBytes(await xlsx.arrayBuffer(), "xlsx");
  assert.deepEqual([book.sheet, book.frozen], ["Rapporter", "A2"], "a named sheet whose header stays in view");
  assert.match(book.filter, /^A1:[A-Z]+2$/, "the header filters");
  const rows = records(book);
  assert.equal(rows.length, 1, "the filter applies");
  const [row] = rows;
  assert.equal(row["Ärende"], caseNumber);
  assert.deepEqual(row["Inkom"], { date: local }, "a date cell in Stockholm time");
  assert.equal(row["Kategori"], "Nedskräpning");
  assert.equal(row["När platsen känns otrygg"], "Kväll, Natt");
  assert.deepEqual([row["Status"], row["Publicering"], row["Område"]], ["Ny", "Ej granskad", "Centrum"]);
  assert.deepEqual([row["Latitud"], row["Longitud"]], [58.0337, 12.8083], "numbers, not text");
  assert.equal(row["Beskrivning"], '=HYPERLINK("http://example.com/x","klicka")', "a resident's formula stays text");
  assert.equal(row[helps], "Bättre belysning, Städning och klotterborttagning");
  assert.equal(row[unsafe], 4);
  assert.doesNotMatch(JSON.stringify(book), /@example\.se/);

  const csv = await get("export-excel.csv");
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  assert.match(csv.headers.get("content-disposition"), /^attachment; filename="tryggve-grannby-\d{4}-\d{2}-\d{2}-excel\.csv"$/);
  const sheet = readSpreadsheetBytes(await csv.arrayBuffer(), "csv");
  assert.ok(sheet.bom, "a byte-order mark, so that Excel reads UTF-8");
  assert.deepEqual(sheet.rows[0].slice(0, 3), ["Ärende", "Inkom", "Kategori"]);
  const [line] = records(sheet);
  assert.deepEqual(
    [line["Ärende"], line["Inkom"], line["Kategori"], line["Latitud"], line[unsafe], line["Område"]],
    [caseNumber, local, "Nedskräpning", "58,0337", "4", "Centrum"],
    "decimal commas and local time, as Excel in Swedish reads numbers and dates",
  );
  assert.equal(line["Beskrivning"], `'=HYPERLINK("http://example.com/x","klicka")`, "a formula is defused");
  assert.doesNotMatch(JSON.stringify(sheet), /@example\.se/);

  const { json: audit } = await call(admin, "GET", "/api/v1/console/grannby/audit");
  assert.deepEqual(
    audit.filter((e) => e.action === "report.export").slice(0, 2).map((e) => [e.subject, JSON.parse(e.after)]),
    [["excel-csv", { filters: "category=littering", reports: 1 }], ["xlsx", { filters: "category=littering", reports: 1 }]],
  );
});
