// Browser tests of issue 14: an editor browses the partnership calls, sees
// the partners Tulkki suggests for one and asks a translator for an
// introduction; the translator accepts in their inbox, then the other
// organisation's editor does, and both sides see the contact details. An
// editor publishes a call, another organisation's editor answers it and
// the publisher accepts the answer. Editors ask for introductions from the
// translator cards of Find a translator and Unusual pairings; a busy
// translator is shown as busy.
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
    // The dialog sits in the middle of the window, not pinned to a corner.
    const box = await dialog.boundingBox();
    const width = sanna.viewportSize().width;
    assert.ok(Math.abs(box.x + box.width / 2 - width / 2) < 2, `the dialog is centred (${box.x}+${box.width} in ${width})`);
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

  test("an editor publishes a call, another organisation answers it, the publisher accepts, starts a collaboration and marks the call filled", async () => {
    const title = `Volunteers for peer-support training ${Date.now()}`;
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    await sanna.goto("/calls");
    const form = sanna.getByRole("form", { name: "Publish a call" });
    await form.getByLabel("Title").fill(title);
    await form.getByLabel("Description").fill("We train peer-support volunteers and look for a partner to co-design the course.");
    await sanna.locator("#new-call-topic:not([disabled])").selectOption("topic-peer-support");
    await form.getByRole("button", { name: "Publish a call" }).click();
    await sanna.waitForURL(/\/calls\?call=/);
    const callId = new URL(sanna.url()).searchParams.get("call");
    const mine = sanna.locator(`li.call[data-call-id="${callId}"]`);
    await mine.locator("h4", { hasText: "Suggested partners" }).waitFor();
    // The publisher does not answer its own call.
    assert.equal(await mine.locator("form.respond-call").count(), 0);

    // An editor of Harvi expresses interest from the call's page.
    const riikka = await signInAs("person-riikka-hamalainen", ["PROFESSIONAL", "ORG_EDITOR"], [["Harvi", "Harvi – harvinaissairaiden liitto ry"]]);
    await riikka.goto(`/calls?call=${encodeURIComponent(callId)}`);
    const theirs = riikka.locator(`li.call[data-call-id="${callId}"]`);
    const respond = theirs.getByRole("form", { name: "Interested?" });
    await respond.getByLabel("On behalf of").locator("option", { hasText: "Harvi" }).waitFor({ state: "attached" });
    await respond.getByLabel("Message to the publisher").fill("Our peer supporters for rare-disease families would join the course.");
    await screenshot(riikka, "call-respond");
    await respond.getByRole("button", { name: "Send an expression of interest" }).click();
    await theirs.locator('li.response[data-org-id="org-harvi-association"][data-status="PENDING"]').waitFor();
    await theirs.getByText("Your organisation has answered this call.").waitFor();

    // The publisher sees the response and accepts it (confirmed).
    await sanna.goto(`/calls?call=${encodeURIComponent(callId)}`);
    const response = mine.locator('li.response[data-org-id="org-harvi-association"]');
    await response.getByText("Our peer supporters for rare-disease families").waitFor();
    await screenshot(sanna, "call-responses");
    await response.getByRole("button", { name: "Accept the response of Harvi – harvinaissairaiden liitto ry" }).click();
    await mine.locator('li.response[data-org-id="org-harvi-association"][data-status="ACCEPTED"]').waitFor();
    assert.equal(await mine.locator('li.response[data-org-id="org-harvi-association"] button').count(), 0, "a decided response has no buttons");
    await screenshot(sanna, "call-response-accepted");
    await sanna.setViewportSize({ width: 375, height: 812 });
    assert.ok((await sidewaysOverflow(sanna)) <= 0, "the call with its responses fits a phone");

    // The responder sees the decision.
    await riikka.reload();
    await theirs.locator('li.response[data-org-id="org-harvi-association"]', { hasText: "accepted" }).waitFor();

    // The publisher starts a collaboration with the accepted organisation,
    // then marks the call filled (confirmed).
    await sanna.setViewportSize({ width: 1280, height: 900 });
    const manage = mine.getByRole("region", { name: "Manage the call" });
    await manage.locator("summary", { hasText: "Start a collaboration" }).click();
    await manage.getByLabel("Title of the collaboration").fill(`Peer-support course ${Date.now()}`);
    await manage.getByRole("button", { name: "Start a collaboration" }).click();
    const started = manage.locator(".alert.success a");
    await started.waitFor();
    const collaborationHref = await started.getAttribute("href");
    await manage.getByRole("button", { name: "Mark the call filled" }).click();
    await mine.locator(".call-status", { hasText: "The call is filled" }).waitFor();
    await screenshot(sanna, "call-filled");
    await sanna.goto(collaborationHref);
    await sanna.locator(".phase", { hasText: "Partners mapped" }).waitFor();
    await sanna.getByText("Started from the partnership call").waitFor();
    assert.match(await sanna.locator("main").textContent(), /Harvi – harvinaissairaiden liitto ry/);
    // A filled call is no longer among the open ones.
    await sanna.goto("/calls");
    await sanna.locator("#calls-heading").waitFor();
    assert.equal(await sanna.locator(`li.call[data-call-id="${callId}"]`).count(), 0);

    // Clean-up, so that repeated runs leave the network as it was: Harvi
    // leaves the new collaboration.
    const removed = await graphql(sanna, "mutation($c: ID!, $o: ID!) { removePartner(collaborationId: $c, organisationId: $o) { id } }", {
      c: new URL(collaborationHref, "http://x").searchParams.get("id"),
      o: "org-harvi-association",
    });
    assert.equal(removed.errors, undefined, JSON.stringify(removed.errors));
    for (const p of [sanna, riikka]) await p.close();
  });

  test("editors ask for introductions from translator cards; a busy translator is shown as busy", async () => {
    const admin = await signInAs("person-heikki-kallio", ["PROFESSIONAL", "ADMIN"]);
    const outi = await signInAs("person-outi-mattila", ["PROFESSIONAL"]);
    // Withdraws every request still waiting for Outi Mattila (a run that
    // stopped half-way may have left some), read from her inbox.
    const withdrawOpen = async () => {
      const inbox = await graphql(outi, "{ me { inbox(first: 100) { nodes { introduction { id status } } } } }");
      const open = new Set();
      for (const n of inbox.data.me.inbox.nodes) if (n.introduction?.status === "REQUESTED") open.add(n.introduction.id);
      for (const id of open) {
        const res = await graphql(admin, "mutation($id: ID!) { withdrawIntroduction(id: $id) { status } }", { id });
        assert.equal(res.data?.withdrawIntroduction.status, "WITHDRAWN", JSON.stringify(res.errors));
      }
    };
    await withdrawOpen();

    // On Find a translator, an editor of one side asks.
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    await sanna.goto("/translators?a=org-pohjoinen-university&b=org-vertaisvoima");
    const card = sanna.locator('li.match[data-person-id="person-outi-mattila"]');
    await card.waitFor();
    await card.getByRole("button", { name: "Ask Outi Mattila for an introduction" }).click();
    const dialog = sanna.getByRole("dialog", { name: "Ask for an introduction" });
    // Asked on behalf of the organisation the editor edits.
    await dialog.getByText("Outi Mattila knows both Vertaisvoima ry and Pohjoisen tiedeyliopisto").waitFor();
    await dialog.getByLabel("Message").fill("Could you introduce us to the university's social work researchers?");
    await screenshot(sanna, "translator-ask");
    await dialog.getByRole("button", { name: "Send the request" }).click();
    await dialog.getByText("Request sent to Outi Mattila.").waitFor();
    await sanna.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });

    // Someone who edits neither side (here: nobody signed in) is not offered it.
    const visitor = await newTab(browser);
    await visitor.goto("/translators?a=org-pohjoinen-university&b=org-vertaisvoima");
    await visitor.locator('li.match[data-person-id="person-outi-mattila"]').waitFor();
    assert.equal(await visitor.locator("button.ask-intro").count(), 0);

    // A facilitator fills her queue: five open requests make her busy.
    const facilitator = await signInAs("person-anneli-forsman", ["PROFESSIONAL", "FACILITATOR"]);
    for (const to of ["org-terveysvirta", "org-kaarnala-city-welfare", "org-kide-software", "org-rannikko-university"]) {
      const res = await graphql(
        facilitator,
        "mutation($in: RequestIntroductionInput!) { requestIntroduction(input: $in) { status translator { busy } } }",
        { in: { translatorId: "person-outi-mattila", fromOrganisationId: "org-vertaisvoima", toOrganisationId: to } },
      );
      assert.equal(res.data?.requestIntroduction.status, "REQUESTED", JSON.stringify(res.errors));
    }

    // On Unusual pairings she is now busy; the other translator can still be asked.
    await sanna.goto("/pairings?for=org-vertaisvoima");
    const pair = sanna.locator('li.pairing[data-orgs="org-vertaisvoima org-pohjoinen-university"]');
    await pair.waitFor();
    const outiRow = pair.locator(".pair-translators li", { hasText: "Outi Mattila" });
    await outiRow.locator(".chip.busy", { hasText: "Busy" }).waitFor();
    assert.equal(await outiRow.locator("button.ask-intro").count(), 0, "a busy translator cannot be asked");
    await pair.getByRole("button", { name: "Ask Mikko Laaksonen for an introduction" }).click();
    await sanna.getByRole("dialog", { name: "Ask for an introduction" }).waitFor();
    await screenshot(sanna, "pairings-ask");
    await sanna.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await sanna.setViewportSize({ width: 375, height: 812 });
    assert.ok((await sidewaysOverflow(sanna)) <= 0, "the pairing cards fit a phone");
    await screenshot(sanna, "pairings-busy-phone");

    await withdrawOpen();
    for (const p of [admin, outi, sanna, visitor, facilitator]) await p.close();
  });

  test("the calls page reads 20 calls at a time and shows more on request", async () => {
    const sanna = await signInAs("person-sanna-korhonen", ["PROFESSIONAL", "ORG_EDITOR"], [["Vertaisvoima", "Vertaisvoima ry"]]);
    // Enough open calls for a second page, whatever else the database holds.
    const stamp = Date.now();
    const ids = [];
    for (let i = 0; i < 21; i++) {
      const closesAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
      const res = await graphql(sanna, "mutation($in: CreatePartnershipCallInput!) { createPartnershipCall(input: $in) { id } }", {
        in: { organisationId: "org-vertaisvoima", kind: "OFFER", title: `Paging ${stamp} ${String(i).padStart(2, "0")}`, topicIds: ["topic-peer-support"], closesAt },
      });
      const id = res.data?.createPartnershipCall.id;
      assert.ok(id, JSON.stringify(res.errors));
      await graphql(sanna, "mutation($id: ID!) { publishPartnershipCall(id: $id) { id } }", { id });
      ids.push(id);
    }
    try {
      await sanna.goto("/calls");
      const heading = sanna.locator("#calls-heading");
      await heading.waitFor();
      const total = Number((await heading.textContent()).replace(/\D/g, ""));
      assert.ok(total >= 21, `${total} open calls`);
      assert.equal(await sanna.locator("li.call").count(), 20, "the first page");
      const more = sanna.getByRole("button", { name: "Show more calls" });
      while (await more.count()) {
        const before = await sanna.locator("li.call").count();
        await more.click();
        await sanna.waitForFunction((n) => document.querySelectorAll("li.call").length > n, before);
      }
      assert.equal(await sanna.locator("li.call").count(), total, "every open call, once");
      assert.equal(new Set(await sanna.locator("li.call").evaluateAll((els) => els.map((e) => e.dataset.callId))).size, total);
      // The viewport only: the shared test database may hold hundreds of open calls.
      await screenshot(sanna, "calls-more", { fullPage: false });
    } finally {
      for (const id of ids) await graphql(sanna, "mutation($id: ID!) { closePartnershipCall(id: $id) { id } }", { id });
      await sanna.close();
    }
  });

  test("the inbox reads 20 notices at a time and shows older ones on request", async () => {
    // Twenty-two notices for Outi Mattila: eleven requests, each withdrawn.
    const facilitator = await signInAs("person-anneli-forsman", ["PROFESSIONAL", "FACILITATOR"]);
    for (let i = 0; i < 11; i++) {
      const req = await graphql(facilitator, "mutation($in: RequestIntroductionInput!) { requestIntroduction(input: $in) { id } }", {
        in: { translatorId: "person-outi-mattila", fromOrganisationId: "org-kide-software", toOrganisationId: "org-rannikko-university" },
      });
      assert.ok(req.data?.requestIntroduction.id, JSON.stringify(req.errors));
      const w = await graphql(facilitator, "mutation($id: ID!) { withdrawIntroduction(id: $id) { status } }", { id: req.data.requestIntroduction.id });
      assert.equal(w.data?.withdrawIntroduction.status, "WITHDRAWN", JSON.stringify(w.errors));
    }
    const outi = await signInAs("person-outi-mattila", ["PROFESSIONAL"]);
    const total = (await graphql(outi, "{ me { inbox(first: 1) { totalCount } } }")).data.me.inbox.totalCount;
    assert.ok(total >= 22, `${total} notices`);
    await outi.goto("/inbox");
    await outi.locator("li.inbox-item").first().waitFor();
    assert.equal(await outi.locator("li.inbox-item").count(), 20, "the newest 20");
    await outi.getByRole("button", { name: "Show older notices" }).click();
    await outi.waitForFunction((n) => document.querySelectorAll("li.inbox-item").length === n, Math.min(total, 40));
    // Focus moves to the first of the older notices.
    assert.equal(await outi.evaluate(() => document.activeElement?.closest("li.inbox-item") === document.querySelectorAll("li.inbox-item")[20]), true);
    assert.equal(await outi.getByRole("button", { name: "Show older notices" }).count(), total > 40 ? 1 : 0);
    await screenshot(outi, "inbox-more");
    for (const p of [facilitator, outi]) await p.close();
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
    const first = page.locator("li.call").first();
    await first.getByRole("button", { name: "Visa föreslagna partner" }).click();
    await first.locator("h4", { hasText: "Föreslagna partner" }).waitFor();
    await first.locator("h4", { hasText: "Svar" }).waitFor();
    // The call's factors have Swedish names too.
    await first.locator(".score-bars .bar-label", { hasText: "Ämnenas relevans" }).first().waitFor();
    await screenshot(page, "calls-sv");
    await page.getByRole("navigation").getByRole("link", { name: "Inkorg" }).click();
    await page.getByText("Logga in för att se din inkorg.").waitFor();
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.close();
  });
});
