// A resident reports an unsafe place through the embedded widget, in headless Chromium,
// against the real edge: by mouse, by keyboard alone, with mistakes and a lost connection.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query, sql } from "./support/edge.mjs";
import { axeViolations, launch, openPage, screenshotPath, tabUntil } from "./support/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The element focused inside the widget's shadow root, as "tag#id" or "tag.class". */
const focusedInWidget = () => {
  const el = document.querySelector("tryggve-report").shadowRoot.activeElement;
  return el ? `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : "." + el.className.split(" ")[0]}` : null;
};

async function storedReport(caseNumber) {
  const [year, seq] = caseNumber.split("-").map(Number);
  const rows = query(`SELECT * FROM reports WHERE tenant_id = 'demo' AND case_year = ${year} AND case_seq = ${seq}`);
  assert.equal(rows.length, 1, `report ${caseNumber} is stored once`);
  return rows[0];
}

test("by mouse: click the map, answer, send, see the case number", async () => {
  const { context, page, widget, thirdParty, errors } = await openPage(browser);
  const status = widget.locator("#pin-status");
  assert.equal(await status.textContent(), "Ingen plats vald ännu.");
  // Without the human check, nothing sets cookies, and the note says so.
  assert.match(await widget.locator(".privacy").textContent(), /^Om dina uppgifter: Vi sätter inga kakor/);
  assert.doesNotMatch(await widget.locator(".privacy").textContent(), /Cloudflare/);

  const map = widget.locator(".map");
  const box = await map.boundingBox();
  await page.mouse.click(box.x + box.width * 0.75, box.y + box.height * 0.25);
  await assert.doesNotReject(status.filter({ hasText: "Nålen är satt där du klickade." }).waitFor());
  await widget.locator(".leaflet-marker-icon").waitFor();

  await widget.getByLabel("Vad gäller det?").selectOption("graffiti");
  await widget.getByLabel("Kväll").check();
  await widget.getByLabel("Natt").check();
  // Typed in decomposed form (a + ring, a + diaeresis), as text pasted from some systems is:
  // the counter counts, and the report stores, the composed characters (NFC) the rules count.
  const description = `Klotter pa\u030A skolans va\u0308gg ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  const composed = description.normalize("NFC");
  assert.notEqual(composed.length, description.length);
  await widget.locator("#description-count").filter({ hasText: `${composed.length} av 1000 tecken` }).waitFor();
  await widget.getByLabel("Din e-postadress").fill("granne@example.se");
  assert.deepEqual(await axeViolations(page), [], "the filled form passes axe-core");
  await page.screenshot({ path: screenshotPath("report-form-filled.png"), fullPage: true });

  await widget.getByRole("button", { name: "Skicka" }).click();
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  assert.equal(await page.evaluate(focusedInWidget), "h3.", "focus moves to the confirmation");
  const code = (await widget.locator(".followup-code").textContent()).trim();
  assert.match(code, /^[0-9a-f]{32}$/);

  const row = await storedReport(caseNumber);
  assert.equal(row.category, "graffiti");
  assert.equal(row.times, "evening,night");
  assert.equal(row.description, composed);
  assert.equal(row.contact_email, "granne@example.se");
  // The click was north-east of the centre.
  assert.ok(row.lat > 58.0337 && row.lng > 12.8083, `stored at ${row.lat}, ${row.lng}`);

  const followUp = await fetch(`${EDGE}/api/v1/tenants/demo/reports/${caseNumber}`, {
    headers: { authorization: `Bearer ${code}` },
  });
  assert.equal(followUp.status, 200, "the code shown works for follow-up");

  assert.deepEqual(await axeViolations(page), [], "the receipt passes axe-core");
  await page.screenshot({ path: screenshotPath("report-receipt.png"), fullPage: true });

  // The receipt reads on a desktop and on a phone: nothing runs off sideways (the link wraps).
  for (const [width, height] of [[1280, 900], [1920, 1080], [390, 844]]) {
    await page.setViewportSize({ width, height });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${overflow} px sideways at ${width} px`);
    const box = await widget.locator(".followup-url").boundingBox();
    assert.ok(box.x + box.width <= width, `the link fits at ${width} px`);
    await page.screenshot({ path: screenshotPath(`report-receipt-${width}x${height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 720 });

  // The resident keeps the link: copied, shown in full, or on paper.
  const link = `${page.url().split("#")[0]}#tryggve-followup=${caseNumber}.${code}`;
  assert.equal((await widget.locator(".followup-url").textContent()).trim(), link);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: EDGE });
  await widget.getByRole("button", { name: "Kopiera länken" }).click();
  await widget.getByRole("status").filter({ hasText: "Länken är kopierad." }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // The browser's print dialogue is not ours to test: that the button opens it is.
  await page.evaluate(() => { window.print = () => { window.printed = true; }; });
  await widget.getByRole("button", { name: "Skriv ut kvittot" }).click();
  assert.equal(await page.evaluate(() => window.printed), true);
  // On paper: the receipt alone, without the page around it or the buttons.
  await page.emulateMedia({ media: "print" });
  const pageHeading = page.getByRole("heading", { name: "Tipsa oss om platser som känns otrygga" });
  assert.equal(await pageHeading.isVisible(), false, "the host page is not printed");
  assert.ok(await heading.isVisible(), "the receipt is");
  assert.ok(await widget.locator(".followup-code").isVisible());
  assert.ok(await widget.locator(".followup-url").isVisible());
  assert.equal(await widget.getByRole("button", { name: "Kopiera länken" }).isVisible(), false);
  await page.screenshot({ path: screenshotPath("report-receipt-print.png"), fullPage: true });
  await page.emulateMedia({ media: "screen" });
  // Another report: the page prints as itself again.
  await widget.getByRole("button", { name: "Tipsa om en plats till" }).click();
  await widget.getByLabel("Vad gäller det?").waitFor();
  await page.emulateMedia({ media: "print" });
  assert.ok(await pageHeading.isVisible(), "the print sheet is gone with the receipt");
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 0);
  await page.emulateMedia({ media: "screen" });
  assert.deepEqual(thirdParty.filter((u) => !u.startsWith("https://tile.openstreetmap.org/")), [],
    "no requests to third parties except map tiles");
  assert.deepEqual(await context.cookies(), [], "residents get no cookies");
  assert.deepEqual(errors, []);
  await context.close();
});

test("on a phone the map is tall enough to aim a pin and as wide as the widget", async () => {
  const { context, page, widget } = await openPage(browser, EDGE + "/", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await widget.locator(".map").scrollIntoViewIfNeeded();
  const map = await widget.locator(".map").boundingBox();
  const form = await widget.locator(".tryggve").first().boundingBox();
  assert.ok(map.height >= 0.5 * 844, `the map is ${map.height} px tall`);
  assert.ok(map.width >= form.width - 2 * 12 - 4, `the map is ${map.width} of the widget's ${form.width} px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${overflow} px sideways`);
  // A tap places the pin.
  await widget.locator(".map").tap({ position: { x: map.width / 2, y: map.height / 3 } });
  await widget.locator("#pin-status").filter({ hasText: "Nålen är satt där du klickade." }).waitFor();
  await page.screenshot({ path: screenshotPath("report-form-390x844.png"), fullPage: true });
  await context.close();
});

test("by keyboard alone: pan the map with arrows, place the pin, fill in, send", async () => {
  const { context, page, widget } = await openPage(browser);
  const isMap = () => document.querySelector("tryggve-report").shadowRoot.activeElement?.classList.contains("leaflet-container");
  await tabUntil(page, isMap);
  // At a person's pace: Leaflet ignores arrow keys while the previous pan is still animating.
  for (const key of ["ArrowUp", "ArrowUp", "ArrowLeft", "ArrowLeft"]) {
    await page.keyboard.press(key);
    await page.waitForTimeout(350);
  }

  await tabUntil(page, () => document.querySelector("tryggve-report").shadowRoot.activeElement?.id === "place-pin");
  await page.keyboard.press("Enter");
  const status = widget.locator("#pin-status");
  // Said at once by its position, then in words: the demo has no geocoder, so by its area.
  await status.filter({ hasText: "Nålen är satt i kartans mitt." }).waitFor();
  await status.filter({ hasText: /Vald plats: (Centrum|Norra|Södra)\.$/ }).waitFor();
  assert.equal(await status.getAttribute("aria-live"), "polite");

  await tabUntil(page, () => document.querySelector("tryggve-report").shadowRoot.activeElement?.id === "category");
  await page.keyboard.press("ArrowDown"); // first category: dålig belysning
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(focusedInWidget), "input#time-morning");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(focusedInWidget), "input#time-night");
  await page.keyboard.press("Space");
  // The municipality's own questions: a checkbox, then a scale of radio buttons (arrows choose).
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(focusedInWidget), "input#answer-what-would-help");
  await page.keyboard.press("Space");
  await tabUntil(page, () => document.querySelector("tryggve-report").shadowRoot.activeElement?.id === "answer-how-unsafe");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(focusedInWidget), "textarea#description");
  const description = `Mörk cykelväg, tangentbord ${Date.now()}`;
  await page.keyboard.type(description);
  await tabUntil(page, () => document.querySelector("tryggve-report").shadowRoot.activeElement?.id === "submit");
  await page.keyboard.press("Enter");

  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  const row = await storedReport(caseNumber);
  assert.equal(row.category, "dark-spot");
  assert.equal(row.times, "morning,night");
  assert.equal(row.description, description);
  assert.equal(row.contact_email, null);
  assert.deepEqual(JSON.parse(row.answers), { "how-unsafe": 3, "what-would-help": ["lighting"] });
  // Panned north and west of the initial centre before placing the pin there.
  assert.ok(row.lat > 58.0337 && row.lng < 12.8083, `stored at ${row.lat}, ${row.lng}`);
  await context.close();
});

test("municipal staff report with their access code, and stay staff for the next place", async () => {
  const { context, page, widget } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  await widget.getByLabel("Jag rapporterar som").selectOption("staff");
  const code = widget.getByLabel("Åtkomstkod");
  await code.fill("inte-rätt-kod-alls");
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await widget.locator("#access-code-error").filter({ hasText: "Åtkomstkoden stämmer inte." }).waitFor();
  assert.equal(await page.evaluate(focusedInWidget), "input#access-code");
  assert.equal(await code.getAttribute("aria-invalid"), "true");

  await code.fill("demo-personal-2026");
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor();
  const row = await storedReport((await heading.textContent()).match(/\d{4}-\d{4,}/)[0]);
  assert.equal(row.reporter_group, "staff");
  assert.ok(!JSON.stringify(row).includes("demo-personal-2026"), "the code itself is not stored");

  await widget.getByRole("button", { name: "Tipsa om en plats till" }).click();
  assert.equal(await widget.getByLabel("Jag rapporterar som").inputValue(), "staff");
  assert.equal(await widget.getByLabel("Åtkomstkod").inputValue(), "demo-personal-2026");
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("'use my location' puts the pin at the device's position", async () => {
  const { context, page, widget } = await openPage(browser, undefined, {
    geolocation: { latitude: 58.041, longitude: 12.799 },
    permissions: ["geolocation"],
  });
  await widget.getByRole("button", { name: "Använd min position" }).click();
  await widget.locator("#pin-status").filter({ hasText: "Nålen är satt på din position. Vald plats: Norra." }).waitFor();
  assert.equal(await widget.locator(".leaflet-marker-icon").count(), 1);
  await context.close();
  const far = await openPage(browser, undefined, {
    geolocation: { latitude: 59.3293, longitude: 18.0686 },
    permissions: ["geolocation"],
  });
  await far.widget.getByRole("button", { name: "Använd min position" }).click();
  await far.widget.locator("#pin-status").filter({ hasText: "utanför kommunens karta" }).waitFor();
  assert.equal(await far.widget.locator(".leaflet-marker-icon").count(), 0);
  await far.context.close();
});

test("mistakes are shown next to the fields and nothing is sent", async () => {
  const { context, page, widget } = await openPage(browser);
  let posted = 0;
  page.on("request", (r) => { if (r.method() === "POST") posted++; });
  await widget.getByLabel("Vad gäller det?").selectOption("other");
  await widget.getByLabel("Din e-postadress").fill("inte-en-adress");
  await widget.getByRole("button", { name: "Skicka" }).click();

  await widget.getByText("Rätta de markerade fälten och skicka igen.").waitFor();
  assert.equal(await widget.locator("#pin-error").textContent(), "Välj en plats på kartan.");
  assert.equal(await widget.locator("#description-error").textContent(), "Fyll i det här fältet.");
  assert.match(await widget.locator("#email-error").textContent(), /giltig e-postadress/);
  assert.equal(await widget.locator("#contact-email").getAttribute("aria-invalid"), "true");
  assert.equal(await page.evaluate(focusedInWidget), "button#place-pin", "focus goes to the first problem");
  assert.equal(posted, 0);
  assert.deepEqual(await axeViolations(page), [], "the form with errors passes axe-core");
  await page.screenshot({ path: screenshotPath("report-form-errors.png"), fullPage: true });

  // The pin's error belongs to the buttons that place it, for a screen reader there.
  assert.equal(await widget.locator("#place-pin").getAttribute("aria-describedby"), "pin-error");
  // Each error goes as soon as its field is right; the others stay until they are.
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.locator("#pin-error:empty").waitFor({ state: "attached" });
  assert.equal(await widget.locator("#description-error").textContent(), "Fyll i det här fältet.");
  await widget.getByLabel("Din e-postadress").fill("boende@example.se");
  await widget.locator("#email-error:empty").waitFor({ state: "attached" });
  assert.equal(await widget.locator("#contact-email").getAttribute("aria-invalid"), null);
  await widget.getByLabel("Beskriv platsen").fill("Trappan är trasig.");
  await widget.locator("#description-error:empty").waitFor({ state: "attached" });
  // Nothing new is shown while typing: a field emptied again waits for the next submit.
  await widget.getByLabel("Beskriv platsen").fill("");
  await page.waitForTimeout(200);
  assert.equal(await widget.locator("#description-error").textContent(), "");
  assert.equal(posted, 0);
  await context.close();
});

test("a long description: an emoji counts as one character, and one too many is shown, not cut off", async () => {
  // No maxlength: the browser would count UTF-16 units (two per emoji) and stop typing early.
  const { context, widget } = await openPage(browser);
  const description = widget.getByLabel("Beskriv platsen");
  const counter = widget.locator("#description-count");
  await description.fill("🚨".repeat(1000));
  await counter.filter({ hasText: "1000 av 1000 tecken" }).waitFor();
  await widget.getByRole("button", { name: "Skicka" }).click();
  await widget.getByText("Rätta de markerade fälten och skicka igen.").waitFor();
  assert.equal(await widget.locator("#description-error").textContent(), "", "1000 emoji are allowed");

  await description.press("End");
  await description.pressSequentially("x");
  await counter.filter({ hasText: "1001 av 1000 tecken" }).waitFor();
  assert.equal([...(await description.inputValue())].length, 1001, "what was typed is kept");
  await widget.getByRole("button", { name: "Skicka" }).click();
  await widget.locator("#description-error").filter({ hasText: "Texten är för lång." }).waitFor();
  assert.equal(await description.getAttribute("aria-invalid"), "true");
  await context.close();
});

test("a report that could not be sent is kept, survives a reload, and is sent exactly once", async () => {
  const { context, page, widget } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("vandalism");
  const description = `Krossad busskur ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  const stored = () => query(`SELECT COUNT(*) AS n FROM reports WHERE description = ${sql(description)}`)[0].n;

  // Offline: the report waits in this browser.
  await context.route("**/api/v1/reports", (route) => route.abort("internetdisconnected"));
  await widget.getByRole("button", { name: "Skicka" }).click();
  await widget.getByText(/Rapporten är sparad i den här webbläsaren/).waitFor();
  assert.equal(await widget.getByLabel("Beskriv platsen").inputValue(), description, "the form keeps the text");
  const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem("tryggve-outbox:demo")));
  assert.equal(waiting.description, description);
  assert.match(waiting.idempotency_key, /^[0-9a-f]{32}$/);
  assert.equal(stored(), 0);

  // The resident reloads while still offline: the report is still there, and still waiting.
  await page.reload();
  // It is tried again at once ("sending the saved report…"), fails, and waits again.
  await widget.getByText(/Rapporten är sparad i den här webbläsaren/).waitFor();
  assert.equal(await widget.getByLabel("Beskriv platsen").inputValue(), description);
  assert.equal(await widget.getByLabel("Vad gäller det?").inputValue(), "vandalism");

  // Back online, but the edge fails (a 5xx, its fault, not the report's): the report still waits.
  await context.unroute("**/api/v1/reports");
  let failed = 0;
  await context.route("**/api/v1/reports", (route) => {
    failed++;
    return route.fulfill({ status: 500, contentType: "application/json",
      body: JSON.stringify({ error: { code: "internal", message: "Internal error; nothing was stored. Please try again." } }) });
  });
  while (failed === 0) await page.waitForTimeout(200);
  await page.waitForTimeout(300);
  assert.equal((await page.evaluate(() => JSON.parse(localStorage.getItem("tryggve-outbox:demo")))).description, description,
    "still waiting after a 500");
  assert.equal(await widget.getByText(/Rapporten togs inte emot/).count(), 0, "not shown as refused");

  // The connection returns, but the first answer is lost on the way back: the edge stored the
  // report, the browser never heard. The next try must not store it again.
  let lost = 0;
  await context.unroute("**/api/v1/reports");
  await context.route("**/api/v1/reports", async (route) => {
    if (lost++ === 0) {
      await route.fetch();
      await route.abort("connectionreset");
    } else {
      await route.continue();
    }
  });
  const heading = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await heading.waitFor({ timeout: 60_000 });
  assert.ok(lost >= 2, "it was sent again after the lost answer");
  assert.equal(stored(), 1, "stored exactly once");
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  const [row] = query(`SELECT case_year, case_seq FROM reports WHERE description = ${sql(description)}`);
  assert.equal(`${row.case_year}-${String(row.case_seq).padStart(4, "0")}`, caseNumber, "the receipt names the stored case");
  assert.equal(await page.evaluate(() => localStorage.getItem("tryggve-outbox:demo")), null, "nothing left waiting");
  await context.close();
});

test("a waiting staff report keeps its access code only in the tab that typed it, and is still sent once", async () => {
  const { context, page, widget } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  await widget.getByLabel("Jag rapporterar som").selectOption("staff");
  await widget.getByLabel("Åtkomstkod").fill("demo-personal-2026");
  const description = `Nedskräpat vid återvinningen ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  const stored = () => query(`SELECT case_year, case_seq, reporter_group FROM reports WHERE description = ${sql(description)}`);

  // Offline: the report waits, its code apart from it.
  let tries = 0;
  await context.route("**/api/v1/reports", (route) => { tries++; return route.abort("internetdisconnected"); });
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  await widget.getByText(/Rapporten är sparad i den här webbläsaren/).waitFor();
  const slot = "tryggve-outbox:demo";
  const kept = await page.evaluate((slot) => [localStorage.getItem(slot), sessionStorage.getItem(slot)], slot);
  assert.ok(kept[0].includes(description), "the report waits in local storage");
  assert.ok(!kept[0].includes("demo-personal-2026"), "but not its access code");
  assert.equal(kept[1], "demo-personal-2026", "the code waits in this tab's session storage");

  // A reload keeps the tab, so the code: the report is tried again at once, with it.
  const before = tries;
  await page.reload();
  await widget.getByText(/Rapporten är sparad i den här webbläsaren/).waitFor();
  assert.equal(await widget.getByLabel("Åtkomstkod").inputValue(), "demo-personal-2026");
  assert.ok(tries > before, "tried again after the reload");

  // Another tab has the report but not the code: it waits for the code instead of sending.
  const tab = await context.newPage();
  let sentByTab = 0;
  tab.on("request", (request) => { if (request.url().endsWith("/api/v1/reports")) sentByTab++; });
  await tab.goto(EDGE + "/");
  const other = tab.locator("tryggve-report");
  await other.getByText("En rapport väntar på att skickas från den här webbläsaren. Skriv åtkomstkoden igen och tryck på Skicka.").waitFor();
  assert.equal(await other.getByLabel("Beskriv platsen").inputValue(), description);
  assert.equal(await other.getByLabel("Jag rapporterar som").inputValue(), "staff");
  const code = other.getByLabel("Åtkomstkod");
  assert.equal(await code.inputValue(), "");
  assert.equal(await code.getAttribute("aria-invalid"), "true");
  assert.deepEqual(await axeViolations(tab), []);

  // The connection returns: the first tab sends it with its code, which the edge checks.
  await context.unroute("**/api/v1/reports");
  const first = widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await first.waitFor({ timeout: 60_000 });
  assert.equal(sentByTab, 0, "the other tab sent nothing without the code");
  const rows = stored();
  assert.equal(rows.length, 1);
  assert.equal(rows[0].reporter_group, "staff");
  const caseNumber = (await first.textContent()).match(/\d{4}-\d{4,}/)[0];
  assert.equal(`${rows[0].case_year}-${String(rows[0].case_seq).padStart(4, "0")}`, caseNumber);
  assert.deepEqual(await page.evaluate((slot) => [localStorage.getItem(slot), sessionStorage.getItem(slot)], slot), [null, null]);

  // The resident in the other tab types the code again and sends: the same report, not a second.
  await code.fill("demo-personal-2026");
  await other.getByRole("button", { name: "Skicka", exact: true }).click();
  const second = other.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ });
  await second.waitFor();
  assert.equal((await second.textContent()).match(/\d{4}-\d{4,}/)[0], caseNumber, "the first receipt");
  assert.equal(stored().length, 1, "stored exactly once");
  assert.deepEqual(await tab.evaluate((slot) => [localStorage.getItem(slot), sessionStorage.getItem(slot)], slot), [null, null]);

  await context.close();
});

test("the widget follows the page language and the host page's CSS does not reach it", async () => {
  const { context, page, widget } = await openPage(browser);
  await page.evaluate(() => {
    const style = document.createElement("style");
    style.textContent = "* { color: red !important; font-family: 'Comic Sans MS' !important; } button { display: none !important; }";
    document.head.appendChild(style);
  });
  const submit = widget.getByRole("button", { name: "Skicka" });
  assert.ok(await submit.isVisible(), "host CSS cannot hide our buttons");
  assert.notEqual(await submit.evaluate((b) => getComputedStyle(b).color), "rgb(255, 0, 0)");
  await context.close();

  const english = await browser.newContext({ locale: "en-GB" });
  const englishPage = await english.newPage();
  await englishPage.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await englishPage.goto(EDGE + "/");
  await englishPage.evaluate(() => {
    const el = document.createElement("tryggve-report");
    el.setAttribute("tenant", "demo");
    el.setAttribute("lang", "en");
    el.id = "english";
    document.querySelector("main").appendChild(el);
  });
  await englishPage.locator("#english").getByRole("heading", { name: "Report a place that feels unsafe" }).waitFor();
  assert.ok(await englishPage.locator("tryggve-report").first().getByRole("heading", { name: "Tipsa om en plats som känns otrygg" }).isVisible(),
    "the page's own widget stays Swedish (html lang=sv)");
  await english.close();
});

test("a rate-limited report waits in the browser and goes through when the limit lifts", async () => {
  const { context, widget } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("littering");
  const description = `Begränsad ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  let refused = 0;
  await context.route("**/api/v1/reports", async (route) => {
    if (refused++ === 0) {
      await route.fulfill({
        status: 429,
        headers: { "retry-after": "2" },
        contentType: "application/json",
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many submissions from here." } }),
      });
    } else {
      await route.continue();
    }
  });
  await widget.getByRole("button", { name: "Skicka" }).click();
  await widget.getByText(/Rapporten är sparad i den här webbläsaren/).waitFor();
  await widget.getByRole("heading", { name: /Tack! Ditt ärende har nummer/ }).waitFor({ timeout: 30_000 });
  assert.equal(query(`SELECT COUNT(*) AS n FROM reports WHERE description = ${sql(description)}`)[0].n, 1);
  await context.close();
});
