// A coordinator reads an opened case and the audit log at 1280×900, 1920×1080 and on a 390×844
// phone: every field readable (no value squeezed by a long question, no sideways scrolling),
// times in Stockholm time in words, the audit log saying what changed with the record behind a
// disclosure. On an edge of its own, whose demo municipality asks a very long question.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { OwnEdge } from "./support/own-edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { ACCOUNTS } from "./support/console.mjs";

const LONG_QUESTION = "Om du vill: berätta med egna ord vad som gör att platsen känns otrygg för dig, " +
  "vid vilka tider på dygnet och veckan det gäller, och vad kommunen, fastighetsägaren eller polisen " +
  "skulle kunna göra för att det ska kännas bättre att gå här";
const SIZES = [[1280, 900], [1920, 1080], [390, 844]];

let own;
let browser;
let caseNumber;
before(async () => {
  own = await OwnEdge.create({
    accounts: true,
    configure: (config) => ({
      ...config,
      questionnaire: [...config.questionnaire,
        { id: "in-own-words", text: { sv: LONG_QUESTION, en: "In your own words" }, kind: "short_text" }],
    }),
  });
  browser = await launch();
  const response = await fetch(`${own.url}/api/v1/reports`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      tenant: "demo", lat: 58.0337, lng: 12.8083, category: "dark-spot", times: ["evening"],
      description: "Gångtunneln är mörk; se https://exempel.example/en/mycket/lang/adress/utan/mellanslag/som/inte/far/spranga/sidan/" + "x".repeat(80),
      answers: { "in-own-words": "Det är mörkt och ingen är i närheten på kvällarna." },
    }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  caseNumber = (await response.json()).case_number;
});
after(async () => {
  await browser?.close();
  own?.remove();
});

async function consoleAs(account, width, height) {
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width, height } });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  await page.goto(`${own.url}/console/`);
  await page.getByLabel("E-postadress").fill(account.email);
  await page.getByLabel("Lösenord").fill(account.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("heading", { name: "Granskningskarta" }).waitFor();
  return { context, page };
}

/** How far the page scrolls sideways, and the narrowest value of the case's details. */
const layout = (page) => page.evaluate(() => ({
  sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  // What runs off, leaving out what a scrolling or clipping box around it holds in.
  widest: [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
    .filter((e) => {
      for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return false;
      }
      return true;
    })
    .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`).join(", "),
  narrowestValue: Math.min(...[...document.querySelectorAll(".detail dd")].map((dd) => dd.getBoundingClientRect().width)),
  detailHeight: document.querySelector(".detail")?.getBoundingClientRect().height ?? 0,
}));

for (const [width, height] of SIZES) {
  test(`an opened case reads at ${width}×${height}, with its times in Stockholm time`, async () => {
    const { context, page } = await consoleAs(ACCOUNTS.moderator, width, height);
    await page.getByRole("button", { name: caseNumber, exact: true }).click();
    const detail = page.locator(".detail");
    await detail.getByRole("heading", { name: `Ärende ${caseNumber}` }).waitFor();
    await detail.locator("dt", { hasText: LONG_QUESTION }).waitFor();

    await page.screenshot({ path: screenshotPath(`console-case-${width}x${height}.png`), fullPage: true });
    const { sideways, widest, narrowestValue, detailHeight } = await layout(page);
    assert.ok(sideways <= 1, `the page scrolls ${sideways} px sideways (${widest})`);
    assert.ok(narrowestValue >= 120, `the narrowest value is ${narrowestValue} px wide`);
    assert.ok(detailHeight < 4_000, `the case is ${detailHeight} px tall`);

    // "Inkom" in words and local time: "3 dec. 2026 kl. 15:17", never "2026-12-03T14:17:42.123Z".
    const received = await detail.locator("dt", { hasText: "Inkom" }).locator("xpath=following-sibling::dd[1]").textContent();
    assert.match(received, /^\d{1,2} (jan\.|feb\.|mars|apr\.|maj|juni|juli|aug\.|sep\.|okt\.|nov\.|dec\.) \d{4} kl\. \d{2}:\d{2}$/);
    const [{ created_at }] = own.execute(`SELECT created_at FROM reports WHERE case_seq = ${Number(caseNumber.split("-")[1])}`);
    const stockholm = new Date(created_at).toLocaleTimeString("sv-SE", { timeZone: "Europe/Stockholm", hour: "2-digit", minute: "2-digit" });
    assert.ok(received.endsWith(stockholm), `${received} shows ${stockholm}, Stockholm time of ${created_at}`);
    assert.doesNotMatch(await page.locator("main").textContent(), /\d{4}-\d\d-\d\dT\d\d:/, "no ISO times on the page");

    assert.deepEqual(await axeViolations(page, [["body"]]), []);
    await context.close();
  });
}

test("the audit log says what changed, in words and local time, with the record behind a disclosure", async () => {
  const moderator = await consoleAs(ACCOUNTS.moderator, 1280, 900);
  await moderator.page.getByRole("button", { name: caseNumber, exact: true }).click();
  const detail = moderator.page.locator(".detail");
  await detail.getByLabel("Ny status").selectOption("in_progress");
  await detail.getByLabel("Vad vi gjorde").fill("Vi har beställt en ny armatur.");
  await detail.getByRole("button", { name: "Spara status" }).click();
  await detail.locator(".status").filter({ hasText: "Åtgärd pågår" }).waitFor();
  // The message is where the action was, and has the focus (the button was redrawn).
  const saved = detail.locator("#outcome-status");
  assert.equal(await saved.textContent(), `Ärende ${caseNumber} är sparat.`);
  // (Focused in the frame after the redraw.)
  await moderator.page.waitForFunction(() => document.activeElement?.id === "outcome-status", null, { timeout: 5_000 });
  // A merge into a case that does not exist says so beside the merge, not only at the top.
  await detail.getByLabel("Slå ihop med ärende").fill("2099-99999");
  await detail.getByRole("button", { name: "Slå ihop", exact: true }).click();
  const refused = detail.locator("#outcome-merge");
  await refused.filter({ hasText: /\S/ }).waitFor();
  assert.match(await refused.textContent(), /Ogiltigt val|finns inte/);
  assert.equal(await refused.getAttribute("class"), "outcome failed");
  assert.equal(await saved.textContent(), "", "one message at a time");
  await moderator.page.screenshot({ path: screenshotPath("console-case-messages-1280x900.png"), fullPage: true });
  assert.deepEqual(await axeViolations(moderator.page, [["body"]]), []);
  await moderator.context.close();

  const { context, page } = await consoleAs(ACCOUNTS.admin, 1280, 900);
  await page.getByRole("button", { name: "Logg", exact: true }).click();
  const row = page.locator("tr", { hasText: caseNumber }).filter({ hasText: "report.set_status" });
  await row.waitFor();
  const changes = row.locator("ul.changes");
  assert.match(await changes.textContent(), /status: new → in_progress/);
  assert.match(await changes.textContent(), /Vi har beställt en ny armatur\./);
  assert.match(await row.locator("td").first().textContent(), /^\d{1,2} \S+ \d{4} kl\. \d{2}:\d{2}$/);
  // The whole record is there, but folded away until asked for.
  const record = row.locator("details");
  assert.equal(await record.locator("pre").first().isVisible(), false);
  await record.locator("summary").click();
  assert.match(await record.locator("pre").last().textContent(), /"status":"in_progress"/);
  const height = await row.evaluate((tr) => tr.getBoundingClientRect().height);
  assert.ok(height < 900, `an opened row is ${height} px tall`);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(sideways <= 1, `the audit log scrolls ${sideways} px sideways`);
  await page.screenshot({ path: screenshotPath("console-audit-1280x900.png"), fullPage: true });
  assert.deepEqual(await axeViolations(page, [["body"]]), []);
  await context.close();
});

// Every page of the console works on a tablet and can be used on a phone: nothing runs off
// sideways (a wide table scrolls in its own region), and every page passes axe-core there.
for (const [width, height] of [[390, 844], [768, 1024]]) {
  test(`every console page fits ${width}×${height}`, async () => {
    const { context, page } = await consoleAs(ACCOUNTS.admin, width, height);
    const pages = ["Granskningskarta", "Köer", "Åtgärder", "Lägesbild", "Trygghetsrapport", "Dialoger", "Konton", "Enheter", "Inställningar", "Logg", "Mitt konto"];
    for (const name of pages) {
      await page.locator("nav.pages").getByRole("button", { name, exact: true }).click();
      await page.getByRole("heading", { level: 1, name }).waitFor();
      // Give the page's data a moment to arrive and lay out.
      await page.waitForLoadState("networkidle");
      const { sideways, widest } = await layout(page);
      await page.screenshot({ path: screenshotPath(`console-${name.replace(/\s/g, "-").toLowerCase()}-${width}x${height}.png`), fullPage: true });
      assert.ok(sideways <= 1, `${name}: the page scrolls ${sideways} px sideways (${widest})`);
      assert.deepEqual(await axeViolations(page, [["body"]]), [], name);
    }
    await context.close();
  });
}
