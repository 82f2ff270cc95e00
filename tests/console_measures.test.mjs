// Measures in the console and in the resident's follow-up, in headless Chromium against the real
// edge (in a municipality of its own, "planby"): a coordinator adds a measure for a resident's
// report, marks it done, and the resident following the report with the widget sees it;
// axe-core is clean on the measures page and the follow-up, at a desktop and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { call, login } from "./support/console.mjs";

const ADMIN = { email: "admin@planby.example", password: "planby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a coordinator adds a measure for a report, marks it done, and the resident sees it in the follow-up", async () => {
  const report = (await post("/api/v1/reports", goodReport({ tenant: "planby", description: "Mörkt i gångtunneln" }))).json;
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("Kommun (kod)").fill("planby");
  await page.getByLabel("E-postadress").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  await page.locator("nav.pages").getByRole("button", { name: "Åtgärder", exact: true }).click();
  await page.getByRole("heading", { name: "Åtgärder", level: 1 }).waitFor();
  await page.getByText("Inga åtgärder ännu.").waitFor();

  const form = page.locator("form.measure-form");
  await form.getByLabel("Åtgärd", { exact: true }).fill("Ny belysning i gångtunneln");
  await form.getByLabel("Typ").selectOption({ label: "Belysning" });
  await form.getByLabel("Område").selectOption({ label: "Centrum" });
  await form.getByLabel("Planerad").fill("2026-12-10");
  await form.getByLabel("Kostnad (kr)").fill("45000");
  await form.getByLabel(/Rapporter som åtgärden gäller/).fill(report.case_number);
  await form.getByLabel("Text för invånare som följer en rapport").fill("Fyra nya armaturer sätts upp i december.");
  // Its place, by keyboard: the map pans with the arrow keys and a button sets its centre.
  await page.getByText("Ingen plats vald.").waitFor();
  await form.locator(".place-map .leaflet-container").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await form.getByRole("button", { name: "Sätt platsen i kartans mitt" }).focus();
  await page.keyboard.press("Enter");
  const said = await form.locator(".place-said").filter({ hasText: /^Vald plats: \d+\.\d{5}, \d+\.\d{5}$/ }).textContent();
  const [lat, lng] = said.replace("Vald plats: ", "").split(", ").map(Number);
  assert.ok(lng > 12.8083 && Math.abs(lat - 58.0337) < 0.001, `panned east of the centre: ${said}`);
  await form.getByRole("button", { name: "Lägg till åtgärden" }).click();
  await page.getByText("Ny belysning i gångtunneln är tillagd.").waitFor();
  const row = page.getByRole("row", { name: /Ny belysning i gångtunneln/ });
  await row.getByText("Planerad").first().waitFor();
  await row.getByText(report.case_number).waitFor();

  // Done, by keyboard from the row's button.
  await row.getByRole("button", { name: "Ändra Ny belysning i gångtunneln" }).focus();
  await page.keyboard.press("Enter");
  await form.getByRole("heading", { name: "Ändra Ny belysning i gångtunneln" }).waitFor();
  await form.getByLabel("Status").selectOption({ label: "Klar" });
  await form.getByLabel("Påbörjad").fill("2026-12-10");
  await form.getByLabel("Klar", { exact: true }).fill("2026-12-14");
  await form.getByRole("button", { name: "Spara åtgärden" }).click();
  await page.getByText("Ny belysning i gångtunneln är sparad.").waitFor();
  const [stored] = (await call(await login({ tenant: "planby", ...ADMIN }), "GET", "/api/v1/console/planby/measures")).json;
  assert.deepEqual([stored.place.lat.toFixed(5), stored.place.lng.toFixed(5)], [lat.toFixed(5), lng.toFixed(5)], "the place is kept when the measure is changed");
  await row.locator("td.measure-status").filter({ hasText: "Klar" }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the measures page passes axe-core");
  await page.screenshot({ path: screenshotPath("console-measures-1280x900.png"), fullPage: true });

  // The case names the measure that answers it.
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  await page.getByRole("button", { name: report.case_number, exact: true }).click();
  const measuresOfCase = page.locator(".detail .report-measures");
  await measuresOfCase.getByRole("heading", { name: "Åtgärder för ärendet" }).waitFor();
  assert.equal(await measuresOfCase.locator("li").textContent(), "Ny belysning i gångtunneln – Belysning · Klar 14 dec. 2026");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the case with its measure passes axe-core");
  assert.deepEqual(errors, []);
  await context.close();

  // The resident follows the report with the widget's follow-up link.
  for (const [width, height] of [[1920, 1080], [390, 844]]) {
    const resident = await browser.newContext({ locale: "sv-SE", viewport: { width, height } });
    await resident.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
    const widgetPage = await resident.newPage();
    // A page of the edge's own origin with Planby's widget (the demo page embeds the demo's).
    await widgetPage.route(`${EDGE}/planby.html`, (r) => r.fulfill({ contentType: "text/html; charset=utf-8", body:
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Planby kommun</title></head>
       <body><main><h1>Följ ditt ärende</h1><tryggve-report tenant="planby"></tryggve-report></main>
       <script src="/widget/tryggve.js" defer></script></body></html>` }));
    await widgetPage.goto(`${EDGE}/planby.html#tryggve-followup=${report.case_number}.${report.followup_token}`);
    const widget = widgetPage.locator("tryggve-report");
    const measures = widget.locator(".followup-measures");
    await measures.getByRole("heading", { name: "Kommunens åtgärder" }).waitFor();
    await measures.getByText("Ny belysning i gångtunneln").waitFor();
    assert.match(await measures.locator(".measure-state").textContent(), /^Belysning · Klar 14 dec\. 2026$/);
    await measures.getByText("Fyra nya armaturer sätts upp i december.").waitFor();
    assert.doesNotMatch(await widget.textContent(), /45000|45 000/, "never the cost");
    assert.deepEqual(await axeViolations(widgetPage), [], "the follow-up with a measure passes axe-core");
    await widgetPage.screenshot({ path: screenshotPath(`widget-followup-measure-${width}x${height}.png`), fullPage: true });
    await resident.close();
  }
});
