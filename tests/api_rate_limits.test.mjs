// Rate limits on reports, per client (a salted, daily hash of the address) and municipality.
// "strikt" allows 3 reports an hour from one client; the demo allows many.
import { test } from "node:test";
import assert from "node:assert/strict";
import { goodReport, post, query } from "./support/edge.mjs";

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
