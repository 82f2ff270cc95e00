// The embedding examples (examples/*.html), served from another origin than the edge as a
// municipal website would be: a plain page, a page with a strict CSP and a page with
// aggressive global CSS. In each, a resident reports a place and the widget looks right.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { axeViolations, launch, openPage, screenshotPath } from "./support/browser.mjs";
import { startExamplesServer } from "./support/examples-server.mjs";

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await startExamplesServer();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function reportThroughExample(name, checks = async () => {}) {
  const opened = await openPage(browser, `${site.origin}/${name}`);
  const { page, widget, thirdParty, errors, cspViolations } = opened;

  await checks(opened);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  const description = `Via ${name} ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  await widget.getByRole("button", { name: "Skicka" }).click();
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  const [row] = query(`SELECT category, description FROM reports WHERE tenant_id = 'demo' AND case_year = ${caseNumber.slice(0, 4)} AND case_seq = ${Number(caseNumber.slice(5))}`);
  assert.deepEqual(row, { category: "littering", description });

  // Checked before axe-core runs: axe itself adds a <style> element that a strict CSP refuses.
  assert.deepEqual(cspViolations, [], `${name}: no CSP violations`);
  assert.deepEqual(await axeViolations(page), [], `${name}: axe-core inside the widget`);
  await page.screenshot({ path: screenshotPath(`example-${name.replace(".html", "")}.png`), fullPage: true });
  assert.deepEqual(errors, [], `${name}: no page errors`);
  const elsewhere = thirdParty.filter((u) => !u.startsWith(EDGE) && !u.startsWith(site.origin) && !u.startsWith("https://tile.openstreetmap.org/"));
  assert.deepEqual(elsewhere, [], `${name}: no requests beyond the page, the edge and the tiles`);
  return { ...opened, caseNumber };
}

test("a plain municipal page: one script tag, one element, and the host hears of the report", async () => {
  const { page, context, caseNumber } = await reportThroughExample("plain.html");
  await page.locator("#host-log").filter({ hasText: `Tack! Ärende ${caseNumber}` }).waitFor();
  assert.equal(await page.evaluate(() => typeof window.wasm_bindgen), "undefined", "no globals but Leaflet's L");
  await context.close();
});

test("a page with a strict Content-Security-Policy", async () => {
  const { context } = await reportThroughExample("strict-csp.html", async ({ page }) => {
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
    assert.match(csp, /default-src 'none'/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  });
  await context.close();
});

test("a page with aggressive global CSS does not reach into the widget", async () => {
  const { context } = await reportThroughExample("hostile-css.html", async ({ widget, page }) => {
    const hostText = await page.locator("h1").evaluate((h) => getComputedStyle(h).color);
    assert.equal(hostText, "rgb(204, 0, 0)", "the page's own CSS is in force on the page");
    const submit = widget.getByRole("button", { name: "Skicka" });
    assert.ok(await submit.isVisible());
    const style = await submit.evaluate((b) => {
      const s = getComputedStyle(b);
      return { font: s.fontFamily, color: s.color, display: s.display };
    });
    assert.doesNotMatch(style.font, /Comic Sans/);
    assert.notEqual(style.color, "rgb(204, 0, 0)");
    const map = await widget.locator(".map").boundingBox();
    assert.ok(map.height >= 300, `the map keeps its height (${map.height})`);
    const label = await widget.getByText("Vad gäller det?").evaluate((l) => getComputedStyle(l).textTransform);
    assert.equal(label, "none");
  });
  await context.close();
});
