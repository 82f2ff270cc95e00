// Map layers in the console, in headless Chromium against the real edge (in a municipality of
// its own, "kartby"): an admin uploads the street lighting (points, console only) and a safe
// route (a line, public) under Inställningar → Karta, a self-crossing polygon is refused in
// words naming where in the file and nothing is stored, and both layers are drawn on the review
// map and the lägesbild's map with a legend whose toggles hide and show them. A resident's report
// form shows the public route (not the lighting) with its legend, Leaflet's lines loaded only
// then; a form without layers never loads them. axe-core is clean, and the screens read at a
// desktop, a wide screen and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { FORM_MAP, axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "kartby";
const ADMIN = { tenant: TENANT, email: "admin@kartby.example", password: "kartby-admin-lösen" };

const lighting = {
  type: "FeatureCollection",
  features: [[12.801, 58.031], [12.806, 58.033], [12.811, 58.035]].map((coordinates, i) => ({
    type: "Feature", properties: { name: `Stolpe ${i + 1}`, wattage: 40 }, geometry: { type: "Point", coordinates },
  })),
};
const safeRoute = {
  type: "Feature", properties: { namn: "Stråket längs ån" },
  geometry: { type: "LineString", coordinates: [[12.798, 58.029], [12.805, 58.034], [12.815, 58.037]] },
};
const bowTie = {
  type: "FeatureCollection",
  features: [{ type: "Feature", properties: {}, geometry: { type: "Polygon",
    coordinates: [[[12.80, 58.03], [12.82, 58.04], [12.82, 58.03], [12.80, 58.04], [12.80, 58.03]]] } }],
};
const file = (name, json) => ({ name, mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(json)) });

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function toMapSettings(page) {
  await page.locator("nav.pages").getByRole("button", { name: "Inställningar", exact: true }).click();
  await page.getByRole("heading", { name: "Inställningar", level: 1 }).waitFor();
  await page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Karta/ }).click();
  await page.locator("fieldset.map-layers-editor").waitFor();
  return page.locator("fieldset.map-layers-editor");
}

/** The paths Leaflet drew on the map in `region` with `attribute` = `value` (a layer's colour). */
async function drawn(region, attribute, value) {
  return region.locator(`.leaflet-overlay-pane path[${attribute}="${value}"]`).count();
}

test("an admin uploads lighting and a safe route; they are drawn on the review map and the lägesbild with a legend that toggles them", async () => {
  const { context, page, errors } = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
  const section = await toMapSettings(page);
  const status = section.locator("p.notice");

  // No file: said, and nothing sent.
  await section.getByRole("button", { name: "Ladda upp lagret" }).click();
  await status.getByText("Välj en GeoJSON-fil först.").waitFor();

  // The lighting: the file's name is the first name; the admin writes a better one.
  await section.getByLabel("GeoJSON-fil").setInputFiles(file("gatubelysning.geojson", lighting));
  assert.equal(await section.getByLabel("Lagrets namn").inputValue(), "gatubelysning");
  await section.getByLabel("Lagrets namn").fill("Gatubelysning");
  await section.getByRole("radio", { name: "Orange" }).check();
  await section.getByRole("button", { name: "Ladda upp lagret" }).click();
  await status.getByText("Lagret ”Gatubelysning” är uppladdat: 3 punkter.").waitFor();

  // A polygon that crosses itself: refused, where in the file said; nothing stored.
  await section.getByLabel("GeoJSON-fil").setInputFiles(file("omrade.geojson", bowTie));
  await section.getByRole("button", { name: "Ladda upp lagret" }).click();
  await status.getByText("Lagret sparades inte: en ring i polygonen korsar eller rör vid sig själv. Rätta den i GIS-programmet. (i filen: features[0].geometry)").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "layer-file", "focus is back on the file");
  await section.getByLabel("Lagrets namn").fill("Trygga stråk");
  await section.getByLabel("GeoJSON-fil").setInputFiles(file("trygga-strak.geojson", safeRoute));
  await section.getByRole("radio", { name: "Grön" }).check();
  await section.getByLabel("Visa lagret för invånare i widgeten").check();
  await section.getByRole("button", { name: "Ladda upp lagret" }).click();
  await status.getByText("Lagret ”Trygga stråk” är uppladdat: 1 linje.").waitFor();
  assert.equal(await section.getByLabel("Visa lagret för invånare i widgeten").isChecked(), false, "the next layer starts unpublished");

  const table = section.getByRole("table", { name: "Kartlager" });
  const rows = async () => table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].slice(0, 3).map((c) => c.textContent.trim())));
  assert.deepEqual(await rows(), [
    ["Gatubelysning", "3 punkter", "Nej, bara i konsolen"],
    ["Trygga stråk", "1 linje", "Ja"],
  ]);
  // What the edge holds is what the table says (the refused polygon is not there).
  const stored = await page.evaluate(async (url) => (await fetch(url)).json(), `${EDGE}/api/v1/console/${TENANT}/layers`);
  assert.deepEqual(stored.map((l) => [l.name, l.colour, l.public, l.features.length]),
    [["Gatubelysning", "orange", false, 3], ["Trygga stråk", "green", true, 1]]);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the map settings with layers pass axe-core");
  await page.screenshot({ path: screenshotPath("console-layers-settings-1280x900.png"), fullPage: true });

  // The review map: both drawn, each named in the legend; a toggle hides its layer and shows it again.
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  const review = page.locator(".review-map");
  const legend = page.getByRole("group", { name: "Kartlager" });
  await legend.getByLabel("Gatubelysning").waitFor();
  assert.deepEqual(await legend.locator("label").allTextContents(), ["Gatubelysning", "Trygga stråk"]);
  await review.locator('.leaflet-overlay-pane path[stroke="#009e73"]').first().waitFor();
  assert.equal(await drawn(review, "fill", "#e69f00"), 3, "three lamps");
  assert.equal(await drawn(review, "stroke", "#009e73"), 1, "one route");
  await legend.getByLabel("Gatubelysning").uncheck();
  assert.equal(await drawn(review, "fill", "#e69f00"), 0, "the lamps are hidden");
  assert.equal(await drawn(review, "stroke", "#009e73"), 1, "the route stays");
  await legend.getByLabel("Gatubelysning").check();
  assert.equal(await drawn(review, "fill", "#e69f00"), 3, "the lamps are back");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the review map with its legend passes axe-core");
  await page.screenshot({ path: screenshotPath("console-layers-review-map-1280x900.png") });

  // The lägesbild's map: the same layers, its own legend.
  await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
  await page.getByRole("heading", { name: "Lägesbild", level: 1 }).waitFor();
  const hotspots = page.locator(".hotspots .review-map");
  await hotspots.locator('.leaflet-overlay-pane path[stroke="#009e73"]').first().waitFor();
  assert.equal(await drawn(hotspots, "fill", "#e69f00"), 3);
  await page.getByRole("group", { name: "Kartlager" }).getByLabel("Trygga stråk").uncheck();
  assert.equal(await drawn(hotspots, "stroke", "#009e73"), 0, "the route is hidden");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the lägesbild with its legend passes axe-core");
  await page.getByRole("group", { name: "Kartlager" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath("console-layers-lagesbild-1280x900.png") });
  assert.deepEqual(errors, []);
  await context.close();
});

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kartby kommun</title></head>
<body><main><h1>Kartby kommun</h1><tryggve-report tenant="${TENANT}"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

test("a resident sees the public layer, not the console's, with a legend that hides and shows it; Leaflet's lines load only then", async () => {
  for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ locale: "sv-SE", viewport });
    await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
    await context.route(`${EDGE}/kartby.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const loaded = [];
    page.on("request", (r) => loaded.push(new URL(r.url()).pathname));
    await page.goto(`${EDGE}/kartby.html`);
    const widget = page.locator("tryggve-report");
    const legend = widget.getByRole("group", { name: "Kartlager" });
    await legend.getByLabel("Trygga stråk").waitFor();
    assert.deepEqual(await legend.locator("label").allTextContents(), ["Trygga stråk"], "only the public layer");
    const route = widget.locator('.leaflet-overlay-pane path[stroke="#009e73"]');
    await route.waitFor();
    assert.equal(await route.count(), 1, "the safe route is drawn");
    assert.equal(await widget.locator('.leaflet-overlay-pane path[fill="#e69f00"]').count(), 0, "the lighting is the console's alone");
    assert.ok(loaded.includes("/widget/leaflet-vectors.js"), "Leaflet's lines came when a layer had one");
    if (name === "1280x900") {
      await legend.getByLabel("Trygga stråk").uncheck();
      assert.equal(await route.count(), 0, "hidden");
      await legend.getByLabel("Trygga stråk").check();
      await route.waitFor();
      assert.deepEqual(await axeViolations(page), [], "the form with its layer legend passes axe-core");
    }
    await widget.locator(".map-frame").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`widget-layers-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }

  // A municipality without public layers: no legend, and Leaflet's lines are never downloaded.
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const loaded = [];
  page.on("request", (r) => loaded.push(new URL(r.url()).pathname));
  const asked = page.waitForResponse((r) => r.url().endsWith("/api/v1/tenants/demo/layers"));
  await page.goto(`${EDGE}/`);
  const widget = page.locator("tryggve-report");
  await widget.locator(FORM_MAP).waitFor();
  assert.deepEqual(await (await asked).json(), []);
  await widget.getByLabel("Beskriv platsen").waitFor();
  assert.equal(await widget.locator(".layer-legend").count(), 0);
  assert.ok(!loaded.includes("/widget/leaflet-vectors.js"), "no lines downloaded without layers");
  await context.close();
});

test("the layer screens read on a wide screen and on a phone, and a removed layer is gone from the map", async () => {
  for (const [name, viewport] of [["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const { context, page, errors } = await consoleAs(browser, ADMIN, viewport);
    await page.locator(".review-map .leaflet-overlay-pane path").first().waitFor();
    await page.locator(".map-options").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`console-layers-review-map-${name}.png`) });
    const section = await toMapSettings(page);
    await section.getByRole("table", { name: "Kartlager" }).waitFor();
    assert.equal((await sideways(page)).by, 0, `no sideways scrolling at ${name}`);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`console-layers-settings-${name}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }

  const { context, page, errors } = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
  const section = await toMapSettings(page);
  await section.getByRole("button", { name: "Ta bort lagret Gatubelysning" }).click();
  await section.locator("p.notice").getByText("Lagret ”Gatubelysning” är borttaget.").waitFor();
  assert.equal(await section.getByRole("row", { name: /Gatubelysning/ }).count(), 0);
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  const legend = page.getByRole("group", { name: "Kartlager" });
  await legend.getByLabel("Trygga stråk").waitFor();
  assert.deepEqual(await legend.locator("label").allTextContents(), ["Trygga stråk"]);
  assert.equal(await drawn(page.locator(".review-map"), "fill", "#e69f00"), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
