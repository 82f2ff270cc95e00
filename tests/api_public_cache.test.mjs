// Public reads from the data centre's cache, in a municipality of its own ("cacheby"): the
// public map, the dialogues and a dialogue's snapshot are answered from the cache when asked
// again, yet what a moderator does (an approval, a published dialogue, an approved question) and
// a resident's own vote show at once; reads that miss the cache are limited per client, while
// what the cache holds is still served to that client.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { ask, createDialogue, dialogueAction, participant, questionAction, vote } from "./support/dialogue.mjs";

const TENANT = "cacheby";
const ADMIN = { tenant: TENANT, email: "admin@cacheby.example", password: "cacheby-admin-lösen" };

let admin;
before(async () => {
  admin = await login(ADMIN);
});

/** A public read from the address `from`: its status, body and whether the cache answered. */
async function read(path, from = "192.0.2.50") {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}${path}`, { headers: { "cf-connecting-ip": from } });
  return { status: response.status, cache: response.headers.get("x-tryggve-cache"), json: await response.json() };
}

async function fileAndApprove(description) {
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, description }));
  assert.equal(response.status, 201);
  const approved = await call(admin, "POST", `/api/v1/console/${TENANT}/reports/${json.case_number}/actions`,
    { action: "approve", publish_description: true });
  assert.equal(approved.response.status, 200);
  return json.case_number;
}

test("the cached public map changes as soon as a moderator approves a report", async () => {
  await fileAndApprove("Första lampan är trasig");
  const first = await read("/public-reports");
  assert.equal(first.status, 200);
  assert.equal(first.json.total, 1);
  const again = await read("/public-reports");
  assert.equal(again.cache, "hit", "asked again, the cache answers");
  assert.deepEqual(again.json, first.json, "with the same map");

  // A report that is only sent changes nothing residents see: the cache still answers.
  const { response } = await post("/api/v1/reports", goodReport({ tenant: TENANT, description: "Väntar" }));
  assert.equal(response.status, 201);
  assert.equal((await read("/public-reports")).cache, "hit");

  await fileAndApprove("Andra lampan är trasig");
  const after = await read("/public-reports");
  assert.equal(after.cache, "miss", "an approval starts a new generation");
  assert.equal(after.json.total, 2);
  assert.deepEqual(after.json.reports.map((r) => r.description).sort(), ["Andra lampan är trasig", "Första lampan är trasig"]);
  assert.equal((await read("/public-reports")).cache, "hit", "and the new map is cached in turn");
});

test("a published dialogue, an approved question and one's own vote show at once", async () => {
  assert.deepEqual((await read("/dialogues")).json, []);
  assert.equal((await read("/dialogues")).cache, "hit");
  const id = await createDialogue(admin, "open", { title: "Kvällarna vid torget" });
  const listed = await read("/dialogues");
  assert.equal(listed.cache, "miss");
  assert.deepEqual(listed.json.map((d) => d.title), ["Kvällarna vid torget"]);

  const empty = await read(`/dialogues/${id}`);
  assert.deepEqual(empty.json.questions, []);
  assert.equal((await read(`/dialogues/${id}`)).cache, "hit");
  const who = participant(TENANT);
  const asked = await ask(TENANT, id, who, { text: "Kan belysningen vid torget bli bättre?" });
  assert.equal(asked.response.status, 201);
  assert.equal((await read(`/dialogues/${id}`)).cache, "hit", "a question waiting for moderation shows nowhere");
  assert.equal((await questionAction(admin, id, asked.json.id, { action: "approve" })).response.status, 200);
  const approved = await read(`/dialogues/${id}`);
  assert.deepEqual(approved.json.questions.map((q) => [q.text, q.votes]), [["Kan belysningen vid torget bli bättre?", 0]]);

  assert.equal((await vote(TENANT, id, asked.json.id, participant(TENANT))).response.status, 201);
  const voted = await read(`/dialogues/${id}`);
  assert.equal(voted.cache, "miss");
  assert.equal(voted.json.questions[0].votes, 1, "a resident who votes and looks again sees the vote");

  assert.equal((await dialogueAction(admin, id, { action: "set_state", state: "closed" })).response.status, 200);
  assert.equal((await read(`/dialogues/${id}`)).json.dialogue.state, "closed");
});

test("reads that miss the cache are limited per client; what the cache holds is still served", async () => {
  const from = "198.51.100.33";
  await read("/public-reports", from); // the whole map, cached for everyone
  const viewport = (n) => `/public-reports?bbox=12.7${String(n).padStart(3, "0")},58.0,12.9,58.1&zoom=12`;
  // The limit is 100 misses per 10 s, counted in windows: the reads may straddle the end of
  // one, so up to twice the limit can pass before the first refusal (within a few seconds).
  const answers = [];
  for (let n = 0; n < 230 && !answers.some((a) => a.status === 429); n++) answers.push(await read(viewport(n), from));
  const first = answers.findIndex((a) => a.status === 429);
  assert.ok(first >= 90 && first <= 210, `the first refusal came at new viewport ${first}`);
  assert.ok(answers.slice(0, 90).every((a) => a.status === 200), "a resident panning the map is never refused");
  assert.equal(answers[first].json.error.code, "rate_limited");

  const cached = await read("/public-reports", from);
  assert.deepEqual([cached.status, cached.cache], [200, "hit"], "the cached map still reaches the limited client");
  assert.equal((await read(viewport(200), "198.51.100.34")).status, 200, "another client is not limited");
});

test("a client asking for municipalities that do not exist is limited; one that exists still answers", async () => {
  const from = "198.51.100.35";
  const config = async (tenant, address = from) => {
    const response = await fetch(`${EDGE}/api/v1/tenants/${tenant}/config`, { headers: { "cf-connecting-ip": address } });
    return { status: response.status, json: await response.json() };
  };
  assert.equal((await config(TENANT)).status, 200);
  // Each made-up name is a read of D1: counted as a miss of the cache, as new viewports are.
  const answers = [];
  for (let n = 0; n < 230 && !answers.some((a) => a.status === 429); n++) answers.push(await config(`pahittad${n}`));
  const first = answers.findIndex((a) => a.status === 429);
  assert.ok(first >= 90 && first <= 210, `the first refusal came at made-up name ${first}`);
  assert.ok(answers.slice(0, 90).every((a) => a.status === 404 && a.json.error.code === "unknown_tenant"));
  assert.equal(answers[first].json.error.code, "rate_limited");
  assert.equal((await config(TENANT)).status, 200, "the municipality the client came for still answers");
  assert.equal((await config("pahittad0", "198.51.100.36")).status, 404, "another client is not limited");
});
