// Safety walks against the real edge (in a municipality of its own, "vandringsby"): a
// coordinator plans a walk, residents see it announced and take it into their calendar (an
// .ics checked line by line), its code is stored and never shown, it moves from planned to a
// published protocol and no other way, and bad plans are clear 4xx errors. Participants who
// joined with the code log points while it is under way, each stored once however often sent.
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
  assert.deepEqual([joinedWalk.walk.id, joinedWalk.walk.title], [walk.id, "Trygghetsvandring i centrum"]);
  assert.match(joinedWalk.pass, /^[0-9a-f]{32}$/);
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

/** A planned walk with its code (not yet started), and a participant's pass for it. */
async function plannedWithPass(title, code) {
  const walk = (await call(admin, "POST", `${BASE}/walks`, plan({ title }))).json;
  assert.equal((await call(admin, "PUT", `${BASE}/walks/${walk.id}/code`, { code })).response.status, 200);
  const pass = await joinWith(walk.id, code);
  return { walk, pass };
}

async function joinWith(walk, code) {
  const joined = await fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk}/join`, {
    method: "POST", headers: { "content-type": "application/json", "cf-connecting-ip": "192.0.2.95" }, body: JSON.stringify({ code }),
  });
  assert.equal(joined.status, 200);
  return (await joined.json()).pass;
}

const points = (walk) => `${EDGE}/api/v1/tenants/${TENANT}/walks/${walk}/points`;
const logPoint = (walk, pass, body, headers = {}) => fetch(points(walk), {
  method: "POST",
  headers: { "content-type": "application/json", ...(pass ? { authorization: `Bearer ${pass}` } : {}), ...headers },
  body: typeof body === "string" ? body : JSON.stringify(body),
});
const readPoints = (walk, pass) => fetch(points(walk), { headers: { authorization: `Bearer ${pass}` } });
let keys = 0;
const point = (overrides = {}) => ({
  idempotency_key: `api-walk-point-${Date.now()}-${keys++}`,
  position: { lat: config.map.center.lat + 0.001, lng: config.map.center.lng },
  category: "dark_spot",
  note: "Lampan vid gångtunneln är trasig",
  unsafe_level: 4,
  ...overrides,
});

test("participants log points while the walk is under way, each stored once, and the room hears of them", async () => {
  const { walk, pass } = await plannedWithPass("Punktvandring", "punkter-i-mörkret-7");
  const early = await logPoint(walk.id, pass, point());
  assert.equal(early.status, 409, "not before the walk starts");
  assert.equal((await early.json()).error.code, "walk_not_under_way");
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "under_way" })).response.status, 200);

  const socket = new WebSocket(`${EDGE.replace("http", "ws")}/api/v1/tenants/${TENANT}/walks/${walk.id}/live`);
  const heard = [];
  socket.addEventListener("message", (e) => heard.push(...JSON.parse(e.data)));
  await new Promise((resolve, reject) => { socket.addEventListener("open", resolve); socket.addEventListener("error", reject); });

  const first = point();
  const stored = await logPoint(walk.id, pass, first);
  assert.equal(stored.status, 201);
  const storedPoint = await stored.json();
  assert.deepEqual([storedPoint.category, storedPoint.note, storedPoint.unsafe_level], ["dark_spot", first.note, 4]);
  const again = await logPoint(walk.id, pass, first);
  assert.equal(again.status, 200, "the same point sent again is the stored one");
  assert.equal((await again.json()).id, storedPoint.id);
  const reused = await logPoint(walk.id, pass, { ...first, category: "graffiti" });
  assert.equal(reused.status, 409);
  assert.equal((await reused.json()).error.code, "idempotency_conflict");
  const second = await logPoint(walk.id, pass, point({ category: "vegetation", note: "", unsafe_level: undefined }));
  assert.equal(second.status, 201);

  for (let i = 0; i < 100 && !heard.some((e) => e.count === 2); i++) await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(heard, [{ type: "points_changed", count: 1 }, { type: "points_changed", count: 2 }],
    "one word per new point, none for a point sent again; no point's content");
  socket.close();

  const listed = await readPoints(walk.id, pass);
  assert.equal(listed.status, 200);
  const all = await listed.json();
  assert.deepEqual(all.map((p) => p.category), ["dark_spot", "vegetation"]);
  assert.equal(all[1].unsafe_level, undefined);

  // A point sent once more after the walk has ended is still the stored one; a new one is refused.
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "done" })).response.status, 200);
  assert.equal((await logPoint(walk.id, pass, first)).status, 200, "a phone that comes back online late is answered");
  const late = await logPoint(walk.id, pass, point());
  assert.equal(late.status, 409);
  assert.equal((await late.json()).error.code, "walk_not_under_way");
  assert.equal((await (await readPoints(walk.id, pass)).json()).length, 2);
});

test("only a pass for the walk's current code logs points, and bad points are clear 4xx errors", async () => {
  const { walk, pass } = await plannedWithPass("Passvandring", "passet-gäller-här-3");
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "under_way" })).response.status, 200);
  const other = await plannedWithPass("Annan vandring", "en-helt-annan-kod-9");

  for (const [label, given] of [["none", null], ["made up", "0123456789abcdef0123456789abcdef"], ["malformed", "nej"], ["another walk's", other.pass]]) {
    const refused = await logPoint(walk.id, given, point());
    assert.equal(refused.status, 401, label);
    assert.equal((await refused.json()).error.code, "missing_token", label);
    assert.equal((await readPoints(walk.id, given ?? "")).status, 401, label);
  }
  const refusals = [
    [point({ position: { lat: 67.85, lng: 20.22 } }), "position", "outside_area"],
    [point({ position: { lat: 91, lng: 0 } }), "position", "not_on_earth"],
    [point({ unsafe_level: 6 }), "unsafe_level", "invalid_choice"],
    [point({ note: "x".repeat(501) }), "note", "too_long"],
    [point({ idempotency_key: "kort" }), "idempotency_key", "invalid_choice"],
  ];
  for (const [body, field, code] of refusals) {
    const refused = await logPoint(walk.id, pass, body);
    assert.equal(refused.status, 422, JSON.stringify(body).slice(0, 100));
    const error = (await refused.json()).error;
    assert.deepEqual([error.field, error.code], [field, code]);
  }
  for (const body of ["{", JSON.stringify({ ...point(), category: "ufo" }), JSON.stringify({ ...point(), name: "Anna" })]) {
    const refused = await logPoint(walk.id, pass, body);
    assert.equal(refused.status, 400, body.slice(0, 80));
    assert.ok((await refused.json()).error.code);
  }
  assert.equal((await logPoint(999999, pass, point())).status, 404);

  // A new code ends the passes given for the old one.
  assert.equal((await call(admin, "PUT", `${BASE}/walks/${walk.id}/code`, { code: "ny-kod-efter-läckan-4" })).response.status, 200);
  assert.equal((await logPoint(walk.id, pass, point())).status, 401);
  const renewed = await joinWith(walk.id, "ny-kod-efter-läckan-4");
  assert.equal((await logPoint(walk.id, renewed, point())).status, 201);
  assert.equal((await (await readPoints(walk.id, renewed)).json()).length, 1, "the refused points stored nothing");
});

test("after the walk a coordinator corrects, rejects and merges points, and the protocol lists the rest by area, dark spots first", async () => {
  const { walk, pass } = await plannedWithPass("Protokollvandring", "protokoll-i-kväll-5");
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "under_way" })).response.status, 200);
  const { lat, lng } = config.map.center;
  const logged = [];
  for (const [category, note] of [["graffiti", "Taggar på elskåpet"], ["dark_spot", "Mörkt i tunneln"], ["dark_spot", "Tunneln är mörk"], ["littering", "=1+1"], ["other", "Anna Andersson bor här"]]) {
    const response = await logPoint(walk.id, pass, point({ category, note, position: { lat: lat + 0.0004 * logged.length, lng } }));
    assert.equal(response.status, 201);
    logged.push(await response.json());
  }
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "done" })).response.status, 200);
  const [graffiti, dark, sameDark, litter, named] = logged;
  const points = `${BASE}/walks/${walk.id}/points`;
  const act = (p, body) => call(admin, "POST", `${points}/${p.id}/actions`, body);

  const merged = await act(sameDark, { action: "merge", into: dark.id });
  assert.equal(merged.response.status, 200, merged.text);
  assert.deepEqual([merged.json.state, merged.json.merged_into], ["merged", dark.id]);
  for (const [body, field] of [[{ action: "merge", into: sameDark.id }, "into"], [{ action: "merge", into: 999999 }, "into"]]) {
    const refused = await act(dark, body);
    assert.equal(refused.response.status, 422, JSON.stringify(body));
    assert.equal(refused.json.error.field, field);
  }
  assert.equal((await act(graffiti, { action: "merge", into: graffiti.id })).response.status, 422, "not into itself");
  assert.equal((await act(litter, { action: "delete" })).response.status, 400);
  assert.equal((await act(named, { action: "reject" })).json.state, "rejected");
  assert.equal((await act(named, { action: "keep" })).json.state, "kept", "a rejection is undone");
  assert.equal((await act(named, { action: "reject" })).json.state, "rejected");
  const edited = await call(admin, "PUT", `${points}/${graffiti.id}`, { position: graffiti.position, category: "vandalism", note: "Sönderslaget elskåp", unsafe_level: 2 });
  assert.equal(edited.response.status, 200, edited.text);
  assert.deepEqual([edited.json.category, edited.json.note, edited.json.state], ["vandalism", "Sönderslaget elskåp", "kept"]);
  const far = await call(admin, "PUT", `${points}/${graffiti.id}`, { position: { lat: 67.85, lng: 20.22 }, category: "vandalism" });
  assert.deepEqual([far.response.status, far.json.error.field], [422, "position"]);

  // The broken electricity cabinet becomes a case of the register, reviewed like any other.
  const category = config.categories.find((c) => c === "vandalism") ?? config.categories[0];
  const reported = await act(graffiti, { action: "report", category });
  assert.equal(reported.response.status, 200, reported.text);
  assert.match(reported.json.report, /^\d{4}-\d{4}$/);
  const again = await act(graffiti, { action: "report", category });
  assert.deepEqual([again.response.status, again.json.error.field], [422, "action"], "a point becomes one case");
  assert.deepEqual((await act(litter, { action: "report", category: "ufo" })).json.error.field, "category");
  assert.equal((await act(named, { action: "report", category })).response.status, 422, "a rejected point is no case");
  const filed = (await call(admin, "GET", `${BASE}/reports/${reported.json.report}`)).json;
  assert.deepEqual([filed.category, filed.reporter_group, filed.times], [category, "staff", ["evening"]]);
  assert.equal(filed.status, "new", "it waits for review as every report does");
  assert.match(filed.description, /^Från trygghetsvandringen Protokollvandring den 2026-12-10: Skadegörelse\.\nSönderslaget elskåp$/);
  assert.ok(Math.abs(filed.lat - graffiti.position.lat) < 1e-6);

  const listed = (await call(admin, "GET", points)).json;
  assert.deepEqual(listed.map((p) => p.state), ["kept", "kept", "merged", "kept", "rejected"]);
  assert.equal(listed[0].report, reported.json.report);
  const protocol = (await call(admin, "GET", `${BASE}/walks/${walk.id}/protocol`)).json;
  assert.deepEqual([protocol.points, protocol.dark_spots], [3, 1]);
  const ordered = protocol.areas.flatMap((a) => a.categories.flatMap((c) => c.points.map((p) => [c.category, p.marked_by])));
  assert.deepEqual(ordered.map(([c]) => c), ["dark_spot", "littering", "vandalism"], "dark spots first, then the categories' order");
  assert.equal(ordered[0][1], 2, "two participants marked the dark tunnel");
  assert.ok(!JSON.stringify(protocol).includes("Anna Andersson"), "a rejected point's note is not in the protocol");

  const csv = await call(admin, "GET", `${BASE}/walks/${walk.id}/protocol.csv`);
  assert.equal(csv.response.status, 200);
  assert.match(csv.response.headers.get("content-disposition"), new RegExp(`trygghetsvandring-${walk.id}-protokoll\.csv`));
  const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "Område;Kategori;Otrygghet (1–5);Anteckning;Markerad av;Loggad;Latitud;Longitud");
  assert.equal(lines.length, 4);
  assert.match(lines[1], /;Mörk plats, belysning;|;"Mörk plats, belysning";/);
  assert.ok(lines.some((l) => l.includes("'=1+1")), `a formula is defused: ${csv.text}`);
  const geojson = await call(admin, "GET", `${BASE}/walks/${walk.id}/protocol.geojson`);
  assert.equal(geojson.response.status, 200);
  const features = JSON.parse(geojson.text).features;
  assert.deepEqual(features.filter((f) => f.geometry.type === "Point").length, 3);
  assert.equal(features.find((f) => f.geometry.type === "LineString").geometry.coordinates[0][0], config.map.center.lng, "longitude first");

  const audit = (await call(admin, "GET", `${BASE}/audit`)).json.map((e) => e.action);
  for (const action of ["walk_point.merge", "walk_point.reject", "walk_point.edit", "walk_point.keep", "walk_point.report", "walk.protocol"]) {
    assert.ok(audit.includes(action), action);
  }

  // The lägesbild's dark spots include the walk's, with their source; the merged one counts once.
  const spotsOf = async (query = "") => (await call(admin, "GET", `${BASE}/dashboard${query}`)).json.walk_dark_spots
    .flatMap((g) => g.spots.map((s) => ({ ...s, area: g.area }))).filter((s) => s.walk === walk.id);
  const spots = await spotsOf();
  assert.deepEqual(spots.map((s) => [s.point, s.walk_title, s.walk_starts_at]), [[dark.id, "Protokollvandring", "2026-12-10T18:00"]]);
  assert.equal(spots[0].area, config.areas.find((a) => a.id === spots[0].area)?.id ?? "-");
  assert.deepEqual(await spotsOf("?from=2027-01-01"), [], "a walk outside the period is not counted");

  // The review map shows the walk's kept points beside the reports when asked, and only then.
  const reviewMap = async (query) => (await call(admin, "GET", `${BASE}/review-map?${query}`));
  const withWalks = (await reviewMap("walks=include")).json.walk_points.filter((p) => p.walk === walk.id);
  assert.deepEqual(withWalks.map((p) => p.point).sort((a, b) => a - b), [graffiti.id, dark.id, litter.id].sort((a, b) => a - b),
    "kept points only: not the merged, not the rejected");
  assert.equal(withWalks.find((p) => p.point === dark.id).walk_title, "Protokollvandring");
  assert.equal((await reviewMap("")).json.walk_points, undefined, "left out unless asked for");
  const bad = await reviewMap("walks=alla");
  assert.deepEqual([bad.response.status, bad.json.error.field], [422, "walks"]);

  // Residents read the protocol once it is published, not before.
  const publicProtocol = () => fetch(`${EDGE}/api/v1/tenants/${TENANT}/walks/${walk.id}/protocol`);
  assert.equal((await publicProtocol()).status, 404);
  assert.equal((await call(admin, "POST", `${BASE}/walks/${walk.id}/state`, { state: "protocol_published" })).response.status, 200);
  const published = await publicProtocol();
  assert.equal(published.status, 200);
  const shown = await published.json();
  assert.equal(shown.points, 3);
  assert.equal(shown.walk.organiser, "", "no names for residents");
  assert.ok(!JSON.stringify(shown).includes("Mörkt i tunneln"), "participants' notes stay in the console");
  for (const place of shown.areas.flatMap((a) => a.categories.flatMap((c) => c.points))) {
    const keys = Object.keys(place).filter((k) => k !== "unsafe_level").sort();
    assert.deepEqual(keys, ["category", "marked_by", "position"], "a place says where, what and how often, nothing else");
  }

  const observer = await login(ACCOUNTS.observer);
  assert.equal((await call(observer, "GET", `/api/v1/console/demo/walks/${walk.id}/points`)).response.status, 403);
  const other = await login(ACCOUNTS.otherTenantAdmin);
  assert.equal((await call(other, "POST", `${points}/${dark.id}/actions`, { action: "reject" })).response.status, 403);
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
