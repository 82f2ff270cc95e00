// The daily privacy job (cron trigger, run here through wrangler's /__scheduled): reports older
// than the tenant's retention period lose their e-mail, follow-up code, free text and exact place, and keep
// what statistics need.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

test("personal data older than the retention period is purged; newer reports and statistics stay", async () => {
  const code = "00112233445566778899aabbccddeeff";
  const hash = createHash("sha256").update(code).digest("hex");
  // A report from 2019, written straight into the database (the API stamps today's date).
  query(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, category, times,
    description, contact_email, status, created_at, visibility, answers, answer_texts)
    VALUES ('demo', 2019, 1, '${hash}', 58.0337, 12.8083, 'drugs', 'night', 'Gammal text om en person',
    'gammal@example.se', 'resolved', '2019-06-01T10:00:00.000Z', 'approved',
    '{"how-unsafe":5}', '{"idea":"Fråga Per på nummer 12"}')`);
  const fresh = (await post("/api/v1/reports", goodReport({ description: "Ny text", contact_email: "ny@example.se" }))).json;
  // A moderator's redaction from 2019: the audit log kept the original text.
  query(`INSERT INTO audit_log (tenant_id, moderator_id, action, subject, before, after, at)
    VALUES ('demo', NULL, 'report.redact', '2019-0001', '{"description":"Gammal text om en person"}',
    '{"description":"[borttaget]"}', '2019-06-02T10:00:00.000Z')`);
  // And one from today, which stays as it is.
  query(`INSERT INTO audit_log (tenant_id, moderator_id, action, subject, before, after, at)
    VALUES ('demo', NULL, 'report.redact', 'idag-0001', '{"description":"Text från idag"}', '{}', '${new Date().toISOString()}')`);

  // A safety walk of 2019 whose point's note named someone.
  query(`INSERT INTO walks (id, tenant_id, title, area, starts_at, meeting_lat, meeting_lng, state, created_at, updated_at)
    VALUES (919, 'demo', 'Vandring 2019', 'centrum', '2019-06-01T18:00', 58.0337, 12.8083, 'done', '2019-05-01T10:00:00.000Z', '2019-06-01T20:00:00.000Z')`);
  query(`INSERT INTO walk_points (tenant_id, walk_id, idempotency_key, lat, lng, category, note, unsafe_level, logged_at, updated_at)
    VALUES ('demo', 919, 'retention-walk-point-2019', 58.0338, 12.8084, 'dark_spot', 'Per på nummer 3 vet', 4, '2019-06-01T18:20:00.000Z', '2019-06-01T18:20:00.000Z')`);

  const oldCase = `${EDGE}/api/v1/tenants/demo/reports/2019-0001`;
  const auth = { headers: { authorization: `Bearer ${code}` } };
  assert.equal((await fetch(oldCase, auth)).status, 200, "followed up before the job");

  const run = await fetch(`${EDGE}/__scheduled?cron=17+2+*+*+*`);
  assert.equal(run.status, 200, await run.text());

  const [old] = query("SELECT * FROM reports WHERE tenant_id = 'demo' AND case_year = 2019 AND case_seq = 1");
  assert.equal(old.contact_email, null);
  assert.equal(old.description, "");
  assert.equal(old.followup_token_hash, "");
  assert.equal(old.answer_texts, "{}", "short-text answers are free text too");
  assert.equal(old.answers, '{"how-unsafe":5}', "choices and scales stay for statistics");
  assert.deepEqual([old.category, old.times, old.status, old.area_id], ["drugs", "night", "resolved", "centrum"], "statistics keep their facts");
  // The exact place (a door, a home) becomes the public map's ~50 m cell: near, never exact.
  assert.notDeepEqual([old.lat, old.lng], [58.0337, 12.8083], "the exact place is gone");
  const metres = (a, b) => Math.hypot((a[0] - b[0]) * 111_320, (a[1] - b[1]) * 111_320 * Math.cos((a[0] * Math.PI) / 180));
  assert.ok(metres([old.lat, old.lng], [58.0337, 12.8083]) < 36, "within half a cell's diagonal");
  assert.equal((await fetch(oldCase, auth)).status, 404, "the follow-up code no longer opens it");
  const [redaction] = query("SELECT * FROM audit_log WHERE tenant_id = 'demo' AND subject = '2019-0001' AND action = 'report.redact'");
  assert.deepEqual([redaction.before, redaction.after], [null, null], "the audit log's copy of the text goes too");
  assert.deepEqual([redaction.action, redaction.at], ["report.redact", "2019-06-02T10:00:00.000Z"], "who did what, and when, stays");
  const [walkPoint] = query("SELECT note, category, unsafe_level FROM walk_points WHERE tenant_id = 'demo' AND walk_id = 919");
  assert.deepEqual(walkPoint, { note: "", category: "dark_spot", unsafe_level: 4 }, "a walk point's note goes; what the protocol counts stays");
  const [today] = query("SELECT before FROM audit_log WHERE tenant_id = 'demo' AND subject = 'idag-0001'");
  assert.equal(today.before, '{"description":"Text från idag"}', "newer entries keep their copies");

  const [kept] = query(`SELECT description, contact_email FROM reports WHERE tenant_id = 'demo'
    AND case_year = ${fresh.case_number.slice(0, 4)} AND case_seq = ${Number(fresh.case_number.slice(5))}`);
  assert.deepEqual(kept, { description: "Ny text", contact_email: "ny@example.se" });

  const admin = await login(ACCOUNTS.admin);
  const { json: audit } = await call(admin, "GET", "/api/v1/console/demo/audit");
  const entry = audit.find((e) => e.action === "retention.purge");
  assert.ok(entry, "the purge is on the record");
  assert.equal(entry.moderator, null);
  assert.match(entry.after, /"purged_reports":1/);
  assert.match(entry.after, /"purged_audit_entries":1/);
  assert.match(entry.after, /"purged_walk_notes":1/);

  const again = await fetch(`${EDGE}/__scheduled?cron=17+2+*+*+*`);
  assert.equal(again.status, 200);
  const { json: after } = await call(admin, "GET", "/api/v1/console/demo/audit");
  assert.equal(after.filter((e) => e.action === "retention.purge").length, 1, "nothing left to purge the second time");
  const [still] = query("SELECT lat, lng FROM reports WHERE tenant_id = 'demo' AND case_year = 2019 AND case_seq = 1");
  assert.deepEqual([still.lat, still.lng], [old.lat, old.lng], "a coarse place stays where it is");
});

test("a dialogue's old questions lose what ties them to people; votes stay until the dialogue closes", async () => {
  // Two dialogues from 2019, one still open (a standing dialogue) and one closed, each with an
  // approved and a rejected question and two votes, written straight into the database.
  const dialogue = (state) => query(`INSERT INTO dialogues (tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
    VALUES ('demo', 'Gammal dialog ${state}', '2019-05-01T18:00', '2019-05-01T20:00', '${state}',
    '2019-04-01T10:00:00.000Z', '2019-04-01T10:00:00.000Z') RETURNING id`)[0].id;
  const question = (dialogueId, status, text) => query(`INSERT INTO questions (tenant_id, dialogue_id, participant_hash,
    text, display_name, status, votes, asked_at, revision)
    VALUES ('demo', ${dialogueId}, 'deltagare-${dialogueId}-${status}', '${text}', 'Anna', '${status}', 2,
    '2019-05-01T18:30:00.000Z', 1) RETURNING id`)[0].id;
  const questions = {};
  for (const state of ["open", "closed"]) {
    const id = dialogue(state);
    questions[state] = { approved: question(id, "approved", "Varför är det mörkt i parken?"), rejected: question(id, "rejected", "Min granne Per på nummer 12 …") };
    for (const q of Object.values(questions[state])) {
      query(`INSERT INTO question_votes (question_id, participant_hash, at) VALUES
        (${q}, 'röstare-1', '2019-05-01T18:40:00.000Z'), (${q}, 'röstare-2', '2019-05-01T18:41:00.000Z')`);
    }
  }

  // Two more in the open one, merged into its approved question by a moderator: one straight
  // from the queue (never published), one after it was published.
  const moderator = await login(ACCOUNTS.moderator);
  const openId = query(`SELECT dialogue_id FROM questions WHERE id = ${questions.open.approved}`)[0].dialogue_id;
  const act = async (q, body) => {
    const { response, text } = await call(moderator, "POST", `/api/v1/console/demo/dialogues/${openId}/questions/${q}/actions`, body);
    assert.equal(response.status, 200, text);
  };
  const unpublished = question(openId, "pending", "Kan Per Persson på Storgatan 3 flytta?");
  const published = question(openId, "pending", "Blir det ljusare i parken?");
  await act(unpublished, { action: "merge_into", into: questions.open.approved });
  await act(published, { action: "approve" });
  await act(published, { action: "merge_into", into: questions.open.approved });
  questions.merged = { unpublished, published };

  const run = await fetch(`${EDGE}/__scheduled?cron=17+2+*+*+*`);
  assert.equal(run.status, 200, await run.text());

  const row = (id) => query(`SELECT text, display_name, participant_hash, votes,
    (SELECT COUNT(*) FROM question_votes WHERE question_id = ${id}) AS vote_rows FROM questions WHERE id = ${id}`)[0];
  for (const state of ["open", "closed"]) {
    const approved = row(questions[state].approved);
    const rejected = row(questions[state].rejected);
    assert.deepEqual([approved.display_name, approved.participant_hash, rejected.display_name, rejected.participant_hash],
      [null, "", null, ""], `${state}: no name or participant stays`);
    assert.equal(approved.text, "Varför är det mörkt i parken?", `${state}: a published question is part of the record`);
    assert.equal(rejected.text, "", `${state}: a question never published loses its text`);
    assert.deepEqual([approved.votes, rejected.votes], [2, 2], `${state}: the counts stay`);
  }
  assert.equal(row(unpublished).text, "", "a question merged without being published loses its text");
  assert.equal(row(published).text, "Blir det ljusare i parken?", "one published before it was merged is part of the record");
  assert.deepEqual([row(unpublished).participant_hash, row(published).participant_hash], ["", ""]);
  assert.equal(row(questions.open.approved).vote_rows, 2, "an open dialogue keeps each vote: one per participant still holds");
  assert.equal(row(questions.closed.approved).vote_rows, 0, "a closed dialogue's votes are gone");
  const [entry] = query("SELECT after FROM audit_log WHERE tenant_id = 'demo' AND action = 'retention.purge' ORDER BY id DESC LIMIT 1");
  assert.match(entry.after, /"purged_questions":6,"purged_votes":4,/, "on the record, with what went");

  // The other suites list the demo's dialogues: these old ones leave with the test.
  const ids = Object.values(questions).flatMap(Object.values).join(",");
  const dialogues = query(`SELECT DISTINCT dialogue_id FROM questions WHERE id IN (${ids})`).map((d) => d.dialogue_id);
  query(`DELETE FROM question_votes WHERE question_id IN (${ids})`);
  query(`DELETE FROM questions WHERE id IN (${ids})`);
  query(`DELETE FROM dialogues WHERE id IN (${dialogues.join(",")})`);
});
