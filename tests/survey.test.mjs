// The perceived-safety survey's API against the real edge, in a municipality of its own
// ("matby", the demo's areas Centrum, Norra and Södra): an admin plans a round (refused when its
// days run backwards or a problem's id repeats); residents answer the open round once per
// device (a second answer from the same device is refused and not counted), only with the
// municipality's areas and the round's problems; the results are per area with the whole
// municipality first, figures counted as NTU does, and none for an area with fewer than 10
// answers. Planning is for admins; answering and results are public. The lägesbild shows the
// latest round per area beside the reports, with the round before for comparison (Chromium).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, post } from "./support/edge.mjs";
import { closedRound, day } from "./support/survey.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { axeViolations, consoleAs, launch, screenshotPath, sideways } from "./support/browser.mjs";

const TENANT = "matby";
const ADMIN = { tenant: TENANT, email: "admin@matby.example", password: "matby-admin-lösen" };
const ROUNDS = `/api/v1/console/${TENANT}/survey-rounds`;
const ANSWERS = `/api/v1/tenants/${TENANT}/survey/answers`;
const device = () => crypto.randomBytes(16).toString("hex");

let admin;
let round;
let browser;
before(async () => {
  admin = await login(ADMIN);
  browser = await launch();
});
after(async () => { await browser?.close(); });

const standardProblems = [
  { id: "littering", text: { sv: "Nedskräpning" } },
  { id: "graffiti", text: { sv: "Klotter", en: "Graffiti" } },
];

test("an admin plans a round; a round whose days run backwards or whose problems repeat is refused", async () => {
  const none = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/survey`)).json();
  assert.deepEqual(none, { round: null }, "no round yet");
  const plan = { name: " Våren  2027 ", opens_on: day(-1), closes_on: day(30), questions: { problems: standardProblems, ask_age: true } };
  for (const [change, field, code] of [
    [{ closes_on: day(-2) }, "closes_on", "invalid_date"],
    [{ opens_on: "1 mars" }, "opens_on", "invalid_date"],
    [{ name: "" }, "name", "required"],
    [{ questions: { problems: [standardProblems[0], standardProblems[0]] } }, "questions.problems.id", "invalid_choice"],
    [{ questions: { problems: [] } }, "questions.problems", "required"],
  ]) {
    const refused = await call(admin, "POST", ROUNDS, { ...plan, ...change });
    assert.equal(refused.response.status, 422, JSON.stringify(change));
    assert.deepEqual([refused.json.error.field, refused.json.error.code], [field, code]);
  }
  const added = await call(admin, "POST", ROUNDS, plan);
  assert.equal(added.response.status, 201, added.text);
  round = added.json;
  assert.equal(round.name, "Våren 2027", "the name on one line");
  assert.deepEqual((await call(admin, "GET", ROUNDS)).json.map((r) => r.id), [round.id]);
  const open = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/survey`)).json();
  assert.equal(open.round.id, round.id);
  assert.deepEqual(open.round.questions.problems.map((p) => p.id), ["littering", "graffiti"]);

  // Planning is for admins; reading the rounds for the municipality's moderators.
  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "POST", "/api/v1/console/demo/survey-rounds", plan)).response.status, 403);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/survey-rounds")).response.status, 200);
  assert.equal((await fetch(`${EDGE}${ROUNDS}`)).status, 401);
});

test("residents answer once per device; bad answers get a 422 naming the field and are not counted", async () => {
  const answer = (overrides = {}) => ({
    round: round.id, area: "centrum", safety: "very_unsafe", worry: "very_often",
    problems: { graffiti: "big_problem" }, age: "25-44", device: device(), ...overrides,
  });
  // Centrum: 12 answers, half of them unsafe, three who worry often.
  for (let i = 0; i < 12; i++) {
    const { response, json } = await post(ANSWERS, answer({ safety: i < 6 ? "very_unsafe" : "very_safe", worry: i < 3 ? "very_often" : "never" }));
    assert.equal(response.status, 201, JSON.stringify(json));
    assert.deepEqual(json, { round: round.id });
  }
  // Norra: 9, all feeling safe, graffiti no problem.
  for (let i = 0; i < 9; i++) {
    const { response } = await post(ANSWERS, answer({ area: "norra", safety: "very_safe", worry: null, problems: { graffiti: "no_problem" }, age: null }));
    assert.equal(response.status, 201);
  }
  const mine = device();
  assert.equal((await post(ANSWERS, answer({ device: mine }))).response.status, 201);
  const again = await post(ANSWERS, answer({ device: mine, safety: "very_safe" }));
  assert.equal(again.response.status, 422);
  assert.deepEqual([again.json.error.field, again.json.error.code], ["device", "already_exists"]);
  for (const [change, field, code] of [
    [{ area: "mars" }, "area", "invalid_choice"],
    [{ safety: null }, "safety", "required"],
    [{ problems: { ufo: "big_problem" } }, "problems", "invalid_choice"],
    [{ round: round.id + 1000 }, "round", "invalid_choice"],
    [{ device: "abc" }, "device", "required"],
  ]) {
    const refused = await post(ANSWERS, answer(change));
    assert.equal(refused.response.status, 422, JSON.stringify(change));
    assert.deepEqual([refused.json.error.field, refused.json.error.code], [field, code], JSON.stringify(change));
  }
  const unknownScale = await post(ANSWERS, answer({ safety: "somewhat" }));
  assert.equal(unknownScale.response.status, 400, "not one of the scale's answers: unreadable JSON, a 4xx");
  assert.equal((await post(`/api/v1/tenants/nowhere/survey/answers`, answer())).response.status, 404);
});

test("results per area, the whole municipality first; an area under 10 answers shows no figures", async () => {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/survey/results`);
  assert.equal(response.status, 200);
  const [latest] = await response.json();
  assert.equal(latest.round.id, round.id);
  const by = Object.fromEntries(latest.results.map((r) => [r.area, r]));
  assert.deepEqual(latest.results.map((r) => [r.area, r.answers]), [["*", 22], ["centrum", 13], ["norra", 9], ["sodra", 0]]);
  // Centrum: 7 of 13 unsafe (the device that answered twice counts once, as its first answer).
  assert.equal(by.centrum.figures.unsafe_share, 53.8);
  assert.equal(by.centrum.figures.worried_share, 30.8, "4 of 13 worry very often");
  const graffiti = by.centrum.figures.problems.find((p) => p.item === "graffiti");
  assert.deepEqual([graffiti.answers, graffiti.index], [13, 4]);
  assert.equal(by.centrum.figures.problems.find((p) => p.item === "littering").index, null);
  assert.equal(by.norra.figures, null, "nine answers: suppressed");
  assert.equal(by.sodra.figures, null);
  // The whole: 7 of 22 unsafe; graffiti (13 × 4 + 9 × 1) / 22.
  assert.equal(by["*"].figures.unsafe_share, 31.8);
  assert.equal(by["*"].figures.problem_index, 2.8);
});

test("the lägesbild shows the latest round per area beside the reports, and the round before", async () => {
  // Last autumn's round, closed, with ten answers from Centrum, all feeling very unsafe.
  closedRound(TENANT, "Hösten 2026");

  for (const [name, viewport] of [["1280x900", { width: 1280, height: 900 }], ["1920x1080", { width: 1920, height: 1080 }], ["390x844", { width: 390, height: 844 }]]) {
    const { context, page, errors } = await consoleAs(browser, ADMIN, viewport);
    await page.locator("nav.pages").getByRole("button", { name: "Lägesbild", exact: true }).click();
    const table = page.getByRole("table", { name: "Trygghetsmätningen Våren 2027, per område" });
    await table.waitFor();
    const cells = async (row) => (await table.getByRole("row", { name: new RegExp(`^${row}`) }).first().locator("th, td").allTextContents()).map((c) => c.trim());
    assert.deepEqual(await cells("Hela kommunen"), ["Hela kommunen", "22", "31,8", "30,8", "2,8", "100,0"]);
    assert.deepEqual(await cells("Centrum"), ["Centrum", "13", "53,8", "30,8", "4,0", "100,0"]);
    assert.deepEqual(await cells("Norra"), ["Norra", "9", "–", "–", "–", "–"], "nine answers: no figures");
    assert.ok((await table.locator("th").allTextContents()).includes("Otrygga, Hösten 2026 (%)"));
    assert.equal((await sideways(page)).by, 0, `no sideways scrolling at ${name}`);
    if (name === "1280x900") assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await table.scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`console-survey-lagesbild-${name}.png`) });
    assert.deepEqual(errors, []);
    await context.close();
  }
});
