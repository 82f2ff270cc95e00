// A municipality's settings through the console API ("installt", a tenant of its own): who may
// read and change them, how bad settings are refused (naming the field, storing nothing), and
// what a change does: the CORS allowlist follows the origins, the widget's configuration and the
// report rules follow the questionnaire, and the dashboard and exports count the answers.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { EDGE, SECRETS, goodReport, post, query, sql } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "installt";
const SETTINGS = `/api/v1/console/${TENANT}/settings`;
let admin;

before(async () => {
  admin = await login({ tenant: TENANT, email: "admin@installt.example", password: "installt-admin-lösen" });
});

const sv = (text, en) => (en ? { sv: text, en } : { sv: text });

const QUESTIONNAIRE = [
  {
    id: "help",
    text: sv("Vad skulle hjälpa?", "What would help?"),
    kind: "multiple_choice",
    required: true,
    options: [{ id: "light", text: sv("Belysning") }, { id: "people", text: sv("Fler människor") }, { id: "guards", text: sv("Vakter") }],
  },
  { id: "level", text: sv("Hur otryggt?"), kind: "scale", required: false },
  { id: "idea", text: sv("Förslag?"), kind: "short_text", required: false },
];

async function current() {
  const { response, json } = await call(admin, "GET", SETTINGS);
  assert.equal(response.status, 200, JSON.stringify(json));
  return json;
}

async function save(settings) {
  return call(admin, "PUT", SETTINGS, settings);
}

test("only the tenant's admins read and change its settings", async () => {
  const settings = await current();
  assert.equal(settings.config.id, TENANT);
  assert.ok(Array.isArray(settings.origins));

  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/settings")).response.status, 403);
  const demoAdmin = await login(ACCOUNTS.admin);
  for (const [method, body] of [["GET", undefined], ["PUT", settings]]) {
    const other = await call(demoAdmin, method, SETTINGS, body);
    assert.equal(other.response.status, 403, `${method} by another tenant's admin`);
  }
  assert.equal((await call(null, "GET", SETTINGS)).response.status, 401);
  const noCsrf = await call(admin, "PUT", SETTINGS, settings, { csrf: false });
  assert.equal(noCsrf.response.status, 403);
  assert.equal(noCsrf.json.error.code, "csrf_mismatch");
  const crossOrigin = await fetch(EDGE + SETTINGS, { headers: { cookie: admin.cookie, origin: "https://evil.example" } });
  assert.equal(crossOrigin.status, 403);
  assert.equal((await call(admin, "DELETE", SETTINGS)).response.status, 405);
});

test("bad settings are refused with the field's path, and nothing is stored", async () => {
  const before = await current();
  const cases = [
    [(s) => { s.config.map.zoom = 0; }, "config.map.zoom", "invalid_choice"],
    [(s) => { s.config.map.center = { lat: 59.3, lng: 18.0 }; }, "config.map.center", "outside_area"],
    [(s) => { s.config.map.tile_url = "javascript:alert(1)//{z}{x}{y}"; }, "config.map.tile_url", "invalid_choice"],
    [(s) => { s.config.categories = ["graffiti", "weather"]; }, "config.categories[1]", "unknown_category"],
    [(s) => { s.config.languages = []; }, "config.languages", "required"],
    [(s) => { s.config.retention_days = 5; }, "config.retention_days", "invalid_choice"],
    [(s) => { s.origins = ["https://ok.example", "http://insecure.example"]; }, "origins[1]", "invalid_choice"],
    [(s) => { s.config.id = "demo"; }, "config.id", "wrong_tenant"],
    [(s) => { s.config.questionnaire = [{ id: "q", text: sv(""), kind: "scale" }]; }, "config.questionnaire[0].text.sv", "required"],
    [(s) => { s.config.questionnaire = [{ id: "q", text: sv("?"), kind: "single_choice", options: [{ id: "a", text: sv("A") }] }]; }, "config.questionnaire[0].options", "required"],
  ];
  for (const [change, field, code] of cases) {
    const wanted = structuredClone(before);
    change(wanted);
    const { response, json } = await save(wanted);
    assert.equal(response.status, 422, `${field}: ${JSON.stringify(json)}`);
    assert.deepEqual([json.error.field, json.error.code], [field, code]);
  }
  const unknownField = await save({ ...before, colour: "red" });
  assert.equal(unknownField.response.status, 400);
  assert.deepEqual(await current(), before, "nothing changed");
});

test("saved origins become the CORS allowlist at once, and the change is audited", async () => {
  const origin = "https://www.installt.example";
  const config = () => fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`, { headers: { origin } });
  assert.equal((await config()).status, 403, "not allowed before");

  const wanted = await current();
  wanted.origins = [`${origin}/`, "HTTPS://Intranat.Installt.Example"];
  wanted.config.name = "  Inställd   kommun ";
  const { response, json } = await save(wanted);
  assert.equal(response.status, 200, JSON.stringify(json));
  assert.deepEqual(json.origins, [origin, "https://intranat.installt.example"], "normalised");
  assert.equal(json.config.name, "Inställd   kommun", "trimmed");
  const allowed = await config();
  assert.equal(allowed.status, 200);
  assert.equal(allowed.headers.get("access-control-allow-origin"), origin);

  wanted.origins = [];
  assert.equal((await save(wanted)).response.status, 200);
  assert.equal((await config()).status, 403, "removed origins lose access");

  const audit = query(`SELECT action, subject, moderator_id FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'settings.update'`);
  assert.ok(audit.length >= 2, JSON.stringify(audit));
  assert.ok(audit.every((a) => a.moderator_id !== null));
});

test("a questionnaire reaches the widget's configuration, checks reports and is counted", async () => {
  const wanted = await current();
  wanted.config.questionnaire = QUESTIONNAIRE;
  const saved = await save(wanted);
  assert.equal(saved.response.status, 200, JSON.stringify(saved.json));

  const config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
  assert.deepEqual(config.questionnaire.map((q) => q.id), ["help", "level", "idea"]);

  const report = (answers) => post("/api/v1/reports", goodReport({ tenant: TENANT, answers }));
  for (const [answers, code] of [
    [{}, "required"],
    [{ help: ["light", "nonsense"] }, "invalid_choice"],
    [{ help: ["light"], level: 9 }, "invalid_choice"],
    [{ help: ["light"], ghost: 1 }, "invalid_choice"],
    [{ help: ["light"], idea: "x".repeat(201) }, "too_long"],
  ]) {
    const { response, json } = await report(answers);
    assert.equal(response.status, 422, JSON.stringify(answers));
    assert.deepEqual([json.error.field, json.error.code], ["answers", code]);
  }
  const accepted = [
    { help: ["people", "light"], level: 4, idea: "Lampor vid  busshållplatsen" },
    { help: ["light"], level: 2 },
    { help: ["guards"] },
  ];
  const cases = [];
  for (const answers of accepted) {
    const { response, json } = await report(answers);
    assert.equal(response.status, 201, JSON.stringify(json));
    cases.push(json.case_number);
  }

  const { json: dashboard } = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard`);
  const summary = Object.fromEntries(dashboard.answers.map((a) => [a.question, a]));
  const counts = (q) => Object.fromEntries(summary[q].counts.map((c) => [c.key, c.count]));
  assert.deepEqual(counts("help"), { light: 2, people: 1, guards: 1 });
  assert.equal(summary.help.answered, 3);
  assert.deepEqual(counts("level"), { 1: 0, 2: 1, 3: 0, 4: 1, 5: 0 });
  assert.equal(summary.level.mean, 3);
  assert.equal(summary.idea.answered, 1);
  assert.deepEqual(summary.idea.counts, [], "short texts are read case by case, not counted");

  const { json: detail } = await call(admin, "GET", `/api/v1/console/${TENANT}/reports/${cases[0]}`);
  assert.deepEqual(detail.answers, { help: ["light", "people"], level: 4 });
  assert.deepEqual(detail.answer_texts, { idea: "Lampor vid  busshållplatsen" }, "short texts are redactable free text");
  const csv = await call(admin, "GET", `/api/v1/console/${TENANT}/export.csv`);
  assert.match(csv.text, /"\{""help"":\[""light"",""people""\],""idea"":""Lampor vid  busshållplatsen"",""level"":4\}"/);

  // A moderator redacts the short text like the description; the original goes to the audit log.
  const act = (body) => call(admin, "POST", `/api/v1/console/${TENANT}/reports/${cases[0]}/actions`, body);
  const sneaky = await act({ action: "redact", description: "", answer_texts: { help: "injected" } });
  assert.equal(sneaky.response.status, 422, "only existing short texts can be redacted");
  const redacted = await act({ action: "redact", description: "Mörkt", answer_texts: { idea: "Lampor vid hållplatsen" } });
  assert.equal(redacted.response.status, 200, JSON.stringify(redacted.json));
  assert.deepEqual(redacted.json.answer_texts, { idea: "Lampor vid hållplatsen" });
  assert.deepEqual(redacted.json.answers, { help: ["light", "people"], level: 4 }, "choices stay");
  const [audit] = query(`SELECT before FROM audit_log WHERE tenant_id = '${TENANT}' AND action = 'report.redact' AND subject = '${cases[0]}'`);
  assert.match(audit.before, /Lampor vid  busshållplatsen/);
});

test("editing the questionnaire keeps stored answers; a question cannot change its kind", async () => {
  const wanted = await current();
  const help = wanted.config.questionnaire.find((q) => q.id === "help");
  help.text.sv = "Vad behövs?";
  help.options = help.options.filter((o) => o.id !== "guards");
  wanted.config.questionnaire = wanted.config.questionnaire.filter((q) => q.id !== "idea");
  assert.equal((await save(wanted)).response.status, 200);

  const { json: dashboard } = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard`);
  const help2 = dashboard.answers.find((a) => a.question === "help");
  assert.deepEqual(help2.counts.map((c) => [c.key, c.count]), [["light", 2], ["people", 1], ["guards", 1]],
    "a removed option's answers are still counted, after the current options");

  const changed = structuredClone(wanted);
  changed.config.questionnaire.find((q) => q.id === "level").kind = "short_text";
  const { response, json } = await save(changed);
  assert.equal(response.status, 422);
  assert.deepEqual([json.error.field, json.error.code], ["config.questionnaire[1].kind", "invalid_transition"]);
});

test("areas as large as a real municipality's fit, beyond a report's body limit", async () => {
  const wanted = await current();
  // 120 areas of 40 corners each: about 180 KB of JSON.
  wanted.config.areas = Array.from({ length: 120 }, (_, i) => {
    const lat = 57.95 + (i % 12) * 0.015;
    const lng = 12.6 + Math.floor(i / 12) * 0.03;
    const ring = Array.from({ length: 40 }, (_, k) => {
      const a = (2 * Math.PI * k) / 40;
      return { lat: lat + 0.005 * Math.sin(a), lng: lng + 0.01 * Math.cos(a) };
    });
    return { id: `omrade-${i}`, name: `Område ${i}`, polygons: [{ rings: [ring] }] };
  });
  const body = JSON.stringify(wanted);
  assert.ok(body.length > 100_000, `${body.length} bytes`);
  const { response, json } = await save(wanted);
  assert.equal(response.status, 200, JSON.stringify(json).slice(0, 300));
  assert.equal((await current()).config.areas.length, 120);
  // Every page view gets the areas by name only: the polygons stay on the edge.
  const publicConfig = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).text();
  const widgetAreas = JSON.parse(publicConfig).areas;
  assert.deepEqual(widgetAreas[7], { id: "omrade-7", name: "Område 7", polygons: [] });
  assert.ok(publicConfig.length < 20_000, `${publicConfig.length} bytes`);

  const tooBig = structuredClone(wanted);
  tooBig.config.dialogue_rules = "x".repeat(600_000);
  assert.equal((await save(tooBig)).response.status, 413);
});

test("staff report with their access code; a wrong or missing code is refused; codes are never shown", async () => {
  const wanted = await current();
  wanted.config.reporter_groups = ["resident", "staff", "business"];
  wanted.config.questionnaire = [];
  assert.equal((await save(wanted)).response.status, 200);
  const code = "Vaktmästare-rundan-7";
  const codes = `/api/v1/console/${TENANT}/access-codes`;

  const short = await call(admin, "PUT", `${codes}/staff`, { code: "kort" });
  assert.equal(short.response.status, 422);
  assert.equal((await call(admin, "PUT", `${codes}/resident`, { code })).response.status, 404, "residents need no code");
  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "PUT", "/api/v1/console/demo/access-codes/staff", { code })).response.status, 403);

  const report = (group, accessCode) =>
    post("/api/v1/reports", goodReport({ tenant: TENANT, reporter_group: group, access_code: accessCode, description: `Grupp ${group} ${Date.now()}` }));
  const noCodeYet = await report("staff", code);
  assert.equal(noCodeYet.response.status, 422);
  assert.deepEqual([noCodeYet.json.error.field, noCodeYet.json.error.code], ["access_code", "invalid_access_code"]);

  const set = await call(admin, "PUT", `${codes}/staff`, { code });
  assert.equal(set.response.status, 200, JSON.stringify(set.json));
  assert.deepEqual(set.json, { group: "staff", has_code: true });
  assert.deepEqual((await call(admin, "GET", codes)).json, [{ group: "staff", has_code: true }, { group: "police", has_code: false }]);

  for (const [group, accessCode, field, errorCode] of [
    ["staff", undefined, "access_code", "required"],
    ["staff", "fel-kod-helt-och-hållet", "access_code", "invalid_access_code"],
    ["police", code, "reporter_group", "invalid_choice"],
    ["mayor", undefined, "reporter_group", "invalid_choice"],
  ]) {
    const { response, json } = await report(group, accessCode);
    assert.equal(response.status, 422, `${group}/${accessCode}`);
    assert.deepEqual([json.error.field, json.error.code], [field, errorCode]);
  }
  const staff = await report("staff", ` ${code} `);
  assert.equal(staff.response.status, 201, JSON.stringify(staff.json));
  const business = await report("business");
  assert.equal(business.response.status, 201);

  const { json: detail } = await call(admin, "GET", `/api/v1/console/${TENANT}/reports/${staff.json.case_number}`);
  assert.equal(detail.reporter_group, "staff");
  const { json: dashboard } = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard`);
  const groups = Object.fromEntries(dashboard.by_reporter_group.map((c) => [c.key, c.count]));
  assert.equal(groups.staff, 1);
  assert.equal(groups.business, 1);

  // The code is nowhere in what the edge keeps or shows, and the old code stops working when replaced.
  const everything = JSON.stringify([query(`SELECT * FROM access_codes WHERE tenant_id = '${TENANT}'`),
    query(`SELECT * FROM audit_log WHERE tenant_id = '${TENANT}'`), (await current())]);
  assert.ok(!everything.includes(code) && !everything.includes("rundan"), "the code is stored only as a hash");
  assert.ok(everything.includes("access_code.set"), "the change is audited");
  // The hash is keyed with the deployment's pepper (here the local one xtask gives the edge),
  // so that the database alone is not enough to try codes against it.
  const message = `access-code:${TENANT}:staff:${code}`;
  const storedHash = () => query(`SELECT code_hash FROM access_codes WHERE tenant_id = '${TENANT}' AND reporter_group = 'staff'`)[0]?.code_hash;
  const peppered = createHmac("sha256", SECRETS.ACCESS_CODE_PEPPER).update(message).digest("hex");
  assert.equal(storedHash(), peppered);

  // A code stored before the pepper (a plain SHA-256) still works, and is then stored under it.
  const unpeppered = createHash("sha256").update(message).digest("hex");
  query(`UPDATE access_codes SET code_hash = ${sql(unpeppered)} WHERE tenant_id = '${TENANT}' AND reporter_group = 'staff'`);
  assert.equal((await report("staff", "inte-den-gamla-koden")).response.status, 422, "an old hash takes only its own code");
  assert.equal(storedHash(), unpeppered);
  assert.equal((await report("staff", code)).response.status, 201);
  assert.equal(storedHash(), peppered, "stored anew under the pepper");
  assert.equal((await report("staff", code)).response.status, 201);
  assert.equal((await call(admin, "PUT", `${codes}/staff`, { code: "en-helt-ny-kod-2027" })).response.status, 200);
  assert.equal((await report("staff", code)).response.status, 422, "the old code no longer works");
  assert.equal((await call(admin, "DELETE", `${codes}/staff`)).json.has_code, false);
  assert.equal((await report("staff", "en-helt-ny-kod-2027")).response.status, 422, "a removed code no longer works");
});

test("a theme is checked: readable accent, a plain font list, a sane radius", async () => {
  const wanted = await current();
  for (const [theme, field, code] of [
    [{ accent: "#aaccff" }, "config.theme.accent", "low_contrast"],
    [{ accent: "red" }, "config.theme.accent", "invalid_choice"],
    [{ font: "Arial; } :host { display: none" }, "config.theme.font", "invalid_choice"],
    [{ radius_px: 30 }, "config.theme.radius_px", "invalid_choice"],
  ]) {
    const { response, json } = await save({ ...wanted, config: { ...wanted.config, theme } });
    assert.equal(response.status, 422, JSON.stringify(theme));
    assert.deepEqual([json.error.field, json.error.code], [field, code]);
  }
  const { response, json } = await save({ ...wanted, config: { ...wanted.config, theme: { accent: "#005A70", font: "\"Open Sans\", Arial", radius_px: 4 } } });
  assert.equal(response.status, 200);
  assert.deepEqual(json.config.theme, { accent: "#005a70", font: "\"Open Sans\", Arial", radius_px: 4 });
  const config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
  assert.equal(config.theme.accent, "#005a70");
});

test("the map attribution is plain text: markup is refused, never run", async () => {
  const wanted = await current();
  const attribution = "<img src=x onerror=alert(1)> © OpenStreetMap";
  const { response, json } = await save({ ...wanted, config: { ...wanted.config, map: { ...wanted.config.map, attribution } } });
  assert.equal(response.status, 422);
  assert.deepEqual([json.error.field, json.error.code], ["config.map.attribution", "invalid_choice"]);
  const config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
  assert.ok(!config.map.attribution.includes("<img"), "nothing was stored");
});

test("the moderation policy may keep the public map to the municipality", async () => {
  const { json: filed } = await post("/api/v1/reports", goodReport({ tenant: TENANT, description: "Publik eller inte" }));
  const approve = await call(admin, "POST", `/api/v1/console/${TENANT}/reports/${filed.case_number}/actions`, { action: "approve", publish_description: false });
  assert.equal(approve.response.status, 200, JSON.stringify(approve.json));
  const publicMap = async () => (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/public-reports`)).json();
  assert.ok((await publicMap()).reports.length >= 1, "approved reports are public by default");

  const wanted = await current();
  wanted.config.public_map = false;
  assert.equal((await save(wanted)).response.status, 200);
  assert.deepEqual(await publicMap(), { total: 0, clusters: [], reports: [] }, "the policy hides them");
  const config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
  assert.equal(config.public_map, false, "and tells the widget not to offer the map of places");

  wanted.config.public_map = true;
  assert.equal((await save(wanted)).response.status, 200);
  assert.ok((await publicMap()).reports.length >= 1);
});

test("a removed question's id stays its kind: it may come back only as what it was", async () => {
  const before = await current();
  const asked = await save({ ...before, config: { ...before.config, questionnaire: QUESTIONNAIRE } });
  assert.equal(asked.response.status, 200, JSON.stringify(asked.json));
  const wanted = asked.json;
  const [first, ...rest] = wanted.config.questionnaire;
  const removed = await save({ ...wanted, config: { ...wanted.config, questionnaire: rest } });
  assert.equal(removed.response.status, 200, JSON.stringify(removed.json));
  assert.deepEqual(removed.json.config.retired_questions, [{ id: first.id, kind: first.kind }]);

  const otherKind = first.kind === "scale" ? "short_text" : "scale";
  const changed = { ...first, kind: otherKind, options: [] };
  const refused = await save({ ...removed.json, config: { ...removed.json.config, questionnaire: [...rest, changed] } });
  assert.equal(refused.response.status, 422);
  assert.deepEqual([refused.json.error.field, refused.json.error.code], [`config.questionnaire[${rest.length}].kind`, "invalid_transition"]);
  // A client cannot forget the retired question by leaving it out.
  const forgetful = await save({ ...removed.json, config: { ...removed.json.config, retired_questions: [], questionnaire: [...rest, changed] } });
  assert.equal(forgetful.response.status, 422);

  const restored = await save({ ...removed.json, config: { ...removed.json.config, questionnaire: [first, ...rest] } });
  assert.equal(restored.response.status, 200, JSON.stringify(restored.json));
  assert.equal(restored.json.config.retired_questions, undefined, "asked again, it is no longer retired");
  const back = await save({ ...restored.json, config: { ...restored.json.config, questionnaire: before.config.questionnaire } });
  assert.equal(back.response.status, 200, "the questionnaire as it was before this test");
});

// In a municipality of its own ("gissby", staff may report there), since it leaves this client
// unable to report as staff to it for an hour.
test("access codes cannot be guessed at speed: after ten wrong codes in an hour, even the right one waits", async () => {
  const tenant = "gissby";
  const gissbyAdmin = await login({ tenant, email: `admin@${tenant}.example`, password: `${tenant}-admin-lösen` });
  const codes = `/api/v1/console/${tenant}/access-codes`;
  const code = "gissa-om-du-kan-2026";
  assert.equal((await call(gissbyAdmin, "PUT", `${codes}/staff`, { code })).response.status, 200);
  const report = (accessCode) =>
    post("/api/v1/reports", goodReport({ tenant, reporter_group: "staff", access_code: accessCode }));
  // Sent all at once, so that none may slip past the count while others are being checked.
  const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => report(`gissning-nummer-${i}`)));
  const statuses = answers.map((a) => a.response.status);
  const checked = answers.filter((a) => a.response.status === 422);
  assert.ok(checked.length > 0 && checked.length <= 10, statuses.join(" "));
  assert.ok(checked.every((a) => a.json.error.field === "access_code" && a.json.error.code === "invalid_access_code"));
  assert.equal(statuses.filter((s) => s === 429).length, 15 - checked.length, statuses.join(" "));
  const right = await report(code);
  assert.equal(right.response.status, 429, "the right code waits too: a guess cannot be confirmed");
  assert.ok(Number(right.response.headers.get("retry-after")) > 0);
  const resident = await post("/api/v1/reports", goodReport({ tenant }));
  assert.equal(resident.response.status, 201, "reporting as a resident is not blocked");
});
