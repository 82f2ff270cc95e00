// Units in the console, as an admin and a moderator use them, in headless Chromium against the
// real edge (in a municipality of its own, "ruttby"): the admin adds a unit with a target time,
// changes its areas, a resident's report is routed to it as it arrives, the review names the
// unit and filters by it, and a moderator sends the report on to no unit; axe-core is clean
// on the units page and the case, at a desktop and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { goodReport, post } from "./support/edge.mjs";
import { axeViolations, consoleAs as openConsole, launch, screenshotPath } from "./support/browser.mjs";

const ADMIN = { email: "admin@ruttby.example", password: "ruttby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const consoleAs = ({ email, password }, viewport) => openConsole(browser, { tenant: "ruttby", email, password }, viewport);

test("an admin defines a unit; a new report goes to it, the review names and filters it, and a moderator routes it on", async () => {
  const { context, page, errors } = await consoleAs(ADMIN, { width: 1280, height: 900 });
  await page.locator("nav.pages").getByRole("button", { name: "Enheter", exact: true }).click();
  await page.getByRole("heading", { name: "Enheter", level: 1 }).waitFor();
  await page.getByText("Inga enheter ännu.").waitFor();

  const form = page.locator("form.unit-form");
  await form.getByLabel("Namn").fill("Gatu- och parkenheten");
  await form.getByLabel("Enhetens e-post").fill("gata@ruttby.example");
  await form.getByLabel("Klotter").check();
  await form.getByLabel("Nedskräpning").check();
  await form.getByLabel("Klotter, timmar").fill("48");
  await form.getByRole("button", { name: "Lägg till enheten" }).click();
  await page.getByText("Gatu- och parkenheten är tillagd.").waitFor();
  const row = page.getByRole("row", { name: /Gatu- och parkenheten/ });
  await row.getByText("Klotter 48 h").waitFor();
  await row.getByText("Hela kommunen").waitFor();

  // Changed: only in the centre from now on, by keyboard from the row's button.
  await row.getByRole("button", { name: "Ändra Gatu- och parkenheten" }).focus();
  await page.keyboard.press("Enter");
  await form.getByRole("heading", { name: "Ändra Gatu- och parkenheten" }).waitFor();
  assert.equal(await form.getByLabel("Namn").inputValue(), "Gatu- och parkenheten");
  assert.ok(await form.getByLabel("Klotter", { exact: true }).isChecked(), "the form shows the unit's categories");
  await form.getByLabel("Centrum").check();
  await form.getByRole("button", { name: "Spara enheten" }).click();
  await page.getByText("Gatu- och parkenheten är sparad.").waitFor();
  await row.getByRole("cell", { name: "Centrum", exact: true }).waitFor();

  // A name taken is refused in words about units.
  await form.getByLabel("Namn").fill("Gatu- och parkenheten");
  await form.getByLabel("Enhetens e-post").fill("annan@ruttby.example");
  await form.getByRole("button", { name: "Lägg till enheten" }).click();
  await page.getByText("Det finns redan en enhet med det namnet.").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the units page passes axe-core");
  await page.screenshot({ path: screenshotPath("console-units-1280x900.png"), fullPage: true });

  // Two residents' reports: graffiti in the centre goes to the unit, a dark spot to none.
  const file = async (category, description) =>
    (await post("/api/v1/reports", goodReport({ tenant: "ruttby", category, description }))).json.case_number;
  const routed = await file("graffiti", "Klotter på skolans vägg");
  const waiting = await file("dark-spot", "Mörkt i tunneln");

  // The review: the page is drawn anew with the units it now has.
  await page.reload();
  await page.getByRole("heading", { name: "Enheter", level: 1 }).waitFor();
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  await page.getByText("Visar 2 av 2 rapporter.").waitFor();
  await page.getByLabel("Enhet").selectOption({ label: "Gatu- och parkenheten" });
  await page.getByText("Visar 1 av 1 rapport.").waitFor();
  await page.getByRole("button", { name: routed, exact: true }).waitFor();
  assert.equal(await page.getByRole("button", { name: waiting, exact: true }).count(), 0, "the filter shows the unit's reports only");
  await page.getByLabel("Enhet").selectOption({ label: "Ingen enhet" });
  await page.getByRole("button", { name: waiting, exact: true }).click();
  const detail = page.locator(".detail");
  await detail.getByRole("heading", { name: `Ärende ${waiting}` }).waitFor();
  assert.equal(await detail.locator("dd.unit").textContent(), "Ingen enhet");

  // The moderator sends it to the unit, then the other one back to none.
  await detail.getByLabel("Enhet", { exact: true }).selectOption({ label: "Gatu- och parkenheten" });
  await detail.getByRole("button", { name: "Skicka", exact: true }).click();
  await page.getByText(`Ärende ${waiting} är sparat.`).waitFor();
  await detail.locator("dd.unit").filter({ hasText: "Gatu- och parkenheten" }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the case with its unit passes axe-core");
  await page.screenshot({ path: screenshotPath("console-case-unit-1280x900.png"), fullPage: true });
  await page.getByLabel("Enhet").first().selectOption({ label: "Gatu- och parkenheten" });
  await page.getByRole("button", { name: routed, exact: true }).click();
  await detail.getByRole("heading", { name: `Ärende ${routed}` }).waitFor();
  await detail.getByLabel("Enhet", { exact: true }).selectOption({ label: "Ingen enhet" });
  await detail.getByRole("button", { name: "Skicka", exact: true }).click();
  await page.getByText(`Ärende ${routed} är sparat.`).waitFor();
  await detail.locator("dd.unit").filter({ hasText: "Ingen enhet" }).waitFor();

  // Handling the case: its category, who handles it, when it happened, a note for colleagues.
  await detail.getByLabel("Kategori", { exact: true }).selectOption({ label: "Nedskräpning" });
  await detail.getByRole("button", { name: "Byt kategori" }).click();
  await page.getByText(`Ärende ${routed} är sparat.`).waitFor();
  await detail.locator("dd.original-category").filter({ hasText: "Klotter" }).waitFor();
  await detail.getByLabel("Handläggare (internt, visas aldrig för invånare)").fill("Kim på gatuenheten");
  await detail.getByRole("button", { name: "Spara handläggare" }).click();
  await detail.locator("dd.assignee").filter({ hasText: "Kim på gatuenheten" }).waitFor();
  await detail.getByLabel("När händelsen inträffade (om rapporten gäller en händelse)").fill("2026-11-28T23:40");
  await detail.getByRole("button", { name: "Spara tidpunkt" }).click();
  await detail.locator("dd.event-at").filter({ hasText: /28 nov\. 2026 kl\. 23:40/ }).waitFor();
  await detail.getByLabel("Ny anteckning").fill("Ringt Kim, åtgärdas på torsdag.");
  await detail.getByRole("button", { name: "Lägg till anteckning" }).click();
  await detail.locator(".note-list li").filter({ hasText: "Ringt Kim, åtgärdas på torsdag." }).waitFor();
  assert.match(await detail.locator(".note-list .note-meta").first().textContent(), /^Ida Inställning · /);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the handled case passes axe-core");
  await page.screenshot({ path: screenshotPath("console-case-handling-1280x900.png"), fullPage: true });

  // The unit's queue: the report sent there waits in it; a case opens in the review.
  await detail.getByLabel("Enhet", { exact: true }).selectOption({ label: "Gatu- och parkenheten" });
  await detail.getByRole("button", { name: "Skicka", exact: true }).click();
  await detail.locator("dd.unit").filter({ hasText: "Gatu- och parkenheten" }).waitFor();
  await page.locator("nav.pages").getByRole("button", { name: "Köer", exact: true }).click();
  await page.getByRole("heading", { name: "Köer", level: 1 }).waitFor();
  await page.getByText(/Gatu- och parkenheten: 2 öppna rapporter, 0 över målet\./).waitFor();
  const queued = page.getByRole("row", { name: new RegExp(routed) });
  await queued.getByText("Kim på gatuenheten").waitFor();
  await queued.getByText("Inom målet").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the queue passes axe-core");
  await page.screenshot({ path: screenshotPath("console-queue-1280x900.png"), fullPage: true });
  await queued.getByRole("button", { name: routed }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  await detail.getByRole("heading", { name: `Ärende ${routed}` }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [width, height] of [[1920, 1080], [390, 844]]) {
  test(`the units page reads at ${width}×${height}`, async () => {
    const { context, page } = await consoleAs(ADMIN, { width, height });
    await page.locator("nav.pages").getByRole("button", { name: "Enheter", exact: true }).click();
    await page.getByRole("row", { name: /Gatu- och parkenheten/ }).waitFor();
    await page.screenshot({ path: screenshotPath(`console-units-${width}x${height}.png`), fullPage: true });
    const { sideways, widest } = await page.evaluate(() => {
      const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
      const edge = document.documentElement.clientWidth + 1;
      const wide = [...document.querySelectorAll("body *")].filter((e) =>
        e.getBoundingClientRect().right > edge && !(e.parentElement.getBoundingClientRect().right > edge));
      return { sideways: overflow, widest: wide.slice(0, 5).map((e) => `${e.tagName}.${e.className}`).join(" ") };
    });
    assert.ok(sideways <= 1, `the page scrolls ${sideways} px sideways (${widest})`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  });
}
