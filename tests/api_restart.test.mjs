// Faults: the edge is killed in the middle of a burst of reports from many clients and started
// again on the same database. Clients behave as the widget's outbox does (an idempotency key and
// a follow-up code chosen before the first try, the same ones on every retry). Every report must
// be stored exactly once, and every client must end up with its receipt.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SECRETS, goodReport, query } from "./support/edge.mjs";

const root = path.resolve(import.meta.dirname, "..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");
const config = path.join(root, "edge/wrangler.toml");
const state = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-restart-"));
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };
let port;
let edge;
let server;

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function d1(args) {
  return execFileSync(wrangler, ["--config", config, "d1", ...args, "--local", "--persist-to", state],
    { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Starts wrangler dev on `port` over `state`, and waits until it answers. */
async function start() {
  server = spawn(wrangler, ["--config", config, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port),
    "--persist-to", state, "--show-interactive-dev-session=false", "--log-level", "error",
    ...Object.entries(SECRETS).flatMap(([name, value]) => ["--var", `${name}:${value}`])],
  { cwd: root, env, detached: true, stdio: "ignore" });
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${edge}/api/v1/tenants/demo/config`)).status === 200) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the edge did not start");
}

/** Kills wrangler and its workerd at once, mid-request: no graceful shutdown. */
function kill() {
  try { process.kill(-server.pid, "SIGKILL"); } catch { /* already gone */ }
}

before(async () => {
  port = await freePort();
  edge = `http://127.0.0.1:${port}`;
  d1(["migrations", "apply", "DB"]);
  // The demo municipality, as the main test edge has it.
  const [demo] = query("SELECT id, name, config FROM tenants WHERE id = 'demo'");
  const quote = (v) => `'${String(v).replaceAll("'", "''")}'`;
  d1(["execute", "DB", "--command", `INSERT INTO tenants (id, name, config) VALUES (${quote(demo.id)}, ${quote(demo.name)}, ${quote(demo.config)})`]);
  await start();
});
after(() => {
  kill();
  fs.rmSync(state, { recursive: true, force: true });
});

/** One client sending `count` reports in a row, each until the edge has it (as the outbox does). */
async function client(n, count, receipts) {
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify(goodReport({
      description: `Skur ${n}.${i}`,
      idempotency_key: randomBytes(12).toString("hex"),
      followup_token: randomBytes(16).toString("hex"),
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${edge}/api/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body });
        if (response.status === 201 || response.status === 200) {
          receipts.push({ key: JSON.parse(body).idempotency_key, ...(await response.json()) });
          break;
        }
        assert.ok(response.status >= 500 || response.status === 429, `refused: ${response.status} ${await response.text()}`);
      } catch { /* no answer: the edge is down; try again */ }
      assert.ok(attempt < 400, "gave up");
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

test("a burst survives the edge being killed and restarted: every report stored exactly once", async () => {
  const receipts = [];
  const clients = Array.from({ length: 16 }, (_, n) => client(n, 6, receipts));
  // Kill the edge once the burst is under way, and bring it back a moment later.
  while (receipts.length < 12) await new Promise((r) => setTimeout(r, 20));
  kill();
  const storedBeforeRestart = receipts.length;
  await new Promise((r) => setTimeout(r, 1500));
  await start();
  await Promise.all(clients);

  assert.ok(storedBeforeRestart < 96, "the edge went down mid-burst");
  assert.equal(receipts.length, 96, "every client got every receipt");
  const rows = JSON.parse(d1(["execute", "DB", "--json", "--command",
    "SELECT idempotency_key AS key, case_year, case_seq FROM reports WHERE description LIKE 'Skur %'"]))[0].results;
  assert.equal(rows.length, 96, "stored exactly once each");
  assert.equal(new Set(rows.map((r) => r.key)).size, 96);
  const stored = new Map(rows.map((r) => [r.key, `${r.case_year}-${String(r.case_seq).padStart(4, "0")}`]));
  for (const receipt of receipts) assert.equal(stored.get(receipt.key), receipt.case_number, "the receipt names the stored case");
});
