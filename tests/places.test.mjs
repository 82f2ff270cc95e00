// Place names against the real edge, in a municipality of its own ("ortby", the demo's areas
// Centrum, Norra and Södra), with the municipality's geocoder played by a local server that
// answers as Nominatim does. Without a geocoder a pin is named by the municipality's own areas
// and the search finds them. With one (set by the admin in Inställningar → Karta), a pin placed
// by keyboard is announced with the street the geocoder names (never a house number), asked once
// per spot (rounded to about 10 m, then cached) and by the edge alone; the place search is a
// combobox a keyboard and a screen reader use (count announced, arrows, Enter moves the map,
// Escape closes, the report form is never sent by it). A geocoder that fails or answers nonsense
// leaves the areas' names. The report keeps its place: the review list, the case, the lägesbild's
// hot spots and the export show it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { EDGE, post, query } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { FORM_MAP, axeViolations, consoleAs, launch, screenshotPath, tabUntil } from "./support/browser.mjs";

const TENANT = "ortby";
const ADMIN = { tenant: TENANT, email: "admin@ortby.example", password: "ortby-admin-lösen" };
const SETTINGS = `/api/v1/console/${TENANT}/settings`;

// The geocoder: what it was asked (path, query, headers), and how it answers now.
const asked = [];
let mode = "answer";
const STREETS = [
  // North of 58.036 (in Centrum): Storgatan; south of it: Ågatan.
  { north: 58.036, road: "Storgatan" },
  { north: -90, road: "Ågatan" },
];
const FOUND = [
  { lat: "58.0372", lon: "12.8101", display_name: "Storgatan, Centrum, Ortby, Ortby kommun, Västra Götalands län, Sverige" },
  { lat: "58.0551", lon: "12.8002", display_name: "Storängsvägen, Norra, Ortby, Sverige" },
  // Outside the municipality's map: never offered.
  { lat: "59.3293", lon: "18.0686", display_name: "Storgatan, Stockholm, Sverige" },
];
let geocoder;
let geocoderUrl;
let admin;
let browser;
before(async () => {
  geocoder = http.createServer((request, response) => {
    const url = new URL(request.url, "http://geocoder");
    asked.push({ path: url.pathname, params: url.searchParams, headers: request.headers });
    if (mode === "fail") {
      response.writeHead(503).end("busy");
      return;
    }
    if (mode === "nonsense") {
      response.writeHead(200, { "content-type": "text/html" }).end("<html>Välkommen</html>");
      return;
    }
    const body = url.pathname === "/reverse"
      ? { place_id: 1, name: "", address: { road: STREETS.find((s) => +url.searchParams.get("lat") > s.north).road, house_number: "12", suburb: "Centrum" } }
      : FOUND.filter((f) => f.display_name.toLowerCase().includes(url.searchParams.get("q")));
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise((resolve) => geocoder.listen(0, "127.0.0.1", resolve));
  geocoderUrl = `http://127.0.0.1:${geocoder.address().port}`;
  admin = await login(ADMIN);
  browser = await launch();
});
after(async () => {
  geocoder?.close();
  await browser?.close();
});

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Ortby kommun</title></head>
<body><main><h1>Ortby kommun</h1><tryggve-report tenant="${TENANT}"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

/** The report form of "ortby" at `viewport`; `outside` collects requests to anything but the edge. */
async function openForm(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ locale: "sv-SE", viewport });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await context.route(`${EDGE}/ortby.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const outside = [];
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (url.origin !== EDGE && url.hostname !== "tile.openstreetmap.org") outside.push(r.url());
  });
  await page.goto(`${EDGE}/ortby.html`);
  const widget = page.locator("tryggve-report");
  await widget.locator(FORM_MAP).waitFor();
  return { context, page, widget, errors, outside };
}

const nameOf = (lat, lng) => fetch(`${EDGE}/api/v1/tenants/${TENANT}/place-name?lat=${lat}&lng=${lng}`);
const search = (q) => fetch(`${EDGE}/api/v1/tenants/${TENANT}/places?q=${encodeURIComponent(q)}`);

test("without a geocoder, places are named by the municipality's own areas, and the search finds them", async () => {
  const inCentrum = await nameOf(58.0337, 12.8083);
  assert.equal(inCentrum.status, 200);
  assert.deepEqual(await inCentrum.json(), { name: "Centrum" });
  assert.deepEqual(await (await nameOf(58.10, 12.60)).json(), { name: null }, "outside every area: no name");
  // Named features of the municipality's layers name a place within 150 m; only public layers,
  // since the name is said to residents.
  const point = (name, lng, lat) => ({ type: "Feature", properties: { name }, geometry: { type: "Point", coordinates: [lng, lat] } });
  for (const [name, isPublic, feature] of [["Skolor", true, point("Ortby skola", 12.8200, 58.0300)], ["Kameror", false, point("Kamera 7", 12.8000, 58.0300)]]) {
    const added = await call(admin, "POST", `/api/v1/console/${TENANT}/layers`, { name, colour: "blue", public: isPublic, geojson: { type: "FeatureCollection", features: [feature] } });
    assert.equal(added.response.status, 201, added.text);
  }
  assert.deepEqual(await (await nameOf(58.0305, 12.8200)).json(), { name: "Ortby skola, Centrum" }, "55 m from the school");
  assert.deepEqual(await (await nameOf(58.0305, 12.8000)).json(), { name: "Centrum" }, "a console-only layer names nothing");
  // Bad positions: a 422 naming the field, never a 5xx.
  for (const [q, field, code] of [["lat=59.33&lng=18.07", "lat", "outside_area"], ["lat=x&lng=12.8", "lat", "required"], ["lng=12.8", "lat", "required"], ["lat=95&lng=12.8", "lat", "not_on_earth"]]) {
    const refused = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/place-name?${q}`);
    assert.equal(refused.status, 422, q);
    const { error } = await refused.json();
    assert.deepEqual([error.field, error.code], [field, code], q);
  }
  const found = await search("norr");
  assert.equal(found.status, 200);
  assert.deepEqual((await found.json()).map((f) => f.name), ["Norra"]);
  for (const [q, code] of [["ab", "required"], ["   ", "required"], ["x".repeat(101), "too_long"]]) {
    const refused = await search(q);
    assert.equal(refused.status, 422, q);
    const { error } = await refused.json();
    assert.deepEqual([error.field, error.code], ["q", code], q);
  }
  assert.equal(asked.length, 0, "no geocoder was asked");
});

test("the admin sets the geocoder; a pin placed by keyboard is announced with the street, asked for once by the edge", async () => {
  const { json: settings } = await call(admin, "GET", SETTINGS);
  assert.equal(settings.config.geocoder, undefined, "none yet");
  settings.config.geocoder = { url: "ftp://geo.example" };
  const refused = await call(admin, "PUT", SETTINGS, settings);
  assert.equal(refused.response.status, 422);
  assert.equal(refused.json.error.field, "config.geocoder.url");
  settings.config.geocoder = { url: `${geocoderUrl}/` };
  const saved = await call(admin, "PUT", SETTINGS, settings);
  assert.equal(saved.response.status, 200, saved.text);
  assert.equal(saved.json.config.geocoder.url, geocoderUrl, "the last / dropped");
  const config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
  assert.equal(config.geocoder, undefined, "the widget is not told where the geocoder is");

  const { context, page, widget, errors, outside } = await openForm();
  await tabUntil(page, () => document.querySelector("tryggve-report").shadowRoot.activeElement?.id === "place-pin");
  await page.keyboard.press("Enter");
  const status = widget.locator("#pin-status");
  await status.filter({ hasText: "Nålen är satt i kartans mitt. Vald plats: Ågatan, Centrum." }).waitFor();
  assert.equal(await status.getAttribute("aria-live"), "polite");
  const reverse = asked.filter((a) => a.path === "/reverse");
  assert.equal(reverse.length, 1);
  assert.equal(reverse[0].params.get("lat"), "58.0337", "rounded to four decimals");
  assert.equal(reverse[0].params.get("lon"), "12.8083");
  assert.equal(reverse[0].params.get("format"), "jsonv2");
  assert.equal(reverse[0].headers["user-agent"], "Tryggve-PlaceNames/1", "asked by the edge, not the resident's browser");
  assert.equal(reverse[0].headers.cookie, undefined);
  assert.deepEqual(outside, [], "the browser talked to no one but the edge and the tiles");

  // The same spot again: answered from the cache.
  await page.keyboard.press("Enter");
  await page.waitForTimeout(500);
  await status.filter({ hasText: "Vald plats: Ågatan, Centrum." }).waitFor();
  assert.equal(asked.filter((a) => a.path === "/reverse").length, 1, "asked once per spot");
  assert.deepEqual(query(`SELECT kind, key, answer FROM place_names WHERE tenant_id = '${TENANT}'`),
    [{ kind: "reverse", key: "58.0337,12.8083", answer: '{"name":"Ågatan"}' }], "the street kept, never the house number");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the place search: type, hear how many, arrow to one, Enter moves the map there; Escape closes; the form is not sent", async () => {
  for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const { context, page, widget, errors, outside } = await openForm(viewport);
    const box = widget.getByRole("combobox", { name: "Sök adress eller plats" });
    await box.focus();
    await page.keyboard.type("stor");
    const said = widget.locator(".place-search [role=status]");
    await said.filter({ hasText: "2 platser hittades. Välj med pil ned." }).waitFor();
    assert.equal(await box.getAttribute("aria-expanded"), "true");
    const options = widget.locator("#place-search-options").getByRole("option");
    assert.deepEqual(await options.allTextContents(), ["Storgatan, Centrum, Ortby", "Storängsvägen, Norra, Ortby"], "the geocoder's places within the map, and not Stockholm's");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await box.getAttribute("aria-activedescendant"), "place-option-0", "round to the first");
    assert.equal(await options.first().getAttribute("aria-selected"), "true");
    if (name === "1280x900") assert.deepEqual(await axeViolations(page), [], "the open list passes axe-core");
    await widget.locator(".place-search").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`widget-place-search-${name}.png`) });
    await page.keyboard.press("ArrowUp");
    assert.equal(await box.getAttribute("aria-activedescendant"), "place-option-1");
    await page.keyboard.press("Escape");
    assert.equal(await box.getAttribute("aria-expanded"), "false", "Escape closes the list");
    await page.keyboard.press("ArrowDown");
    assert.equal(await box.getAttribute("aria-activedescendant"), "place-option-0");
    await page.keyboard.press("Enter");
    assert.equal(await box.inputValue(), "Storgatan, Centrum, Ortby");
    assert.equal(await box.getAttribute("aria-expanded"), "false");
    const status = widget.locator("#pin-status");
    await status.filter({ hasText: "Kartan visar Storgatan, Centrum, Ortby." }).waitFor();
    // Enter in the search sends nothing: a sent form would have said what is missing (the pin).
    assert.deepEqual([await widget.locator("#pin-error").textContent(), await widget.locator("p.alert").textContent()], ["", ""]);
    assert.ok(await box.evaluate((b) => b.getRootNode().activeElement === b), "focus stays in the search");
    // The map is there now: the pin at its centre is on Storgatan.
    await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
    await status.filter({ hasText: "Vald plats: Storgatan, Centrum." }).waitFor();
    if (name === "1280x900") {
      // A click on an option chooses it too.
      await box.fill("");
      await box.pressSequentially("storä");
      await options.first().filter({ hasText: "Storängsvägen" }).waitFor();
      await options.first().click();
      await status.filter({ hasText: "Kartan visar Storängsvägen, Norra, Ortby." }).waitFor();
      // Nothing matches: said so, and no list.
      await box.fill("");
      await box.pressSequentially("xyzzy");
      await said.filter({ hasText: "Ingen plats med det namnet hittades." }).waitFor();
      assert.equal(await box.getAttribute("aria-expanded"), "false");
    }
    assert.deepEqual(outside, []);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a geocoder that fails or answers nonsense leaves the areas' names; the search still finds them", async () => {
  mode = "fail";
  const before = asked.length;
  assert.deepEqual(await (await nameOf(58.0301, 12.8001)).json(), { name: "Centrum" });
  assert.equal(asked.length, before + 1, "asked, and failed");
  assert.deepEqual(query(`SELECT key FROM place_names WHERE key = '58.0301,12.8001'`), [], "a failure is not cached: asked again later");
  assert.deepEqual((await (await search("centr")).json()).map((f) => f.name), ["Centrum"]);
  mode = "nonsense";
  assert.deepEqual(await (await nameOf(58.0302, 12.8002)).json(), { name: "Centrum" });
  assert.deepEqual((await (await search("södr")).json()).map((f) => f.name), ["Södra"]);
  mode = "answer";
});

test("a report keeps its place: the review list, the case, the lägesbild's hot spots and the export show it", async () => {
  for (const lat of [58.0371, 58.0372, 58.0373]) {
    const { response, json } = await post("/api/v1/reports", { tenant: TENANT, lat, lng: 12.8091, category: "dark-spot", times: ["night"], description: "Mörkt vid busshållplatsen." });
    assert.equal(response.status, 201, JSON.stringify(json));
  }
  assert.deepEqual(query(`SELECT DISTINCT place FROM reports WHERE tenant_id = '${TENANT}'`), [{ place: "Storgatan, Centrum" }]);

  const csv = await call(admin, "GET", `/api/v1/console/${TENANT}/export.csv`);
  const [header, first] = csv.text.split("\r\n");
  assert.ok(header.split(",").includes("place"));
  assert.match(first, /,"Storgatan, Centrum",/);

  const { context, page, errors } = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
  const list = page.getByRole("table", { name: "Rapporter" });
  await list.getByRole("columnheader", { name: "Plats" }).waitFor();
  const placed = list.getByRole("cell", { name: "Storgatan, Centrum", exact: true });
  await placed.first().waitFor();
  assert.equal(await placed.count(), 3);
  await list.getByRole("button", { name: /^\d{4}-\d{4}$/ }).first().click();
  await page.locator("dd.place").filter({ hasText: "Storgatan, Centrum" }).waitFor();
  await page.screenshot({ path: screenshotPath("console-places-review-1280x900.png") });

  await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
  const hotspots = page.getByRole("table", { name: /De tio rutor/ });
  await hotspots.getByRole("row", { name: /Storgatan, Centrum 3/ }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), []);
  await hotspots.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath("console-places-hotspots-1280x900.png") });
  assert.deepEqual(errors, []);
  await context.close();
});
