// Measures (åtgärder), in a municipality of its own ("atgardsby"): a coordinator adds a measure
// linked to residents' reports, follows it from planned to done, and the residents following
// those reports see it (its title, kind, state and public text; never its cost or unit). Every
// change is audited; bad input gets 4xx JSON errors.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "atgardsby";
const ADMIN = { tenant: TENANT, email: "admin@atgardsby.example", password: "atgardsby-admin-lösen" };
const MEASURES = `/api/v1/console/${TENANT}/measures`;

let admin;
before(async () => { admin = await login(ADMIN); });

async function send(description) {
  const { response, json } = await post("/api/v1/reports", goodReport({ tenant: TENANT, description }));
  assert.equal(response.status, 201);
  return json;
}

async function follow(report) {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/reports/${report.case_number}`,
    { headers: { authorization: `Bearer ${report.followup_token}` } });
  assert.equal(response.status, 200);
  return response.json();
}

test("a measure answers residents' reports and they follow it from planned to done", async () => {
  const tunnel = await send("Mörkt i gångtunneln");
  const again = await send("Gångtunneln är fortfarande mörk");
  const other = await send("Något helt annat");
  const unit = await call(admin, "POST", `/api/v1/console/${TENANT}/units`, { name: "Gatuenheten", email: "gata@atgardsby.example" });
  assert.equal(unit.response.status, 201);
  const draft = {
    title: "Ny belysning i gångtunneln",
    kind: "lighting",
    status: "planned",
    area: "centrum",
    place: { lat: 58.0337, lng: 12.8083 },
    unit: unit.json.id,
    planned_on: "2026-12-10",
    cost_sek: 45000,
    public_text: "Fyra nya armaturer sätts upp i december.",
    reports: [tunnel.case_number, again.case_number],
  };
  const added = await call(admin, "POST", MEASURES, draft);
  assert.equal(added.response.status, 201, added.text);
  const measure = added.json;
  assert.deepEqual(measure.reports, [tunnel.case_number, again.case_number]);

  const followed = await follow(tunnel);
  assert.deepEqual(followed.measures, [{ title: "Ny belysning i gångtunneln", kind: "lighting", status: "planned", public_text: "Fyra nya armaturer sätts upp i december." }]);
  assert.doesNotMatch(JSON.stringify(followed), /45000|Gatuenheten|cost/, "never its cost or unit");
  assert.equal((await follow(other)).measures, undefined, "a report the measure does not answer shows none");

  // Done: the resident sees it done, with the day; the second report is no longer linked.
  const changed = await call(admin, "PUT", `${MEASURES}/${measure.id}`,
    { ...draft, status: "done", started_on: "2026-12-10", done_on: "2026-12-14", reports: [tunnel.case_number] });
  assert.equal(changed.response.status, 200, changed.text);
  const done = (await follow(tunnel)).measures[0];
  assert.equal(done.status, "done");
  assert.equal(done.done_on, "2026-12-14");
  assert.equal((await follow(again)).measures, undefined);

  // The case view lists the measures that answer it; the report no longer linked lists none.
  const ofCase = async (report) => call(admin, "GET", `/api/v1/console/${TENANT}/reports/${report.case_number}/measures`);
  assert.deepEqual((await ofCase(tunnel)).json.map((m) => [m.id, m.title, m.status]), [[measure.id, "Ny belysning i gångtunneln", "done"]]);
  assert.deepEqual((await ofCase(again)).json, []);
  const demoAdmin = await login(ACCOUNTS.admin);
  assert.equal((await call(demoAdmin, "GET", `/api/v1/console/${TENANT}/reports/${tunnel.case_number}/measures`)).response.status, 403, "another municipality's account");
  assert.equal((await call(admin, "GET", `/api/v1/console/${TENANT}/reports/2026-9999/measures`)).response.status, 404);

  const listed = await call(admin, "GET", MEASURES);
  assert.equal(listed.json.length, 1);
  assert.equal(listed.json[0].status, "done");
  assert.equal(listed.json[0].cost_sek, 45000);
  const audit = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  assert.ok(audit.json.some((e) => e.action === "measure.add" && e.subject === `measure ${measure.id}`));
  assert.ok(audit.json.some((e) => e.action === "measure.update" && e.subject === `measure ${measure.id}`));
});

test("bad measures, and other municipalities' measures, get 4xx JSON errors", async () => {
  const report = await send("Klotter");
  const good = { title: "Sanering", kind: "cleaning", status: "started", started_on: "2026-12-02", reports: [report.case_number] };
  const refused = async (body, field, path = MEASURES, method = "POST") => {
    const answer = await call(admin, method, path, body);
    assert.equal(answer.response.status, 422, `${JSON.stringify(body)}: ${answer.text}`);
    assert.equal(answer.json.error.field, field);
  };
  await refused({ ...good, title: "" }, "title");
  await refused({ ...good, area: "månen" }, "area");
  await refused({ ...good, place: { lat: 59.33, lng: 18.07 } }, "place");
  await refused({ ...good, done_on: "2026-12-01" }, "done_on");
  await refused({ ...good, status: "done" }, "done_on");
  await refused({ ...good, planned_on: "snart" }, "planned_on");
  await refused({ ...good, status: "done", started_on: "2026-01-01", done_on: "2026-01-02" }, "done_on", MEASURES);
  await refused({ ...good, unit: 999999 }, "unit");
  await refused({ ...good, reports: ["2026-999999"] }, "reports");
  const bad = await call(admin, "POST", MEASURES, { ...good, kind: "magic" });
  assert.equal(bad.response.status, 400);
  assert.equal((await call(admin, "PUT", `${MEASURES}/999999`, good)).response.status, 404);
  const demoAdmin = await login(ACCOUNTS.admin);
  assert.equal((await call(demoAdmin, "GET", MEASURES)).response.status, 403);
  const observer = await login(ACCOUNTS.observer);
  assert.equal((await call(observer, "GET", "/api/v1/console/demo/measures")).response.status, 403);
});
