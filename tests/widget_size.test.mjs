// The widget's size budget: what each element makes a resident download (brotli, as a CDN sends
// it) may not grow past the size recorded in bench/size-budget.json. Issue #22's place search and
// legend added 21 KB to the report form where 5 KB were allowed, and nothing stopped it; this
// does. A change that needs more bytes raises the budget in the same commit and says why; one
// that saves bytes lowers it, so that what was saved is not spent again unseen.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { compressed, embeds, later } from "../bench/embed-files.mjs";

const budgetFile = path.resolve(import.meta.dirname, "../bench/size-budget.json");
const budget = JSON.parse(fs.readFileSync(budgetFile, "utf8"));
// Builds on other machines and toolchain patch levels differ by a few hundred bytes.
const slack = 1024;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// Each element's first load, and each part of one that is loaded later (by its own budget).
const loads = [
  ...Object.entries(embeds).map(([element, files]) => [`<tryggve-${element}>`, element, budget.brotli, files]),
  ...Object.entries(later).map(([part, files]) => [`The ${part}`, part, budget.later, files]),
];
for (const [what, element, budgets, files] of loads) {
  test(`${what} loads no more than its budget`, () => {
    const recorded = budgets[element];
    assert.ok(Number.isInteger(recorded), `bench/size-budget.json records a size for ${element}`);
    const now = compressed(files).brotli;
    assert.ok(
      now <= recorded + slack,
      `${element}: ${kb(now)} brotli, ${kb(now - recorded)} over the budget of ${kb(recorded)} ` +
        `(${files.join(", ")}). Load what the first interaction does not need later, or raise ` +
        "bench/size-budget.json in this commit and say why in its message.",
    );
    assert.ok(
      now >= recorded - 3 * slack,
      `${element}: ${kb(now)} brotli, ${kb(recorded - now)} under its budget of ${kb(recorded)}: ` +
        "lower bench/size-budget.json to what it is now, so that the saving is kept.",
    );
  });
}

test("the budget names every element the loader defines", () => {
  const loader = fs.readFileSync(path.resolve(import.meta.dirname, "../widget/js/tryggve.js"), "utf8");
  const defined = [...loader.matchAll(/defineElement\("tryggve-([a-z]+)"/g)].map((m) => m[1]).sort();
  assert.deepEqual(defined, Object.keys(embeds).sort());
  assert.deepEqual(Object.keys(budget.brotli).sort(), defined);
});
