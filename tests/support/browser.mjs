// Headless Chromium (Debian's) driven by playwright-core, with map tiles served locally and
// every request recorded so that tests can check that nothing else leaves the page.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { EDGE } from "./edge.mjs";

// A 1×1 light-grey PNG; Leaflet stretches it to a 256 px tile.
const TILE = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC",
  "base64",
);

export const ARTIFACTS = process.env.TRYGGVE_ARTIFACTS ?? "target/e2e/artifacts";

export async function launch() {
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return browser;
}

/** The report form's map once the form is there: the loader draws the map in its frame first,
 * and the form takes it over (the frame and the arriving form are not yet the form). */
export const FORM_MAP = ".tryggve:not(.frame):not(.arriving) .leaflet-container";

/** A fresh page with tiles served locally and a log of requests that left our edge; returns
 * once the widget (`element`) shows `ready` (by default the report form's map). */
export async function openPage(browser, url = EDGE + "/", contextOptions = {}, ready = FORM_MAP, element = "tryggve-report") {
  const context = await browser.newContext({ locale: "sv-SE", ...contextOptions });
  const page = await context.newPage();
  const thirdParty = [];
  page.on("request", (request) => {
    const origin = new URL(request.url()).origin;
    if (origin !== EDGE && !request.url().startsWith("data:")) thirdParty.push(request.url());
  });
  await context.route("https://tile.openstreetmap.org/**", (route) =>
    route.fulfill({ status: 200, contentType: "image/png", body: TILE }));
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  // Every CSP violation, with where it came from (`securitypolicyviolation` events, reported
  // through a binding so that they arrive even from a page that forbids inline script).
  const cspViolations = [];
  await page.exposeBinding("__tryggveCsp", (_source, v) => cspViolations.push(v));
  await page.addInitScript(() => document.addEventListener("securitypolicyviolation", (e) => {
    window.__tryggveCsp(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`);
  }));
  await page.goto(url);
  const widget = page.locator(element);
  await widget.locator(ready).first().waitFor();
  return { context, page, widget, thirdParty, errors, cspViolations };
}

/** Presses Tab until `isThere()` (evaluated in the page) is true; fails after `max` presses. */
export async function tabUntil(page, isThere, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate(isThere)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on `include` — by default the widget and
 * its shadow root — and returns the violations. Evaluated through DevTools, so that a page's
 * strict CSP (which forbids injected scripts) stays in force for everything else. */
export async function axeViolations(page, include = [["tryggve-report"]]) {
  const axe = fs.readFileSync(path.resolve(import.meta.dirname, "../../node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(axe);
  return page.evaluate(async (include) => {
    const result = await window.axe.run(
      { include },
      { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } },
    );
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target) }));
  }, include);
}

export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/**
 * A console logged in as `account` ({ tenant, email, password }) at `viewport`, on the page it
 * starts on (`landing`: the review, where an admin starts), tiles answered empty; `errors` collects
 * the page's uncaught errors.
 */
export async function consoleAs(browser, account, viewport, landing = "Granskningskarta") {
  const context = await browser.newContext({ locale: "sv-SE", viewport });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("Kommun (kod)").fill(account.tenant);
  await page.getByLabel("E-postadress").fill(account.email);
  await page.getByLabel("Lösenord").fill(account.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: landing, level: 1 }).waitFor();
  return { context, page, errors };
}

/** How far the page scrolls sideways, and the outermost elements that stick out (for the message). */
export async function sideways(page) {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - document.documentElement.clientWidth;
    const edge = document.documentElement.clientWidth + 1;
    const wide = [...document.querySelectorAll("body *")].filter((e) =>
      e.getBoundingClientRect().right > edge && !(e.parentElement.getBoundingClientRect().right > edge));
    return { by: overflow, widest: wide.slice(0, 5).map((e) => `${e.tagName}.${e.className}`).join(" ") };
  });
}
