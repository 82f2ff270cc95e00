// The public map at scale ("storstad", a municipality of its own with more approved reports than
// a phone should draw one by one): the edge answers a viewport with clusters counted per grid
// cell, or with the reports themselves when few lie in view; the counts follow every moderator
// decision exactly; bad viewports are refused. In the browser, a resident sees the clusters with
// their numbers and, zoomed in by keyboard, the reports one by one.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { FORM_MAP, axeViolations, launch, screenshotPath } from "./support/browser.mjs";

const TENANT = "storstad";
// More than the 300 reports the map shows one by one.
const COUNT = 320;
let admin;
let browser;
const cases = [];

// A grid of 16 rows by 20 columns, about 70 m apart, south-west of the map's centre.
const place = (i) => ({ lat: 58.028 + Math.floor(i / 20) * 0.0006, lng: 12.795 + (i % 20) * 0.0012 });

/** Runs `work` over `items`, `size` at a time. */
async function pool(items, size, work) {
  const results = [];
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }));
  return results;
}

const act = (caseNumber, body) => call(admin, "POST", `/api/v1/console/${TENANT}/reports/${caseNumber}/actions`, body);

async function publicMap(params = "") {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/public-reports${params}`);
  return { status: response.status, json: await response.json() };
}

const sum = (clusters) => clusters.reduce((n, c) => n + c.count, 0);

before(async () => {
  admin = await login({ tenant: TENANT, email: "admin@storstad.example", password: "storstad-admin-lösen" });
  browser = await launch();
  const filed = await pool([...Array(COUNT).keys()], 8, async (i) => {
    const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, ...place(i), description: `Plats ${i}`, contact_email: undefined }));
    assert.equal(response.status, 201, JSON.stringify(json));
    return json.case_number;
  });
  cases.push(...filed);
  // One report stays pending: it must never count.
  await pool(cases.slice(1), 4, async (caseNumber) => {
    const { response, json } = await act(caseNumber, { action: "approve", publish_description: false });
    assert.equal(response.status, 200, JSON.stringify(json));
  });
});
after(async () => { await browser?.close(); });

test("the whole map comes as clusters, and they count every approved report exactly once", async () => {
  const { status, json } = await publicMap();
  assert.equal(status, 200);
  assert.deepEqual(json.reports, [], "too many to show one by one");
  assert.equal(json.total, COUNT - 1, "the pending report is not counted");
  assert.equal(sum(json.clusters), COUNT - 1);
  assert.ok(json.clusters.length > 1 && json.clusters.length <= 500, `${json.clusters.length} clusters`);
  for (const c of json.clusters) {
    assert.ok(c.lat > 58.02 && c.lat < 58.04 && c.lng > 12.79 && c.lng < 12.82, JSON.stringify(c));
  }
});

test("zoomed in, the reports in view come one by one, coarsened, and only those", async () => {
  // Rows 1 to 4 of the grid (row 0 holds the pending report), every column: 80 reports.
  const rows = await publicMap("?bbox=12.7945,58.0283,12.8185,58.0307&zoom=15");
  assert.equal(rows.status, 200);
  assert.deepEqual([rows.json.clusters, rows.json.reports.length, rows.json.total], [[], 80, 80]);
  assert.doesNotMatch(JSON.stringify(rows.json), /Plats \d/, "unpublished text stays private");

  // Just around one report, at street level (coarsening moves a report at most 0.000225° in
  // latitude and 0.00043° in longitude here, less than half the grid's spacing).
  const one = place(21);
  const box = (p, lat, lng) => `${p.lng - lng},${p.lat - lat},${p.lng + lng},${p.lat + lat}`;
  const { json } = await publicMap(`?bbox=${box(one, 0.0003, 0.0005)}&zoom=18`);
  assert.equal(json.reports.length, 1);
  const shown = json.reports[0];
  assert.notDeepEqual([shown.lat, shown.lng], [one.lat, one.lng], "never the exact spot");
  const metres = Math.hypot((shown.lat - one.lat) * 111320, (shown.lng - one.lng) * 111320 * Math.cos(one.lat * Math.PI / 180));
  assert.ok(metres < 40, `${metres} m from the report`);

  // Whether a report is answered depends on its public place only. Otherwise ever smaller
  // boxes would find its exact spot: a box around that spot, missing the public place, finds
  // nothing; one around the public place, missing the spot, finds it.
  const d = Math.max(Math.abs(shown.lat - one.lat), Math.abs(shown.lng - one.lng)) / 2;
  const atSpot = await publicMap(`?bbox=${box(one, d, d)}&zoom=18`);
  assert.deepEqual([atSpot.status, atSpot.json.total, atSpot.json.reports], [200, 0, []]);
  const atPublicPlace = await publicMap(`?bbox=${box(shown, d, d)}&zoom=18`);
  assert.deepEqual(atPublicPlace.json.reports, [shown]);
});

test("the counts follow the moderators: a rejected report leaves them, approving twice counts once", async () => {
  const total = async () => {
    const { json } = await publicMap();
    assert.equal(json.total, sum(json.clusters), "total and clusters agree");
    return json.total;
  };
  assert.equal(await total(), COUNT - 1);
  assert.equal((await act(cases[5], { action: "reject", reason: "off_topic" })).response.status, 200);
  assert.equal(await total(), COUNT - 2, "the rejected report is uncounted");
  assert.equal((await act(cases[6], { action: "approve", publish_description: true })).response.status, 200);
  assert.equal(await total(), COUNT - 2, "approving an approved report again changes nothing");
  assert.equal((await act(cases[0], { action: "approve", publish_description: false })).response.status, 200);
  assert.equal((await act(cases[5], { action: "approve", publish_description: false })).response.status, 200);
  assert.equal(await total(), COUNT, "approved at last, both count");
});

test("a bad viewport is refused with the field named, never a 5xx", async () => {
  for (const [params, field] of [
    ["?bbox=1,2,3", "bbox"],
    ["?bbox=12.9,58.0,12.7,58.1", "bbox"],
    ["?bbox=a,b,c,d", "bbox"],
    ["?bbox=NaN,58,13,59", "bbox"],
    ["?zoom=99", "zoom"],
    ["?zoom=-1", "zoom"],
    ["?zoom=1.5", "zoom"],
  ]) {
    const { status, json } = await publicMap(params);
    assert.equal(status, 422, params);
    assert.deepEqual([json.error.field, json.error.code], [field, "invalid_viewport"], params);
  }
  // A viewport of the whole world is allowed: it is answered with coarse cells.
  const world = await publicMap("?bbox=-180,-90,180,90&zoom=0");
  assert.equal(world.status, 200);
  assert.equal(sum(world.json.clusters), world.json.total);
  assert.ok(world.json.clusters.length <= 500);
});

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Storstads kommun</title></head>
<body><main><h1>Storstads kommun</h1><tryggve-report tenant="${TENANT}"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

// The layer of others' reports is a part of the form's module loaded when its box is ticked.
const LAYER_PART = "/widget/split_report_public_layer.wasm";

/** A page of the municipality's (`PAGE`, at the edge's origin) in a context of its own, map tiles
 * answered empty; `errors` collects the page's uncaught errors. */
async function storstadPage() {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1000, height: 900 } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, contentType: "image/png", body: "" }));
  await context.route(`${EDGE}/storstad-test.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return { context, page, errors };
}

test("a resident sees clusters with their numbers, and zoomed in by keyboard, each report", async () => {
  const { context, page, errors } = await storstadPage();
  const requested = [];
  page.on("request", (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${EDGE}/storstad-test.html`);
  const widget = page.locator("tryggve-report");
  await widget.locator(FORM_MAP).waitFor();
  // The loader asked for the configuration while the widget downloaded; the widget used that
  // answer instead of asking again, and only the report form's module was loaded.
  const count = (path) => requested.filter((p) => p === path).length;
  assert.equal(count(`/api/v1/tenants/${TENANT}/config`), 1, requested.join(" "));
  assert.equal(count("/widget/tryggve_report_bg.wasm"), 1);
  assert.equal(count("/widget/tryggve_dialog_bg.wasm"), 0, "a page without a dialogue does not load its module");
  assert.equal(count("/widget/tryggve_follow_bg.wasm"), 0, "the follow-up's module waits for a follow-up link");
  assert.equal(count(LAYER_PART), 0, "the layer's part waits for the box");

  await widget.getByLabel("Visa platser som andra har rapporterat").check();
  const status = widget.locator(".public-reports [role=status]");
  await status.filter({ hasText: `${COUNT} godkända rapporter finns i kartutsnittet` }).waitFor();
  assert.equal(count(LAYER_PART), 1, "the layer's part, once ticked");
  await widget.locator(".cluster-count").first().waitFor();
  const labels = await widget.locator(".cluster-count").allTextContents();
  assert.ok(labels.length > 1, "the clusters show their numbers");
  assert.equal(labels.reduce((n, t) => n + Number(t), 0), COUNT, labels.join(" "));
  assert.equal(await widget.locator(".public-list li").count(), 0, "no list of hundreds");
  await widget.locator(".map").screenshot({ path: screenshotPath("public-map-clusters.png") });

  // Zoom in with the keyboard alone: focus the map, press + until the reports come one by one.
  await widget.locator(FORM_MAP).focus();
  for (let i = 0; i < 6 && !(await status.textContent()).includes("visas på kartan"); i++) {
    await page.keyboard.press("+");
    await page.waitForTimeout(600);
  }
  await status.filter({ hasText: "godkända rapporter visas på kartan och i listan nedan" }).waitFor();
  const listed = await widget.locator(".public-list li").count();
  assert.ok(listed > 0 && listed < COUNT, `${listed} reports listed`);
  assert.equal(await widget.locator(".cluster-count").count(), 0, "no clusters once zoomed in");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("when the layer's part cannot be loaded, the resident is told, and the next tick loads it", async () => {
  const { context, page, errors } = await storstadPage();
  // The connection drops just as the box is ticked.
  let refused = 0;
  await context.route(`${EDGE}${LAYER_PART}`, (r) => { refused++; return r.abort("internetdisconnected"); });
  let asked = 0;
  page.on("request", (r) => { if (new URL(r.url()).pathname === LAYER_PART) asked++; });
  await page.goto(`${EDGE}/storstad-test.html`);
  const widget = page.locator("tryggve-report");
  await widget.locator(FORM_MAP).waitFor();
  const box = widget.getByLabel("Visa platser som andra har rapporterat");
  const status = widget.locator(".public-reports [role=status]");

  // A click, not `check()`: the box is cleared again at once, which `check()` takes for a failed click.
  await box.click();
  await status.filter({ hasText: "Rapporterade platser kunde inte hämtas just nu." }).waitFor();
  assert.equal(refused, 1);
  assert.equal(await box.isChecked(), false, "the box is cleared: nothing is shown");
  assert.equal(await widget.locator(".cluster-count").count(), 0);
  await widget.locator(".public-reports").screenshot({ path: screenshotPath("public-layer-failed.png") });
  // The form itself goes on working.
  await widget.getByLabel(/Beskriv platsen/).fill("Mörk gångväg utan belysning");

  await context.unroute(`${EDGE}${LAYER_PART}`);
  await box.check();
  await status.filter({ hasText: `${COUNT} godkända rapporter finns i kartutsnittet` }).waitFor();
  await widget.locator(".cluster-count").first().waitFor();
  assert.equal(await widget.getByLabel(/Beskriv platsen/).inputValue(), "Mörk gångväg utan belysning");
  // Unticked and ticked again: the part is not asked for again, the reports are.
  await box.uncheck();
  await widget.locator(".cluster-count").first().waitFor({ state: "detached" });
  await status.filter({ hasText: /^$/ }).waitFor({ state: "attached" });
  await box.check();
  await widget.locator(".cluster-count").first().waitFor();
  assert.equal(asked, 2, "the part was asked for once more after it was refused, and then kept");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an answer that comes after the resident changed language is let go, and the form goes on", async () => {
  const { context, page, errors } = await storstadPage();
  // Others' reports on a slow line: the first answer is held back until the form is drawn anew.
  const held = [];
  await context.route(`${EDGE}/api/v1/tenants/${TENANT}/public-reports*`, (r) => { held.push(r); });
  await page.goto(`${EDGE}/storstad-test.html`);
  const widget = page.locator("tryggve-report");
  await widget.locator(FORM_MAP).waitFor();
  await widget.getByLabel("Visa platser som andra har rapporterat").check();
  await expectSoon(() => held.length > 0, "the layer asked for the reports in view");

  await widget.locator("#language").selectOption("en");
  await widget.getByLabel("Show places others have reported").waitFor();
  await context.unroute(`${EDGE}/api/v1/tenants/${TENANT}/public-reports*`);
  for (const r of held) await r.continue();
  // The answer reached a layer that is gone; the form in English works on.
  await widget.getByLabel("Show places others have reported").check();
  await widget.locator(".cluster-count").first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** Waits up to 10 s for `done()` to hold. */
async function expectSoon(done, what) {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(done(), what);
}
