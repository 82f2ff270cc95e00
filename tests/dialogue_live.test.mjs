// A trygghetsdialog as people take part in it, in headless Chromium against the real edge: a
// moderator creates and starts it in the console; one resident asks; the moderator rewords and
// publishes the question; a second resident sees it arrive live and votes by keyboard; the panel
// marks it, answers it, and every open page follows without a reload.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, SECRETS, query } from "./support/edge.mjs";
import { axeViolations, launch, openPage, screenshotPath } from "./support/browser.mjs";
import { ACCOUNTS, login } from "./support/console.mjs";
import {
  ask, createDialogue, dialogueAction, madeUpParticipant, participant, questionAction, signedParticipant, vote,
} from "./support/dialogue.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function consolePage(account) {
  const context = await browser.newContext({ locale: "sv-SE" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${EDGE}/console/`);
  await page.getByLabel("E-postadress").fill(account.email);
  await page.getByLabel("Lösenord").fill(account.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await page.getByRole("button", { name: "Dialoger" }).click();
  return { context, page, errors };
}

/** A resident on the demo page, in the dialogue titled `title`. `line`, if given, is called
 * with each live connection the page opens, before it reaches the edge (see routeWebSocket). */
async function residentIn(title, line, options) {
  const resident = line
    ? await openPageWith(line, options)
    : await openPage(browser, EDGE + "/", {}, ".dialogue-list", "tryggve-dialog");
  // The page names no dialogue: the resident picks ours from the municipality's list.
  await resident.widget.getByRole("button", { name: title }).click();
  await resident.widget.getByRole("heading", { name: title, level: 2 }).waitFor();
  await resident.widget.getByText("Du följer dialogen live").waitFor();
  return resident;
}

/** Like openPage, with the page's WebSockets passing through the test (and, with `clock`, the
 * page's timers run by the test). */
async function openPageWith(line, { clock = false } = {}) {
  const context = await browser.newContext({ locale: "sv-SE" });
  if (clock) await context.clock.install();
  await context.route("https://tile.openstreetmap.org/**", (r) => r.fulfill({ status: 200, body: "" }));
  await context.routeWebSocket(/\/live$/, line);
  const page = await context.newPage();
  await page.goto(EDGE + "/");
  const widget = page.locator("tryggve-dialog");
  await widget.locator(".dialogue-list").waitFor();
  return { context, page, widget };
}

test("ask → moderate → live to everyone → vote → now answering → answer", async () => {
  const title = `Trygghetsdialog ${Date.now()}`;
  const moderator = await consolePage(ACCOUNTS.moderator);
  const { page: console_ } = moderator;
  await console_.getByLabel("Rubrik").fill(title);
  await console_.getByLabel("Plats").fill("Kommunhuset");
  await console_.getByLabel("Börjar").fill("2026-12-01T18:00");
  await console_.getByLabel("Slutar").fill("2026-12-01T19:30");
  await console_.getByLabel("Panel", { exact: true }).fill("Anna Ek, Kommunpolis\nMaja Moderator, Säkerhetssamordnare");
  await console_.getByRole("button", { name: "Skapa dialogen (som utkast)" }).click();
  await console_.getByRole("heading", { name: title, level: 1 }).waitFor();
  await console_.getByRole("button", { name: "Publicera och öppna för frågor" }).click();
  await console_.getByRole("button", { name: "Starta mötet (live)" }).click();
  await console_.getByText("Läge: Pågår nu").waitFor();

  const asker = await residentIn(title);
  const listener = await openPage(browser, EDGE + "/", {}, ".dialogue-list", "tryggve-dialog");
  await listener.widget.getByRole("button", { name: title }).click();
  await listener.widget.getByText("Du följer dialogen live").waitFor();
  await listener.widget.getByText("Inga frågor är publicerade än.").waitFor();
  assert.match(await asker.widget.locator(".dialogue-header").textContent(), /1 december 2026 (kl\. )?18:00–19:30/);

  // The resident asks, with their neighbour's name in it; the page hears about it.
  await asker.page.evaluate(() => document.addEventListener("tryggve:question-asked", (e) => { window.__asked = e.detail; }));
  await asker.widget.getByText("Frågor granskas innan de visas.").waitFor();
  await asker.widget.getByLabel("Din fråga").fill("Varför är det så mörkt vid Per Perssons hus på Storgatan?");
  await asker.widget.getByRole("button", { name: "Skicka frågan" }).click();
  await asker.widget.getByText("Tack! Din fråga väntar på granskning").waitFor();
  await asker.widget.locator(".own").getByText("Väntar på granskning.").waitFor();
  assert.equal(typeof (await asker.page.evaluate(() => window.__asked)).dialogue, "number");

  // The moderator rewords it for anonymity and publishes it.
  const card = console_.locator(".card").filter({ has: console_.getByText("Per Perssons", { exact: false }) });
  await console_.getByRole("heading", { name: "Väntar på granskning (1)" }).waitFor();
  await console_.getByLabel(/Frågan \(redigera bort personuppgifter/).fill("Varför är det så mörkt på Storgatan?");
  await console_.getByRole("button", { name: "Publicera", exact: true }).click();
  await console_.getByText("Frågan är publicerad.").waitFor();
  assert.equal(await card.count(), 0);

  // Both residents see it without reloading; the asker's own list says it is published.
  const question = "Varför är det så mörkt på Storgatan?";
  await listener.widget.locator(".question-text", { hasText: question }).waitFor();
  await asker.widget.locator(".question-list .question-text", { hasText: question }).waitFor();
  await asker.widget.locator(".own").getByText("Publicerad.").waitFor();
  assert.ok(!(await listener.widget.textContent()).includes("Per Persson"));

  // The second resident votes with the keyboard.
  const vote = listener.widget.getByRole("button", { name: "Rösta" });
  await vote.focus();
  await listener.page.keyboard.press("Enter");
  await listener.widget.getByText("Din röst är räknad.").waitFor();
  await listener.widget.locator(".votes", { hasText: "Röster: 1" }).waitFor();
  assert.equal(await listener.widget.getByRole("button", { name: "Du har röstat" }).getAttribute("aria-pressed"), "true");
  assert.ok(await listener.page.evaluate(() =>
    document.querySelector("tryggve-dialog").shadowRoot.activeElement?.id?.startsWith("vote-")), "focus stays on the vote button");
  await asker.widget.locator(".votes", { hasText: "Röster: 1" }).waitFor();
  await console_.locator(".card", { hasText: question }).getByText("Röster: 1").waitFor();

  // The panel: now answering, answered, a written answer.
  const approvedCard = console_.locator(".card", { hasText: question });
  await approvedCard.getByRole("button", { name: "Besvaras nu" }).click();
  for (const r of [asker, listener]) await r.widget.locator(".badge.now").waitFor();
  await approvedCard.getByRole("button", { name: "Markera som besvarad" }).click();
  for (const r of [asker, listener]) await r.widget.locator(".badge.answered").waitFor();
  // The moderator types what the police officer on the panel says, signed with her name.
  await approvedCard.getByLabel("Skriftligt svar").fill("Vi sätter upp tre nya lyktstolpar i mars.");
  const answering = approvedCard.getByLabel("Vem svarar?");
  assert.equal(await answering.inputValue(), "panel:Maja Moderator", "the account, being on the panel, is chosen first");
  await answering.selectOption({ label: "Anna Ek, Kommunpolis" });
  assert.equal(await approvedCard.getByLabel("Din titel").count(), 0, "a panel member's own title is used");
  await approvedCard.getByRole("button", { name: "Publicera svaret" }).click();
  for (const r of [asker, listener]) {
    await r.widget.locator(".answer", { hasText: "Vi sätter upp tre nya lyktstolpar i mars." }).waitFor();
  }
  assert.equal(await listener.widget.locator(".responder").textContent(), "Svar från Anna Ek, Kommunpolis");
  // Or the account itself, with a title of its own.
  await approvedCard.getByLabel("Skriftligt svar").fill("Och vi klipper buskarna.");
  await answering.selectOption({ label: "Jag själv (Maja Moderator)" });
  await approvedCard.getByLabel("Din titel").fill("Trygghetssamordnare");
  await approvedCard.getByRole("button", { name: "Publicera svaret" }).click();
  await listener.widget.locator(".answer", { hasText: "Och vi klipper buskarna." }).waitFor();
  assert.equal(await listener.widget.locator(".answer", { hasText: "Och vi klipper buskarna." }).locator(".responder").textContent(),
    "Svar från Maja Moderator, Trygghetssamordnare");

  await listener.page.screenshot({ path: screenshotPath("dialogue-resident.png"), fullPage: true });
  for (const [name, size] of [["1920", { width: 1920, height: 1080 }], ["390", { width: 390, height: 844 }]]) {
    await listener.page.setViewportSize(size);
    await listener.page.screenshot({ path: screenshotPath(`dialogue-resident-${name}.png`), fullPage: true });
  }
  await listener.page.setViewportSize({ width: 1280, height: 720 });
  await console_.screenshot({ path: screenshotPath("dialogue-console.png"), fullPage: true });
  assert.deepEqual(await axeViolations(asker.page, [["tryggve-dialog"]]), [], "the dialogue widget passes axe-core");
  assert.deepEqual(await axeViolations(console_, [["body"]]), [], "the console's dialogue page passes axe-core");
  for (const r of [asker, listener]) {
    // The demo page also holds the report form, whose map loads the configured tiles.
    const tiles = /^https:\/\/tile\.openstreetmap\.org\//;
    assert.deepEqual(r.thirdParty.filter((url) => !tiles.test(url)), [], "no third-party requests but tiles");
    assert.deepEqual(r.errors, []);
    assert.deepEqual(await r.context.cookies(), [], "no cookies for residents");
  }
  assert.deepEqual(moderator.errors, []);
  const [stored] = query(`SELECT q.text, q.votes, q.answered_at IS NOT NULL AS answered FROM questions q
    JOIN dialogues d ON d.id = q.dialogue_id WHERE d.title = '${title}'`);
  assert.deepEqual(stored, { text: question, votes: 1, answered: 1 });
  for (const c of [asker.context, listener.context, moderator.context]) await c.close();
});

test("a dropped live connection reconnects and catches up on what it missed", async () => {
  const title = `Återanslutning ${Date.now()}`;
  const moderator = await consolePage(ACCOUNTS.moderator);
  const { page: console_ } = moderator;
  await console_.getByLabel("Rubrik").fill(title);
  await console_.getByLabel("Börjar").fill("2026-12-02T18:00");
  await console_.getByLabel("Slutar").fill("2026-12-02T19:00");
  await console_.getByRole("button", { name: "Skapa dialogen (som utkast)" }).click();
  await console_.getByRole("button", { name: "Publicera och öppna för frågor" }).click();
  await console_.getByText("Läge: Öppen för frågor").waitFor();

  // The resident's live line passes through the test, which can cut it and keep it cut.
  let cut = false;
  const lines = [];
  const resident = await residentIn(title, (ws) => {
    if (cut) return ws.close();
    ws.connectToServer();
    lines.push(ws);
  });
  cut = true;
  lines.at(-1).close();
  await resident.widget.getByText("Anslutningen bröts. Försöker igen…").waitFor();
  // While this resident is away, a question is asked and published.
  const asker = await residentIn(title);
  await asker.widget.getByLabel("Din fråga").fill("Fråga medan någon var borta");
  await asker.widget.getByRole("button", { name: "Skicka frågan" }).click();
  await asker.widget.locator(".own").getByText("Väntar på granskning.").waitFor();
  await console_.getByRole("button", { name: "Publicera", exact: true }).click();
  await console_.getByText("Frågan är publicerad.").waitFor();

  cut = false;
  await resident.widget.getByText("Du följer dialogen live").waitFor();
  assert.ok(lines.length >= 2, "a new connection was opened");
  await resident.widget.locator(".question-text", { hasText: "Fråga medan någon var borta" }).waitFor();
  for (const c of [resident.context, asker.context, moderator.context]) await c.close();
});

test("a live line whose pings go unanswered is given up and opened anew", async () => {
  const title = `Tyst linje ${Date.now()}`;
  const moderator = await consolePage(ACCOUNTS.moderator);
  await moderator.page.getByLabel("Rubrik").fill(title);
  await moderator.page.getByLabel("Börjar").fill("2026-12-02T18:00");
  await moderator.page.getByLabel("Slutar").fill("2026-12-02T19:00");
  await moderator.page.getByRole("button", { name: "Skapa dialogen (som utkast)" }).click();
  await moderator.page.getByRole("button", { name: "Publicera och öppna för frågor" }).click();
  await moderator.page.getByText("Läge: Öppen för frågor").waitFor();

  // The first line stays open but goes silent, as one does when a proxy keeps the TCP side of a
  // room that was reset: its pings reach the edge, the answers never come back.
  const lines = [];
  const pings = [];
  const resident = await residentIn(title, (ws) => {
    const first = lines.length === 0;
    lines.push(ws);
    const server = ws.connectToServer();
    ws.onMessage((m) => { pings.push(m); server.send(m); });
    server.onMessage((m) => { if (!(first && m === "pong")) ws.send(m); });
  }, { clock: true });
  await resident.page.clock.fastForward(31_000);
  await resident.page.waitForTimeout(200);
  assert.deepEqual(pings, ["ping"], "the widget pinged once");
  assert.equal(lines.length, 1, "one unanswered ping is not yet a dead line");
  await resident.page.clock.fastForward(31_000);
  await resident.page.waitForTimeout(200);
  await resident.page.clock.fastForward(2_000);
  await resident.widget.getByText("Du följer dialogen live").waitFor();
  for (let i = 0; i < 40 && lines.length < 2; i++) await resident.page.waitForTimeout(50);
  assert.equal(lines.length, 2, "the silent line was given up and a new one opened");
  for (const c of [resident.context, moderator.context]) await c.close();
});

test("a code the browser made up itself (before codes were issued) gives way to an issued one, and the vote counts", async () => {
  const session = await login(ACCOUNTS.moderator);
  const title = `Egen kod ${Date.now()}`;
  const id = await createDialogue(session, "live", { title });
  const asked = await ask("demo", id, participant(), { text: "Räknas min röst?" });
  await questionAction(session, id, asked.json.id, { action: "approve" });

  const madeUp = madeUpParticipant();
  const resident = await openPage(browser, EDGE + "/", {}, ".dialogue-list", "tryggve-dialog");
  await resident.page.evaluate((code) => localStorage.setItem("tryggve-participant:demo", code), madeUp);
  await resident.widget.getByRole("button", { name: title }).click();
  await resident.widget.getByRole("button", { name: "Rösta" }).click();
  await resident.widget.getByText("Din röst är räknad.").waitFor();
  await resident.widget.locator(".votes", { hasText: "Röster: 1" }).waitFor();
  const kept = await resident.page.evaluate(() => localStorage.getItem("tryggve-participant:demo"));
  assert.notEqual(kept, madeUp, "the made-up code is gone");
  assert.equal(kept, signedParticipant(SECRETS.PARTICIPANT_KEY, "demo", kept.slice(0, 16)), "the browser keeps the edge's code");
  assert.equal(query(`SELECT votes FROM questions WHERE id = ${asked.json.id}`)[0].votes, 1);

  // The same browser, back later: its vote is still its own.
  await resident.page.reload();
  await resident.widget.getByRole("button", { name: title }).click();
  await resident.widget.getByRole("button", { name: "Du har röstat" }).waitFor();
  await resident.context.close();
});

test("a question whose answer was lost is kept, sent again and stored exactly once", async () => {
  const title = `Förlorat svar ${Date.now()}`;
  const moderator = await consolePage(ACCOUNTS.moderator);
  await moderator.page.getByLabel("Rubrik").fill(title);
  await moderator.page.getByLabel("Börjar").fill("2026-12-03T18:00");
  await moderator.page.getByLabel("Slutar").fill("2026-12-03T19:00");
  await moderator.page.getByRole("button", { name: "Skapa dialogen (som utkast)" }).click();
  await moderator.page.getByRole("button", { name: "Publicera och öppna för frågor" }).click();
  await moderator.page.getByText("Läge: Öppen för frågor").waitFor();

  const resident = await residentIn(title);
  // The first try reaches the edge and is stored, but its answer never comes back.
  let tries = 0;
  await resident.page.route("**/questions", async (route) => {
    tries += 1;
    if (tries === 1) {
      await route.fetch();
      return route.abort("connectionreset");
    }
    return route.continue();
  });
  await resident.widget.getByLabel("Din fråga").fill("Kommer den här fram en gång?");
  await resident.widget.getByRole("button", { name: "Skicka frågan" }).click();
  await resident.widget.getByText("Frågan kunde inte skickas just nu.").waitFor();
  await resident.widget.getByText("Tack! Din fråga väntar på granskning").waitFor();
  assert.equal(tries, 2);
  const stored = query(`SELECT COUNT(*) AS n FROM questions q JOIN dialogues d ON d.id = q.dialogue_id WHERE d.title = '${title}'`);
  assert.equal(stored[0].n, 1, "stored exactly once");
  assert.equal(await resident.widget.locator(".own").count(), 1);
  assert.equal(await resident.page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tryggve-question-outbox")).length), 0,
    "nothing left waiting");
  for (const c of [resident.context, moderator.context]) await c.close();
});

test("the presenter view on the big screen: the question answered now, large, and the next by votes, live", async () => {
  const title = `Storbildsdialog ${Date.now()}`;
  const session = await login(ACCOUNTS.moderator);
  const id = await createDialogue(session, "live", { title });
  const published = async (text, votes) => {
    const asked = await ask("demo", id, participant(), { text });
    await questionAction(session, id, asked.json.id, { action: "approve" });
    for (let i = 0; i < votes; i++) await vote("demo", id, asked.json.id, participant());
    return asked.json.id;
  };
  const lights = await published("Varför släcks gatlyktorna vid skolan redan vid elva?", 1);
  const bus = await published("Kan bussen gå senare på fredagar?", 4);
  const park = await published("Vem städar parken efter helgerna?", 2);
  const waiting = await ask("demo", id, participant(), { text: "Hemlig fråga som väntar på granskning" });

  // The moderator finds the view from the dialogue's page in the console.
  const moderator = await consolePage(ACCOUNTS.moderator);
  await moderator.page.getByRole("button", { name: title }).click();
  const link = moderator.page.getByRole("link", { name: /Presentationsvy för storbildsskärmen/ });
  const href = await link.getAttribute("href");
  assert.equal(href, `/console/presenter.html?tenant=demo&dialogue=${id}`);

  // The room's computer, on a 1920×1080 screen, without a login.
  const context = await browser.newContext({ locale: "sv-SE", viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(EDGE + href);
  const screen = page.locator("tryggve-dialog");
  await screen.getByRole("heading", { name: title, level: 2 }).waitFor();
  await screen.getByText("Du följer dialogen live").waitFor();
  await screen.getByText("Ingen fråga besvaras just nu.").waitFor();
  const next = () => screen.locator(".presenter-next li .presenter-text").allTextContents();
  assert.deepEqual(await next(), ["Kan bussen gå senare på fredagar?", "Vem städar parken efter helgerna?", "Varför släcks gatlyktorna vid skolan redan vid elva?"]);
  assert.ok(!(await screen.textContent()).includes("Hemlig fråga"), "never the moderation queue");

  // The panel takes the bus question: it comes up large, without a reload.
  await dialogueAction(session, id, { action: "now_answering", question: bus });
  const now = screen.locator(".presenter-question");
  await now.filter({ hasText: "Kan bussen gå senare på fredagar?" }).waitFor();
  const size = await now.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  assert.ok(size >= 56, `readable from the back of a hall: ${size}px on a 1920 px screen`);
  assert.deepEqual(await next(), ["Vem städar parken efter helgerna?", "Varför släcks gatlyktorna vid skolan redan vid elva?"]);
  // A vote in the room reorders what comes next; a newly published question joins the list.
  await vote("demo", id, lights, participant());
  await vote("demo", id, lights, participant());
  await screen.locator(".presenter-next li").first().filter({ hasText: "Varför släcks gatlyktorna" }).waitFor();
  await questionAction(session, id, waiting.json.id, { action: "approve", text: "En fråga som just publicerades" });
  await screen.locator(".presenter-next li", { hasText: "En fråga som just publicerades" }).waitFor();
  assert.deepEqual(await axeViolations(page, [["tryggve-dialog"]]), [], "axe-core on the presenter view");
  await page.screenshot({ path: screenshotPath("dialogue-presenter-1920.png") });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: screenshotPath("dialogue-presenter-1280.png") });

  // Answered: it leaves the screen and the list.
  await questionAction(session, id, bus, { action: "mark_answered" });
  await screen.getByText("Ingen fråga besvaras just nu.").waitFor();
  assert.ok(!(await next()).includes("Kan bussen gå senare på fredagar?"));
  assert.ok((await next()).includes("Vem städar parken efter helgerna?"), `park ${park} still waits`);
  assert.deepEqual(errors, []);
  assert.deepEqual(await context.cookies(), [], "no cookies on the room's computer");
  for (const c of [context, moderator.context]) await c.close();
});
