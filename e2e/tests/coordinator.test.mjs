// Browser tests of the coordinator's dashboard: the ecosystem's figures
// as the API counts them, the charts drawn, the sector matrix, Swedish,
// and a phone-sized screen. Same server and demo data as app.test.mjs (see
// scripts/e2e.sh).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { devSignIn, freshPage as newTab, graphql, launch, screenshot, sidewaysOverflow } from "../browser.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const freshPage = () => newTab(browser);

describe("coordinator pages", () => {
  test("the dashboard shows the demo data's counts, as the API has them", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    const started = Date.now();
    await page.goto("/dashboard");
    await page.locator("#fig-total").waitFor();
    await page.locator("#sector-matrix").waitFor();
    const api = await graphql(page, `{ ecosystem { collaborations stalled evaluationsPending
      collaborationsByPhase { phase count } sectorMatrix { a b collaborations translators } } }`);
    assert.equal(api.errors, undefined, JSON.stringify(api.errors));
    const e = api.data.ecosystem;
    assert.ok(e.collaborations > 0, "the demo data has collaborations");
    const figure = async (id) => (await page.locator(`#${id} .figure-n`).textContent()).replace(/[\s,.\u00a0]/g, "");
    assert.equal(await figure("fig-total"), String(e.collaborations));
    assert.equal(await figure("fig-stalled"), String(e.stalled));
    assert.equal(await figure("fig-pending"), String(e.evaluationsPending));
    // The phase figures beside the chart are the API's.
    const phaseCells = await page.locator("#phases-table tbody td").allTextContents();
    assert.deepEqual(phaseCells.map(Number), e.collaborationsByPhase.map((p) => p.count));
    // The matrix: ten sector pairs with the API's collaborations.
    const rows = page.locator("#sector-matrix tbody tr");
    assert.equal(await rows.count(), 10);
    for (const r of e.sectorMatrix) {
      const cells = await page.locator(`#sector-matrix tr[data-pair="${r.a}-${r.b}"] td`).allTextContents();
      assert.equal(Number(cells[0]), r.collaborations, `${r.a}-${r.b} collaborations`);
      assert.equal(Number(cells[1]), r.translators, `${r.a}-${r.b} translators`);
    }
    // Three charts drawn.
    for (const id of ["phases", "forms", "cross"]) {
      const box = await page.locator(`#${id}-chart`).boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `${id} chart drawn: ${JSON.stringify(box)}`);
    }
    console.log(`dashboard drawn in ${Date.now() - started} ms`);
    await screenshot(page, "dashboard");

    // Swedish.
    await page.getByRole("button", { name: "SV", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "sv");
    await page.locator("h1", { hasText: "Ekosystemets lägesbild" }).waitFor();
    await page.locator("#sector-matrix").waitFor();
    await screenshot(page, "dashboard-sv");
    await page.getByRole("button", { name: "EN", exact: true }).click();

    // A phone: nothing scrolls sideways but the matrix inside its box.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.locator("#sector-matrix").waitFor();
    // The charts follow the new width when their resize observer fires.
    await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth, null, { timeout: 5000 }).catch(() => {});
    assert.ok((await sidewaysOverflow(page)) <= 0, "the dashboard fits a phone's width");
    await screenshot(page, "dashboard-phone");
    await page.close();
  });

  test("the dashboard asks others to sign in as a coordinator", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["PROFESSIONAL"]);
    await page.goto("/dashboard");
    await page.getByRole("link", { name: "Sign in as a coordinator to see the ecosystem dashboard." }).waitFor();
    const api = await graphql(page, "{ ecosystem { collaborations } }");
    assert.equal(api.errors?.[0]?.extensions?.code, "FORBIDDEN");
    await page.close();
  });

  test("no uncaught errors on the coordinator pages", () => {
    assert.deepEqual(browser.errors, []);
  });
});
