// The council report (trygghetsrapport) in headless Chromium against the real edge, in a
// municipality of its own ("radsby"): charts drawn from the same numbers as their tables,
// hot spots named by area, time to fix against the target and the measures; printed to PDF
// (A4) without the console's navigation, filters or buttons, the municipality and the period
// heading the pages. axe-core is clean; the report reads at a desktop, a wide screen and a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { goodReport, post } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { axeViolations, consoleAs as openConsole, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "radsby";
const ADMIN = { tenant: TENANT, email: "admin@radsby.example", password: "radsby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function consoleAs(viewport) {
  const opened = await openConsole(browser, ADMIN, viewport);
  await opened.page.locator("nav.pages").getByRole("button", { name: "Trygghetsrapport", exact: true }).click();
  await opened.page.getByRole("heading", { name: "Trygghetsrapport", level: 1 }).waitFor();
  return opened;
}

/** The rows of the table named `caption`, as [label, number]. */
async function rows(page, caption) {
  const table = page.getByRole("table", { name: caption, exact: true });
  await table.waitFor();
  return table.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.querySelector("th").textContent, tr.querySelector("td").textContent]));
}

test("the council report charts the period's numbers with their tables and prints clean on A4", async () => {
  const admin = await login(ADMIN);
  const unit = await call(admin, "POST", `/api/v1/console/${TENANT}/units`,
    { name: "Gatu- och parkenheten", email: "gata@radsby.example", categories: ["graffiti"], targets: { graffiti: 48 } });
  assert.equal(unit.response.status, 201, unit.text);
  const send = async (overrides) => (await post("/api/v1/reports", goodReport({ tenant: TENANT, ...overrides }))).json.case_number;
  const wall = await send({ category: "graffiti" });
  await send({ category: "graffiti" });
  await send({ category: "dark-spot" });
  await send({ category: "dark-spot", lat: 58.0600, lng: 12.8100 }); // Norra
  for (const status of ["in_progress", "resolved"]) {
    assert.equal((await call(admin, "POST", `/api/v1/console/${TENANT}/reports/${wall}/actions`,
      { action: "set_status", status })).response.status, 200);
  }
  assert.equal((await call(admin, "POST", `/api/v1/console/${TENANT}/measures`,
    { title: "Klottersanering vid skolan", kind: "cleaning", status: "done", started_on: "2026-12-01", done_on: "2026-12-02" })).response.status, 201);

  const { context, page, errors } = await consoleAs({ width: 1280, height: 900 });
  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel("Från och med").fill("2026-01-01");
  await page.getByLabel("Till och med").fill(today);
  await page.getByLabel("Till och med").press("Tab");
  const head = page.locator(".council-running-head");
  await head.filter({ hasText: "1 jan. 2026" }).waitFor();
  assert.match(await head.textContent(), /^Rådsby kommun · Trygghetsrapport · Period: 1 jan\. 2026 – \d+ \S+ 20\d\d · Område: hela kommunen$/);
  await page.getByText("Rapporter under perioden: 4. Åtgärdade: 1. Öppna: 3. Klara åtgärder: 1.").waitFor();

  // Each chart is an image of its table's numbers.
  assert.deepEqual(await rows(page, "Rapporter per kategori").then((r) => r.filter(([, n]) => n !== "0")), [["Dålig belysning eller mörk plats", "2"], ["Klotter", "2"]]);
  assert.deepEqual(await rows(page, "Rapporter per område"), [["Centrum", "3"], ["Norra", "1"], ["Södra", "0"], ["Utanför områdena", "0"]]);
  const hotspots = await rows(page, "Platser med flest rapporter (rutor om cirka 300 meter)");
  assert.deepEqual(hotspots.map(([place, n]) => [place.split(" (")[0], n]), [["Centrum", "3"], ["Norra", "1"]], "hot spots named by area");
  assert.deepEqual(await rows(page, "Andel åtgärdade inom målet per enhet"), [["Gatu- och parkenheten", "100"]]);
  const charts = page.locator("figure.chart");
  assert.equal(await charts.count(), 5, "months, categories, areas, within target, measures");
  for (const figure of await charts.all()) {
    assert.equal(await figure.locator("table").count(), 1, "each chart has its table");
    if (await figure.locator("td.count").evaluateAll((tds) => tds.every((td) => td.textContent === "0"))) {
      assert.equal(await figure.locator("img").count(), 0, "nothing drawn for zeros only");
      continue;
    }
    const img = figure.locator("img");
    assert.match(await img.getAttribute("alt"), /^Stapeldiagram: .+\. Samma siffror står i tabellen under\.$/);
    assert.ok(await img.evaluate((i) => i.complete && i.naturalWidth > 0), "the chart is drawn");
  }
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the council report passes axe-core");
  await page.screenshot({ path: screenshotPath("console-council-report-1280x900.png"), fullPage: true });

  // Printed: no navigation, filters or buttons; the municipality and period head each page.
  await page.emulateMedia({ media: "print" });
  for (const hidden of ["nav.pages", "form.filters", ".council-controls", "header.top"]) {
    assert.equal(await page.locator(hidden).isVisible(), false, `${hidden} is not printed`);
  }
  assert.ok(await head.isVisible());
  assert.equal(await page.locator("table.council-frame > thead").evaluate((t) => getComputedStyle(t).display), "table-header-group",
    "the head is a table head, which Chromium repeats on every printed page");
  // How the paper looks, for people to judge: A4's width at 96 dpi.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: screenshotPath("console-council-report-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  writeFileSync(screenshotPath("council-report.pdf"), pdf);
  const text = pdf.toString("latin1");
  assert.ok(text.startsWith("%PDF-"));
  const pages = (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
  assert.ok(pages >= 2, `${pages} A4 pages`);
  assert.match(text, /\/MediaBox\s*\[0 0 59[45]\.\d+ 84[12]\.\d+\]/, "A4 (595 × 842 points)");
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[1920, 1080], [390, 844]]) {
  test(`the council report reads at ${width}×${height}`, async () => {
    const { context, page } = await consoleAs({ width, height });
    await page.locator("figure.chart img").first().waitFor();
    await page.screenshot({ path: screenshotPath(`console-council-report-${width}x${height}.png`), fullPage: true });
    const { by, widest } = await sideways(page);
    assert.ok(by <= 1, `the page scrolls ${by} px sideways (${widest})`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  });
}
