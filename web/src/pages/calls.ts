// Partnership calls: browse and filter the open needs and offers; a call
// opens to the organisations Tulkki suggests for it (with the score
// breakdown, an explanation and the people who know both sides) and the
// responses the reader may see. An editor publishes a call for an
// organisation they edit, and asks a translator for an introduction.

import { gql } from "../api";
import { askIntroductionButton, type AskableTranslator } from "../components/introductionDialog";
import { startCollaborationForm } from "../components/startCollaboration";
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
  translators: { score: number; person: AskableTranslator }[];
}

interface Response {
  id: string;
  status: string;
  message: string | null;
  createdAt: string;
  organisation: { id: string; name: string };
}

interface Detail {
  status: string;
  suggestedPartners: Suggestion[];
  responses: Response[];
}

/** Calls per page; "Show more" reads the next page after the last cursor. */
const PAGE = 20;

const CALL_FIELDS = `id kind title description closesAt region sectorsSought organisation { id name sector } topics { id name nameFi nameSv }`;

const CALLS = `query Calls($filter: PartnershipCallFilter, $first: Int, $after: String) {
  partnershipCalls(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${CALL_FIELDS} }
  }
}`;

/** One call, for a link (?call=) to a call that is not on the first page. */
const ONE_CALL = `query OneCall($id: ID!) { partnershipCall(id: $id) { ${CALL_FIELDS} } }`;

const DETAIL = `query CallDetail($id: ID!) {
  partnershipCall(id: $id) {
    status
    suggestedPartners(first: 5) {
      organisation { id name sector } score explanation
      breakdown { name weight value contribution description }
      translators { score person { id name openToBridging busy } }
    }
    responses { id status message createdAt organisation { id name } }
  }
}`;

const RESPOND = `mutation RespondToCall($c: ID!, $o: ID!, $m: String) { respondToCall(callId: $c, organisationId: $o, message: $m) { id status } }`;
const CLOSE = `mutation CloseCall($id: ID!, $filled: Boolean) { closePartnershipCall(id: $id, filled: $filled) { id status } }`;
const DECIDE = (field: string): string => `mutation Decide($id: ID!) { ${field}(id: $id) { id status } }`;
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
      const f: Record<string, string> = { status: "OPEN" };
      if (params.get("kind")) f.kind = params.get("kind") as string;
      if (params.get("sector")) f.sector = params.get("sector") as string;
      const list = h("ul", { class: "calls" });
      const more = h("button", { type: "button", class: "secondary load-more" }, t("calls.more"));
      const moreOut = h("div", { class: "more" });
      let cursor: string | null = null;
      // A linked call shown ahead of its page is not shown twice.
      let shownAhead: string | null = null;
      const fetchPage = async (): Promise<{ totalCount: number; hasNext: boolean; calls: Call[] }> => {
        type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Call[] };
        const data = await gql<{ partnershipCalls: Conn }>(CALLS, { filter: f, first: PAGE, after: cursor });
        const c = data.partnershipCalls;
        cursor = c.pageInfo.endCursor;
        return { totalCount: c.totalCount, hasNext: c.pageInfo.hasNextPage, calls: c.nodes };
      };
      more.addEventListener("click", async () => {
        more.disabled = true;
        try {
          const page = await fetchPage();
          const first = page.calls.filter((c) => c.id !== shownAhead).map((c) => callCard(c, false));
          list.append(...first);
          announce(t("calls.shown", { n: list.children.length, total: page.totalCount }));
          // Keyboard users carry on where the new calls start.
          first[0]?.querySelector("h3")?.focus();
          if (!page.hasNext) more.remove();
        } catch (err) {
          moreOut.replaceChildren(errorBox(err));
        } finally {
          more.disabled = false;
        }
      });
      try {
        const page = await fetchPage();
        const heading = h("h2", { id: "calls-heading" }, t("calls.results", { n: page.totalCount }));
        announce(t("calls.results", { n: page.totalCount }));
        if (!page.calls.length) {
          results.replaceChildren(heading, h("p", {}, t("calls.none")));
          return;
        }
        const wanted = params.get("call");
        if (wanted && !page.calls.some((c) => c.id === wanted)) {
          // A linked call further down the list is shown first, opened.
          const one = await gql<{ partnershipCall: Call | null }>(ONE_CALL, { id: wanted }).catch(() => null);
          if (one?.partnershipCall) {
            shownAhead = wanted;
            list.append(callCard(one.partnershipCall, true));
          }
        }
        list.append(...page.calls.map((c) => callCard(c, wanted === c.id)));
        results.replaceChildren(heading, list, page.hasNext ? h("p", {}, more) : "", moreOut);
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
    h("h3", { tabindex: "-1" }, c.title),
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
    const reload = (): void => void loadDetail(c, out);
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
                // sectorFit here is the sector the call seeks, not a translator's sector experience.
                scoreBars(s.breakdown.map((b) => (b.name === "sectorFit" ? { ...b, name: "callSectorFit" } : b)), { combine: "product" }),
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
                            askIntroductionButton(tr.person, c.organisation, s.organisation, c.id),
                          ),
                        ),
                      ),
                    )
                  : h("p", { class: "muted" }, t("calls.noTranslators")),
              ),
            ),
          )
        : h("p", {}, t("calls.noSuggestions")),
      responsesView(c, d, reload),
      publisherActions(c, d, reload) ?? "",
    );
  } catch (err) {
    out.replaceChildren(errorBox(err));
  }
}

/** Whether the reader may decide on the call's responses: its publisher's editor or an administrator. */
function publishes(c: Call): boolean {
  const s = currentSession();
  return hasRole("ADMIN") || (hasRole("ORG_EDITOR") && (s?.orgs ?? []).includes(c.organisation.id));
}

/**
 * The responses the reader may see (the publisher's editors see all of
 * them, with Accept and Decline on those waiting, each confirmed), and,
 * for an editor of another organisation while the call is open, the form
 * to express that organisation's interest.
 */
function responsesView(c: Call, d: Detail, reload: () => void): HTMLElement {
  const decider = publishes(c);
  const status = h("div", { role: "status" });
  const decide = async (r: Response, field: string, confirmText: string): Promise<void> => {
    if (!window.confirm(confirmText)) return;
    try {
      const res = await gql<Record<string, { status: string }>>(DECIDE(field), { id: r.id });
      announce(t(`calls.response.${res[field].status}` as MessageKey));
      reload();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  const section = h(
    "section",
    { class: "responses", "aria-label": t("calls.responses") },
    h("h4", {}, t("calls.responses")),
    d.responses.length
      ? h(
          "ul",
          { class: "response-list" },
          d.responses.map((r) =>
            h(
              "li",
              { class: "response", dataset: { orgId: r.organisation.id, status: r.status } },
              h("strong", {}, r.organisation.name),
              " ",
              h("span", { class: "response-status" }, `(${t(`calls.response.${r.status}` as MessageKey)})`),
              " ",
              h("small", { class: "muted" }, fmtDate(r.createdAt.slice(0, 10))),
              r.message ? h("blockquote", {}, r.message) : null,
              decider && r.status === "PENDING"
                ? h(
                    "div",
                    { class: "actions" },
                    h(
                      "button",
                      {
                        type: "button",
                        class: "primary small",
                        "aria-label": t("calls.acceptResponse", { name: r.organisation.name }),
                        onclick: () => void decide(r, "acceptCallResponse", t("calls.confirmAccept", { name: r.organisation.name })),
                      },
                      t("inbox.accept"),
                    ),
                    h(
                      "button",
                      {
                        type: "button",
                        class: "secondary small",
                        "aria-label": t("calls.declineResponse", { name: r.organisation.name }),
                        onclick: () => void decide(r, "declineCallResponse", t("calls.confirmDecline", { name: r.organisation.name })),
                      },
                      t("inbox.decline"),
                    ),
                  )
                : null,
            ),
          ),
        )
      : h("p", { class: "muted" }, t("calls.noResponses")),
    status,
  );
  const form = respondForm(c, d, reload);
  if (form) section.append(form);
  return section;
}

/**
 * The publisher's editors close the call or mark it filled (each
 * confirmed), and start a collaboration with the organisations whose
 * responses they accepted. Null for anyone else.
 */
function publisherActions(c: Call, d: Detail, reload: () => void): HTMLElement | null {
  if (!publishes(c)) return null;
  const status = h("div", { role: "status" });
  const close = async (filled: boolean): Promise<void> => {
    if (!window.confirm(t(filled ? "calls.confirmFill" : "calls.confirmClose"))) return;
    try {
      await gql(CLOSE, { id: c.id, filled });
      announce(t(filled ? "calls.status.FILLED" : "calls.status.CLOSED"));
      reload();
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  };
  const accepted = d.responses.some((r) => r.status === "ACCEPTED");
  return h(
    "section",
    { class: "call-actions", "aria-label": t("calls.manage") },
    h("h4", {}, t("calls.manage")),
    d.status !== "OPEN" ? h("p", { class: "call-status" }, t(`calls.status.${d.status}` as MessageKey)) : null,
    h(
      "div",
      { class: "actions" },
      d.status === "OPEN" || d.status === "CLOSED"
        ? h("button", { type: "button", class: "secondary small", onclick: () => void close(true) }, t("calls.fill"))
        : null,
      d.status === "OPEN" || d.status === "DRAFT"
        ? h("button", { type: "button", class: "secondary small", onclick: () => void close(false) }, t("calls.close"))
        : null,
    ),
    accepted && d.status !== "DRAFT" ? startCollaborationForm({ fromCallId: c.id }, c.id) : h("p", { class: "hint" }, t("calls.startHint")),
    status,
  );
}

/**
 * An editor of an organisation other than the publisher expresses its
 * interest in an OPEN call; organisations that answered already are
 * left out (one response per organisation).
 */
function respondForm(c: Call, d: Detail, reload: () => void): HTMLElement | null {
  const s = currentSession();
  if (!s || !hasRole("ORG_EDITOR") || d.status !== "OPEN") return null;
  const answered = new Set(d.responses.map((r) => r.organisation.id));
  const orgs = s.orgs.filter((id) => id !== c.organisation.id && !answered.has(id));
  if (!orgs.length) {
    return s.orgs.some((id) => answered.has(id)) ? h("p", { class: "muted responded" }, t("calls.responded")) : null;
  }
  const idPrefix = `respond-${c.id}`;
  const org = h("select", { id: `${idPrefix}-org` }, orgs.map((id) => h("option", { value: id }, id)));
  void orgNames(orgs)
    .then((names) => {
      for (const opt of Array.from(org.options)) opt.textContent = names.get(opt.value) ?? opt.value;
    })
    .catch(() => undefined);
  const message = h("textarea", { id: `${idPrefix}-message`, rows: 3, maxlength: 2000 });
  const send = h("button", { type: "submit", class: "primary" }, t("calls.respond"));
  const out = h("div", { role: "status" });
  return h(
    "form",
    {
      class: "respond-call",
      "aria-labelledby": `${idPrefix}-heading`,
      onsubmit: async (e: Event) => {
        e.preventDefault();
        send.disabled = true;
        try {
          await gql(RESPOND, { c: c.id, o: org.value, m: message.value || null });
          announce(t("calls.respondSent"));
          reload();
        } catch (err) {
          out.replaceChildren(errorBox(err));
          send.disabled = false;
        }
      },
    },
    h("h4", { id: `${idPrefix}-heading` }, t("calls.respondTitle")),
    h("p", { class: "hint" }, t("calls.respondHint", { name: c.organisation.name })),
    h("div", { class: "field" }, h("label", { for: `${idPrefix}-org` }, t("calls.respondAs")), org),
    h("div", { class: "field" }, h("label", { for: `${idPrefix}-message` }, t("calls.respondMessage")), message),
    send,
    out,
  );
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
