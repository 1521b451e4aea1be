// Browser tests of the coordinator's pages: the dashboard (the ecosystem's
// figures as the API counts them, the charts, the sector matrix), the
// collaborations board (filters, moving a card with the keyboard and a
// note, the phase timeline after a reload), the organisation page, and the
// ecosystem map (an organisation opened from it, the downloads, the layout
// time of 300 nodes); Swedish, and a phone-sized screen for each. Same
// server and demo data as app.test.mjs (see scripts/e2e.sh).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { devSignIn, freshPage as newTab, graphql, launch, pickOrg, screenshot, sidewaysOverflow, streamText } from "../browser.mjs";

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

  test("a coordinator filters the board, moves a collaboration with the keyboard and a note, and finds it in the timeline", async () => {
    // An administrator starts a collaboration of this run's own, so the
    // move does not change the demo data other tests read.
    const admin = await freshPage();
    await devSignIn(admin, "person-kaija-nurminen", ["ADMIN"]);
    const title = `E2E board ${Date.now()}`;
    const created = await graphql(admin, `mutation($in: CreateCollaborationInput!) { createCollaboration(input: $in) { id phase } }`, {
      in: { title, form: "PROJECT", phase: "PARTNERS_MAPPED", partners: [{ organisationId: "org-al-jisr-association", role: "LEAD" }, { organisationId: "org-arkimarket", role: "PARTNER" }] },
    });
    assert.equal(created.errors, undefined, JSON.stringify(created.errors));
    const id = created.data.createCollaboration.id;
    await admin.close();

    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    await page.goto("/board");
    await page.locator("#col-EVALUATED").waitFor();
    assert.equal(await page.locator(".board-col").count(), 5, "a column per phase");
    await screenshot(page, "board");

    // Filter by the title, a partner's sector and a partner: the card, in its column, and the counts the API has.
    await page.locator("#board-search").fill(title);
    await page.locator("#board-sector").selectOption("PRIVATE");
    await pickOrg(page, "board-partner", "Al-Jisr", "Al-Jisr ry");
    await page.locator("#board-apply").click();
    await page.waitForURL((url) => url.searchParams.get("sector") === "PRIVATE" && url.searchParams.get("partner") === "org-al-jisr-association");
    const card = page.locator(`#col-PARTNERS_MAPPED #card-${id}`);
    await card.waitFor();
    const api = await graphql(page, `query($s: String) { collaborations(filter: { search: $s, sector: PRIVATE, organisationId: "org-al-jisr-association" }) { totalCount } }`, { s: title });
    assert.equal(await page.locator(".board-card").count(), api.data.collaborations.totalCount);
    assert.match(await card.textContent(), /Arkimarket Oy/);
    assert.match(await card.textContent(), /0 days in this phase/);
    // A filter that excludes it.
    await page.locator("#board-sector").selectOption("ACADEMIA");
    await page.locator("#board-apply").click();
    await page.waitForURL((url) => url.searchParams.get("sector") === "ACADEMIA");
    await page.locator("#board[aria-busy=false]").waitFor();
    assert.equal(await page.locator(`#card-${id}`).count(), 0, "filtered out by sector");
    await page.locator("#board-sector").selectOption("THIRD");
    await page.locator("#board-apply").click();
    await card.waitFor();

    // Move it with the keyboard: choose the phase, press Move, write the note, confirm.
    const note = `Goals signed in the steering group ${Date.now()}`;
    const select = page.locator(`#board-move-${id}`);
    await select.focus();
    await select.selectOption("GOALS_AGREED");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator("#move-note").waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), "move-note", "the dialog asks for the note first");
    await page.keyboard.type(note);
    await screenshot(page, "board-move-dialog");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.locator(`#col-GOALS_AGREED #card-${id}`).waitFor();
    assert.equal(await page.locator(`#col-PARTNERS_MAPPED #card-${id}`).count(), 0);

    // Dragging a card onto another column asks for the note too; Escape leaves it where it was.
    await page.locator(`#card-${id}`).dragTo(page.locator("#col-LAUNCHED"));
    await page.locator("#move-note").waitFor();
    assert.match(await page.locator(".move-dialog").textContent(), /from Goals agreed to Launched/);
    await page.keyboard.press("Escape");
    await page.locator("#move-note").waitFor({ state: "detached" });
    assert.equal(await page.locator(`#col-GOALS_AGREED #card-${id}`).count(), 1, "a cancelled drag moves nothing");

    // After a reload the board and the collaboration's timeline have it.
    await page.reload();
    await page.locator(`#col-GOALS_AGREED #card-${id}`).waitFor();
    await page.locator(`#card-${id} h3 a`).click();
    await page.waitForURL((url) => url.pathname === "/collaboration");
    await page.reload();
    const timeline = page.locator("#phase-timeline");
    await timeline.waitFor();
    assert.match(await timeline.textContent(), new RegExp(note));
    assert.equal(await page.locator("#collab-phase").textContent(), "Goals agreed");
    // A decision in the notes.
    await page.locator("#note-kind").selectOption("DECISION");
    await page.locator("#note-text").fill("The city lends the premises until June");
    await page.getByRole("button", { name: "Add a note" }).click();
    await page.locator("#collab-notes", { hasText: "The city lends the premises until June" }).waitFor();
    await screenshot(page, "collaboration");
    const history = await graphql(page, `query($id: ID!) { collaboration(id: $id) { phase phaseHistory { phase note } notes { kind text } } }`, { id });
    const c = history.data.collaboration;
    assert.equal(c.phase, "GOALS_AGREED");
    assert.deepEqual(c.phaseHistory.at(-1), { phase: "GOALS_AGREED", note });
    assert.deepEqual(c.notes.at(-1), { kind: "DECISION", text: "The city lends the premises until June" });

    // Swedish, and a phone: the board scrolls by column inside its box.
    await page.goto(`/board?q=${encodeURIComponent(title)}`);
    await page.getByRole("button", { name: "SV", exact: true }).click();
    await page.locator("h1", { hasText: "Samarbetstavla" }).waitFor();
    await page.locator(`#card-${id}`).waitFor();
    await screenshot(page, "board-sv");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto("/board");
    await page.locator("#col-EVALUATED").waitFor();
    assert.ok((await sidewaysOverflow(page)) <= 0, "the board page fits a phone's width");
    const scrolls = await page.evaluate(() => {
      const b = document.getElementById("board");
      return { scroll: b.scrollWidth > b.clientWidth, snap: getComputedStyle(b).scrollSnapType };
    });
    assert.ok(scrolls.scroll && scrolls.snap.includes("x"), `the board scrolls sideways by column: ${JSON.stringify(scrolls)}`);
    await screenshot(page, "board-phone");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`/collaboration?id=${encodeURIComponent(id)}`);
    await page.locator("#phase-timeline").waitFor();
    assert.ok((await sidewaysOverflow(page)) <= 0, "the collaboration page fits a phone's width");
    await screenshot(page, "collaboration-phone");
    await page.close();
  });

  test("a coordinator opens an organisation from the map; the map downloads as PNG and SVG", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    await page.goto("/map");
    const map = page.locator("#ecosystem-map[data-layout-ms]");
    await map.waitFor();
    await page.locator("#sector-matrix").waitFor();
    const api = await graphql(page, "{ ecosystemGraph { nodes { organisation { id name } collaborations } edges { a } omitted } }");
    const g = api.data.ecosystemGraph;
    assert.equal(Number(await map.getAttribute("data-node-count")), g.nodes.length);
    assert.equal(Number(await map.getAttribute("data-edge-count")), g.edges.length);
    console.log(`map of the demo data: ${g.nodes.length} nodes, ${g.edges.length} edges laid out in ${await map.getAttribute("data-layout-ms")} ms`);
    await screenshot(page, "map");

    // The downloads: a PNG, and an SVG with a circle per organisation.
    const [png] = await Promise.all([page.waitForEvent("download"), page.locator("#map-png").click()]);
    assert.equal(png.suggestedFilename(), "tulkki-ecosystem.png");
    const [svg] = await Promise.all([page.waitForEvent("download"), page.locator("#map-svg").click()]);
    assert.equal(svg.suggestedFilename(), "tulkki-ecosystem.svg");
    const text = await streamText(await svg.createReadStream());
    assert.match(text, /^<\?xml/);
    assert.equal((text.match(/<circle /g) ?? []).length, g.nodes.length);

    // With the keyboard: the first organisation is the most connected; Enter opens its page.
    await map.focus();
    await page.keyboard.press("ArrowRight");
    const first = [...g.nodes].sort((a, b) => b.collaborations - a.collaborations || a.organisation.name.localeCompare(b.organisation.name))[0];
    await page.locator("#map-details", { hasText: first.organisation.name }).waitFor();
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => url.pathname === "/organisation");
    await page.locator("#org-name", { hasText: first.organisation.name }).waitFor();
    assert.equal(new URL(page.url()).searchParams.get("id"), first.organisation.id);

    // The organisation page: profile, people, collaborations, calls, bridges per other sector, pairings.
    await page.locator("#org-bridges .bridge").first().waitFor();
    assert.equal(await page.locator("#org-bridges .bridge").count(), 3, "a bridge for each other sector");
    await page.locator("#org-pairings[aria-labelledby]").waitFor();
    const org = await graphql(page, `query($id: ID!) { organisation(id: $id) { collaborations { role } openCalls { id } people(first: 100) { cursor } } }`, { id: first.organisation.id });
    const o = org.data.organisation;
    assert.equal(await page.locator("#org-collabs li").count(), o.collaborations.length);
    assert.equal(await page.locator("#org-calls li").count(), o.openCalls.length);
    assert.equal(await page.locator("#org-people li").count(), Math.min(20, o.people.length));
    if (o.people.length > 20) {
      await page.locator("#org-more-people").click();
      await page.waitForFunction((n) => document.querySelectorAll("#org-people li").length === n, Math.min(40, o.people.length));
    }
    await screenshot(page, "organisation");
    await page.getByRole("button", { name: "SV", exact: true }).click();
    await page.locator("#org-collabs-h", { hasText: "Samarbeten" }).waitFor();
    await screenshot(page, "organisation-sv");
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.setViewportSize({ width: 375, height: 800 });
    await page.locator("#org-name").waitFor();
    assert.ok((await sidewaysOverflow(page)) <= 0, "the organisation page fits a phone's width");
    await screenshot(page, "organisation-phone");

    await page.goto("/map");
    await page.locator("#ecosystem-map[data-layout-ms]").waitFor();
    assert.ok((await sidewaysOverflow(page)) <= 0, "the map fits a phone's width");
    await screenshot(page, "map-phone");
    await page.close();
  });

  test("the map lays out 300 organisations (measured, not asserted)", async () => {
    const page = await freshPage();
    await devSignIn(page, "person-kaija-nurminen", ["COORDINATOR"]);
    // 300 organisations in 12 clusters, about 2 edges each, in place of the API's answer.
    const sectors = ["PUBLIC", "PRIVATE", "THIRD", "ACADEMIA"];
    const nodes = Array.from({ length: 300 }, (_, i) => ({
      organisation: { id: `org-synthetic-${i}`, name: `Organisation ${i}` },
      sector: sectors[i % 4],
      collaborations: 1 + ((i * 7) % 23),
      betweenness: 0,
    }));
    const edges = [];
    for (let i = 1; i < 300; i++) {
      edges.push({ a: `org-synthetic-${i - 1 - ((i * 5) % Math.min(i, 25))}`, b: `org-synthetic-${i}`, weight: 1 + (i % 3), phase: "LAUNCHED" });
      if (i % 3 === 0) edges.push({ a: `org-synthetic-${(i * 37) % i}`, b: `org-synthetic-${i}`, weight: 1, phase: "LAUNCHED" });
    }
    const sectorMatrix = [];
    for (let a = 0; a < 4; a++) for (let b = a; b < 4; b++) sectorMatrix.push({ a: sectors[a], b: sectors[b], collaborations: 10 * (a + b), translators: a + b, organisationsA: 75, organisationsB: 75 });
    await page.route("**/graphql", async (route) => {
      const body = route.request().postDataJSON();
      if (!body?.query?.includes("query EcosystemMap")) return route.fallback();
      await route.fulfill({ json: { data: { ecosystemGraph: { nodes, edges, omitted: 0 }, ecosystem: { sectorMatrix } } } });
    });
    const started = Date.now();
    await page.goto("/map");
    const map = page.locator("#ecosystem-map[data-layout-ms]");
    await map.waitFor({ timeout: 60_000 });
    assert.equal(Number(await map.getAttribute("data-node-count")), 300);
    console.log(`map of 300 organisations and ${edges.length} edges: layout ${await map.getAttribute("data-layout-ms")} ms (fCoSE), drawn ${Date.now() - started} ms after navigation`);
    await screenshot(page, "map-300");
    await page.close();
  });

  test("no uncaught errors on the coordinator pages", () => {
    assert.deepEqual(browser.errors, []);
  });
});
