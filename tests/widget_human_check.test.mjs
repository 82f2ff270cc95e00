// The human check in the browser: a municipality with a Turnstile site key gets the check's box
// in the form, from Cloudflare's script (here answered by a local fake of that script, as
// Cloudflare cannot be reached: it draws a button that yields a "fake-pass" token, which the
// edge's fake verifier accepts). Without passing it, nothing is sent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { axeViolations, launch } from "./support/browser.mjs";

const FAKE_TURNSTILE = `window.turnstile = {
  render(element, options) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Jag är en människa (test)";
    button.addEventListener("click", () => options.callback("fake-pass-" + Math.random().toString(16).slice(2)));
    element.appendChild(button);
    window.__turnstileOptions = { sitekey: options.sitekey, language: options.language };
    return "fake-widget";
  },
  reset() {},
};`;

const PAGE = `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Vaktad kommun</title></head>
<body><main><h1>Vaktad kommun</h1><tryggve-report tenant="vaktad"></tryggve-report></main>
<script src="/widget/tryggve.js" defer></script></body></html>`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test("a guarded municipality's form asks for the human check before sending", async () => {
  const context = await browser.newContext({ locale: "sv-SE" });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await context.route("https://challenges.cloudflare.com/turnstile/v0/api.js*", (r) =>
    r.fulfill({ status: 200, contentType: "text/javascript", body: FAKE_TURNSTILE }));
  await context.route(`${EDGE}/vaktad-test.html`, (r) => r.fulfill({ status: 200, contentType: "text/html", body: PAGE }));
  const page = await context.newPage();
  const posted = [];
  page.on("request", (r) => { if (r.method() === "POST") posted.push(r.url()); });
  await page.goto(`${EDGE}/vaktad-test.html`);
  const widget = page.locator("tryggve-report");
  await widget.getByRole("button", { name: "Jag är en människa (test)" }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__turnstileOptions), { sitekey: "1x00000000000000000000AA", language: "sv" });
  // The privacy note does not promise "no cookies" when Cloudflare's box is in the form.
  const note = await widget.locator(".privacy").textContent();
  assert.match(note, /Cloudflare Turnstile/);
  assert.match(note, /kan sätta egna kakor/);

  const marker = `Vaktad i webbläsaren ${Date.now()}`;
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("graffiti");
  await widget.getByLabel("Beskriv platsen").fill(marker);
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await widget.getByText("Bekräfta att du är en människa (rutan ovanför knappen) och skicka igen.").waitFor();
  assert.deepEqual(posted, [], "nothing was sent");

  await widget.getByRole("button", { name: "Jag är en människa (test)" }).click();
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ }).waitFor();
  assert.equal(query(`SELECT COUNT(*) AS n FROM reports WHERE tenant_id = 'vaktad' AND description = '${marker}'`)[0].n, 1);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
