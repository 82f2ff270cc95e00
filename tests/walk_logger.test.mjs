// A safety walk as its participants take part, in Chromium against the real edge: a resident
// finds the walk announced on the municipality's page with a calendar file; three phones (browser
// contexts at 390×844 with emulated geolocation moving along the route) join with the walk's
// code; each logs points in two taps; one is offline for part of the walk and sends what it
// logged once it is back; every point is stored exactly once and appears live on the other
// phones. Once its protocol is published, residents read it there. The list, the logger and
// the protocol are clean under axe, and looked at at three sizes.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";

const CODE = "Kvällsvandring-Centrum-7";
const TITLE = `Kvällsvandring i centrum ${Date.now()}`;
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const TILE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC",
  "base64",
);

let browser;
let admin;
let walk;
let route;
before(async () => {
  browser = await launch();
  admin = await login(ACCOUNTS.admin);
  const config = await (await fetch(`${EDGE}/api/v1/tenants/demo/config`)).json();
  const { lat, lng } = config.map.center;
  // A route north-east from the meeting point, about 100 m a step.
  route = [0, 1, 2, 3, 4].map((i) => ({ lat: lat + 0.0009 * i, lng: lng + 0.0006 * i }));
  const planned = await call(admin, "POST", "/api/v1/console/demo/walks", {
    title: TITLE,
    area: config.areas[0].id,
    starts_at: "2026-12-10T18:00",
    meeting_point: route[0],
    route,
    organiser: "Trygghetssamordnaren",
    organisations: "Polisen, Bostadsbolaget",
    description: "Vi går från torget längs ån och letar mörka platser.",
  });
  assert.equal(planned.response.status, 201, planned.text);
  walk = planned.json;
  assert.equal((await call(admin, "PUT", `/api/v1/console/demo/walks/${walk.id}/code`, { code: CODE })).response.status, 200);
});
after(() => browser?.close());

/** A phone on the walks page, standing at `at`; `errors` collects the page's uncaught errors. */
async function phone(at, options = PHONE) {
  const context = await browser.newContext({
    locale: "sv-SE", ...options, geolocation: { latitude: at.lat, longitude: at.lng, accuracy: 10 },
    permissions: ["geolocation"],
  });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, contentType: "image/png", body: TILE }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const thirdParty = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(EDGE) && !r.url().startsWith("data:")) thirdParty.push(r.url());
  });
  await page.goto(`${EDGE}/walks.html`);
  const widget = page.locator("tryggve-walk");
  await widget.getByRole("heading", { name: "Trygghetsvandringar", level: 2 }).waitFor();
  return { context, page, widget, errors, thirdParty, moveTo: (p) => context.setGeolocation({ latitude: p.lat, longitude: p.lng, accuracy: 10 }) };
}

function walkItem(widget) {
  return widget.locator(".walk-item").filter({ hasText: TITLE });
}

async function join(p, code = CODE) {
  const item = walkItem(p.widget);
  if (!(await item.getByLabel("Vandringens kod").isVisible())) await item.getByRole("button", { name: "Delta med kod" }).click();
  await item.getByLabel("Vandringens kod").fill(code);
  await item.getByRole("button", { name: "Gå med" }).click();
}

const groupHeading = (p, n) => p.widget.getByRole("heading", { name: `Gruppens punkter (${n})` });

test("a walk is announced with its calendar file, and three phones log it together, one of them offline for a while", async () => {
  const a = await phone(route[0]);
  const item = walkItem(a.widget);
  await item.waitFor();
  assert.match(await item.textContent(), /Ansvarig: Trygghetssamordnaren/);
  assert.match(await item.textContent(), /Medverkar: Polisen, Bostadsbolaget/);
  assert.match(await item.locator(".walk-when").textContent(), /10 december 2026/);
  const calendar = item.getByRole("link", { name: "Lägg till i kalendern" });
  const ics = await fetch(new URL(await calendar.getAttribute("href"), EDGE));
  assert.equal(ics.status, 200);
  assert.match(await ics.text(), /SUMMARY:Kvällsvandring i centrum/);
  assert.deepEqual(await axeViolations(a.page, [["tryggve-walk"]]), [], "the walk list passes axe-core");
  await a.page.screenshot({ path: screenshotPath("walk-list-390.png"), fullPage: true });

  // A wrong code is refused in words; the right one opens the logger.
  await join(a, "Morgonvandring-1");
  await item.getByRole("alert").filter({ hasText: "Koden stämmer inte" }).waitFor();
  await join(a);
  await a.widget.getByRole("heading", { name: TITLE, level: 2 }).waitFor();
  await a.widget.getByText("Du följer vandringen live").waitFor();

  // The walk has not started: a point is refused, and said so.
  await a.widget.getByRole("button", { name: "Här står jag" }).click();
  await a.widget.getByText("Platsen är vald där du står.").waitFor();
  await a.widget.getByRole("button", { name: "Mörk plats, belysning" }).click();
  await a.widget.getByText("Vandringen pågår inte just nu.").waitFor();
  assert.equal((await call(admin, "POST", `/api/v1/console/demo/walks/${walk.id}/state`, { state: "under_way" })).response.status, 200);

  const b = await phone(route[0]);
  await join(b);
  const c = await phone(route[0]);
  await join(c);
  for (const p of [b, c]) await p.widget.getByText("Du följer vandringen live").waitFor();

  // A: a point in two taps where she stands (with how unsafe it feels and a note first).
  await a.moveTo(route[1]);
  await a.widget.getByRole("button", { name: "Här står jag" }).click();
  await a.widget.getByText("Platsen är vald där du står.").waitFor();
  await a.widget.locator(`label[for="walk-level-4"]`).click();
  await a.widget.getByLabel("Anteckning (valfritt)").fill("Trasig lampa vid gångtunneln");
  await a.widget.getByRole("button", { name: "Mörk plats, belysning" }).click();
  await a.widget.getByText("Punkten är sparad: Mörk plats, belysning.").waitFor();
  for (const p of [a, b, c]) await groupHeading(p, 1).waitFor();
  await b.widget.getByText("Mörk plats, belysning · otrygghet 4 av 5 · Trasig lampa vid gångtunneln").waitFor();
  assert.equal(await a.widget.getByLabel("Anteckning (valfritt)").inputValue(), "", "the form is emptied for the next point");

  // B follows her own position along the route and logs where she is.
  await b.widget.getByRole("button", { name: "Följ min position" }).click();
  await b.widget.getByRole("button", { name: "Sluta följa min position" }).waitFor();
  await b.moveTo(route[2]);
  await b.page.waitForTimeout(300);
  await b.widget.getByRole("button", { name: "Klotter" }).click();
  await b.widget.getByText("Punkten är sparad: Klotter.").waitFor();
  for (const p of [a, b, c]) await groupHeading(p, 2).waitFor();

  // C loses the signal in the park: two points wait on the phone, the others see nothing yet.
  await c.context.setOffline(true);
  await c.moveTo(route[3]);
  await c.widget.getByRole("button", { name: "Här står jag" }).click();
  await c.widget.getByText("Platsen är vald där du står.").waitFor();
  await c.widget.getByRole("button", { name: "Växtlighet" }).click();
  await c.widget.getByText("Ingen anslutning. Punkterna väntar i telefonen").waitFor();
  // The second by keyboard: the map's centre, then the category.
  await c.widget.getByRole("button", { name: "Välj kartans mitt" }).focus();
  await c.page.keyboard.press("Enter");
  await c.widget.getByText("Platsen är vald i kartans mitt.").waitFor();
  await c.widget.getByRole("button", { name: "Annat" }).focus();
  await c.page.keyboard.press("Enter");
  await groupHeading(c, 4).waitFor();
  assert.equal(await c.widget.getByText("väntar på täckning").count(), 2);
  const waiting = await c.page.evaluate((id) => JSON.parse(localStorage.getItem(`tryggve-walk-outbox:demo:${id}`)), walk.id);
  assert.deepEqual(waiting.map((p) => p.category), ["vegetation", "other"]);
  await c.page.screenshot({ path: screenshotPath("walk-logger-offline-390.png"), fullPage: true });
  await a.page.waitForTimeout(500);
  assert.equal(await groupHeading(a, 2).count(), 1, "nothing reached the others while C was offline");

  // Back in signal: both are sent, once each, and reach every phone.
  await c.context.setOffline(false);
  for (const p of [a, b, c]) await groupHeading(p, 4).waitFor({ timeout: 30_000 });
  await c.widget.getByText("väntar på täckning").first().waitFor({ state: "detached" });
  assert.equal(await c.page.evaluate((id) => localStorage.getItem(`tryggve-walk-outbox:demo:${id}`), walk.id), null);

  // Stored exactly once each, where and as they were logged.
  const pass = await a.page.evaluate(() => JSON.parse(localStorage.getItem("tryggve-walk:demo")).pass);
  const stored = await (await fetch(`${EDGE}/api/v1/tenants/demo/walks/${walk.id}/points`, { headers: { authorization: `Bearer ${pass}` } })).json();
  assert.deepEqual(stored.map((p) => p.category), ["dark_spot", "graffiti", "vegetation", "other"]);
  assert.equal(new Set(stored.map((p) => p.idempotency_key)).size, 4);
  const near = (p, q) => Math.abs(p.lat - q.lat) < 1e-5 && Math.abs(p.lng - q.lng) < 1e-5;
  assert.ok(near(stored[0].position, route[1]), "A's point where A stood");
  assert.ok(near(stored[1].position, route[2]), "B's point where B's followed position was");
  assert.ok(near(stored[2].position, route[3]), "C's point where C stood, offline");
  assert.deepEqual([stored[0].unsafe_level, stored[0].note], [4, "Trasig lampa vid gångtunneln"]);

  assert.deepEqual(await axeViolations(a.page, [["tryggve-walk"]]), [], "the logger passes axe-core");
  await a.page.screenshot({ path: screenshotPath("walk-logger-390.png"), fullPage: true });
  for (const p of [a, b, c]) {
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.thirdParty.filter((u) => !u.startsWith("https://tile.openstreetmap.org/")), [], "nothing but tiles leaves the edge");
    await p.context.close();
  }
});

test("the list and the logger at a desk's sizes", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 1920, height: 1080 }]) {
    const p = await phone(route[0], { viewport });
    await walkItem(p.widget).waitFor();
    await p.page.screenshot({ path: screenshotPath(`walk-list-${viewport.width}.png`), fullPage: true });
    await join(p);
    await groupHeading(p, 4).waitFor();
    await p.page.screenshot({ path: screenshotPath(`walk-logger-${viewport.width}.png`), fullPage: true });
    assert.deepEqual(p.errors, []);
    await p.context.close();
  }
});

test("a published protocol is shown to residents on the walks page, without participants' notes", async () => {
  for (const state of ["done", "protocol_published"]) {
    assert.equal((await call(admin, "POST", `/api/v1/console/demo/walks/${walk.id}/state`, { state })).response.status, 200);
  }
  const p = await phone(route[0]);
  const item = p.widget.locator(".walk-item").filter({ hasText: TITLE });
  await p.widget.getByRole("heading", { name: "Protokoll från tidigare vandringar" }).waitFor();
  assert.equal(await item.getByRole("button", { name: "Delta med kod" }).count(), 0, "a walk walked takes no participants");
  await item.getByRole("button", { name: "Visa protokollet" }).click();
  await item.getByText("Vandringen hittade 4 platser, varav 1 mörka.").waitFor();
  await item.getByText("Mörk plats, belysning: 1 (otrygghet 4 av 5)").waitFor();
  assert.doesNotMatch(await item.textContent(), /Trasig lampa/, "participants' notes stay in the console");
  assert.deepEqual(await axeViolations(p.page, [["tryggve-walk"]]), [], "the published protocol passes axe-core");
  await p.page.screenshot({ path: screenshotPath("walk-protocol-public-390.png"), fullPage: true });
  // The map draws the route, the meeting point and the four places; closing the protocol removes it.
  const map = item.getByRole("region", { name: "Karta över vandringens väg och de 4 platserna" });
  await map.waitFor();
  assert.equal(await map.locator(".leaflet-overlay-pane path").count(), 6, "route, meeting point and four places");
  await item.getByRole("button", { name: "Visa protokollet" }).click();
  assert.equal(await map.count(), 0, "closed, the protocol and its map are gone");
  assert.deepEqual(p.errors, []);
  await p.context.close();

  // At a desk's sizes: the protocol with its map, the whole route in view.
  for (const viewport of [{ width: 1280, height: 900 }, { width: 1920, height: 1080 }]) {
    const d = await phone(route[0], { viewport });
    const shown = d.widget.locator(".walk-item").filter({ hasText: TITLE });
    await shown.getByRole("button", { name: "Visa protokollet" }).click();
    await shown.getByRole("region", { name: "Karta över vandringens väg och de 4 platserna" }).locator(".leaflet-overlay-pane path").nth(5).waitFor();
    await shown.scrollIntoViewIfNeeded();
    await d.page.screenshot({ path: screenshotPath(`walk-protocol-public-${viewport.width}.png`), fullPage: true });
    assert.deepEqual(d.errors, []);
    await d.context.close();
  }
});
