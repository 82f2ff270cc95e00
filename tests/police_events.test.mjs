// The police's recent events against the real edge (in a municipality of its own, "polisby"),
// with the feed played by a local server that answers a recorded sample of polisen.se's events
// API (tests/support/police-events-sample.json; its dates moved so that each keeps its age).
// The admin names the location and the feed's address in the settings; the hourly cron
// (wrangler's /__scheduled) imports the events of the last days, skipping an item that is not
// an event and an event older than the days kept; an event sent again, updated, replaces its
// earlier version; a feed that fails or answers something else changes nothing. In the console
// (Chromium) the events are a layer of the review map and the lägesbild's map, with their own
// toggle, and the lägesbild counts them per area and month (within its period and area). Residents see the events' places on
// the report form's map only once the admin ticks that in the settings.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { EDGE } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { axeViolations, consoleAs, launch, screenshotPath } from "./support/browser.mjs";

const TENANT = "polisby";
const ADMIN = { tenant: TENANT, email: "admin@polisby.example", password: "polisby-admin-lösen" };
const EVENTS = `/api/v1/console/${TENANT}/police-events`;
const SETTINGS = `/api/v1/console/${TENANT}/settings`;
const RECORDED_ON = Date.UTC(2026, 11, 5);
const sample = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "support/police-events-sample.json"), "utf8"));

/** The sample as if recorded today: each date moved by the days since the recording. */
function today() {
  const days = Math.floor((Date.now() - RECORDED_ON) / 86_400_000);
  return structuredClone(sample).map((event) => {
    const match = /^(\d{4})-(\d{2})-(\d{2})( .*)$/.exec(event.datetime);
    if (!match) return event;
    const moved = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3] + days));
    event.datetime = moved.toISOString().slice(0, 10) + match[4];
    return event;
  });
}

// The feed: what it answers next, and what it was asked.
let answer = () => ({ status: 200, body: JSON.stringify(today()) });
const asked = [];
let feed;
let feedUrl;
let admin;
before(async () => {
  feed = http.createServer((request, response) => {
    asked.push(request.url);
    const { status, body } = answer();
    response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    response.end(body);
  });
  await new Promise((resolve) => feed.listen(0, "127.0.0.1", resolve));
  feedUrl = `http://127.0.0.1:${feed.address().port}/api/events`;
  admin = await login(ADMIN);
});
after(() => feed?.close());

const runCron = async () => {
  const run = await fetch(`${EDGE}/__scheduled?cron=7+*+*+*+*`);
  assert.equal(run.status, 200, await run.text());
};
const stored = async () => {
  const { response, json } = await call(admin, "GET", EVENTS);
  assert.equal(response.status, 200);
  return json;
};

test("the admin names the location; the cron imports the recent events, one row per event", async () => {
  const { json: settings } = await call(admin, "GET", SETTINGS);
  assert.deepEqual(settings.config.police, { locations: [], days: 90, url: "https://polisen.se/api/events", public: false });
  // Asked before anything is configured: nothing is fetched.
  await runCron();
  assert.deepEqual(asked, []);
  assert.deepEqual(await stored(), []);

  settings.config.police = { locations: [" Vårgårda "], days: 90, url: feedUrl, public: false };
  const saved = await call(admin, "PUT", SETTINGS, settings);
  assert.equal(saved.response.status, 200, saved.text);
  assert.deepEqual(saved.json.config.police.locations, ["Vårgårda"]);

  await runCron();
  assert.deepEqual(asked, ["/api/events?locationname=V%C3%A5rg%C3%A5rda"]);
  const events = await stored();
  // The summary of the night is not an event with a place; the theft is older than 90 days.
  assert.deepEqual(events.map((e) => [e.id, e.kind, e.location]), [[600101, "Skadegörelse", "Vårgårda"], [600087, "Rån", "Vårgårda"]]);
  const [vandalism] = events;
  assert.match(vandalism.occurred_at, /^\d{4}-\d{2}-\d{2}T21:41:00Z$/, "Swedish winter time is UTC+1");
  assert.match(vandalism.month, /^\d{4}-\d{2}$/);
  assert.deepEqual(vandalism.position, { lat: 58.0337, lng: 12.8083 });
  assert.equal(vandalism.url, "https://polisen.se/aktuellt/handelser/2026/december/4/04-december-22.41-skadegorelse-vargarda/");

  // The same events again: still one row each.
  await runCron();
  assert.equal((await stored()).length, 2);
});

test("an event sent again, updated, replaces its earlier version", async () => {
  answer = () => {
    const events = today();
    events[0].summary = "Flera fönster krossade vid skolan i centrum. En person gripen.";
    return { status: 200, body: JSON.stringify(events) };
  };
  await runCron();
  const events = await stored();
  assert.equal(events.length, 2);
  assert.equal(events.find((e) => e.id === 600101).summary, "Flera fönster krossade vid skolan i centrum. En person gripen.");
});

test("a feed that fails or answers something else changes nothing", async () => {
  const before = await stored();
  for (const broken of [
    { status: 200, body: "<html><body>Tjänsten är tillfälligt otillgänglig</body></html>" },
    { status: 200, body: JSON.stringify({ error: "rate limited" }) },
    { status: 200, body: "[{\"id\": 1, " },
    { status: 503, body: "[]" },
  ]) {
    answer = () => broken;
    await runCron();
    assert.deepEqual(await stored(), before, broken.body);
  }
});

test("the feed's settings are checked, and only the municipality's staff read its events", async () => {
  const { json: settings } = await call(admin, "GET", SETTINGS);
  for (const [police, field] of [
    [{ ...settings.config.police, url: "http://polisen.example/api/events" }, "config.police.url"],
    [{ ...settings.config.police, days: 0 }, "config.police.days"],
    [{ ...settings.config.police, locations: Array(11).fill("Ort") }, "config.police.locations"],
  ]) {
    const refused = await call(admin, "PUT", SETTINGS, { ...settings, config: { ...settings.config, police } });
    assert.equal(refused.response.status, 422, refused.text);
    assert.equal(refused.json.error.field, field);
  }
  assert.equal((await call(null, "GET", EVENTS)).response.status, 401);
  const other = await login(ACCOUNTS.otherTenantAdmin);
  assert.equal((await call(other, "GET", EVENTS)).response.status, 403);
});

test("the console shows the events on its maps and counts them per area and month", async () => {
  const events = await stored();
  assert.equal(events.length, 2);
  const browser = await launch();
  try {
    const { context, page, errors } = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
    const legend = page.getByRole("group", { name: "Kartlager" });
    await legend.getByLabel("Polisens händelser").waitFor();
    const dots = page.locator('.review-map .leaflet-overlay-pane path[fill="#1a1a1a"]');
    await dots.first().waitFor();
    assert.equal(await dots.count(), 2, "one dot per event");
    await legend.getByLabel("Polisens händelser").uncheck();
    assert.equal(await dots.count(), 0);

    await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
    const table = page.getByRole("table", { name: /Polisens händelser per område och månad/ });
    await table.waitFor();
    const rows = await table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
    // The vandalism in Centrum, the robbery in Norra: two rows of one each, whatever the months.
    assert.deepEqual(rows.map((r) => [r[0].split(",")[0], r[1]]), [["Centrum", "1"], ["Norra", "1"]]);
    // The lägesbild's area applies to the events too.
    await page.locator("form.filters").getByLabel("Område").selectOption("norra");
    await page.waitForFunction(() => {
      const table = [...document.querySelectorAll("table")].find((t) => /Polisens händelser per område och månad/.test(t.caption?.textContent ?? ""));
      return table && [...table.querySelectorAll("tbody tr")].every((tr) => tr.children[0].textContent.startsWith("Norra"));
    });
    assert.equal(await table.locator("tbody tr").count(), 1, "only the robbery in Norra");
    await page.locator("form.filters").getByLabel("Område").selectOption("");
    await table.locator("tbody tr").nth(1).waitFor();
    assert.deepEqual(await axeViolations(page, [["body"]]), [], "the lägesbild with the police's events passes axe-core");
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath("console-police-events-lagesbild-1280x900.png") });
    // The settings say where the events come from, beside the map's.
    await page.locator("nav.pages").getByRole("button", { name: "Inställningar", exact: true }).click();
    await page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Karta/ }).click();
    const police = page.getByRole("group", { name: "Polisens händelser" });
    assert.equal(await police.getByLabel("Ortnamn hos polisen (ett per rad)").inputValue(), "Vårgårda");
    assert.equal(await police.getByLabel("Antal dagar som sparas (1–400)").inputValue(), "90");
    assert.equal(await police.getByLabel("Adress till polisens händelser (https://)").inputValue(), feedUrl);
    // A day count out of range is refused at its field, in words.
    await police.getByLabel("Antal dagar som sparas (1–400)").fill("500");
    await page.getByRole("button", { name: "Spara inställningarna" }).click();
    await page.locator(".save-outcome").getByText(/Antal dagar som sparas \(1–400\)/).waitFor();
    assert.deepEqual(await axeViolations(page, [["body"]]), [], "the map settings with the police's feed pass axe-core");
    await page.screenshot({ path: screenshotPath("console-police-settings-1280x900.png"), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await browser.close();
  }
});

test("residents see the events' places on the form's map once the admin shows them, with a legend that hides them", async () => {
  const layers = async () => (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/layers`)).json();
  assert.deepEqual((await layers()).filter((l) => l.id === -1), [], "not until the municipality says so");
  const browser = await launch();
  try {
    // The admin ticks it in the settings.
    const settingsPage = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
    await settingsPage.page.locator("nav.pages").getByRole("button", { name: "Inställningar", exact: true }).click();
    await settingsPage.page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Karta/ }).click();
    await settingsPage.page.getByRole("group", { name: "Polisens händelser" }).getByLabel("Visa händelsernas platser för invånarna", { exact: false }).check();
    await settingsPage.page.getByRole("button", { name: "Spara inställningarna" }).click();
    await settingsPage.page.locator(".save-outcome").getByText("Inställningarna är sparade.", { exact: false }).waitFor();
    await settingsPage.context.close();
    const shown = (await layers()).at(-1);
    const places = (await stored()).map((e) => [e.position.lat, e.position.lng]);
    assert.equal(places.length, 2);
    assert.deepEqual(shown, { id: -1, name: "Polisens händelser, senaste 90 dagarna", colour: "black", points: places, lines: [], areas: [] },
      "only where they happened: no text, no link");

    const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Polisby kommun</title></head>
<body><main><h1>Polisby kommun</h1><tryggve-report tenant="${TENANT}"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;
    for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["390x844", { width: 390, height: 844 }]]) {
      const context = await browser.newContext({ locale: "sv-SE", viewport });
      await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
      await context.route(`${EDGE}/polisby.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(e.message));
      const outside = [];
      page.on("request", (r) => { const url = new URL(r.url()); if (url.origin !== EDGE && url.hostname !== "tile.openstreetmap.org") outside.push(r.url()); });
      await page.goto(`${EDGE}/polisby.html`);
      const widget = page.locator("tryggve-report");
      const legend = widget.getByRole("group", { name: "Kartlager" });
      const toggle = legend.getByLabel("Polisens händelser, senaste 90 dagarna");
      await toggle.waitFor();
      const dots = widget.locator('.leaflet-overlay-pane path[fill="#1a1a1a"]');
      await dots.first().waitFor();
      assert.equal(await dots.count(), 2, "one dot per event");
      await toggle.uncheck();
      assert.equal(await dots.count(), 0, "hidden");
      await toggle.check();
      await dots.first().waitFor();
      assert.deepEqual(await axeViolations(page), [], `the form with the events' legend passes axe-core at ${name}`);
      await widget.locator(".map-frame").scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath(`widget-police-events-${name}.png`) });
      assert.deepEqual(outside, [], "nothing asked of anyone but the edge and the tiles");
      assert.deepEqual(errors, []);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  // Unticked again: gone from residents' maps.
  const { json: settings } = await call(admin, "GET", SETTINGS);
  settings.config.police.public = false;
  assert.equal((await call(admin, "PUT", SETTINGS, settings)).response.status, 200);
  assert.deepEqual((await layers()).filter((l) => l.id === -1), []);
});
