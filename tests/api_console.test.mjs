// The moderator console's API: logging in, and who may do what to which tenant's reports.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

let caseNumber;
let sessions;
before(async () => {
  const { json } = await post("/api/v1/reports", goodReport({ description: "För behörighetstestet" }));
  caseNumber = json.case_number;
  sessions = {
    admin: await login(ACCOUNTS.admin),
    moderator: await login(ACCOUNTS.moderator),
    responder: await login(ACCOUNTS.responder),
    otherTenantAdmin: await login(ACCOUNTS.otherTenantAdmin),
  };
});

test("login sets a strict, HttpOnly, Secure session cookie and returns who is logged in", async () => {
  const { setCookie, info } = sessions.moderator;
  assert.match(setCookie, /^__Host-tryggve_session=[0-9a-f]{64}; /);
  for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=28800"]) {
    assert.ok(setCookie.includes(attribute), `${attribute} in ${setCookie}`);
  }
  assert.deepEqual(
    { tenant: info.tenant, email: info.email, role: info.role, name: info.name },
    { tenant: "demo", email: "moderator@demo.tryggve.se", role: "moderator", name: "Maja Moderator" },
  );
  const stored = query("SELECT id_hash FROM sessions");
  assert.ok(stored.every((s) => !setCookie.includes(s.id_hash)), "only a hash of the session id is stored");
  const { response, json } = await call(sessions.moderator, "GET", "/api/v1/console/session");
  assert.equal(response.status, 200);
  assert.equal(json.email, "moderator@demo.tryggve.se");
});

test("wrong passwords and unknown accounts get the same 401", async () => {
  for (const account of [
    { ...ACCOUNTS.admin, password: "fel-lösenord-helt" },
    { ...ACCOUNTS.admin, email: "nobody@demo.tryggve.se" },
    { ...ACCOUNTS.otherTenantAdmin, tenant: "demo" },
  ]) {
    const { response, json } = await call(null, "POST", "/api/v1/console/login", account);
    assert.equal(response.status, 401);
    assert.equal(json.error.code, "invalid_credentials");
    assert.equal(response.headers.get("set-cookie"), null);
  }
});

/** A login from the address `ip` (as Cloudflare gives it to the edge). */
async function loginFrom(ip, account) {
  const response = await fetch(`${EDGE}/api/v1/console/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": ip },
    body: JSON.stringify(account),
  });
  return { response, json: await response.json() };
}

test("five wrong passwords keep that address waiting, not the account's owner elsewhere", async () => {
  query("DELETE FROM login_failures");
  const guess = { ...ACCOUNTS.responder, password: "inte rätt lösenord" };
  for (let i = 0; i < 5; i++) {
    assert.equal((await loginFrom("198.51.100.7", guess)).response.status, 401, `attempt ${i + 1}`);
  }
  const { response, json } = await loginFrom("198.51.100.7", ACCOUNTS.responder);
  assert.equal(response.status, 429, "from the guessing address even the right password waits");
  assert.equal(json.error.code, "too_many_attempts");
  const first = Number(response.headers.get("retry-after"));
  assert.ok(first > 880 && first <= 900, `Retry-After is what is left of the window: ${first}`);
  // What is actually left, counting down (it used to say 900 every time).
  query("UPDATE login_failures SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at, '-300 seconds')");
  const later = Number((await loginFrom("198.51.100.7", ACCOUNTS.responder)).response.headers.get("retry-after"));
  assert.ok(later > 580 && later <= 600, `five minutes later: ${later}`);
  // The owner, at the office, logs in at once.
  assert.equal((await loginFrom("203.0.113.20", ACCOUNTS.responder)).response.status, 200, "the owner is not locked out");
  // Other accounts from the guessing address are not locked by it.
  assert.equal((await loginFrom("198.51.100.7", ACCOUNTS.moderator)).response.status, 200);
  query("DELETE FROM login_failures");
});

test("guessing one account from many addresses slows down, and the owner still gets in", async () => {
  query("DELETE FROM login_failures");
  const guess = { ...ACCOUNTS.responder, password: "gissning från många" };
  for (let i = 0; i < 10; i++) {
    assert.equal((await loginFrom(`198.51.100.${100 + i}`, guess)).response.status, 401, `address ${i + 1}`);
  }
  // The eleventh, from yet another address, has to wait a little (two seconds, then longer).
  const waiting = await loginFrom("198.51.100.150", guess);
  assert.equal(waiting.response.status, 429);
  const wait = Number(waiting.response.headers.get("retry-after"));
  assert.ok(wait >= 1 && wait <= 2, `a short wait on the account, never the whole window: ${wait}`);
  // After many more failures the wait is at most a minute.
  query(`INSERT INTO login_failures (key, at) SELECT 'account:demo:${ACCOUNTS.responder.email}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || value || ' seconds') FROM json_each('[70,80,90,100,110,120,130,140,150,160]')`);
  const most = await loginFrom("198.51.100.152", guess);
  assert.equal(most.response.status, 429);
  assert.ok(Number(most.response.headers.get("retry-after")) <= 60);
  // The owner, once the wait has passed, logs in (as if that minute had gone by).
  query("UPDATE login_failures SET at = strftime('%Y-%m-%dT%H:%M:%fZ', at, '-61 seconds')");
  assert.equal((await loginFrom("203.0.113.20", ACCOUNTS.responder)).response.status, 200);
  query("DELETE FROM login_failures");
});

test("wrong passwords sent all at once get no more tries than one after another", async () => {
  const account = { ...ACCOUNTS.responder, password: "gissning samtidigt" };
  const answers = await Promise.all(
    Array.from({ length: 12 }, () => call(null, "POST", "/api/v1/console/login", account)),
  );
  const statuses = answers.map((a) => a.response.status);
  assert.equal(statuses.filter((s) => s === 401).length, 5, `only five were checked: ${statuses}`);
  assert.equal(statuses.filter((s) => s === 429).length, 7, `${statuses}`);
  assert.equal((await call(null, "POST", "/api/v1/console/login", ACCOUNTS.responder)).response.status, 429);
  // Refused attempts do not count, so the wait ends a window after the fifth failure.
  const counted = query(`SELECT COUNT(*) AS n FROM login_failures WHERE key = 'account:demo:${account.email}'`);
  assert.equal(counted[0].n, 5);
  query("UPDATE login_failures SET at = '2000-01-01T00:00:00.000Z'"); // as if the window had passed
  assert.equal((await call(null, "POST", "/api/v1/console/login", ACCOUNTS.responder)).response.status, 200);
  assert.deepEqual(query("SELECT key FROM login_failures WHERE key LIKE 'account:%'"), [], "success forgives");
  query("DELETE FROM login_failures");
});

test("a successful login is not counted against the office's shared address", async () => {
  for (let i = 0; i < 25; i++) {
    assert.equal((await call(null, "POST", "/api/v1/console/login", ACCOUNTS.moderator)).response.status, 200, `login ${i + 1}`);
  }
  assert.deepEqual(query("SELECT key FROM login_failures"), []);
});

// Every console route, with who may use it.
const routes = () => [
  { method: "GET", path: "/api/v1/console/demo/reports", allowed: ["admin", "moderator"] },
  { method: "GET", path: `/api/v1/console/demo/reports/${caseNumber}`, allowed: ["admin", "moderator"] },
  {
    method: "POST",
    path: `/api/v1/console/demo/reports/${caseNumber}/actions`,
    body: { action: "approve", publish_description: false },
    allowed: ["admin", "moderator"],
  },
  { method: "GET", path: "/api/v1/console/demo/audit", allowed: ["admin"] },
  { method: "GET", path: "/api/v1/console/demo/moderators", allowed: ["admin"] },
  {
    method: "POST",
    path: "/api/v1/console/demo/moderators",
    // Invalid on purpose: the allowed role reaches validation (422), the others are stopped before.
    body: { email: "x", name: "", role: "moderator", password: "" },
    allowed: ["admin"],
    success: 422,
  },
];

test("every console route: no session → 401, wrong role or other tenant → 403, right role → 200", async () => {
  for (const route of routes()) {
    const anonymous = await call(null, route.method, route.path, route.body);
    assert.equal(anonymous.response.status, 401, `${route.method} ${route.path} without a session`);
    assert.equal(anonymous.json.error.code, "not_logged_in");
    for (const who of ["admin", "moderator", "responder", "otherTenantAdmin"]) {
      const { response, json } = await call(sessions[who], route.method, route.path, route.body);
      const expected = route.allowed.includes(who) ? (route.success ?? 200) : 403;
      assert.equal(response.status, expected, `${who}: ${route.method} ${route.path} → ${JSON.stringify(json)}`);
      if (expected === 403) assert.equal(json.error.code, "forbidden");
    }
  }
});

test("state changes need the CSRF token and the edge's own origin", async () => {
  const path = `/api/v1/console/demo/reports/${caseNumber}/actions`;
  const body = { action: "approve", publish_description: false };
  const noToken = await call(sessions.moderator, "POST", path, body, { csrf: false });
  assert.equal(noToken.response.status, 403);
  assert.equal(noToken.json.error.code, "csrf_mismatch");
  const wrongToken = await call({ ...sessions.moderator, csrf: sessions.admin.csrf }, "POST", path, body);
  assert.equal(wrongToken.json.error.code, "csrf_mismatch");

  const crossOrigin = await fetch(EDGE + path, {
    method: "POST",
    headers: {
      cookie: sessions.moderator.cookie,
      "x-csrf-token": sessions.moderator.csrf,
      "content-type": "application/json",
      origin: "https://evil.example",
    },
    body: JSON.stringify(body),
  });
  assert.equal(crossOrigin.status, 403);
  assert.equal((await crossOrigin.json()).error.code, "origin_not_allowed");
});

test("review actions follow the workflow, are audited, and show to the resident", async () => {
  const { json: receipt } = await post("/api/v1/reports", goodReport({
    description: "Mörkt vid Storgatan 3 där Kalle Karlsson bor",
  }));
  const actions = `/api/v1/console/demo/reports/${receipt.case_number}/actions`;
  const act = (body) => call(sessions.moderator, "POST", actions, body);

  let r = await act({ action: "set_status", status: "resolved" });
  assert.equal(r.response.status, 422, "nothing is resolved before it is reviewed");
  assert.equal(r.json.error.code, "invalid_transition");

  r = await act({ action: "redact", description: "Mörkt vid Storgatan 3" });
  assert.equal(r.response.status, 200);
  assert.equal(r.json.description, "Mörkt vid Storgatan 3");

  r = await act({ action: "approve", publish_description: true });
  assert.equal(r.json.visibility, "approved");
  assert.equal(r.json.status, "reviewed");

  r = await act({ action: "set_status", status: "in_progress", public_comment: "Ny belysning är beställd." });
  assert.equal(r.json.status, "in_progress");
  assert.equal(r.json.contact_email, "boende@example.se", "moderators see the contact address");

  const followUp = await fetch(`${EDGE}/api/v1/tenants/demo/reports/${receipt.case_number}`, {
    headers: { authorization: `Bearer ${receipt.followup_token}` },
  });
  const view = await followUp.json();
  assert.equal(view.status, "in_progress");
  assert.equal(view.public_comment, "Ny belysning är beställd.");
  assert.equal(view.description, "Mörkt vid Storgatan 3");

  const { json: audit } = await call(sessions.admin, "GET", "/api/v1/console/demo/audit");
  const mine = audit.filter((e) => e.subject === receipt.case_number);
  assert.deepEqual(mine.map((e) => e.action), ["report.set_status", "report.approve", "report.redact"]);
  assert.ok(mine.every((e) => e.moderator === "moderator@demo.tryggve.se"));
  const redaction = mine.find((e) => e.action === "report.redact");
  assert.match(redaction.before, /Kalle Karlsson/, "the original text is kept in the audit log");
  assert.doesNotMatch(redaction.after, /Kalle Karlsson/);
});

test("the review list filters, and bad filters or actions are 4xx", async () => {
  await post("/api/v1/reports", goodReport({ description: "Väntar på granskning" }));
  const list = (query) => call(sessions.moderator, "GET", `/api/v1/console/demo/reports${query}`);
  const all = await list("");
  assert.equal(all.response.status, 200);
  assert.ok(all.json.total >= 2);
  const pending = await list("?visibility=pending&category=dark-spot");
  assert.ok(pending.json.reports.length > 0);
  assert.ok(pending.json.reports.every((r) => r.visibility === "pending" && r.category === "dark-spot"));
  const future = await list("?from=2999-01-01");
  assert.deepEqual(future.json, { reports: [], total: 0, next: null });
  const today = new Date().toISOString().slice(0, 10);
  assert.equal((await list(`?from=${today}&to=${today}`)).json.total, all.json.total);

  // Who sent it, in SQL too: staff with the access code and residents apart, their totals adding up.
  const staff = await post("/api/v1/reports", goodReport({ reporter_group: "staff", access_code: "demo-personal-2026" }));
  assert.equal(staff.response.status, 201, JSON.stringify(staff.json));
  const fromStaff = await list("?group=staff");
  assert.ok(fromStaff.json.reports.some((r) => r.case_number === staff.json.case_number));
  assert.ok(fromStaff.json.reports.every((r) => r.reporter_group === "staff"));
  const fromResidents = await list("?group=resident");
  assert.ok(fromResidents.json.reports.every((r) => r.reporter_group === "resident"));
  assert.ok(!fromResidents.json.reports.some((r) => r.case_number === staff.json.case_number));
  const everyone = (await list("")).json.total;
  const groups = ["resident", "staff", "business", "association", "police"];
  const totals = await Promise.all(groups.map(async (g) => (await list(`?group=${g}`)).json.total));
  assert.equal(totals.reduce((a, b) => a + b, 0), everyone, "every report is in exactly one group");
  const dashboard = await call(sessions.moderator, "GET", "/api/v1/console/demo/dashboard?group=staff");
  assert.equal(dashboard.json.total, fromStaff.json.total, "the lägesbild filters the same way");
  const badGroup = await list("?group=mayor");
  assert.deepEqual([badGroup.response.status, badGroup.json.error.field], [422, "group"]);

  const badStatus = await list("?status=ny");
  assert.equal(badStatus.response.status, 422);
  assert.equal(badStatus.json.error.field, "status");
  const badDate = await list("?to=22-11-2026");
  assert.equal(badDate.json.error.code, "invalid_date");

  const path = `/api/v1/console/demo/reports/${caseNumber}/actions`;
  const unknown = await call(sessions.moderator, "POST", path, { action: "delete" });
  assert.equal(unknown.response.status, 400);
  const selfMerge = await call(sessions.moderator, "POST", path, { action: "merge_into", case_number: caseNumber });
  assert.equal(selfMerge.response.status, 422);
  const missing = await call(sessions.moderator, "GET", "/api/v1/console/demo/reports/2026-99999");
  assert.equal(missing.response.status, 404);
  assert.equal(missing.json.error.code, "case_not_found");
  // The other tenant's moderator cannot even learn whether the case exists.
  const other = await call(sessions.otherTenantAdmin, "GET", `/api/v1/console/grannby/reports/${caseNumber}`);
  assert.equal(other.response.status, 404);
});

test("logout ends the session", async () => {
  const session = await login(ACCOUNTS.admin);
  const out = await call(session, "POST", "/api/v1/console/logout");
  assert.equal(out.response.status, 204);
  assert.match(out.response.headers.get("set-cookie"), /Max-Age=0/);
  const after = await call(session, "GET", "/api/v1/console/session");
  assert.equal(after.response.status, 401);
});

test("admins add and disable accounts; the disabled can no longer log in", async () => {
  const admin = sessions.admin;
  const account = { email: "Ny.Granskare@demo.tryggve.se", name: "Nora Ny", role: "moderator", password: "ett långt lösenord" };
  const added = await call(admin, "POST", "/api/v1/console/demo/moderators", account);
  assert.equal(added.response.status, 201, JSON.stringify(added.json));
  assert.deepEqual(added.json, { email: "ny.granskare@demo.tryggve.se", name: "Nora Ny", role: "moderator", disabled: false, must_change_password: false });

  const again = await call(admin, "POST", "/api/v1/console/demo/moderators", account);
  assert.equal(again.response.status, 422);
  assert.equal(again.json.error.code, "already_exists");
  const weak = await call(admin, "POST", "/api/v1/console/demo/moderators", { ...account, email: "b@demo.tryggve.se", password: "kort" });
  assert.deepEqual([weak.response.status, weak.json.error.field, weak.json.error.code], [422, "password", "weak_password"]);

  const newcomer = await login({ tenant: "demo", email: "ny.granskare@demo.tryggve.se", password: account.password });
  assert.equal(newcomer.info.role, "moderator");
  const list = await call(admin, "GET", "/api/v1/console/demo/moderators");
  assert.ok(list.json.some((m) => m.email === "ny.granskare@demo.tryggve.se" && !m.disabled));
  assert.ok(!JSON.stringify(list.json).includes("argon2"), "no password hashes leave the edge");

  const self = await call(admin, "POST", "/api/v1/console/demo/moderators/admin%40demo.tryggve.se/disable");
  assert.equal(self.response.status, 422, "admins cannot lock themselves out");
  const off = await call(admin, "POST", "/api/v1/console/demo/moderators/ny.granskare%40demo.tryggve.se/disable");
  assert.equal(off.response.status, 200);
  assert.equal(off.json.disabled, true);
  assert.equal((await call(newcomer, "GET", "/api/v1/console/session")).response.status, 401, "their session ended");
  const refused = await call(null, "POST", "/api/v1/console/login", { tenant: "demo", email: account.email, password: account.password });
  assert.equal(refused.response.status, 401);
  const missing = await call(admin, "POST", "/api/v1/console/demo/moderators/nobody%40demo.tryggve.se/disable");
  assert.equal(missing.response.status, 404);

  const { json: audit } = await call(admin, "GET", "/api/v1/console/demo/audit");
  const entries = audit.filter((e) => e.subject === "ny.granskare@demo.tryggve.se").map((e) => e.action);
  assert.deepEqual(entries, ["moderator.disable", "moderator.add"]);
  assert.ok(!JSON.stringify(audit).includes("ett långt lösenord") && !JSON.stringify(audit).includes("argon2"));
  query("DELETE FROM login_failures");
});

test("a duplicate is merged into the report it repeats", async () => {
  const first = (await post("/api/v1/reports", goodReport({ description: "Original" }))).json.case_number;
  const second = (await post("/api/v1/reports", goodReport({ description: "Samma plats igen" }))).json.case_number;
  const path = `/api/v1/console/demo/reports/${second}/actions`;
  const nowhere = await call(sessions.moderator, "POST", path, { action: "merge_into", case_number: "2026-99999" });
  assert.equal(nowhere.response.status, 422, "only into a report that exists");
  const merged = await call(sessions.moderator, "POST", path, { action: "merge_into", case_number: first });
  assert.equal(merged.response.status, 200);
  assert.deepEqual(
    [merged.json.status, merged.json.visibility, merged.json.rejection_reason, merged.json.merged_into],
    ["closed", "rejected", "duplicate", first],
  );
  // The original cannot now be merged back into its duplicate (both would be closed and the
  // complaint gone), nor into itself by another spelling of its number ("2026-00007").
  const firstPath = `/api/v1/console/demo/reports/${first}/actions`;
  const back = await call(sessions.moderator, "POST", firstPath, { action: "merge_into", case_number: second });
  assert.equal(back.response.status, 422, "not into a report merged elsewhere");
  const [year, sequence] = first.split("-");
  const spelledOtherwise = `${year}-0${sequence}`;
  const itself = await call(sessions.moderator, "POST", firstPath, { action: "merge_into", case_number: spelledOtherwise });
  assert.deepEqual([itself.response.status, itself.json.error.field], [422, "case_number"]);
  const original = await call(sessions.moderator, "GET", `/api/v1/console/demo/reports/${first}`);
  assert.deepEqual([original.json.status, original.json.merged_into ?? null], ["new", null], "the original is untouched");
});

test("bulk: several reports approved or rejected at once, each audited; the ones that cannot be are named", async () => {
  const file = async (description) => (await post("/api/v1/reports", goodReport({ description }))).json.case_number;
  const [a, b, c] = [await file("Massgodkänd A"), await file("Massgodkänd B"), await file("Sammanslagen C")];
  await call(sessions.moderator, "POST", `/api/v1/console/demo/reports/${c}/actions`, { action: "merge_into", case_number: a });
  const bulk = (session, body, options) => call(session, "POST", "/api/v1/console/demo/report-actions", body, options);

  const { response, json } = await bulk(sessions.moderator, { case_numbers: [a, b, c, b, "2026-99999"], action: { action: "approve" } });
  assert.equal(response.status, 200, JSON.stringify(json));
  assert.deepEqual(json.done.map((r) => [r.case_number, r.visibility, r.description_public]), [[a, "approved", false], [b, "approved", false]],
    "each once; the free text is never published in bulk");
  assert.deepEqual(json.refused, [
    { case_number: c, error: "invalid_transition" },
    { case_number: "2026-99999", error: "case_not_found" },
  ], "a merged report stays a closed duplicate; a missing one is named");
  const audited = (subject) => query(`SELECT action FROM audit_log WHERE tenant_id = 'demo' AND subject = '${subject}'`).map((e) => e.action);
  assert.deepEqual([audited(a), audited(b)], [["report.approve"], ["report.approve"]]);

  const rejected = await bulk(sessions.moderator, { case_numbers: [b], action: { action: "reject", reason: "off_topic" } });
  assert.deepEqual(rejected.json.done.map((r) => [r.visibility, r.rejection_reason]), [["rejected", "off_topic"]]);

  for (const [body, field, code] of [
    [{ case_numbers: [], action: { action: "approve" } }, "case_numbers", "required"],
    [{ case_numbers: Array.from({ length: 101 }, (_, i) => `2026-${i + 1}`), action: { action: "approve" } }, "case_numbers", "too_long"],
    [{ case_numbers: ["nonsense"], action: { action: "approve" } }, "case_numbers", "invalid_choice"],
  ]) {
    const refused = await bulk(sessions.moderator, body);
    assert.deepEqual([refused.response.status, refused.json.error.field, refused.json.error.code], [422, field, code]);
  }
  const setStatus = await bulk(sessions.moderator, { case_numbers: [a], action: { action: "set_status", status: "done" } });
  assert.equal(setStatus.response.status, 400, "only approve and reject in bulk");
  const responder = await login(ACCOUNTS.responder);
  assert.equal((await bulk(responder, { case_numbers: [a], action: { action: "approve" } })).response.status, 403);
  assert.equal((await bulk(sessions.moderator, { case_numbers: [a], action: { action: "approve" } }, { csrf: false })).response.status, 403);
  // Another municipality's admin reaches none of these reports.
  const other = await login(ACCOUNTS.otherTenantAdmin);
  assert.equal((await call(other, "POST", "/api/v1/console/demo/report-actions", { case_numbers: [b], action: { action: "approve" } })).response.status, 403);
});

test("moderators at once: two reports are never merged into each other, and no action overwrites another unseen", async () => {
  const audited = (subject) => query(`SELECT action FROM audit_log WHERE tenant_id = 'demo' AND subject = '${subject}'`).length;
  const actions = (caseNumber) => `/api/v1/console/demo/reports/${caseNumber}/actions`;
  // Six requests at once, from two moderators taking turns, so that some of them read the
  // report before others are stored.
  const atOnce = (makeCall) => Promise.all(Array.from({ length: 6 }, (_, i) => makeCall(i % 2 ? sessions.admin : sessions.moderator, i)));
  let conflicts = 0;
  for (let round = 0; round < 2; round++) {
    const a = (await post("/api/v1/reports", goodReport({ description: `Dubblett A ${round}` }))).json.case_number;
    const b = (await post("/api/v1/reports", goodReport({ description: `Dubblett B ${round}` }))).json.case_number;
    // Each moderator sees the other's report as the original of a duplicate.
    const answers = await atOnce((session, i) =>
      call(session, "POST", actions(i % 2 ? b : a), { action: "merge_into", case_number: i % 2 ? a : b }));
    // Refused: 409 when the report or the target changed after it was read, 422 when the
    // target was already merged when it was read. (The same merge twice is stored twice.)
    const statuses = answers.map((x) => x.response.status);
    assert.ok(statuses.every((s) => [200, 409, 422].includes(s)), statuses.join(" "));
    conflicts += statuses.filter((s) => s === 409).length;
    const merged = [a, b].map((c) => query(`SELECT merged_into FROM reports WHERE tenant_id = 'demo' AND case_year || '-' || printf('%04d', case_seq) = '${c}'`)[0].merged_into);
    assert.equal(merged.filter((m) => m !== null).length, 1, `exactly one is merged: ${merged} (${statuses})`);
    assert.equal(audited(a) + audited(b), statuses.filter((s) => s === 200).length, "only the stored merges are on the audit log");
  }

  // Decisions on one report at once: the ones that read it before another was stored are told
  // to reload instead of overwriting it unseen; every stored one is on the audit log.
  for (let round = 0; round < 2; round++) {
    const c = (await post("/api/v1/reports", goodReport({ description: `Beslut samtidigt ${round}` }))).json.case_number;
    const answers = await atOnce((session, i) => call(session, "POST", actions(c),
      i % 2 ? { action: "reject", reason: "off_topic" } : { action: "approve", publish_description: false }));
    const stored = answers.filter((x) => x.response.status === 200).length;
    const refused = answers.filter((x) => x.response.status !== 200);
    assert.ok(stored >= 1 && refused.every((r) => r.response.status === 409 && r.json.error.code === "changed_meanwhile"),
      JSON.stringify(answers.map((x) => x.json)));
    assert.equal(audited(c), stored, "every stored decision is audited, and only those");
    conflicts += refused.length;
  }
  assert.ok(conflicts > 0, "requests sent at the same moment met at least once");
});

test("a moderator changes their own password; other sessions end, wrong current passwords are refused", async () => {
  const admin = await login(ACCOUNTS.admin);
  const account = { email: "byter@demo.tryggve.se", name: "Bo Byter", role: "responder", password: "första lösenordet" };
  assert.equal((await call(admin, "POST", "/api/v1/console/demo/moderators", account)).response.status, 201);
  const here = await login({ tenant: "demo", email: account.email, password: account.password });
  const elsewhere = await login({ tenant: "demo", email: account.email, password: account.password });

  const wrong = await call(here, "POST", "/api/v1/console/password", { current: "inte alls rätt", new: "ett nytt långt lösenord" });
  assert.deepEqual([wrong.response.status, wrong.json.error.field, wrong.json.error.code], [422, "current", "wrong_password"]);
  const weak = await call(here, "POST", "/api/v1/console/password", { current: account.password, new: "kort" });
  assert.deepEqual([weak.response.status, weak.json.error.field], [422, "new"]);
  const noToken = await call(here, "POST", "/api/v1/console/password", { current: account.password, new: "ett nytt långt lösenord" }, { csrf: false });
  assert.equal(noToken.response.status, 403);

  const changed = await call(here, "POST", "/api/v1/console/password", { current: account.password, new: "ett nytt långt lösenord" });
  assert.equal(changed.response.status, 204);
  assert.equal((await call(here, "GET", "/api/v1/console/session")).response.status, 200, "this session stays");
  assert.equal((await call(elsewhere, "GET", "/api/v1/console/session")).response.status, 401, "other sessions end");
  const old = await call(null, "POST", "/api/v1/console/login", { tenant: "demo", email: account.email, password: account.password });
  assert.equal(old.response.status, 401);
  await login({ tenant: "demo", email: account.email, password: "ett nytt långt lösenord" });
  const { json: audit } = await call(admin, "GET", "/api/v1/console/demo/audit");
  const entry = audit.find((e) => e.action === "moderator.password" && e.subject === account.email);
  assert.ok(entry, "audited");
  assert.ok(!JSON.stringify(entry).includes("lösenord"), "without any password");
  query("DELETE FROM login_failures");
});
