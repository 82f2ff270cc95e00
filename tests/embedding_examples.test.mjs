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
  assert.deepEqual(await page.evaluate(() => [typeof window.wasm_bindgen, typeof window.L]), ["undefined", "undefined"],
    "the widget adds no globals, not even Leaflet's L (its Leaflet is a module of its own)");
  await context.close();
});

test("a page whose own scripts use the global L: the widget works and the page's L is untouched", async () => {
  const { page, context } = await reportThroughExample("own-leaflet.html", async ({ page, widget }) => {
    // The map drew with our Leaflet while the page's L throws on `new L.Map`.
    assert.equal(await widget.locator(".leaflet-tile-pane").count(), 1);
    // Leaflet's marker image, found beside our Leaflet module (it cannot look into the shadow root).
    await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
    const marker = widget.locator("img.leaflet-marker-icon");
    await marker.waitFor();
    await page.waitForFunction((img) => img.complete, await marker.elementHandle());
    const image = await marker.evaluate((img) => ({ src: img.src, width: img.naturalWidth }));
    assert.match(image.src, /\/widget\/images\/marker-icon(-2x)?\.png$/);
    assert.ok(image.width > 0, `the marker image loaded (${image.src})`);
  });
  const after = await page.evaluate(() => ({ same: window.L === window.siteL, version: window.L.version, keys: Object.keys(window.L).join() }));
  assert.deepEqual(after, { same: true, version: "0.7.7-exempelby", keys: "version,Map,marker,greet" }, "the page's L, neither replaced nor added to");
  await page.locator("#site-check").filter({ hasText: "Hej från sidans egen L" }).waitFor();
  await context.close();
});

test("a widget that cannot start says so in its frame, in the resident's language", async () => {
  for (const [lang, words] of [["sv", /kunde inte starta i din webbläsare/], ["ar", /تعذّر تشغيل هذه الخدمة/]]) {
    const context = await browser.newContext({ locale: "sv-SE" });
    const page = await context.newPage();
    // The page says it is in `lang` before the loader's deferred script runs (it is parsed by
    // then: `interactive` comes first).
    await page.addInitScript((lang) => document.addEventListener("readystatechange", () => {
      if (document.readyState === "interactive") document.documentElement.lang = lang;
    }), lang);
    // The WebAssembly never arrives (a proxy that strips it, a download cut off).
    await context.route("**/widget/tryggve_report_bg.wasm", (route) => route.fulfill({ status: 404, body: "" }));
    await page.goto(`${site.origin}/plain.html`);
    const alert = page.locator("tryggve-report").getByRole("alert");
    await alert.waitFor();
    assert.match(await alert.textContent(), words);
    if (lang === "ar") assert.equal(await alert.getAttribute("dir"), "rtl");
    assert.deepEqual(await axeViolations(page), [], `${lang}: axe-core on the failure message`);
    await page.screenshot({ path: screenshotPath(`example-start-failed-${lang}.png`) });
    await context.close();
  }
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

test("the demo pages and the edge's own copies of the examples run no inline script (they share the console's origin)", async () => {
  for (const path of ["/", "/walks.html", "/survey.html", "/examples/plain.html", "/examples/own-leaflet.html"]) {
    const response = await fetch(EDGE + path);
    assert.equal(response.status, 200, path);
    const policy = response.headers.get("content-security-policy") ?? "";
    const scripts = policy.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
    assert.equal(scripts, "script-src 'self' 'wasm-unsafe-eval'", `${path}: ${policy}`);
  }
  // The demo works under it: a report form, and no violation.
  const { page, widget, cspViolations, errors } = await openPage(browser, EDGE + "/");
  await widget.locator("#submit").waitFor();
  // An inline script put into the page (as an injection would) does not run.
  await page.evaluate(() => {
    const s = document.createElement("script");
    s.textContent = "window.__injected = true";
    document.body.append(s);
  });
  assert.equal(await page.evaluate(() => window.__injected ?? false), false);
  assert.ok(cspViolations.some((v) => v.startsWith("script-src")), "the browser reported the blocked script");
  assert.equal(cspViolations.filter((v) => !v.includes("inline")).length, 0, `${cspViolations}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});
