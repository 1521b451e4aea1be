// Browser test of the Import page: a coordinator uploads the example set
// with one broken row, sees the row's error, chooses the corrected file,
// checks and imports, and finds the imported organisation in search. Same
// server and demo data as app.test.mjs (see scripts/e2e.sh). The example's
// names get a suffix of this run's own, so the test can run again on the
// same database.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { devSignIn, freshPage as newTab, launch, pickOrg, screenshot, sidewaysOverflow } from "../browser.mjs";

let browser;

before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const freshPage = () => newTab(browser);

const run = `e2e${Date.now().toString(36)}`;
const names = ["Loneliness among the elderly", "Youth employment", "Kaarinan Kotiapu ry", "Aurajoen hyvinvointialue", "Skärgårdens Forskningsinstitut"];

/** The files of testdata/import/<set>, with this run's names. */
function exampleSet(set) {
  const dir = join(import.meta.dirname, "..", "..", "testdata", "import", set);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((name) => {
      let text = readFileSync(join(dir, name), "utf8");
      for (const n of names) text = text.replaceAll(n, `${n} ${run}`);
      return { name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") };
    });
}

describe("import page", () => {
  test("a broken row is reported, the corrected files import, the organisation is found", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    await page.goto("/import");
    await page.locator("#import-files").waitFor();
    await page.locator("#import-sync").fill(run);

    // The example set with one broken row: its error, nothing written.
    await page.locator("#import-files").setInputFiles(exampleSet("broken"));
    await page.locator("#import-check").click();
    const problem = page.locator("#import-problems tbody tr");
    await problem.first().waitFor();
    assert.equal(await problem.count(), 1);
    assert.deepEqual(
      (await problem.first().locator("td").allTextContents()).slice(0, 4),
      ["experiences.csv", "4", "startDate", "BAD_DATE"],
    );
    assert.match(await problem.first().textContent(), /31\.2\.2012 is not a date/);
    assert.equal(await page.locator("#import-run").isDisabled(), true, "no import before a clean check");
    await screenshot(page, "import-problems");

    // In Finnish the server words the same problem in Finnish
    // (Accept-Language); file, line, column and code stay as they are.
    await page.getByRole("button", { name: "FI", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "fi");
    await page.locator("#import-sync").fill(run);
    await page.locator("#import-files").setInputFiles(exampleSet("broken"));
    await page.locator("#import-check").click();
    await page.locator("#import-problems tbody tr", { hasText: "ei ole päivämäärä" }).waitFor();
    assert.deepEqual(
      (await problem.first().locator("td").allTextContents()).slice(0, 4),
      ["experiences.csv", "4", "startDate", "BAD_DATE"],
    );
    assert.match(await problem.first().textContent(), /31\.2\.2012 ei ole päivämäärä \(kirjoita 2019-03-31 tai 31\.3\.2019\)/);
    await screenshot(page, "import-problems-fi");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    await page.locator("#import-sync").fill(run);

    // The corrected files: a dry run, then the import.
    await page.locator("#import-files").setInputFiles(exampleSet("example"));
    await page.locator("#import-check").click();
    await page.locator("#import-report").waitFor();
    const created = async (kind) => Number(await page.locator(`#import-report tr[data-kind="${kind}"] td`).first().textContent());
    assert.equal(await created("organisations"), 3);
    assert.equal(await created("experiences"), 4);
    await screenshot(page, "import-dry-run");
    await page.locator("#import-run").click();
    await page.locator("#import-result .alert.success", { hasText: "Imported." }).waitFor();
    assert.equal(await created("organisations"), 3);
    assert.match(await page.locator("#import-consent").textContent(), /^1 of the imported people/);
    await screenshot(page, "import-done");

    // A phone: nothing scrolls sideways (the report scrolls in its box).
    await page.setViewportSize({ width: 375, height: 800 });
    assert.ok((await sidewaysOverflow(page)) <= 0, "the import page fits a phone's width");
    await screenshot(page, "import-phone");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The imported organisation in search.
    await page.goto("/translators");
    await pickOrg(page, "org-a", `Kotiapu ry ${run}`, `Kaarinan Kotiapu ry ${run}`);
    await screenshot(page, "import-found");

    // Swedish.
    await page.goto("/import");
    await page.getByRole("button", { name: "SV", exact: true }).click();
    await page.locator("h1", { hasText: "Import och export" }).waitFor();
    await screenshot(page, "import-sv");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.close();
  });

  test("the export downloads as a zip", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    await page.goto("/import");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export-button").click()]);
    assert.match(download.suggestedFilename(), /^tulkki-export-\d{4}-\d{2}-\d{2}\.zip$/);
    await page.getByText("The export was downloaded.").waitFor();
    await page.close();
  });

  test("others are asked to sign in as a coordinator", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["PROFESSIONAL"]);
    await page.goto("/import");
    await page.getByRole("link", { name: "Sign in as a coordinator or administrator to import and export data." }).waitFor();
    await page.close();
  });

  test("no uncaught errors on the import page", () => {
    assert.deepEqual(browser.errors, []);
  });
});
