// The perceived-safety survey's API against the real edge, in a municipality of its own
// ("matby", the demo's areas Centrum, Norra and Södra): an admin plans a round (refused when its
// days run backwards or a problem's id repeats); residents answer the open round once per
// device (a second answer from the same device is refused and not counted), only with the
// municipality's areas and the round's problems; the results are per area with the whole
// municipality first, figures counted as NTU does, and none for an area with fewer than 10
// answers. Planning is for admins; answering and results are public.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, post } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "matby";
const ADMIN = { tenant: TENANT, email: "admin@matby.example", password: "matby-admin-lösen" };
const ROUNDS = `/api/v1/console/${TENANT}/survey-rounds`;
const ANSWERS = `/api/v1/tenants/${TENANT}/survey/answers`;
const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const device = () => crypto.randomBytes(16).toString("hex");

let admin;
let round;
before(async () => { admin = await login(ADMIN); });

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
