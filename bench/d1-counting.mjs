// The edge as the bench runs it: the same worker, with its D1 binding counting the rows each
// statement reads and writes (D1's `meta.rows_read` / `rows_written`, what Cloudflare bills).
// The bench reads the running totals from GET /__bench/d1 before and after a measurement, one
// request at a time, so the difference is what those requests read. Nothing here is deployed.
import Edge from "../edge/build/index.js";
export { DialogueRoom } from "../edge/build/index.js";

const totals = { rows_read: 0, rows_written: 0, statements: 0 };
// The rows each statement's SQL read since the trace was last cleared (GET /__bench/d1/trace),
// so that the bench can say which statements of one request read the most.
let trace = new Map();
const count = (meta, sql) => {
  totals.statements++;
  totals.rows_read += meta?.rows_read ?? 0;
  totals.rows_written += meta?.rows_written ?? 0;
  const traced = trace.get(sql) ?? { sql, runs: 0, rows_read: 0 };
  traced.runs++;
  traced.rows_read += meta?.rows_read ?? 0;
  trace.set(sql, traced);
};

// workers-rs accepts a binding whose constructor is named D1Database; it calls prepare, bind,
// all, run, first and batch, and reads `results` and `meta` of what they return.
class D1PreparedStatement {
  constructor(inner, sql) { this.inner = inner; this.sql = sql; }
  bind(...values) { return new D1PreparedStatement(this.inner.bind(...values), this.sql); }
  async all() { const result = await this.inner.all(); count(result.meta, this.sql); return result; }
  async run() { const result = await this.inner.run(); count(result.meta, this.sql); return result; }
  // `first` answers no meta: read all (D1 reads the same rows either way) and take the first.
  async first(column) {
    const row = (await this.all()).results[0] ?? null;
    return column === undefined || row === null ? row : row[column] ?? null;
  }
}
class D1Database {
  constructor(inner) { this.inner = inner; }
  prepare(sql) { return new D1PreparedStatement(this.inner.prepare(sql), sql); }
  async batch(statements) {
    const results = await this.inner.batch(statements.map((s) => s.inner));
    results.forEach((result, i) => count(result.meta, statements[i].sql));
    return results;
  }
  exec(sql) { return this.inner.exec(sql); }
}

export default class CountingEdge extends Edge {
  constructor(ctx, env) {
    super(ctx, { ...env, DB: new D1Database(env.DB) });
  }
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === "/__bench/d1") return Response.json(totals);
    if (pathname === "/__bench/d1/trace") {
      const read = [...trace.values()].sort((a, b) => b.rows_read - a.rows_read);
      trace = new Map();
      return Response.json(read);
    }
    return super.fetch(request);
  }
}
