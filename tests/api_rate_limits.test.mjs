// Rate limits on reports, per client (a salted, daily hash of the address) and municipality.
// "strikt" allows 3 reports an hour from one client; the demo allows many.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { SECRETS, goodReport, post, query } from "./support/edge.mjs";

test("a client over the municipality's limit gets 429 with Retry-After, and nothing is stored", async () => {
  const retrySafe = { tenant: "strikt", idempotency_key: `strikt-${Date.now()}-first`, followup_token: "abcdefabcdefabcdefabcdefabcdef00" };
  const first = await post("/api/v1/reports", goodReport(retrySafe));
  assert.equal(first.response.status, 201);
  for (let i = 2; i <= 3; i++) {
    assert.equal((await post("/api/v1/reports", goodReport({ tenant: "strikt", description: `nr ${i}` }))).response.status, 201);
  }
  const over = await post("/api/v1/reports", goodReport({ tenant: "strikt", description: "nr 4" }));
  assert.equal(over.response.status, 429);
  assert.equal(over.json.error.code, "rate_limited");
  const wait = Number(over.response.headers.get("retry-after"));
  assert.ok(wait >= 1 && wait <= 3600, `Retry-After ${wait}`);
  assert.equal(query("SELECT COUNT(*) AS n FROM reports WHERE tenant_id = 'strikt'")[0].n, 3);
  assert.equal(query("SELECT COUNT(*) AS n FROM rate_events WHERE key LIKE 'report:strikt:%'")[0].n, 3);
  assert.equal(query("SELECT COUNT(*) AS n FROM rate_events WHERE key LIKE '%127.0.0.1%'")[0].n, 0, "no raw addresses");

  // A retry of an accepted report is never limited (it stores nothing new); a new one is.
  const retry = await post("/api/v1/reports", goodReport(retrySafe));
  assert.equal(retry.response.status, 200);
  assert.equal(retry.json.case_number, first.json.case_number);
  const fresh = await post("/api/v1/reports", goodReport({ ...retrySafe, idempotency_key: `${retrySafe.idempotency_key}-2` }));
  assert.equal(fresh.response.status, 429);
  // Another municipality's limit is its own.
  assert.equal((await post("/api/v1/reports", goodReport({ description: "demo går fortfarande" }))).response.status, 201);
});

test("reports sent all at once get no more through than one after another", async () => {
  query("DELETE FROM rate_events WHERE key LIKE 'report:strikt:%'"); // as if the hour had passed
  const before = query("SELECT COUNT(*) AS n FROM reports WHERE tenant_id = 'strikt'")[0].n;
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) => post("/api/v1/reports", goodReport({ tenant: "strikt", description: `samtidigt ${i}` }))),
  );
  const statuses = answers.map((a) => a.response.status).sort();
  assert.deepEqual(statuses, [201, 201, 201, 429, 429, 429, 429, 429]);
  assert.equal(query("SELECT COUNT(*) AS n FROM reports WHERE tenant_id = 'strikt'")[0].n, before + 3);
  assert.equal(query("SELECT COUNT(*) AS n FROM rate_events WHERE key LIKE 'report:strikt:%'")[0].n, 3, "the refused left nothing behind");
});

test("the hour reaches back past midnight: reports sent just before it still count after it", async () => {
  query("DELETE FROM rate_events WHERE key LIKE 'report:strikt:%'"); // as if the hour had passed
  // The edge's key for this client on a day: a hash of the (local) salt, the day and the address.
  const keyOn = (day) =>
    `report:strikt:${createHash("sha256").update(`${SECRETS.CLIENT_SALT}|${day}|127.0.0.1`).digest("hex").slice(0, 32)}`;
  const report = () => post("/api/v1/reports", goodReport({ tenant: "strikt", description: "efter midnatt" }));
  assert.equal((await report()).response.status, 201);
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(query("SELECT key FROM rate_events WHERE key LIKE 'report:strikt:%'").map((r) => r.key), [keyOn(today)]);
  // Two more, five minutes ago under yesterday's key: as if sent just before midnight.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const fiveMinutesAgo = new Date(Date.now() - 300_000).toISOString();
  query(`INSERT INTO rate_events (key, at) VALUES ('${keyOn(yesterday)}', '${fiveMinutesAgo}'), ('${keyOn(yesterday)}', '${fiveMinutesAgo}')`);
  const over = await report();
  assert.equal(over.response.status, 429, "three in the hour, two of them under yesterday's key");
  const wait = Number(over.response.headers.get("retry-after"));
  assert.ok(wait > 3000 && wait <= 3300, `the limit lifts an hour after the oldest: Retry-After ${wait}`);
});
