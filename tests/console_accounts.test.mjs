// Accounts as an admin and their owners handle them in the console, in headless Chromium against
// the real edge: a password reset to a temporary one, which its owner must change before
// anything else; a role changed and an account enabled again; and what an observer (a partner in
// the safety council) sees: the lägesbild and the approved reports, nothing more.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, goodReport, post } from "./support/edge.mjs";
import { axeViolations, launch, screenshotPath } from "./support/browser.mjs";
import { ACCOUNTS, call, login } from "./support/console.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function consoleAs(account, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ locale: "sv-SE", viewport });
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  const page = await context.newPage();
  await page.goto(`${EDGE}/console/`);
  await logIn(page, account);
  return { context, page };
}

async function logIn(page, { email, password }) {
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord").fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
}

test("an admin resets a password; its owner must choose their own before anything else", async () => {
  const admin = await login(ACCOUNTS.admin);
  const email = `ada-${Date.now()}@demo.tryggve.se`;
  const added = await call(admin, "POST", "/api/v1/console/demo/moderators",
    { email, name: "Ada Återställd", role: "moderator", password: "glömt-det-här-lösenordet" });
  assert.equal(added.response.status, 201);

  const { context, page } = await consoleAs(ACCOUNTS.admin);
  await page.getByRole("button", { name: "Konton" }).click();
  const row = page.getByRole("row", { name: /Ada Återställd/ });
  await row.getByRole("button", { name: `Återställ lösenord för ${email}` }).click();
  await page.getByText(`Lösenordet för ${email} är återställt.`).waitFor();
  const temporary = (await page.locator(".temporary-password code").textContent()).trim();
  assert.match(temporary, /^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
  await row.getByText("Aktivt, väntar på eget lösenord").waitFor();
  assert.deepEqual(await axeViolations(page, [["body"]]), [], "the accounts page with a temporary password passes axe-core");
  await page.screenshot({ path: screenshotPath("console-accounts-reset-1280.png"), fullPage: true });

  // The role, by keyboard: choose it in the row, then the row's button.
  await row.getByLabel(`Roll för ${email}`, { exact: true }).selectOption("observer");
  await row.getByRole("button", { name: `Byt roll för ${email}` }).focus();
  await page.keyboard.press("Enter");
  await page.getByText(`${email} har fått en ny roll och loggas in på nytt.`).waitFor();
  assert.equal(await row.getByLabel(`Roll för ${email}`, { exact: true }).inputValue(), "observer");
  await row.getByRole("button", { name: `Stäng av ${email}` }).click();
  await row.getByText("Avstängt").waitFor();
  await row.getByRole("button", { name: `Aktivera igen: ${email}` }).click();
  await page.getByText(`Kontot ${email} är aktivt igen.`).waitFor();
  await context.close();

  // The owner, with the temporary password: only the password change.
  const owner = await consoleAs({ email, password: temporary });
  await owner.page.getByRole("alert").getByText("Du har ett tillfälligt lösenord från en administratör.").waitFor();
  assert.equal(await owner.page.locator("nav.pages").count(), 0, "no pages until the password is changed");
  assert.deepEqual(await axeViolations(owner.page, [["body"]]), [], "the forced change passes axe-core");
  await owner.page.getByLabel("Nuvarande lösenord").fill(temporary);
  await owner.page.getByLabel("Nytt lösenord").fill("adas-egna-lösenord-2026");
  await owner.page.getByRole("button", { name: "Byt lösenord" }).click();
  await owner.page.getByRole("heading", { name: "Lägesbild", level: 1 }).waitFor();
  assert.deepEqual(await owner.page.locator("nav.pages button").allTextContents(), ["Lägesbild", "Trygghetsrapport", "Godkända rapporter", "Mitt konto"]);
  await owner.context.close();
});

test("an observer sees the lägesbild and the approved reports, without search, exports or who sent them", async () => {
  const moderator = await login(ACCOUNTS.moderator);
  const send = async (description) => (await post("/api/v1/reports", goodReport({ description, contact_email: "boende.hemlig@example.se" }))).json.case_number;
  const published = await send("Lampan vid lekplatsen är trasig sedan i höstas");
  const withheld = await send("Mörkt utanför Pelle Petterssons port");
  const act = (c, body) => call(moderator, "POST", `/api/v1/console/demo/reports/${c}/actions`, body);
  await act(published, { action: "approve", publish_description: true });
  await act(published, { action: "set_status", status: "in_progress", public_comment: "Ny lampa beställd" });
  await act(withheld, { action: "approve", publish_description: false });

  for (const [name, viewport] of [["1280", { width: 1280, height: 900 }], ["1920", { width: 1920, height: 1080 }], ["390", { width: 390, height: 844 }]]) {
    const { context, page } = await consoleAs(ACCOUNTS.observer, viewport);
    await page.getByRole("heading", { name: "Lägesbild", level: 1 }).waitFor();
    assert.deepEqual(await page.locator("nav.pages button").allTextContents(), ["Lägesbild", "Trygghetsrapport", "Godkända rapporter", "Mitt konto"]);
    assert.equal(await page.getByLabel("Sök ärendenummer eller text").count(), 0, "no search in texts");
    assert.equal(await page.locator("nav.exports").count(), 0, "no exports");
    await page.getByRole("table", { name: "Rapporter per kategori" }).waitFor();
    if (name === "1280") assert.deepEqual(await axeViolations(page, [["body"]]), [], "the observer's lägesbild passes axe-core");

    await page.getByRole("button", { name: "Godkända rapporter" }).click();
    const table = page.getByRole("table", { name: /Godkända rapporter, nyast först/ });
    const shown = table.getByRole("row", { name: new RegExp(published) });
    await shown.getByText("Lampan vid lekplatsen är trasig sedan i höstas").waitFor();
    await shown.getByText("Ny lampa beställd").waitFor();
    await shown.getByText("Åtgärd pågår").waitFor();
    await table.getByRole("row", { name: new RegExp(withheld) }).getByText("(inte publicerad)").waitFor();
    const text = await page.locator("main").textContent();
    assert.ok(!text.includes("Pelle Pettersson") && !text.includes("hemlig@"), "never unpublished text or contact details");
    if (name === "1280") assert.deepEqual(await axeViolations(page, [["body"]]), [], "the approved reports pass axe-core");
    await page.screenshot({ path: screenshotPath(`console-observer-shared-${name}.png`), fullPage: false });
    await context.close();
  }
});
