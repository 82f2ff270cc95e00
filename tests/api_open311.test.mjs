// Open311 GeoReport v2, in a municipality of its own ("oppenby"), checked field by field against
// the specification (https://wiki.open311.org/GeoReport_v2) in JSON and in XML: the services are
// the municipality's categories; the requests are its approved reports as the public map shows
// them (the place coarsened, the day it came, the text only if published); the standard filters
// apply; bad filters get GeoReport's own 400 errors; a report not on the public map is not found.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post, query } from "./support/edge.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

const TENANT = "oppenby";
const ADMIN = { tenant: TENANT, email: "admin@oppenby.example", password: "oppenby-admin-lösen" };
const BASE = `${EDGE}/api/open311/v2/${TENANT}`;
const SERVICE_FIELDS = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];

let cases;
before(async () => {
  const admin = await login(ADMIN);
  const send = async (overrides) => (await post("/api/v1/reports", goodReport({ tenant: TENANT, ...overrides }))).json.case_number;
  const act = (c, body) => call(admin, "POST", `/api/v1/console/${TENANT}/reports/${c}/actions`, body);
  cases = {
    wall: await send({ category: "graffiti", description: "Klotter <b>på</b> skolans vägg & staket" }),
    litter: await send({ category: "littering", description: "Skräp vid busshållplatsen" }),
    pending: await send({ category: "dark-spot" }),
  };
  assert.equal((await act(cases.wall, { action: "approve", publish_description: true })).response.status, 200);
  assert.equal((await act(cases.litter, { action: "approve", publish_description: false })).response.status, 200);
  for (const status of ["in_progress", "resolved"]) {
    assert.equal((await act(cases.litter, { action: "set_status", status, public_comment: "Städat & klart" })).response.status, 200);
  }
});

/** The elements named `item` in `xml`, each as an ordered list of [field, text]. */
function xmlItems(xml, item) {
  return [...xml.matchAll(new RegExp(`<${item}>(.*?)</${item}>`, "gs"))].map(([, inner]) =>
    [...inner.matchAll(/<(\w+)>(.*?)<\/\1>/gs)].map(([, name, text]) => [name, text]));
}

const unescape = (text) => text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", "\"").replaceAll("&apos;", "'").replaceAll("&amp;", "&");

async function get(file, query = "") {
  const response = await fetch(`${BASE}/${file}${query}`);
  return { response, text: await response.text() };
}

test("services: the municipality's categories, every field of the specification, in JSON and XML", async () => {
  const { response, text } = await get("services.json");
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type"), /^application\/json/);
  const services = JSON.parse(text);
  assert.ok(services.length >= 8);
  for (const service of services) {
    assert.deepEqual(Object.keys(service), SERVICE_FIELDS);
    assert.equal(typeof service.service_code, "string");
    assert.equal(service.metadata, false, "no attributes to fill in");
    assert.ok(["realtime", "batch", "blackbox"].includes(service.type));
    assert.equal(service.group, "Trygghet");
  }
  const graffiti = services.find((s) => s.service_code === "graffiti");
  assert.equal(graffiti.service_name, "Klotter");

  const xml = await get("services.xml");
  assert.match(xml.response.headers.get("content-type"), /^application\/xml/);
  assert.match(xml.text, /^<\?xml version="1.0" encoding="utf-8"\?>\n<services>/);
  const items = xmlItems(xml.text, "service");
  assert.equal(items.length, services.length);
  items.forEach((fields, i) => {
    assert.deepEqual(fields.map(([name]) => name), SERVICE_FIELDS);
    assert.deepEqual(fields.map(([, value]) => unescape(value)), SERVICE_FIELDS.map((f) => String(services[i][f])));
  });

  const definition = await get("services/graffiti.json");
  assert.deepEqual(JSON.parse(definition.text), { service_code: "graffiti", attributes: [] });
  const definitionXml = await get("services/graffiti.xml");
  assert.match(definitionXml.text, /<service_definition><service_code>graffiti<\/service_code><attributes><\/attributes><\/service_definition>/);
  assert.equal((await get("services/ingen-sadan.json")).response.status, 404);
});

test("requests: the approved reports as the public map shows them, field by field, in JSON and XML", async () => {
  const { response, text } = await get("requests.json");
  assert.equal(response.status, 200);
  const requests = JSON.parse(text);
  assert.deepEqual(requests.map((r) => r.service_request_id), [cases.litter, cases.wall], "newest first; the pending report is not public");
  const [litter, wall] = requests;
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(Object.keys(wall), ["service_request_id", "status", "service_name", "service_code", "description", "requested_datetime", "lat", "long"]);
  assert.deepEqual([wall.status, wall.service_name, wall.service_code, wall.description, wall.requested_datetime],
    ["open", "Klotter", "graffiti", "Klotter <b>på</b> skolans vägg & staket", today]);
  assert.deepEqual(Object.keys(litter), ["service_request_id", "status", "status_notes", "service_name", "service_code", "requested_datetime", "lat", "long"],
    "no description: it was not published");
  assert.deepEqual([litter.status, litter.status_notes], ["closed", "Städat & klart"]);
  const metres = Math.hypot((wall.lat - 58.0337) * 111320, (wall.long - 12.8083) * 111320 * Math.cos(58.0337 * Math.PI / 180));
  assert.ok(metres > 0 && metres < 40, `the cell's centre, ${metres} m from the spot`);
  assert.doesNotMatch(text, /example\.se|boende/, "no contact details");

  const xml = await get("requests.xml");
  assert.match(xml.text, /^<\?xml version="1.0" encoding="utf-8"\?>\n<service_requests>/);
  const items = xmlItems(xml.text, "request");
  assert.equal(items.length, 2);
  items.forEach((fields, i) => {
    assert.deepEqual(fields.map(([name]) => name), Object.keys(requests[i]));
    assert.deepEqual(fields.map(([, value]) => unescape(value)), Object.values(requests[i]).map(String));
  });
  assert.match(xml.text, /<description>Klotter &lt;b&gt;på&lt;\/b&gt; skolans vägg &amp; staket<\/description>/, "text is escaped");

  const one = await get(`requests/${cases.wall}.json`);
  assert.deepEqual(JSON.parse(one.text), [wall]);
  const oneXml = await get(`requests/${cases.wall}.xml`);
  assert.equal(xmlItems(oneXml.text, "request").length, 1);
  const pending = await get(`requests/${cases.pending}.json`);
  assert.equal(pending.response.status, 404, "not on the public map");
  assert.equal(JSON.parse(pending.text).error.code, "case_not_found");
  assert.equal((await get("requests/2026-99999.json")).response.status, 404);
});

test("requests: the standard filters, and GeoReport's own errors for filters it cannot read", async () => {
  const ids = async (query) => JSON.parse((await get("requests.json", query)).text).map((r) => r.service_request_id);
  assert.deepEqual(await ids("?status=closed"), [cases.litter]);
  assert.deepEqual(await ids("?status=open"), [cases.wall]);
  assert.deepEqual(await ids("?service_code=graffiti"), [cases.wall]);
  assert.deepEqual(await ids(`?service_request_id=${cases.wall},${cases.pending}`), [cases.wall]);
  assert.deepEqual(await ids("?start_date=2099-01-01T00:00:00Z"), []);
  const today = new Date().toISOString().slice(0, 10);
  assert.deepEqual(await ids(`?start_date=${today}&end_date=${today}`), [cases.litter, cases.wall]);
  assert.deepEqual(await ids("?jurisdiction_id=oppenby"), [cases.litter, cases.wall], "the municipality is in the path");

  const bad = await get("requests.json", "?status=kanske");
  assert.equal(bad.response.status, 400);
  assert.deepEqual(JSON.parse(bad.text), [{ code: 400, description: "status: open or closed, not kanske" }]);
  const badXml = await get("requests.xml", "?start_date=igår");
  assert.equal(badXml.response.status, 400);
  assert.match(badXml.text, /<errors><error><code>400<\/code><description>start_date: a W3C date or date-time<\/description><\/error><\/errors>/);
  assert.equal((await get("requests.csv")).response.status, 404);
  assert.equal((await fetch(`${EDGE}/api/open311/v2/atlantis/services.json`)).status, 404);
});

test("a system with a key of its own sends a report in; a wrong or stopped key is refused in GeoReport's words", async () => {
  const admin = await login(ADMIN);
  const added = await call(admin, "POST", `/api/v1/console/${TENANT}/integrations`, { name: "  Felanmälan  " });
  assert.equal(added.response.status, 201, added.text);
  const { integration, api_key: key } = added.json;
  assert.equal(integration.name, "Felanmälan");
  assert.match(key, /^[0-9a-f]{64}$/);
  const taken = await call(admin, "POST", `/api/v1/console/${TENANT}/integrations`, { name: "Felanmälan" });
  assert.deepEqual([taken.response.status, taken.json.error.field, taken.json.error.code], [422, "name", "already_exists"]);
  const moderator = await login(ACCOUNTS.moderator);
  assert.equal((await call(moderator, "GET", "/api/v1/console/demo/integrations")).response.status, 403, "admins only");

  const send = (fields, file = "requests.json") => fetch(`${BASE}/${file}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
  const form = { api_key: key, service_code: "graffiti", lat: "58.0338", long: "12.8084", description: "Klotter på elskåpet",
    email: "anmalare@example.se", first_name: "Kim", last_name: "Svensson", phone: "070-1234567", device_id: "abc" };
  const sent = await send(form);
  assert.equal(sent.status, 201);
  assert.match(sent.headers.get("content-type"), /^application\/json/);
  const [received] = await sent.json();
  assert.match(received.service_request_id, /^\d{4}-\d{4,}$/);
  assert.equal(received.service_notice, "Tack. Rapporten är mottagen och granskas innan den visas på kartan.");
  const { json: stored } = await call(admin, "GET", `/api/v1/console/${TENANT}/reports/${received.service_request_id}`);
  assert.deepEqual([stored.category, stored.description, stored.contact_email, stored.status, stored.visibility],
    ["graffiti", "Klotter på elskåpet", "anmalare@example.se", "new", "pending"]);
  const [year, seq] = received.service_request_id.split("-").map(Number);
  const [row] = query(`SELECT * FROM reports WHERE tenant_id = '${TENANT}' AND case_year = ${year} AND case_seq = ${seq}`);
  assert.equal(row.integration_id, integration.id);
  assert.doesNotMatch(JSON.stringify(row), /Kim|Svensson|070-1234567/, "names and phone numbers are not kept");
  assert.equal((await get(`requests/${received.service_request_id}.json`)).response.status, 404, "public only once approved");

  const xml = await send(form, "requests.xml");
  assert.equal(xml.status, 201);
  assert.match(await xml.text(), /<service_requests><request><service_request_id>\d{4}-\d{4,}<\/service_request_id><service_notice>Tack\. /);

  const wrong = await send({ ...form, api_key: "0".repeat(64) });
  assert.equal(wrong.status, 403);
  assert.deepEqual(await wrong.json(), [{ code: 403, description: "api_key is not valid for this municipality" }]);
  const bad = await send({ ...form, service_code: "glass" });
  assert.deepEqual([bad.status, await bad.json()], [400, [{ code: 400, description: "service_code: unknown_category" }]]);
  const nowhere = await send({ ...form, lat: "" });
  assert.equal(nowhere.status, 400);
  const asJson = await fetch(`${BASE}/requests.json`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(form) });
  assert.equal(asJson.status, 415);
  const otherTenant = await fetch(`${EDGE}/api/open311/v2/demo/requests.json`, {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(form).toString() });
  assert.equal(otherTenant.status, 403, "a key is its own municipality's");

  const revoked = await call(admin, "POST", `/api/v1/console/${TENANT}/integrations/${integration.id}/revoke`);
  assert.equal(revoked.response.status, 200);
  assert.ok(revoked.json.revoked_at);
  assert.equal(revoked.json.reports, 2);
  assert.equal((await send(form)).status, 403, "a stopped key sends nothing more");
  const { json: audit } = await call(admin, "GET", `/api/v1/console/${TENANT}/audit`);
  assert.deepEqual(audit.filter((e) => e.action.startsWith("integration.")).map((e) => [e.action, e.subject]),
    [["integration.revoke", `integration ${integration.id}`], ["integration.add", `integration ${integration.id}`]]);
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(key), "the key is in no log");
});
