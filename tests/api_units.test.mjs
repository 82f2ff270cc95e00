// Units and routing, in a municipality of its own ("enhetsby"): an admin defines units, a new
// report goes to the unit the rules name (the one naming its area before one covering the whole
// municipality), a moderator sends it elsewhere or to none, the review list filters by unit,
// a unit's queue puts what is past its target first; a moderator changes a report's category
// (the resident's is kept), names who handles it, sets when the event happened and writes
// internal notes. Every change is in the audit log; bad input gets 4xx JSON errors.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { goodReport, post, query, sql } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "enhetsby";
const ADMIN = { tenant: TENANT, email: "admin@enhetsby.example", password: "enhetsby-admin-lösen" };
const UNITS = `/api/v1/console/${TENANT}/units`;
// goodReport's place lies in the area "centrum"; this one in "norra".
const NORTH = { lat: 58.055, lng: 12.81 };

let admin;
let street;
let centre;
before(async () => {
  admin = await login(ADMIN);
  const added = await call(admin, "POST", UNITS, {
    name: "Gatu- och parkenheten",
    email: "Gata@Enhetsby.example",
    categories: ["graffiti", "littering", "dark-spot"],
    targets: { graffiti: 48 },
  });
  assert.equal(added.response.status, 201, added.text);
  street = added.json;
  const second = await call(admin, "POST", UNITS, {
    name: "Centrumenheten",
    email: "centrum@enhetsby.example",
    categories: ["graffiti"],
    areas: ["centrum"],
  });
  assert.equal(second.response.status, 201, second.text);
  centre = second.json;
});

async function send(overrides) {
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, ...overrides }));
  assert.equal(response.status, 201);
  const read = await call(admin, "GET", `/api/v1/console/${TENANT}/reports/${json.case_number}`);
  assert.equal(read.response.status, 200);
  return { ...read.json, followup: json.followup_token };
}

test("an admin's units are listed as defined, cleaned, with their targets", async () => {
  assert.equal(street.name, "Gatu- och parkenheten");
  assert.equal(street.email, "gata@enhetsby.example", "the address is kept lower-cased");
  assert.deepEqual(street.targets, { graffiti: 48 });
  assert.deepEqual(street.areas, [], "no areas: the whole municipality");
  const listed = await call(admin, "GET", UNITS);
  assert.equal(listed.response.status, 200);
  assert.deepEqual(listed.json.map((u) => u.id), [street.id, centre.id]);
  assert.deepEqual(listed.json[1].areas, ["centrum"]);
});

test("a new report goes to the unit the rules name", async () => {
  assert.equal((await send({ category: "graffiti" })).unit, centre.id, "the unit naming the area comes first");
  assert.equal((await send({ category: "graffiti", ...NORTH })).unit, street.id, "elsewhere, the one covering everything");
  assert.equal((await send({ category: "dark-spot" })).unit, street.id, "only one takes dark spots");
  assert.equal((await send({ category: "unsafe-environment" })).unit, null, "no unit takes it: it waits for a moderator");
});

test("a moderator sends a report to another unit or to none, and the list filters by unit", async () => {
  const report = await send({ category: "vandalism", description: "Krossad busskurar" });
  assert.equal(report.unit, null);
  const act = (unit) => call(admin, "POST", `/api/v1/console/${TENANT}/reports/${report.case_number}/actions`, { action: "route", unit });
  const routed = await act(street.id);
  assert.equal(routed.response.status, 200, routed.text);
  assert.equal(routed.json.unit, street.id);

  const inUnit = await call(admin, "GET", `/api/v1/console/${TENANT}/reports?unit=${street.id}`);
  assert.ok(inUnit.json.reports.some((r) => r.case_number === report.case_number));
  assert.ok(inUnit.json.reports.every((r) => r.unit === street.id), "the filter selects only that unit's reports");
  const unrouted = await call(admin, "GET", `/api/v1/console/${TENANT}/reports?unit=-`);
  assert.ok(!unrouted.json.reports.some((r) => r.case_number === report.case_number));
  assert.ok(unrouted.json.reports.every((r) => r.unit === null));
  assert.ok(unrouted.json.total >= 1, "the report no unit takes is among them");

  const back = await act(null);
  assert.equal(back.json.unit, null);
  const audit = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  const routes = audit.json.filter((e) => e.action === "report.route" && e.subject === report.case_number);
  assert.equal(routes.length, 2, "each routing is audited");
  assert.ok(audit.json.some((e) => e.action === "unit.add" && e.subject === `unit ${street.id}`), "and so is each unit");
});

test("an admin changes a unit; reports already routed keep theirs", async () => {
  const report = await send({ category: "graffiti" });
  assert.equal(report.unit, centre.id);
  const changed = await call(admin, "PUT", `${UNITS}/${centre.id}`, {
    name: "Centrumenheten", email: "centrum@enhetsby.example", categories: ["littering"], areas: ["centrum"], targets: { littering: 24 },
  });
  assert.equal(changed.response.status, 200, changed.text);
  assert.deepEqual(changed.json.categories, ["littering"]);
  const again = await call(admin, "GET", `/api/v1/console/${TENANT}/reports/${report.case_number}`);
  assert.equal(again.json.unit, centre.id, "the report keeps its unit");
  assert.equal((await send({ category: "graffiti" })).unit, street.id, "new graffiti goes by the new rules");
  assert.equal((await send({ category: "littering" })).unit, centre.id);
  const audit = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  const entry = audit.json.find((e) => e.action === "unit.update" && e.subject === `unit ${centre.id}`);
  assert.ok(entry, "the change is audited");
});

test("bad units, unknown units and other people's units get 4xx JSON errors", async () => {
  const refused = async (method, path, body, status, field) => {
    const { response, json } = await call(admin, method, path, body);
    assert.equal(response.status, status, `${method} ${path} ${JSON.stringify(body)}`);
    assert.match(response.headers.get("content-type"), /json/);
    if (field) assert.equal(json.error.field, field, JSON.stringify(json));
  };
  const unit = { name: "Fastighet", email: "fastighet@enhetsby.example" };
  await refused("POST", UNITS, { ...unit, name: " " }, 422, "name");
  await refused("POST", UNITS, { ...unit, email: "fastighet" }, 422, "email");
  await refused("POST", UNITS, { ...unit, categories: ["ufo"] }, 422, "categories");
  await refused("POST", UNITS, { ...unit, areas: ["månen"] }, 422, "areas");
  await refused("POST", UNITS, { ...unit, targets: { graffiti: 0 } }, 422, "targets");
  await refused("POST", UNITS, { ...unit, name: "Gatu- och parkenheten" }, 422, "name");
  await refused("POST", UNITS, { ...unit, boss: "Kalle" }, 400);
  await refused("PUT", `${UNITS}/999999`, unit, 404);
  await refused("PUT", `${UNITS}/gata`, unit, 404);
  await refused("PUT", `${UNITS}/${street.id}`, { ...unit, name: "Centrumenheten" }, 422, "name");
  const report = await send({ category: "graffiti" });
  await refused("POST", `/api/v1/console/${TENANT}/reports/${report.case_number}/actions`, { action: "route", unit: 999999 }, 422, "unit");
  await refused("GET", `/api/v1/console/${TENANT}/reports?unit=gata`, undefined, 422, "unit");

  // Another municipality's admin can neither read nor change these units, nor route to them.
  const demoAdmin = await login(ACCOUNTS.admin);
  assert.equal((await call(demoAdmin, "GET", UNITS)).response.status, 403);
  assert.equal((await call(demoAdmin, "PUT", `${UNITS}/${street.id}`, unit)).response.status, 403);
  const demoReport = (await post("/api/v1/reports", goodReport())).json;
  const crossed = await call(demoAdmin, "POST", `/api/v1/console/demo/reports/${demoReport.case_number}/actions`, { action: "route", unit: street.id });
  assert.equal(crossed.response.status, 422, "a unit of another municipality does not exist here");
  // A moderator reads the units (to route reports) but does not define them.
  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/units")).response.status, 200);
  assert.equal((await call(moderator, "POST", "/api/v1/console/demo/units", unit)).response.status, 403);
});

test("a unit's queue lists its open reports, those past their target first, and leaves out what is done or no case", async () => {
  const made = await call(admin, "POST", UNITS, { name: "Fastighetsenheten", email: "fastighet@enhetsby.example", categories: ["vandalism"], targets: { vandalism: 24 } });
  assert.equal(made.response.status, 201, made.text);
  const unit = made.json;
  const fresh = await send({ category: "vandalism", description: "Ny skada" });
  const old = await send({ category: "vandalism", description: "Gammal skada" });
  const older = await send({ category: "vandalism", description: "Äldre skada" });
  const done = await send({ category: "vandalism", description: "Lagad skada" });
  const duplicate = await send({ category: "vandalism", description: "Samma skada igen" });
  // Two of them arrived days ago (as if the register had been running).
  const backdate = (report, days) => {
    const [year, seq] = report.case_number.split("-").map(Number);
    const at = new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    query(`UPDATE reports SET created_at = ${sql(at)} WHERE tenant_id = 'enhetsby' AND case_year = ${year} AND case_seq = ${seq}`);
  };
  backdate(old, 2);
  backdate(older, 5);
  const act = (report, body) => call(admin, "POST", `/api/v1/console/${TENANT}/reports/${report.case_number}/actions`, body);
  assert.equal((await act(done, { action: "set_status", status: "in_progress" })).response.status, 200);
  assert.equal((await act(done, { action: "set_status", status: "resolved" })).response.status, 200);
  assert.equal((await act(duplicate, { action: "merge_into", case_number: fresh.case_number })).response.status, 200);

  const queue = await call(admin, "GET", `${UNITS}/${unit.id}/queue`);
  assert.equal(queue.response.status, 200, queue.text);
  assert.deepEqual(queue.json.reports.map((r) => r.case_number), [older.case_number, old.case_number, fresh.case_number],
    "past the target first (the longest past it first), the resolved and the merged left out");
  assert.equal(queue.json.total, 3);
  assert.equal(queue.json.overdue, 2);
  const [first, , last] = queue.json.reports;
  assert.equal(first.overdue, true);
  assert.equal(first.target_hours, 24);
  assert.ok(first.age_hours >= 5 * 24 - 1 && first.age_hours <= 5 * 24, `${first.age_hours} h`);
  assert.equal(last.overdue, false);
  assert.equal(last.age_hours, 0);
  assert.equal((await call(admin, "GET", `${UNITS}/999999/queue`)).response.status, 404);
});

test("a moderator changes the category (the resident's is kept), names who handles it, sets the event's time and writes notes", async () => {
  const report = await send({ category: "dark-spot", description: "Klotter i tunneln, fel kategori" });
  const path = `/api/v1/console/${TENANT}/reports/${report.case_number}`;
  const act = (body) => call(admin, "POST", `${path}/actions`, body);
  const changed = await act({ action: "recategorise", category: "graffiti" });
  assert.equal(changed.response.status, 200, changed.text);
  assert.equal(changed.json.category, "graffiti");
  assert.equal(changed.json.original_category, "dark-spot");
  assert.equal(changed.json.unit, report.unit, "the unit stays: routing is for new reports");
  const named = await act({ action: "assign", assignee: "  Kim   på gatuenheten " });
  assert.equal(named.json.assignee, "Kim på gatuenheten");
  const timed = await act({ action: "set_event_time", at: "2026-11-28T23:40" });
  assert.equal(timed.json.event_at, "2026-11-28T23:40");
  const read = await call(admin, "GET", path);
  assert.deepEqual([read.json.category, read.json.original_category, read.json.assignee, read.json.event_at],
    ["graffiti", "dark-spot", "Kim på gatuenheten", "2026-11-28T23:40"]);
  // The lägesbild counts it under its new category.
  const situation = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard?q=${encodeURIComponent(report.case_number)}`);
  assert.equal(situation.response.status, 200, situation.text);
  const counted = Object.fromEntries(situation.json.by_category.map((c) => [c.key, c.count]));
  assert.equal(counted.graffiti, 1);
  assert.equal(counted["dark-spot"], 0);

  const first = await call(admin, "POST", `${path}/notes`, { text: "Ringt Kim, åtgärdas på torsdag." });
  assert.equal(first.response.status, 201, first.text);
  assert.equal(first.json.author, "Ida Inställning");
  await call(admin, "POST", `${path}/notes`, { text: "Klart enligt Kim." });
  const notes = await call(admin, "GET", `${path}/notes`);
  assert.deepEqual(notes.json.map((n) => n.text), ["Ringt Kim, åtgärdas på torsdag.", "Klart enligt Kim."]);

  // None of it reaches the resident.
  const follow = await fetch(`${process.env.TRYGGVE_EDGE}/api/v1/tenants/${TENANT}/reports/${report.case_number}`,
    { headers: { authorization: `Bearer ${report.followup}` } });
  const resident = await follow.text();
  assert.doesNotMatch(resident, /Kim|åtgärdas på torsdag/);

  const audit = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  for (const action of ["report.recategorise", "report.assign", "report.event_time", "report.note"]) {
    assert.ok(audit.json.some((e) => e.action === action && e.subject === report.case_number), action);
  }

  const refused = async (body, field, where = `${path}/actions`) => {
    const answer = await call(admin, "POST", where, body);
    assert.equal(answer.response.status, 422, JSON.stringify(body));
    assert.equal(answer.json.error.field, field);
  };
  await refused({ action: "recategorise", category: "ufo" }, "category");
  await refused({ action: "assign", assignee: "x".repeat(101) }, "assignee");
  await refused({ action: "set_event_time", at: "igår kväll" }, "at");
  await refused({ text: "   " }, "text", `${path}/notes`);
  await refused({ text: "å".repeat(2001) }, "text", `${path}/notes`);
  assert.equal((await call(admin, "GET", `/api/v1/console/${TENANT}/reports/2026-999999/notes`)).response.status, 404);
  const observer = await login(ACCOUNTS.observer);
  assert.equal((await call(observer, "GET", "/api/v1/console/demo/reports/2026-0001/notes")).response.status, 403, "partners never read notes");
});
