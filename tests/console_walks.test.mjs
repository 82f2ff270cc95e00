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
  await form.locator(".place-map .leaflet-container").focus();
  await page.keyboard.press("ArrowUp");
  await form.getByRole("button", { name: "Sätt platsen i kartans mitt" }).focus();
  await page.keyboard.press("Enter");
  await form.locator(".place-said").filter({ hasText: /^Vald plats: \d+\.\d{5}, \d+\.\d{5}$/ }).waitFor();
  await form.getByRole("button", { name: "Planera vandringen" }).click();
  await form.getByText("Kvällsvandring vid stationen är planerad. Sätt en kod för deltagarna nedan.").waitFor();
  const row = page.getByRole("row", { name: /Kvällsvandring vid stationen/ });
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
