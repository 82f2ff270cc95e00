// Tenant isolation: what belongs to one municipality (reports, moderators, statistics,
// exports, public map, follow-ups) is invisible and untouchable from another, through every route.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";
import { ask, createDialogue, participant, questionAction } from "./support/dialogue.mjs";

let grannby;
let demo;
let secret;
let grannbyDialogue;
before(async () => {
  grannby = await login(ACCOUNTS.otherTenantAdmin);
  demo = await login(ACCOUNTS.admin);
  grannbyDialogue = await createDialogue(grannby, "live", { title: "Grannbys hemliga dialog" });
  const asked = await ask("grannby", grannbyDialogue, participant("grannby"), { text: "Grannbys hemliga fråga" });
  grannbyDialogue = { id: grannbyDialogue, question: asked.json.id };
  await questionAction(grannby, grannbyDialogue.id, asked.json.id, { action: "approve" });
  const marker = `Grannbys hemlighet ${Date.now()}`;
  const { json } = await post("/api/v1/reports", goodReport({ tenant: "grannby", description: marker, contact_email: "g@grannby.example" }));
  secret = { ...json, marker };
  await call(grannby, "POST", `/api/v1/console/grannby/reports/${json.case_number}/actions`, { action: "approve", publish_description: true });
});

test("another municipality's moderators get 403 on every console route", async () => {
  const case_ = secret.case_number;
  // Well-formed settings for grannby, written by demo's admin: refused all the same.
  const { json: demoSettings } = await call(demo, "GET", "/api/v1/console/demo/settings");
  const intruding = { config: { ...demoSettings.config, id: "grannby", name: "Inkräktad kommun" }, origins: ["https://inkraktare.example"] };
  const routes = [
    ["GET", "/api/v1/console/grannby/reports"],
    ["GET", `/api/v1/console/grannby/reports/${case_}`],
    ["POST", `/api/v1/console/grannby/reports/${case_}/actions`, { action: "reject", reason: "off_topic" }],
    ["GET", "/api/v1/console/grannby/dashboard"],
    ["GET", "/api/v1/console/grannby/export.csv"],
    ["GET", "/api/v1/console/grannby/export.geojson"],
    ["GET", "/api/v1/console/grannby/export-excel.csv"],
    ["GET", "/api/v1/console/grannby/export.xlsx"],
    ["GET", "/api/v1/console/grannby/moderators"],
    ["POST", "/api/v1/console/grannby/moderators", { email: "in@demo.se", name: "Inkräktare", role: "admin", password: "ett långt lösenord" }],
    ["POST", "/api/v1/console/grannby/moderators/admin%40grannby.example/disable"],
    ["GET", "/api/v1/console/grannby/audit"],
    ["GET", "/api/v1/console/grannby/settings"],
    ["GET", "/api/v1/console/grannby/access-codes"],
    ["PUT", "/api/v1/console/grannby/access-codes/staff", { code: "inkräktarens-kod" }],
    ["DELETE", "/api/v1/console/grannby/access-codes/staff"],
    ["PUT", "/api/v1/console/grannby/settings", intruding],
    ["GET", "/api/v1/console/grannby/dialogues"],
    ["POST", "/api/v1/console/grannby/dialogues", { title: "Inkräktande dialog", starts_at: "2026-12-01T18:00", ends_at: "2026-12-01T19:00" }],
    ["GET", `/api/v1/console/grannby/dialogues/${grannbyDialogue.id}`],
    ["POST", `/api/v1/console/grannby/dialogues/${grannbyDialogue.id}/actions`, { action: "set_state", state: "closed" }],
    ["POST", `/api/v1/console/grannby/dialogues/${grannbyDialogue.id}/questions/${grannbyDialogue.question}/actions`, { action: "reject", reason: "offensive" }],
    ["GET", `/api/v1/console/grannby/dialogues/${grannbyDialogue.id}/minutes.md`],
    ["GET", `/api/v1/console/grannby/dialogues/${grannbyDialogue.id}/minutes.csv`],
  ];
  for (const [method, path, body] of routes) {
    const { response } = await call(demo, method, path, body);
    assert.equal(response.status, 403, `${method} ${path}`);
  }
  const [row] = query(`SELECT visibility FROM reports WHERE description = '${secret.marker}'`);
  assert.equal(row.visibility, "approved", "untouched");
  assert.equal(query("SELECT COUNT(*) AS n FROM moderators WHERE email = 'in@demo.se'")[0].n, 0);
  const [dialogue] = query(`SELECT state FROM dialogues WHERE id = ${grannbyDialogue.id}`);
  assert.equal(dialogue.state, "live", "untouched");
  const [question] = query(`SELECT status FROM questions WHERE id = ${grannbyDialogue.question}`);
  assert.equal(question.status, "approved", "untouched");
  assert.equal(query("SELECT COUNT(*) AS n FROM dialogues WHERE title = 'Inkräktande dialog'")[0].n, 0);
  assert.equal(query("SELECT name FROM tenants WHERE id = 'grannby'")[0].name, "Grannby kommun");
  assert.equal(query("SELECT COUNT(*) AS n FROM tenant_origins WHERE origin = 'https://inkraktare.example'")[0].n, 0);
  assert.equal(query("SELECT COUNT(*) AS n FROM access_codes WHERE tenant_id = 'grannby'")[0].n, 0);
});

test("one municipality's dialogues are not reachable under another's name", async () => {
  const { id, question } = grannbyDialogue;
  const who = participant();
  const asDemo = [
    ["GET", `/api/v1/console/demo/dialogues/${id}`, 404],
    ["POST", `/api/v1/console/demo/dialogues/${id}/actions`, 404, { action: "set_state", state: "closed" }],
    ["POST", `/api/v1/console/demo/dialogues/${id}/questions/${question}/actions`, 404, { action: "reject", reason: "offensive" }],
    ["GET", `/api/v1/console/demo/dialogues/${id}/minutes.csv`, 404],
  ];
  for (const [method, path, status, body] of asDemo) {
    const { response } = await call(demo, method, path, body);
    assert.equal(response.status, status, `${method} ${path}`);
  }
  const publicRoutes = [
    ["GET", `/api/v1/tenants/demo/dialogues/${id}`],
    ["GET", `/api/v1/tenants/demo/dialogues/${id}/mine`],
    ["POST", `/api/v1/tenants/demo/dialogues/${id}/questions`, { text: "Fel kommun" }],
    ["POST", `/api/v1/tenants/demo/dialogues/${id}/questions/${question}/votes`],
  ];
  for (const [method, path, body] of publicRoutes) {
    const response = await fetch(EDGE + path, {
      method,
      headers: { authorization: `Bearer ${who}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.equal(response.status, 404, `${method} ${path}`);
  }
  const demoList = await (await fetch(`${EDGE}/api/v1/tenants/demo/dialogues`)).text();
  assert.ok(!demoList.includes("Grannbys hemliga dialog"));
  const demoConsoleList = await call(demo, "GET", "/api/v1/console/demo/dialogues");
  assert.ok(!demoConsoleList.text.includes("Grannbys hemliga dialog"));
  assert.equal(query(`SELECT votes FROM questions WHERE id = ${question}`)[0].votes, 0);
  assert.equal(query("SELECT COUNT(*) AS n FROM questions WHERE text = 'Fel kommun'")[0].n, 0);
});

test("one municipality's own views never contain another's reports", async () => {
  const everything = [
    await call(demo, "GET", "/api/v1/console/demo/reports"),
    await call(demo, "GET", "/api/v1/console/demo/dashboard"),
    await call(demo, "GET", "/api/v1/console/demo/export.csv"),
    await call(demo, "GET", "/api/v1/console/demo/export.geojson"),
    await call(demo, "GET", "/api/v1/console/demo/audit"),
  ];
  for (const { response, text } of everything) {
    assert.equal(response.status, 200);
    assert.ok(!text.includes(secret.marker) && !text.includes("g@grannby.example"), response.url);
  }
  const demoPublic = await (await fetch(`${EDGE}/api/v1/tenants/demo/public-reports`)).text();
  assert.ok(!demoPublic.includes(secret.marker));
  const grannbyPublic = await (await fetch(`${EDGE}/api/v1/tenants/grannby/public-reports`)).text();
  assert.ok(grannbyPublic.includes(secret.marker), "while it is on its own municipality's map");
});

test("a follow-up code opens its case only under its own municipality", async () => {
  const auth = { headers: { authorization: `Bearer ${secret.followup_token}` } };
  const own = await fetch(`${EDGE}/api/v1/tenants/grannby/reports/${secret.case_number}`, auth);
  assert.equal(own.status, 200);
  const elsewhere = await fetch(`${EDGE}/api/v1/tenants/demo/reports/${secret.case_number}`, auth);
  assert.equal(elsewhere.status, 404);
  const demoCase = await call(demo, "GET", `/api/v1/console/demo/reports/${secret.case_number}`);
  if (demoCase.response.status === 200) {
    assert.notEqual(demoCase.json.description, secret.marker, "a same-numbered demo case is demo's own");
  }
});

test("a report cannot be filed into a municipality from another's embedding origin", async () => {
  const demoOrigin = EDGE.replace("127.0.0.1", "localhost"); // allowed for demo only
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: "grannby" }), { origin: demoOrigin });
  assert.equal(response.status, 403);
  assert.equal(json.error.code, "origin_not_allowed");
  const config = await fetch(`${EDGE}/api/v1/tenants/grannby/config`, { headers: { origin: demoOrigin } });
  assert.equal(config.status, 403);
});
