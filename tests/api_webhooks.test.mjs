// Signed webhooks against the real edge (in a municipality of its own, "hookby"), delivered to a
// local receiver: every delivery's signature verifies with the hook's secret (Node's crypto), a
// 500 is tried again by the minute cron (run here through wrangler's /__scheduled) and then
// delivered, nothing arrives twice as new, personal data only to the hook that ticked it, each
// event the hook chose and no other, a stopped hook gets nothing more, an unreachable one is
// logged and retried, and bad registrations are clear 4xx errors.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { startReceiver } from "./support/webhook_receiver.mjs";

const TENANT = "hookby";
const BASE = `/api/v1/console/${TENANT}`;
const ADMIN = { tenant: TENANT, email: "admin@hookby.example", password: "hookby-admin-lösen" };
const ALL_EVENTS = ["report.created", "report.approved", "report.routed", "report.status_changed", "measure.done"];

let admin;
let receiver;
before(async () => {
  admin = await login(ADMIN);
  receiver = await startReceiver();
});
after(async () => { await receiver?.close(); });

async function addHook(body) {
  const { response, json, text } = await call(admin, "POST", `${BASE}/webhooks`, body);
  assert.equal(response.status, 201, text);
  return json;
}

/** Whether `request`'s signature is the HMAC-SHA256 of "<t>.<body>" under `secret`. */
function verifies(request, secret) {
  const [t, v1] = request.headers["tryggve-signature"].split(",").map((part) => part.split("=")[1]);
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${request.body}`).digest("hex");
  const fresh = Math.abs(Date.now() / 1000 - Number(t)) < 300;
  return fresh && crypto.timingSafeEqual(Buffer.from(v1, "hex"), Buffer.from(expected, "hex"));
}

const runCron = async () => {
  const run = await fetch(`${EDGE}/__scheduled?cron=*+*+*+*+*`);
  assert.equal(run.status, 200, await run.text());
};

const log = async () => (await call(admin, "GET", `${BASE}/webhook-deliveries`)).json;
const to = (path) => (r) => r.path === path;

test("a report's deliveries are signed, a 500 is retried by the cron, and nothing arrives twice", async () => {
  const plain = await addHook({ url: receiver.url("/plain"), events: ALL_EVENTS });
  const personal = await addHook({ url: receiver.url("/personal"), events: ["report.created"], personal_data: true });
  assert.match(plain.secret, /^whsec_[0-9a-f]{64}$/);
  assert.deepEqual(plain.webhook.events, ALL_EVENTS);
  assert.equal(plain.webhook.personal_data, false);
  assert.equal((await call(admin, "GET", `${BASE}/webhooks`)).json.some((h) => "secret" in h), false, "the secret is shown once");

  await receiver.failFirst(true);
  const description = "Klotter på skolans gavel, ring Per på 070-1234567";
  const filed = await post("/api/v1/reports", goodReport({ tenant: TENANT, category: "graffiti", description, lat: 58.03412, lng: 12.81234 }));
  assert.equal(filed.response.status, 201, filed.text);
  const caseNumber = filed.json.case_number;
  // Sent after the answer: both fail once with 500.
  await receiver.waitFor((all) => all.filter(to("/plain")).length === 1 && all.filter(to("/personal")).length === 1, "first attempts");
  const firstLog = await log();
  assert.equal(firstLog.length, 2);
  for (const delivery of firstLog) {
    assert.equal(delivery.state, "pending");
    assert.equal(delivery.attempts, 1);
    assert.equal(delivery.last_status, 500);
    assert.ok(delivery.next_attempt_at > new Date().toISOString(), "tried again later, not at once");
  }
  // The cron finds nothing due yet; a minute later (moved back here) it tries again.
  await runCron();
  assert.equal(receiver.requests.length, 2, "nothing is sent before its time");
  query(`UPDATE webhook_deliveries SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE tenant_id = '${TENANT}' AND delivered_at IS NULL`);
  await runCron();
  await receiver.waitFor((all) => all.length === 4, "second attempts");
  await runCron();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(receiver.requests.length, 4, "a delivered delivery is not sent again");

  const byId = {};
  for (const r of receiver.requests) (byId[r.headers["tryggve-delivery"]] ??= []).push(r);
  assert.equal(Object.keys(byId).length, 2, "one id per hook, kept across attempts");
  for (const attempts of Object.values(byId)) {
    assert.deepEqual(attempts.map((r) => [r.headers["tryggve-attempt"], r.status]), [["1", 500], ["2", 200]]);
    assert.equal(attempts[0].body, attempts[1].body, "a retry is the same delivery");
    assert.equal(attempts.filter((r) => r.status === 200).length, 1, "delivered once");
  }
  for (const request of receiver.requests) {
    const secret = request.path === "/plain" ? plain.secret : personal.secret;
    assert.ok(verifies(request, secret), `the signature of ${request.path} verifies`);
    assert.ok(!verifies(request, secret === plain.secret ? personal.secret : plain.secret), "and only with its own secret");
    assert.equal(request.method, "POST");
    assert.equal(request.headers["content-type"], "application/json");
    assert.equal(request.headers["tryggve-event"], "report.created");
  }
  const plainBody = JSON.parse(receiver.requests.find(to("/plain")).body);
  assert.equal(plainBody.id, receiver.requests.find(to("/plain")).headers["tryggve-delivery"]);
  assert.deepEqual([plainBody.event, plainBody.tenant, plainBody.data.case_number, plainBody.data.category],
    ["report.created", TENANT, caseNumber, "graffiti"]);
  assert.equal(plainBody.data.description, undefined, "no text without the tick");
  assert.equal(plainBody.data.contact_email, undefined, "no address without the tick");
  assert.notEqual(plainBody.data.lat, 58.03412, "the place rounded as on the public map");
  const personalBody = JSON.parse(receiver.requests.find(to("/personal")).body);
  assert.equal(personalBody.data.description, description);
  assert.equal(personalBody.data.contact_email, "boende@example.se");
  assert.deepEqual([personalBody.data.lat, personalBody.data.lng], [58.03412, 12.81234]);

  const delivered = await log();
  assert.deepEqual(delivered.map((d) => [d.state, d.attempts, d.last_status]), [["delivered", 2, 200], ["delivered", 2, 200]]);
  assert.ok(delivered.every((d) => d.next_attempt_at === undefined && d.delivered_at));

  // The moderators' steps, each told as it happens (only to the hook that chose them).
  await receiver.failFirst(false);
  const act = async (body) => {
    const { response, text } = await call(admin, "POST", `${BASE}/reports/${caseNumber}/actions`, body);
    assert.equal(response.status, 200, text);
  };
  const unit = await call(admin, "POST", `${BASE}/units`, { name: "Gatu- och parkenheten", email: "gata@hookby.example" });
  assert.equal(unit.response.status, 201, unit.text);
  await act({ action: "approve", publish_description: false });
  await act({ action: "route", unit: unit.json.id });
  await act({ action: "assign", assignee: "Gustav" });
  await act({ action: "set_status", status: "in_progress" });
  // Done today: a measure is not done before the report it answers came in.
  const today = new Date().toISOString().slice(0, 10);
  const measure = await call(admin, "POST", `${BASE}/measures`,
    { title: "Klottersanering", kind: "cleaning", status: "started", started_on: today, reports: [caseNumber] });
  assert.equal(measure.response.status, 201, measure.text);
  const done = await call(admin, "PUT", `${BASE}/measures/${measure.json.id}`,
    { ...measure.json, id: undefined, status: "done", done_on: today });
  assert.equal(done.response.status, 200, done.text);
  const told = ["report.approved", "report.status_changed", "report.routed", "report.status_changed", "measure.done"];
  await receiver.waitFor((all) => all.filter(to("/plain")).length === 2 + told.length, "the moderators' events");
  await new Promise((r) => setTimeout(r, 500));
  const events = receiver.requests.slice(4).map((r) => [r.path, r.headers["tryggve-event"]]);
  assert.deepEqual(events, told.map((e) => ["/plain", e]), "each change once, in order; the assignee is internal");
  const routed = JSON.parse(receiver.requests.find((r) => r.headers["tryggve-event"] === "report.routed").body);
  assert.equal(routed.data.unit, unit.json.id);
  const measureDone = JSON.parse(receiver.requests.find((r) => r.headers["tryggve-event"] === "measure.done").body);
  assert.deepEqual([measureDone.data.title, measureDone.data.status, measureDone.data.reports], ["Klottersanering", "done", [caseNumber]]);
  // Saved again as done, it is not done anew.
  const again = await call(admin, "PUT", `${BASE}/measures/${measure.json.id}`, { ...done.json, id: undefined, public_text: "Klart." });
  assert.equal(again.response.status, 200);

  // A stopped hook is told nothing more.
  for (const hook of [plain, personal]) {
    const stopped = await call(admin, "POST", `${BASE}/webhooks/${hook.webhook.id}/revoke`);
    assert.equal(stopped.response.status, 200, stopped.text);
    assert.ok(stopped.json.revoked_at);
  }
  const before = receiver.requests.length;
  assert.equal((await post("/api/v1/reports", goodReport({ tenant: TENANT, description: "Mörkt vid busshållplatsen" }))).response.status, 201);
  await runCron();
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal(receiver.requests.length, before, "nothing to a stopped hook");
  const audit = (await call(admin, "GET", `${BASE}/audit`)).json.map((e) => e.action);
  assert.equal(audit.filter((a) => a === "webhook.add").length, 2);
  assert.equal(audit.filter((a) => a === "webhook.revoke").length, 2);
  assert.ok(!JSON.stringify((await call(admin, "GET", `${BASE}/audit`)).json).includes(plain.secret), "the secret is not in the audit log");
});

test("an unreachable receiver is logged without an answer and tried again", async () => {
  const hook = await addHook({ url: receiver.closedUrl(), events: ["report.created"] });
  const filed = await post("/api/v1/reports", goodReport({ tenant: TENANT, description: "Trasig lampa i parken" }));
  assert.equal(filed.response.status, 201);
  let entry;
  for (let i = 0; i < 100 && !(entry?.attempts >= 1); i++) {
    await new Promise((r) => setTimeout(r, 200));
    entry = (await log()).find((d) => d.webhook === hook.webhook.id);
  }
  assert.equal(entry.state, "pending");
  assert.equal(entry.attempts, 1);
  assert.equal(entry.last_status, undefined, "no answer: no status");
  assert.ok(entry.next_attempt_at);
  const stopped = await call(admin, "POST", `${BASE}/webhooks/${hook.webhook.id}/revoke`);
  assert.equal(stopped.response.status, 200);
  assert.equal((await log()).find((d) => d.webhook === hook.webhook.id).state, "failed", "given up when the hook stops");
});

test("bad registrations are clear 4xx errors, and only the municipality's admins register", async () => {
  const refused = [
    [{ url: "http://kommun.example/hook", events: ["report.created"] }, "url", "insecure_url"],
    [{ url: "ftp://kommun.example/hook", events: ["report.created"] }, "url", "insecure_url"],
    [{ url: "https://user:pw@kommun.example/", events: ["report.created"] }, "url", "insecure_url"],
    [{ url: "", events: ["report.created"] }, "url", "required"],
    [{ url: "https://kommun.example/hook", events: [] }, "events", "required"],
  ];
  for (const [body, field, code] of refused) {
    const { response, json } = await call(admin, "POST", `${BASE}/webhooks`, body);
    assert.equal(response.status, 422, JSON.stringify(body));
    assert.deepEqual([json.error.field, json.error.code], [field, code], JSON.stringify(json));
  }
  for (const body of [
    { url: "https://kommun.example/hook", events: ["report.deleted"] },
    { url: "https://kommun.example/hook", events: ["report.created"], secret: "mine" },
  ]) {
    const { response, json } = await call(admin, "POST", `${BASE}/webhooks`, body);
    assert.ok([400, 422].includes(response.status), `${JSON.stringify(body)}: ${response.status}`);
    assert.ok(json.error.code, "a JSON error");
  }
  const https = await addHook({ url: "https://mottagare.kommun.example/tryggve", events: ["measure.done"] });
  assert.equal(https.webhook.url, "https://mottagare.kommun.example/tryggve");
  assert.equal((await call(admin, "POST", `${BASE}/webhooks/999999/revoke`)).response.status, 404);

  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/webhooks")).response.status, 403, "a moderator does not");
  const other = await login(ACCOUNTS.otherTenantAdmin);
  for (const [method, path, body] of [
    ["GET", `${BASE}/webhooks`],
    ["POST", `${BASE}/webhooks`, { url: "https://grannby.example/", events: ["report.created"] }],
    ["GET", `${BASE}/webhook-deliveries`],
    ["POST", `${BASE}/webhooks/${https.webhook.id}/revoke`],
  ]) {
    assert.equal((await call(other, method, path, body)).response.status, 403, `another municipality's admin: ${method} ${path}`);
  }
});
