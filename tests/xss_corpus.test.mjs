// Hostile text through every user text field we have (report description, moderator reply,
// redaction, account name, dialogue details, question, display name, answer), rendered where
// people read it: the widget's public list, follow-up view and dialogue, and the console's
// review, lägesbild, accounts, log and dialogue page. Nothing may run and
// no markup may be interpreted: the text must show up as the very characters that were typed.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { launch, openPage } from "./support/browser.mjs";
import { ask, createDialogue, participant, questionAction } from "./support/dialogue.mjs";

const PAYLOADS = [
  `<script>window.__xss = "script"</script>`,
  `<img src=x onerror="window.__xss='img'">`,
  `"><svg onload="window.__xss='svg'">`,
  `</textarea><script>window.__xss='textarea'</script>`,
  `<a href="javascript:window.__xss='href'">klicka</a>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `<style>*{display:none!important}</style>`,
  `{{constructor.constructor('window.__xss="template"')()}}`,
  `&lt;b&gt;inte fet&lt;/b&gt; &amp; <b>inte heller</b>`,
];

let browser;
let moderator;
const cases = [];
before(async () => {
  browser = await launch();
  moderator = await login(ACCOUNTS.admin);
  for (const [i, payload] of PAYLOADS.entries()) {
    const { json } = await post("/api/v1/reports", goodReport({ description: `XSS ${i} ${payload}`, lng: 12.8083 + i * 0.0005 }));
    const path = `/api/v1/console/demo/reports/${json.case_number}/actions`;
    await call(moderator, "POST", path, { action: "approve", publish_description: true });
    await call(moderator, "POST", path, { action: "set_status", status: "in_progress", public_comment: `Svar ${i} ${payload}` });
    cases.push({ ...json, payload, i });
  }
});
after(async () => { await browser?.close(); });

/** No payload ran, and the page holds no element a payload would have created. */
async function assertInert(page, root = "document") {
  assert.equal(await page.evaluate(() => window.__xss), undefined, "no payload ran");
  const injected = await page.evaluate((root) => {
    const scope = root === "document" ? document : document.querySelector(root).shadowRoot;
    return scope.querySelectorAll('img[src="x"], svg[onload], iframe[srcdoc], a[href^="javascript:"], script:not([src])').length;
  }, root);
  assert.equal(injected, 0, "no markup from the payloads became elements");
}

test("the widget's public list and follow-up view show hostile text as text", async () => {
  const dialogs = [];
  const { page, widget, context } = await openPage(browser);
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await widget.getByLabel("Visa platser som andra har rapporterat").check();
  for (const { payload, i } of cases) {
    await widget.locator(".public-list li").filter({ hasText: `XSS ${i} ${payload}` }).waitFor();
    await widget.locator(".public-list li").filter({ hasText: `Svar ${i} ${payload}` }).waitFor();
  }
  await assertInert(page, "tryggve-report");
  await context.close();

  const { case_number, followup_token, payload, i } = cases[1];
  const followUp = await openPage(browser, `${EDGE}/#tryggve-followup=${case_number}.${followup_token}`, {}, ".followup-comment");
  assert.equal(await followUp.widget.locator(".followup-comment").textContent(), `Svar ${i} ${payload}`);
  await assertInert(followUp.page, "tryggve-report");
  await followUp.context.close();
  assert.deepEqual(dialogs, []);
});

test("the console shows hostile text as text in the review, lägesbild, accounts and log", async () => {
  await call(moderator, "POST", "/api/v1/console/demo/moderators", {
    email: "xss@demo.tryggve.se", name: PAYLOADS[1].slice(0, 90), role: "responder", password: "ett långt lösenord",
  });
  await call(moderator, "POST", `/api/v1/console/demo/reports/${cases[0].case_number}/actions`, {
    action: "redact", description: `Maskerad ${PAYLOADS[2]}`,
  });

  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Lösenord").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Logga in" }).click();

  for (const { case_number, payload, i } of cases.slice(1)) {
    await page.getByRole("button", { name: case_number, exact: true }).click();
    const detail = page.locator(".detail");
    await detail.getByRole("heading", { name: `Ärende ${case_number}` }).waitFor();
    assert.equal(await detail.locator(".description").textContent(), `XSS ${i} ${payload}`);
    assert.equal(await detail.locator(".public-comment").textContent(), `Svar ${i} ${payload}`);
    assert.equal(await detail.locator("#redacted-text").inputValue(), `XSS ${i} ${payload}`);
  }
  await assertInert(page);

  await page.getByRole("button", { name: "Lägesbild" }).click();
  await page.getByRole("table", { name: "Rapporter per område" }).waitFor();
  await assertInert(page);

  await page.getByRole("button", { name: "Konton" }).click();
  await page.getByRole("row", { name: /xss@demo\.tryggve\.se/ }).getByText(PAYLOADS[1].slice(0, 90), { exact: true }).waitFor();
  await assertInert(page);

  await page.getByRole("button", { name: "Logg", exact: true }).click();
  const log = page.getByRole("table", { name: "Moderatorernas senaste åtgärder" });
  // What changed, in words: the redacted text as text…
  const change = page.locator("ul.changes li", { hasText: `Maskerad ${PAYLOADS[2]}` });
  await log.locator(change).first().waitFor();
  // …and the whole record, opened, as JSON text.
  const row = log.locator("tr", { has: change }).first();
  await row.locator("summary").click();
  await row.locator("pre", { hasText: /Maskerad \\">/ }).first().waitFor();
  await assertInert(page);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test("a dialogue shows hostile questions, names, answers and details as text, in the widget and the console", async () => {
  const stamp = `XSS-dialog ${Date.now()}`;
  const session = await login(ACCOUNTS.moderator);
  const id = await createDialogue(session, "live", {
    title: `${stamp} ${PAYLOADS[1]}`,
    description: PAYLOADS[0],
    place: PAYLOADS[2],
    panel: [{ name: PAYLOADS[4].slice(0, 100), title: PAYLOADS[5].slice(0, 100) }],
  });
  for (const [i, payload] of PAYLOADS.entries()) {
    const { json } = await ask("demo", id, participant(), { text: `Fråga ${i} ${payload}`, display_name: payload.slice(0, 60) });
    await questionAction(session, id, json.id, { action: "approve" });
    await questionAction(session, id, json.id, { action: "answer", text: `Svar ${i} ${payload}`, title: payload.slice(0, 100) });
  }

  const dialogs = [];
  const resident = await openPage(browser, EDGE + "/", {}, ".dialogue-list", "tryggve-dialog");
  resident.page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await resident.widget.locator(".dialogue-list button", { hasText: stamp }).click();
  await resident.widget.getByRole("heading", { name: `${stamp} ${PAYLOADS[1]}` }).waitFor();
  for (const [i, payload] of PAYLOADS.entries()) {
    await resident.widget.locator(".question-text", { hasText: `Fråga ${i} ${payload}` }).waitFor();
    await resident.widget.locator(".answer", { hasText: `Svar ${i} ${payload}` }).waitFor();
  }
  assert.equal(await resident.widget.locator(".description").textContent(), PAYLOADS[0]);
  await assertInert(resident.page, "tryggve-dialog");
  await resident.context.close();

  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(ACCOUNTS.moderator.email);
  await page.getByLabel("Lösenord").fill(ACCOUNTS.moderator.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("button", { name: "Dialoger" }).click();
  await page.locator("button", { hasText: stamp }).click();
  for (const [i, payload] of PAYLOADS.entries()) {
    await page.locator(".card .question-text", { hasText: `Fråga ${i} ${payload}` }).waitFor();
  }
  await assertInert(page);
  assert.deepEqual(dialogs, []);
  await context.close();
});
