// The OpenAPI document: served by the edge, generated from the Rust types, and naming only
// operations that exist. (schemathesis, run by `cargo xtask test` after these tests, checks
// that every answer of every operation matches it.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { EDGE } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

test("the OpenAPI document is served, and every operation in it exists at the edge", async () => {
  const response = await fetch(`${EDGE}/api/v1/openapi.json`);
  assert.equal(response.status, 200);
  const doc = await response.json();
  assert.equal(doc.openapi, "3.0.3");
  assert.ok(doc.components.schemas.ReportDraft && doc.components.schemas.QuestionDraft);
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => [m, path]));
  assert.ok(operations.length >= 30, `${operations.length} operations`);
  // A walk of the demo's to stand for {walk}: the public walk routes read it before anything else.
  const admin = await login(ACCOUNTS.admin);
  const config = await (await fetch(`${EDGE}/api/v1/tenants/demo/config`)).json();
  const walk = await call(admin, "POST", "/api/v1/console/demo/walks",
    { title: "Vandring för OpenAPI-provet", area: config.areas[0].id, starts_at: "2026-12-20T18:00", meeting_point: config.map.center });
  assert.equal(walk.response.status, 201, walk.text);
  for (const [method, path] of operations) {
    const url = path
      .replace("{walk}", String(walk.json.id))
      .replace("{tenant}", "demo").replace("{case}", "2026-0001").replace("{dialogue}", "1")
      .replace("{question}", "1").replace("{email}", "nobody%40demo.tryggve.se")
      .replace("{resource}", method === "post" ? "requests.json" : "services.json").replace("services/{file}", "services/graffiti.json")
      .replace("{file}", "2026-0001.json");
    const answer = await fetch(EDGE + url, {
      method: method.toUpperCase(),
      headers: method === "post" ? { "content-type": "application/json" } : {},
      body: method === "post" ? "{}" : undefined,
    });
    const isJson = (answer.headers.get("content-type") ?? "").includes("json");
    const code = isJson ? (await answer.json())?.error?.code : (await answer.text(), undefined);
    assert.ok(answer.status < 500, `${method} ${path}: ${answer.status}`);
    assert.ok(!["not_found", "method_not_allowed"].includes(code), `${method} ${path} is documented but not routed (${code})`);
  }
});
