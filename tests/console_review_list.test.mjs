// The review list a page at a time, in a municipality of its own with more reports than a page
// (160, written straight into the database as reports from before areas were stored): every
// filter applies to all of them (an area filter finds every report of the area and no other),
// the orders and the search work through the pages, and the console keeps page, filter and
// open case in its address, so a link opens the same view and back and forward step through it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { axeViolations, consoleAs, launch, screenshotPath } from "./support/browser.mjs";
import { call, login } from "./support/console.mjs";

const TENANT = "listby";
const ADMIN = { tenant: TENANT, email: "admin@listby.example", password: "listby-admin-lösen" };
const COUNT = 160;
const STATUSES = ["new", "reviewed", "in_progress", "resolved", "closed"];
const CATEGORIES = ["dark-spot", "graffiti", "littering", "drugs"];
// Inside the demo areas (see TenantConfig::demo), and a place in the map but outside them all.
const PLACES = { norra: [58.055, 12.80], outside: [58.10, 12.60], centrum: [58.034, 12.808] };
const areaOf = (i) => (i % 4 === 0 ? "norra" : i % 4 === 1 ? "outside" : "centrum");
const caseOf = (i) => `2026-${String(i).padStart(4, "0")}`;

let session;
let browser;

before(async () => {
  const rows = [];
  for (let i = 1; i <= COUNT; i++) {
    const [lat, lng] = PLACES[areaOf(i)];
    // A minute apart, two reports in each minute: the order's tie-break (the row) is tested too.
    const at = new Date(Date.UTC(2026, 10, 1, 8, 0) + Math.floor(i / 2) * 60_000).toISOString();
    const text = i === 77 ? "Skylten med 50% rabatt skymmer gångvägen" : `Rapport nummer ${i} om platsen`;
    rows.push(`('${TENANT}', 2026, ${i}, '', ${lat}, ${lng}, '${CATEGORIES[i % 4]}', 'evening', '${text}', NULL,
      '${STATUSES[i % 5]}', '${at}', 'pending', '{}', '{}')`);
  }
  query(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, category, times,
    description, contact_email, status, created_at, visibility, answers, answer_texts) VALUES ${rows.join(",")}`);
  session = await login(ADMIN);
  browser = await launch();
});
after(async () => { await browser?.close(); });

const list = (q) => call(session, "GET", `/api/v1/console/${TENANT}/reports${q}`);

/** Every report the filter matches, page after page (of the review list, or as `read` reads
 * them), checking each page on the way. */
async function everyPage(filter, read = list) {
  const seen = [];
  let next = null;
  let pages = 0;
  do {
    const glue = filter ? "&" : "?";
    const { response, json } = await read(filter + (next ? `${glue}after=${encodeURIComponent(next)}` : ""));
    assert.equal(response.status, 200, `${filter}: ${JSON.stringify(json)}`);
    assert.ok(json.reports.length <= 50, "a page holds at most 50 reports");
    seen.push(...json.reports);
    next = json.next;
    pages++;
    if (!next) assert.equal(seen.length, json.total, `${filter}: the total is what the pages hold`);
  } while (next && pages < 20);
  assert.equal(new Set(seen.map((r) => r.case_number)).size, seen.length, `${filter}: no report twice`);
  return seen;
}

const expected = (keep) => {
  const cases = [];
  for (let i = 1; i <= COUNT; i++) if (keep(i)) cases.push(caseOf(i));
  return cases.sort();
};
const cases = (reports) => reports.map((r) => r.case_number).sort();

test("an area filter finds every report of the area through the pages, and no other", async () => {
  const all = await everyPage("");
  assert.equal(all.length, COUNT);
  for (let k = 1; k < all.length; k++) {
    assert.ok(all[k - 1].created_at >= all[k].created_at, "newest first");
  }
  const centrum = await everyPage("?area=centrum");
  assert.ok(centrum.length > 50, "more than a page");
  assert.deepEqual(cases(centrum), expected((i) => areaOf(i) === "centrum"));
  assert.ok(centrum.every((r) => r.area === "centrum"), "each report says its area");
  assert.deepEqual(cases(await everyPage("?area=norra")), expected((i) => areaOf(i) === "norra"));
  const outside = await everyPage("?area=-");
  assert.deepEqual(cases(outside), expected((i) => areaOf(i) === "outside"));
  assert.ok(outside.every((r) => r.area === undefined));
  assert.deepEqual(cases(await everyPage("?area=centrum&status=new&category=littering")),
    expected((i) => areaOf(i) === "centrum" && i % 5 === 0 && i % 4 === 2));
  assert.equal(query(`SELECT COUNT(*) AS n FROM reports WHERE tenant_id = '${TENANT}' AND area_id IS NULL`)[0].n, 0,
    "every report was placed in its area");
});

test("the orders by time, status and category hold across pages", async () => {
  const oldest = await everyPage("?order=oldest");
  assert.equal(oldest.length, COUNT);
  for (let k = 1; k < oldest.length; k++) assert.ok(oldest[k - 1].created_at <= oldest[k].created_at);

  const byStatus = await everyPage("?order=status&area=centrum");
  assert.equal(byStatus.length, expected((i) => areaOf(i) === "centrum").length);
  const rank = (r) => STATUSES.indexOf(r.status);
  for (let k = 1; k < byStatus.length; k++) {
    const [a, b] = [byStatus[k - 1], byStatus[k]];
    assert.ok(rank(a) < rank(b) || (rank(a) === rank(b) && a.created_at >= b.created_at),
      `${a.case_number} (${a.status}) before ${b.case_number} (${b.status})`);
  }
  // The municipality's order of its categories (the form's), not the alphabet.
  const { json: config } = await call(session, "GET", `/api/v1/tenants/${TENANT}/config`);
  const byCategory = await everyPage("?order=category");
  const position = (r) => config.categories.indexOf(r.category);
  for (let k = 1; k < byCategory.length; k++) assert.ok(position(byCategory[k - 1]) <= position(byCategory[k]));
  assert.deepEqual(cases(byCategory), cases(oldest));
});

test("a search finds a case by number or a text, its wildcards taken literally", async () => {
  assert.deepEqual(cases(await everyPage("?q=2026-77")), ["2026-0077"]);
  assert.deepEqual(cases(await everyPage("?q=2026-0077")), ["2026-0077"]);
  assert.deepEqual(cases(await everyPage(`?q=${encodeURIComponent("50%")}`)), ["2026-0077"]);
  assert.deepEqual(cases(await everyPage("?q=nummer%2015%20om")), ["2026-0015"]);
  assert.equal((await everyPage("?q=RAPPORT")).length, COUNT - 1, "letters match whatever their case");

  const forged = await list("?after=1_2_x' OR 1=1");
  assert.equal(forged.response.status, 422);
  assert.equal(forged.json.error.field, "after");
  const sideways = await list("?order=sideways");
  assert.equal(sideways.response.status, 422);
  assert.equal(sideways.json.error.field, "order");
});

test("when the areas change, every report is placed in the new ones", async () => {
  const { json: settings } = await call(session, "GET", `/api/v1/console/${TENANT}/settings`);
  const withoutNorra = structuredClone(settings);
  withoutNorra.config.areas = settings.config.areas.filter((a) => a.id !== "norra");
  const saved = await call(session, "PUT", `/api/v1/console/${TENANT}/settings`, withoutNorra);
  assert.equal(saved.response.status, 200, JSON.stringify(saved.json));
  try {
    assert.deepEqual(cases(await everyPage("?area=-")), expected((i) => areaOf(i) !== "centrum"));
    assert.deepEqual(await everyPage("?area=norra"), []);
  } finally {
    const restored = await call(session, "PUT", `/api/v1/console/${TENANT}/settings`, settings);
    assert.equal(restored.response.status, 200);
  }
  assert.deepEqual(cases(await everyPage("?area=norra")), expected((i) => areaOf(i) === "norra"));
});

/** The console at `address`, logged in there as a colleague who was sent the link would. */
async function consoleAt(width, height, address = "") {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width, height } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  // Each error with the step it came in (the console's code stops with "unreachable").
  const errors = [];
  page.on("pageerror", (e) => errors.push(`${page.step ?? "opening"}: ${e.message}`));
  await page.goto(`${EDGE}/console/${address}`);
  // A link from the console names the municipality; the login form then does too.
  if (address.includes(`tenant=${TENANT}`)) assert.equal(await page.locator("#tenant").inputValue(), TENANT);
  else await page.locator("#tenant").fill(TENANT);
  await page.getByLabel("E-postadress").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  return { context, page, errors };
}

const rows = (page) => page.locator("table.reports tbody tr");
const search = (page) => new URL(page.url()).searchParams;

test("a coordinator pages, searches, sorts and sends a link to the view", async () => {
  const { context, page, errors } = await consoleAt(1280, 900);
  const status = page.locator(".notice");
  await status.filter({ hasText: "Visar 50 av 160 rapporter." }).waitFor();
  assert.equal(await rows(page).count(), 50);
  // The columns a coordinator reads a report by: area and the start of the description.
  const row = rows(page).filter({ has: page.getByRole("button", { name: caseOf(150), exact: true }) });
  assert.deepEqual(await row.locator("td").allTextContents().then((t) => t.slice(4, 6)),
    ["Centrum", "Rapport nummer 150 om platsen"]);
  await page.screenshot({ path: screenshotPath("console-review-list-1280.png"), fullPage: true });

  // The next page joins the list; focus moves to its first report.
  page.step = "The next page joins the list";
  await page.getByRole("button", { name: "Visa fler rapporter" }).click();
  await status.filter({ hasText: "Visar 100 av 160 rapporter." }).waitFor();
  assert.equal(await rows(page).count(), 100);
  const focused = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(focused, await rows(page).nth(50).getByRole("button").textContent());

  // Sorted by status: the header says so, and the address keeps it.
  page.step = "Sorted by status";
  await page.getByRole("button", { name: "Status", exact: true }).click();
  await page.locator("th[aria-sort=ascending]", { hasText: "Status" }).waitFor();
  await status.filter({ hasText: "Visar 50 av 160 rapporter." }).waitFor();
  // 32 new reports, then the reviewed ones.
  assert.deepEqual([...new Set(await rows(page).locator("td:nth-child(7)").allTextContents())], ["Ny", "Granskad"]);
  assert.equal(search(page).get("order"), "status");

  // A search by case number, then the case opened: both in the address.
  page.step = "A search by case number";
  await page.getByLabel("Sök ärendenummer eller text").fill("2026-77");
  await page.getByLabel("Sök ärendenummer eller text").press("Enter");
  await status.filter({ hasText: "Visar 1 av 1 rapport." }).waitFor();
  await page.getByRole("button", { name: "2026-0077", exact: true }).click();
  await page.getByRole("heading", { name: "Ärende 2026-0077" }).waitFor();
  assert.equal(search(page).get("q"), "2026-77");
  assert.equal(search(page).get("case"), "2026-0077");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the list with a case open passes axe-core");

  // The link opens the same view for a colleague (here: a reload).
  page.step = "The link opens the same view";
  const link = page.url();
  await page.reload();
  await page.getByRole("heading", { name: "Ärende 2026-0077" }).waitFor();
  assert.equal(await page.getByLabel("Sök ärendenummer eller text").inputValue(), "2026-77");
  assert.equal(await rows(page).count(), 1);

  // Back: the case closes, the search stays; back again: the whole list sorted by status.
  page.step = "Back: the case closes";
  await page.goBack();
  await page.getByRole("heading", { name: "Ärende 2026-0077" }).waitFor({ state: "detached" });
  assert.equal(await page.getByLabel("Sök ärendenummer eller text").inputValue(), "2026-77");
  await page.goBack();
  await status.filter({ hasText: "Visar 50 av 160 rapporter." }).waitFor();
  assert.equal(await page.getByLabel("Sök ärendenummer eller text").inputValue(), "");
  await page.locator("th[aria-sort=ascending]", { hasText: "Status" }).waitFor();
  await page.goForward();
  await status.filter({ hasText: "Visar 1 av 1 rapport." }).waitFor();
  assert.ok(link.includes("case=2026-0077"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a link to a filtered view opens with its filter shown and a case that is not on the first page", async () => {
  // Case 3 lies in Centrum and is the oldest of its 80 reports: not on the list's first page.
  const { context, page } = await consoleAt(1920, 1080, `?tenant=${TENANT}&view=review&area=centrum&case=${caseOf(3)}`);
  await page.getByRole("heading", { name: `Ärende ${caseOf(3)}` }).waitFor();
  await page.locator(".notice").filter({ hasText: "Visar 50 av 80 rapporter." }).waitFor();
  assert.equal(await page.locator("#filter-area").inputValue(), "centrum");
  assert.equal(await page.getByRole("button", { name: caseOf(3), exact: true }).count(), 0);
  await page.screenshot({ path: screenshotPath("console-review-list-1920.png") });

  await page.goto(`${EDGE}/console/?tenant=${TENANT}&view=review&case=2026-9999`);
  await page.getByRole("alert").filter({ hasText: "Ärende 2026-9999 finns inte." }).waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "a missing case's message passes axe-core");

  // Other pages have addresses of their own too.
  await page.getByRole("button", { name: "Lägesbild" }).click();
  await page.getByRole("heading", { name: "Lägesbild" }).waitFor();
  assert.equal(search(page).get("view"), "dashboard");
  await page.goBack();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  await context.close();
});

test("on a phone the list reads without the page scrolling sideways", async () => {
  const { context, page } = await consoleAt(390, 844);
  await page.locator(".notice").filter({ hasText: "Visar 50 av 160 rapporter." }).waitFor();
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(sideways, 0);
  await page.screenshot({ path: screenshotPath("console-review-list-390.png"), fullPage: false });
  await context.close();
});

test("an observer reaches every approved report through pages, told how many there are", async () => {
  // The approved among them: more than a page (every second one).
  const approved = expected((i) => i % 2 === 0);
  query(`UPDATE reports SET visibility = 'approved' WHERE tenant_id = '${TENANT}' AND case_seq % 2 = 0`);
  const account = { tenant: TENANT, email: "partner@listby.example", password: "ett-eget-lösenord-1" };
  const made = await call(session, "POST", `/api/v1/console/${TENANT}/moderators`, { email: account.email, name: "Polisen i Listby", role: "observer", password: account.password });
  assert.equal(made.response.status, 201, made.text);
  const observer = await login(account);

  const shared = await everyPage("", (q) => call(observer, "GET", `/api/v1/console/${TENANT}/shared-reports${q}`));
  assert.deepEqual(cases(shared), approved, "each approved report once, and no other");
  const centrum = await everyPage("?area=centrum", (q) => call(observer, "GET", `/api/v1/console/${TENANT}/shared-reports${q}`));
  assert.deepEqual(cases(centrum), expected((i) => i % 2 === 0 && areaOf(i) === "centrum"), "filtered by area too");

  // In the console: the latest page, said as such, and the rest one page at a time.
  const { context, page, errors } = await consoleAs(browser, account, { width: 1280, height: 900 }, "Lägesbild");
  await page.locator("nav.pages").getByRole("button", { name: "Godkända rapporter" }).click();
  const table = page.getByRole("table", { name: /Godkända rapporter, nyast först/ });
  const status = page.locator(".notice").filter({ hasText: "godkända rapporter visas" });
  await status.filter({ hasText: "De 50 senaste av 80 godkända rapporter visas." }).waitFor();
  assert.equal(await table.locator("tbody tr").count(), 50);
  await page.screenshot({ path: screenshotPath("console-observer-paged-1280x900.png"), fullPage: false });
  const more = page.getByRole("button", { name: "Visa fler rapporter" });
  await more.focus();
  await page.keyboard.press("Enter");
  await status.filter({ hasText: /^80 godkända rapporter visas\.$/ }).waitFor();
  assert.equal(await table.locator("tbody tr").count(), 80);
  assert.equal(await more.count(), 0, "no button once every report is listed");
  // Focus went to the first report added, where a keyboard user reads on.
  await page.waitForFunction(() => document.activeElement?.textContent === "2026-0060");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the observer's pages pass axe-core");
  assert.deepEqual(errors, []);
  await context.close();
});
