// End-to-end tests of the web app against a server started like `make run`
// (migrated, demo data seeded, development login on). See scripts/e2e.sh.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  devSignIn,
  freshPage as newTab,
  launch,
  pickOrg,
  screenshot,
  screenshotOf,
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

describe("web app", () => {
  test("home page lists the pages and switches language", async () => {
    const page = await freshPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    assert.ok(await page.getByRole("link", { name: "Find a translator" }).first().isVisible());
    await screenshot(page, "home");
    await page.getByRole("button", { name: "FI", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "fi");
    await page.getByRole("link", { name: "Etsi tulkki" }).first().waitFor();
    await page.reload();
    assert.equal(await page.locator("html").getAttribute("lang"), "fi", "the choice is remembered");
    await page.getByRole("link", { name: "Etsi tulkki" }).first().waitFor();
    await screenshot(page, "home-fi");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.close();
  });

  test("find a translator between two demo organisations and see the graph", async () => {
    const page = await freshPage();
    await page.goto("/");
    await page.getByRole("navigation").getByRole("link", { name: "Find a translator" }).click();
    await page.waitForURL("**/translators");
    await pickOrg(page, "org-a", "Mielikuu", "Mielikuu Health Oy");
    await pickOrg(page, "org-b", "Nuorten Mielitila", "Nuorten Mielitila ry");
    await page.getByRole("button", { name: "Find translators" }).click();
    await page.waitForURL(/a=org-mielikuu-health&b=org-nuorten-mielitila/);

    const matches = page.locator("ol.matches > li");
    await matches.first().waitFor();
    assert.ok((await matches.count()) >= 1, "at least one translator");
    assert.ok((await matches.first().locator(".score-bars li").count()) >= 5, "the score breakdown is drawn as bars");

    const graph = page.locator("[data-testid=evidence-graph][data-node-count]");
    await graph.waitFor();
    const nodes = Number(await graph.getAttribute("data-node-count"));
    const edges = Number(await graph.getAttribute("data-edge-count"));
    assert.ok(nodes >= 3, `the graph has the person and both sides (got ${nodes} nodes)`);
    assert.ok(edges >= 2, `the graph has edges (got ${edges})`);
    // Cytoscape drew on its canvas.
    assert.ok((await graph.locator("canvas").count()) >= 1);

    await screenshotOf(page.locator(".graph-panel"), "translators-graph");

    // The graph is keyboard operable: focus it and step to a node.
    await graph.focus();
    await page.keyboard.press("ArrowRight");
    assert.match(await page.locator(".graph-details").textContent(), /\(.+\)/);
    await screenshot(page, "translators");

    // The second translator's evidence replaces the first one's.
    if ((await matches.count()) > 1) {
      await matches.nth(1).getByRole("button", { name: "Show evidence" }).click();
      await page.locator("[data-testid=evidence-graph][data-node-count]").waitFor();
      assert.equal(await matches.nth(1).getByRole("button", { name: "Show evidence" }).getAttribute("aria-pressed"), "true");
    }

    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await page.locator("[data-testid=evidence-graph][data-node-count]").waitFor();
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await screenshot(page, "translators-phone", { fullPage: false });
    await page.close();
  });

  test("edit your profile and see the change after reload", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-aino-virtanen", ["PROFESSIONAL"], { screenshotAs: "signin" });
    const run = Date.now();
    const headline = `Bridging cities and NGOs (e2e ${run})`;
    const role = `E2E advisor ${run}`;
    await page.locator("#p-headline").fill(headline);
    await page.locator("#save-details").click();
    await page.getByRole("status").filter({ hasText: "Saved." }).waitFor();

    // Add a stint, see it on the timeline, then remove it again.
    await page.locator("#add-stint").click();
    await pickOrg(page, "s-org", "Mielikuu", "Mielikuu Health Oy");
    await page.locator("#s-kind").selectOption("SECONDMENT");
    await page.locator("#s-role").fill(role);
    await page.locator("#s-start").fill("2024-01-15");
    await page.locator("#save-stint").click();
    await page.locator(".stints li", { hasText: role }).waitFor();

    await page.reload();
    await page.locator("#p-headline").waitFor();
    assert.equal(await page.locator("#p-headline").inputValue(), headline);
    const stint = page.locator(".stints li", { hasText: role });
    await stint.waitFor();
    assert.match(await stint.textContent(), /Mielikuu Health Oy.*15 Jan 2024 – ongoing · Secondment/);
    assert.ok(await page.locator(".timeline-label", { hasText: role }).isVisible(), "the new stint is on the timeline");
    await screenshot(page, "profile");

    const remove = stint.getByRole("button", { name: /Remove stint/ });
    await remove.click();
    await remove.click(); // confirm
    await page.getByRole("status").filter({ hasText: "Stint removed." }).waitFor();
    assert.equal(await page.locator(".stints li", { hasText: role }).count(), 0);

    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await sidewaysOverflow(page);
    assert.ok(overflow <= 0, `no sideways scrolling on a phone (overflow ${overflow}px)`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "profile-phone", { fullPage: false });
    await page.close();
  });

  test("a new professional creates a profile, exports it and deletes it", async () => {
    const page = await freshPage();
    const id = `e2e-newcomer-${Date.now()}`;
    await devSignIn(page, id);
    await page.getByRole("heading", { name: "Create my profile" }).waitFor();
    await page.locator("#c-name").fill("Uusi Ammattilainen");
    await page.locator("#c-headline").fill("Testing the web app");
    await page.getByRole("button", { name: "Create my profile" }).click();
    await page.getByRole("status").filter({ hasText: "Your profile was created." }).waitFor();
    assert.equal(await page.locator("#p-name").inputValue(), "Uusi Ammattilainen");
    // New profiles are not suggested as translators until the person agrees.
    assert.equal(await page.locator("#p-bridging").isChecked(), false);

    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#export").click()]);
    assert.equal(download.suggestedFilename(), `tulkki-${id}.json`);
    const exported = JSON.parse(await streamText(await download.createReadStream()));
    assert.match(JSON.stringify(exported), /Uusi Ammattilainen/);

    assert.equal(await page.locator("#erase").isDisabled(), true, "delete needs the confirmation box");
    await page.locator("#erase-understand").check();
    await page.locator("#erase").click();
    await page.getByRole("status").filter({ hasText: "Your data was erased" }).waitFor();
    await screenshot(page, "profile-erased");
    // Signed out, and the profile is gone for good.
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    await devSignIn(page, id);
    await page.getByRole("heading", { name: "Create my profile" }).waitFor();
    await page.close();
  });

  test("a forbidden action shows a clear message", async () => {
    const page = await freshPage();
    // A professional is not a facilitator: the API refuses them contact details.
    await devSignIn(page, "person-aino-virtanen");
    await page.goto("/translators?a=org-mielikuu-health&b=org-nuorten-mielitila");
    const first = page.locator("ol.matches > li").first();
    await first.getByRole("button", { name: "Contact details" }).click();
    const alert = first.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("data-code"), "FORBIDDEN");
    assert.match(await alert.textContent(), /You are not allowed to do this\./);
    await screenshot(page, "forbidden");

    // The same in Finnish.
    await page.getByRole("button", { name: "FI", exact: true }).click();
    await page.locator("ol.matches > li").first().getByRole("button", { name: "Yhteystiedot" }).click();
    await page.locator("ol.matches > li").first().getByRole("alert").filter({ hasText: "Sinulla ei ole oikeutta tähän." }).waitFor();
    await page.close();
  });

  test("a client route loads directly and unknown pages say so", async () => {
    const page = await freshPage();
    const res = await page.goto("/no-such-page");
    assert.equal(res.status(), 200);
    await page.getByRole("heading", { name: "Page not found" }).waitFor();
    await page.close();
  });

  test("no uncaught errors in the app", () => {
    assert.deepEqual(browser.errors, []);
  });
});
