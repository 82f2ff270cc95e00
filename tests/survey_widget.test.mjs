// The survey element as residents use it, in Chromium against the real edge, in a municipality
// of its own ("svarby", the demo's areas Centrum, Norra and Södra): a resident answers in Swedish
// by keyboard (what is missing is said at the field, which gets focus); an answer whose reply was
// lost is sent again and counted once; the device is thanked after a reload, and a second answer
// from it is refused in words. A resident answers in Arabic with the mouse. The results element
// (`view="results"`) shows a chart, a table per area with figures only above 10 answers, the
// problems' sizes and an area's trend across rounds.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, post, query } from "./support/edge.mjs";
import { closedRound, day } from "./support/survey.mjs";
import { call, login } from "./support/console.mjs";
import { axeViolations, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "svarby";
const ADMIN = { tenant: TENANT, email: "admin@svarby.example", password: "svarby-admin-lösen" };
const ANSWERS = `/api/v1/tenants/${TENANT}/survey/answers`;

let browser;
let round;
before(async () => {
  browser = await launch();
  const admin = await login(ADMIN);
  const problems = [
    { id: "littering", text: { sv: "Nedskräpning" } },
    { id: "graffiti", text: { sv: "Klotter", en: "Graffiti" } },
  ];
  const added = await call(admin, "POST", `/api/v1/console/${TENANT}/survey-rounds`, {
    name: "Våren 2027", opens_on: day(-1), closes_on: day(30), questions: { problems, ask_age: true },
  });
  assert.equal(added.response.status, 201, added.text);
  round = added.json;
});
after(async () => { await browser?.close(); });

/** A municipal page with the survey element (`attributes` added to it); returns once `ready`
 * shows in it. `thirdParty` collects requests to anything but the edge. */
async function surveyPage(attributes, ready, contextOptions = {}) {
  const body = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Trygghetsmätning</title>
    <meta name="viewport" content="width=device-width, initial-scale=1"></head>
    <body><main><h1>Trygghetsmätning</h1><tryggve-survey tenant="${TENANT}" ${attributes}></tryggve-survey></main>
    <script src="/widget/tryggve.js" defer></script></body></html>`;
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1280, height: 900 }, ...contextOptions });
  await context.route(`${EDGE}/survey-page.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const thirdParty = [];
  page.on("request", (r) => { if (new URL(r.url()).origin !== EDGE) thirdParty.push(r.url()); });
  await page.goto(`${EDGE}/survey-page.html`);
  const widget = page.locator("tryggve-survey");
  await widget.locator(ready).first().waitFor();
  return { context, page, widget, errors, thirdParty };
}

const focused = (page) => page.evaluate(() => document.querySelector("tryggve-survey").shadowRoot.activeElement?.id ?? null);
const stored = () => query(`SELECT area_id, safety, worry, problems, age, device_hash FROM survey_answers WHERE tenant_id = '${TENANT}' AND round_id = ${round.id} ORDER BY id`);

test("a resident answers in Swedish by keyboard; a lost reply is sent again and counted once; the device is thanked after a reload, and a second answer is refused in words", async () => {
  const { context, page, widget, thirdParty, errors } = await surveyPage("", "#survey-send");
  await widget.getByRole("heading", { name: "Trygghetsmätning: Våren 2027" }).waitFor();

  // Sending nothing: the area is said to be missing, at the area, which gets focus.
  await widget.locator("#survey-send").focus();
  await page.keyboard.press("Enter");
  await widget.locator("#survey-area-error").getByText("Välj ett av alternativen.").waitFor();
  assert.equal(await focused(page), "survey-area");
  assert.equal(await widget.getByLabel("Vilket område bor du i?").getAttribute("aria-invalid"), "true");
  await widget.getByLabel("Vilket område bor du i?").selectOption({ label: "Centrum" });
  await widget.locator("#survey-send").focus();
  await page.keyboard.press("Enter");
  // Then the safety question, at its first answer; arrows choose within the group.
  await widget.locator("#survey-safety-error").getByText("Fyll i det här fältet.").waitFor();
  assert.equal(await focused(page), "survey-safety-0");
  await page.keyboard.press("ArrowDown");
  assert.equal(await widget.getByRole("radio", { name: "Ganska trygg" }).isChecked(), true);
  // Answered, the question's error goes.
  await widget.locator("#survey-safety-error").getByText("Fyll i det här fältet.").waitFor({ state: "detached" });
  assert.equal(await widget.getByRole("group", { name: /^Om du går ut ensam/ }).getAttribute("aria-invalid"), null);
  const klotter = widget.getByRole("group", { name: "Klotter" });
  await klotter.getByRole("radio", { name: "Litet problem" }).focus();
  await page.keyboard.press("Space");
  await widget.getByLabel("Hur gammal är du? (frivilligt)").selectOption({ label: "25–44 år" });
  await page.screenshot({ path: screenshotPath("survey-form-1280x900.png"), fullPage: true });

  // The first try reaches the edge, but its reply is lost on the way back.
  let lost = 0;
  await context.route(`${EDGE}${ANSWERS}`, async (route) => {
    lost += 1;
    await route.fetch();
    await route.abort("connectionreset");
  }, { times: 1 });
  await widget.locator("#survey-send").focus();
  await page.keyboard.press("Enter");
  await widget.getByRole("alert").getByText("Svaren kunde inte skickas just nu.", { exact: false }).waitFor();
  assert.equal(lost, 1);
  assert.equal(stored().length, 1, "the edge has the answers");
  assert.equal(await widget.getByRole("radio", { name: "Ganska trygg" }).isChecked(), true, "the answers are still in the form");
  // Sent again: the same device key, so the edge counts it once, and the resident is thanked.
  await page.keyboard.press("Enter");
  const thanks = widget.getByRole("heading", { name: "Tack för dina svar!" });
  await thanks.waitFor();
  assert.equal(await focused(page), "", "focus moves to the thanks (a heading without an id)");
  assert.equal(await page.evaluate(() => document.querySelector("tryggve-survey").shadowRoot.activeElement?.tagName), "H3");
  await widget.getByText("Dina svar i omgången Våren 2027 är mottagna.", { exact: false }).waitFor();
  // The results below are asked for again, with this answer in them.
  const centrumRow = widget.getByRole("table", { name: "Trygghetsmätningen Våren 2027, per område" }).getByRole("row", { name: /^Centrum/ });
  await centrumRow.locator("td").first().getByText("1", { exact: true }).waitFor();
  const rows = stored();
  assert.equal(rows.length, 1, "counted once");
  assert.deepEqual([rows[0].area_id, rows[0].safety, rows[0].worry, JSON.parse(rows[0].problems), rows[0].age], ["centrum", "fairly_safe", null, { graffiti: "small_problem" }, "25-44"]);
  // The device's own key stays on the device; the edge keeps a hash of it.
  const kept = JSON.parse(await page.evaluate((slot) => localStorage.getItem(slot), `tryggve-survey:${TENANT}:${round.id}`));
  assert.match(kept.key, /^[0-9a-f]{32}$/);
  assert.equal(kept.answered, true);
  assert.ok(!rows[0].device_hash.includes(kept.key));
  assert.deepEqual(await axeViolations(page, [["tryggve-survey"]]), []);
  await page.screenshot({ path: screenshotPath("survey-thanks-1280.png"), fullPage: true });

  // After a reload: the thanks again, no form.
  await page.reload();
  await thanks.waitFor();
  assert.equal(await widget.locator("form").count(), 0);

  // The flag gone (another tab, say), the key kept: a second answer is refused in words, not counted.
  await page.evaluate(([slot, key]) => localStorage.setItem(slot, JSON.stringify({ key, answered: false })), [`tryggve-survey:${TENANT}:${round.id}`, kept.key]);
  await page.reload();
  await widget.getByLabel("Vilket område bor du i?").selectOption({ label: "Norra" });
  await widget.getByText("Mycket otrygg", { exact: true }).click();
  await widget.getByRole("button", { name: "Skicka svaren" }).click();
  await widget.getByText("Den här enheten har redan svarat i omgången Våren 2027, så svaren räknades inte igen.", { exact: false }).waitFor();
  assert.equal(stored().length, 1, "still one answer");
  assert.deepEqual(await context.cookies(), [], "no cookie");
  assert.deepEqual(thirdParty, [], "no request outside the edge");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a resident answers in Arabic, right to left, with the municipality's Swedish items marked as Swedish", async () => {
  const { context, page, widget, errors } = await surveyPage('lang="ar"', "#survey-send", { viewport: { width: 390, height: 844 } });
  const section = widget.locator("section.survey");
  assert.deepEqual([await section.getAttribute("lang"), await section.getAttribute("dir")], ["ar", "rtl"]);
  await widget.getByRole("heading", { name: "استطلاع الشعور بالأمان: Våren 2027" }).waitFor();
  // A problem written only in Swedish is read as Swedish.
  const littering = widget.getByRole("group", { name: "Nedskräpning" });
  assert.equal(await littering.locator("legend").getAttribute("lang"), "sv");
  await widget.getByLabel("في أي منطقة تسكن؟").selectOption({ label: "Norra" });
  await widget.getByText("غير آمن أبدًا", { exact: true }).click();
  await littering.getByText("مشكلة كبيرة جدًا", { exact: true }).click();
  assert.equal(await sideways(page).then((s) => s.by), 0, "no sideways scrolling on a phone");
  assert.deepEqual(await axeViolations(page, [["tryggve-survey"]]), []);
  await page.screenshot({ path: screenshotPath("survey-arabic-390x844.png"), fullPage: true });
  await widget.getByRole("button", { name: "إرسال الإجابات" }).click();
  await widget.getByRole("heading", { name: "شكرًا على إجاباتك!" }).waitFor();
  const rows = stored();
  assert.equal(rows.length, 2);
  assert.deepEqual([rows[1].area_id, rows[1].safety, JSON.parse(rows[1].problems), rows[1].age], ["norra", "very_unsafe", { littering: "big_problem" }, null]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the results: a chart and a table per area, figures only from 10 answers, the problems, and an area's trend across rounds", async () => {
  // Centrum: 11 more answers (12 with the first resident's), 5 very unsafe; Norra: 2 more (3).
  const answer = (area, safety, problems = {}) => ({ round: round.id, area, safety, worry: "never", problems, device: crypto.randomBytes(16).toString("hex") });
  for (let i = 0; i < 11; i++) {
    const { response } = await post(ANSWERS, answer("centrum", i < 5 ? "very_unsafe" : "very_safe", { graffiti: "big_problem" }));
    assert.equal(response.status, 201);
  }
  for (let i = 0; i < 2; i++) assert.equal((await post(ANSWERS, answer("norra", "very_safe"))).response.status, 201);
  // Last autumn's round, closed, with ten answers from Centrum, all very unsafe.
  closedRound(TENANT, "Hösten 2026");

  for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const { context, page, widget, errors, thirdParty } = await surveyPage('view="results"', "table", { viewport });
    assert.equal(await widget.locator("form").count(), 0, "the results alone");
    const table = widget.getByRole("table", { name: "Trygghetsmätningen Våren 2027, per område" });
    const cells = async (row) => (await table.getByRole("row", { name: new RegExp(`^${row}`) }).first().locator("th, td").allTextContents()).map((c) => c.trim());
    // 15 answers, 6 unsafe (5 in Centrum, the Arabic answer in Norra); graffiti 3.8, littering 4.0.
    assert.deepEqual(await cells("Hela kommunen"), ["Hela kommunen", "15", "40,0", "0,0", "3,9"]);
    assert.deepEqual(await cells("Centrum"), ["Centrum", "12", "41,7", "0,0", "3,8"]);
    assert.deepEqual(await cells("Norra"), ["Norra", "3", "För få svar", "–", "–"], "three answers: no figures");
    assert.deepEqual(await cells("Södra"), ["Södra", "0", "För få svar", "–", "–"]);
    const chart = widget.getByRole("figure", { name: "Andel som känner sig otrygga ute ensamma sent en kväll, Våren 2027" });
    const bars = await chart.getByRole("listitem").evaluateAll((items) => items.map((li) =>
      [li.querySelector(".bar-label").textContent, li.querySelector(".bar-value").textContent, li.querySelector(".bar-fill").getAttribute("width")]));
    assert.deepEqual(bars, [["Hela kommunen", "40,0 %", "40%"], ["Centrum", "41,7 %", "41.7%"], ["Norra", "För få svar", "0%"], ["Södra", "För få svar", "0%"]]);
    const problems = widget.getByRole("table", { name: "Hur stora problemen är i hela kommunen, Våren 2027 (1–4)" });
    assert.deepEqual((await problems.locator("tbody tr").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()), ["Nedskräpning4,0", "Klotter3,8"]);
    await widget.getByText("Ett område med färre än 10 svar i en omgång visar inga siffror", { exact: false }).waitFor();

    // The trend: the whole municipality, then Centrum, the older round first.
    const trend = widget.getByRole("table", { name: "Utvecklingen i Hela kommunen, omgång för omgång" });
    assert.deepEqual(await trend.locator("tbody th").allTextContents(), ["Hösten 2026", "Våren 2027"]);
    await widget.getByLabel("Område", { exact: true }).selectOption({ label: "Centrum" });
    const centrum = widget.getByRole("table", { name: "Utvecklingen i Centrum, omgång för omgång" });
    assert.deepEqual((await centrum.locator("tbody tr").allTextContents()).map((t) => t.replace(/\s+/g, " ").trim()), ["Hösten 202610100,0–", "Våren 20271241,73,8"]);
    // An earlier round chosen: its table.
    await widget.getByLabel("Omgång", { exact: true }).selectOption({ label: "Hösten 2026" });
    await widget.getByRole("table", { name: "Trygghetsmätningen Hösten 2026, per område" }).waitFor();
    await widget.getByLabel("Omgång", { exact: true }).selectOption({ label: "Våren 2027" });

    assert.equal((await sideways(page)).by, 0, `no sideways scrolling at ${name}`);
    assert.deepEqual(await axeViolations(page, [["tryggve-survey"]]), []);
    await page.screenshot({ path: screenshotPath(`survey-results-${name}.png`), fullPage: true });
    assert.deepEqual(thirdParty, []);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("a round that closes while the form is open says so, and keeps nothing", async () => {
  const { context, widget, errors } = await surveyPage("", "#survey-send");
  await widget.getByLabel("Vilket område bor du i?").selectOption({ label: "Södra" });
  await widget.getByText("Ganska otrygg", { exact: true }).click();
  const before = stored().length;
  query(`UPDATE survey_rounds SET opens_on = '${day(-3)}', closes_on = '${day(-2)}' WHERE id = ${round.id}`);
  await widget.getByRole("button", { name: "Skicka svaren" }).click();
  await widget.getByRole("alert").getByText("Omgången har stängt, så svaren kunde inte tas emot.", { exact: false }).waitFor();
  assert.equal(stored().length, before, "nothing kept");
  assert.deepEqual(errors, []);
  await context.close();
});
