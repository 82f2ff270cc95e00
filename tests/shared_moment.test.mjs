// Reports that share one moment, as an import from an older register writes them (1 100 at the
// same second, in a municipality of its own, "importby"), between reports before and after it:
// the review list pages through them, newest and oldest first and filtered, and the CSV export
// (500 a page) holds them, each once and in the list's order. Pages inside such a moment are read
// apart from the pages after it (store::review_list::page), which this holds to the same order.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";

const TENANT = "importby";
const ADMIN = { tenant: TENANT, email: "admin@importby.example", password: "importby-admin-lösen" };
const IMPORTED = 1100;
const BEFORE = 20;
const AFTER = 30;
const COUNT = BEFORE + IMPORTED + AFTER;
const STATUSES = ["new", "reviewed", "in_progress", "resolved", "closed"];
const MOMENT = "2025-06-01T00:00:00.000Z";
const caseOf = (i) => `2026-${String(i).padStart(4, "0")}`;
/** The i-th report's time: the first ones a day apart in 2024, then the import, then 2026. */
const timeOf = (i) => {
  if (i <= BEFORE) return new Date(Date.UTC(2024, 0, i)).toISOString();
  if (i <= BEFORE + IMPORTED) return MOMENT;
  return new Date(Date.UTC(2026, 0, i - BEFORE - IMPORTED)).toISOString();
};

let session;
before(async () => {
  const rows = [];
  for (let i = 1; i <= COUNT; i++) {
    rows.push(`('${TENANT}', 2026, ${i}, '', 58.034, 12.808, 'graffiti', '', 'Rapport ${i}', NULL,
      '${STATUSES[i % 5]}', '${timeOf(i)}', 'pending', '{}', '{}')`);
  }
  // In the order of i, so that the row ids (the order's tie-break) rise with i. In parts: one
  // command line holds no more than 128 KB.
  for (let start = 0; start < rows.length; start += 400) {
    query(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, category, times,
      description, contact_email, status, created_at, visibility, answers, answer_texts) VALUES ${rows.slice(start, start + 400).join(",")}`);
  }
  session = await login(ADMIN);
});

/** Every report of the review list with `filter`, page after page. */
async function everyPage(filter) {
  const seen = [];
  let next = null;
  let pages = 0;
  do {
    const after = next ? `${filter ? "&" : "?"}after=${encodeURIComponent(next)}` : "";
    const { response, json } = await call(session, "GET", `/api/v1/console/${TENANT}/reports${filter}${after}`);
    assert.equal(response.status, 200, JSON.stringify(json));
    assert.ok(json.reports.length <= 50);
    seen.push(...json.reports.map((r) => r.case_number));
    next = json.next;
    pages++;
  } while (next && pages < 100);
  return seen;
}

/** The case numbers of the reports `keep` keeps, newest first (the row, then i, breaks a tie). */
const newestFirst = (keep = () => true) => {
  const kept = [];
  for (let i = 1; i <= COUNT; i++) if (keep(i)) kept.push(i);
  return kept.sort((a, b) => timeOf(b).localeCompare(timeOf(a)) || b - a).map(caseOf);
};

test("the review list pages through reports that share one moment, each once and in order", async () => {
  assert.deepEqual(await everyPage(""), newestFirst());
  assert.deepEqual(await everyPage("?order=oldest"), newestFirst().reverse());
  const fresh = await everyPage("?status=new");
  assert.ok(fresh.length > 200, "the filter spans several pages of the moment");
  assert.deepEqual(fresh, newestFirst((i) => i % 5 === 0));
});

test("the CSV export holds reports that share one moment, each once and in the list's order", async () => {
  const response = await fetch(`${EDGE}/api/v1/console/${TENANT}/export.csv`, {
    headers: { cookie: session.cookie, "x-csrf-token": session.csrf },
  });
  assert.equal(response.status, 200);
  const [header, ...lines] = (await response.text()).trimEnd().split("\r\n");
  assert.ok(header.startsWith("case_number,"));
  assert.deepEqual(lines.map((line) => line.split(",")[0]), newestFirst());
});
