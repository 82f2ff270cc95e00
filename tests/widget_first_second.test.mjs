// The widget's first second on a municipality's page: the loader draws the report form's frame
// (heading, introduction, the map's place, "Laddar kartan…") long before the WebAssembly, then
// the municipality's map in it once Leaflet and the configuration are there, and the widget
// then takes the frame's place, and that very map, without moving what the resident already
// sees. In Chromium against the real edge, with the WebAssembly held back until the frame has
// been seen.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// core/locales/sv.ftl's map-label.
const MAP_LABEL = "Karta för att välja plats";

const TILE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC",
  "base64",
);

// A municipality's page with text above and below the widget (served from the edge's origin,
// which the demo municipality allows).
const HOST_PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Trygghet</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="/widget/tryggve.js" defer></script></head>
<body><main><h1 id="above">Trygghet i Demo kommun</h1>
<tryggve-report tenant="demo"></tryggve-report>
<p id="below">Kommunen svarar på tips inom fem arbetsdagar.</p></main></body></html>`;

/** Opens the host page (with a form of `tenant`'s) with the report form's WebAssembly and the
 *  municipality's configuration held back; `release()` and `releaseConfig()` let them go. */
async function openHeld(viewport, tenant = "demo") {
  const context = await browser.newContext({ locale: "sv-SE", viewport });
  const tiles = [];
  await context.route("https://tile.openstreetmap.org/**", (route) => {
    tiles.push(route.request().url());
    return route.fulfill({ status: 200, contentType: "image/png", body: TILE });
  });
  await context.route(EDGE + "/first-second.html", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: HOST_PAGE.replace('tenant="demo"', `tenant="${tenant}"`) }));
  let releaseConfig;
  const configHeld = new Promise((resolve) => { releaseConfig = resolve; });
  await context.route(`**/api/v1/tenants/${tenant}/config`, async (route) => {
    await configHeld;
    await route.continue();
  });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let wasmAsked = false;
  await context.route("**/widget/tryggve_report_bg.wasm", async (route) => {
    wasmAsked = true;
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  // Every layout shift the browser counts (what a reader sees move without having done anything).
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts.push({ value: entry.value, at: entry.startTime });
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(EDGE + "/first-second.html");
  return { context, page, widget: page.locator("tryggve-report"), release, releaseConfig, wasmAsked: () => wasmAsked, tiles };
}

/** The number of layout shifts so far, once what is drawn has been painted (two frames on). */
function shiftsSoFar(page) {
  return page.evaluate(() => new Promise((resolve) =>
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.__shifts.length)))));
}

/** Where things are on the page, in CSS pixels from the top of the document. */
function places(page, mapSelector) {
  return page.evaluate((mapSelector) => {
    const root = document.querySelector("tryggve-report").shadowRoot;
    const at = (el) => {
      const r = el.getBoundingClientRect();
      return { x: Math.round(r.x), y: Math.round(r.y + scrollY), width: Math.round(r.width), height: Math.round(r.height) };
    };
    return {
      heading: at(root.querySelector("h2")),
      intro: at(root.querySelector(".intro")),
      map: at(root.querySelector(mapSelector)),
      above: at(document.getElementById("above")),
      below: at(document.getElementById("below")),
    };
  }, mapSelector);
}

for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["wide", { width: 1920, height: 1080 }], ["phone", { width: 390, height: 844 }]]) {
  test(`${name}: the frame is there before the WebAssembly, and the widget takes its place without a layout shift`, async () => {
    const { context, page, widget, release, releaseConfig, wasmAsked, tiles } = await openHeld(viewport);
    const frame = widget.locator(".frame section[aria-busy=true]");
    // The frame comes with the loader: before the configuration (held back), let alone the
    // WebAssembly.
    await frame.locator("[role=status]").filter({ hasText: "Laddar kartan…" }).waitFor();
    assert.ok(wasmAsked(), "the WebAssembly was asked for and is being held back");
    assert.equal(await frame.locator("h2").textContent(), "Tipsa om en plats som känns otrygg");
    assert.match(await frame.locator(".hint").textContent(), /^Klicka på kartan/);
    assert.equal(await frame.locator(".language").count(), 0, "whether there is a language choice is not known yet");
    assert.equal(await frame.locator(".leaflet-container").count(), 0, "the map waits for the configuration");
    const first = await places(page, ".frame .map");
    const shiftsAtFrame = await shiftsSoFar(page);
    releaseConfig();
    // The map itself is there before the WebAssembly, its tiles asked for, its zoom buttons
    // named in the page's language; marked, to find it again once the form has taken it over.
    const early = frame.locator(".map .leaflet-container");
    await early.locator(".leaflet-tile-loaded").first().waitFor();
    assert.ok(tiles.length > 0, "the map's tiles were asked for before the WebAssembly");
    assert.equal(await frame.locator(".leaflet-control-zoom-in").getAttribute("title"), "Zooma in");
    await early.evaluate((canvas) => { canvas.dataset.test = "the loader's map"; });
    // The demo municipality offers several languages: the choice turns up in the place kept
    // for it, and nothing the resident already sees moves.
    assert.equal(await frame.locator(".language").count(), 1);
    const framed = await places(page, ".frame .map");
    assert.deepEqual(framed, first, "nothing moved when the configuration arrived");
    assert.equal(await shiftsSoFar(page), shiftsAtFrame, "no layout shift when the configuration arrived");
    assert.ok(framed.map.height >= 320, `the map's place is map-sized (${framed.map.height} px)`);
    assert.ok(framed.below.y > framed.map.y + framed.map.height, "the host page's text comes after the frame");
    assert.deepEqual(await axeViolations(page), [], "the frame passes axe");
    await page.screenshot({ path: screenshotPath(`widget-frame-${name}.png`) });
    const shiftsBefore = await page.evaluate(() => window.__shifts.length);

    const tilesBefore = tiles.length;

    release();
    await widget.locator(".frame").waitFor({ state: "detached" });
    assert.equal(await widget.locator(".arriving").count(), 0, "the widget is shown");
    await widget.locator("#submit").waitFor();
    // The form took the loader's map over: the same element, now named as the form's map and
    // the one place the pin goes; no second map, no tile asked for again.
    const map = widget.locator(".leaflet-container");
    assert.equal(await map.count(), 1, "one map");
    assert.equal(await map.getAttribute("data-test"), "the loader's map");
    assert.equal(await map.getAttribute("role"), "application");
    assert.equal(await map.getAttribute("aria-label"), MAP_LABEL);
    assert.equal(new Set(tiles).size, tiles.length, "no tile was asked for twice");
    assert.ok(tiles.length >= tilesBefore);
    const drawn = await places(page, ".map");
    // The widget took the frame's place: heading, introduction and map exactly where they were.
    assert.deepEqual(drawn.heading, framed.heading);
    assert.deepEqual(drawn.intro, framed.intro);
    assert.deepEqual(drawn.map, framed.map);
    assert.deepEqual(drawn.above, framed.above);
    // Below the map the form fills the room the frame kept for it (and more, once it is longer);
    // the host page's text below moves only further down, out of sight.
    const shifts = await page.evaluate((from) => window.__shifts.slice(from), shiftsBefore);
    assert.deepEqual(shifts, [], "no layout shift when the widget arrived");
    assert.ok(drawn.below.y >= framed.below.y, `the text below did not move up (${framed.below.y} → ${drawn.below.y})`);
    assert.ok(framed.below.y >= viewport.height, "the text below was out of sight while the widget arrived");
    await page.screenshot({ path: screenshotPath(`widget-arrived-${name}.png`) });
    await context.close();
  });
}

// A municipality that speaks Swedish only: no language choice, and the room kept for one in the
// heading's row stays as the frame had it, so nothing moves either.
for (const [name, viewport] of [["desktop", { width: 1280, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
  test(`${name}: a municipality without a language choice: nothing moves from the frame to the form`, async () => {
    const { context, page, widget, release, releaseConfig } = await openHeld(viewport, "ensprakby");
    const frame = widget.locator(".frame section[aria-busy=true]");
    await frame.locator("[role=status]").waitFor();
    const framed = await places(page, ".frame .map");
    const shiftsAtFrame = await shiftsSoFar(page);
    releaseConfig();
    await frame.locator(".leaflet-container").waitFor();
    assert.equal(await frame.locator(".language").count(), 0);
    release();
    await widget.locator(".frame").waitFor({ state: "detached" });
    await widget.locator("#submit").waitFor();
    assert.equal(await widget.locator(".language, select#language").count(), 0, "no language choice");
    const drawn = await places(page, ".map");
    assert.deepEqual(drawn.heading, framed.heading);
    assert.deepEqual(drawn.intro, framed.intro);
    assert.deepEqual(drawn.map, framed.map);
    assert.equal(await shiftsSoFar(page), shiftsAtFrame, "no layout shift from the frame to the form");
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: screenshotPath(`widget-one-language-${name}.png`) });
    await context.close();
  });
}

test("the frame speaks the page's language, right to left in Arabic", async () => {
  const context = await browser.newContext({ locale: "ar" });
  await context.route("https://tile.openstreetmap.org/**", (route) =>
    route.fulfill({ status: 200, contentType: "image/png", body: TILE }));
  await context.route(EDGE + "/first-second.html", (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: HOST_PAGE.replace('lang="sv"', 'lang="ar" dir="rtl"') }));
  await context.route("**/widget/tryggve_report_bg.wasm", () => {}); // never arrives
  const page = await context.newPage();
  await page.goto(EDGE + "/first-second.html");
  const frame = page.locator("tryggve-report .frame section");
  await frame.locator("[role=status]").filter({ hasText: "جارٍ تحميل الخريطة…" }).waitFor();
  assert.equal(await frame.getAttribute("dir"), "rtl");
  assert.equal(await frame.getAttribute("lang"), "ar");
  assert.equal(await frame.locator("h2").textContent(), "أبلغ عن مكان تشعر فيه بعدم الأمان");
  await context.close();
});
