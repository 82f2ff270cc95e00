// The edge under test: a real `wrangler dev` (workerd + local D1) started by `cargo xtask test`.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { Agent, fetch as fetchOnNewConnections, setGlobalDispatcher } from "undici";

export const EDGE = process.env.TRYGGVE_EDGE;
const STATE = process.env.TRYGGVE_STATE;
/** The edge's secrets as `cargo xtask` gives them to a local edge (not secret). */
export const SECRETS = JSON.parse(process.env.TRYGGVE_SECRETS ?? "null");
if (!EDGE || !STATE || !SECRETS) {
  throw new Error("Run the tests through `cargo xtask test`: it starts the edge and sets TRYGGVE_EDGE.");
}

const root = path.resolve(import.meta.dirname, "../..");

// Every request of the tests on a connection of its own. `query()` blocks the event loop for
// seconds (it runs wrangler), long enough for the server to close an idle pooled connection
// unseen; a request sent on it right after then failed ("other side closed").
setGlobalDispatcher(new Agent({ pipelining: 0 }));
globalThis.fetch = fetchOnNewConnections;

/** Runs SQL against the local D1 database the edge uses, returning the rows. */
export function query(sql) {
  const wrangler = path.join(root, "node_modules/.bin/wrangler");
  // The edge writes to the same local database file; a read that meets its write lock
  // (SQLITE_BUSY) is tried again after a moment, as a second reader would.
  for (let attempt = 1; ; attempt++) {
    try {
      const out = execFileSync(
        wrangler,
        ["--config", path.join(root, "edge/wrangler.toml"), "d1", "execute", "DB", "--local",
          "--persist-to", STATE, "--json", "--command", sql],
        { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
      );
      return JSON.parse(out)[0].results;
    } catch (error) {
      if (attempt >= 5 || !/SQLITE_BUSY|database is locked/.test(`${error.stderr}${error.stdout}${error.message}`)) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200 * attempt);
    }
  }
}

/** Quotes a value for SQL. */
export const sql = (value) => `'${String(value).replaceAll("'", "''")}'`;

/** A report that passes every rule of the demo tenant. */
export function goodReport(overrides = {}) {
  return {
    tenant: "demo",
    lat: 58.0337,
    lng: 12.8083,
    category: "dark-spot",
    times: ["evening", "night"],
    description: "Gångtunneln under järnvägen är helt mörk.",
    contact_email: "boende@example.se",
    ...overrides,
  };
}

export async function post(pathname, body, headers = {}) {
  const response = await fetch(EDGE + pathname, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { response, json: await response.json() };
}
