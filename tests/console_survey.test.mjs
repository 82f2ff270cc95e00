// The console's safety survey page, in Chromium against the real edge, in a municipality of its
// own ("planby"): an admin plans the first round from the police's usual problems (one reworded,
// one removed, one added by keyboard; the ids of those kept stay, the new one gets its own), a
// round whose days run backwards is refused with focus on the field; the next plan starts from
// the round just planned. The page shows each area's unsafe share round by round and how an area
// felt before and after a measure done there. A moderator who is not an admin sees the results
// but cannot plan.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, post, query } from "./support/edge.mjs";
import { closedRound, day } from "./support/survey.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "planby";
const ADMIN = { tenant: TENANT, email: "admin@planby.example", password: "planby-admin-lösen" };

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const openSurveyPage = async (account, viewport = { width: 1280, height: 900 }) => {
  const opened = await consoleAs(browser, account, viewport);
  await opened.page.locator("nav.pages").getByRole("button", { name: "Trygghetsmätning", exact: true }).click();
  await opened.page.getByRole("heading", { name: "Trygghetsmätning", level: 1 }).waitFor();
  return opened;
};

test("an admin plans a round from the usual problems: ids kept, a new one made, a backwards round refused", async () => {
  const { context, page, errors } = await openSurveyPage(ADMIN);
  const rounds = page.getByRole("table", { name: "Omgångar" });
  await rounds.getByText("Ingen omgång är planerad ännu.").waitFor();
  const plan = page.getByRole("form", { name: "Planera en omgång" });
  await plan.getByLabel("Problem 1 på svenska").waitFor();
  assert.equal(await plan.getByLabel("Problem 1 på svenska").inputValue(), "Nedskräpning");
  assert.equal(await plan.getByLabel("Problem 7 på svenska").inputValue(), "Otrygga platser, till exempel mörka gångtunnlar");

  await plan.getByLabel("Namn, till exempel Våren 2027").fill("Våren 2027");
  await plan.getByLabel("Öppnar").fill(day(5));
  await plan.getByLabel("Stänger").fill(day(1));
  await plan.getByLabel("Problem 2 på svenska").fill("Klotter och tags");
  await plan.getByRole("button", { name: "Ta bort problem 7" }).click();
  // Focus stays in the plan, on the button that adds one (after the list is drawn again).
  await page.waitForFunction(() => document.activeElement?.id === "round-add-problem");
  // A new problem by keyboard: the button, then its field has focus.
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement?.id === "round-problem-6");
  await page.keyboard.type("Mörka gångtunnlar");
  // The days run backwards: refused, said, and the closing day has focus.
  await plan.getByRole("button", { name: "Planera omgången" }).click();
  await plan.getByRole("status").getByText("Stänger kan inte vara före Öppnar.").waitFor();
  await page.waitForFunction(() => document.activeElement?.id === "round-closes");
  assert.equal(query(`SELECT COUNT(*) AS n FROM survey_rounds WHERE tenant_id = '${TENANT}'`)[0].n, 0);

  await plan.getByLabel("Öppnar").fill(day(-1));
  await plan.getByLabel("Stänger").fill(day(30));
  await plan.getByRole("button", { name: "Planera omgången" }).click();
  await plan.getByRole("status").getByText("Omgången Våren 2027 är planerad.").waitFor();
  const row = rounds.getByRole("row", { name: /^Våren 2027/ });
  await row.locator("td").last().getByText("0", { exact: true }).waitFor();
  const cells = (await row.locator("th, td").allTextContents()).map((c) => c.trim());
  assert.equal(cells[0], "Våren 2027");
  assert.match(cells[1], /^\d{1,2} \p{L}+\.? \d{4} – \d{1,2} \p{L}+\.? \d{4}$/u, "days in words");
  assert.deepEqual(cells.slice(2), ["Pågår", "7", "0"]);

  const admin = await login(ADMIN);
  const [stored] = (await call(admin, "GET", `/api/v1/console/${TENANT}/survey-rounds`)).json;
  assert.deepEqual(stored.questions.problems.map((p) => p.id),
    ["littering", "graffiti", "vandalism", "drug_dealing", "intoxicated_people", "reckless_driving", "morka_gangtunnlar"]);
  assert.deepEqual(stored.questions.problems[1].text, { sv: "Klotter och tags", en: "Graffiti" }, "reworded, its id and English kept");
  assert.deepEqual(stored.questions.problems[6].text, { sv: "Mörka gångtunnlar" });
  const audited = query(`SELECT COUNT(*) AS n FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'survey.round.add'`);
  assert.equal(audited[0].n, 1, "the plan is in the audit log");
  // The next plan starts from this round.
  await page.reload();
  await page.getByRole("heading", { name: "Trygghetsmätning", level: 1 }).waitFor();
  await plan.getByLabel("Problem 7 på svenska").waitFor();
  assert.equal(await plan.getByLabel("Problem 2 på svenska").inputValue(), "Klotter och tags");
  assert.equal(await plan.getByLabel("Problem 7 på svenska").inputValue(), "Mörka gångtunnlar");
  assert.deepEqual(errors, []);
  await context.close();
});

test("each area round by round, and before and after a measure done there; a moderator sees them but cannot plan", async () => {
  const admin = await login(ADMIN);
  const [round] = (await call(admin, "GET", `/api/v1/console/${TENANT}/survey-rounds`)).json;
  // This round: ten answers from Centrum, four feeling unsafe.
  for (let i = 0; i < 10; i++) {
    const answer = { round: round.id, area: "centrum", safety: i < 4 ? "fairly_unsafe" : "fairly_safe", device: crypto.randomBytes(16).toString("hex") };
    assert.equal((await post(`/api/v1/tenants/${TENANT}/survey/answers`, answer)).response.status, 201);
  }
  // Last autumn's round, closed: ten from Centrum, all very unsafe.
  closedRound(TENANT, "Hösten 2026");
  // Between them, new lighting in Centrum; and one in Norra, with no answers there.
  for (const [title, area] of [["Ny belysning vid Ågatan", "centrum"], ["Ny belysning i Norra", "norra"]]) {
    const added = await call(admin, "POST", `/api/v1/console/${TENANT}/measures`, { title, kind: "lighting", status: "done", area, done_on: day(-60) });
    assert.equal(added.response.status, 201, added.text);
  }

  for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const { context, page, errors } = await openSurveyPage(ADMIN, viewport);
    const trends = page.getByRole("table", { name: "Otrygga ute sent (%), per område och omgång" });
    await trends.getByRole("row", { name: /^Centrum/ }).waitFor();
    const cells = async (table, row) => (await table.getByRole("row", { name: new RegExp(`^${row}`) }).first().locator("th, td").allTextContents()).map((c) => c.trim());
    assert.deepEqual(await cells(trends, "Område"), ["Område", "Hösten 2026", "Våren 2027"]);
    assert.deepEqual(await cells(trends, "Hela kommunen"), ["Hela kommunen", "100,0", "40,0"]);
    assert.deepEqual(await cells(trends, "Centrum"), ["Centrum", "100,0", "40,0"]);
    assert.deepEqual(await cells(trends, "Norra"), ["Norra", "–", "–"]);
    const compared = page.getByRole("table", { name: "Före och efter åtgärder och trygghetsvandringar" });
    const centrum = await cells(compared, "Åtgärd: Ny belysning vid Ågatan");
    assert.deepEqual([centrum[1], centrum[3], centrum[4]], ["Centrum", "Hösten 2026: 100,0", "Våren 2027: 40,0"]);
    const norra = await cells(compared, "Åtgärd: Ny belysning i Norra");
    assert.equal(norra[3], "Ingen omgång med minst 10 svar både före och efter ännu");
    assert.equal((await sideways(page)).by, 0, `no sideways scrolling at ${name}`);
    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await page.screenshot({ path: screenshotPath(`console-survey-${name}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  }

  // A moderator (the demo's) has the page, without the plan.
  const { context, page } = await openSurveyPage(ACCOUNTS.moderator);
  await page.getByRole("table", { name: "Omgångar" }).waitFor();
  assert.equal(await page.getByRole("form", { name: "Planera en omgång" }).count(), 0);
  await context.close();
});
