// The follow-up in the console's lägesbild, in headless Chromium against the real edge (in a
// municipality of its own, "tidby"): a report routed to "Gatu- och parkenheten" waits in its
// queue, is opened from there and marked fixed; the lägesbild then shows the unit's time to fix
// against its target, the backlog, the measures and, on request, the duplicate left out. axe-core
// is clean, and the page reads at a desktop, a wide screen and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { goodReport, post, query } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { axeViolations, consoleAs as openConsole, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "tidby";
const ADMIN = { tenant: TENANT, email: "admin@tidby.example", password: "tidby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const consoleAs = (viewport) => openConsole(browser, ADMIN, viewport);

const toPage = async (page, name) => {
  await page.locator("nav.pages").getByRole("button", { name, exact: true }).click();
  await page.getByRole("heading", { name, level: 1 }).waitFor();
};

test("a report fixed from the unit's queue shows in the lägesbild's time to fix against the target", async () => {
  const admin = await login(ADMIN);
  const unit = await call(admin, "POST", `/api/v1/console/${TENANT}/units`,
    { name: "Gatu- och parkenheten", email: "gata@tidby.example", categories: ["graffiti"], targets: { graffiti: 48 } });
  assert.equal(unit.response.status, 201, unit.text);
  const file = async (description) =>
    (await post("/api/v1/reports", goodReport({ tenant: TENANT, category: "graffiti", description }))).json.case_number;
  const wall = await file("Klotter på skolans vägg");
  const again = await file("Samma klotter igen");
  assert.equal((await call(admin, "POST", `/api/v1/console/${TENANT}/reports/${again}/actions`,
    { action: "merge_into", case_number: wall })).response.status, 200);
  assert.equal((await call(admin, "POST", `/api/v1/console/${TENANT}/measures`,
    { title: "Klottersanering vid skolan", kind: "cleaning", status: "started", started_on: "2026-12-01" })).response.status, 201);
  // It came in 30 hours ago: reports cannot wait that long in a test.
  const [year, seq] = wall.split("-").map(Number);
  query(`UPDATE reports SET created_at = '${new Date(Date.now() - 30 * 3_600_000).toISOString()}' WHERE tenant_id = '${TENANT}' AND case_year = ${year} AND case_seq = ${seq}`);

  const { context, page, errors } = await consoleAs({ width: 1280, height: 900 });
  await toPage(page, "Köer");
  await page.getByText(/Gatu- och parkenheten: 1 öppna rapporter, 0 över målet\./).waitFor();
  await page.getByRole("row", { name: new RegExp(wall) }).getByRole("button", { name: wall }).click();
  const detail = page.locator(".detail");
  await detail.getByRole("heading", { name: `Ärende ${wall}` }).waitFor();
  // Work begins, then it is done: the status moves one step at a time.
  await detail.getByLabel("Ny status").selectOption({ label: "Åtgärd pågår" });
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärd pågår" }).waitFor();
  await detail.getByLabel("Ny status").selectOption({ label: "Åtgärdad" });
  await detail.getByLabel("Vad vi gjorde").fill("Klottret är sanerat.");
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärdad" }).waitFor();

  await toPage(page, "Lägesbild");
  await page.getByText("1 rapport visas.").waitFor();
  const byUnit = page.getByRole("table", { name: "Handläggningstid per enhet" });
  const row = byUnit.getByRole("row", { name: /Gatu- och parkenheten/ });
  // Columns: first response (count, median, 90 %), fixed (count, median, 90 %), within target, open, overdue.
  assert.deepEqual(await row.getByRole("cell").allTextContents(), ["1", "30 h", "30 h", "1", "30 h", "30 h", "100 % av 1", "0", "0"]);
  const byCategory = page.getByRole("table", { name: "Handläggningstid per kategori" });
  assert.deepEqual(await byCategory.getByRole("row", { name: /^Klotter/ }).getByRole("cell").allTextContents(),
    ["1", "30 h", "30 h", "1", "30 h", "30 h", "100 % av 1", "0", "0"]);
  const measures = page.getByRole("table", { name: "Åtgärder per läge" });
  assert.equal(await measures.getByRole("row", { name: /^Påbörjad/ }).locator("td.count").textContent(), "1");
  await page.getByText("Ingen klar åtgärd med plats eller område att jämföra före och efter ännu.").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the lägesbild with its follow-up passes axe-core");
  await page.screenshot({ path: screenshotPath("console-follow-up-1280x900.png"), fullPage: true });

  // The duplicate is counted only when asked for.
  await page.getByLabel(/Räkna även dubbletter/).check();
  await page.getByText("2 rapporter visas.").waitFor();
  await page.getByLabel(/Räkna även dubbletter/).uncheck();
  await page.getByText("1 rapport visas.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[1920, 1080], [390, 844]]) {
  test(`the lägesbild's follow-up reads at ${width}×${height}`, async () => {
    const { context, page } = await consoleAs({ width, height });
    await toPage(page, "Lägesbild");
    await page.getByRole("table", { name: "Handläggningstid per enhet" }).waitFor();
    await page.screenshot({ path: screenshotPath(`console-follow-up-${width}x${height}.png`), fullPage: true });
    const { by, widest } = await sideways(page);
    assert.ok(by <= 1, `the page scrolls ${by} px sideways (${widest})`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  });
}
