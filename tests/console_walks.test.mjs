// Planning a safety walk in the console, in headless Chromium against the real edge (in a
// municipality of its own, "vandringsby"): a coordinator plans a walk with its meeting point set
// by keyboard, sets the participants' code, and starts the walk; residents' list shows it.
// axe-core is clean; the page reads at a desktop, a wide screen and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const ADMIN = { tenant: "vandringsby", email: "admin@vandringsby.example", password: "vandringsby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function toWalks(viewport) {
  const opened = await consoleAs(browser, ADMIN, viewport);
  await opened.page.locator("nav.pages").getByRole("button", { name: "Vandringar", exact: true }).click();
  await opened.page.getByRole("heading", { name: "Vandringar", level: 1 }).waitFor();
  return opened;
}

test("a coordinator plans a walk, sets its code and starts it", async () => {
  const { context, page, errors } = await toWalks({ width: 1280, height: 900 });
  const form = page.locator("form.walk-form");
  await form.getByLabel("Vandring", { exact: true }).fill("Kvällsvandring vid stationen");
  await form.getByLabel("Start").fill("2026-12-17T18:30");
  await form.getByLabel("Arrangör").fill("Trygghetssamordnaren");
  await form.getByLabel("Inbjudna organisationer").fill("Polisen, Bostadsbolaget");
  await form.getByLabel("Text för invånare").fill("Vi samlas vid stationen och går genom parken.");
  // Without a meeting point the form says what is missing.
  await form.getByRole("button", { name: "Planera vandringen" }).click();
  await form.getByText("Välj samlingsplatsen på kartan först.").waitFor();
  // The meeting point by keyboard: the map pans with the arrow keys, a button sets its centre.
  await form.locator("fieldset:not(.walk-route) .place-map .leaflet-container").focus();
  await page.keyboard.press("ArrowUp");
  await form.getByRole("button", { name: "Sätt platsen i kartans mitt" }).focus();
  await page.keyboard.press("Enter");
  await form.locator(".place-said").filter({ hasText: /^Vald plats: \d+\.\d{5}, \d+\.\d{5}$/ }).waitFor();
  // The route from a file a route planner made (RFC 7946: longitude first), then a point more by
  // keyboard, taken back again; a file that is no GeoJSON is refused in words.
  const config = await (await fetch(`${EDGE}/api/v1/tenants/vandringsby/config`)).json();
  const { lat, lng } = config.map.center;
  const route = { type: "Feature", properties: { name: "Stationen–parken" }, geometry: { type: "LineString",
    coordinates: [[lng, lat], [lng + 0.002, lat + 0.001], [lng + 0.004, lat + 0.003]] } };
  const fileInput = form.getByLabel("Läs in vägen från en GeoJSON-fil");
  await fileInput.setInputFiles({ name: "rutt.json", mimeType: "application/json", buffer: Buffer.from("inte json") });
  await form.getByText("Filen är inte GeoJSON.").waitFor();
  await fileInput.setInputFiles({ name: "rutt.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(route)) });
  await form.getByText(/^Vägen har 3 punkter och är ungefär \d+ meter lång\.$/).waitFor();
  await form.getByRole("button", { name: "Lägg till kartans mitt" }).focus();
  await page.keyboard.press("Enter");
  await form.getByText(/^Vägen har 4 punkter/).waitFor();
  await form.getByRole("button", { name: "Ta bort sista punkten" }).click();
  await form.getByText(/^Vägen har 3 punkter/).waitFor();
  await form.getByRole("button", { name: "Planera vandringen" }).click();
  await form.getByText("Kvällsvandring vid stationen är planerad. Sätt en kod för deltagarna nedan.").waitFor();
  const row = page.getByRole("row", { name: /Kvällsvandring vid stationen/ });
  await row.waitFor();
  assert.deepEqual((await row.getByRole("cell").allTextContents()).slice(1, 4), ["17 dec. 2026 kl. 18:30", "Planerad", "Ingen"]);

  await form.getByLabel("Ny kod").fill("stationen-om-kvällen");
  await form.getByRole("button", { name: "Spara koden" }).click();
  await form.getByText("Koden för Kvällsvandring vid stationen är sparad.").waitFor();
  await row.getByRole("cell", { name: "Satt", exact: true }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the walks page passes axe-core");
  await page.screenshot({ path: screenshotPath("console-walks-1280x900.png"), fullPage: true });

  // Residents see it announced.
  const shown = await (await fetch(`${EDGE}/api/v1/tenants/vandringsby/walks`)).json();
  const walk = shown.find((w) => w.title === "Kvällsvandring vid stationen");
  assert.deepEqual([walk.starts_at, walk.organiser, walk.state], ["2026-12-17T18:30", "Trygghetssamordnaren", "planned"]);
  const near = (a, b) => Math.abs(a - b) < 1e-9;
  assert.equal(walk.route.length, 3);
  assert.ok(walk.route.every((p, i) => near(p.lat, route.geometry.coordinates[i][1]) && near(p.lng, route.geometry.coordinates[i][0])),
    `the route as the file drew it: ${JSON.stringify(walk.route)}`);

  // Started by keyboard from its row.
  await row.getByRole("button", { name: "Starta Kvällsvandring vid stationen" }).focus();
  await page.keyboard.press("Enter");
  await page.getByText("Kvällsvandring vid stationen: Pågår.").waitFor();
  await row.locator(".walk-state").filter({ hasText: "Pågår" }).waitFor();
  assert.equal(await row.getByRole("button", { name: "Starta Kvällsvandring vid stationen" }).count(), 0);
  await row.getByRole("button", { name: "Avsluta Kvällsvandring vid stationen" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("the walks page reads on a wide screen and on a phone", async () => {
  for (const [width, height] of [[1920, 1080], [390, 844]]) {
    const { context, page } = await toWalks({ width, height });
    await page.getByRole("row", { name: /Kvällsvandring vid stationen/ }).waitFor();
    await page.screenshot({ path: screenshotPath(`console-walks-${width}x${height}.png`), fullPage: true });
    const { by, widest } = await sideways(page);
    assert.ok(by <= 1, `at ${width} px the page scrolls ${by} px sideways (${widest})`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  }
});

test("after the walk the coordinator rejects, merges and corrects points, and prints the protocol", async () => {
  // A walk the group logged on their phones (the logger's own test walks it in Chromium).
  const { login, call } = await import("./support/console.mjs");
  const admin = await login(ADMIN);
  const config = await (await fetch(`${EDGE}/api/v1/tenants/vandringsby/config`)).json();
  const { lat, lng } = config.map.center;
  const base = "/api/v1/console/vandringsby/walks";
  const walk = (await call(admin, "POST", base, {
    title: "Vandring längs ån", area: config.areas[0].id, starts_at: "2026-12-03T18:00", meeting_point: { lat, lng },
    route: [{ lat, lng }, { lat: lat + 0.003, lng: lng + 0.002 }], organiser: "Trygghetssamordnaren", organisations: "Polisen",
    description: "",
  })).json;
  await call(admin, "PUT", `${base}/${walk.id}/code`, { code: "längs-ån-i-kväll" });
  await call(admin, "POST", `${base}/${walk.id}/state`, { state: "under_way" });
  const joined = await (await fetch(`${EDGE}/api/v1/tenants/vandringsby/walks/${walk.id}/join`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code: "längs-ån-i-kväll" }),
  })).json();
  const log = async (i, category, note) => {
    const response = await fetch(`${EDGE}/api/v1/tenants/vandringsby/walks/${walk.id}/points`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${joined.pass}` },
      body: JSON.stringify({ idempotency_key: `console-walk-point-${walk.id}-${i}`, position: { lat: lat + 0.0005 * i, lng }, category, note, unsafe_level: 3 }),
    });
    assert.equal(response.status, 201);
    return (await response.json()).id;
  };
  const dark = await log(1, "dark_spot", "Gångtunneln är helt mörk");
  const sameDark = await log(2, "dark_spot", "Mörkt i tunneln");
  const named = await log(3, "other", "Pelle Persson på nummer 4 bråkar");
  const bushes = await log(4, "vegetation", "Buskarna skymmer lampan");
  await call(admin, "POST", `${base}/${walk.id}/state`, { state: "done" });

  const { context, page, errors } = await toWalks({ width: 1280, height: 900 });
  const row = page.getByRole("row", { name: /Vandring längs ån/ });
  await row.getByRole("button", { name: "Punkter och protokoll för Vandring längs ån" }).click();
  const review = page.locator("section.walk-review");
  await review.getByRole("heading", { name: "Punkterna från Vandring längs ån" }).waitFor();
  const points = review.locator("table.walk-points");
  await points.getByRole("row", { name: new RegExp(`^${named} `) }).waitFor();

  // A note naming a person: rejected, and out of the protocol.
  await points.getByRole("button", { name: `Avvisa punkt ${named}` }).click();
  await review.getByText(`Punkt ${named} är avvisad.`).waitFor();
  // Two phones marked the same tunnel: merged, by keyboard.
  await points.getByLabel(`Punkt att slå ihop punkt ${sameDark} med`).selectOption(String(dark));
  await points.getByRole("button", { name: `Slå ihop punkt ${sameDark} med den valda punkten` }).focus();
  await page.keyboard.press("Enter");
  await review.getByText(`Punkt ${sameDark} är sammanslagen.`).waitFor();
  await points.getByRole("row", { name: new RegExp(`^${sameDark} `) }).getByText(`Sammanslagen med punkt ${dark}`).waitFor();
  // A category chosen in a hurry, corrected.
  await points.getByRole("button", { name: `Ändra punkt ${bushes}` }).click();
  const editor = review.locator("form.walk-point-edit");
  await editor.getByLabel("Kategori").selectOption("dark_spot");
  await editor.getByLabel("Anteckning").fill("Buskarna skymmer lampan vid bron");
  await editor.getByRole("button", { name: "Spara punkten" }).click();
  await review.getByText(`Punkt ${bushes} är sparad.`).waitFor();
  // The dark tunnel becomes a case for the street unit, reviewed like any other.
  await points.getByRole("button", { name: `Gör till ärende, punkt ${dark}` }).click();
  await review.getByText(new RegExp(`Punkt ${dark} är nu ärende \\d{4}-\\d{4} och granskas som andra ärenden\\.`)).waitFor();
  await points.getByRole("row", { name: new RegExp(`^${dark} `) }).getByText(/Ärende \d{4}-\d{4}/).waitFor();
  assert.equal(await points.getByRole("button", { name: `Gör till ärende, punkt ${dark}` }).count(), 0, "one case per point");

  const protocol = review.locator("article.walk-protocol");
  await protocol.getByText("2 punkter, varav 2 mörka platser.").waitFor();
  await protocol.getByRole("heading", { name: "Mörk plats, belysning (2)" }).waitFor();
  assert.match(await protocol.textContent(), /markerad av 2/);
  assert.doesNotMatch(await protocol.textContent(), /Pelle Persson/);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the points and the protocol pass axe-core");
  await page.screenshot({ path: screenshotPath("console-walk-review-1280x900.png"), fullPage: true });
  // Printed on A4, the protocol alone.
  await page.emulateMedia({ media: "print" });
  assert.equal(await page.locator("nav.pages").isVisible(), false);
  assert.equal(await points.isVisible(), false, "the working table is not printed");
  assert.equal(await protocol.isVisible(), true);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: screenshotPath("console-walk-protocol-print-a4.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The lägesbild lists the walk's dark spots beside the reports', with where they came from.
  await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
  const spots = page.getByRole("table", { name: "Mörka platser som trygghetsvandringar under perioden hittade, per område" });
  await spots.getByText(new RegExp(`Vandring längs ån \\(3 dec\\. 2026\\), punkt ${dark} \\(Ärende \\d{4}-\\d{4}\\)`)).waitFor();
  await page.screenshot({ path: screenshotPath("console-walk-spots-lagesbild-1280x900.png"), fullPage: true });
  await page.locator("nav.pages").getByRole("button", { name: "Vandringar", exact: true }).click();
  await page.getByRole("row", { name: /Vandring längs ån/ }).getByRole("button", { name: "Punkter och protokoll för Vandring längs ån" }).click();
  await review.getByRole("button", { name: "Ladda ner som CSV (Excel)" }).waitFor();

  // The review map shows the walk's points beside the reports when the coordinator asks.
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  await page.getByLabel("Visa punkter från trygghetsvandringar").check();
  await page.locator(".map-summary").filter({ hasText: /Dessutom \d+ punkter? från (en )?trygghetsvandring/ }).waitFor();
  await page.screenshot({ path: screenshotPath("console-review-map-walks-1280x900.png") });
  await page.locator("nav.pages").getByRole("button", { name: "Vandringar", exact: true }).click();
  await page.getByRole("row", { name: /Vandring längs ån/ }).getByRole("button", { name: "Punkter och protokoll för Vandring längs ån" }).click();

  // The protocol as a file for Excel.
  const download = page.waitForEvent("download");
  await review.getByRole("button", { name: "Ladda ner som CSV (Excel)" }).click();
  const file = await download;
  assert.equal(file.suggestedFilename(), `trygghetsvandring-${walk.id}-protokoll.csv`);
  assert.deepEqual(errors, []);
  await context.close();
});
