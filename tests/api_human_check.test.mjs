// The optional human check (Cloudflare Turnstile) at the edge, with its local fake verifier
// (tokens beginning "fake-pass" pass): a municipality that asks for it gets no report or question
// without a passing token; one that does not is not affected; a retry needs no new token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { goodReport, post, query } from "./support/edge.mjs";
import { ask, participant } from "./support/dialogue.mjs";

test("reports to a guarded municipality need a passing human check", async () => {
  const report = (extra) => goodReport({ tenant: "vaktad", description: `Vaktad ${Date.now()}`, ...extra });
  for (const token of [undefined, "", "fake-fail-1"]) {
    const { response, json } = await post("/api/v1/reports", report({ human_token: token }));
    assert.equal(response.status, 422, String(token));
    assert.deepEqual([json.error.field, json.error.code], ["human_token", "human_check_failed"]);
  }
  const keyed = report({ human_token: "fake-pass-1", idempotency_key: randomBytes(12).toString("hex"), followup_token: randomBytes(16).toString("hex") });
  const first = await post("/api/v1/reports", keyed);
  assert.equal(first.response.status, 201);
  const retry = await post("/api/v1/reports", { ...keyed, human_token: undefined });
  assert.equal(retry.response.status, 200, "a retry of a stored report needs no new token");
  assert.equal(retry.json.case_number, first.json.case_number);
  const config = await (await fetch(`${process.env.TRYGGVE_EDGE}/api/v1/tenants/vaktad/config`)).json();
  assert.equal(config.turnstile_site_key, "1x00000000000000000000AA", "the widget learns the site key");
  const unguarded = await post("/api/v1/reports", goodReport({ description: "Ingen kontroll här" }));
  assert.equal(unguarded.response.status, 201, "other municipalities are not affected");
});

test("questions to a guarded municipality's dialogue need a passing human check", async () => {
  query(`INSERT INTO dialogues (tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
         VALUES ('vaktad', 'Vaktad dialog', '2026-12-01T18:00', '2026-12-01T19:00', 'open', '2026-11-01', '2026-11-01')`);
  const [{ id }] = query("SELECT id FROM dialogues WHERE tenant_id = 'vaktad' ORDER BY id DESC LIMIT 1");
  const refused = await ask("vaktad", id, participant("vaktad"), { text: "Utan kontroll?" });
  assert.deepEqual([refused.response.status, refused.json.error.field], [422, "human_token"]);
  const passed = await ask("vaktad", id, participant("vaktad"), { text: "Med kontroll", human_token: "fake-pass-2" });
  assert.equal(passed.response.status, 201);
});

test("failed human checks count against the limit, so tokens cannot be tried at speed", async () => {
  // Grindby: guarded, two reports an hour per client.
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const { response } = await post("/api/v1/reports", goodReport({ tenant: "grindby", human_token: `fake-fail-${i}` }));
    statuses.push(response.status);
  }
  assert.deepEqual(statuses, [422, 422, 429]);
});
