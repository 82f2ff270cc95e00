// Faults: the edge is killed in the middle of a burst of reports from many clients and started
// again on the same database. Clients behave as the widget's outbox does (an idempotency key and
// a follow-up code chosen before the first try, the same ones on every retry). Every report must
// be stored exactly once, and every client must end up with its receipt.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { goodReport } from "./support/edge.mjs";
import { OwnEdge } from "./support/own-edge.mjs";

let own;
let edge;
before(async () => {
  own = await OwnEdge.create();
  edge = own.url;
});
after(() => own?.remove());

/** One client sending `count` reports in a row, each until the edge has it (as the outbox does). */
async function client(n, count, receipts) {
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify(goodReport({
      description: `Skur ${n}.${i}`,
      idempotency_key: randomBytes(12).toString("hex"),
      followup_token: randomBytes(16).toString("hex"),
    }));
    for (let attempt = 0; ; attempt++) {
      try {
        const response = await fetch(`${edge}/api/v1/reports`, { method: "POST", headers: { "content-type": "application/json" }, body });
        if (response.status === 201 || response.status === 200) {
          receipts.push({ key: JSON.parse(body).idempotency_key, ...(await response.json()) });
          break;
        }
        assert.ok(response.status >= 500 || response.status === 429, `refused: ${response.status} ${await response.text()}`);
      } catch { /* no answer: the edge is down; try again */ }
      assert.ok(attempt < 400, "gave up");
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

test("a burst survives the edge being killed and restarted: every report stored exactly once", async () => {
  const receipts = [];
  const clients = Array.from({ length: 16 }, (_, n) => client(n, 6, receipts));
  // Kill the edge once the burst is under way, and bring it back a moment later.
  while (receipts.length < 12) await new Promise((r) => setTimeout(r, 20));
  own.kill();
  const storedBeforeRestart = receipts.length;
  await new Promise((r) => setTimeout(r, 1500));
  await own.start();
  await Promise.all(clients);

  assert.ok(storedBeforeRestart < 96, "the edge went down mid-burst");
  assert.equal(receipts.length, 96, "every client got every receipt");
  const rows = own.execute("SELECT idempotency_key AS key, case_year, case_seq FROM reports WHERE description LIKE 'Skur %'");
  assert.equal(rows.length, 96, "stored exactly once each");
  assert.equal(new Set(rows.map((r) => r.key)).size, 96);
  const stored = new Map(rows.map((r) => [r.key, `${r.case_year}-${String(r.case_seq).padStart(4, "0")}`]));
  for (const receipt of receipts) assert.equal(stored.get(receipt.key), receipt.case_number, "the receipt names the stored case");
});
