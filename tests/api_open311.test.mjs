// Open311 GeoReport v2, in a municipality of its own ("oppenby"), checked field by field against
// the specification (https://wiki.open311.org/GeoReport_v2) in JSON and in XML: the services are
// the municipality's categories; the requests are its approved reports as the public map shows
// them (the place coarsened, the day it came, the text only if published); the standard filters
// apply; bad filters get GeoReport's own 400 errors; a report not on the public map is not found.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { call, login } from "./support/console.mjs";

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
