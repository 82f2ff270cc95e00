// An edge of a test's own: `wrangler dev` on a free port over a fresh database, for tests that
// kill the edge or try to take it down, so that no other test depends on how that ends.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SECRETS, query, sql } from "./edge.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const wrangler = path.join(root, "node_modules/.bin/wrangler");
const config = path.join(root, "edge/wrangler.toml");
const env = { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_HIDE_BANNER: "true" };

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

export class OwnEdge {
  /** Migrates a fresh database and stores the main test edge's demo municipality in it
   * (its configuration changed by `configure`, if given) and, with `accounts`, its moderators. */
  static async create({ configure = (c) => c, accounts = false } = {}) {
    const edge = new OwnEdge(await freePort());
    edge.d1(["migrations", "apply", "DB"]);
    const [demo] = query("SELECT id, name, config FROM tenants WHERE id = 'demo'");
    const demoConfig = JSON.stringify(configure(JSON.parse(demo.config)));
    let seed = `INSERT INTO tenants (id, name, config) VALUES (${sql(demo.id)}, ${sql(demo.name)}, ${sql(demoConfig)});`;
    if (accounts) {
      const columns = Object.keys(query("SELECT * FROM moderators LIMIT 1")[0]);
      for (const row of query("SELECT * FROM moderators WHERE tenant_id = 'demo'")) {
        const values = columns.map((c) => (row[c] === null ? "NULL" : sql(row[c])));
        seed += `INSERT INTO moderators (${columns.join(", ")}) VALUES (${values.join(", ")});`;
      }
    }
    edge.execute(seed);
    await edge.start();
    return edge;
  }

  constructor(port) {
    this.port = port;
    this.url = `http://127.0.0.1:${port}`;
    this.state = fs.mkdtempSync(path.join(os.tmpdir(), "tryggve-own-edge-"));
    // Its log outlives it, for a failure's post-mortem.
    this.log = fs.openSync(path.join(os.tmpdir(), `tryggve-own-edge-${port}.log`), "w");
  }

  d1(args) {
    return execFileSync(wrangler, ["--config", config, "d1", ...args, "--local", "--persist-to", this.state],
      { cwd: root, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  }

  /** Runs SQL statements; with `--json`'s rows of the last one. */
  execute(statements) {
    return JSON.parse(this.d1(["execute", "DB", "--json", "--command", statements])).at(-1).results;
  }

  /** Starts wrangler dev over this edge's database, and waits until it answers. */
  async start() {
    this.server = spawn(wrangler, ["--config", config, "dev", "--local", "--ip", "127.0.0.1", "--port", String(this.port),
      "--persist-to", this.state, "--show-interactive-dev-session=false", "--log-level", "error",
      ...Object.entries(SECRETS).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
      // As `cargo xtask` starts the local edge: local workerd has no jurisdictions.
      "--var", "DATA_JURISDICTION:"],
    { cwd: root, env, detached: true, stdio: ["ignore", this.log, this.log] });
    for (let i = 0; i < 240; i++) {
      try {
        if ((await fetch(`${this.url}/api/v1/tenants/demo/config`)).status === 200) return;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the edge did not start");
  }

  /** Kills wrangler and its workerd at once, mid-request: no graceful shutdown. */
  kill() {
    try { process.kill(-this.server.pid, "SIGKILL"); } catch { /* already gone */ }
  }

  remove() {
    this.kill();
    fs.rmSync(this.state, { recursive: true, force: true });
  }
}
