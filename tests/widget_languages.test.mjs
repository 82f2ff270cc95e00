// The widget in each of its languages: Swedish by default, English, Finnish and Arabic (right to
// left), chosen by attribute, page or switcher; switching keeps the draft.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { EDGE, query } from "./support/edge.mjs";
import { axeViolations, FORM_MAP, launch, openPage, screenshotPath } from "./support/browser.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const TITLES = {
  sv: "Tipsa om en plats som känns otrygg",
  en: "Report a place that feels unsafe",
  fi: "Ilmoita paikasta, joka tuntuu turvattomalta",
  ar: "أبلغ عن مكان تشعر فيه بعدم الأمان",
};

test("each language's words are served as UTF-8 text, to any page", async () => {
  for (const [tag, title] of Object.entries(TITLES).filter(([tag]) => tag !== "sv")) {
    const response = await fetch(`${EDGE}/widget/locales/${tag}.ftl`, { headers: { origin: "https://kommun.example" } });
    assert.equal(response.status, 200, tag);
    assert.equal(response.headers.get("content-type"), "text/plain; charset=utf-8", tag);
    assert.equal(response.headers.get("access-control-allow-origin"), "*", tag);
    assert.ok((await response.text()).includes(`report-title = ${title}`), tag);
  }
});

/** Replaces the page's report form with one whose element is marked as written in `lang`. */
async function embedReportIn(page, lang) {
  await page.evaluate((lang) => {
    document.querySelector("tryggve-report").remove();
    const el = document.createElement("tryggve-report");
    el.setAttribute("tenant", "demo");
    el.setAttribute("lang", lang);
    document.querySelector("main").appendChild(el);
  }, lang);
}

/** The paths of the locale files the page has loaded so far. */
function localeFilesLoaded(page) {
  return page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)
    .filter((n) => n.includes("/widget/locales/")));
}

test("switching language keeps the draft, lays Arabic out right to left, and every language passes axe-core", async () => {
  const { page, widget, context } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("graffiti");
  await widget.getByLabel("Natt").check();
  const description = `Språkbyte ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  const section = widget.locator("section.report");

  for (const [tag, name] of [["ar", "العربية"], ["fi", "Suomi"], ["en", "English"], ["sv", "Svenska"]]) {
    await widget.locator("#language").selectOption(tag);
    await widget.getByRole("heading", { name: TITLES[tag] }).waitFor();
    assert.equal(await section.getAttribute("lang"), tag);
    assert.equal(await section.getAttribute("dir"), tag === "ar" ? "rtl" : "ltr");
    assert.equal(await widget.locator("#language option:checked").textContent(), name);
    assert.equal(await widget.locator("#description").inputValue(), description, `${tag}: the text stays`);
    assert.equal(await widget.locator("#category").inputValue(), "graffiti", `${tag}: the category stays`);
    assert.ok(await widget.locator("#time-night").isChecked(), `${tag}: the time stays`);
    assert.equal(await widget.locator(".leaflet-marker-icon").count(), 1, `${tag}: the pin stays`);
    assert.match(await widget.locator("#pin-status").textContent(), /58\.\d{5}[,،] 12\.\d{5}/);
    assert.deepEqual(await axeViolations(page), [], `${tag}: axe-core`);
    // The municipality wrote its questions in Swedish and English: other languages show the
    // Swedish words, marked as Swedish for screen readers.
    const question = widget.locator("legend span").first();
    const [questionLang, questionText] = await question.evaluate((s) => [s.getAttribute("lang"), s.textContent]);
    const expected = {
      ar: ["sv", "Vad skulle göra platsen tryggare?"],
      fi: ["sv", "Vad skulle göra platsen tryggare?"],
      en: [null, "What would make the place feel safer?"],
      sv: [null, "Vad skulle göra platsen tryggare?"],
    };
    assert.deepEqual([questionLang, questionText], expected[tag], `${tag}: the question's language`);
    // Swedish words inside an Arabic form keep Swedish punctuation: their own direction, isolated.
    const questionDir = await question.evaluate((s) => [s.getAttribute("dir"), getComputedStyle(s).direction]);
    assert.deepEqual(questionDir, expected[tag][0] ? ["ltr", "ltr"] : [null, tag === "ar" ? "rtl" : "ltr"]);
    // The map's zoom buttons are named in the reader's language, not Leaflet's English.
    const zoom = {
      ar: ["تكبير", "تصغير"], fi: ["Lähennä", "Loitonna"], en: ["Zoom in", "Zoom out"], sv: ["Zooma in", "Zooma ut"],
    };
    for (const [i, selector] of [".leaflet-control-zoom-in", ".leaflet-control-zoom-out"].entries()) {
      assert.equal(await widget.locator(selector).getAttribute("aria-label"), zoom[tag][i], `${tag}: ${selector}`);
    }
    if (tag === "ar") {
      const align = await widget.locator("h2").evaluate((h) => getComputedStyle(h).direction);
      assert.equal(align, "rtl");
      await page.screenshot({ path: screenshotPath("widget-arabic.png"), fullPage: true });
    }
  }
  // After four redraws the map still takes the pin: a click moves it.
  const placed = await widget.locator("#pin-status").textContent();
  const box = await widget.locator(".map").boundingBox();
  await widget.locator(".map").click({ position: { x: box.width * 0.7, y: box.height * 0.3 } });
  await widget.locator("#pin-status").filter({ hasNotText: placed }).waitFor();
  assert.equal(await widget.locator(".leaflet-marker-icon").count(), 1);
  await context.close();
});

test("a Finnish resident reports in Finnish from the element's lang attribute", async () => {
  const { page, widget, context } = await openPage(browser);
  await embedReportIn(page, "fi");
  await widget.getByRole("heading", { name: TITLES.fi }).waitFor();
  await widget.getByRole("button", { name: "Aseta neula kartan keskelle" }).click();
  await widget.getByLabel("Mitä asia koskee?").selectOption("vandalism");
  await widget.getByRole("button", { name: "Lähetä" }).click();
  const heading = widget.getByRole("heading", { name: /Kiitos! Asiasi numero on/ });
  await heading.waitFor();
  const caseNumber = (await heading.textContent()).match(/\d{4}-\d{4,}/)[0];
  const [row] = query(`SELECT category FROM reports WHERE tenant_id = 'demo' AND case_year = ${caseNumber.slice(0, 4)} AND case_seq = ${Number(caseNumber.slice(5))}`);
  assert.equal(row.category, "vandalism");
  await context.close();
});

test("the built widget shows no raw locale keys in any language", async () => {
  // The key check itself runs in `cargo test -p tryggve-core` (core/tests/repository.rs); here the
  // built widget is read as a person sees it. Keys with a hyphen cannot be mistaken for words.
  const fs = await import("node:fs");
  const parts = ["", "dialogue/", "walk/", "survey/"];
  const keys = parts.map((part) => fs.readFileSync(new URL(`../core/locales/${part}sv.ftl`, import.meta.url), "utf8"))
    .join("\n").split("\n").map((l) => l.split("=")[0].trim()).filter((k) => /^[a-z0-9]+(-[a-z0-9]+)+$/.test(k));
  assert.ok(keys.length > 50);
  const { widget, context } = await openPage(browser);
  for (const tag of ["ar", "fi", "en", "sv"]) {
    await widget.locator("#language").selectOption(tag);
    await widget.getByRole("heading", { name: TITLES[tag] }).waitFor();
    const text = await widget.locator("section.report").innerText();
    assert.deepEqual(keys.filter((k) => text.includes(k)), [], `${tag}: raw locale keys shown`);
  }
  await context.close();
});

test("only the language read is downloaded; a language that cannot be fetched leaves the widget as it was, and says so", async () => {
  // A Swedish page: Swedish is compiled into the widget, and no other language's file is asked for.
  const { page, widget, context } = await openPage(browser);
  const localeFiles = [];
  page.on("request", (r) => { if (r.url().includes("/widget/locales/")) localeFiles.push(new URL(r.url()).pathname); });
  await widget.getByRole("heading", { name: TITLES.sv }).waitFor();
  assert.deepEqual(await localeFilesLoaded(page), [], "a Swedish page loads no locale file");

  await widget.locator("#language").selectOption("en");
  await widget.getByRole("heading", { name: TITLES.en }).waitFor();
  assert.deepEqual(localeFiles, ["/widget/locales/en.ftl"]);

  // Back to Swedish, then offline: Finnish cannot be fetched.
  await widget.locator("#language").selectOption("sv");
  await widget.getByRole("heading", { name: TITLES.sv }).waitFor();
  await context.setOffline(true);
  await widget.locator("#language").selectOption("fi");
  const alert = widget.locator("#language-status");
  await alert.filter({ hasText: "Språket kunde inte hämtas." }).waitFor();
  assert.equal(await alert.getAttribute("role"), "alert");
  assert.equal(await widget.locator("#language").inputValue(), "sv", "the switcher shows the language spoken");
  assert.equal(await widget.locator("section.report").getAttribute("lang"), "sv");
  await widget.getByRole("heading", { name: TITLES.sv }).waitFor();

  // Online again, Finnish comes.
  await context.setOffline(false);
  await widget.locator("#language").selectOption("fi");
  await widget.getByRole("heading", { name: TITLES.fi }).waitFor();
  assert.equal(localeFiles.at(-1), "/widget/locales/fi.ftl");
  assert.ok(!localeFiles.some((f) => f.endsWith("/ar.ftl")), "Arabic was never asked for");
  await context.close();
});

test("a widget marked English starts in English, with only the English words fetched", async () => {
  const { page, widget, context } = await openPage(browser);
  await embedReportIn(page, "en-GB");
  // The loader's frame has the heading in English at once (its words are in the loader); the
  // form itself is there once its words are.
  await widget.locator(FORM_MAP).waitFor();
  await widget.getByRole("heading", { name: TITLES.en }).waitFor();
  const files = await localeFilesLoaded(page);
  assert.ok(files.length >= 1 && files.every((f) => f === "/widget/locales/en.ftl"), files.join(", "));
  await context.close();
});

test("a report on its way when the resident changes language is stored once, and its receipt shown in the new language", async () => {
  const { page, widget, context, errors } = await openPage(browser);
  await widget.getByRole("button", { name: "Sätt nålen i kartans mitt" }).click();
  await widget.getByLabel("Vad gäller det?").selectOption("graffiti");
  await widget.getByLabel("Natt").check();
  const description = `Skickad under språkbyte ${Date.now()}`;
  await widget.getByLabel("Beskriv platsen").fill(description);
  // A slow line: the report is held on its way until the form has been drawn anew in English.
  const held = [];
  await context.route(`${EDGE}/api/v1/reports`, (r) => { held.push(r); });
  await widget.getByRole("button", { name: "Skicka", exact: true }).click();
  for (let i = 0; i < 100 && held.length === 0; i++) await page.waitForTimeout(100);
  assert.equal(held.length, 1, "the report is on its way");

  await widget.locator("#language").selectOption("en");
  await widget.getByRole("heading", { name: TITLES.en }).waitFor();
  await context.unroute(`${EDGE}/api/v1/reports`);
  await held[0].continue();
  await widget.getByRole("heading", { name: /Thank you! Your case number is/ }).waitFor();
  const stored = query(`SELECT COUNT(*) AS n FROM reports WHERE description = '${description}'`);
  assert.equal(stored[0].n, 1, "stored once");
  assert.deepEqual(errors, []);
  await context.close();
});
