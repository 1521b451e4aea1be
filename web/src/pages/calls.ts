// Partnership calls: browse and filter the open needs and offers; a call
// opens to the organisations Tulkki suggests for it (with the score
// breakdown, an explanation and the people who know both sides) and the
// responses the reader may see. An editor publishes a call for an
// organisation they edit, and asks a translator for an introduction.

import { gql } from "../api";
import { introductionDialog } from "../components/introductionDialog";
import { scoreBars, type ScoreComponent } from "../components/scoreBars";
import { SECTORS, sectorChip, sectorName } from "../components/sectors";
import { sectorFilter } from "../components/sectorFilter";
import { topicName, topicPicker, type Topic } from "../components/topicPicker";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, fmtNumber, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, hasRole } from "../session";

interface Call {
  id: string;
  kind: string;
  title: string;
  description: string;
  closesAt: string;
  region: string | null;
  organisation: { id: string; name: string; sector: string };
  topics: Topic[];
  sectorsSought: string[];
}

interface Suggestion {
  organisation: { id: string; name: string; sector: string };
  score: number;
  breakdown: ScoreComponent[];
  explanation: string;
  translators: { score: number; person: { id: string; name: string } }[];
}

interface Detail {
  suggestedPartners: Suggestion[];
  responses: { status: string; message: string | null; organisation: { name: string } }[];
}

const CALLS = `query Calls($filter: PartnershipCallFilter) {
  partnershipCalls(filter: $filter, first: 50) {
    totalCount
    nodes { id kind title description closesAt region sectorsSought
            organisation { id name sector } topics { id name nameFi nameSv } }
  }
}`;

const DETAIL = `query CallDetail($id: ID!) {
  partnershipCall(id: $id) {
    suggestedPartners(first: 5) {
      organisation { id name sector } score explanation
      breakdown { name weight value contribution description }
      translators { score person { id name } }
    }
    responses { status message organisation { name } }
  }
}`;

const CREATE = `mutation CreateCall($in: CreatePartnershipCallInput!) { createPartnershipCall(input: $in) { id } }`;
const PUBLISH = `mutation PublishCall($id: ID!) { publishPartnershipCall(id: $id) { id status } }`;
/** The names of the organisations with these ids, in one request (aliases). */
async function orgNames(ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const vars: Record<string, string> = {};
  const fields = ids.map((id, i) => {
    vars[`o${i}`] = id;
    return `o${i}: organisation(id: $o${i}) { id name }`;
  });
  const query = `query OrgNames(${ids.map((_, i) => `$o${i}: ID!`).join(", ")}) { ${fields.join(" ")} }`;
  const data = await gql<Record<string, { id: string; name: string } | null>>(query, vars);
  for (const o of Object.values(data)) if (o) out.set(o.id, o.name);
  return out;
}

export const callsPage: Page = {
  path: "/calls",
  title: "calls.title",
  nav: "nav.calls",
  render(root, { params, navigate }) {
    const kind = h(
      "select",
      { id: "call-kind" },
      h("option", { value: "" }, t("calls.kindAny")),
      ["NEED", "OFFER"].map((k) => h("option", { value: k, selected: params.get("kind") === k }, t(`calls.kind.${k}` as MessageKey))),
    );
    const sector = h(
      "select",
      { id: "call-sector" },
      h("option", { value: "" }, t("calls.sectorAny")),
      SECTORS.map((s) => h("option", { value: s, selected: params.get("sector") === s }, sectorName(s))),
    );
    const filter = h(
      "form",
      {
        class: "card search-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          const q = new URLSearchParams();
          if (kind.value) q.set("kind", kind.value);
          if (sector.value) q.set("sector", sector.value);
          navigate(`/calls?${q}`, true);
        },
      },
      h(
        "div",
        { class: "two-cols" },
        h("div", { class: "field" }, h("label", { for: "call-kind" }, t("calls.kind")), kind),
        h("div", { class: "field" }, h("label", { for: "call-sector" }, t("calls.sector")), sector),
      ),
      h("button", { type: "submit", class: "primary" }, t("calls.filter")),
    );
    const results = h("section", { class: "results", "aria-labelledby": "calls-heading", "aria-busy": "false" });
    root.append(h("p", { class: "lead" }, t("calls.intro")), filter, results);
    if (hasRole("ORG_EDITOR") || hasRole("ADMIN")) root.append(publishForm(navigate));
    void load();

    async function load(): Promise<void> {
      results.setAttribute("aria-busy", "true");
      results.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const f: Record<string, string> = { status: "OPEN" };
        if (params.get("kind")) f.kind = params.get("kind") as string;
        if (params.get("sector")) f.sector = params.get("sector") as string;
        const data = await gql<{ partnershipCalls: { totalCount: number; nodes: Call[] } }>(CALLS, { filter: f });
        const calls = data.partnershipCalls.nodes;
        const heading = h("h2", { id: "calls-heading" }, t("calls.results", { n: data.partnershipCalls.totalCount }));
        announce(t("calls.results", { n: data.partnershipCalls.totalCount }));
        if (!calls.length) {
          results.replaceChildren(heading, h("p", {}, t("calls.none")));
          return;
        }
        results.replaceChildren(heading, h("ul", { class: "calls" }, calls.map((c) => callCard(c, params.get("call") === c.id))));
      } catch (err) {
        results.replaceChildren(errorBox(err));
      } finally {
        results.setAttribute("aria-busy", "false");
      }
    }
  },
};

function callCard(c: Call, openNow: boolean): HTMLElement {
  const detail = h("div", { class: "call-detail" });
  const toggle = h(
    "button",
    {
      type: "button",
      class: "secondary",
      "aria-expanded": "false",
      onclick: () => {
        const open = toggle.getAttribute("aria-expanded") === "true";
        toggle.setAttribute("aria-expanded", String(!open));
        if (open) detail.replaceChildren();
        else void loadDetail(c, detail);
      },
    },
    t("calls.open"),
  );
  const item = h(
    "li",
    { class: "card call", dataset: { callId: c.id } },
    h("h3", {}, c.title),
    h(
      "p",
      { class: "chips" },
      h("span", { class: "chip" }, t(`calls.kind.${c.kind}` as MessageKey)),
      sectorChip(c.organisation.sector),
      c.topics.map((tp) => h("span", { class: "chip plain" }, topicName(tp))),
    ),
    h("p", { class: "muted" }, t("calls.by", { name: c.organisation.name }), " · ", t("calls.closes", { date: fmtDate(c.closesAt.slice(0, 10)) })),
    c.description ? h("p", {}, c.description) : null,
    toggle,
    detail,
  );
  if (openNow) toggle.click();
  return item;
}

async function loadDetail(c: Call, out: HTMLElement): Promise<void> {
  out.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
  try {
    const data = await gql<{ partnershipCall: Detail }>(DETAIL, { id: c.id });
    const d = data.partnershipCall;
    const editor = currentSession();
    // Introductions are asked on behalf of an organisation the reader
    // edits: the call's publisher when they edit it, else their first.
    const fromOrg = editor && hasRole("ORG_EDITOR") ? (editor.orgs.includes(c.organisation.id) ? c.organisation.id : editor.orgs[0]) : null;
    out.replaceChildren(
      h("h4", {}, t("calls.suggestions")),
      d.suggestedPartners.length
        ? h(
            "ol",
            { class: "suggestions" },
            d.suggestedPartners.map((s) =>
              h(
                "li",
                { class: "suggestion", dataset: { orgId: s.organisation.id } },
                h("p", {}, h("strong", {}, s.organisation.name), " ", sectorChip(s.organisation.sector), " ", h("span", { class: "score" }, fmtNumber(s.score, 2))),
                h("p", {}, s.explanation),
                scoreBars(s.breakdown, { combine: "product" }),
                s.translators.length
                  ? h(
                      "div",
                      { class: "translators" },
                      h("p", {}, t("calls.translators")),
                      h(
                        "ul",
                        {},
                        s.translators.map((tr) =>
                          h(
                            "li",
                            {},
                            h("a", { href: `/translators?a=${encodeURIComponent(c.organisation.id)}&b=${encodeURIComponent(s.organisation.id)}` }, tr.person.name),
                            ` (${fmtNumber(tr.score, 2)}) `,
                            fromOrg && fromOrg !== s.organisation.id
                              ? h(
                                  "button",
                                  {
                                    type: "button",
                                    class: "small ask-intro",
                                    onclick: () =>
                                      introductionDialog({
                                        translator: tr.person,
                                        fromOrganisationId: fromOrg,
                                        fromName: fromOrg === c.organisation.id ? c.organisation.name : fromOrg,
                                        to: s.organisation,
                                        callId: c.id,
                                      }),
                                  },
                                  t("intro.ask", { name: tr.person.name }),
                                )
                              : null,
                          ),
                        ),
                      ),
                    )
                  : h("p", { class: "muted" }, t("calls.noTranslators")),
              ),
            ),
          )
        : h("p", {}, t("calls.noSuggestions")),
      h("h4", {}, t("calls.responses")),
      d.responses.length
        ? h("ul", {}, d.responses.map((r) => h("li", {}, h("strong", {}, r.organisation.name), ` (${t(`calls.response.${r.status}` as MessageKey)})`, r.message ? ` — ${r.message}` : "")))
        : h("p", { class: "muted" }, t("calls.noResponses")),
    );
  } catch (err) {
    out.replaceChildren(errorBox(err));
  }
}

function publishForm(navigate: (to: string, replace?: boolean) => void): HTMLElement {
  const s = currentSession();
  const orgs = s?.orgs ?? [];
  const org = h("select", { id: "new-call-org", required: true }, orgs.map((id) => h("option", { value: id }, id)));
  void orgNames(orgs)
    .then((names) => {
      for (const opt of Array.from(org.options)) opt.textContent = names.get(opt.value) ?? opt.value;
    })
    .catch(() => undefined);
  const title = h("input", { id: "new-call-title", required: true, maxlength: 200 });
  const kind = h("select", { id: "new-call-kind" }, ["NEED", "OFFER"].map((k) => h("option", { value: k }, t(`calls.kind.${k}` as MessageKey))));
  const description = h("textarea", { id: "new-call-description", rows: 3, maxlength: 5000 });
  const topic = topicPicker({ id: "new-call-topic", label: t("calls.topic"), emptyLabel: t("calls.chooseTopic"), required: true });
  const sectors = sectorFilter({ idPrefix: "new-call-sector", legend: t("calls.sectorsSought"), checked: [] });
  const closes = h("input", { id: "new-call-closes", type: "date", required: true });
  const inAMonth = new Date(Date.now() + 30 * 24 * 3600 * 1000);
  closes.value = inAMonth.toISOString().slice(0, 10);
  const out = h("div", { role: "status" });
  return h(
    "form",
    {
      class: "card publish-call",
      "aria-labelledby": "publish-heading",
      onsubmit: async (e: Event) => {
        e.preventDefault();
        out.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
        try {
          const created = await gql<{ createPartnershipCall: { id: string } }>(CREATE, {
            in: {
              organisationId: org.value, kind: kind.value, title: title.value, description: description.value,
              topicIds: topic.value() ? [topic.value()] : [], sectorsSought: sectors.value(),
              closesAt: new Date(`${closes.value}T21:00:00Z`).toISOString(),
            },
          });
          await gql(PUBLISH, { id: created.createPartnershipCall.id });
          announce(t("calls.published"));
          navigate(`/calls?call=${encodeURIComponent(created.createPartnershipCall.id)}`);
        } catch (err) {
          out.replaceChildren(errorBox(err));
        }
      },
    },
    h("h2", { id: "publish-heading" }, t("calls.publish")),
    h("p", { class: "hint" }, t("calls.publishHint")),
    h(
      "div",
      { class: "two-cols" },
      h("div", { class: "field" }, h("label", { for: "new-call-org" }, t("calls.organisation")), org),
      h("div", { class: "field" }, h("label", { for: "new-call-kind" }, t("calls.kind")), kind),
    ),
    h("div", { class: "field" }, h("label", { for: "new-call-title" }, t("calls.callTitle")), title),
    h("div", { class: "field" }, h("label", { for: "new-call-description" }, t("calls.description")), description),
    topic.element,
    sectors.element,
    h("div", { class: "field" }, h("label", { for: "new-call-closes" }, t("calls.closesAt")), closes),
    h("button", { type: "submit", class: "primary" }, t("calls.publish")),
    out,
  );
}
