// A coordinator gives the municipality its own categories in the console's settings: adds one,
// moves it first with the keyboard, renames one of ours and takes another off the form. The
// resident's form then offers exactly that, in that order; an old report of the retired
// category still reads by its name in the review list and the lägesbild. In headless Chromium
// against the real edge, in a municipality of its own ("kategoriby").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { call, login } from "./support/console.mjs";

const TENANT = "kategoriby";
const ADMIN = { tenant: TENANT, email: "admin@kategoriby.example", password: "kategoriby-admin-lösen" };
const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Kategoriby kommun</title></head>
<body><main><h1>Kategoriby kommun</h1><tryggve-report tenant="${TENANT}"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

let browser;
let session;
let oldCase;
before(async () => {
  browser = await launch();
  session = await login(ADMIN);
  // A report of a category the municipality will stop offering.
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, category: "drugs", description: "Langning vid skolan" }));
  assert.equal(response.status, 201, JSON.stringify(json));
  oldCase = json.case_number;
});
after(async () => { await browser?.close(); });

const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

test("a municipality adds, orders, renames and retires categories; residents and coordinators see them", async () => {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/?tenant=${TENANT}&view=settings`);
  await page.getByLabel("E-postadress").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Inställningar" }).waitFor();
  await page.getByRole("navigation", { name: "Delar av inställningarna" }).getByRole("button", { name: /^Kategorier/ }).click();
  const categories = page.locator("#settings-categories");

  // A new category of its own: last on the form until moved.
  await categories.getByLabel("Ny kategori (namn på svenska)").fill("Elsparkcyklar");
  await categories.getByRole("button", { name: "Lägg till kategorin" }).click();
  await categories.getByText("Elsparkcyklar finns nu sist i formuläret.").waitFor();
  const names = () => categories.locator("ol.category-list > li > .category-name").allTextContents();
  assert.equal((await names()).at(-1), "Elsparkcyklar");

  // Moved to the top with the keyboard: focus stays with the category as it climbs.
  await categories.getByRole("button", { name: "Flytta upp Elsparkcyklar" }).focus();
  for (let step = 0; step < 8; step++) {
    await page.keyboard.press("Enter");
    await page.waitForFunction((n) => document.querySelectorAll("#settings-categories ol.category-list > li")[n]
      ?.querySelector(".category-name")?.textContent === "Elsparkcyklar", 7 - step);
    const next = step < 7 ? "category-up-elsparkcyklar" : "category-down-elsparkcyklar";
    await page.waitForFunction((id) => document.activeElement?.id === id, next);
  }
  assert.equal((await names())[0], "Elsparkcyklar");
  assert.equal(await focusedId(page), "category-down-elsparkcyklar", "at the top, focus is on the way back down");

  // One of ours renamed, another taken off the form.
  await categories.getByText("Byt namn på Klotter").click();
  await categories.getByLabel("Namn på Svenska för Klotter").fill("Klotter och taggar");
  await categories.getByRole("button", { name: "Ta bort Narkotika ur formuläret" }).click();
  await page.waitForFunction(() => document.activeElement?.id === "category-restore-drugs");
  assert.ok(!(await names()).includes("Narkotika"));
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the settings with the categories edited pass axe-core");
  await categories.screenshot({ path: screenshotPath("console-categories.png") });

  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  const { json: config } = await call(session, "GET", `/api/v1/tenants/${TENANT}/config`);
  assert.equal(config.categories[0], "elsparkcyklar");
  assert.ok(!config.categories.includes("drugs"));
  assert.deepEqual(config.category_names, {
    elsparkcyklar: { sv: "Elsparkcyklar" },
    graffiti: { sv: "Klotter och taggar" },
  });

  // The resident's form offers the municipality's categories, in its order.
  const resident = await browser.newContext({ locale: "sv-SE" });
  await resident.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await resident.route(`${EDGE}/kategoriby.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
  const form = await resident.newPage();
  await form.goto(`${EDGE}/kategoriby.html`);
  const widget = form.locator("tryggve-report");
  const choice = widget.getByLabel("Vad gäller det?");
  await choice.waitFor();
  const offered = await choice.locator("option").allTextContents();
  assert.deepEqual(offered.slice(0, 3), ["Välj kategori", "Elsparkcyklar", "Dålig belysning eller mörk plats"]);
  assert.ok(offered.includes("Klotter och taggar"));
  assert.ok(!offered.includes("Narkotika") && !offered.includes("Klotter"));
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await choice.selectOption("elsparkcyklar");
  await widget.getByLabel("Beskriv platsen").fill("Elsparkcyklar blockerar trottoaren");
  await widget.getByRole("button", { name: "Skicka" }).click();
  await widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ }).waitFor();
  await resident.close();

  // The coordinator reads both reports by their categories' names, the retired one too.
  await page.getByRole("button", { name: "Granskningskarta" }).click();
  const rows = page.locator("table.reports tbody tr");
  await rows.nth(1).waitFor();
  const cell = (caseNumber) => rows.filter({ has: page.getByRole("button", { name: caseNumber, exact: true }) })
    .locator("td").nth(3).textContent();
  assert.equal(await cell(oldCase), "Narkotika");
  assert.ok((await page.locator("#filter-category option").allTextContents()).includes("Narkotika"),
    "the filter still finds reports of a retired category");
  await page.locator("#filter-category").selectOption("elsparkcyklar");
  await page.locator(".notice").filter({ hasText: "Visar 1 av 1 rapport." }).waitFor();

  const { json: dashboard } = await call(session, "GET", `/api/v1/console/${TENANT}/dashboard`);
  const counted = Object.fromEntries(dashboard.by_category.map((c) => [c.key, c.count]));
  assert.equal(counted.drugs, 1, "the retired category is counted");
  assert.equal(counted.elsparkcyklar, 1);
  await page.getByRole("button", { name: "Lägesbild" }).click();
  await page.locator("#filter-category").selectOption("");
  const byCategory = page.locator("table", { has: page.locator("caption", { hasText: "Rapporter per kategori" }) });
  await byCategory.getByRole("rowheader", { name: "Narkotika" }).or(byCategory.getByRole("cell", { name: "Narkotika" })).first().waitFor();
  assert.ok((await byCategory.textContent()).includes("Elsparkcyklar"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("categories the edge cannot accept are refused with the field named", async () => {
  const { json: settings } = await call(session, "GET", `/api/v1/console/${TENANT}/settings`);
  const unnamed = structuredClone(settings);
  unnamed.config.categories.push("onamngiven");
  let saved = await call(session, "PUT", `/api/v1/console/${TENANT}/settings`, unnamed);
  assert.equal(saved.response.status, 422);
  assert.equal(saved.json.error.field, `config.categories[${unnamed.config.categories.length - 1}]`);
  const noSwedish = structuredClone(settings);
  noSwedish.config.category_names.elsparkcyklar = { en: "E-scooters" };
  saved = await call(session, "PUT", `/api/v1/console/${TENANT}/settings`, noSwedish);
  assert.equal(saved.response.status, 422);
  assert.equal(saved.json.error.field, "config.category_names.elsparkcyklar.sv");
});
