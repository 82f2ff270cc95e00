// The lägesbild of a whole municipality is read from counts the database keeps as reports
// arrive and change (migrations 0025 and 0026), not by counting the reports. Here ("rakneby", a
// municipality of its own) reports arrive, are routed, moved on, turned down, approved and
// recategorised through the console, placed anew when the areas change, and removed; after each
// step the lägesbild, unfiltered and under the filters the kept counts answer, says what the
// reports themselves say, read straight from the database.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { goodReport, post, query } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";

const TENANT = "rakneby";
const ADMIN = { tenant: TENANT, email: "admin@rakneby.example", password: "rakneby-admin-lösen" };
// Inside the demo areas (see TenantConfig::demo), and a place in the map but outside them all.
const PLACES = [[58.055, 12.80], [58.034, 12.808], [58.10, 12.60]];
const CATEGORIES = ["dark-spot", "graffiti", "drugs", "littering"];
const GROUPS = ["resident", "resident", "staff", "police"];
const TIMES = ["", "evening", "morning,night", "day", "evening,night"];
// The place names reports were given, two in each place (every other report) and none for some,
// so that which names a hot spot changes as reports are turned down and removed.
const placeName = (k) => (k % 7 === 0 ? "NULL" : `'${["Storgatan", "Parkvägen", "Torget"][k % 3]}${k % 2 ? "" : " norra"}'`);
// Last year's, so that their case numbers never meet those the residents' reports are given.
const YEAR = 2025;
const COUNT = 90;
// Turned down for these, a report is no case (RejectionReason::still_a_case).
const NO_CASE = ["off_topic", "duplicate", "outside_municipality"];

let admin;
let unit;
before(async () => {
  admin = await login(ADMIN);
  const rows = Array.from({ length: COUNT }, (_, k) => {
    const [lat, lng] = PLACES[k % 3];
    const [cellX, cellY] = [Math.floor((lng + 180) / 360 * 262144), Math.floor((lat + 90) / 180 * 262144)];
    const createdAt = new Date(Date.UTC(YEAR, 9, 1 + (k % 45), 12)).toISOString();
    return `('${TENANT}', ${YEAR}, ${k + 1}, '', ${lat}, ${lng}, ${cellX}, ${cellY}, '${CATEGORIES[k % 4]}',
      '${TIMES[k % 5]}', 'Rapport ${k + 1}', 'new', '${createdAt}', '${GROUPS[k % 4]}', ${placeName(k)})`;
  });
  query(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, cell_x, cell_y, category,
    times, description, status, created_at, reporter_group, place) VALUES ${rows.join(",")}`);
  const made = await call(admin, "POST", `/api/v1/console/${TENANT}/units`, {
    name: "Gatu- och parkenheten", email: "gata@rakneby.example", categories: ["graffiti"],
  });
  assert.equal(made.response.status, 201, made.text);
  unit = made.json;
});

/** The reports as stored, for the counts to be worked out here. */
const stored = () =>
  query(`SELECT category, area_id, status, reporter_group, visibility, rejection_reason, unit_id, times, place,
    substr(created_at, 1, 7) AS month, (cell_x >> 2) || ',' || (cell_y >> 2) AS cell FROM reports WHERE tenant_id = '${TENANT}'`);

/** How many of `reports` have each value of `key`. */
function tally(reports, key) {
  const counts = {};
  for (const r of reports) counts[r[key]] = (counts[r[key]] ?? 0) + 1;
  return counts;
}
/** Each hot spot of `reports` as its count and the place most of them were named by (the first
 * by name on a tie; stats::Tally::most_named), in order. */
function hotSpots(reports) {
  const cells = new Map();
  for (const r of reports) cells.set(r.cell, [...(cells.get(r.cell) ?? []), r]);
  return [...cells.values()].map((inCell) => {
    const names = Object.entries(tally(inCell.filter((r) => r.place !== null), "place"));
    names.sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1));
    return `${inCell.length} ${names[0]?.[0] ?? "(no name)"}`;
  }).sort();
}
/** The lägesbild's list of counts as an object, leaving out the zeros it lists for completeness. */
const counted = (list) => Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [c.key, c.count]));

// Each filter the kept counts answer (and one they answer only in part), with the reports it
// chooses. The lägesbild counts only cases unless asked to include the rest; the review list,
// whose total is read from the same counts, lists every report.
const isCase = (r) => r.visibility !== "rejected" || !NO_CASE.includes(r.rejection_reason);
const FILTERS = [
  ["", () => true],
  ["?rejected=include", () => true],
  ["?unit=-", (r) => r.unit_id === null],
  [() => `?unit=${unit.id}`, (r) => r.unit_id === unit.id],
  ["?visibility=approved", (r) => r.visibility === "approved"],
  ["?visibility=rejected&group=resident", (r) => r.visibility === "rejected" && r.reporter_group === "resident"],
  ["?status=in_progress&category=graffiti", (r) => r.status === "in_progress" && r.category === "graffiti"],
  ["?area=-", (r) => r.area_id === "-"],
];

async function assertCountsFollow(step) {
  const answers = [];
  for (const [filter, chooses] of FILTERS) {
    const asked = typeof filter === "function" ? filter() : filter;
    const situation = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard${asked}`);
    assert.equal(situation.response.status, 200, situation.text);
    const list = await call(admin, "GET", `/api/v1/console/${TENANT}/reports${asked}`);
    assert.equal(list.response.status, 200, list.text);
    answers.push([asked, situation.json, list.json, chooses]);
  }
  // Read after the lägesbild, which places any report not yet in an area first.
  const all = stored();
  for (const [asked, json, list, chooses] of answers) {
    const what = `${step}, ${asked || "unfiltered"}`;
    assert.equal(list.total, all.filter(chooses).length, `${what}: the review list's total`);
    const reports = all.filter((r) => chooses(r) && (asked.includes("rejected=include") || isCase(r)));
    assert.equal(json.total, reports.length, `${what}: total`);
    for (const [dimension, key] of [["by_area", "area_id"], ["by_category", "category"], ["by_status", "status"],
      ["by_reporter_group", "reporter_group"], ["by_month", "month"]]) {
      assert.deepEqual(counted(json[dimension]), tally(reports, key), `${what}: ${dimension}`);
    }
    const times = reports.flatMap((r) => (r.times ? r.times.split(",") : ["unspecified"]).map((time) => ({ time })));
    assert.deepEqual(counted(json.by_time_of_day), tally(times, "time"), `${what}: by_time_of_day`);
    // Three places, each a hot spot of its own.
    const spots = json.hotspots.map((h) => `${h.count} ${h.place ?? "(no name)"}`).sort();
    assert.deepEqual(spots, hotSpots(reports), `${what}: hot spots and their names`);
  }
}

test("the kept counts follow reports as they arrive, are handled, placed anew and removed", async () => {
  await assertCountsFollow("as inserted");

  for (const category of ["graffiti", "dark-spot"]) {
    const sent = await post("/api/v1/reports", goodReport({ tenant: TENANT, category }));
    assert.equal(sent.response.status, 201, JSON.stringify(sent.json));
  }
  await assertCountsFollow("two from residents");

  const act = async (seq, body) => {
    const { response, json } = await call(admin, "POST", `/api/v1/console/${TENANT}/reports/${YEAR}-${String(seq).padStart(4, "0")}/actions`, body);
    assert.equal(response.status, 200, `${seq} ${JSON.stringify(body)}: ${JSON.stringify(json)}`);
  };
  for (const seq of [2, 6, 10, 14, 18]) await act(seq, { action: "route", unit: unit.id });
  for (const seq of [2, 6, 10]) await act(seq, { action: "set_status", status: "in_progress" });
  await act(3, { action: "reject", reason: "duplicate" });
  await act(7, { action: "reject", reason: "offensive" });
  for (const seq of [1, 5, 9]) await act(seq, { action: "approve", publish_description: false });
  await act(13, { action: "recategorise", category: "graffiti" });
  await act(14, { action: "route", unit: null });
  await assertCountsFollow("handled in the console");

  // The area "norra" is given up: its reports are outside every area from now on.
  const settings = (await call(admin, "GET", `/api/v1/console/${TENANT}/settings`)).json;
  assert.ok(settings.config.areas.some((a) => a.id === "norra"));
  settings.config.areas = settings.config.areas.filter((a) => a.id !== "norra");
  const saved = await call(admin, "PUT", `/api/v1/console/${TENANT}/settings`, settings);
  assert.equal(saved.response.status, 200, saved.text);
  await assertCountsFollow("placed anew");
  assert.equal(stored().filter((r) => r.area_id === "norra").length, 0, "no report is left in the area given up");

  query(`DELETE FROM reports WHERE tenant_id = '${TENANT}' AND case_seq IN (4, 8, 10) AND case_year = ${YEAR}`);
  await assertCountsFollow("removed");
});
