// `cargo xtask bench`: Tryggve's speed and size as measured facts, printed as one table.
// Every figure comes from this run, on this machine; ratios stand beside absolute numbers.
//
// - Transfer size of everything the embed loads from us, gzip and brotli, against Leaflet alone.
// - Time from the script tag to an interactive widget in headless Chromium, Slow 4G and 4× CPU
//   slowdown (Chrome DevTools Protocol), median of several runs.
// - Edge throughput and latency for a report and for the public map, against a JavaScript no-op
//   worker on the same workerd (Miniflare, not wrangler dev, whose proxy distorts numbers), and
//   the workerd process's CPU time per request.
// - The public map over 100 000 approved reports: latency and features per viewport by zoom.
// - Live dialogue fan-out: an approved question reaching 1 000 connected WebSockets.
// - Worker script size.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { randomBytes } from "node:crypto";
import { Miniflare } from "miniflare";
import { chromium } from "playwright-core";
import { compressed, embeds, images, later, leafletFiles, ours, widgetDir } from "./embed-files.mjs";

const root = path.resolve(import.meta.dirname, "..");
const rows = [];
const usage = {}; // what each kind of request costs (CPU, D1 rows), for the month's bill at the end
// Each row is also said on stderr as it is measured, so that a run that stops shows how far it came.
const row = (what, value, compared = "", target = "") => {
  rows.push({ what, value, compared, target });
  console.error(`bench: ${what.trim()}: ${value}`);
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (x) => `${x.toFixed(1)} ms`;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const median = (values) => percentile(values, 50);

// ---------------------------------------------------------------- sizes
// (What each element loads is in bench/embed-files.mjs; tests/widget_size.test.mjs holds it to
// bench/size-budget.json.)
const everything = compressed(embeds.report);
const leaflet = compressed(leafletFiles);
const wasm = compressed(["tryggve_report_bg.wasm"]);
const dialogueWasm = compressed(["tryggve_dialog_bg.wasm"]);
// We serve the parts of Leaflet we use (widget/js/leaflet-parts.js); the whole library, for scale.
const wholeLeaflet = zlib.brotliCompressSync(fs.readFileSync(path.join(root, "node_modules/leaflet/dist/leaflet.js")), { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
row("Embed, everything from us (brotli)", kb(everything.brotli), `${(everything.brotli / leaflet.brotli).toFixed(1)}× Leaflet alone (${kb(leaflet.brotli)}: the parts we use and its CSS; all of leaflet.js ${kb(wholeLeaflet)})`, "≤ 180 KB");
row("Embed, everything from us (gzip)", kb(everything.gzip), `${(everything.gzip / leaflet.gzip).toFixed(1)}× Leaflet alone (${kb(leaflet.gzip)})`);
row("  of which the report form's wasm (brotli)", kb(wasm.brotli), `raw ${kb(wasm.raw)}`);
// Only Swedish is compiled in: a page in another language also loads that language's words.
const words = ["en", "fi", "ar"].map((tag) => compressed([`locales/${tag}.ftl`]).brotli);
row("  a page in another language adds its words (brotli)", `≤ ${kb(Math.max(...words))}`, `en ${kb(words[0])}, fi ${kb(words[1])}, ar ${kb(words[2])}; Swedish is in the wasm`);
{
  // Where the report form's bytes go, per crate (function bodies and data; the largest first).
  const { bytesByCrate } = await import("./where-the-bytes-go.mjs");
  const { total, crates } = bytesByCrate(path.join(root, "target/browser/named/tryggve_report.wasm"));
  const share = (n) => `${((n / total) * 100).toFixed(0)} %`;
  const top = crates.slice(0, 10).map(([crate, n]) => `${crate} ${share(n)}`).join(", ");
  const rest = crates.slice(10).reduce((sum, [, n]) => sum + n, 0);
  row("  where the form's wasm goes, by crate", `${crates.length} crates`, `${top}; ${crates.length - 10} others ${share(rest)}`);
}
// Drawn only when the municipality has a public layer with a line or an area (map_layers.rs).
row("  Leaflet's lines and areas, loaded with such a layer (brotli)", kb(compressed(["leaflet-vectors.js"]).brotli), "not in the first load");
// A module of its own, loaded by the form when a resident opens their follow-up link.
row("  the follow-up view, loaded when a resident opens it (brotli)", kb(compressed(later["report follow-up"]).brotli), "not in the first load; the form's wasm and the follow-up's run side by side");
// A part of the form's module cut out by the build (xtask/src/lazy_parts.rs): it shares the
// form's Leptos, so it carries only the layer's own code.
row("  the layer of others' reports, loaded when its box is ticked (brotli)", kb(compressed(later["report public layer"]).brotli), "not in the first load; a part of the form's wasm, sharing its memory and code");
row("Live dialogue's wasm, loaded instead (brotli)", kb(dialogueWasm.brotli), `raw ${kb(dialogueWasm.raw)}`);
{
  // A page with <tryggve-walk>: the list and the walk logger, with its own Leaflet (lines added).
  const walk = compressed(embeds.walk);
  const walkWasm = compressed(["tryggve_walk_bg.wasm"]);
  const lines = compressed(["leaflet-walk.js"]).brotli - compressed(["leaflet-esm.js"]).brotli;
  row("Walk logger, everything it loads (brotli)", kb(walk.brotli), `wasm ${kb(walkWasm.brotli)}; its Leaflet ${kb(lines)} more than the form's (lines)`);
}
const workerWasm = fs.readFileSync(path.join(root, "edge/build/index_bg.wasm"));
const workerJs = fs.readFileSync(path.join(root, "edge/build/index.js"));
row("Worker script (gzip)", kb(zlib.gzipSync(Buffer.concat([workerWasm, workerJs]), { level: 9 }).length), `raw ${kb(workerWasm.length + workerJs.length)}`, "≤ 3 MB (free) / 10 MB");

// ---------------------------------------------------------------- the edge on workerd
const migrations = fs.readdirSync(path.join(root, "edge/migrations")).filter((f) => f.endsWith(".sql")).sort();
const edge = new Miniflare({
  host: "127.0.0.1",
  port: 0,
  modules: true,
  // The edge with its D1 binding counting rows read and written (bench/d1-counting.mjs).
  scriptPath: path.join(root, "bench/d1-counting.mjs"),
  modulesRoot: root,
  modulesRules: [{ type: "ESModule", include: ["**/*.js", "**/*.mjs"] }, { type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2026-07-30", // Miniflare 4's workerd (1.20260730)
  d1Databases: { DB: "tryggve-bench" },
  durableObjects: { DIALOGUE_ROOMS: { className: "DialogueRoom", useSQLite: true } },
  // As edge/wrangler.toml has it.
  ratelimits: { PUBLIC_READ_MISSES: { namespace_id: "1001", simple: { limit: 100, period: 10 } } },
  bindings: { CLIENT_SALT: "bench", ACCESS_CODE_PEPPER: "bench", PARTICIPANT_KEY: "bench", TURNSTILE_VERIFIER: "fake" },
});
const noop = new Miniflare({
  host: "127.0.0.1",
  port: 0,
  modules: true,
  script: `export default { fetch() { return new Response("{}", { headers: { "content-type": "application/json" } }); } };`,
  compatibilityDate: "2026-07-30", // Miniflare 4's workerd (1.20260730)
});
const edgeUrl = (await edge.ready).toString().replace(/\/$/, "");
const noopUrl = (await noop.ready).toString().replace(/\/$/, "");
const db = await edge.getD1Database("DB");
for (const file of migrations) {
  const sql = fs.readFileSync(path.join(root, "edge/migrations", file), "utf8");
  for (const statement of splitSql(sql)) await db.prepare(statement).run();
}
for (const statement of splitSql(fs.readFileSync(process.env.TRYGGVE_SEED_SQL, "utf8"))) await db.prepare(statement).run();

/** SQL statements of a file (no semicolons inside our strings but in the seed's JSON, handled;
 * a trigger's body, `BEGIN … END`, is kept in its statement). */
function splitSql(sql) {
  const statements = [];
  let current = "", quoted = false;
  const inTrigger = () => /^CREATE\s+TRIGGER\b/i.test(current.trim()) && !/\bEND\s*$/i.test(current.trim());
  for (const line of sql.split("\n")) {
    if (!quoted && line.trim().startsWith("--")) continue;
    for (const ch of line + "\n") {
      if (ch === "'") quoted = !quoted;
      if (ch === ";" && !quoted && !inTrigger()) {
        if (current.trim()) statements.push(current.trim());
        current = "";
      } else current += ch;
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** A request on the kept-alive agent. A GET that finds its kept socket closed by the server
 * while it was idle (Miniflare's proxy does so after a long read: "socket hang up") is sent once
 * more on a new one, as Node's documentation advises (`req.reusedSocket`); its time is the
 * second send's. */
function request(url, method = "GET", body, extraHeaders = {}, retried = false) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const headers = { ...(body ? { "content-type": "application/json" } : {}), ...extraHeaders };
    const req = http.request(url, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on("error", (error) => {
      if (method === "GET" && !retried && req.reusedSocket && error.code === "ECONNRESET") {
        console.error(`bench: a kept socket was closed by the server; ${url} sent again`);
        resolve(request(url, method, body, extraHeaders, true));
      } else {
        reject(error);
      }
    });
    req.end(body);
  });
}

/** `concurrency` loops for `seconds`: requests per second and latency percentiles. */
async function load(makeRequest, { seconds = 4, concurrency = 16 } = {}) {
  const latencies = [];
  let failures = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      const { status, ms } = await makeRequest();
      if (status >= 400) failures++;
      latencies.push(ms);
    }
  }));
  return summary(latencies, seconds, failures);
}

function summary(latencies, seconds, failures) {
  return { rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failures, count: latencies.length, latencies, seconds };
}

const report = () => JSON.stringify({
  tenant: "demo", lat: 58.03 + Math.random() * 0.01, lng: 12.80 + Math.random() * 0.01, category: "dark-spot",
  times: ["evening"], description: "Mätning", idempotency_key: randomBytes(12).toString("hex"), followup_token: randomBytes(16).toString("hex"),
});
/** CPU seconds (user + system) used so far by the workerd processes Miniflare started. */
function workerdCpuSeconds() {
  let ticks = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let stat;
    try { stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); } catch { continue; }
    const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s) ?? [];
    const fields = rest?.split(" ") ?? [];
    if (comm?.includes("workerd") && Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / 100; // clock ticks (USER_HZ)
}

/** The resident memory (MB) of the workerd processes Miniflare started. */
function workerdRssMb() {
  let kbytes = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let status;
    try { status = fs.readFileSync(`/proc/${pid}/status`, "utf8"); } catch { continue; }
    const parent = Number(status.match(/^PPid:\s+(\d+)/m)?.[1]);
    if (/^Name:\s+workerd/m.test(status) && parent === process.pid) kbytes += Number(status.match(/^VmRSS:\s+(\d+)/m)?.[1] ?? 0);
  }
  return kbytes / 1024;
}

/** The edge's running totals of D1 rows read and written (bench/d1-counting.mjs). */
const d1Totals = async () => JSON.parse((await request(`${edgeUrl}/__bench/d1`)).body);

/** `load`, and what each request took of the workerd CPU time (only the measured worker is busy)
 * and of D1's rows, read and written: what Cloudflare bills. */
async function measured(makeRequest, options) {
  const d1Before = await d1Totals();
  const cpuBefore = workerdCpuSeconds();
  const result = await load(makeRequest, options);
  result.cpuMs = ((workerdCpuSeconds() - cpuBefore) * 1000) / result.count;
  const d1After = await d1Totals();
  result.rowsRead = (d1After.rows_read - d1Before.rows_read) / result.count;
  result.rowsWritten = (d1After.rows_written - d1Before.rows_written) / result.count;
  return result;
}
const rowsOf = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
const cpu = (result) => `${result.cpuMs.toFixed(2)} ms CPU` +
  (result.rowsRead === undefined ? "" : `, D1 ${rowsOf(result.rowsRead)} rows read${result.rowsWritten ? `, ${rowsOf(result.rowsWritten)} written` : ""}`);

/** `measured` for `makeA` and `makeB` in turns (A, B, A, B, …), so that a change in the machine's
 * speed during the run (other processes, CPU boost) weighs on both alike; the turns are added up,
 * after a second of warming up each. */
async function alternating(makeA, makeB, { turns = 6, seconds = 2 } = {}) {
  const sums = [[], []];
  for (const make of [makeA, makeB]) await load(make, { seconds: 1 }); // warm both up first
  for (let turn = 0; turn < turns; turn++) {
    for (const [i, make] of [makeA, makeB].entries()) sums[i].push(await measured(make, { seconds }));
  }
  return sums.map((results) => {
    const total = summary(results.flatMap((r) => r.latencies), turns * seconds, results.reduce((n, r) => n + r.failures, 0));
    for (const key of ["cpuMs", "rowsRead", "rowsWritten"]) {
      total[key] = results.reduce((n, r) => n + (r.count ? r[key] * r.count : 0), 0) / Math.max(total.count, 1);
    }
    return total;
  });
}

const [baseline, config] = await alternating(() => request(`${noopUrl}/`), () => request(`${edgeUrl}/api/v1/tenants/demo/config`));
row("No-op JS worker, GET", `${baseline.rps.toFixed(0)} req/s`, `p50 ${ms(baseline.p50)}, p99 ${ms(baseline.p99)}; ${cpu(baseline)}`);
row("Edge GET tenant config", `${config.rps.toFixed(0)} req/s`, `${(config.rps / baseline.rps).toFixed(2)}× no-op; p50 ${ms(config.p50)}, p99 ${ms(config.p99)}; ${cpu(config)}`, "≥ 0.8× no-op");
const submit = await measured(() => request(`${edgeUrl}/api/v1/reports`, "POST", report()));
Object.assign(usage, { config, report: submit, approval: undefined });
row("Edge POST report", `${submit.rps.toFixed(0)} req/s`, `${(submit.rps / baseline.rps).toFixed(2)}× no-op; p50 ${ms(submit.p50)}, p99 ${ms(submit.p99)}; ${cpu(submit)}${submit.failures ? `; ${submit.failures} failed` : ""}`);

// ---------------------------------------------------------------- the public map at 100 000 reports
// Seeded straight into D1 as already approved (like an import), in hot spots and spread over
// the municipality; then one approval through the console counts them all into the grid cells,
// as the edge does after every moderator decision.
const SEEDED = 100_000;
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const bounds = { south: 57.90, west: 12.55, north: 58.15, east: 13.05 }; // the demo municipality
const hotSpots = Array.from({ length: 12 }, () => [58.0 + random() * 0.08, 12.70 + random() * 0.2]);
const seeded = [];
for (let i = 0; i < SEEDED; i++) {
  let lat, lng;
  if (i % 4 === 0) {
    [lat, lng] = [bounds.south + random() * (bounds.north - bounds.south), bounds.west + random() * (bounds.east - bounds.west)];
  } else {
    const [hlat, hlng] = hotSpots[i % hotSpots.length];
    [lat, lng] = [hlat + (random() - 0.5) * 0.02, hlng + (random() - 0.5) * 0.04];
  }
  const cell = (fraction) => Math.floor(fraction * 262144); // core::public_map::cell_of at level 18
  // Three years of reports, one every 16 minutes, as a municipality's register fills.
  const createdAt = new Date(Date.UTC(2023, 0, 1) + i * 946_000).toISOString();
  seeded.push(`('demo', 2020, ${i + 1}, '', ${lat.toFixed(6)}, ${lng.toFixed(6)}, 'graffiti', 'approved', 'reviewed', '${createdAt}', ${cell((lng + 180) / 360)}, ${cell((lat + 90) / 180)})`);
}
for (let i = 0; i < seeded.length; i += 20_000) {
  const statements = [];
  for (let j = i; j < Math.min(i + 20_000, seeded.length); j += 500) {
    statements.push(db.prepare(`INSERT INTO reports (tenant_id, case_year, case_seq, followup_token_hash, lat, lng, category, visibility, status, created_at, cell_x, cell_y) VALUES ${seeded.slice(j, j + 500).join(",")}`));
  }
  await db.batch(statements);
}
const login = await fetch(`${edgeUrl}/api/v1/console/login`, { method: "POST", headers: { "content-type": "application/json" },
  body: JSON.stringify({ tenant: "demo", email: "moderator@demo.tryggve.se", password: "demo-moderator-lösen" }) });
const session = { cookie: login.headers.getSetCookie()[0].split(";")[0], csrf: (await login.json()).csrf_token };
const consoleCall = (method, pathname, body) => fetch(`${edgeUrl}${pathname}`, { method,
  headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrf }, body: body && JSON.stringify(body) });
const filed = await (await fetch(`${edgeUrl}/api/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: report() })).json();
const importStarted = performance.now();
const firstApproval = await consoleCall("POST", `/api/v1/console/demo/reports/${filed.case_number}/actions`, { action: "approve", publish_description: false });
if (firstApproval.status !== 200) throw new Error(`approval failed: ${firstApproval.status} ${await firstApproval.text()}`);
const importMs = performance.now() - importStarted;
// And what a moderator's approval costs from then on (median of 10, one new report each).
const approvals = [];
const approval = { cpuMs: 0, rowsRead: 0, rowsWritten: 0, count: 10 }; // per approval, for the bill
for (let i = 0; i < approval.count; i++) {
  const next = await (await fetch(`${edgeUrl}/api/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: report() })).json();
  const [d1Before, cpuBefore, started] = [await d1Totals(), workerdCpuSeconds(), performance.now()];
  const answer = await consoleCall("POST", `/api/v1/console/demo/reports/${next.case_number}/actions`, { action: "approve", publish_description: false });
  if (answer.status !== 200) throw new Error(`approval failed: ${answer.status}`);
  approvals.push(performance.now() - started);
  const d1After = await d1Totals();
  approval.cpuMs += ((workerdCpuSeconds() - cpuBefore) * 1000) / approval.count;
  approval.rowsRead += (d1After.rows_read - d1Before.rows_read) / approval.count;
  approval.rowsWritten += (d1After.rows_written - d1Before.rows_written) / approval.count;
}
usage.approval = approval;
row(`  one approval counting ${SEEDED} imported reports`, ms(importMs), `once, after a bulk import; each approval after it: median ${ms(median(approvals))}, ${cpu(approval)}`);
const approved = (await db.prepare("SELECT COUNT(*) AS n FROM reports WHERE tenant_id = 'demo' AND visibility = 'approved'").first()).n;
const cells = (await db.prepare("SELECT COUNT(*) AS n FROM public_cells").first()).n;

// A phone-sized map (400 × 600 CSS pixels) at a random place in the municipality, per zoom level.
const VIEW = { width: 400, height: 600 };
function viewportAt(zoom) {
  const scale = 256 * 2 ** zoom;
  const x = (lng) => ((lng + 180) / 360) * scale;
  const y = (lat) => ((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * scale;
  const lngAt = (px) => (px / scale) * 360 - 180;
  const latAt = (py) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / scale))) * 180) / Math.PI;
  const [hlat, hlng] = hotSpots[Math.floor(random() * hotSpots.length)];
  const cx = x(hlng + (random() - 0.5) * 0.05), cy = y(hlat + (random() - 0.5) * 0.03);
  const bbox = [lngAt(cx - VIEW.width / 2), latAt(cy + VIEW.height / 2), lngAt(cx + VIEW.width / 2), latAt(cy - VIEW.height / 2)];
  return `bbox=${bbox.map((v) => v.toFixed(5)).join(",")}&zoom=${zoom}`;
}
// Each request from a resident of their own (an address of their own): the edge limits each
// client's reads that miss the cache, and a new viewport is a miss.
let residents = 0;
const resident = () => {
  const n = residents++;
  return { "cf-connecting-ip": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
};
for (const zoom of [10, 12, 14, 16, 18]) {
  const features = [];
  const query = async () => {
    const answer = await request(`${edgeUrl}/api/v1/tenants/demo/public-reports?${viewportAt(zoom)}`, "GET", undefined, resident());
    if (answer.status === 200) {
      const map = JSON.parse(answer.body);
      features.push(map.clusters.length + map.reports.length);
    }
    return answer;
  };
  // Latency one request at a time (what a resident waits), then throughput with 8 at once.
  const alone = await measured(query, { seconds: 3, concurrency: 1 });
  const loaded = await measured(query, { seconds: 3, concurrency: 8 });
  if (zoom === 14) usage.mapMoved = alone;
  row(`Edge GET public map, zoom ${zoom} (${approved} reports)`, `p99 ${ms(alone.p99)}`,
    `p50 ${ms(alone.p50)}; median ${percentile(features, 50)}, max ${Math.max(...features)} features; ${cpu(alone)}; ` +
    `8 at once: ${loaded.rps.toFixed(0)} req/s (${(loaded.rps / baseline.rps).toFixed(2)}× no-op), p99 ${ms(loaded.p99)}`,
    zoom === 10 ? "p99 ≤ 25 ms, ≤ 500 features" : "");
}
row("  grid cells counted for the public map", `${cells}`, `levels 4–18, for ${approved} approved reports`);
{
  // The map most residents see first (the municipality's whole map) from the data centre's
  // cache, beside the same map read anew (a new cache generation before each request: what a
  // moderator's approval starts).
  const whole = `${edgeUrl}/api/v1/tenants/demo/public-reports`;
  const outcomes = { hit: 0, miss: 0 };
  const read = async () => {
    const answer = await request(whole, "GET", undefined, resident());
    outcomes[answer.headers["x-tryggve-cache"]] = (outcomes[answer.headers["x-tryggve-cache"]] ?? 0) + 1;
    return answer;
  };
  const cachedRead = await measured(read, { seconds: 3, concurrency: 1 });
  const hits = outcomes.hit;
  usage.mapCached = cachedRead;
  let changes = 0;
  const freshRead = async () => {
    // A moderator's approval of a new report starts a new generation; only the map's read is timed.
    changes++;
    const next = await (await fetch(`${edgeUrl}/api/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body: report() })).json();
    const approved = await consoleCall("POST", `/api/v1/console/demo/reports/${next.case_number}/actions`, { action: "approve", publish_description: false });
    if (approved.status !== 200) throw new Error(`approval failed: ${approved.status}`);
    return read();
  };
  const fresh = await measured(freshRead, { seconds: 3, concurrency: 1 });
  row(`Edge GET public map, whole map, cached (${approved} reports)`, `p99 ${ms(cachedRead.p99)}`,
    `p50 ${ms(cachedRead.p50)}; ${hits} of ${cachedRead.count} from the cache; ${cpu(cachedRead)}`, "");
  row(`  the same, read anew after each change`, `p99 ${ms(fresh.p99)}`,
    `p50 ${ms(fresh.p50)}; each after an approval that starts a new generation (${changes}, not timed); ${outcomes.miss} misses in all`, "");
}

// ---------------------------------------------------------------- the console at 100 000 reports
{
  const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
  const get = (pathname) => request(`${edgeUrl}${pathname}`, "GET", undefined, headers);
  // The first filtered read after an import places every report in its area, once. (A socket
  // kept alive through its seconds may be closed by Miniflare's proxy: `request` sends again.)
  const placing = await get("/api/v1/console/demo/reports");
  if (placing.status !== 200) throw new Error(`review list: ${placing.status} ${placing.body}`);
  const total = JSON.parse(placing.body).total;
  row(`  the first review read after the import`, ms(placing.ms), `places all ${total} reports in their areas, once`, "");
  for (const [what, pathname, target] of [
    ["review list, first page", "/api/v1/console/demo/reports", "p99 ≤ 100 ms"],
    ["review list, one area by status", "/api/v1/console/demo/reports?area=centrum&order=status", "p99 ≤ 100 ms"],
    ["review list, text search", "/api/v1/console/demo/reports?q=M%C3%A4tning", ""],
    ["lägesbild", "/api/v1/console/demo/dashboard", "p99 ≤ 100 ms"],
    ["lägesbild, one area", "/api/v1/console/demo/dashboard?area=centrum", "p99 ≤ 100 ms"],
    ["lägesbild, one year", "/api/v1/console/demo/dashboard?from=2025-01-01&to=2025-12-31", "p99 ≤ 100 ms"],
    ["review map, whole municipality", "/api/v1/console/demo/review-map", ""],
  ]) {
    // 8 s of each, one at a time (100–1 100 requests), so that a p99 is not one slow request's.
    const result = await measured(() => get(pathname), { seconds: 8, concurrency: 1 });
    usage[what] = result;
    row(`Console GET ${what} (${total} reports)`, `p99 ${ms(result.p99)}`,
      `p50 ${ms(result.p50)}; ${cpu(result)}; ${result.count} requests, ${result.failures} failed`, target);
  }
  {
    // Which of the lägesbild's statements read the most rows, in one request (the whole log in
    // target/bench/lagesbild-statements.txt), so that the next cut is aimed.
    await fetch(`${edgeUrl}/__bench/d1/trace`);
    const answer = await get("/api/v1/console/demo/dashboard");
    if (answer.status !== 200) throw new Error(`lägesbild: ${answer.status}`);
    const traced = await (await fetch(`${edgeUrl}/__bench/d1/trace`)).json();
    const all = traced.reduce((sum, t) => sum + t.rows_read, 0);
    // (A `|` of SQL's concatenation would end the README table's cell.)
    const brief = (sql) => sql.replace(/\s+/g, " ").replaceAll("|", "¦").slice(0, 60);
    fs.mkdirSync(path.join(root, "target/bench"), { recursive: true });
    fs.writeFileSync(path.join(root, "target/bench/lagesbild-statements.txt"),
      traced.map((t) => `${t.rows_read} rows, ${t.runs}×: ${t.sql.replace(/\s+/g, " ")}`).join("\n\n") + "\n");
    const top = traced.slice(0, 3).map((t) => `${((t.rows_read / all) * 100).toFixed(0)} % \`${brief(t.sql)}…\``).join("; ");
    row("  the lägesbild's statements, largest reads first", `${traced.length} statements`, `${all} rows in one request: ${top}`);
  }
  // The CSV export of every report: its time, its size, and workerd's resident memory at the
  // export's peak (sampled every 20 ms) against before.
  const before = workerdRssMb();
  let peak = before;
  const sampler = setInterval(() => { peak = Math.max(peak, workerdRssMb()); }, 20);
  // Five in a row, one at a time (a coordinator's export takes seconds; they do not overlap).
  const EXPORTS = 5;
  const [d1Before, cpuBefore] = [await d1Totals(), workerdCpuSeconds()];
  const exports = [];
  for (let i = 0; i < EXPORTS; i++) {
    const exported = await get("/api/v1/console/demo/export.csv");
    if (exported.status !== 200) throw new Error(`export: ${exported.status}`);
    exports.push({ ms: exported.ms, bytes: exported.body.length, lines: exported.body.toString().trimEnd().split("\r\n").length - 1 });
  }
  clearInterval(sampler);
  const d1After = await d1Totals();
  const each = (value) => value / EXPORTS;
  usage.export = { cpuMs: each((workerdCpuSeconds() - cpuBefore) * 1000), rowsRead: each(d1After.rows_read - d1Before.rows_read), rowsWritten: each(d1After.rows_written - d1Before.rows_written) };
  const times = exports.map((e) => e.ms);
  const complete = exports.filter((e) => e.lines === total).length;
  row("Console CSV export of every report", `p50 ${ms(percentile(times, 50))}`,
    `p99 ${ms(percentile(times, 99))} (${EXPORTS} in a row); ${complete} of ${EXPORTS} held all ${total} reports, ${kb(exports[0].bytes)}; workerd's memory ${before.toFixed(0)} MB before, ${peak.toFixed(0)} MB at its peak; each ${cpu(usage.export)}`,
    "complete; a worker has 128 MB");
}

// ---------------------------------------------------------------- live fan-out
const clients = 1000;
await db.prepare(`INSERT INTO dialogues (id, tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
  VALUES (9001, 'demo', 'Mätning', '2026-12-01T18:00', '2026-12-01T19:00', 'live', '2026-11-01', '2026-11-01')`).run();
/** A participant code, issued by the edge as the widget asks for one. */
async function participantCode(headers = {}) {
  const response = await fetch(`${edgeUrl}/api/v1/tenants/demo/participants`, { method: "POST", headers });
  if (response.status !== 201) throw new Error(`participant code: ${response.status} ${await response.text()}`);
  return (await response.json()).code;
}

/** Asks `text` in dialogue `dialogue` as the participant `code`; fails loudly rather than
 * waiting for a question that was never stored. */
async function askAs(code, dialogue, text, headers = {}) {
  const response = await fetch(`${edgeUrl}/api/v1/tenants/demo/dialogues/${dialogue}/questions`, { method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${code}`, ...headers }, body: JSON.stringify({ text }) });
  if (response.status !== 201) throw new Error(`ask: ${response.status} ${await response.text()}`);
  return response.json();
}

const sockets = await Promise.all(Array.from({ length: clients }, () => new Promise((resolve, reject) => {
  const socket = new WebSocket(`${edgeUrl.replace("http", "ws")}/api/v1/tenants/demo/dialogues/9001/live`);
  socket.onopen = () => resolve(socket);
  socket.onerror = reject;
})));
const arrivals = [];
for (let round = 0; round < 5; round++) {
  const asked = await askAs(await participantCode(), 9001, `Fråga ${round}`);
  const received = sockets.map((socket) => new Promise((resolve) => {
    socket.onmessage = (event) => {
      if (JSON.parse(event.data).some((e) => e.type === "question" && e.question.id === asked.id)) resolve(performance.now());
    };
  }));
  const sent = performance.now();
  await fetch(`${edgeUrl}/api/v1/console/demo/dialogues/9001/questions/${asked.id}/actions`, { method: "POST",
    headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrf }, body: JSON.stringify({ action: "approve" }) });
  const thisRound = (await Promise.all(received)).map((at) => at - sent);
  arrivals.push(...thisRound);
  // Each round said on stderr: whether a slow p99 is one round's or every round's tail.
  console.error(`bench: fan-out round ${round + 1}: first ${ms(Math.min(...thisRound))}, p50 ${ms(median(thisRound))}, last ${ms(Math.max(...thisRound))}`);
}
sockets.forEach((s) => s.close());
row(`Live: approved question → ${clients} WebSockets`, `p50 ${ms(median(arrivals))}`, `p99 ${ms(percentile(arrivals, 99))} (5 rounds, from the moderator's click)`, "p99 ≤ 250 ms");
// What a participant costs: a participant code, then a question (each from an address of its own).
usage.participant = await measured(() => request(`${edgeUrl}/api/v1/tenants/demo/participants`, "POST", undefined, resident()), { seconds: 2, concurrency: 1 });
{
  const codes = [];
  for (let i = 0; i < 800; i++) codes.push(await participantCode(resident()));
  usage.question = await measured(() => {
    const code = codes.pop();
    if (!code) throw new Error("the bench ran out of participant codes: issue more");
    return request(`${edgeUrl}/api/v1/tenants/demo/dialogues/9001/questions`, "POST", JSON.stringify({ text: "Hur går det med belysningen?" }),
      { authorization: `Bearer ${code}`, ...resident() });
  }, { seconds: 1, concurrency: 1 });
}

// ---------------------------------------------------------------- live room under a flood
// 400 attackers in one room, each on an address of its own and sending a frame every 10 ms
// (40 000 a second tried): half stop when the room closes their socket, as a standard client
// does, half ignore the close and send on, until the room resets and shuts them out. Meanwhile
// residents join and hear approved questions. The room "sheds" what the attackers sent: every
// frame costs it a close, nothing, or (once) a reset.
await db.prepare(`INSERT INTO dialogues (id, tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
  VALUES (9002, 'demo', 'Översvämning', '2026-12-01T18:00', '2026-12-01T19:00', 'live', '2026-11-01', '2026-11-01')`).run();
{
  const { connect } = await import("../tests/support/raw-websocket.mjs");
  const room = `${edgeUrl.replace("http", "ws")}/api/v1/tenants/demo/dialogues/9002/live`;
  const attackers = [];
  for (let n = 0; n < 400; n += 50) {
    attackers.push(...await Promise.all(Array.from({ length: 50 }, (_, i) =>
      connect(room, { "cf-connecting-ip": `198.18.${(n + i) >> 8}.${(n + i) & 255}` }, { ignoreClose: (n + i) % 2 === 1 }).catch(() => null))));
  }
  const open = attackers.filter((a) => a?.status === 101);
  let tried = 0, sent = 0;
  const started = performance.now();
  const senders = open.map((socket, i) => setInterval(() => {
    tried++;
    if (socket.sendText(`{"spam":${i}}`)) sent++;
  }, 10));
  // A resident who joins during the flood, each round anew: on Miniflare the reset leaves a
  // line open at its proxy but dead (wrangler dev drops it); the widget notices by its ping.
  const heard = [];
  let resident = null;
  for (let round = 0; round < 10; round++) {
    await new Promise((r) => setTimeout(r, 300));
    resident?.destroy();
    resident = await connect(room, { "cf-connecting-ip": "192.0.2.1" }).catch(() => null);
    const origin = { "cf-connecting-ip": "192.0.2.2" };
    const asked = await askAs(await participantCode(origin), 9002, `Flodfråga ${round}`, origin);
    const at = performance.now();
    await fetch(`${edgeUrl}/api/v1/console/demo/dialogues/9002/questions/${asked.id}/actions`, { method: "POST",
      headers: { "content-type": "application/json", cookie: session.cookie, "x-csrf-token": session.csrf }, body: JSON.stringify({ action: "approve" }) });
    const line = resident;
    while (line && !line.ended && performance.now() - at < 2_000 && !line.messages.some((m) => m.includes(`Flodfråga ${round}`))) {
      await new Promise((r) => setTimeout(r, 2));
    }
    if (line?.messages.some((m) => m.includes(`Flodfråga ${round}`))) heard.push(performance.now() - at);
  }
  const seconds = (performance.now() - started) / 1000;
  senders.forEach(clearInterval);
  open.forEach((a) => a.destroy());
  resident?.destroy();
  row(`Live room under a flood (${open.length} attackers, half ignoring the close)`,
    heard.length ? `p99 ${ms(percentile(heard, 99))}` : "none heard",
    `${(tried / seconds).toFixed(0)} frames/s tried, ${(sent / seconds).toFixed(0)}/s sent and shed; a resident's event p50 ${heard.length ? ms(median(heard)) : "–"}, ` +
    `${heard.length} of 10 heard (a round lost to the room's reset is caught up by a snapshot)`, "p99 ≤ 250 ms");
}

// ---------------------------------------------------------------- time to interactive
const brotliCache = new Map();
const assets = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname.startsWith("/api/")) {
    const upstream = await fetch(edgeUrl + url.pathname + url.search, { method: req.method, headers: { "content-type": req.headers["content-type"] ?? "" } });
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    return res.end(Buffer.from(await upstream.arrayBuffer()));
  }
  const file = path.join(root, "dist/public", url.pathname === "/" ? "bench.html" : url.pathname);
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end(`<!doctype html><html lang="sv"><meta charset="utf-8"><title>Mätning</title>
      <tryggve-report tenant="demo"></tryggve-report><p id="below">Text på kommunens sida.</p>
      <script src="/widget/tryggve.js" defer></script>`);
  }
  if (!file.startsWith(path.join(root, "dist/public")) || !fs.existsSync(file)) { res.writeHead(404); return res.end(); }
  const types = { ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".png": "image/png" };
  const body = fs.readFileSync(file);
  const accept = req.headers["accept-encoding"] ?? "";
  // As the edge's _headers file has it for the widget's files.
  const headers = { "content-type": types[path.extname(file)] ?? "application/octet-stream", "cache-control": "public, max-age=300" };
  if (accept.includes("br")) {
    headers["content-encoding"] = "br";
    res.writeHead(200, headers);
    // Compressed once, as a CDN serves it from its cache (brotli at quality 11 takes seconds).
    if (!brotliCache.has(file)) brotliCache.set(file, zlib.brotliCompressSync(body));
    return res.end(brotliCache.get(file));
  }
  res.writeHead(200, headers);
  res.end(body);
}).listen(0, "127.0.0.1");
await new Promise((r) => assets.on("listening", r));
for (const file of [...ours, ...leafletFiles, ...images]) {
  const full = path.join(widgetDir, file);
  brotliCache.set(full, zlib.brotliCompressSync(fs.readFileSync(full)));
}
const pageUrl = `http://127.0.0.1:${assets.address().port}/`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const runs = [], frames = [], frameRequests = [], shifts = [], frameShifts = [];
for (let i = 0; i < 5; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  // Chrome DevTools' "Slow 4G" preset, and a 4× slower CPU. Map tiles are blocked (no internet
  // here); not by Playwright's routing, which turns the browser's HTTP cache off, unlike a
  // resident's browser, and so made the widget fetch its stylesheets twice.
  await cdp.send("Network.enable");
  await cdp.send("Network.setBlockedURLs", { urls: ["*://tile.openstreetmap.org/*"] });
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 562.5, downloadThroughput: (1.4 * 1024 * 1024) / 8, uploadThroughput: (675 * 1024) / 8 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  // When the loader's frame is first there, when it has been laid out (two animation frames
  // later: the shift its own arrival causes is recorded in the first), and every layout shift.
  // Shifts up to the frame's layout are the frame's arrival on a page that gives the element no
  // height; those after it are what a resident sees move while the widget takes over.
  await page.addInitScript(() => {
    window.__shifts = [];
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__shifts.push({ value: e.value, at: e.startTime }); })
      .observe({ type: "layout-shift", buffered: true });
    const laidOut = () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__laidOutAt = performance.now(); }));
    const seen = () => {
      if (document.querySelector("tryggve-report")?.shadowRoot?.querySelector(".frame [role=status]")) {
        window.__frameAt = performance.now();
        laidOut();
      } else requestAnimationFrame(seen);
    };
    requestAnimationFrame(seen);
  });
  await page.goto(pageUrl);
  const ready = await page.waitForFunction(() => {
    const root = document.querySelector("tryggve-report")?.shadowRoot;
    const interactive = root?.querySelector(".leaflet-container") && root.querySelector("button[type=submit]");
    if (!interactive) return false;
    const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/widget/tryggve.js"));
    return performance.now() - script.startTime;
  }, null, { timeout: 60_000, polling: 20 });
  runs.push(await ready.jsonValue());
  const { frameAt, scriptAt, scriptEnd, arrived, shifted } = await page.evaluate(() => {
    const script = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/widget/tryggve.js"));
    const laidOutAt = window.__laidOutAt ?? NaN;
    const sum = (list) => list.reduce((total, s) => total + s.value, 0);
    return {
      frameAt: window.__frameAt ?? NaN,
      scriptAt: script.startTime,
      scriptEnd: script.responseEnd,
      arrived: sum(window.__shifts.filter((s) => s.at < laidOutAt)),
      shifted: sum(window.__shifts.filter((s) => s.at >= laidOutAt)),
    };
  });
  frames.push(frameAt - scriptAt);
  // How much of that is the loader's request (its last byte in), and so the network's.
  frameRequests.push(scriptEnd - scriptAt);
  frameShifts.push(arrived);
  shifts.push(shifted);
  await context.close();
}
await browser.close();
assets.close();
// The network's floor on Slow 4G: nothing can be faster than its round trips plus its bytes at
// the emulated bandwidth. The frame needs the loader, which carries our stylesheet (one round
// trip and its bytes: the issue's target); the form needs the loader, then the WebAssembly,
// Leaflet, its stylesheet and the configuration, asked for at once (two round trips, all the
// bytes).
const bytesPerMs = (1.4 * 1024 * 1024) / 8 / 1000;
const frameFloor = 562.5 + compressed(["tryggve.js"]).brotli / bytesPerMs;
const interactiveFloor = 2 * 562.5 + compressed([...ours, ...leafletFiles]).brotli / bytesPerMs;
row("Script tag → the loader's frame on screen (Slow 4G, 4× CPU)", ms(median(frames)),
  `${(median(frames) / frameFloor).toFixed(2)}× its floor of ${ms(frameFloor)} (one round trip and the loader's bytes); median of ${frames.length}; ` +
  `of which the loader's request, to its last byte, ${ms(median(frameRequests))} (${(median(frameRequests) / frameFloor).toFixed(2)}× the floor: the browser's own queueing), ` +
  `and running it to the frame seen ${ms(median(frames.map((f, i) => f - frameRequests[i])))}`, "within the floor + one frame");
row("Script tag → interactive (Slow 4G, 4× CPU)", ms(median(runs)),
  `${(median(runs) / interactiveFloor).toFixed(2)}× its floor of ${ms(interactiveFloor)} (two round trips, all bytes); median of ${runs.length}: ${runs.map((r) => r.toFixed(0)).join(", ")} ms`, "≤ 1.15× floor");
row("Layout shift as the loader's frame arrives", Math.max(...frameShifts).toFixed(4),
  `largest of ${frameShifts.length} runs; the bench page gives the element no height beforehand (docs/embedding.md says how)`, "");
row("Layout shift while the widget takes over the frame", Math.max(...shifts).toFixed(4), `largest of ${shifts.length} runs; the page's text below the widget`, "0");

// ---------------------------------------------------------------- what a month costs
// Cloudflare's published prices (Workers Paid, developers.cloudflare.com/{workers,d1,durable-objects}/
// platform/pricing, as of 2026-12) applied to what this run measured per request, for a month of
// a municipality of 100 000 residents. Static files (the widget, Leaflet, the console) are served
// as Workers static assets, which are not billed; the Cache API and the Rate Limiting binding are
// not billed either.
{
  const databaseBytes = (await db.prepare("SELECT 1").run()).meta.size_after;
  const month = {
    "widget page views (1 in 10 residents)": [10_000, [["config", 1], ["mapCached", 1], ["mapMoved", 3]]],
    "reports (Västerås: 4 500 a year for 155 000 residents; twice that rate)": [500, [["report", 1], ["approval", 3]]],
    "console working days (5 staff × 21 days)": [105, [["review list, first page", 60], ["review list, one area by status", 20], ["lägesbild", 10], ["lägesbild, one area", 10], ["review map, whole municipality", 20]]],
    "exports of every report": [20, [["export", 1]]],
    "dialogue participants (2 dialogues × 300)": [600, [["participant", 1], ["question", 3]]],
  };
  const total = { requests: 0, cpuMs: 0, rowsRead: 0, rowsWritten: 0 };
  for (const [times, parts] of Object.values(month)) {
    for (const [kind, perTime] of parts) {
      const measuredKind = usage[kind];
      if (!measuredKind) throw new Error(`the bill needs a measurement of ${kind}`);
      total.requests += times * perTime;
      total.cpuMs += times * perTime * measuredKind.cpuMs;
      total.rowsRead += times * perTime * measuredKind.rowsRead;
      total.rowsWritten += times * perTime * measuredKind.rowsWritten;
    }
  }
  // Each participant's WebSocket: one Worker request and one Durable Object request; the room is
  // billed for its wall-clock time while awake (at most the dialogue's 1.5 hours, 128 MB).
  const sockets = month["dialogue participants (2 dialogues × 300)"][0];
  total.requests += sockets;
  const durableObjects = { requests: sockets + sockets * 10 / 20, gbSeconds: 2 * 1.5 * 3600 * 0.128 }; // 10 messages each, billed 20:1
  const over = (used, included, price, per) => Math.max(0, used - included) / per * price;
  const bill = 5 // the Workers Paid plan's monthly minimum, which includes the allowances below
    + over(total.requests, 10e6, 0.30, 1e6) + over(total.cpuMs, 30e6, 0.02, 1e6)
    + over(total.rowsRead, 25e9, 0.001, 1e6) + over(total.rowsWritten, 50e6, 1.00, 1e6) + over(databaseBytes / 1e9, 5, 0.75, 1)
    + over(durableObjects.requests, 1e6, 0.15, 1e6) + over(durableObjects.gbSeconds, 400_000, 12.50, 1e6);
  const share = (used, included) => `${((used / included) * 100).toFixed(used / included < 0.01 ? 3 : 1)} %`;
  row("What a month costs: 100 000 residents", `$${bill.toFixed(2)}`,
    `Workers Paid; of its monthly allowances: requests ${share(total.requests, 10e6)} (${total.requests.toFixed(0)}), CPU ${share(total.cpuMs, 30e6)} (${(total.cpuMs / 1000).toFixed(0)} s), ` +
    `D1 rows read ${share(total.rowsRead, 25e9)} (${(total.rowsRead / 1e6).toFixed(1)} M), written ${share(total.rowsWritten, 50e6)} (${total.rowsWritten.toFixed(0)}), ` +
    `storage ${share(databaseBytes / 1e9, 5)} (${(databaseBytes / 1e6).toFixed(0)} MB with ${SEEDED} reports); Durable Objects ${share(durableObjects.requests, 1e6)} of requests, ${share(durableObjects.gbSeconds, 400_000)} of GB-s`, "");
  for (const [what, [times, parts]] of Object.entries(month)) {
    row(`  assumed: ${times} ${what}`, "", `each ${parts.map(([kind, n]) => `${n}× ${kind}`).join(", ")}`);
  }
  // Where it starts to cost more than the minimum: the use that the first allowance runs out at.
  const factor = Math.min(10e6 / total.requests, 30e6 / total.cpuMs, 25e9 / total.rowsRead, 50e6 / total.rowsWritten);
  row("  the first allowance runs out at", `${factor.toFixed(0)}× this use`, "then $0.30 per million requests, $0.02 per million CPU ms, $0.001 per million rows read, $1 per million written");
}

await edge.dispose();
await noop.dispose();

// ---------------------------------------------------------------- the table
const widths = ["what", "value", "compared", "target"].map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
const line = (cells) => "| " + cells.map((c, i) => c.padEnd(widths[i])).join(" | ") + " |";
console.log(`\nTryggve bench — ${new Date().toISOString().slice(0, 10)}, ${process.env.TRYGGVE_MACHINE ?? "this machine"}\n`);
console.log(line(["what", "value", "compared", "target"]));
console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
for (const r of rows) console.log(line([r.what, r.value, r.compared, r.target]));
process.exit(0);
