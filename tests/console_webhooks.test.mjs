// Webhooks in the console, in headless Chromium against the real edge (in a municipality of its
// own, "krokby"): an admin registers a local receiver under Inställningar → Moderering, sees the
// secret once, a report comes in, the receiver refuses it once and the delivery log says so, the
// cron tries again and the log says delivered; an http address elsewhere is refused in words.
// axe-core is clean, and the section reads at a desktop, a wide screen and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";
import { startReceiver } from "./support/webhook_receiver.mjs";

const TENANT = "krokby";
const ADMIN = { tenant: TENANT, email: "admin@krokby.example", password: "krokby-admin-lösen" };

let browser;
let receiver;
before(async () => {
  browser = await launch();
  receiver = await startReceiver();
});
after(async () => {
  await browser?.close();
  await receiver?.close();
});

async function toWebhooks(viewport) {
  const opened = await consoleAs(browser, ADMIN, viewport);
  await opened.page.locator("nav.pages").getByRole("button", { name: "Inställningar", exact: true }).click();
  await opened.page.getByRole("heading", { name: "Inställningar", level: 1 }).waitFor();
  await opened.page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Moderering/ }).click();
  await opened.page.locator("fieldset.webhooks").waitFor();
  return opened;
}

test("an admin registers a webhook, sees its secret once, and follows its deliveries in the log", async () => {
  const { context, page, errors } = await toWebhooks({ width: 1280, height: 900 });
  const section = page.locator("fieldset.webhooks");
  const form = section.locator("form.webhook-form");
  // Not https, not this machine: refused, said next to the form.
  await form.getByLabel("Adress").fill("http://felanmalan.krokby.example/in");
  await form.getByRole("button", { name: "Lägg till webhook" }).click();
  await section.getByText("Adressen måste börja med https:// (http:// bara till localhost, för test).", { exact: true }).last().waitFor();

  const url = receiver.url("/krokby");
  await form.getByLabel("Adress").fill(url);
  await form.getByLabel("Åtgärd klar").uncheck();
  await form.getByLabel("Skicka personuppgifter").check();
  await form.getByRole("button", { name: "Lägg till webhook" }).click();
  await section.getByText(`Webhooken till ${url} är tillagd. Kopiera hemligheten nu.`).waitFor();
  const secret = await section.locator(".webhook-secret").textContent();
  assert.match(secret, /^whsec_[0-9a-f]{64}$/);
  const row = section.getByRole("row", { name: new RegExp(url) }).first();
  assert.deepEqual((await row.getByRole("cell").allTextContents()).slice(0, 2),
    ["Ny rapport, Rapport publicerad, Rapport skickad till enhet, Rapportens status ändrad", "Ja"]);

  await receiver.failFirst(true);
  const filed = await post("/api/v1/reports", goodReport({ tenant: TENANT, category: "graffiti", description: "Klotter på bron" }));
  assert.equal(filed.response.status, 201);
  await receiver.waitFor((all) => all.length === 1, "the first attempt");
  const [first] = receiver.requests;
  const [t, v1] = first.headers["tryggve-signature"].split(",").map((p) => p.split("=")[1]);
  assert.equal(v1, crypto.createHmac("sha256", secret).update(`${t}.${first.body}`).digest("hex"), "signed with the secret shown");
  assert.equal(JSON.parse(first.body).data.description, "Klotter på bron", "personal data, as ticked");

  const logTable = section.getByRole("table", { name: "Leveranslogg" });
  await section.getByRole("button", { name: "Läs in loggen igen" }).click();
  const entry = logTable.getByRole("row", { name: /Ny rapport/ });
  await entry.locator(".delivery-state").filter({ hasText: "Väntar" }).waitFor();
  // Columns: happened, what, address, state, attempts, last answer, next attempt, id.
  assert.deepEqual((await entry.getByRole("cell").allTextContents()).slice(4, 6), ["1", "500"]);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the webhooks and their log pass axe-core");
  await page.screenshot({ path: screenshotPath("console-webhooks-1280x900.png"), fullPage: true });

  // A minute later (moved back here) the cron tries again, and the receiver takes it.
  query(`UPDATE webhook_deliveries SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE tenant_id = '${TENANT}' AND delivered_at IS NULL`);
  assert.equal((await fetch(`${EDGE}/__scheduled?cron=*+*+*+*+*`)).status, 200);
  await receiver.waitFor((all) => all.length === 2, "the second attempt");
  await section.getByRole("button", { name: "Läs in loggen igen" }).click();
  await entry.locator(".delivery-state").filter({ hasText: "Levererad" }).waitFor();
  assert.deepEqual((await entry.getByRole("cell").allTextContents()).slice(4, 8), ["2", "200", "–", receiver.requests[0].headers["tryggve-delivery"]]);

  // Stopped by keyboard.
  await row.getByRole("button", { name: `Stoppa webhooken till ${url}` }).focus();
  await page.keyboard.press("Enter");
  await section.getByText(`Inget mer skickas till ${url}.`).waitFor();
  assert.equal(await row.getByRole("button").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the webhooks and their log read on a wide screen and on a phone", async () => {
  for (const [width, height] of [[1920, 1080], [390, 844]]) {
    const { context, page } = await toWebhooks({ width, height });
    await page.locator("fieldset.webhooks").getByRole("table", { name: "Leveranslogg" }).waitFor();
    await page.locator("fieldset.webhooks").screenshot({ path: screenshotPath(`console-webhooks-${width}x${height}.png`) });
    const { by, widest } = await sideways(page);
    assert.ok(by <= 1, `at ${width} px the page scrolls ${by} px sideways (${widest})`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  }
});
