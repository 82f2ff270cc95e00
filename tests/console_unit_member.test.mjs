// A unit's member, in headless Chromium against the real edge (in a municipality of its own,
// "medlemsby"): an admin makes the account in the console, a graffiti report is routed to "Gatu-
// och parkenheten", its member finds it in the unit's queue, notes and marks it fixed; the
// resident's follow-up link then shows it fixed with the measure. The member reads and changes
// their unit's cases only, and never the resident's address. axe-core is clean; the queue with
// its case reads at a desktop, a wide screen and on a phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "medlemsby";
const ADMIN = { tenant: TENANT, email: "admin@medlemsby.example", password: "medlemsby-admin-lösen" };
const MEMBER = { tenant: TENANT, email: "gata@medlemsby.example", password: "gatan-är-ren-igen" };
const OTHER = { tenant: TENANT, email: "fastighet@medlemsby.example", password: "fastigheten-lagad" };

let browser;
let admin;
let streets;
let property;
before(async () => {
  browser = await launch();
  admin = await login(ADMIN);
  const unit = async (body) => {
    const { response, json, text } = await call(admin, "POST", `/api/v1/console/${TENANT}/units`, body);
    assert.equal(response.status, 201, text);
    return json;
  };
  streets = await unit({ name: "Gatu- och parkenheten", email: "gata@medlemsby.example", categories: ["graffiti"], targets: { graffiti: 48 } });
  property = await unit({ name: "Fastighetsenheten", email: "fastighet@medlemsby.example", categories: ["dark-spot"] });
});
after(async () => { await browser?.close(); });

const file = async (category, description) => {
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, category, description }),
    { "cf-connecting-ip": "192.0.2.81" });
  assert.equal(response.status, 201, JSON.stringify(json));
  return json;
};

test("an admin makes a unit's member; the member fixes the unit's case from its queue and the resident sees it done", async () => {
  // The admin adds the account in the console: the unit is chosen with the role.
  const { context: adminContext, page: adminPage } = await consoleAs(browser, ADMIN, { width: 1280, height: 900 });
  await adminPage.locator("nav.pages").getByRole("button", { name: "Konton", exact: true }).click();
  const form = adminPage.locator("form.add-account");
  await form.getByLabel("Namn").fill("Gustav Gata");
  await form.getByLabel("E-postadress").fill(MEMBER.email);
  await form.getByLabel("Roll").selectOption({ label: "medarbetare på Gatu- och parkenheten" });
  await form.getByLabel(/Första lösenord/).fill(MEMBER.password);
  await form.getByRole("button", { name: "Lägg till konto" }).click();
  await adminPage.getByText(`Kontot ${MEMBER.email} är tillagt.`).waitFor();
  const roleOf = adminPage.getByRole("combobox", { name: `Roll för ${MEMBER.email}` });
  await roleOf.waitFor();
  assert.equal(await roleOf.locator("option:checked").textContent(), "medarbetare på Gatu- och parkenheten");
  assert.deepEqual(await axeViolations(adminPage, [["body"]]), [], "the accounts page with a unit's member passes axe-core");
  await adminContext.close();

  const report = await file("graffiti", "Klotter på skolans gavel");
  await file("dark-spot", "Trasig lampa vid idrottshallen");
  const measure = await call(admin, "POST", `/api/v1/console/${TENANT}/measures`, {
    title: "Klottersanering vid skolan", kind: "cleaning", status: "started", started_on: "2026-12-01",
    reports: [report.case_number], public_text: "Gavlarna saneras och målas om.",
  });
  assert.equal(measure.response.status, 201, measure.text);

  const { context, page, errors } = await consoleAs(browser, MEMBER, { width: 1280, height: 900 }, "Köer");
  // Their queue and their account: nothing else of the console.
  assert.deepEqual(await page.locator("nav.pages button").allTextContents(), ["Köer", "Mitt konto"]);
  await page.getByText("Gatu- och parkenheten: 1 öppna rapporter, 0 över målet.").waitFor();
  await page.getByRole("row", { name: new RegExp(report.case_number) }).getByRole("button", { name: report.case_number }).click();
  const detail = page.locator(".detail");
  await detail.getByRole("heading", { name: `Ärende ${report.case_number}` }).waitFor();
  assert.ok(await detail.getByRole("heading", { name: `Ärende ${report.case_number}` }).evaluate((h) => h === document.activeElement),
    "focus moves to the case drawn beneath the queue");
  // Handling only: no publishing, routing, redacting or merging, and no resident's address.
  assert.deepEqual(await detail.locator("fieldset > legend").allTextContents(), ["Ändra status", "Handläggning"]);
  assert.equal(await detail.getByText("Kontakt (visas aldrig publikt)").count(), 0);
  assert.equal(await detail.getByText("boende@example.se").count(), 0);
  await detail.locator(".report-measures").getByText(/Klottersanering vid skolan/).waitFor();

  await detail.getByLabel(/Handläggare/).fill("Gustav");
  await detail.getByRole("button", { name: "Spara handläggare" }).click();
  await detail.locator(".assignee").filter({ hasText: "Gustav" }).waitFor();
  await detail.getByLabel("Ny anteckning").fill("Saneringsfirman kommer på torsdag.");
  await detail.getByRole("button", { name: "Lägg till anteckning" }).click();
  await detail.getByText("Anteckningen är sparad.").waitFor();
  await detail.getByLabel("Ny status").selectOption({ label: "Åtgärd pågår" });
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärd pågår" }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the queue with its case passes axe-core");
  await page.screenshot({ path: screenshotPath("console-unit-member-1280x900.png"), fullPage: true });

  await detail.getByLabel("Ny status").selectOption({ label: "Åtgärdad" });
  await detail.getByLabel(/Vad vi gjorde/).fill("Klottret är borta.");
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärdad" }).waitFor();
  // Fixed, it leaves the queue.
  await page.getByText("Gatu- och parkenheten: 0 öppna rapporter, 0 över målet.").waitFor();
  assert.equal(await page.getByRole("row", { name: new RegExp(report.case_number) }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();

  // Each step is the member's in the audit log.
  const audit = (await call(admin, "GET", `/api/v1/console/${TENANT}/audit`)).json
    .filter((e) => e.subject === report.case_number && e.moderator === MEMBER.email).map((e) => e.action);
  assert.deepEqual(audit.sort(), ["report.assign", "report.note", "report.set_status", "report.set_status"]);

  // The resident follows the report with the widget's follow-up link.
  const resident = await browser.newContext({ locale: "sv-SE", viewport: { width: 390, height: 844 } });
  await resident.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const widgetPage = await resident.newPage();
  // A page of the edge's own origin with Medlemsby's widget (the demo page embeds the demo's).
  await widgetPage.route(`${EDGE}/medlemsby.html`, (r) => r.fulfill({ contentType: "text/html; charset=utf-8", body:
    `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Medlemsby kommun</title></head>
     <body><main><h1>Följ ditt ärende</h1><tryggve-report tenant="medlemsby"></tryggve-report></main>
     <script src="/widget/tryggve.js" defer></script></body></html>` }));
  await widgetPage.goto(`${EDGE}/medlemsby.html#tryggve-followup=${report.case_number}.${report.followup_token}`);
  const widget = widgetPage.locator("tryggve-report");
  await widget.getByRole("heading", { name: `Ditt ärende ${report.case_number}` }).waitFor();
  assert.equal(await widget.locator(".followup-status").textContent(), "Åtgärdad");
  assert.equal(await widget.locator(".followup-comment").textContent(), "Klottret är borta.");
  const measures = widget.locator(".followup-measures");
  await measures.getByText("Klottersanering vid skolan").waitFor();
  await measures.getByText("Gavlarna saneras och målas om.").waitFor();
  assert.doesNotMatch(await widget.textContent(), /Saneringsfirman|Gustav/, "notes and the assignee are internal");
  await resident.close();
});

test("a unit's member reads and changes their unit's cases only, without the resident's address", async () => {
  const mine = await file("graffiti", "Klotter på busskuren");
  const theirs = await file("dark-spot", "Mörkt vid parkeringen");
  const added = await call(admin, "POST", `/api/v1/console/${TENANT}/moderators`,
    { email: OTHER.email, name: "Fia Fastighet", role: "unit", unit: property.id, password: OTHER.password });
  assert.equal(added.response.status, 201, added.text);
  assert.equal(added.json.unit, property.id);
  const member = await login(MEMBER);
  assert.equal(member.info.role, "unit");
  assert.equal(member.info.unit, streets.id);
  const base = `/api/v1/console/${TENANT}`;

  const own = await call(member, "GET", `${base}/reports/${mine.case_number}`);
  assert.equal(own.response.status, 200, own.text);
  assert.equal(own.json.contact_email ?? null, null, "the resident's address is for those who review");
  assert.equal(own.json.unit, streets.id);
  const units = (await call(member, "GET", `${base}/units`)).json;
  assert.deepEqual(units.map((u) => u.id), [streets.id], "their own unit only");
  assert.equal((await call(member, "GET", `${base}/units/${streets.id}/queue`)).response.status, 200);

  const refused = [
    ["GET", `${base}/reports/${theirs.case_number}`],
    ["GET", `${base}/reports/${theirs.case_number}/notes`],
    ["POST", `${base}/reports/${theirs.case_number}/notes`, { text: "Inte vår" }],
    ["GET", `${base}/reports/${theirs.case_number}/measures`],
    ["POST", `${base}/reports/${theirs.case_number}/actions`, { action: "set_status", status: "reviewed" }],
    ["POST", `${base}/reports/${mine.case_number}/actions`, { action: "approve", publish_description: true }],
    ["POST", `${base}/reports/${mine.case_number}/actions`, { action: "route", unit: property.id }],
    ["POST", `${base}/reports/${mine.case_number}/actions`, { action: "recategorise", category: "dark-spot" }],
    ["GET", `${base}/units/${property.id}/queue`],
    ["GET", `${base}/reports`],
    ["GET", `${base}/dashboard`],
    ["GET", `${base}/measures`],
    ["GET", `${base}/export.csv`],
  ];
  for (const [method, path, body] of refused) {
    const { response, json } = await call(member, method, path, body);
    assert.equal(response.status, 403, `${method} ${path}`);
    assert.equal(json.error.code, "forbidden", `${method} ${path}`);
  }
  const still = await call(admin, "GET", `${base}/reports/${mine.case_number}`);
  assert.equal(still.json.visibility, "pending", "nothing refused was done");
  assert.equal(still.json.unit, streets.id);
  assert.equal(still.json.contact_email, "boende@example.se", "an admin still reads it");

  // A unit's member names a unit of the municipality.
  const account = (role, unit) => ({ email: `ny${Date.now()}@medlemsby.example`, name: "Ny", role, unit, password: "ett-långt-lösen" });
  for (const [body, field] of [[account("unit"), "unit"], [account("unit", 999999), "unit"]]) {
    const { response, json } = await call(admin, "POST", `${base}/moderators`, body);
    assert.equal(response.status, 422, JSON.stringify(body));
    assert.equal(json.error.field, field);
  }
  // Moved to another unit, the member logs in again and works there.
  const moved = await call(admin, "POST", `${base}/moderators/${encodeURIComponent(MEMBER.email)}/role`, { role: "unit", unit: property.id });
  assert.equal(moved.response.status, 200, moved.text);
  assert.equal((await call(member, "GET", `${base}/units`)).response.status, 401, "the old session ended");
  const again = await login(MEMBER);
  assert.equal((await call(again, "GET", `${base}/reports/${theirs.case_number}`)).response.status, 200);
  assert.equal((await call(again, "GET", `${base}/reports/${mine.case_number}`)).response.status, 403);
  const unknown = await call(admin, "POST", `${base}/moderators/${encodeURIComponent(MEMBER.email)}/role`, { role: "unit" });
  assert.equal(unknown.response.status, 422);
  assert.equal(unknown.json.error.field, "unit");
  const back = await call(admin, "POST", `${base}/moderators/${encodeURIComponent(MEMBER.email)}/role`, { role: "unit", unit: streets.id });
  assert.equal(back.response.status, 200);
});
