// A resident follows a report the municipality merged with an earlier one, or kept off the public
// map: the follow-up page says what happened, not only a bare status ("Closed – no reply yet").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { FORM_MAP, axeViolations, launch, openPage, screenshotPath } from "./support/browser.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

let browser;
let moderator;
before(async () => {
  browser = await launch();
  moderator = await login(ACCOUNTS.moderator);
});
after(async () => { await browser?.close(); });

/** A report from a client of its own (so other files' reports do not count against its limit). */
async function send(description) {
  const { response, json } = await post("/api/v1/reports", goodReport({ description }), { "cf-connecting-ip": "192.0.2.61" });
  assert.equal(response.status, 201, JSON.stringify(json));
  return json;
}

async function act(caseNumber, body) {
  const { response, json } = await call(moderator, "POST", `/api/v1/console/demo/reports/${caseNumber}/actions`, body);
  assert.equal(response.status, 200, JSON.stringify(json));
}

/** The resident opens the follow-up link of `receipt`. */
async function followUp(receipt) {
  const url = `${EDGE}/#tryggve-followup=${receipt.case_number}.${receipt.followup_token}`;
  const opened = await openPage(browser, url, {}, ".follow-up");
  await opened.widget.getByRole("heading", { name: `Ditt ärende ${receipt.case_number}` }).waitFor();
  return opened;
}

test("a report merged with an earlier one says which, and shows how that one is going", async () => {
  const first = await send(`Lampan i gångtunneln är trasig ${Date.now()}`);
  const second = await send(`Helt mörkt i gångtunneln ${Date.now()}`);
  await act(first.case_number, { action: "set_status", status: "in_progress", public_comment: "En ny lampa är beställd." });
  await act(second.case_number, { action: "merge_into", case_number: first.case_number });

  const { context, page, widget, errors } = await followUp(second);
  const outcome = await widget.locator(".followup-outcome").textContent();
  assert.match(outcome, new RegExp(`samma sak som ärende ${first.case_number}.*hur det går för ärende ${first.case_number}`));
  // The earlier report's state, not the merged one's "Avslutad – Inget svar ännu".
  assert.equal(await widget.locator(".followup-status").textContent(), "Åtgärd pågår");
  assert.equal(await widget.locator(".followup-comment").textContent(), "En ny lampa är beställd.");
  assert.deepEqual(await axeViolations(page), [], "the follow-up passes axe-core");
  await page.screenshot({ path: screenshotPath("follow-up-merged.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("a report kept off the public map says so and why, and that it was still received", async () => {
  const report = await send(`Grannen Per Persson stör ${Date.now()}`);
  await act(report.case_number, { action: "reject", reason: "personal_data" });

  const { context, page, widget } = await followUp(report);
  assert.equal(
    await widget.locator(".followup-outcome").textContent(),
    "Rapporten visas inte på den öppna kartan. Skäl: Personuppgifter. Kommunen har ändå tagit emot den.",
  );
  assert.equal(await widget.locator(".followup-status").textContent(), "Granskad");
  // The demo municipality's own words for this reason (set in its settings).
  const explained = widget.locator(".followup-explained");
  assert.equal(await explained.textContent(),
    "Vi visar inte rapporter som nämner enskilda personer. Gäller det ett pågående brott, ring 112.");
  assert.equal(await explained.getAttribute("lang"), "sv");
  assert.deepEqual(await axeViolations(page), [], "axe-core on the not-published follow-up");
  await page.screenshot({ path: screenshotPath("follow-up-not-published.png"), fullPage: true });
  await context.close();

  // Published after all: the explanation goes.
  await act(report.case_number, { action: "approve", publish_description: false });
  const again = await followUp(report);
  assert.equal(await again.widget.locator(".followup-outcome").count(), 0);
  assert.equal(await again.widget.locator(".followup-explained").count(), 0);
  await again.context.close();
});

test("the follow-up's own module is loaded only when a resident opens their link, speaks the form's language, and goes back to the form", async () => {
  const report = await send(`Trasig belysning vid busshållplatsen ${Date.now()}`);
  await act(report.case_number, { action: "set_status", status: "in_progress", public_comment: "Felanmält till gatuenheten." });

  const { context, page, widget, errors } = await openPage(browser);
  const wasm = [];
  page.on("request", (r) => { if (r.url().endsWith(".wasm")) wasm.push(new URL(r.url()).pathname); });
  await widget.getByRole("button", { name: "Skicka", exact: true }).waitFor();
  assert.ok(!wasm.includes("/widget/tryggve_follow_bg.wasm"), "the form alone does not load the follow-up");

  // The receipt's link changes only the address's fragment, as this does.
  await page.evaluate((hash) => { location.hash = hash; }, `tryggve-followup=${report.case_number}.${report.followup_token}`);
  await widget.getByRole("heading", { name: `Ditt ärende ${report.case_number}` }).waitFor();
  assert.deepEqual(wasm, ["/widget/tryggve_follow_bg.wasm"], "opening the follow-up loads its module, once");
  assert.equal(await widget.locator(".followup-status").textContent(), "Åtgärd pågår");
  assert.equal(await widget.locator(".followup-comment").textContent(), "Felanmält till gatuenheten.");

  // Another language: the form's module draws the place again, and the follow-up follows.
  await widget.locator("#language").selectOption("en");
  await widget.getByRole("heading", { name: `Your case ${report.case_number}` }).waitFor();
  assert.equal(await widget.locator(".follow-up").count(), 1, "one follow-up, the Swedish one taken down");
  assert.equal(await widget.locator(".followup-status").textContent(), "Action in progress");
  assert.equal(wasm.length, 1, "the module is not loaded again");

  // Its button, drawn by the follow-up's module, leads back to the form's.
  await widget.getByRole("button", { name: "Report another place" }).click();
  await widget.getByRole("button", { name: "Send", exact: true }).waitFor();
  assert.equal(await widget.locator(".follow-up").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a follow-up whose module cannot be loaded says so, and the form is one button away", async () => {
  const report = await send(`Mörk gångväg ${Date.now()}`);
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("**/widget/tryggve_follow_bg.wasm", (route) => route.abort());
  const page = await context.newPage();
  await page.goto(`${EDGE}/#tryggve-followup=${report.case_number}.${report.followup_token}`);
  const widget = page.locator("tryggve-report");
  await widget.getByRole("alert").filter({ hasText: "Ditt ärende kunde inte hämtas just nu." }).waitFor();
  assert.equal(await widget.getByRole("status").filter({ hasText: "Laddar" }).count(), 0, "no longer said to be loading");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: screenshotPath("follow-up-module-failed-390x844.png"), fullPage: true });
  await widget.getByRole("button", { name: "Tipsa om en plats till" }).click();
  await widget.locator(FORM_MAP).waitFor();
  assert.equal(await widget.getByRole("alert").filter({ hasText: "Ditt ärende kunde inte hämtas" }).count(), 0);

  // The connection back, the link opened again: the module is asked for again, and comes.
  await context.unroute("**/widget/tryggve_follow_bg.wasm");
  await page.evaluate(() => { location.hash = ""; });
  await page.evaluate((hash) => { location.hash = hash; }, `tryggve-followup=${report.case_number}.${report.followup_token}`);
  await widget.getByRole("heading", { name: `Ditt ärende ${report.case_number}` }).waitFor();
  await context.close();
});
