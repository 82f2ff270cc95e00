// The lägesbild, the exports and the review map over more reports than a page, in a
// municipality of its own ("lagesby": the demo's areas, and a question of every kind). 1 203
// reports are written straight into the database from a rule, so every count can be worked out
// here from the same rule: the lägesbild is counted in SQL over all of them (filtered by area
// too, every matching report and none other); each export, written page by page while it is
// sent, holds every report once; the review map holds every filtered report, one by one when
// few and in clusters when many, which a coordinator opens with the keyboard.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { readSpreadsheetBytes, records } from "./support/spreadsheet.mjs";

const TENANT = "lagesby";
const ADMIN = { tenant: TENANT, email: "admin@lagesby.example", password: "lagesby-admin-lösen" };
// More than two pages of an export (500), and not a whole number of them.
const COUNT = 1203;
// Inside the demo areas (see TenantConfig::demo), and a place in the map but outside them all.
const PLACES = { norra: [58.055, 12.80], "-": [58.10, 12.60], centrum: [58.034, 12.808] };
// The place nine reports in 13 at each were named by when they arrived, the others by none (a
// rule of its own, so that no filter below keeps only unnamed ones).
const PLACE_NAMES = { norra: "Norra torget", "-": "Skogsvägen", centrum: "Stortorget" };
const AREAS = ["norra", "-", "centrum", "centrum"];
const CATEGORIES = ["dark-spot", "graffiti", "drugs"];
const STATUSES = ["new", "reviewed", "in_progress", "resolved", "closed"];
const TIMES = ["", "evening", "night", "morning,evening", "day", "evening,night"];
const GROUPS = ["staff", "police", "resident", "resident", "resident", "resident", "resident"];
// What the i-th report answered: choices and scales in `answers`, short texts in `answer_texts`;
// a question no longer asked ("old-question"), and a scale answered with a text (counts nowhere).
const ANSWERS = [
  [{ "what-would-help": ["lighting", "people"], "how-unsafe": 4, "how-often": "daily" }, {}],
  [{ "how-unsafe": 2, "how-often": "weekly" }, {}],
  [{ "what-would-help": ["lighting"], "old-question": "ja" }, {}],
  [{}, { idea: "Mer ljus vid busshållplatsen" }],
  [{ "how-unsafe": "mycket" }, {}],
  [{}, {}], [{}, {}], [{}, {}],
];

/** The i-th report as the rule makes it. */
function report(i) {
  const area = AREAS[i % 4];
  const [answers, texts] = ANSWERS[i % 8];
  return {
    i, area, case: `2026-${String(i).padStart(4, "0")}`,
    category: CATEGORIES[i % 3], status: STATUSES[i % 5], times: TIMES[i % 6], group: GROUPS[i % 7],
    place: i % 13 < 9 ? PLACE_NAMES[area] : null,
    // Over 91 days from 1 September, at ten in the morning UTC (so the day is the same in Stockholm).
    createdAt: new Date(Date.UTC(2026, 8, 1 + (i % 91), 10, i % 60)).toISOString(),
    answers, texts,
  };
}
const REPORTS = Array.from({ length: COUNT }, (_, k) => report(k + 1));

let admin;
let browser;
after(async () => { await browser?.close(); });
before(async () => {
  const rows = REPORTS.map((r) => {
    const [lat, lng] = PLACES[r.area];
    const json = (value) => `'${JSON.stringify(value)}'`;
    // The report's cell on the finest grid, as the edge stores it with every report.
    const [cellX, cellY] = [Math.floor((lng + 180) / 360 * 262144), Math.floor((lat + 90) / 180 * 262144)];
    return `('${TENANT}', 2026, ${r.i}, '', ${lat}, ${lng}, ${cellX}, ${cellY}, '${r.category}', '${r.times}',
      'Rapport ${r.i}', NULL, '${r.status}', '${r.createdAt}', 'pending', ${json(r.answers)}, ${json(r.texts)}, '${r.group}',
      ${r.place ? `'${r.place}'` : "NULL"})`;
  });
  // In parts: one command line holds no more than 128 KB.
  for (let start = 0; start < rows.length; start += 300) {
    query(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, cell_x, cell_y, category, times,
      description, contact_email, status, created_at, visibility, answers, answer_texts, reporter_group, place)
      VALUES ${rows.slice(start, start + 300).join(",")}`);
  }
  admin = await login(ADMIN);
});

/** How many of `reports` have each key `keyOf` gives (a report may give several). */
function tally(reports, keyOf) {
  const counts = {};
  for (const r of reports) for (const key of [keyOf(r)].flat()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
/** The lägesbild's list of counts as an object, leaving out the zeros it lists for completeness. */
const counted = (list) => Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [c.key, c.count]));

/** ISO 8601 week of a date, e.g. 2026-W36. */
function isoWeek(iso) {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  // The Thursday of the date's week decides the week's year.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Everything the lägesbild should say about `reports`, worked out from the rule. */
function expected(reports) {
  const given = (r) => ({ ...r.answers, ...r.texts });
  const answering = (id, shape) => reports.filter((r) => shape(given(r)[id]));
  const scale = answering("how-unsafe", Number.isInteger);
  const darkSpots = reports.filter((r) => r.category === "dark-spot")
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.i - b.i);
  return {
    total: reports.length,
    by_area: tally(reports, (r) => r.area),
    by_category: tally(reports, (r) => r.category),
    by_status: tally(reports, (r) => r.status),
    by_reporter_group: tally(reports, (r) => r.group),
    by_time_of_day: tally(reports, (r) => (r.times ? r.times.split(",") : "unspecified")),
    by_week: tally(reports, (r) => isoWeek(r.createdAt)),
    by_month: tally(reports, (r) => r.createdAt.slice(0, 7)),
    // Each area's total and its newest 100 cases, oldest first.
    compilation: Object.fromEntries(["centrum", "norra", "sodra", "-"].map((area) => {
      const all = darkSpots.filter((r) => r.area === area).map((r) => r.case);
      return [area, { total: all.length, cases: all.slice(-100) }];
    })),
    answers: {
      "what-would-help": {
        answered: answering("what-would-help", Array.isArray).length,
        counts: tally(answering("what-would-help", Array.isArray), (r) => given(r)["what-would-help"]),
      },
      "how-unsafe": {
        answered: scale.length,
        counts: tally(scale, (r) => String(given(r)["how-unsafe"])),
        mean: scale.length ? scale.reduce((sum, r) => sum + given(r)["how-unsafe"], 0) / scale.length : null,
      },
      "how-often": {
        answered: answering("how-often", (v) => typeof v === "string").length,
        counts: tally(answering("how-often", (v) => typeof v === "string"), (r) => given(r)["how-often"]),
      },
      idea: { answered: answering("idea", (v) => typeof v === "string").length, counts: {} },
    },
  };
}

async function dashboard(filter) {
  const { response, json } = await call(admin, "GET", `/api/v1/console/${TENANT}/dashboard${filter}`);
  assert.equal(response.status, 200, JSON.stringify(json));
  return json;
}

function assertSituation(json, reports, what) {
  const want = expected(reports);
  assert.equal(json.total, want.total, `${what}: total`);
  for (const key of ["by_area", "by_category", "by_status", "by_reporter_group", "by_time_of_day", "by_week", "by_month"]) {
    assert.deepEqual(counted(json[key]), want[key], `${what}: ${key}`);
  }
  assert.deepEqual(Object.fromEntries(json.compilation.map((g) => [g.area, { total: g.total, cases: g.cases }])), want.compilation, `${what}: compilation`);
  const answers = Object.fromEntries(json.answers.map((a) => [a.question, a]));
  for (const [question, summary] of Object.entries(want.answers)) {
    const got = answers[question];
    assert.equal(got.answered, summary.answered, `${what}: ${question} answered`);
    assert.deepEqual(counted(got.counts), summary.counts, `${what}: ${question} counts`);
    if (summary.mean === null) assert.equal(got.mean, null, `${what}: ${question} has no mean`);
    else if (summary.mean !== undefined) assert.ok(Math.abs(got.mean - summary.mean) < 1e-9, `${what}: ${question} mean`);
  }
  // Three places, each in a hot-spot cell of its own: every report is in one of them, and each
  // spot is named by the place its reports were named by.
  assert.deepEqual(
    json.hotspots.map((h) => `${h.count} ${h.place}`).sort(),
    Object.entries(tally(reports, (r) => r.area)).map(([area, n]) => `${n} ${PLACE_NAMES[area]}`).sort(),
    `${what}: hot spots`,
  );
}

test("the lägesbild counts every report, 1 203 of them, as the rule says", async () => {
  const json = await dashboard("");
  assertSituation(json, REPORTS, "all");
  const centrum = json.compilation.find((g) => g.area === "centrum");
  assert.ok(centrum.total > 100 && centrum.cases.length === 100, "an area with more dark spots than are listed says how many");
  assert.deepEqual(json.by_category.map((c) => c.key).slice(0, 3), ["dark-spot", "graffiti", "vandalism"],
    "the municipality's categories in its order, zeros included");
  assert.deepEqual(json.by_area.map((c) => c.key), ["centrum", "norra", "sodra", "-"]);
});

test("filtered by area, status and who sent them, it counts exactly the matching reports", async () => {
  for (const [filter, keep] of [
    ["?area=norra", (r) => r.area === "norra"],
    ["?area=centrum&status=new", (r) => r.area === "centrum" && r.status === "new"],
    ["?area=-&group=staff", (r) => r.area === "-" && r.group === "staff"],
    ["?category=dark-spot&from=2026-10-01&to=2026-10-31", (r) => r.category === "dark-spot" && r.createdAt.startsWith("2026-10")],
  ]) {
    const matching = REPORTS.filter(keep);
    assert.ok(matching.length > 20, `${filter}: a filter that keeps a good number`);
    assertSituation(await dashboard(filter), matching, filter);
  }
});

const download = (file, filter = "") =>
  fetch(`${EDGE}/api/v1/console/${TENANT}/${file}${filter}`, { headers: { cookie: admin.cookie, "x-csrf-token": admin.csrf } });

test("exports larger than a page hold every report once, filtered or not", async () => {
  const all = REPORTS.map((r) => r.case).sort();
  const centrum = REPORTS.filter((r) => r.area === "centrum").map((r) => r.case).sort();

  for (const [filter, want] of [["", all], ["?area=centrum", centrum]]) {
    const csv = await download("export.csv", filter);
    assert.equal(csv.status, 200);
    const [header, ...lines] = (await csv.text()).trimEnd().split("\r\n");
    assert.ok(header.startsWith("case_number,"));
    assert.deepEqual(lines.map((l) => l.split(",")[0]).sort(), want, `CSV ${filter}`);
  }

  const geo = await download("export.geojson");
  assert.equal(geo.status, 200);
  const collection = await geo.json();
  assert.deepEqual(collection.features.map((f) => f.properties.case_number).sort(), all, "GeoJSON");

  const excel = await download("export-excel.csv", "?area=centrum");
  assert.equal(excel.status, 200);
  const sheet = readSpreadsheetBytes(await excel.arrayBuffer(), "csv");
  const rows = records(sheet);
  assert.deepEqual(rows.map((r) => r["Ärende"]).sort(), centrum, "Excel CSV");
  assert.ok(sheet.rows[0].includes("Borttagen fråga (old-question)"), "a column for a question no longer asked");
  assert.equal(rows.find((r) => r["Ärende"] === "2026-0002")["Har du en idé?"], "", "a report that did not answer");

  const xlsx = await download("export.xlsx", "?area=norra");
  assert.equal(xlsx.status, 200);
  const book = records(readSpreadsheetBytes(await xlsx.arrayBuffer(), "xlsx"));
  assert.deepEqual(book.map((r) => r["Ärende"]).sort(), REPORTS.filter((r) => r.area === "norra").map((r) => r.case).sort(), ".xlsx");

  // Each on the record with the number of reports it took.
  const { json: audit } = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  const taken = audit.filter((e) => e.action === "report.export").map((e) => [e.subject, JSON.parse(e.after).reports]);
  assert.deepEqual(taken.slice(0, 5), [
    ["xlsx", REPORTS.filter((r) => r.area === "norra").length],
    ["excel-csv", centrum.length],
    ["geojson", COUNT],
    ["csv", centrum.length],
    ["csv", COUNT],
  ]);
});

const reviewMap = async (q) => {
  const { response, json } = await call(admin, "GET", `/api/v1/console/${TENANT}/review-map${q}`);
  assert.equal(response.status, 200, JSON.stringify(json));
  return json;
};

test("the review map holds every filtered report: clusters when many, one by one when few", async () => {
  const whole = await reviewMap("");
  assert.equal(whole.total, COUNT);
  assert.deepEqual(whole.reports, [], "clusters, not 1 203 markers");
  assert.deepEqual(whole.clusters.map((c) => c.count).sort((a, b) => a - b),
    Object.values(tally(REPORTS, (r) => r.area)).sort((a, b) => a - b), "one cluster per place, every report in one");

  const keep = (r) => r.area === "norra" && r.status === "new";
  const few = await reviewMap("?area=norra&status=new");
  assert.deepEqual(few.clusters, []);
  assert.deepEqual(few.reports.map((r) => r.case_number).sort(), REPORTS.filter(keep).map((r) => r.case).sort());
  assert.ok(few.reports.every((r) => r.status === "new" && r.lat === PLACES.norra[0] && r.lng === PLACES.norra[1]));

  // A view of centrum only: the other places are not in it.
  const centrum = await reviewMap("?bbox=12.80,58.03,12.82,58.04&zoom=14");
  assert.equal(centrum.total, REPORTS.filter((r) => r.area === "centrum").length);
  const wrong = await call(admin, "GET", `/api/v1/console/${TENANT}/review-map?bbox=12.9,58.1,12.8,58.0`);
  assert.equal(wrong.response.status, 422);
  assert.equal(wrong.json.error.field, "bbox");
});

test("on the console's map a coordinator opens clusters and reports with the keyboard", async () => {
  browser = await launch();
  for (const [width, height] of [[1280, 900], [1920, 1080], [390, 844]]) {
    const context = await browser.newContext({ locale: "sv-SE", viewport: { width, height } });
    await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${EDGE}/console/?tenant=${TENANT}`);
    await page.getByLabel("E-postadress").fill(ADMIN.email);
    await page.getByLabel("Lösenord").fill(ADMIN.password);
    await page.getByRole("button", { name: "Logga in" }).click();
    const summary = page.locator(".map-summary");
    await summary.filter({ hasText: /Kartan visar 1\s203 rapporter i vyn, samlade i grupper/ }).waitFor();
    // Every cluster is a button named by its number (the phone's wider view may gather more).
    await page.locator(".review-cluster").first().waitFor();
    await page.screenshot({ path: screenshotPath(`console-review-map-${width}.png`) });
    if (width !== 1280) {
      assert.ok(await page.getByRole("button", { name: /rapporter här: zooma in/ }).count() >= 1);
      await context.close();
      continue;
    }
    const biggest = page.getByRole("button", { name: "602 rapporter här: zooma in" });
    assert.equal(await biggest.locator("[aria-hidden=true]").textContent(), "602", "the number is what is seen");
    assert.equal(await page.locator(".review-cluster").count(), 3);
    assert.deepEqual(await axeViolations(page, [["body"]]), [], "the map with clusters passes axe-core");

    // Enter on a cluster zooms in on it: the place outside every area leaves the view.
    await biggest.focus();
    await page.keyboard.press("Enter");
    await summary.filter({ hasNotText: /1\s203/ }).filter({ hasText: /Kartan visar \d+ rapporter i vyn/ }).waitFor();
    const shown = Number((await summary.textContent()).match(/Kartan visar ([\d\s]+) rapporter/)[1].replace(/\s/g, ""));
    assert.ok(shown >= 602 && shown < COUNT, `${shown} reports in view after zooming in on centrum`);

    // Filtered to few, the reports come one by one; Enter on one opens it.
    await page.locator("#filter-area").selectOption("norra");
    await page.locator("#filter-status").selectOption("new");
    const norraNew = REPORTS.filter((r) => r.area === "norra" && r.status === "new");
    // Out again, so that norra is surely in view.
    await page.getByRole("button", { name: "Zooma ut" }).click();
    await page.getByRole("button", { name: "Zooma ut" }).click();
    await summary.filter({ hasText: `Kartan visar ${norraNew.length} rapporter i vyn.` }).waitFor();
    const first = page.locator(".review-map img.leaflet-marker-icon").first();
    await first.focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: /^Ärende 2026-\d{4}$/ }).waitFor();
    const opened = (await page.getByRole("heading", { name: /^Ärende / }).textContent()).replace("Ärende ", "");
    assert.ok(norraNew.some((r) => r.case === opened), `${opened} is one of norra's new reports`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
