// Admins look after their municipality's accounts: reset a password to a temporary one (which
// opens nothing but its own change), disable and enable again, change a role; and the read-only
// observer role for partners in the safety council sees the lägesbild and the approved reports,
// never contact details or unpublished text.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

let admin;
before(async () => { admin = await login(ACCOUNTS.admin); });

const accounts = "/api/v1/console/demo/moderators";
const account = (email, what) => `${accounts}/${encodeURIComponent(email)}/${what}`;

/** A new account of the demo municipality, and its password. */
async function newAccount(role = "moderator") {
  const email = `konto-${Date.now()}-${Math.floor(Math.random() * 1e6)}@demo.tryggve.se`;
  const password = "ett-eget-lösenord-1";
  const { response, json } = await call(admin, "POST", accounts, { email, name: "Kim Konto", role, password });
  assert.equal(response.status, 201, JSON.stringify(json));
  return { tenant: "demo", email, password };
}

async function tryLogin(credentials) {
  const { response } = await post("/api/v1/console/login", credentials, { "cf-connecting-ip": "198.51.100.90" });
  return response.status;
}

const listed = async (email) => (await call(admin, "GET", accounts)).json.find((a) => a.email === email);

test("a reset password is temporary: it opens only its own change, then the owner's password works", async () => {
  const owner = await newAccount();
  const before = await login(owner);
  const reset = await call(admin, "POST", account(owner.email, "password-reset"));
  assert.equal(reset.response.status, 200, reset.text);
  const temporary = reset.json.temporary_password;
  assert.match(temporary, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  assert.equal(reset.json.account.must_change_password, true);
  assert.equal((await listed(owner.email)).must_change_password, true, "the admin sees it waits for a change");

  assert.equal((await call(before, "GET", "/api/v1/console/session")).response.status, 401, "the old session ended");
  assert.equal(await tryLogin(owner), 401, "the old password no longer works");
  const temporarySession = await login({ ...owner, password: temporary });
  assert.equal(temporarySession.info.must_change_password, true);
  const refused = await call(temporarySession, "GET", "/api/v1/console/demo/reports");
  assert.equal(refused.response.status, 403);
  assert.equal(refused.json.error.code, "password_change_required");
  assert.equal((await call(temporarySession, "GET", "/api/v1/console/session")).response.status, 200);

  const own = "mitt-nya-lösenord-2026";
  const changed = await call(temporarySession, "POST", "/api/v1/console/password", { current: temporary, new: own });
  assert.equal(changed.response.status, 204, changed.text);
  assert.equal((await call(temporarySession, "GET", "/api/v1/console/demo/reports")).response.status, 200);
  assert.equal((await call(temporarySession, "GET", "/api/v1/console/session")).json.must_change_password, false);
  assert.equal(await tryLogin({ ...owner, password: temporary }), 401, "the temporary password worked once");
  assert.equal(await tryLogin({ ...owner, password: own }), 200);

  const [entry] = query(`SELECT before, after FROM audit_log WHERE action = 'moderator.password_reset' AND subject = '${owner.email}'`);
  assert.ok(entry, "the reset is on the record");
  assert.ok(!`${entry.before}${entry.after}`.includes(temporary), "never the password");
});

test("a disabled account is enabled again with its own password; an admin changes nobody's account but others'", async () => {
  const owner = await newAccount();
  assert.equal((await call(admin, "POST", account(owner.email, "disable"))).response.status, 200);
  assert.equal(await tryLogin(owner), 401);
  const enabled = await call(admin, "POST", account(owner.email, "enable"));
  assert.equal(enabled.response.status, 200, enabled.text);
  assert.equal(enabled.json.disabled, false);
  assert.equal(await tryLogin(owner), 200);
  assert.equal(query(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'moderator.enable' AND subject = '${owner.email}'`)[0].n, 1);

  for (const [what, body] of [["password-reset"], ["role", { role: "observer" }], ["enable"], ["disable"]]) {
    const own = await call(admin, "POST", account(ACCOUNTS.admin.email, what), body);
    assert.equal(own.response.status, 422, `${what} of one's own account`);
    assert.equal(own.json.error.field, "email");
  }
  assert.equal((await call(admin, "POST", account("ingen@demo.tryggve.se", "enable"))).response.status, 404);
  const moderator = await login(ACCOUNTS.moderator);
  for (const [what, body] of [["password-reset"], ["role", { role: "admin" }], ["enable"]]) {
    assert.equal((await call(moderator, "POST", account(owner.email, what), body)).response.status, 403, `a moderator may not ${what}`);
  }
  const bad = await call(admin, "POST", account(owner.email, "role"), { role: "root" });
  assert.equal(bad.response.status, 400, "an unknown role is bad JSON for the body's type");
});

test("a new role holds at once: the account logs in again under it", async () => {
  const owner = await newAccount("moderator");
  const before = await login(owner);
  assert.equal((await call(before, "GET", "/api/v1/console/demo/reports")).response.status, 200);
  const changed = await call(admin, "POST", account(owner.email, "role"), { role: "observer" });
  assert.equal(changed.response.status, 200, changed.text);
  assert.equal(changed.json.role, "observer");
  assert.equal((await call(before, "GET", "/api/v1/console/demo/reports")).response.status, 401, "its sessions ended");
  const after = await login(owner);
  assert.equal(after.info.role, "observer");
  assert.equal((await call(after, "GET", "/api/v1/console/demo/reports")).response.status, 403);
  const [entry] = query(`SELECT before, after FROM audit_log WHERE action = 'moderator.role' AND subject = '${owner.email}'`);
  assert.match(entry.before, /"moderator"/);
  assert.match(entry.after, /"observer"/);
});

test("an observer sees the lägesbild and the approved reports, never contact details or unpublished text", async () => {
  const moderator = await login(ACCOUNTS.moderator);
  const send = async (description) => {
    const { response, json } = await post("/api/v1/reports", goodReport({ description, contact_email: "boende.hemlig@example.se" }));
    assert.equal(response.status, 201, JSON.stringify(json));
    return json.case_number;
  };
  const act = (caseNumber, body) => call(moderator, "POST", `/api/v1/console/demo/reports/${caseNumber}/actions`, body);
  const published = await send("Trasig lampa vid busshållplatsen");
  const unpublished = await send("Mörkt vid huset där Kalle Karlsson bor");
  const pending = await send("Väntar på granskning hos kommunen");
  assert.equal((await act(published, { action: "approve", publish_description: true })).response.status, 200);
  assert.equal((await act(unpublished, { action: "approve", publish_description: false })).response.status, 200);

  const observer = await login(ACCOUNTS.observer);
  assert.equal(observer.info.role, "observer");
  const shared = await call(observer, "GET", "/api/v1/console/demo/shared-reports");
  assert.equal(shared.response.status, 200, shared.text);
  const byCase = new Map(shared.json.reports.map((r) => [r.case_number, r]));
  assert.equal(byCase.get(published).description, "Trasig lampa vid busshållplatsen");
  assert.ok(byCase.has(unpublished) && byCase.get(unpublished).description === undefined, "approved, text withheld");
  assert.ok(!byCase.has(pending), "not yet approved: not shared");
  assert.ok(shared.json.reports.every((r) => !("contact_email" in r) && !("reporter_group" in r)));
  assert.ok(!shared.text.includes("hemlig@") && !shared.text.includes("Kalle Karlsson") && !shared.text.includes("Väntar på granskning"));
  const place = byCase.get(published);
  assert.ok(place.lat !== 58.0337 || place.lng !== 12.8083, "the public ~50 m place, not the exact one");
  const narrowed = await call(observer, "GET", "/api/v1/console/demo/shared-reports?visibility=pending");
  assert.ok(narrowed.json.reports.some((r) => r.case_number === published), "a filter cannot reach past approved: it stays on them");
  assert.ok(!narrowed.json.reports.some((r) => r.case_number === pending));

  const byGroup = await call(observer, "GET", "/api/v1/console/demo/shared-reports?group=police");
  assert.deepEqual([byGroup.response.status, byGroup.json.error.field], [422, "group"], "observers are not told who sent a report");

  const dashboard = await call(observer, "GET", "/api/v1/console/demo/dashboard");
  assert.equal(dashboard.response.status, 200, dashboard.text);
  assert.ok(dashboard.json.total >= 3, "the lägesbild counts every report");
  const search = await call(observer, "GET", "/api/v1/console/demo/dashboard?q=Karlsson");
  assert.equal(search.response.status, 422, "no search in texts the observer may not read");
  assert.equal(search.json.error.field, "q");

  for (const path of [
    `/api/v1/console/demo/reports`, `/api/v1/console/demo/reports/${published}`, "/api/v1/console/demo/export.csv",
    "/api/v1/console/demo/export.xlsx", "/api/v1/console/demo/moderators", "/api/v1/console/demo/settings",
    "/api/v1/console/demo/audit", "/api/v1/console/demo/dialogues",
  ]) {
    assert.equal((await call(observer, "GET", path)).response.status, 403, path);
  }
  assert.equal((await act(published, { action: "set_status", status: "in_progress" })).response.status, 200, "moderators still act");
  const observerActs = await call(observer, "POST", `/api/v1/console/demo/reports/${published}/actions`, { action: "set_status", status: "resolved" });
  assert.equal(observerActs.response.status, 403, "an observer only reads");
});
