// Browser test of the app's languages: a browser set to Swedish gets the
// app in Swedish without choosing, the server writes its explanations in
// Swedish too (Accept-Language), topics show their Swedish names, and a
// choice of language is remembered. Same server and demo data as
// app.test.mjs (see scripts/e2e.sh).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { graphql, launch, screenshot, sidewaysOverflow } from "../browser.mjs";

let browser;

before(async () => {
  browser = await launch({ locale: "sv-FI" });
});
after(async () => {
  await browser?.close();
});

describe("languages", () => {
  test("a Swedish browser gets Swedish pages and Swedish server explanations", async () => {
    // A plain new page: no language stored yet (freshPage would store English).
    const page = await browser.context.newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "sv", "starts in the browser's language");
    await page.getByRole("navigation").getByRole("link", { name: "Ovanliga par" }).waitFor();

    // The API words the same explanation in the language asked for.
    const ask = async (lang) =>
      page.evaluate(async (lang) => {
        const res = await fetch("/graphql", {
          method: "POST",
          headers: { "Content-Type": "application/json", "Accept-Language": lang },
          body: JSON.stringify({ query: `{ unusualPairings(for: "org-kaarnala-city-welfare", first: 1) { explanation } }` }),
        });
        return (await res.json()).data.unusualPairings[0].explanation;
      }, lang);
    const [sv, en] = [await ask("sv"), await ask("en")];
    assert.notEqual(sv, en, "Swedish and English explanations differ");

    await page.goto("/pairings?for=org-kaarnala-city-welfare");
    const first = page.locator("ol.pairings > li").first();
    await first.waitFor();
    const explanation = (await first.locator(".explanation").textContent()).trim();
    assert.equal(explanation, sv, "the page shows the server's Swedish explanation");
    assert.match(explanation, /de har aldrig samarbetat/);

    // Shared topics by their Swedish names.
    const topics = await graphql(page, `{ topics { name nameSv } }`);
    const swedish = new Set(topics.data.topics.map((t) => t.nameSv).filter(Boolean));
    const chips = await first.locator(".facts dd").first().locator(".chip").allTextContents();
    assert.ok(chips.length >= 1, "shared topics are shown");
    for (const chip of chips) assert.ok(swedish.has(chip.trim()), `topic chip "${chip}" is a Swedish name`);
    await screenshot(page, "pairings-sv");

    // Readable on a phone in Swedish too.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.locator("ol.pairings > li").first().waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await screenshot(page, "pairings-sv-phone", { fullPage: false });

    // A choice overrides the browser's language and is remembered.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "FI", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "fi");
    await page.reload();
    assert.equal(await page.locator("html").getAttribute("lang"), "fi", "the choice is remembered");
    await page.locator("ol.pairings > li .explanation").first().waitFor();
    assert.match(await page.locator("ol.pairings > li .explanation").first().textContent(), /eivät ole koskaan tehneet yhteistyötä/);
    await page.getByRole("button", { name: "SV", exact: true }).click();
    await page.close();
  });
});
