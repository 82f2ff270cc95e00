// A safety coordinator writes the municipality's own question in the console's settings
// ("enkat", a tenant that starts with no questionnaire); residents then see it in the widget,
// must answer it, and the answer is stored and counted in the lägesbild. In headless Chromium
// against the real edge.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, query } from "./support/edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { call, login } from "./support/console.mjs";

const ADMIN = { tenant: "enkat", email: "admin@enkat.example", password: "enkat-admin-lösen" };
const QUESTION = "Hur ofta passerar du platsen?";

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Enkätby kommun</title></head>
<body><main><h1>Enkätby kommun</h1><tryggve-report tenant="enkat"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function consolePage() {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("Kommun (kod)").fill(ADMIN.tenant);
  await page.getByLabel("E-postadress").fill(ADMIN.email);
  await page.getByLabel("Lösenord").fill(ADMIN.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  return { context, page, errors };
}

const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

/** Opens a part of the settings (one is shown at a time, each with its own save). */
async function part(page, name) {
  await page.getByRole("navigation", { name: "Delar av inställningarna" })
    .getByRole("button", { name: new RegExp(`^${name}`) }).click();
  await page.locator(".settings > h2", { hasText: name }).waitFor();
}

/** A resident's browser on the municipal page `file` (by default the one with the widget). */
async function residentOn(file, body = PAGE) {
  const resident = await browser.newContext({ locale: "sv-SE" });
  await resident.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await resident.route(`${EDGE}/${file}`, (r) => r.fulfill({ status: 200, contentType: "text/html", body }));
  const page = await resident.newPage();
  await page.goto(`${EDGE}/${file}`);
  return { resident, page };
}

test("a question written in the console is asked in the widget, stored and counted", async () => {
  // The coordinator writes the question.
  const admin = await consolePage();
  const page = admin.page;
  await page.getByRole("button", { name: "Inställningar" }).click();
  await page.getByRole("heading", { name: "Inställningar" }).waitFor();
  await part(page, "Frågor");
  await page.getByRole("button", { name: "Lägg till en fråga" }).click();
  await page.getByLabel("Fråga 1 på Svenska").fill(QUESTION);
  await page.getByLabel("Fråga 1 på English").fill("How often do you pass the place?");
  await page.getByLabel("Alternativ 1 på Svenska").fill("Varje dag");
  await page.getByLabel("Alternativ 2 på Svenska").fill("Varje vecka");
  await page.getByRole("button", { name: "Lägg till ett alternativ i fråga 1" }).click();
  await page.getByLabel("Måste besvaras").check();
  const sections = page.getByRole("navigation", { name: "Delar av inställningarna" });
  assert.equal(await sections.getByRole("button", { name: /^Frågor/ }).textContent(), "Frågor – ej sparat");
  assert.equal(await sections.getByRole("button", { name: /^Allmänt/ }).textContent(), "Allmänt");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the settings page passes axe-core");

  // The third option has no words yet: the edge refuses, the page says where and goes there.
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Kontrollera fältet ”Alternativ 3 på Svenska”: det måste fyllas i.").waitFor();
  const optionInput = page.getByLabel("Alternativ 3 på Svenska");
  assert.equal(await focusedId(page), await optionInput.getAttribute("id"));
  assert.deepEqual(query("SELECT config FROM tenants WHERE id = 'enkat'").map((r) => JSON.parse(r.config).questionnaire), [[]]);

  await optionInput.fill("Sällan");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  assert.equal(await page.getByLabel("Typ av svar").isDisabled(), true, "a saved question keeps its kind");
  assert.equal(await sections.getByRole("button", { name: /^Frågor/ }).textContent(), "Frågor");

  // Languages the question has no words in are named where languages are switched on.
  await part(page, "Allmänt");
  const warnings = page.locator(".untranslated");
  await warnings.getByText(`På Suomi saknar frågorna ”${QUESTION}” text.`).waitFor();
  assert.equal(await warnings.getAttribute("aria-live"), "polite");
  await page.getByRole("checkbox", { name: "Suomi" }).uncheck();
  await warnings.getByText(/På Suomi/).waitFor({ state: "detached" });
  await page.getByRole("checkbox", { name: "Suomi" }).check();
  await warnings.getByText(/På Suomi/).waitFor();
  assert.equal(await sections.getByRole("button", { name: /^Allmänt/ }).textContent(), "Allmänt", "back as stored");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the general part with its warnings passes axe-core");
  await page.screenshot({ path: screenshotPath("console-settings.png"), fullPage: true });

  // A resident must answer it, and does.
  const { resident, page: residentPage } = await residentOn("enkat-test.html");
  const widget = residentPage.locator("tryggve-report");
  const group = widget.getByRole("group", { name: QUESTION });
  await group.waitFor();
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await group.getByText("Fyll i det här fältet.").waitFor();
  const focused = await residentPage.evaluate(() => document.querySelector("tryggve-report").shadowRoot.activeElement?.id);
  assert.equal(focused, await group.getByRole("radio").first().getAttribute("id"), "focus moves to the unanswered question");
  await group.getByLabel("Sällan").check();
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  const [year, seq] = caseNumber.split("-").map(Number);
  const [row] = query(`SELECT answers FROM reports WHERE tenant_id = 'enkat' AND case_year = ${year} AND case_seq = ${seq}`);
  const [question] = JSON.parse(query("SELECT config FROM tenants WHERE id = 'enkat'")[0].config).questionnaire;
  const rarely = question.options.find((o) => o.text.sv === "Sällan").id;
  assert.deepEqual(JSON.parse(row.answers), { [question.id]: rarely });
  assert.deepEqual(await axeViolations(residentPage), []);
  await resident.close();

  // The coordinator sees it counted.
  await page.getByRole("button", { name: "Lägesbild" }).click();
  const table = page.getByRole("table", { name: QUESTION });
  await table.waitFor();
  assert.equal(await table.getByRole("row", { name: /Sällan/ }).locator("td.count").textContent(), "1");
  assert.equal(await table.getByRole("row", { name: /Varje dag/ }).locator("td.count").textContent(), "0");
  assert.deepEqual(admin.errors, []);
  await admin.context.close();
});

test("the console's settings page is for admins only", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("Kommun (kod)").fill("demo");
  await page.getByLabel("E-postadress").fill("moderator@demo.tryggve.se");
  await page.getByLabel("Lösenord").fill("demo-moderator-lösen");
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  assert.equal(await page.getByRole("button", { name: "Inställningar" }).count(), 0);
  await context.close();
});

test("areas uploaded as GeoJSON are drawn on a map at once, before anything is saved", async () => {
  const config = await (await fetch(`${EDGE}/api/v1/tenants/enkat/config`)).json();
  const { lat, lng } = config.map.center;
  const square = (dLat, dLng, size) => [[
    [lng + dLng, lat + dLat], [lng + dLng + size, lat + dLat], [lng + dLng + size, lat + dLat + size],
    [lng + dLng, lat + dLat + size], [lng + dLng, lat + dLat],
  ]];
  const geojson = {
    type: "FeatureCollection",
    features: [
      { type: "Feature", properties: { namn: "Centrum" }, geometry: { type: "Polygon", coordinates: square(0, 0, 0.01) } },
      { type: "Feature", properties: { namn: "Öarna" },
        geometry: { type: "MultiPolygon", coordinates: [square(0.02, 0.02, 0.005), square(-0.02, 0.02, 0.005)] } },
    ],
  };
  const { context, page, errors } = await consolePage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Inställningar" }).click();
  await page.getByRole("heading", { name: "Inställningar", level: 1 }).waitFor();
  await part(page, "Områden");
  await page.getByLabel("GeoJSON-fil med områden").setInputFiles({
    name: "omraden.geojson", mimeType: "application/geo+json", buffer: Buffer.from(JSON.stringify(geojson)),
  });
  await page.getByText("2 områden lästes in. Spara för att använda dem.").waitFor();
  const map = page.getByRole("region", { name: /Karta över områdena/ });
  // Three outlines: Centrum, and Öarna's two islands.
  await map.locator(".leaflet-overlay-pane path").nth(2).waitFor();
  assert.equal(await map.locator(".leaflet-overlay-pane path").count(), 3);
  assert.deepEqual(await page.locator("ul.areas li").allTextContents(), ["Centrum", "Öarna"]);
  const colours = await map.locator(".leaflet-overlay-pane path").evaluateAll((paths) => [...new Set(paths.map((p) => p.getAttribute("stroke")))]);
  assert.equal(colours.length, 2, "one colour per area");
  await map.scrollIntoViewIfNeeded();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "axe-core with the areas drawn");
  await page.screenshot({ path: screenshotPath("console-areas-preview-1280.png"), fullPage: false });
  // Nothing is stored until the admin saves.
  const stored = await (await fetch(`${EDGE}/api/v1/tenants/enkat/config`)).json();
  assert.deepEqual(stored.areas, config.areas);
  // Removing them clears the map as well.
  await page.getByRole("button", { name: "Ta bort alla områden" }).click();
  await map.locator(".leaflet-overlay-pane path").first().waitFor({ state: "detached" });
  assert.deepEqual(errors, []);
  await context.close();
});

test("an admin lets staff report and gives them an access code in the console", async () => {
  const { context, page, errors } = await consolePage();
  await page.getByRole("button", { name: "Inställningar" }).click();
  await page.getByRole("heading", { name: "Inställningar" }).waitFor();
  await part(page, "Moderering");
  await page.getByRole("checkbox", { name: "Kommunens personal" }).check();
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();

  const codeState = page.locator("#settings-code-staff-state");
  assert.equal(await codeState.textContent(), "Ingen kod är satt: gruppen kan inte rapportera ännu.");
  await page.getByLabel("Ny åtkomstkod för Kommunens personal").fill("kort");
  await page.getByRole("button", { name: "Spara koden för Kommunens personal" }).click();
  await page.getByText("Koden ska ha 10–100 tecken.").waitFor();
  assert.equal(await page.getByLabel("Ny åtkomstkod för Kommunens personal").inputValue(), "kort", "a refused code stays, to be corrected");
  await page.getByLabel("Ny åtkomstkod för Kommunens personal").fill("fastighetsskötarna-2026");
  await page.getByRole("button", { name: "Spara koden för Kommunens personal" }).click();
  await page.getByText("Koden för Kommunens personal är sparad.").waitFor();
  assert.equal(await codeState.textContent(), "En kod är satt.");
  assert.equal(await page.getByLabel("Ny åtkomstkod för Kommunens personal").inputValue(), "", "the code is not kept on the page");
  assert.deepEqual(await axeViolations(page, [["body"]]), []);

  const report = (code) => fetch(`${EDGE}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenant: "enkat", lat: 58.0337, lng: 12.8083, category: "littering", reporter_group: "staff", access_code: code,
      answers: answersForEnkat() }),
  });
  assert.equal((await report("fastighetsskötarna-2026")).status, 201);
  assert.equal((await report("fastighetsskötarna-2025")).status, 422);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Answers to enkat's required question (written by the first test): its first option. */
function answersForEnkat() {
  const [config] = query("SELECT config FROM tenants WHERE id = 'enkat'").map((r) => JSON.parse(r.config));
  return Object.fromEntries(config.questionnaire.filter((q) => q.required).map((q) => [q.id, q.options[0].id]));
}

test("the municipality's accent colour reaches the widget, readable, and the host page's own still wins", async () => {
  const { context, page, errors } = await consolePage();
  await page.getByRole("button", { name: "Inställningar" }).click();
  await page.getByRole("heading", { name: "Inställningar" }).waitFor();
  await part(page, "Utseende");
  const accent = page.getByLabel("Accentfärg (#rrggbb)");
  await accent.fill("#7fb2ff");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Kontrollera fältet ”Accentfärg (#rrggbb)”: färgen har för låg kontrast mot vitt").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "settings-accent");
  await accent.fill("#005A70");
  await page.getByLabel("Hörnradie i pixlar (0–24)").fill("12");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const submitStyle = async (head) => {
    const { resident, page: residentPage } = await residentOn("enkat-theme.html", PAGE.replace("</head>", `${head}</head>`));
    const button = residentPage.locator("tryggve-report").getByRole("button", { name: "Skicka", exact: true });
    await button.waitFor();
    const style = await button.evaluate((b) => [getComputedStyle(b).backgroundColor, getComputedStyle(b).borderTopLeftRadius]);
    await resident.close();
    return style;
  };
  assert.deepEqual(await submitStyle(""), ["rgb(0, 90, 112)", "12px"], "the saved theme");
  assert.deepEqual(await submitStyle("<style>tryggve-report { --tryggve-accent: #6a1b9a; }</style>"), ["rgb(106, 27, 154)", "12px"],
    "the page's own value wins over the municipality's");
});

test("with the public map turned off in the console, the widget does not offer it", async () => {
  const publicToggles = async () => {
    const { resident, page: residentPage } = await residentOn("enkat-test.html");
    const widget = residentPage.locator("tryggve-report");
    await widget.getByRole("button", { name: "Skicka", exact: true }).waitFor();
    const count = await widget.locator("#show-public").count();
    await resident.close();
    return count;
  };
  assert.equal(await publicToggles(), 1, "offered by default");

  const { context, page } = await consolePage();
  await page.getByRole("button", { name: "Inställningar" }).click();
  await part(page, "Moderering");
  const publicMap = page.getByLabel("Invånarna kan se godkända platser på kartan");
  assert.equal(await publicMap.isChecked(), true);
  await publicMap.uncheck();
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  await context.close();
  assert.equal(await publicToggles(), 0);
});

test("the municipality's own words on an unpublished report reach the resident's follow-up, in their language", async () => {
  const { context, page, errors } = await consolePage();
  await page.getByRole("button", { name: "Inställningar" }).click();
  await part(page, "Moderering");
  await page.getByText("Hör inte hit", { exact: true }).click();
  await page.getByLabel("Hör inte hit: text på Svenska").fill("Felanmäl trasiga lampor i kommunens app Tyck till.");
  await page.getByLabel("Hör inte hit: text på English").fill("Report broken lamps in the municipality's app.");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  assert.deepEqual(errors, []);
  await context.close();

  const session = await login(ADMIN);
  const config = await (await fetch(`${EDGE}/api/v1/tenants/enkat/config`)).json();
  // The municipality's questions (an earlier test added one that must be answered): the first option each.
  const answers = Object.fromEntries(config.questionnaire.filter((q) => q.required).map((q) =>
    [q.id, { scale: 3, short_text: "Ofta", single_choice: q.options[0]?.id, multiple_choice: [q.options[0]?.id] }[q.kind]]));
  const filed = await fetch(`${EDGE}/api/v1/reports`, {
    method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.77" },
    body: JSON.stringify({ ...goodReport({ description: "Lampan vid skolan är trasig" }), tenant: "enkat", lat: config.map.center.lat, lng: config.map.center.lng, answers }),
  });
  const report = await filed.json();
  assert.equal(filed.status, 201, JSON.stringify(report));
  const rejected = await call(session, "POST", `/api/v1/console/enkat/reports/${report.case_number}/actions`, { action: "reject", reason: "off_topic" });
  assert.equal(rejected.response.status, 200, rejected.text);

  for (const [lang, words] of [["sv", "Felanmäl trasiga lampor i kommunens app Tyck till."], ["en", "Report broken lamps in the municipality's app."]]) {
    const html = PAGE.replace('<html lang="sv">', `<html lang="${lang}">`);
    const { resident, page: residentPage } = await residentOn(`enkat-follow-${lang}.html`, html);
    // The receipt's link: the same page with the case and code in its fragment.
    await residentPage.goto(`${EDGE}/enkat-follow-${lang}.html#tryggve-followup=${report.case_number}.${report.followup_token}`);
    await residentPage.reload();
    const explained = residentPage.locator("tryggve-report").locator(".followup-explained");
    await explained.waitFor();
    assert.equal(await explained.textContent(), words);
    assert.equal(await explained.getAttribute("lang"), lang);
    await resident.close();
  }
});

test("number fields keep what is typed; one that is not a number stops the save and says where", async () => {
  const { context, page, errors } = await consolePage();
  await page.getByRole("button", { name: "Inställningar" }).click();
  await part(page, "Karta");
  const lat = page.getByLabel("Mittpunkt, latitud");
  const before = await lat.inputValue();
  // Typed key by key, with a Swedish decimal comma: nothing is rewritten on the way.
  await lat.fill("");
  await lat.pressSequentially("58,034");
  assert.equal(await lat.inputValue(), "58,034");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  assert.equal(await lat.inputValue(), "58.034", "shown as stored");

  await lat.fill("femtioåtta");
  assert.equal(await lat.getAttribute("aria-invalid"), "true");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Kontrollera fältet ”Mittpunkt, latitud”: det är inte ett tal").waitFor();
  assert.equal(await focusedId(page), "settings-lat", "the field is focused");
  const [stored] = query("SELECT config FROM tenants WHERE id = 'enkat'");
  assert.equal(JSON.parse(stored.config).map.center.lat, 58.034, "nothing else was stored");

  await lat.fill(before);
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();

  // A field the edge refuses: focused, marked, and the reason said beside the save button.
  const tiles = page.getByLabel(/Adress till kartplattor/);
  const goodTiles = await tiles.inputValue();
  await tiles.fill("http://tiles.example.se/{z}/{x}/{y}.png");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  const outcome = page.locator(".save-row .save-outcome");
  await outcome.filter({ hasText: /Kontrollera fältet ”Adress till kartplattor.*”: värdet är inte tillåtet/ }).waitFor();
  assert.equal(await outcome.getAttribute("role"), "status");
  assert.equal(await focusedId(page), "settings-tiles");
  assert.equal(await tiles.getAttribute("aria-invalid"), "true", "marked, not only focused");
  assert.match(await tiles.evaluate((el) => el.validationMessage), /^Kontrollera fältet ”Adress till kartplattor/, "said at the field too");
  assert.equal(await tiles.evaluate((el) => getComputedStyle(el).borderTopColor), "rgb(176, 0, 32)");
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "axe-core with a refused field marked");
  await page.screenshot({ path: screenshotPath("console-settings-refused-1280.png") });
  await tiles.fill(goodTiles);
  assert.equal(await tiles.getAttribute("aria-invalid"), null, "unmarked once changed");
  assert.equal(await tiles.evaluate((el) => el.validationMessage), "");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await outcome.filter({ hasText: "Inställningarna är sparade." }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a short answer is never cut: its count is shown, and one character too many stops the report", async () => {
  const session = await login(ADMIN);
  const settings = (await call(session, "GET", "/api/v1/console/enkat/settings")).json;
  const before = settings.config.questionnaire;
  const idea = { id: "idea", text: { sv: "Har du ett förslag?" }, kind: "short_text", required: false, options: [] };
  const saved = await call(session, "PUT", "/api/v1/console/enkat/settings", { ...settings, config: { ...settings.config, questionnaire: [idea] } });
  assert.equal(saved.response.status, 200, saved.text);

  const { resident, page } = await residentOn("enkat-kort.html");
  const widget = page.locator("tryggve-report");
  const answer = widget.getByLabel("Har du ett förslag? (frivilligt)");
  await answer.waitFor();
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  // 201 characters, two of them emoji (two UTF-16 units each): pasted whole, nothing cut.
  const tooLong = "Lampor ".repeat(28) + "x".repeat(3) + "💡💡";
  await answer.fill(tooLong);
  assert.equal(await answer.inputValue(), tooLong);
  assert.equal(await widget.locator("#answer-idea-count").textContent(), "201 av 200 tecken");
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await widget.locator("#answer-idea-error").getByText("Texten är för lång.").waitFor();
  assert.equal(await page.evaluate(() => document.querySelector("tryggve-report").shadowRoot.activeElement?.id), "answer-idea");
  assert.equal(await answer.getAttribute("aria-describedby"), "answer-idea-count answer-idea-error");

  await answer.press("Backspace");
  assert.equal(await widget.locator("#answer-idea-count").textContent(), "200 av 200 tecken");
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const [year, seq] = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0].split("-").map(Number);
  const [row] = query(`SELECT answer_texts FROM reports WHERE tenant_id = 'enkat' AND case_year = ${year} AND case_seq = ${seq}`);
  assert.equal(JSON.parse(row.answer_texts).idea, tooLong.slice(0, -2), "stored as typed, less the one deleted");
  assert.deepEqual(await axeViolations(page), []);
  await resident.close();

  const restored = await call(session, "PUT", "/api/v1/console/enkat/settings", { ...settings, config: { ...settings.config, questionnaire: before } });
  assert.equal(restored.response.status, 200, restored.text);
});

test("each part of the settings is saved on its own: an edit in another part stays, unsent", async () => {
  const { context, page, errors } = await consolePage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole("button", { name: "Inställningar" }).click();
  await part(page, "Allmänt");
  const name = page.getByLabel("Kommunens namn");
  const storedName = await name.inputValue();
  await name.fill(`${storedName} (utkast)`);
  await page.screenshot({ path: screenshotPath("console-settings-general-1280.png"), fullPage: true });

  await part(page, "Utseende");
  const radius = page.getByLabel("Hörnradie i pixlar (0–24)");
  const storedRadius = await radius.inputValue();
  await radius.fill("6");
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();
  const [row] = query("SELECT name, config FROM tenants WHERE id = 'enkat'");
  assert.equal(JSON.parse(row.config).theme.radius_px, 6);
  assert.equal(JSON.parse(row.config).name, storedName, "the name edited in another part was not sent");
  const sections = page.getByRole("navigation", { name: "Delar av inställningarna" });
  assert.equal(await sections.getByRole("button", { name: /^Allmänt/ }).textContent(), "Allmänt – ej sparat");

  await part(page, "Allmänt");
  assert.equal(await name.inputValue(), `${storedName} (utkast)`, "the edit is still there");
  await name.fill(storedName);
  assert.equal(await sections.getByRole("button", { name: /^Allmänt/ }).textContent(), "Allmänt");
  await part(page, "Utseende");
  await radius.fill(storedRadius);
  await page.getByRole("button", { name: "Spara inställningarna" }).click();
  await page.getByText("Inställningarna är sparade.").waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  await part(page, "Kategorier");
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(sideways, 0, "a part of the settings fits a phone");
  await page.screenshot({ path: screenshotPath("console-settings-categories-390.png"), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});
