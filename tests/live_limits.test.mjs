// Who may open a live line, and how often: a municipality caps the sockets one client (address)
// holds in one dialogue and how many it opens an hour. "strikt" allows 3 and 6. A refused
// handshake is a 429 JSON error; a browser, which cannot read it, asks the same address over
// plain HTTP and is told the same. The resident's widget then says so and waits.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { connect } from "./support/raw-websocket.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";

let dialogue;
let room;
before(() => {
  [{ id: dialogue }] = query(`INSERT INTO dialogues (tenant_id, title, starts_at, ends_at, state, created_at, updated_at)
    VALUES ('strikt', 'Begränsad dialog', '2026-12-01T18:00', '2026-12-01T19:00', 'live', '2026-11-01', '2026-11-01') RETURNING id`);
  room = `${EDGE.replace("http", "ws")}/api/v1/tenants/strikt/dialogues/${dialogue}/live`;
});

const from = (address) => ({ "cf-connecting-ip": address });
const why = (address) => fetch(room.replace("ws", "http"), { headers: from(address) });

test("a client holds at most its cap of sockets in a dialogue; a refused handshake is a 429 JSON error", async () => {
  const open = [];
  for (let i = 0; i < 3; i++) open.push(await connect(room, from("192.0.2.10")));
  assert.deepEqual(open.map((s) => s.status), [101, 101, 101]);
  // Asked over plain HTTP, the address is told it could still connect (426: use a WebSocket)…
  assert.equal((await why("192.0.2.11")).status, 426);

  const fourth = await connect(room, from("192.0.2.10"));
  assert.equal(fourth.status, 429);
  const body = JSON.parse(fourth.body);
  assert.equal(body.error.code, "too_many_connections");
  assert.match(body.error.message, /connections/);
  // …and the full one that it cannot, for how long, readable by an embedding page.
  const asked = await why("192.0.2.10");
  assert.equal(asked.status, 429);
  assert.equal((await asked.json()).error.code, "too_many_connections");
  assert.ok(Number(asked.headers.get("retry-after")) > 0);

  // Another address is not affected; a closed socket makes room again.
  const neighbour = await connect(room, from("192.0.2.12"));
  assert.equal(neighbour.status, 101);
  open[0].destroy();
  for (let i = 0; i < 40 && (await why("192.0.2.10")).status === 429; i++) await new Promise((r) => setTimeout(r, 50));
  const again = await connect(room, from("192.0.2.10"));
  assert.equal(again.status, 101);
  for (const s of [...open, neighbour, again]) s.destroy();
});

test("a client opens at most its hourly number of live lines; the refusal says when to come back", async () => {
  const address = "192.0.2.20";
  for (let i = 0; i < 6; i++) {
    const socket = await connect(room, from(address));
    assert.equal(socket.status, 101, `line ${i + 1} of 6`);
    socket.destroy();
  }
  const seventh = await connect(room, from(address));
  assert.equal(seventh.status, 429);
  assert.equal(JSON.parse(seventh.body).error.code, "rate_limited");
  const asked = await why(address);
  assert.equal(asked.status, 429);
  const wait = Number(asked.headers.get("retry-after"));
  assert.ok(wait > 3000 && wait <= 3600, `Retry-After ${wait}`);
  assert.equal(query("SELECT COUNT(*) AS n FROM rate_events WHERE key LIKE 'live:strikt:%'").at(0).n >= 6, true);
  assert.equal(query("SELECT COUNT(*) AS n FROM rate_events WHERE key LIKE '%192.0.2.20%'")[0].n, 0, "no raw addresses");
});

test("the ping is answered and keeps the line open; any other frame, a large one too, closes it with 1008", async () => {
  const pinger = await connect(room, from("192.0.2.30"));
  assert.equal(pinger.status, 101);
  for (let i = 0; i < 3; i++) pinger.sendText("ping");
  for (let i = 0; i < 40 && pinger.messages.length < 3; i++) await new Promise((r) => setTimeout(r, 25));
  assert.deepEqual(pinger.messages, ["pong", "pong", "pong"]);
  assert.equal(pinger.closeCode, null);

  for (const [n, frame] of ["PING", "ping ", "x".repeat(60_000), '{"type":"question"}'].entries()) {
    const socket = await connect(room, from(`192.0.2.${31 + n}`));
    assert.equal(socket.status, 101);
    socket.sendText(frame);
    for (let i = 0; i < 40 && socket.closeCode === null; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(socket.closeCode, 1008, `closed after ${JSON.stringify(frame.slice(0, 20))}`);
    socket.destroy();
  }
  pinger.destroy();
});

test("the widget says the network has too many live lines, and does not try again and again", async () => {
  const browser = await launch();
  try {
    // The browser's address as the local edge sees it, at strikt's cap.
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await connect(room, from("127.0.0.1")));
    assert.deepEqual(held.map((s) => s.status), [101, 101, 101]);

    const context = await browser.newContext({ locale: "sv-SE" });
    // A page of the municipality's own (served at the edge's origin) with strikt's dialogue.
    await context.route(`${EDGE}/strikt-dialog.html`, (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Strikt kommun – dialog</title>
        <script src="/widget/tryggve.js" defer></script></head>
        <body><main><h1>Trygghetsdialog</h1><tryggve-dialog tenant="strikt" dialogue="${dialogue}"></tryggve-dialog></main></body></html>`,
    }));
    const page = await context.newPage();
    const handshakes = [];
    page.on("websocket", (ws) => handshakes.push(ws.url()));
    await page.goto(`${EDGE}/strikt-dialog.html`);
    const widget = page.locator("tryggve-dialog");
    const status = widget.getByRole("status").filter({ hasText: "För många anslutningar" });
    await status.waitFor();
    assert.match(await status.textContent(), /För många anslutningar från ditt nätverk just nu\. Vi försöker igen om \d+ min\./);
    await page.waitForTimeout(3000);
    assert.equal(handshakes.length, 1, `one handshake, then a long wait (made ${handshakes.length})`);
    await page.screenshot({ path: screenshotPath("live-too-many.png"), fullPage: true });
    assert.deepEqual(await axeViolations(page, [["tryggve-dialog"]]), []);
    for (const s of held) s.destroy();
    await context.close();
  } finally {
    await browser.close();
  }
});
