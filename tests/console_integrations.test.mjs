// Integrations in the console, in headless Chromium against the real edge (in a municipality
// of its own, "kopplingsby"): an admin adds a fault-report system under Inställningar →
// Moderering, sees its key once, the system sends a report in with it (Open311), and the admin
// stops the key; axe-core is clean, and the section reads on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const ADMIN = { tenant: "kopplingsby", email: "admin@kopplingsby.example", password: "kopplingsby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function toIntegrations(viewport) {
  const opened = await consoleAs(browser, ADMIN, viewport);
  await opened.page.locator("nav.pages").getByRole("button", { name: "Inställningar", exact: true }).click();
  await opened.page.getByRole("heading", { name: "Inställningar", level: 1 }).waitFor();
  await opened.page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Moderering/ }).click();
  await opened.page.locator("fieldset.integrations").waitFor();
  return opened;
}

test("an admin adds a fault-report system, its key works once shown, and stopping it stops the key", async () => {
  const { context, page, errors } = await toIntegrations({ width: 1280, height: 900 });
  const section = page.locator("fieldset.integrations");
  await section.getByLabel("Systemets namn").fill("Felanmälan");
  await section.getByRole("button", { name: "Lägg till systemet" }).click();
  await section.getByText("Felanmälan är tillagt. Kopiera nyckeln nu.").waitFor();
  const key = await section.locator(".integration-key").textContent();
  assert.match(key, /^[0-9a-f]{64}$/);
  const row = section.getByRole("row", { name: /Felanmälan/ });
  await row.waitFor();
  assert.deepEqual((await row.getByRole("cell").allTextContents()).slice(1, 3), ["0", "Aktivt"]);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the integrations pass axe-core");
  await page.screenshot({ path: screenshotPath("console-integrations-1280x900.png"), fullPage: true });

  const send = () => fetch(`${EDGE}/api/open311/v2/kopplingsby/requests.json`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ api_key: key, service_code: "littering", lat: "58.0337", long: "12.8083", description: "Skräp vid stationen" }).toString(),
  });
  assert.equal((await send()).status, 201);

  // By keyboard, from the row's button.
  await row.getByRole("button", { name: "Stoppa nyckeln för Felanmälan" }).focus();
  await page.keyboard.press("Enter");
  await section.getByText("Felanmälan kan inte skicka in fler rapporter.").waitFor();
  assert.deepEqual((await row.getByRole("cell").allTextContents()).slice(2, 3), ["Stoppat"]);
  assert.equal((await send()).status, 403);
  await page.reload();
  await page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Moderering/ }).click();
  // The list arrives after the page: wait for the row before reading it.
  const reloaded = section.getByRole("row", { name: /Felanmälan/ });
  await reloaded.getByRole("cell", { name: "Stoppat", exact: true }).waitFor();
  assert.deepEqual((await reloaded.getByRole("cell").allTextContents()).slice(1, 3), ["1", "Stoppat"],
    "the report it sent is counted; the key is not shown again");
  assert.equal(await section.locator(".integration-key").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the integrations read on a phone", async () => {
  const { context, page } = await toIntegrations({ width: 390, height: 844 });
  await page.locator("fieldset.integrations").getByRole("row", { name: /Felanmälan/ }).waitFor();
  await page.locator("fieldset.integrations").screenshot({ path: screenshotPath("console-integrations-390x844.png") });
  const { by, widest } = await sideways(page);
  assert.ok(by <= 1, `the page scrolls ${by} px sideways (${widest})`);
  assert.deepEqual(await axeViolations(page, [["body"]]), []);
  await context.close();
});
