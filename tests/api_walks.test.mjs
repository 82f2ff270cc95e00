// Safety walks against the real edge (in a municipality of its own, "vandringsby"): a
// coordinator plans a walk, residents see it announced and take it into their calendar (an
// .ics checked line by line), its code is stored and never shown, it moves from planned to a
// published protocol and no other way, and bad plans are clear 4xx errors.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "vandringsby";
const BASE = `/api/v1/console/${TENANT}`;
const ADMIN = { tenant: TENANT, email: "admin@vandringsby.example", password: "vandringsby-admin-lösen" };

let admin;
let config;
before(async () => {
  admin = await login(ADMIN);
  config = await (await fetch(`${EDGE}/api/v1/tenants/${TENANT}/config`)).json();
});

const plan = (overrides = {}) => ({
  title: "Trygghetsvandring i centrum",
  area: config.areas[0].id,
  starts_at: "2026-12-10T18:00",
  meeting_point: config.map.center,
  route: [config.map.center, { lat: config.map.center.lat + 0.002, lng: config.map.center.lng + 0.001 }],
  organiser: "Trygghetssamordnaren",
  organisations: "Polisen, Bostadsbolaget, Föräldrar på stan",
  description: "Vi går genom centrum, letar mörka platser och skriver ner dem.",
  ...overrides,
});

const announced = async () => {
  const response = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks`);
  assert.equal(response.status, 200);
  return response.json();
};

test("a planned walk is announced with a calendar file, walked, and its protocol published", async () => {
  const added = await call(admin, "POST", `${BASE}/walks`, plan({ title: "  Trygghetsvandring   i centrum " }));
  assert.equal(added.response.status, 201, added.text);
  const walk = added.json;
  assert.deepEqual([walk.title, walk.state, walk.has_code], ["Trygghetsvandring i centrum", "planned", false]);

  const [shown] = (await announced()).filter((w) => w.id === walk.id);
  assert.equal(shown.area_name, config.areas[0].name);
  assert.equal(shown.state, "planned");
  assert.equal(shown.organisations, "Polisen, Bostadsbolaget, Föräldrar på stan");
  assert.ok(!("has_code" in shown) && !("code_hash" in shown), "nothing of the code");

  const ics = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk.id}/calendar.ics`);
  assert.equal(ics.status, 200);
  assert.match(ics.headers.get("content-type"), /^text\/calendar/);
  assert.match(ics.headers.get("content-disposition"), new RegExp(`trygghetsvandring-${walk.id}\\.ics`));
  const text = await ics.text();
  const lines = text.split("\r\n");
  assert.equal(lines[0], "BEGIN:VCALENDAR");
  assert.ok(lines.every((l) => Buffer.byteLength(l) <= 75), "lines folded at 75 octets");
  const unfolded = text.replaceAll("\r\n ", "");
  assert.match(unfolded, /\r\nDTSTART:20261210T170000Z\r\n/, "18:00 Swedish winter time is 17:00 UTC");
  assert.match(unfolded, /\r\nDTEND:20261210T190000Z\r\n/);
  assert.match(unfolded, /\r\nSUMMARY:Trygghetsvandring i centrum\r\n/);
  assert.match(unfolded, new RegExp(`\\r\\nUID:walk-${walk.id}-${TENANT}@tryggve\\r\\n`));
  assert.match(unfolded, /\r\nGEO:\d+\.\d{6};\d+\.\d{6}\r\n/);

  // The participants' code: checked, stored, never shown.
  const short = await call(admin, "PUT", `${BASE}/walks/${walk.id}/code`, { code: "kort" });
  assert.equal(short.response.status, 422);
  assert.equal(short.json.error.field, "code");
  const coded = await call(admin, "PUT", `${BASE}/walks/${walk.id}/code`, { code: "Kvällspromenad-2026" });
  assert.equal(coded.response.status, 200, coded.text);
  assert.equal(coded.json.has_code, true);
  const listed = (await call(admin, "GET", `${BASE}/walks`)).json.find((w) => w.id === walk.id);
  assert.equal(listed.has_code, true);
  assert.ok(!JSON.stringify(listed).includes("Kvällspromenad"));

  // A participant joins with the code; a wrong one is refused in words.
  const join = (code, ip = "192.0.2.91") => fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk.id}/join`, {
    method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ code }),
  });
  const joined = await join(" Kvällspromenad-2026 ");
  assert.equal(joined.status, 200);
  const joinedWalk = await joined.json();
  assert.deepEqual([joinedWalk.id, joinedWalk.title], [walk.id, "Trygghetsvandring i centrum"]);
  const wrong = await join("Morgonpromenad-2026");
  assert.equal(wrong.status, 422);
  const refusedCode = (await wrong.json()).error;
  assert.deepEqual([refusedCode.field, refusedCode.code], ["code", "invalid_access_code"]);

  const move = (state) => call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state });
  const refused = await move("done");
  assert.equal(refused.response.status, 422, "a walk is walked before it is done");
  assert.deepEqual([refused.json.error.field, refused.json.error.code], ["state", "invalid_transition"]);
  assert.equal((await move("under_way")).json.state, "under_way");
  assert.equal((await announced()).find((w) => w.id === walk.id).state, "under_way", "the announcement follows");
  assert.equal((await move("done")).json.state, "done");
  assert.equal((await announced()).some((w) => w.id === walk.id), false, "a walk walked is no longer announced");
  assert.equal((await join("Kvällspromenad-2026")).status, 404, "nothing to join once it is done");
  assert.equal((await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk.id}/calendar.ics`)).status, 404);
  assert.equal((await move("cancelled")).response.status, 422, "a walk done is not cancelled");
  assert.equal((await move("protocol_published")).json.state, "protocol_published");
  assert.equal((await move("done")).json.state, "done", "a protocol is taken back to be corrected");

  const changed = await call(admin, "PUT", `${BASE}/walks/${walk.id}`, plan({ description: "Flyttad till torget." }));
  assert.equal(changed.response.status, 200, changed.text);
  assert.deepEqual([changed.json.description, changed.json.state, changed.json.has_code], ["Flyttad till torget.", "done", true]);

  const audit = (await call(admin, "GET", `${BASE}/audit`)).json.filter((e) => e.subject === `walk ${walk.id}`);
  assert.deepEqual(audit.map((e) => e.action).sort(),
    ["walk.add", "walk.code", "walk.state", "walk.state", "walk.state", "walk.state", "walk.update"]);
  assert.ok(!JSON.stringify(audit).includes("Kvällspromenad"), "the audit log says the code was set, never what");
});

test("guessing a walk's code is limited per client, and a right code is not counted", async () => {
  const walk = (await call(admin, "POST", `${BASE}/walks`, plan({ title: "Gissningsvandring" }))).json;
  assert.equal((await call(admin, "PUT", `${BASE}/walks/${walk.id}/code`, { code: "rätt-kod-för-vandringen" })).response.status, 200);
  const join = (code, ip) => fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk.id}/join`, {
    method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": ip }, body: JSON.stringify({ code }),
  });
  for (let i = 0; i < 5; i++) assert.equal((await join("rätt-kod-för-vandringen", "192.0.2.92")).status, 200, "right codes are not counted");
  for (let i = 0; i < 10; i++) assert.equal((await join(`gissning-nummer-${i}`, "192.0.2.92")).status, 422);
  const limited = await join("gissning-nummer-11", "192.0.2.92");
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get("retry-after")) > 0);
  assert.equal((await join("rätt-kod-för-vandringen", "192.0.2.92")).status, 429, "not even the right code, for an hour");
  assert.equal((await join("rätt-kod-för-vandringen", "192.0.2.93")).status, 200, "another client is not held back");
  const uncoded = (await call(admin, "POST", `${BASE}/walks`, plan({ title: "Utan kod" }))).json;
  const none = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${uncoded.id}/join`, {
    method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.94" }, body: JSON.stringify({ code: "vilken-kod-som-helst" }),
  });
  assert.equal(none.status, 422, "a walk without a code takes none");
});

test("bad plans are clear 4xx errors, and only the municipality's coordinators plan", async () => {
  const refusals = [
    [plan({ title: " " }), "title", "required"],
    [plan({ area: "atlantis" }), "area", "invalid_choice"],
    [plan({ starts_at: "10 december kl. 18" }), "starts_at", "invalid_date"],
    [plan({ starts_at: "2026-02-30T18:00" }), "starts_at", "invalid_date"],
    [plan({ meeting_point: { lat: 67.85, lng: 20.22 } }), "meeting_point", "outside_area"],
    [plan({ route: [config.map.center] }), "route", "invalid_choice"],
    [plan({ route: [config.map.center, { lat: 67.85, lng: 20.22 }] }), "route", "outside_area"],
    [plan({ description: "x".repeat(2001) }), "description", "too_long"],
  ];
  for (const [body, field, code] of refusals) {
    const { response, json } = await call(admin, "POST", `${BASE}/walks`, body);
    assert.equal(response.status, 422, JSON.stringify(body).slice(0, 120));
    assert.deepEqual([json.error.field, json.error.code], [field, code]);
  }
  for (const body of [plan({ leader_phone: "070-1234567" }), { title: "Utan allt" }]) {
    const { response, json } = await call(admin, "POST", `${BASE}/walks`, body);
    assert.ok([400, 422].includes(response.status), `${response.status}`);
    assert.ok(json.error.code);
  }
  assert.equal((await call(admin, "POST", `${BASE}/walks/999999/state`, { state: "under_way" })).response.status, 404);
  assert.equal((await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/999999/calendar.ics`)).status, 404);

  const observer = await login(ACCOUNTS.observer);
  assert.equal((await call(observer, "GET", "/api/v1/console/demo/walks")).response.status, 403, "an observer does not plan");
  const other = await login(ACCOUNTS.otherTenantAdmin);
  assert.equal((await call(other, "GET", `${BASE}/walks`)).response.status, 403);
  assert.equal((await call(other, "POST", `${BASE}/walks`, plan())).response.status, 403);
});
