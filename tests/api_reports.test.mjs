// The report API against the real edge (wrangler dev, workerd, local D1).
import { test } from "node:test";
import { randomBytes } from "node:crypto";
import net from "node:net";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query, sql } from "./support/edge.mjs";

const CASE_NUMBER = /^\d{4}-\d{4,}$/;

function assertError(response, json, status, code, field) {
  assert.equal(response.status, status, JSON.stringify(json));
  assert.match(response.headers.get("content-type"), /^application\/json/);
  assert.equal(json.error.code, code);
  assert.equal(typeof json.error.message, "string");
  assert.ok(json.error.message.length > 0);
  assert.equal(json.error.field, field);
}

test("a report is stored and its author can read it back with the follow-up code", async () => {
  const description = `Trasig lampa vid busshållplatsen ${Date.now()}`;
  const { response, json } = await post("/api/v1/reports", goodReport({ description }));
  assert.equal(response.status, 201, JSON.stringify(json));
  assert.match(json.case_number, CASE_NUMBER);
  assert.match(json.followup_token, /^[0-9a-f]{32}$/);

  const [row] = query(`SELECT * FROM reports WHERE description = ${sql(description)}`);
  assert.equal(row.tenant_id, "demo");
  assert.equal(row.category, "dark-spot");
  assert.equal(row.times, "evening,night");
  assert.equal(row.contact_email, "boende@example.se");
  assert.equal(row.status, "new");
  assert.notEqual(row.followup_token_hash, json.followup_token, "only a hash of the code is stored");
  assert.equal(`${row.case_year}-${String(row.case_seq).padStart(4, "0")}`, json.case_number);

  const url = `${EDGE}/api/v1/tenants/demo/reports/${json.case_number}`;
  const read = await fetch(url, { headers: { authorization: `Bearer ${json.followup_token}` } });
  assert.equal(read.status, 200);
  const view = await read.json();
  assert.equal(view.case_number, json.case_number);
  assert.equal(view.description, description);
  assert.deepEqual(view.times, ["evening", "night"]);
  assert.equal(view.status, "new");
  assert.equal(view.contact_email, undefined, "the e-mail address is never sent back");

  const wrong = await fetch(url, { headers: { authorization: "Bearer " + "0".repeat(32) } });
  const wrongJson = await wrong.json();
  assertError(wrong, wrongJson, 404, "report_not_found", undefined);
  const missing = await fetch(url);
  assertError(missing, await missing.json(), 401, "missing_token", undefined);
});

test("text is cleaned and times are put in order before storing", async () => {
  const marker = `rensad-${Date.now()}`;
  const { response } = await post("/api/v1/reports", goodReport({
    description: `  a\u030Angest\u0007 ${marker}  `,
    times: ["night", "morning"],
    contact_email: "  ",
  }));
  assert.equal(response.status, 201);
  const [row] = query(`SELECT description, times, contact_email FROM reports WHERE description LIKE ${sql("%" + marker)}`);
  assert.equal(row.description, `ångest ${marker}`, "NFC, control characters removed, trimmed");
  assert.equal(row.times, "morning,night");
  assert.equal(row.contact_email, null, "a blank e-mail is no e-mail");
});

test("concurrent reports get distinct, consecutive case numbers", async () => {
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) => post("/api/v1/reports", goodReport({ description: `samtidig ${i}` }))),
  );
  const numbers = results.map(({ response, json }) => {
    assert.equal(response.status, 201);
    return json.case_number;
  });
  assert.equal(new Set(numbers).size, numbers.length);
  const seqs = numbers.map((n) => Number(n.split("-")[1])).sort((a, b) => a - b);
  assert.equal(seqs.at(-1) - seqs[0], seqs.length - 1, "no gaps between concurrent numbers");
});

const invalid = [
  ["no tenant", { tenant: undefined }, 422, "required", "tenant"],
  ["unknown tenant", { tenant: "atlantis" }, 422, "unknown_tenant", "tenant"],
  ["malformed tenant id", { tenant: "../demo" }, 422, "unknown_tenant", "tenant"],
  ["no latitude", { lat: undefined }, 422, "required", "lat"],
  ["no longitude", { lng: undefined }, 422, "required", "lng"],
  ["latitude beyond the pole", { lat: 91 }, 422, "not_on_earth", "lat"],
  ["a place outside the municipality", { lat: 59.3293, lng: 18.0686 }, 422, "outside_area", "lat"],
  ["no category", { category: undefined }, 422, "required", "category"],
  ["a category the tenant does not offer", { category: "weather" }, 422, "unknown_category", "category"],
  ["an unknown time of day", { times: ["noon"] }, 422, "unknown_time", "times"],
  ["the same time twice", { times: ["day", "day"] }, 422, "duplicate_time", "times"],
  ["a description over 1000 characters", { description: "x".repeat(1001) }, 422, "too_long", "description"],
  ["'other' without a description", { category: "other", description: " " }, 422, "required", "description"],
  ["an e-mail without a domain", { contact_email: "anna@" }, 422, "invalid_email", "contact_email"],
  ["a string where a number belongs", { lat: "58.0" }, 400, "invalid_json", undefined],
  ["an unknown field", { colour: "red" }, 400, "invalid_json", undefined],
];

for (const [name, change, status, code, field] of invalid) {
  test(`rejects ${name} with ${status} ${code}`, async () => {
    const before = query("SELECT COUNT(*) AS n FROM reports")[0].n;
    const { response, json } = await post("/api/v1/reports", goodReport(change));
    assertError(response, json, status, code, field);
    assert.equal(query("SELECT COUNT(*) AS n FROM reports")[0].n, before, "nothing is stored");
  });
}

test("malformed JSON, a wrong media type and an oversized body are refused", async () => {
  let r = await post("/api/v1/reports", '{"tenant": "demo",');
  assertError(r.response, r.json, 400, "invalid_json", undefined);

  r = await post("/api/v1/reports", JSON.stringify(goodReport()), { "content-type": "text/plain" });
  assertError(r.response, r.json, 415, "unsupported_media_type", undefined);

  r = await post("/api/v1/reports", goodReport({ description: "x".repeat(20_000) }));
  assertError(r.response, r.json, 413, "body_too_large", undefined);

  r = await post("/api/v1/reports", "[]");
  assertError(r.response, r.json, 400, "invalid_json", undefined);
});

/** A request written by hand on a socket (methods fetch will not send; a body sent in chunks,
 * without Content-Length, one after the other, ended unless `stall`). Sending stops when the
 * edge answers or closes the connection. Resolves with the answer (status, headers, JSON; null
 * if the connection was closed without one) and how many bytes of body were sent by then;
 * rejects after `timeoutMs` with neither. */
function raw(method, path, { chunks = null, stall = false, timeoutMs = 10_000 } = {}) {
  const edge = new URL(EDGE);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(edge.port), edge.hostname);
    let received = Buffer.alloc(0);
    let sent = 0;
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)); }, timeoutMs);
    const finish = (answer) => { clearTimeout(timer); socket.destroy(); resolve({ answer, sent }); };
    const answer = () => {
      const text = received.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end < 0) return null;
      const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      const body = received.subarray(end + 4);
      if (body.length < Number(headers["content-length"] ?? 0)) return null;
      const said = body.toString("utf8");
      let json = null;
      try { json = said ? JSON.parse(said) : null; } catch { json = { text: said }; }
      return { status: Number(statusLine.split(" ")[1]), headers, json };
    };
    socket.on("data", (data) => {
      received = Buffer.concat([received, data]);
      const done = answer();
      if (done) finish(done);
    });
    // Closed with unread body still coming: TCP may then drop an answer already on its way.
    socket.on("close", () => finish(answer()));
    socket.on("error", () => {});
    const write = (text) => new Promise((written) => socket.write(text, () => written()));
    (async () => {
      // (`chunks` may be a generator: whether there is a body is whether any were given.)
      const body = chunks ? "content-type: application/json\r\ntransfer-encoding: chunked\r\n" : "";
      await write(`${method} ${path} HTTP/1.1\r\nhost: ${edge.host}\r\n${body}\r\n`);
      for (const chunk of chunks ?? []) {
        if (socket.destroyed) return;
        await write(`${Buffer.byteLength(chunk).toString(16)}\r\n${chunk}\r\n`);
        sent += Buffer.byteLength(chunk);
      }
      if (body && !stall && !socket.destroyed) await write("0\r\n\r\n");
    })();
  });
}

function* megabytes(n) {
  const chunk = "x".repeat(64 * 1024);
  yield '{"description": "';
  for (let i = 0; i < n * 16; i++) yield chunk;
  yield '"}';
}

test("a body without Content-Length is read only up to the route's limit: 413 at once, even when the sender stops", async () => {
  const before = query("SELECT COUNT(*) AS n FROM reports")[0].n;
  // 64 kB (over the limit) and then nothing more, the connection left open: answered at once, not
  // when the rest comes. (It was 1 MB: the edge then closed with most of it unread, and TCP's reset
  // sometimes took the 413 with it — twice in CI. The large body is the flood's case below.)
  const stalled = await raw("POST", "/api/v1/reports", { chunks: [...megabytes(1)].slice(0, 2), stall: true });
  assert.equal(stalled.answer?.status, 413);
  assert.equal(stalled.answer.json.error.code, "body_too_large");
  // 200 MB offered: the edge stops taking it long before the end (it used to read it all, 325 MB
  // of memory, before saying 413). The worker answers 413 and cancels the body; what reaches this
  // socket then depends on the proxy in front (wrangler dev's says the connection was lost, with
  // body still arriving TCP may drop any answer), so only the stop and the refusal are certain.
  const flood = await raw("POST", "/api/v1/reports", { chunks: megabytes(200), timeoutMs: 60_000 });
  assert.ok(flood.sent < 32 * 1024 * 1024, `the edge stopped taking the body after ${(flood.sent / 1048576).toFixed(1)} MB of 200`);
  if (flood.answer) assert.ok(flood.answer.status >= 400, `refused: ${flood.answer.status}`);
  // Sent in chunks, a body over the limit by a little is a plain 413; a good report is a report.
  const over = await raw("POST", "/api/v1/reports", { chunks: ['{"description": "', "x".repeat(20_000), '"}'] });
  assert.equal(over.answer?.status, 413);
  const good = JSON.stringify(goodReport());
  const stored = await raw("POST", "/api/v1/reports", { chunks: [good.slice(0, 50), good.slice(50)] });
  assert.equal(stored.answer?.status, 201, JSON.stringify(stored.answer?.json));
  assert.equal(query("SELECT COUNT(*) AS n FROM reports")[0].n, before + 1, "only the good one is stored");
});

test("methods the API does not know are 405 with Allow, not answered as GET", async () => {
  // (A method workerd does not know at all, such as FOO, never reaches the worker: workerd
  // answers it 501 itself, as Cloudflare's network does in front of a deployed worker.)
  for (const method of ["QUERY", "PROPFIND", "MKCOL"]) {
    const r = (await raw(method, "/api/v1/tenants/demo/config")).answer;
    assert.equal(r.status, 405, `${method} is not allowed`);
    assert.equal(r.json.error.code, "method_not_allowed");
    assert.equal(r.headers.allow, "GET");
  }
});

test("wrong methods and unknown routes get JSON errors", async () => {
  for (const method of ["GET", "PUT", "DELETE", "PATCH"]) {
    const response = await fetch(`${EDGE}/api/v1/reports`, { method });
    assertError(response, await response.json(), 405, "method_not_allowed", undefined);
    assert.equal(response.headers.get("allow"), "POST");
  }
  const post = await fetch(`${EDGE}/api/v1/tenants/demo/config`, { method: "POST" });
  assertError(post, await post.json(), 405, "method_not_allowed", undefined);
  const unknown = await fetch(`${EDGE}/api/v1/nothing-here`);
  assertError(unknown, await unknown.json(), 404, "not_found", undefined);
});

test("the tenant configuration is public; unknown tenants are 404", async () => {
  const response = await fetch(`${EDGE}/api/v1/tenants/demo/config`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("cache-control"), "no-store");
  const config = await response.json();
  assert.equal(config.id, "demo");
  assert.ok(config.categories.includes("graffiti"));
  assert.match(config.map.tile_url, /\{z\}.*\{x\}.*\{y\}/);

  const unknown = await fetch(`${EDGE}/api/v1/tenants/atlantis/config`);
  assertError(unknown, await unknown.json(), 404, "unknown_tenant", undefined);
});

test("only the tenant's allowed origins may call the API from a browser", async () => {
  const allowed = EDGE.replace("127.0.0.1", "localhost");
  const preflight = await fetch(`${EDGE}/api/v1/reports`, {
    method: "OPTIONS",
    headers: { origin: allowed, "access-control-request-method": "POST" },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers.get("access-control-allow-origin"), allowed);
  assert.match(preflight.headers.get("access-control-allow-headers"), /content-type/);

  const ok = await post("/api/v1/reports", goodReport(), { origin: allowed });
  assert.equal(ok.response.status, 201);
  assert.equal(ok.response.headers.get("access-control-allow-origin"), allowed);

  const evil = "https://evil.example";
  const refused = await fetch(`${EDGE}/api/v1/reports`, {
    method: "OPTIONS",
    headers: { origin: evil, "access-control-request-method": "POST" },
  });
  assertError(refused, await refused.json(), 403, "origin_not_allowed", undefined);
  assert.equal(refused.headers.get("access-control-allow-origin"), null);

  const before = query("SELECT COUNT(*) AS n FROM reports")[0].n;
  const sneaky = await post("/api/v1/reports", goodReport(), { origin: evil });
  assertError(sneaky.response, sneaky.json, 403, "origin_not_allowed", undefined);
  assert.equal(query("SELECT COUNT(*) AS n FROM reports")[0].n, before);
});

test("a retried report is stored once and answered with the first receipt", async () => {
  const key = `retry-${Date.now()}-abcdefgh`;
  const token = "0123456789abcdef0123456789abcdef";
  const body = goodReport({ description: `Omförsök ${key}`, idempotency_key: key, followup_token: token });
  const first = await post("/api/v1/reports", body);
  assert.equal(first.response.status, 201);
  assert.equal(first.json.followup_token, token, "the sender's code is used");
  const again = await post("/api/v1/reports", body);
  assert.equal(again.response.status, 200);
  assert.deepEqual(again.json, first.json);

  const racing = await Promise.all(Array.from({ length: 8 }, () =>
    post("/api/v1/reports", { ...body, idempotency_key: `${key}-race`, description: `Kapplöpning ${key}` })));
  assert.equal(new Set(racing.map((r) => r.json.case_number)).size, 1, "one case for all copies");
  assert.deepEqual(racing.map((r) => r.response.status).sort(), [200, 200, 200, 200, 200, 200, 200, 201]);
  assert.equal(query(`SELECT COUNT(*) AS n FROM reports WHERE description = ${sql(`Kapplöpning ${key}`)}`)[0].n, 1);

  const otherCode = await post("/api/v1/reports", { ...body, followup_token: randomBytes(16).toString("hex") });
  assert.equal(otherCode.response.status, 409);
  assert.equal(otherCode.json.error.code, "idempotency_conflict");
  const guessable = await post("/api/v1/reports", goodReport({ idempotency_key: `${key}-guess`, followup_token: "0".repeat(32) }));
  assert.deepEqual([guessable.response.status, guessable.json.error.field], [422, "followup_token"], "a code anyone could guess");
  const keyOnly = await post("/api/v1/reports", goodReport({ idempotency_key: `${key}-alone` }));
  assert.equal(keyOnly.response.status, 422);
  assert.equal(keyOnly.json.error.field, "followup_token");
});

test("a filled-in honeypot field is refused, and nothing is stored", async () => {
  const marker = `Honungsfälla ${Date.now()}`;
  const { response, json } = await post("/api/v1/reports", goodReport({ description: marker, website: "https://spam.example" }));
  assert.equal(response.status, 422);
  assert.deepEqual([json.error.field, json.error.code], ["website", "automated"]);
  assert.equal(query(`SELECT COUNT(*) AS n FROM reports WHERE description = '${marker}'`)[0].n, 0);
  const empty = await post("/api/v1/reports", goodReport({ description: marker, website: "" }));
  assert.equal(empty.response.status, 201, "an empty honeypot is what people send");
});
