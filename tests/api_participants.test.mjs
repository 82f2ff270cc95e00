// Participant codes are issued by the edge, under a per-client limit, and only issued codes
// count: a client that makes codes up cannot vote as hundreds of residents.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, SECRETS, query } from "./support/edge.mjs";
import { ACCOUNTS, login } from "./support/console.mjs";
import {
  ask, createDialogue, madeUpParticipant, mine, participant, questionAction, signedParticipant, vote,
} from "./support/dialogue.mjs";

let moderator;
let dialogue;
let question;
before(async () => {
  moderator = await login(ACCOUNTS.moderator);
  dialogue = await createDialogue(moderator, "live", { title: "Dialog om röstfusk" });
  const asked = await ask("demo", dialogue, participant(), { text: "Kan parken få belysning?" });
  assert.equal(asked.response.status, 201, JSON.stringify(asked.json));
  question = asked.json.id;
  assert.equal((await questionAction(moderator, dialogue, question, { action: "approve" })).response.status, 200);
});

/** Asks the edge for a participant code as the client at `address`. */
async function issue(tenant, address) {
  const response = await fetch(`${EDGE}/api/v1/tenants/${tenant}/participants`, {
    method: "POST",
    headers: { "cf-connecting-ip": address },
  });
  return { response, json: await response.json() };
}

const votesOf = (id) => query(`SELECT COUNT(*) AS n FROM question_votes WHERE question_id = ${id}`)[0].n;

test("500 made-up participant codes count 0 votes, ask nothing and read nothing", async () => {
  const codes = Array.from({ length: 500 }, madeUpParticipant);
  const statuses = new Map();
  for (let start = 0; start < codes.length; start += 25) {
    const batch = codes.slice(start, start + 25).map((code) => vote("demo", dialogue, question, code));
    for (const { response, json } of await Promise.all(batch)) {
      const key = `${response.status} ${json.error?.code}`;
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    }
  }
  assert.deepEqual([...statuses], [["401 missing_participant", 500]]);
  assert.equal(votesOf(question), 0, "no vote was counted");

  const asked = await ask("demo", dialogue, codes[0], { text: "Fråga med påhittad kod" });
  assert.equal(asked.response.status, 401);
  assert.equal(asked.json.error.code, "missing_participant");
  assert.match(asked.json.error.message, /participants/, "says where a code is issued");
  assert.equal(query(`SELECT COUNT(*) AS n FROM questions WHERE text = 'Fråga med påhittad kod'`)[0].n, 0);
  assert.equal((await mine("demo", dialogue, codes[1])).response.status, 401);
});

test("an issued code votes once, is the edge's own signature, and is bound to its municipality", async () => {
  const { response, json } = await issue("demo", "198.51.100.21");
  assert.equal(response.status, 201, JSON.stringify(json));
  assert.match(json.code, /^[0-9a-f]{32}$/);
  assert.equal(json.code, signedParticipant(SECRETS.PARTICIPANT_KEY, "demo", json.code.slice(0, 16)),
    "the tests' own codes are made exactly as the edge makes them");
  assert.notEqual((await issue("demo", "198.51.100.21")).json.code, json.code, "a new code each time");
  assert.equal(query("SELECT COUNT(*) AS n FROM question_votes WHERE participant_hash = ''")[0].n, 0);

  assert.equal((await vote("demo", dialogue, question, json.code)).response.status, 201);
  assert.equal(votesOf(question), 1);
  const again = await vote("demo", dialogue, question, json.code);
  assert.equal(again.json.error.code, "already_voted");
  assert.equal(votesOf(question), 1);

  const foreign = (await issue("grannby", "198.51.100.21")).json.code;
  const elsewhere = await vote("demo", dialogue, question, foreign);
  assert.equal(elsewhere.response.status, 401, "a code of another municipality's does not count here");
  const altered = json.code.slice(0, 31) + (json.code.endsWith("0") ? "1" : "0");
  assert.equal((await vote("demo", dialogue, question, altered)).response.status, 401, "nor an altered one");
  assert.equal(votesOf(question), 1);
});

test("codes are handed out under the municipality's per-client limit", async () => {
  // strikt gives two participant codes an hour per client.
  const statuses = [];
  let refused;
  for (let i = 0; i < 3; i++) {
    const issued = await issue("strikt", "203.0.113.77");
    statuses.push(issued.response.status);
    if (issued.response.status === 429) refused = issued;
  }
  assert.deepEqual(statuses, [201, 201, 429]);
  assert.equal(refused.json.error.code, "rate_limited");
  assert.ok(Number(refused.response.headers.get("retry-after")) > 0);
  assert.equal((await issue("strikt", "203.0.113.78")).response.status, 201, "another client still gets one");
  assert.equal((await issue("nowhere", "203.0.113.79")).response.status, 404, "an unknown municipality has none");
});
