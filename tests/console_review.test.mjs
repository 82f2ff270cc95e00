// A moderator handles a resident's report in the console, in headless Chromium against the
// real edge: log in, open the report from the list, redact, approve, set a status with a
// comment; the resident then sees status and comment through the receipt's follow-up link.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { axeViolations, consoleAs, launch, openPage, screenshotPath } from "./support/browser.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { readSpreadsheet, records } from "./support/spreadsheet.mjs";

const HOTSPOT_MAP = "Karta över platser med flest rapporter; samma siffror finns i tabellen.";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("report → moderator review → resident sees the status and reply", async () => {
  // The resident reports, mentioning a person by name.
  const resident = await openPage(browser);
  await resident.widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await resident.widget.getByLabel("Vad gäller det?").selectOption("dark-spot");
  const marker = Date.now();
  await resident.widget.getByLabel("Beskriv platsen").fill(`Lampan är trasig vid Per Perssons hus ${marker}`);
  await resident.widget.getByRole("button", { name: "Skicka" }).click();
  const heading = resident.widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];

  // The moderator logs in.
  const moderatorContext = await browser.newContext({ locale: "sv-SE", acceptDownloads: true });
  await moderatorContext.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await moderatorContext.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(ACCOUNTS.moderator.email);
  await page.getByLabel("Lösenord").fill("fel lösenord igen");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByText("Fel e-postadress eller lösenord.").waitFor();
  await page.getByLabel("Lösenord").fill(ACCOUNTS.moderator.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  await page.locator(".review-map").getByRole("button", { name: "Zooma ut" }).waitFor();
  assert.deepEqual(await moderatorContext.cookies().then((c) => c.map((x) => [x.name, x.httpOnly, x.sameSite])),
    [["__Host-tryggve_session", true, "Strict"]]);

  // Pending reports only; open ours from the list.
  await page.getByLabel("Publicering").selectOption("pending");
  await page.getByRole("button", { name: caseNumber, exact: true }).click();
  const detail = page.locator(".detail");
  await detail.getByRole("heading", { name: `Ärende ${caseNumber}` }).waitFor();
  assert.match(await detail.locator(".description").textContent(), /Per Perssons/);
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the review page passes axe-core");

  await detail.getByLabel("Beskrivning utan personuppgifter").fill(`Lampan är trasig vid huset ${marker}`);
  await detail.getByRole("button", { name: "Spara maskerad text" }).click();
  await page.getByText(`Ärende ${caseNumber} är sparat.`).waitFor();
  await detail.locator(".description").filter({ hasNotText: "Per Perssons" }).waitFor();

  await detail.getByLabel("Visa även beskrivningen publikt").check();
  await detail.getByRole("button", { name: "Godkänn för publik karta" }).click();
  await detail.locator(".visibility").filter({ hasText: "Publik" }).waitFor();
  assert.equal(await detail.locator(".status").textContent(), "Granskad");

  await detail.getByLabel("Ny status").selectOption("in_progress");
  await detail.getByLabel("Vad vi gjorde").fill("Vi har beställt en ny armatur.");
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärd pågår" }).waitFor();
  await page.screenshot({ path: screenshotPath("console-review.png"), fullPage: true });

  const [row] = query(`SELECT description, visibility, status, public_comment, description_public FROM reports
    WHERE case_year = ${caseNumber.split("-")[0]} AND case_seq = ${Number(caseNumber.split("-")[1])} AND tenant_id = 'demo'`);
  assert.deepEqual(row, {
    description: `Lampan är trasig vid huset ${marker}`,
    visibility: "approved",
    status: "in_progress",
    public_comment: "Vi har beställt en ny armatur.",
    description_public: 1,
  });
  const audit = query(`SELECT action FROM audit_log WHERE tenant_id = 'demo' AND subject = '${caseNumber}' ORDER BY id`).map((r) => r.action);
  assert.deepEqual(audit, ["report.redact", "report.approve", "report.set_status"]);

  // The resident follows the link on their receipt.
  await resident.widget.getByRole("link", { name: /Följ ditt ärende/ }).click();
  await resident.widget.getByRole("heading", { name: `Ditt ärende ${caseNumber}` }).waitFor();
  assert.equal(await resident.widget.locator(".followup-status").textContent(), "Åtgärd pågår");
  assert.equal(await resident.widget.locator(".followup-comment").textContent(), "Vi har beställt en ny armatur.");
  // The link works on its own too, e.g. from a bookmark on another day.
  const link = resident.page.url();
  assert.match(link, /#tryggve-followup=\d{4}-\d{4,}\.[0-9a-f]{32}$/);
  const later = await openPage(browser, link, {}, ".followup-status");
  await later.widget.locator(".followup-status").filter({ hasText: "Åtgärd pågår" }).waitFor();
  await later.page.screenshot({ path: screenshotPath("resident-follow-up.png"), fullPage: true });
  await later.context.close();

  // Anyone can now see the approved report among the public places, with its published text.
  const visitor = await openPage(browser);
  await visitor.widget.getByLabel("Visa platser som andra har rapporterat").check();
  const item = visitor.widget.locator(".public-list li").filter({ hasText: `vid huset ${marker}` });
  await item.waitFor();
  assert.match(await item.textContent(), /Dålig belysning eller mörk plats – Åtgärd pågår/);
  assert.match(await item.textContent(), /Vi har beställt en ny armatur\./);
  assert.ok(await visitor.widget.locator(".leaflet-overlay-pane path").count() >= 1, "circles on the map");
  assert.deepEqual(await axeViolations(visitor.page), [], "the public list passes axe-core");
  await visitor.context.close();
  await resident.context.close();

  // The lägesbild counts it, and the export carries it.
  await page.getByRole("button", { name: "Lägesbild" }).click();
  await page.getByRole("heading", { name: "Lägesbild" }).waitFor();
  // The filters are shared with the review: still "not reviewed" from before. Show all.
  await page.getByLabel("Publicering").selectOption("");
  const byArea = page.getByRole("table", { name: "Rapporter per område" });
  await byArea.getByRole("row", { name: /^Centrum/ }).locator("td.count").filter({ hasNotText: /^0$/ }).waitFor();
  const centrum = Number(await byArea.getByRole("row", { name: /^Centrum/ }).locator("td.count").textContent());
  assert.ok(centrum >= 1, "the report at the centre counts in Centrum");
  // The hotspot map draws the places as circles, also after the filters changed (it is redrawn
  // in place then).
  const hotspots = page.getByRole("region", { name: HOTSPOT_MAP });
  await hotspots.locator(".leaflet-overlay-pane path").first().waitFor();
  assert.ok(await hotspots.getByRole("button", { name: "Zooma in" }).isVisible(), "zoom buttons in Swedish");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the lägesbild passes axe-core");
  await page.screenshot({ path: screenshotPath("console-dashboard.png"), fullPage: true });
  // Only Centrum.
  await page.getByLabel("Område").selectOption("centrum");
  await page.getByText(/\d+ rapport(er)? visas/).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CSV för GIS och skript (koder)" }).click(),
  ]);
  const fs = await import("node:fs/promises");
  const csv = await fs.readFile(await download.path(), "utf8");
  assert.match(download.suggestedFilename(), /^tryggve-demo-\d{4}-\d{2}-\d{2}\.csv$/);
  const line = csv.split("\r\n").find((l) => l.startsWith(caseNumber + ","));
  assert.ok(line, "the export holds the case");
  assert.match(line, /,in_progress,approved,centrum,/);
  assert.ok(csv.split("\r\n").slice(1).filter(Boolean).every((l) => l.includes(",centrum,")), "the area filter applies");
  const [geoDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "GeoJSON för GIS" }).click(),
  ]);
  const geojson = JSON.parse(await fs.readFile(await geoDownload.path(), "utf8"));
  assert.equal(geojson.type, "FeatureCollection");
  const feature = geojson.features.find((f) => f.properties.case_number === caseNumber);
  assert.equal(feature.geometry.type, "Point");
  assert.deepEqual(feature.geometry.coordinates.map((c) => c.toFixed(4)), ["12.8083", "58.0337"]);
  assert.equal(feature.properties.public_comment, "Vi har beställt en ny armatur.");
  assert.ok(geojson.features.every((f) => f.properties.area === "centrum"));
  // For people: the same filtered reports in Excel, in words.
  const [xlsxDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Excel (.xlsx)" }).click(),
  ]);
  assert.match(xlsxDownload.suggestedFilename(), /^tryggve-demo-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = records(readSpreadsheet(await xlsxDownload.path(), "xlsx"));
  const inWorkbook = workbook.find((r) => r["Ärende"] === caseNumber);
  assert.ok(inWorkbook, "the workbook holds the case");
  assert.deepEqual([inWorkbook["Status"], inWorkbook["Publicering"], inWorkbook["Område"]], ["Åtgärd pågår", "Publik", "Centrum"]);
  assert.equal(inWorkbook["Kommunens svar"], "Vi har beställt en ny armatur.");
  assert.ok(workbook.every((r) => r["Område"] === "Centrum"), "the area filter applies");
  const [excelCsvDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "CSV för Excel" }).click(),
  ]);
  const excelCsv = readSpreadsheet(await excelCsvDownload.path(), "csv");
  assert.ok(excelCsv.bom);
  assert.equal(records(excelCsv).find((r) => r["Ärende"] === caseNumber)["Status"], "Åtgärd pågår");

  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByRole("heading", { name: "Logga in" }).waitFor();
  assert.deepEqual(errors, []);
  await moderatorContext.close();
});

test("bulk: a coordinator ticks reports and approves them at once; one that cannot be is named beside the buttons", async () => {
  const file = async (description) => (await post("/api/v1/reports", goodReport({ description }))).json.case_number;
  const stamp = Date.now();
  const [a, b, c] = [await file(`Bulk A ${stamp}`), await file(`Bulk B ${stamp}`), await file(`Bulk C ${stamp}`)];
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(ACCOUNTS.moderator.email);
  await page.getByLabel("Lösenord").fill(ACCOUNTS.moderator.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  // Every report, newest first (a filter on unreviewed ones would see the done ones leave).
  for (const caseNumber of [a, b, c]) await page.getByRole("button", { name: caseNumber, exact: true }).waitFor();

  const approve = page.getByRole("button", { name: "Godkänn markerade" });
  assert.ok(await approve.isDisabled(), "nothing ticked, nothing to do");
  for (const caseNumber of [a, b, c]) await page.getByLabel(`Markera ärende ${caseNumber}`).check();
  await page.getByText("3 markerade").waitFor();
  // Meanwhile a colleague merges C into A: it can no longer be approved.
  const colleague = await login(ACCOUNTS.admin);
  await call(colleague, "POST", `/api/v1/console/demo/reports/${c}/actions`, { action: "merge_into", case_number: a });
  await approve.click();
  const message = page.locator(".bulk-message");
  await message.filter({ hasText: "2 ärenden godkända" }).waitFor();
  assert.match(await message.textContent(), new RegExp(`${c} ändrades inte: `));
  assert.equal(await message.getAttribute("role"), "status");
  for (const caseNumber of [a, b]) {
    const row = page.locator("table.reports tr", { has: page.getByRole("button", { name: caseNumber, exact: true }) });
    await row.getByText("Publik").waitFor();
    assert.equal(await page.getByLabel(`Markera ärende ${caseNumber}`).isChecked(), false, "done: no longer ticked");
  }
  assert.equal(await page.getByLabel(`Markera ärende ${c}`).isChecked(), true, "refused: still ticked");
  // The list is read again, so the refused report shows what the colleague made of it.
  const merged = page.locator("table.reports tr", { has: page.getByRole("button", { name: c, exact: true }) });
  await merged.getByText("Avvisad").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "axe-core with the bulk message shown");
  await page.screenshot({ path: screenshotPath("console-bulk-1280.png"), fullPage: false });

  // Reject with a reason, by keyboard: the whole list ticked and unticked from its header.
  await page.getByLabel(`Markera ärende ${c}`).uncheck();
  await page.getByLabel(`Markera ärende ${b}`).check();
  await page.getByLabel("Skäl för avvisning").selectOption("off_topic");
  await page.getByRole("button", { name: "Avvisa markerade" }).focus();
  await page.keyboard.press("Enter");
  await message.filter({ hasText: "1 ärende avvisat." }).waitFor();
  const [stored] = query(`SELECT visibility, rejection_reason FROM reports WHERE tenant_id = 'demo' AND description = 'Bulk B ${stamp}'`);
  assert.deepEqual(stored, { visibility: "rejected", rejection_reason: "off_topic" });
  const all = page.getByLabel("Markera alla ärenden i listan");
  await all.check();
  const boxes = page.locator("table.reports tbody input[type=checkbox]");
  assert.equal(await boxes.count(), await page.locator("table.reports tbody input[type=checkbox]:checked").count());
  await all.uncheck();
  assert.equal(await page.locator("table.reports tbody input[type=checkbox]:checked").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the console page refuses framing and caching and allows no inline script", async () => {
  const response = await fetch(`${EDGE}/console/`);
  assert.equal(response.status, 200);
  const csp = response.headers.get("content-security-policy");
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(response.headers.get("cache-control"), "no-store");
  assert.equal(response.headers.get("x-frame-options"), "DENY");
});

test("an admin adds and disables an account and reads the log", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(ACCOUNTS.admin.email);
  await page.getByLabel("Lösenord").fill(ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("button", { name: "Konton" }).click();
  await page.getByRole("heading", { name: "Konton", level: 1 }).waitFor();

  const form = page.locator("form.add-account");
  await form.getByLabel("Namn").fill("Tove Trygghet");
  await form.getByLabel("E-postadress").fill("tove@demo.tryggve.se");
  await form.getByLabel("Roll").selectOption("responder");
  await form.getByLabel("Första lösenord").fill("trygghet-i-kommunen");
  await form.getByRole("button", { name: "Lägg till konto" }).click();
  await page.getByText("Kontot tove@demo.tryggve.se är tillagt.").waitFor();
  const row = page.getByRole("row", { name: /Tove Trygghet/ });
  assert.equal(await row.getByLabel("Roll för tove@demo.tryggve.se", { exact: true }).inputValue(), "responder");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the accounts page passes axe-core");

  await row.getByRole("button", { name: "Stäng av tove@demo.tryggve.se" }).click();
  await row.getByText("Avstängt").waitFor();

  await page.getByRole("button", { name: "Logg", exact: true }).click();
  const log = page.getByRole("table", { name: "Moderatorernas senaste åtgärder" });
  await log.getByRole("row", { name: /moderator\.disable.*tove@demo\.tryggve\.se/ }).waitFor();
  await log.getByRole("row", { name: /moderator\.add.*tove@demo\.tryggve\.se/ }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the log passes axe-core");
  await page.screenshot({ path: screenshotPath("console-accounts-log.png"), fullPage: true });

  // A responder has only the dialogues and their own account, where they change the first password.
  await page.getByRole("button", { name: "Logga ut" }).click();
  await page.getByLabel("E-postadress").fill(ACCOUNTS.responder.email);
  await page.getByLabel("Lösenord").fill(ACCOUNTS.responder.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Dialoger", level: 1 }).waitFor();
  assert.deepEqual(await page.locator("nav.pages button").allTextContents(), ["Dialoger", "Mitt konto"]);
  await page.getByRole("button", { name: "Mitt konto" }).click();
  await page.getByRole("heading", { name: "Mitt konto", level: 1 }).waitFor();
  await page.getByLabel("Nuvarande lösenord").fill(ACCOUNTS.responder.password);
  await page.getByLabel("Nytt lösenord").fill("svararens nya lösenord");
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  await page.getByText("Lösenordet är bytt.").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the account page passes axe-core");
  // Put it back for the other tests.
  await page.getByLabel("Nuvarande lösenord").fill("svararens nya lösenord");
  await page.getByLabel("Nytt lösenord").fill(ACCOUNTS.responder.password);
  await page.getByRole("button", { name: "Byt lösenord" }).click();
  // The same message as before; a success also empties the fields.
  await page.waitForFunction(() => document.querySelector("#current-password").value === "");
  await login(ACCOUNTS.responder);
  await context.close();
});

test("bulk: an answer that comes after the coordinator went to another page is let go, and the console goes on", async () => {
  const stamp = Date.now();
  const a = (await post("/api/v1/reports", goodReport({ description: `Bulk borta ${stamp}` }))).json.case_number;
  const { context, page, errors } = await consoleAs(browser, ACCOUNTS.moderator, { width: 1280, height: 900 });
  await page.getByLabel(`Markera ärende ${a}`).check();
  // A slow line: the approval is held until the coordinator has moved on to the lägesbild.
  const held = [];
  await context.route(`${EDGE}/api/v1/console/demo/report-actions`, (r) => { held.push(r); });
  await page.getByRole("button", { name: "Godkänn markerade" }).click();
  for (let i = 0; i < 100 && held.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(held.length, 1, "the approval is on its way");
  await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
  await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).and(page.locator("[aria-current=page]")).waitFor();
  await context.unroute(`${EDGE}/api/v1/console/demo/report-actions`);
  await held[0].continue();
  await expectApproved(a);
  // The console still answers: back to the review, where the report is public now.
  await page.locator("nav.pages").getByRole("button", { name: "Granskningskarta", exact: true }).click();
  const row = page.locator("table.reports tr", { has: page.getByRole("button", { name: a, exact: true }) });
  await row.getByText("Publik").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/** Waits up to 10 s for report `caseNumber` to be stored as approved. */
async function expectApproved(caseNumber) {
  const [year, seq] = caseNumber.split("-").map(Number);
  const approved = () => query(`SELECT visibility FROM reports WHERE tenant_id = 'demo' AND case_year = ${year} AND case_seq = ${seq}`)[0]?.visibility;
  for (let i = 0; i < 50 && approved() !== "approved"; i++) await new Promise((r) => setTimeout(r, 200));
  assert.equal(approved(), "approved");
}
