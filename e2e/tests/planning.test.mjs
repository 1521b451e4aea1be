// Browser tests of the planning pages: unusual pairings, plan a workshop
// (and save it), bold collaborations. Same server and demo data as
// app.test.mjs (see scripts/e2e.sh).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  devSignIn,
  freshPage as newTab,
  graphql,
  launch,
  pickOrg,
  screenshot,
  sidewaysOverflow,
  streamText,
} from "../browser.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const freshPage = () => newTab(browser);

describe("planning pages", () => {
  test("unusual pairings for a demo organisation, with translators linked to their evidence", async () => {
    const page = await freshPage();
    await page.goto("/");
    // The demo data pairs the city's welfare division with organisations it
    // never worked with; check the API agrees before looking at the page.
    const api = await graphql(page, `{ unusualPairings(for: "org-kaarnala-city-welfare", first: 10) { organisations { id } } }`);
    assert.ok(api.data.unusualPairings.length >= 1, `the demo data has a pairing for the city welfare division: ${JSON.stringify(api)}`);

    await page.getByRole("navigation").getByRole("link", { name: "Unusual pairings" }).click();
    await page.waitForURL("**/pairings");
    assert.equal(await page.locator("#find-pairings").isDisabled(), true, "an organisation or a topic is needed");
    await pickOrg(page, "pair-org", "Kaarnala", "Kaarnalan kaupunki, hyvinvoinnin toimiala");
    await page.locator("#find-pairings").click();
    await page.waitForURL(/for=org-kaarnala-city-welfare/);

    const cards = page.locator("ol.pairings > li");
    await cards.first().waitFor();
    assert.equal(await cards.count(), api.data.unusualPairings.length, "one card per suggestion");
    const first = cards.first();
    assert.match(await first.getAttribute("data-orgs"), /^org-kaarnala-city-welfare /, "the chosen organisation comes first");
    assert.equal(await first.locator(".score-bars").first().locator("li").count(), 3, "relevance, surprise and bridgeability");
    assert.match(await first.locator(".explanation").textContent(), /never worked together/);
    assert.ok((await first.locator(".pair-translators li").count()) >= 1, "a translator is named");
    assert.ok((await first.locator(".facts dd").first().locator(".chip").count()) >= 1, "shared topics are shown");
    await screenshot(page, "pairings");

    // A topic and a sector narrow it; the choice is kept in the address.
    await page.locator("#pair-topic").selectOption("topic-volunteering");
    await page.locator("#pair-sector-PRIVATE").check();
    await page.locator("#find-pairings").click();
    await page.waitForURL(/topic=topic-volunteering.*sectors=PRIVATE/);
    await page.locator("ol.pairings > li, .results p").first().waitFor();

    // The translators link opens Find a translator with both organisations filled in.
    await page.goto("/pairings?for=org-kaarnala-city-welfare");
    const link = page.locator("ol.pairings > li").first().getByRole("link", { name: /Translators and evidence/ });
    await link.click();
    await page.waitForURL(/\/translators\?a=org-kaarnala-city-welfare&b=/);
    await page.locator("ol.matches > li").first().waitFor();

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/pairings?for=org-kaarnala-city-welfare");
    await page.locator("ol.pairings > li").first().waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.locator("ol.pairings > li").first().evaluate((el) => el.scrollIntoView());
    await screenshot(page, "pairings-phone", { fullPage: false });
    await page.close();
  });

  test("plan a workshop, move a participant, save it and export the seating", async (t) => {
    const page = await freshPage();
    let workshopId = null;
    // Tidy up the shared test database even when an assertion fails: remove this run's workshop.
    t.after(async () => {
      if (workshopId) await graphql(page, `mutation($id: ID!) { deleteWorkshop(id: $id) }`, { id: workshopId }).catch(() => undefined);
      await page.close();
    });
    await devSignIn(page, "person-kaija-nurminen", ["FACILITATOR"]);
    await page.getByRole("navigation").getByRole("link", { name: "Plan a workshop" }).click();
    await page.waitForURL("**/workshops");
    await page.locator("#ws-topic:not([disabled])").waitFor();
    await page.locator("#ws-topic").selectOption("topic-elderly-loneliness");
    await page.locator("#ws-size").fill("12");
    await page.locator("#ws-tables").fill("3");
    await page.locator("#ws-propose").click();

    // The tables are drawn as groups, each with its translator.
    const tables = page.locator(".proposal .tables-board > li");
    await tables.first().waitFor();
    assert.equal(await tables.count(), 3);
    for (let i = 0; i < 3; i++) {
      assert.ok((await tables.nth(i).locator(".seat").count()) >= 2, `table ${i + 1} has people`);
      assert.equal(await tables.nth(i).locator(".seat.translator").count(), 1, `table ${i + 1} has one translator`);
    }
    await page.locator("#ws-unmet").waitFor();
    await screenshot(page, "workshop-plan");

    // Move a representative from table 1 to table 2 with the keyboard-operable controls.
    const seat = tables.nth(0).locator(".seat:not(.translator)").first();
    const personId = await seat.getAttribute("data-person-id");
    const name = (await seat.locator("strong").textContent()).trim();
    const before1 = await tables.nth(0).locator(".seat").count();
    await page.locator(`[id="move-${personId}"]`).focus();
    await page.locator(`[id="move-${personId}"]`).selectOption("2");
    // Tab to the Move button and press Enter, as a keyboard user would.
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-label")), `Move ${name} to the chosen table`);
    await page.keyboard.press("Enter");
    const movedSeat = tables.nth(1).locator(`.seat[data-person-id="${personId}"]`);
    await movedSeat.waitFor();
    assert.equal(await tables.nth(0).locator(".seat").count(), before1 - 1, "table 1 has one person fewer");
    assert.equal(await page.evaluate(() => document.activeElement?.id), `move-${personId}`, "focus follows the moved person");
    await page.getByRole("note").filter({ hasText: "Moves made: 1." }).waitFor();

    // Save it.
    const title = `E2E workshop ${Date.now()}`;
    await page.locator("#ws-title").fill(title);
    await page.locator("#ws-place").fill("Turku, Logomo");
    await page.locator("#ws-save").click();
    await page.waitForURL(/\/workshops\?id=[^&]+$/);
    workshopId = new URL(page.url()).searchParams.get("id");
    await page.getByRole("status").filter({ hasText: "The workshop was saved." }).waitFor();
    await page.getByRole("heading", { name: title }).waitFor();

    // Reloaded from the API, the move is kept.
    await page.goto(`/workshops?id=${encodeURIComponent(workshopId)}`);
    await page.getByRole("heading", { name: title }).waitFor();
    const saved = page.locator(".tables-board > li");
    assert.equal(await saved.count(), 3);
    assert.equal(await saved.nth(1).locator(`.seat[data-person-id="${personId}"]`).count(), 1, `${name} sits at table 2 after saving`);
    await screenshot(page, "workshop-saved");

    // A move on the saved workshop goes to the API at once.
    await page.locator(`[id="move-${personId}"]`).selectOption("3");
    await page.getByRole("button", { name: `Move ${name} to the chosen table` }).click();
    await saved.nth(2).locator(`.seat[data-person-id="${personId}"]`).waitFor();
    const again = await graphql(page, `query($id: ID!) { workshop(id: $id) { participants { table person { id } } } }`, { id: workshopId });
    assert.equal(again.data.workshop.participants.find((p) => p.person.id === personId).table, 3);

    // Mouse users can drag a person to another table instead.
    await saved.nth(2).locator(`.seat[data-person-id="${personId}"] strong`).first().dragTo(saved.nth(0).locator("h3"));
    await saved.nth(0).locator(`.seat[data-person-id="${personId}"]`).waitFor();
    const dragged = await graphql(page, `query($id: ID!) { workshop(id: $id) { participants { table person { id } } } }`, { id: workshopId });
    assert.equal(dragged.data.workshop.participants.find((p) => p.person.id === personId).table, 1);

    // The CSV export: fetched with the token, saved as a download.
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#ws-csv").click()]);
    assert.equal(download.suggestedFilename(), `seating-${workshopId}.csv`);
    const lines = (await streamText(await download.createReadStream())).trim().split(/\r?\n/);
    // Every field quoted (RFC 4180), so a spreadsheet reading ';' keeps each name in one cell.
    assert.equal(lines[0], '"table","role","person_id","person_name","organisation_id","organisation_name","sector"');
    const seats = await saved.locator(".seat").count();
    assert.equal(lines.length - 1, seats, "one row per seat");
    assert.ok(lines.some((l) => l.startsWith(`"1","ORGANISATION_REP","${personId}",`)), `${name} is at table 1 in the CSV`);

    // The printable seating page opens in a new tab.
    const [popup] = await Promise.all([page.waitForEvent("popup"), page.locator("#ws-print").click()]);
    await popup.waitForURL(/^blob:/);
    await popup.getByRole("heading", { name: title }).waitFor();
    assert.equal(await popup.locator("section.table").count(), 3);
    await screenshot(popup, "workshop-printable");
    await popup.close();

    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.locator(".tables-board > li").first().waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.locator(".tables-board > li").first().evaluate((el) => el.scrollIntoView());
    await screenshot(page, "workshop-phone", { fullPage: false });

    const deleted = await graphql(page, `mutation($id: ID!) { deleteWorkshop(id: $id) }`, { id: workshopId });
    assert.equal(deleted.data?.deleteWorkshop, workshopId);
    workshopId = null;
  });

  test("planning a workshop as a professional shows the API's FORBIDDEN message", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-aino-virtanen", ["PROFESSIONAL"]);
    await page.goto("/workshops");
    await page.getByRole("note").filter({ hasText: "Only facilitators and administrators can plan workshops." }).waitFor();
    await page.locator("#ws-topic:not([disabled])").waitFor();
    await page.locator("#ws-topic").selectOption("topic-elderly-loneliness");
    await page.locator("#ws-propose").click();
    const alert = page.locator(".proposal [role=alert]");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("data-code"), "FORBIDDEN");
    assert.match(await alert.textContent(), /You are not allowed to do this\./);
    await screenshot(page, "workshop-forbidden");
    await page.close();
  });

  test("bold collaborations are ranked with their partners and phase history", async () => {
    const page = await freshPage();
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Bold collaborations" }).click();
    await page.waitForURL("**/bold");
    // The default period is the last five years.
    const from = await page.locator("#bold-from").inputValue();
    const to = await page.locator("#bold-to").inputValue();
    assert.equal(Number(to.slice(0, 4)) - Number(from.slice(0, 4)), 5);

    const cards = page.locator("ol.bold-list > li");
    await cards.first().waitFor();
    assert.ok((await cards.count()) >= 1, "a ranking");
    const scores = (await page.locator("ol.bold-list > li .score").allTextContents()).map((s) => Number(s.replace(/[^\d.,]/g, "").replace(",", ".")));
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a), "boldest first");
    const first = cards.first();
    assert.equal(await first.locator(".score-bars li").count(), 3, "sectors, distance and new partners");
    assert.ok((await first.locator(".partners li .chip").count()) >= 2, "partners with their sectors");
    assert.ok((await first.locator(".phase-history li").count()) >= 1, "the phase history");
    await screenshot(page, "bold");

    // A period of the demo data's own collaborations.
    await page.locator("#bold-from").fill("2010-01-01");
    await page.locator("#bold-to").fill("2019-12-31");
    await page.locator("#show-bold").click();
    await page.waitForURL(/from=2010-01-01&to=2019-12-31/);
    await page.getByRole("heading", { name: /Collaborations begun/ }).waitFor();
    await screenshot(page, "bold-2010s");

    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/bold");
    await cards.first().waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await cards.first().evaluate((el) => el.scrollIntoView());
    await screenshot(page, "bold-phone", { fullPage: false });
    await page.close();
  });

  test("the new pages speak Finnish", async () => {
    const page = await freshPage();
    await page.goto("/");
    await page.getByRole("button", { name: "FI", exact: true }).click();
    for (const name of ["Epätavalliset parit", "Suunnittele työpaja", "Rohkeat yhteistyöt"]) {
      await page.getByRole("navigation").getByRole("link", { name }).waitFor();
    }
    await page.getByRole("navigation").getByRole("link", { name: "Rohkeat yhteistyöt" }).click();
    await page.getByRole("button", { name: "Näytä järjestys" }).waitFor();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.close();
  });

  test("no uncaught errors on the planning pages", () => {
    assert.deepEqual(browser.errors, []);
  });
});
