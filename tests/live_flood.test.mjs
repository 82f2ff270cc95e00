// The live room under a flood, as an attacker would make one: hundreds of sockets in one
// dialogue's room, a part of them sending small frames every 10 ms, some like a standard client
// (which stops once the room closes its socket) and some ignoring the close and sending on.
// Before the room closed such sockets it took the whole edge down from about 3 000 frames a
// second. Now a resident still connects, hears an approved question within a second, the
// configuration keeps answering, and the edge answers at once after the flood.
//
// On an edge of its own (support/own-edge.mjs): if this fails, it takes no other test with it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { OwnEdge } from "./support/own-edge.mjs";
import { ACCOUNTS, login } from "./support/console.mjs";
import { createDialogue, participant, questionAction } from "./support/dialogue.mjs";
import { connect } from "./support/raw-websocket.mjs";

const SOCKETS = 400;
const SENDERS = 200;
const EVERY_MS = 10;
const FLOOD_MS = 4_000;

let own;
let moderator;
before(async () => {
  own = await OwnEdge.create({ accounts: true });
  moderator = await login(ACCOUNTS.moderator, own.url);
});
after(() => own?.remove());

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
/** An address of a documentation range per attacker, so that no per-client cap applies. */
const address = (n) => `198.18.${n >> 8}.${n & 255}`;

/** Milliseconds the edge takes to answer the configuration, or Infinity after `limitMs`. */
async function configTime(limitMs = 2_000) {
  const started = performance.now();
  try {
    const response = await fetch(`${own.url}/api/v1/tenants/demo/config`, { signal: AbortSignal.timeout(limitMs) });
    await response.arrayBuffer();
    return response.status === 200 ? performance.now() - started : Infinity;
  } catch {
    return Infinity;
  }
}

async function ask(dialogue, text) {
  const response = await fetch(`${own.url}/api/v1/tenants/demo/dialogues/${dialogue}/questions`, {
    method: "POST",
    headers: { authorization: `Bearer ${participant()}`, "content-type": "application/json", "cf-connecting-ip": "192.0.2.200" },
    body: JSON.stringify({ text }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return (await response.json()).id;
}

/** Floods `room` from SOCKETS sockets for FLOOD_MS; returns how many frames were sent. */
async function flood(room, { ignoreClose }) {
  const sockets = [];
  for (let n = 0; n < SOCKETS; n += 50) {
    const batch = Array.from({ length: Math.min(50, SOCKETS - n) }, (_, i) =>
      connect(room, { "cf-connecting-ip": address(n + i) }, { ignoreClose }).catch(() => null));
    sockets.push(...(await Promise.all(batch)));
  }
  const open = sockets.filter((s) => s?.status === 101);
  assert.ok(open.length >= SOCKETS * 0.9, `${open.length} of ${SOCKETS} attackers connected`);
  let sent = 0;
  let tried = 0;
  const senders = open.slice(0, SENDERS).map((socket, i) => setInterval(() => {
    tried++;
    if (socket.sendText(`{"spam":${i}}`)) sent++;
  }, EVERY_MS));
  return {
    sockets: open,
    /** Frames written to a socket (a standard client writes none after the room's close). */
    get sent() { return sent; },
    get tried() { return tried; },
    stop() {
      senders.forEach(clearInterval);
      open.forEach((s) => s.destroy());
    },
  };
}

for (const ignoreClose of [false, true]) {
  const kind = ignoreClose ? "attackers that ignore the room's close" : "attackers that honour the room's close";
  test(`a flood of frames from ${kind} takes down neither the room nor the edge`, async () => {
    const dialogue = await createDialogue(moderator, "live");
    const room = `${own.url.replace("http", "ws")}/api/v1/tenants/demo/dialogues/${dialogue}/live`;
    const question = await ask(dialogue, "Varför är belysningen vid torget så dålig?");

    const attack = await flood(room, { ignoreClose });
    await pause(1_000);
    // A resident joins in the middle of the flood (perhaps after a drop, as the widget does).
    let resident = null;
    for (let attempt = 0; attempt < 10 && resident?.status !== 101; attempt++) {
      if (attempt) await pause(1_000);
      resident = await connect(room, { "cf-connecting-ip": "192.0.2.100" }, { timeoutMs: 3_000 }).catch(() => null);
    }
    assert.equal(resident?.status, 101, "the resident could join during the flood");
    const configDuring = await configTime();
    const approvedAt = performance.now();
    const approved = await questionAction(moderator, dialogue, question, { action: "approve" });
    assert.equal(approved.response.status, 200);
    let heardAfter = Infinity;
    for (let i = 0; i < 60; i++) {
      // The room may drop every socket to get rid of those that ignore its close: the resident
      // then reconnects, as the widget does, and catches up.
      if (resident.ended) resident = await connect(room, { "cf-connecting-ip": "192.0.2.100" }, { timeoutMs: 3_000 }).catch(() => resident);
      if (resident.messages.some((m) => m.includes("Varför är belysningen"))) {
        heardAfter = performance.now() - approvedAt;
        break;
      }
      await pause(50);
    }
    const remaining = FLOOD_MS - 1_000 - (performance.now() - approvedAt);
    if (remaining > 0) await pause(remaining);
    const { sent, tried } = attack;
    attack.stop();
    resident.destroy();

    const configAfter = await configTime(1_000);
    console.log(`${kind}: ${sent} of ${tried} frames sent in about ${FLOOD_MS / 1000} s; config during ${configDuring.toFixed(0)} ms, after ${configAfter.toFixed(0)} ms; question heard after ${heardAfter.toFixed(0)} ms`);
    // The attackers tried at a rate that took the edge down before the room closed sockets.
    assert.ok(tried / (FLOOD_MS / 1000) >= 5_000, `the flood was a flood (${tried} frames tried)`);
    assert.ok(sent >= SENDERS, `every sender sent (${sent} frames)`);
    if (ignoreClose) assert.ok(sent / (FLOOD_MS / 1000) >= 3_000, `and sent on (${sent} frames)`);
    assert.ok(heardAfter < 1_000 || (ignoreClose && heardAfter < 3_000), `the approved question arrived after ${heardAfter} ms`);
    assert.ok(configDuring < 1_000, `the configuration answered during the flood in ${configDuring} ms`);
    assert.ok(configAfter < 1_000, `the configuration answered after the flood in ${configAfter} ms`);
  });
}

test("a client that ignored the room's close may not come back for a while; others may", async () => {
  const dialogue = await createDialogue(moderator, "live");
  const room = `${own.url.replace("http", "ws")}/api/v1/tenants/demo/dialogues/${dialogue}/live`;
  const rude = await connect(room, { "cf-connecting-ip": "192.0.2.150" }, { ignoreClose: true });
  const bystander = await connect(room, { "cf-connecting-ip": "192.0.2.151" });
  assert.equal(rude.status, 101);
  rude.sendText("hello");
  for (let i = 0; i < 40 && rude.closeCode === null; i++) await pause(25);
  assert.equal(rude.closeCode, 1008);
  // It sends on as if nothing happened: the room drops its line (and, with it, everyone's).
  for (let i = 0; i < 80 && !rude.ended; i++) {
    rude.sendText("hello again");
    await pause(25);
  }
  assert.ok(rude.ended, "the line of a client that ignores the close is dropped");
  for (let i = 0; i < 40 && !bystander.ended; i++) await pause(25);
  assert.ok(bystander.ended, "the room was reset, so the bystander was disconnected too");

  const again = await connect(room, { "cf-connecting-ip": "192.0.2.150" });
  assert.equal(again.status, 429);
  assert.equal(JSON.parse(again.body).error.code, "rate_limited");
  const asked = await fetch(room.replace("ws", "http"), { headers: { "cf-connecting-ip": "192.0.2.150" } });
  assert.equal(asked.status, 429);
  const wait = Number(asked.headers.get("retry-after"));
  assert.ok(wait > 3000 && wait <= 3600, `Retry-After ${wait}`);
  // The bystander, who kept the rules, comes back at once.
  const back = await connect(room, { "cf-connecting-ip": "192.0.2.151" });
  assert.equal(back.status, 101);
  back.destroy();
  rude.destroy();
});
