// Browser tests of issue 14: an editor browses the partnership calls, sees
// the partners Tulkki suggests for one and asks a translator for an
// introduction; the translator accepts in their inbox, then the other
// organisation's editor does, and both sides see the contact details.
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

/** A new tab signed in as personId with roles, editing orgs ([text, name] pairs). */
async function signInAs(personId, roles, orgs = []) {
  const page = await newTab(browser);
  page.on("dialog", (d) => void d.accept()); // the confirmations of accept and decline
  await devSignIn(page, personId, roles, { orgs });
  return page;
}

/** The newest inbox item of kind about the introduction between from and to. */
function inboxItem(page, kind, from, to) {
  return page.locator(`li.inbox-item[data-kind="${kind}"]`, { hasText: `${from} → ${to}` }).first();
}

describe("partnership calls and introductions", () => {
  test("publish-side: browse calls, see suggestions, ask for an introduction; both sides accept and see contacts", async () => {
    // The requester: an editor of Vertaisvoima ry, whose open call seeks a digital partner.
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    await sanna.getByRole("navigation").getByRole("link", { name: "Partnership calls" }).click();
    await sanna.waitForURL("**/calls");
    const call = sanna.locator("li.call", { hasText: "A digital partner for remote peer-support groups" });
    await call.waitFor();
    await screenshot(sanna, "calls");
    await call.getByRole("button", { name: "Show suggested partners" }).click();
    const terveysvirta = call.locator('li.suggestion[data-org-id="org-terveysvirta"]');
    await terveysvirta.waitFor();
    assert.ok((await terveysvirta.locator(".score-bars li").count()) >= 5, "the five factors are drawn");
    assert.match(await terveysvirta.textContent(), /Mikko Laaksonen/);
    await screenshot(sanna, "call-suggestions");

    await terveysvirta.getByRole("button", { name: "Ask Mikko Laaksonen for an introduction" }).click();
    const dialog = sanna.getByRole("dialog", { name: "Ask for an introduction" });
    await dialog.waitFor();
    await dialog.getByLabel("Message").fill("Could you introduce us to Terveysvirta about the remote groups?");
    await screenshot(sanna, "introduction-dialog");
    await dialog.getByRole("button", { name: "Send the request" }).click();
    // Sent; or, when a run stopped half-way left the same request open
    // (one open request per organisation, translator and organisation),
    // refused as such, and the open one is answered below.
    await dialog.getByText(/Request sent to Mikko Laaksonen\.|already waiting for an answer/).first().waitFor();
    await dialog.getByRole("button", { name: "Cancel" }).click();

    // The translator accepts in their inbox.
    const mikko = await signInAs("person-mikko-laaksonen", ["PROFESSIONAL"]);
    await mikko.goto("/inbox");
    const asked = inboxItem(mikko, "INTRODUCTION_REQUESTED", "Vertaisvoima ry", "Terveysvirta Oy");
    await asked.waitFor().catch(async (err) => {
      await screenshot(mikko, "inbox-translator-failed");
      throw err;
    });
    await screenshot(mikko, "inbox-translator");
    await asked.getByRole("button", { name: "Accept" }).click();
    await inboxItem(mikko, "INTRODUCTION_REQUESTED", "Vertaisvoima ry", "Terveysvirta Oy").getByText("accepted by the translator").first().waitFor();

    // The other organisation's editor accepts: connected, and they see the requester's details.
    const juha = await signInAs("person-juha-heikkinen", ["PROFESSIONAL", "ORG_EDITOR"], [["Terveysvirta", "Terveysvirta Oy"]]);
    await juha.goto("/inbox");
    const turn = inboxItem(juha, "INTRODUCTION_TO_ANSWER", "Vertaisvoima ry", "Terveysvirta Oy");
    await turn.waitFor();
    await turn.getByRole("button", { name: "Accept" }).click();
    const connected = inboxItem(juha, "INTRODUCTION_TO_ANSWER", "Vertaisvoima ry", "Terveysvirta Oy");
    await connected.locator(".contacts").getByText("sanna.korhonen@mail.example").waitFor();
    await screenshot(juha, "inbox-connected");

    // A collaboration is started from the introduction: PARTNERS_MAPPED,
    // introduced by the translator.
    await connected.locator("summary", { hasText: "Start a collaboration" }).click();
    await connected.getByLabel("Title of the collaboration").fill("Remote peer-support groups pilot");
    await connected.getByRole("button", { name: "Start a collaboration" }).click();
    await connected.getByRole("link", { name: "Remote peer-support groups pilot" }).click();
    await juha.waitForURL(/\/collaboration\?id=/);
    await juha.locator(".phase", { hasText: "Partners mapped" }).waitFor();
    await juha.locator(".introduced-by", { hasText: "Introduced by Mikko Laaksonen" }).waitFor();
    await screenshot(juha, "collaboration-started");
    const collaborationId = new URL(juha.url()).searchParams.get("id");

    // The requester sees the translator's and the accepting editor's details.
    await sanna.goto("/inbox");
    const done = inboxItem(sanna, "INTRODUCTION_CONNECTED", "Vertaisvoima ry", "Terveysvirta Oy");
    await done.waitFor();
    const contacts = await done.locator(".contacts").textContent();
    assert.match(contacts, /mikko\.laaksonen@mail\.example/);
    assert.match(contacts, /juha\.heikkinen@mail\.example/);
    assert.match(await done.locator(".timeline").textContent(), /asked[\s\S]*accepted by the translator[\s\S]*connected/);
    await screenshot(sanna, "inbox-requester");

    // Phone-readable: nothing runs off the side on a narrow screen.
    await sanna.setViewportSize({ width: 390, height: 844 });
    assert.ok((await sidewaysOverflow(sanna)) <= 0, "no sideways scrolling on a phone");
    await screenshot(sanna, "inbox-phone");

    // Clean-up, so that the test runs again on the same database: the two
    // now collaborate on the call's topics, which takes Terveysvirta off
    // the call's suggestions (as it should); Terveysvirta leaves the pilot.
    const removed = await juha.evaluate(async (id) => {
      const { token } = JSON.parse(sessionStorage.getItem("tulkki.session"));
      const res = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: "mutation($c: ID!, $o: ID!) { removePartner(collaborationId: $c, organisationId: $o) { id } }",
          variables: { c: id, o: "org-terveysvirta" },
        }),
      });
      return (await res.json()).errors ?? null;
    }, collaborationId);
    assert.equal(removed, null);
    for (const p of [sanna, mikko, juha]) await p.close();
  });

  test("two partners evaluate a collaboration and the aggregate shows their disagreement", async () => {
    const url = "/collaboration?id=collab-peer-support-nationwide-rollout";
    const evaluate = async (page, org, goals, coop) => {
      await page.goto(url);
      await page.locator("#collab-heading").waitFor();
      const form = page.getByRole("form", { name: `Evaluation by ${org}` });
      await form.waitFor().catch(async (err) => {
        await screenshot(page, "evaluation-failed");
        throw err;
      });
      await form.getByLabel("Goals met (1–5)").selectOption(String(goals));
      await form.getByLabel("Cooperation (1–5)").selectOption(String(coop));
      await form.getByRole("button", { name: "Record the evaluation" }).click();
    };
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    await evaluate(sanna, "Vertaisvoima ry", 5, 5);
    await sanna.locator(".evaluation", { hasText: "Not evaluated yet" }).waitFor();
    const riikka = await signInAs("person-riikka-hamalainen", ["PROFESSIONAL", "ORG_EDITOR"], [["Harvi", "Harvi – harvinaissairaiden liitto ry"]]);
    await evaluate(riikka, "Harvi – harvinaissairaiden liitto ry", 2, 3);
    await riikka.getByRole("note").filter({ hasText: "The partners disagree" }).waitFor();
    await riikka.locator(".phase", { hasText: "Evaluated" }).waitFor();
    assert.equal(await riikka.locator("table.answers tbody tr").count(), 2, "each partner's answers, for a partner's editor");
    await screenshot(riikka, "evaluation");
    // Someone who is not a partner sees the aggregate, not the answers.
    const outsider = await newTab(browser);
    await outsider.goto(url);
    await outsider.getByRole("note").filter({ hasText: "The partners disagree" }).waitFor();
    assert.equal(await outsider.locator("table.answers").count(), 0);
    for (const p of [sanna, riikka, outsider]) await p.close();
  });

  test("an invitation to contribute waits in the person's inbox until they join", async () => {
    const collaboration = "collab-peer-support-nationwide-rollout";
    // A newcomer of this run (so that the test runs again on the same database) with a profile.
    const inviteeId = `person-e2e-invitee-${Date.now()}`;
    const invitee = await signInAs(inviteeId, ["PROFESSIONAL"]);
    const created = await graphql(invitee, `mutation { createPerson(input: { name: "Eeva Kutsuttu", visibility: MEMBERS }) { id } }`);
    assert.equal(created.errors, undefined);
    // An editor of a partner adds them: an invitation, not a contribution yet.
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    const invited = await graphql(
      sanna,
      `mutation($c: ID!, $p: ID!) { addContributor(collaborationId: $c, personId: $p, role: EXPERT) { contributors { person { id } } invitations { person { id } } } }`,
      { c: collaboration, p: inviteeId },
    );
    assert.equal(invited.errors, undefined);
    const ids = (list) => list.map((k) => k.person?.id);
    assert.ok(!ids(invited.data.addContributor.contributors).includes(inviteeId), "not a contributor before accepting");
    assert.ok(ids(invited.data.addContributor.invitations).includes(inviteeId), "invited");

    await invitee.goto("/inbox");
    const item = invitee.locator('li.inbox-item[data-kind="CONTRIBUTOR_INVITED"]', { hasText: "Nationwide rollout of hospital peer support" });
    await item.getByRole("button", { name: "Join" }).waitFor();
    await screenshot(invitee, "inbox-invitation");
    await invitee.setViewportSize({ width: 375, height: 812 });
    assert.ok((await sidewaysOverflow(invitee)) <= 0, "no sideways scrolling on a phone");
    await item.getByRole("button", { name: "Join" }).focus();
    await invitee.keyboard.press("Enter"); // confirmed by the dialog handler of signInAs
    await invitee.getByText("You joined the collaboration.").first().waitFor({ state: "attached" });
    await item.getByRole("button", { name: "Join" }).waitFor({ state: "detached" });
    await screenshot(invitee, "inbox-invitation-joined");
    const after = await graphql(invitee, `query($c: ID!) { collaboration(id: $c) { contributors { role person { id } } } }`, { c: collaboration });
    assert.ok(
      after.data.collaboration.contributors.some((k) => k.person?.id === inviteeId && k.role === "EXPERT"),
      "a contributor once they joined",
    );
    // Clean-up: the newcomer erases their data (their contribution stays, anonymous).
    const erased = await graphql(invitee, `mutation { deleteMyData(confirm: true) { erasedAt } }`);
    assert.equal(erased.errors, undefined);
    for (const p of [invitee, sanna]) await p.close();
  });

  test("the calls and inbox pages speak Finnish and Swedish", async () => {
    const page = await newTab(browser);
    await page.goto("/calls");
    await page.getByRole("button", { name: "FI", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Kumppanihaut" }).waitFor();
    await page.locator("li.call").first().getByRole("button", { name: "Näytä ehdotetut kumppanit" }).waitFor();
    await screenshot(page, "calls-fi");
    await page.getByRole("button", { name: "SV", exact: true }).click();
    assert.equal(await page.locator("html").getAttribute("lang"), "sv");
    await page.getByRole("heading", { level: 1, name: "Partnerskapsutlysningar" }).waitFor();
    await page.locator("li.call").first().getByRole("button", { name: "Visa föreslagna partner" }).waitFor();
    await screenshot(page, "calls-sv");
    await page.getByRole("navigation").getByRole("link", { name: "Inkorg" }).click();
    await page.getByText("Logga in för att se din inkorg.").waitFor();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.close();
  });
});
