// Trygghetsdialog through the API: a dialogue's life, questions under pre-moderation, one vote
// per participant even under concurrency, merging, answers, minutes, and the live room.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { randomBytes } from "node:crypto";
import { EDGE, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { readSpreadsheetBytes, records } from "./support/spreadsheet.mjs";
import {
  ask, createDialogue, dialogueAction, dialogueDetails, mine, participant, questionAction, snapshot, vote,
} from "./support/dialogue.mjs";

let moderator;
let responder;
before(async () => {
  moderator = await login(ACCOUNTS.moderator);
  responder = await login(ACCOUNTS.responder);
});

/** Asks a question as `who` and approves it; returns its id. */
async function approvedQuestion(id, who = participant(), text = "Kan det bli ljusare vid stationen?") {
  const asked = await ask("demo", id, who, { text });
  assert.equal(asked.response.status, 201, JSON.stringify(asked.json));
  const approved = await questionAction(moderator, id, asked.json.id, { action: "approve" });
  assert.equal(approved.response.status, 200, approved.text);
  return asked.json.id;
}

test("a draft is invisible to residents until it is opened", async () => {
  const id = await createDialogue(moderator, "draft", { title: "Utkast till dialog" });
  const created = query(`SELECT action, after FROM audit_log WHERE subject = 'dialogue:${id}' AND action = 'dialogue.create'`);
  assert.equal(created.length, 1, "created, and on the record under its own id");
  assert.match(created[0].after, /Utkast till dialog/);
  assert.equal((await snapshot("demo", id)).response.status, 404);
  const listed = await (await fetch(`${EDGE}/api/v1/tenants/demo/dialogues`)).json();
  assert.ok(!listed.some((d) => d.id === id), "not listed");
  assert.equal((await ask("demo", id, participant(), { text: "Hej?" })).response.status, 404);

  await dialogueAction(moderator, id, { action: "set_state", state: "open" });
  const { response, json } = await snapshot("demo", id);
  assert.equal(response.status, 200);
  assert.equal(json.dialogue.title, "Utkast till dialog");
  assert.equal(json.dialogue.state, "open");
  assert.deepEqual(json.dialogue.panel, [{ name: "Anna Ek", title: "Kommunpolis" }]);
  assert.deepEqual(json.questions, []);
});

test("a draft cannot be closed: it was never public (closing would publish it)", async () => {
  const id = await createDialogue(moderator, "draft");
  const closing = await dialogueAction(moderator, id, { action: "set_state", state: "closed" });
  assert.equal(closing.response.status, 422, closing.text);
  assert.equal((await snapshot("demo", id)).response.status, 404, "still invisible to residents");
});

test("dialogue details are validated and only moderators create dialogues", async () => {
  const bad = [
    [{ title: " " }, "title", "required"],
    [{ stream_url: "javascript:alert(1)" }, "stream_url", "invalid_choice"],
    [{ ends_at: "2026-12-01T17:00" }, "ends_at", "invalid_date"],
    [{ starts_at: "1 december" }, "starts_at", "invalid_date"],
  ];
  for (const [overrides, field, code] of bad) {
    const { response, json } = await call(moderator, "POST", "/api/v1/console/demo/dialogues", dialogueDetails(overrides));
    assert.equal(response.status, 422, JSON.stringify(overrides));
    assert.deepEqual([json.error.field, json.error.code], [field, code]);
  }
  const { response } = await call(responder, "POST", "/api/v1/console/demo/dialogues", dialogueDetails());
  assert.equal(response.status, 403);
  const id = await createDialogue(moderator, "draft");
  const moves = await dialogueAction(moderator, id, { action: "set_state", state: "live" });
  assert.equal(moves.response.status, 422, "a draft is opened before it goes live");
  assert.equal(moves.json.error.code, "invalid_transition");
});

test("a question waits for moderation, seen only by its author, then is published as edited", async () => {
  const id = await createDialogue(moderator, "open");
  const author = participant();
  const noCode = await ask("demo", id, null, { text: "Hej?" });
  assert.equal(noCode.response.status, 401);
  assert.equal(noCode.json.error.code, "missing_participant");
  const empty = await ask("demo", id, author, { text: "  " });
  assert.deepEqual([empty.response.status, empty.json.error.field, empty.json.error.code], [422, "text", "required"]);
  const long = await ask("demo", id, author, { text: "å".repeat(501) });
  assert.equal(long.json.error.code, "too_long");
  const trapped = await ask("demo", id, author, { text: "Köp billigt!", website: "https://spam.example" });
  assert.deepEqual([trapped.response.status, trapped.json.error.field, trapped.json.error.code], [422, "website", "automated"]);

  const original = "Min granne Per Persson på Storgatan 3 är läskig, vad gör ni?";
  const asked = await ask("demo", id, author, { text: original, display_name: "Kim" });
  assert.equal(asked.response.status, 201);
  assert.equal(asked.json.status, "pending");
  assert.deepEqual((await snapshot("demo", id)).json.questions, [], "not public while pending");
  const own = await mine("demo", id, author);
  assert.deepEqual(own.json.questions.map((q) => [q.id, q.status]), [[asked.json.id, "pending"]]);
  assert.deepEqual((await mine("demo", id, participant())).json.questions, [], "nobody else sees it");

  const edited = "Vad gör ni åt otryggheten på Storgatan?";
  const approved = await questionAction(moderator, id, asked.json.id, { action: "approve", text: edited, hide_name: true });
  assert.equal(approved.response.status, 200);
  const [shown] = (await snapshot("demo", id)).json.questions;
  assert.equal(shown.text, edited);
  assert.equal(shown.display_name, null, "the name was hidden");
  assert.equal((await mine("demo", id, author)).json.questions[0].status, "approved");
  const [audited] = query(`SELECT before, after FROM audit_log WHERE action = 'question.approve' AND subject = 'dialogue:${id}/question:${asked.json.id}'`);
  assert.ok(audited.before.includes("Per Persson") && !audited.after.includes("Per Persson"), "the original only in the log");
});

test("a rejected question tells its author why, and questions for reports' reasons are refused", async () => {
  const id = await createDialogue(moderator, "open");
  const author = participant();
  const { json } = await ask("demo", id, author, { text: "Något helt annat än trygghet" });
  const outside = await questionAction(moderator, id, json.id, { action: "reject", reason: "outside_municipality" });
  assert.equal(outside.response.status, 422);
  await questionAction(moderator, id, json.id, { action: "reject", reason: "off_topic" });
  const [own] = (await mine("demo", id, author)).json.questions;
  assert.deepEqual([own.status, own.rejection_reason], ["rejected", "off_topic"]);
  assert.deepEqual((await snapshot("demo", id)).json.questions, []);
});

test("a retried question is stored once, and its key is not another participant's to use", async () => {
  const id = await createDialogue(moderator, "open");
  const author = participant();
  const body = { text: "Kommer fler kameror?", idempotency_key: randomBytes(12).toString("hex") };
  const first = await ask("demo", id, author, body);
  const again = await ask("demo", id, author, body);
  assert.deepEqual([first.response.status, again.response.status], [201, 200]);
  assert.equal(again.json.id, first.json.id);
  const stranger = await ask("demo", id, participant(), body);
  assert.equal(stranger.response.status, 409);
  assert.equal(query(`SELECT COUNT(*) AS n FROM questions WHERE dialogue_id = ${id}`)[0].n, 1);
});

test("votes: one per participant and question, exact under concurrency", async () => {
  const id = await createDialogue(moderator, "live");
  const question = await approvedQuestion(id);
  const voters = Array.from({ length: 30 }, participant);
  // Every participant votes twice at the same moment: exactly one of each pair counts.
  const answers = await Promise.all(voters.flatMap((who) => [vote("demo", id, question, who), vote("demo", id, question, who)]));
  const statuses = answers.map((a) => a.response.status);
  assert.equal(statuses.filter((s) => s === 201).length, 30, statuses.join(","));
  assert.equal(statuses.filter((s) => s === 409).length, 30);
  assert.ok(answers.filter((a) => a.response.status === 409).every((a) => a.json.error.code === "already_voted"));
  const [shown] = (await snapshot("demo", id)).json.questions;
  assert.equal(shown.votes, 30);
  assert.equal(query(`SELECT COUNT(*) AS n FROM question_votes WHERE question_id = ${question}`)[0].n, 30);
  assert.deepEqual((await mine("demo", id, voters[0])).json.votes, [question]);

  const pending = await ask("demo", id, participant(), { text: "Inte granskad än" });
  assert.equal((await vote("demo", id, pending.json.id, participant())).response.status, 404, "only public questions");
  assert.equal((await vote("demo", id, question, null)).response.status, 401);
  // Made-up codes that are no random codes do not vote.
  for (const madeUp of ["0".repeat(32), "ab".repeat(16), "01234".repeat(6) + "01"]) {
    assert.equal((await vote("demo", id, question, madeUp)).response.status, 401, madeUp);
  }
  await dialogueAction(moderator, id, { action: "set_state", state: "closed" });
  const late = await vote("demo", id, question, participant());
  assert.deepEqual([late.response.status, late.json.error.code], [409, "dialogue_not_open"]);
  const lateQuestion = await ask("demo", id, participant(), { text: "För sent?" });
  assert.equal(lateQuestion.response.status, 409);
});

test("merging duplicates adds their votes up, each voter once", async () => {
  const id = await createDialogue(moderator, "live");
  const kept = await approvedQuestion(id, participant(), "Belysning vid stationen?");
  const duplicate = await approvedQuestion(id, participant(), "Varför är stationen så mörk?");
  const [a, b, c] = [participant(), participant(), participant()];
  for (const [who, q] of [[a, kept], [b, kept], [b, duplicate], [c, duplicate]]) {
    assert.equal((await vote("demo", id, q, who)).response.status, 201);
  }
  const merged = await questionAction(moderator, id, duplicate, { action: "merge_into", into: kept });
  assert.equal(merged.response.status, 200, merged.text);
  assert.equal(merged.json.status, "merged");
  const { questions } = (await snapshot("demo", id)).json;
  assert.deepEqual(questions.map((q) => [q.id, q.votes]), [[kept, 3]]);
  const self = await questionAction(moderator, id, kept, { action: "merge_into", into: kept });
  assert.equal(self.response.status, 422);
});

test("responders answer and mark; they cannot moderate, and see only public questions", async () => {
  const id = await createDialogue(moderator, "live");
  const question = await approvedQuestion(id);
  const waiting = await ask("demo", id, participant(), { text: "Väntande fråga med Per Persson" });
  const denied = await questionAction(responder, id, waiting.json.id, { action: "approve" });
  assert.equal(denied.response.status, 403);
  const seen = await call(responder, "GET", `/api/v1/console/demo/dialogues/${id}`);
  assert.deepEqual(seen.json.questions.map((q) => q.id), [question], "no pending questions for responders");

  assert.equal((await dialogueAction(responder, id, { action: "now_answering", question })).response.status, 200);
  assert.equal((await snapshot("demo", id)).json.dialogue.now_answering, question);
  const notPublic = await dialogueAction(responder, id, { action: "now_answering", question: waiting.json.id });
  assert.equal(notPublic.response.status, 422);
  const answer = await questionAction(responder, id, question, {
    action: "answer", text: "Vi byter armaturerna i tunneln i mars.", title: "Gatuchef",
  });
  assert.equal(answer.response.status, 200, answer.text);
  const after = (await snapshot("demo", id)).json;
  const [shown] = after.questions;
  assert.ok(shown.answered_at, "answered");
  assert.equal(after.dialogue.now_answering, null, "an answered question is no longer the one being answered");
  assert.deepEqual(shown.answers.map((a) => [a.responder_name, a.responder_title, a.text]),
    [[responder.info.name, "Gatuchef", "Vi byter armaturerna i tunneln i mars."]]);
  // Marked answered aloud (without a written answer) clears the mark too.
  const second = await approvedQuestion(id, participant(), "Och busshållplatsen?");
  await dialogueAction(responder, id, { action: "now_answering", question: second });
  assert.equal((await questionAction(responder, id, second, { action: "mark_answered" })).response.status, 200);
  assert.equal((await snapshot("demo", id)).json.dialogue.now_answering, null);
  assert.equal((await dialogueAction(responder, id, { action: "set_state", state: "closed" })).response.status, 403);
  assert.equal((await call(responder, "GET", `/api/v1/console/demo/dialogues/${id}/minutes.md`)).response.status, 403);
});

test("a written answer is signed by the panel member who answers, never by someone off the panel", async () => {
  const id = await createDialogue(moderator, "live");
  const question = await approvedQuestion(id);
  const stranger = await questionAction(moderator, id, question, { action: "answer", text: "Ja.", panelist: "Någon Annan" });
  assert.equal(stranger.response.status, 422, stranger.text);
  assert.deepEqual([stranger.json.error.field, stranger.json.error.code], ["panelist", "invalid_choice"]);
  const byAnna = await questionAction(moderator, id, question, { action: "answer", text: "Vi ser över det.", panelist: "Anna Ek" });
  assert.equal(byAnna.response.status, 200, byAnna.text);
  const [answer] = (await snapshot("demo", id)).json.questions.find((q) => q.id === question).answers;
  assert.deepEqual([answer.responder_name, answer.responder_title, answer.text], ["Anna Ek", "Kommunpolis", "Vi ser över det."]);
  // Who typed it stays on the record.
  const [typed] = query(`SELECT a.moderator_id = m.id AS typist FROM answers a JOIN moderators m ON m.email = 'moderator@demo.tryggve.se' WHERE a.question_id = ${question}`);
  assert.equal(typed.typist, 1);
});

test("the minutes export questions, votes, times and answers as Markdown and CSV", async () => {
  const id = await createDialogue(moderator, "live", { title: "Protokollförd dialog" });
  const question = await approvedQuestion(id, participant(), "Blir det fler väktare i höst?");
  await vote("demo", id, question, participant());
  await questionAction(moderator, id, question, { action: "answer", text: "Ja, två till.", title: "Säkerhetssamordnare" });
  const rejected = await ask("demo", id, participant(), { text: "Skräp" });
  await questionAction(moderator, id, rejected.json.id, { action: "reject", reason: "offensive" });
  await dialogueAction(moderator, id, { action: "set_state", state: "closed" });

  const md = await call(moderator, "GET", `/api/v1/console/demo/dialogues/${id}/minutes.md`);
  assert.equal(md.response.status, 200);
  assert.match(md.response.headers.get("content-type"), /text\/markdown/);
  assert.match(md.response.headers.get("content-disposition"), /attachment; filename="dialog-\d+-protokoll\.md"/);
  assert.match(md.text, /^# Protokollförd dialog\n/);
  assert.match(md.text, /### 1\. Blir det fler väktare i höst\?\n/);
  assert.match(md.text, /- Röster: 1\n/);
  assert.ok(md.text.includes(`**${moderator.info.name}, Säkerhetssamordnare** (`), md.text);
  assert.ok(md.text.includes("Ja, två till."));
  assert.ok(!md.text.includes("Skräp"), "rejected questions are not in the public record");

  assert.match(md.text, /\(\d{1,2} [a-zåäö]+\.? \d{4} kl\. \d{2}:\d{2}\):/, "answers in Stockholm time, in words");

  // The minutes as a spreadsheet program in Swedish reads them.
  const bare = await fetch(`${EDGE}/api/v1/console/demo/dialogues/${id}/minutes.csv`, { headers: { cookie: moderator.cookie } });
  assert.equal(bare.status, 403, "the minutes need the session's CSRF token too");
  const csv = await fetch(`${EDGE}/api/v1/console/demo/dialogues/${id}/minutes.csv`, { headers: { cookie: moderator.cookie, "x-csrf-token": moderator.csrf } });
  assert.equal(csv.status, 200);
  assert.equal(csv.headers.get("content-type"), "text/csv; charset=utf-8");
  const minutes = readSpreadsheetBytes(await csv.arrayBuffer(), "csv");
  assert.ok(minutes.bom, "a byte-order mark, so that Excel reads UTF-8");
  assert.deepEqual(minutes.rows[0], ["Fråga nr", "Status", "Ställd", "Namn", "Fråga", "Röster", "Besvarad", "Svarande", "Titel", "Svar"]);
  const rows = records(minutes);
  const row = rows.find((r) => r["Fråga nr"] === String(question));
  assert.equal(row["Status"], "Publicerad");
  assert.equal(row["Fråga"], "Blir det fler väktare i höst?");
  assert.equal(row["Röster"], "1");
  assert.match(row["Ställd"], /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, "local time as Excel reads a date");
  assert.deepEqual([row["Svarande"], row["Titel"], row["Svar"]], [moderator.info.name, "Säkerhetssamordnare", "Ja, två till."]);
  const turnedDown = rows.find((r) => r["Fråga nr"] === String(rejected.json.id));
  assert.equal(turnedDown["Status"], "Avvisad: Kränkande");
  // Counted, but its words were never public and stay out of the record.
  assert.equal(turnedDown["Fråga"], "(texten visas inte: aldrig publicerad)");
  assert.equal(turnedDown["Namn"], "");

  // Taking the minutes is on the record, once per download (newest first).
  const admin = await login(ACCOUNTS.admin);
  const { json: audit } = await call(admin, "GET", "/api/v1/console/demo/audit");
  const taken = audit.filter((e) => e.action === "dialogue.minutes" && e.subject === `dialogue:${id}`);
  assert.deepEqual(
    taken.map((e) => [e.moderator, JSON.parse(e.after)]),
    [[ACCOUNTS.moderator.email, { format: "csv", questions: 2 }], [ACCOUNTS.moderator.email, { format: "md", questions: 2 }]],
  );
});

/** Starts a WebSocket handshake by hand (to choose the Origin) and returns the status. */
function handshake(path, origin) {
  return new Promise((resolve, reject) => {
    const headers = {
      Connection: "Upgrade",
      Upgrade: "websocket",
      "Sec-WebSocket-Version": "13",
      "Sec-WebSocket-Key": randomBytes(16).toString("base64"),
    };
    if (origin) headers.Origin = origin;
    const request = http.request(EDGE + path, { headers });
    request.on("upgrade", (response, socket) => {
      socket.destroy();
      resolve(response.statusCode);
    });
    request.on("response", (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    request.on("error", reject);
    request.end();
  });
}

test("the live room admits only the tenant's allowed origins", async () => {
  const id = await createDialogue(moderator, "open");
  const path = `/api/v1/tenants/demo/dialogues/${id}/live`;
  assert.equal(await handshake(path, "https://evil.example"), 403);
  assert.equal(await handshake(path, `http://127.0.0.1:${process.env.TRYGGVE_EXAMPLES_PORT}`), 101);
  assert.equal(await handshake(path, null), 101, "no browser, no origin to check");
  assert.equal(await handshake(`/api/v1/tenants/grannby/dialogues/${id}`.concat("/live"), null), 404, "not another tenant's");
  const draft = await createDialogue(moderator, "draft");
  assert.equal(await handshake(`/api/v1/tenants/demo/dialogues/${draft}/live`, null), 404);
  const plain = await fetch(EDGE + path);
  assert.equal(plain.status, 426);
});

test("approvals, votes, answers and the 'now answering' mark reach connected participants", async () => {
  const id = await createDialogue(moderator, "live");
  const socket = new WebSocket(`${EDGE.replace("http", "ws")}/api/v1/tenants/demo/dialogues/${id}/live`);
  const events = [];
  socket.addEventListener("message", (e) => events.push(...JSON.parse(e.data)));
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve);
    socket.addEventListener("error", reject);
  });
  const until = async (check) => {
    for (let i = 0; i < 100 && !events.some(check); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(events.some(check), JSON.stringify(events));
  };
  const question = await approvedQuestion(id, participant(), "Syns den här direkt?");
  await until((e) => e.type === "question" && e.question.id === question && e.question.votes === 0);
  await vote("demo", id, question, participant());
  await until((e) => e.type === "question" && e.question.votes === 1);
  await dialogueAction(moderator, id, { action: "now_answering", question });
  await until((e) => e.type === "dialogue" && e.dialogue.now_answering === question);
  await questionAction(moderator, id, question, { action: "mark_answered" });
  await until((e) => e.type === "question" && e.question.answered_at);
  await questionAction(moderator, id, question, { action: "reject", reason: "personal_data" });
  await until((e) => e.type === "removed" && e.id === question);
  const revisions = events.map((e) => e.question?.revision ?? e.dialogue?.revision ?? e.revision);
  assert.deepEqual(revisions, [...revisions].sort((x, y) => x - y), "revisions only grow");
  socket.close();
});

test("a municipality's question and vote limits answer 429 with Retry-After", async () => {
  query(`INSERT INTO dialogues (tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
         VALUES ('strikt', 'Begränsad', '2026-12-01T18:00', '2026-12-01T19:00', 'live', '2026-11-01', '2026-11-01')`);
  const [{ id }] = query("SELECT id FROM dialogues WHERE tenant_id = 'strikt' ORDER BY id DESC LIMIT 1");
  const statuses = [];
  let limited;
  for (let i = 0; i < 3; i++) {
    const { response, json } = await ask("strikt", id, participant("strikt"), { text: `Fråga ${i}` });
    statuses.push(response.status);
    if (response.status === 429) limited = { response, json };
  }
  assert.deepEqual(statuses, [201, 201, 429]);
  assert.equal(limited.json.error.code, "rate_limited");
  assert.ok(Number(limited.response.headers.get("retry-after")) > 0);
  query(`UPDATE questions SET status = 'approved' WHERE dialogue_id = ${id}`);
  const [{ id: question }] = query(`SELECT id FROM questions WHERE dialogue_id = ${id} LIMIT 1`);
  const votes = [];
  for (let i = 0; i < 3; i++) votes.push((await vote("strikt", id, question, participant("strikt"))).response.status);
  assert.deepEqual(votes, [201, 201, 429]);
});
