// One collaboration: its phase, where it came from (a partnership call, an
// introduction and its translator), its partners, and the partners'
// evaluation: the aggregate for everyone, each partner's answers for those
// allowed to see them, and a form for an editor of a partner to record
// their organisation's own.

import { gql } from "../api";
import { sectorChip } from "../components/sectors";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtNumber, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, hasRole } from "../session";

interface Collaboration {
  id: string;
  title: string;
  phase: string;
  originCall: { id: string; title: string } | null;
  introducedBy: { id: string; name: string } | null;
  partners: { role: string; organisation: { id: string; name: string; sector: string } }[];
  evaluation: {
    rating: number;
    mean: number | null;
    spread: number | null;
    disagreement: boolean;
    notEvaluated: { id: string; name: string }[];
    partners: { organisation: { name: string } | null; goalsMet: number; cooperation: number; wouldContinue: boolean; notes: string | null }[];
  } | null;
}

const COLLABORATION = `query Collaboration($id: ID!) {
  collaboration(id: $id) {
    id title phase
    originCall { id title }
    introducedBy { id name }
    partners { role organisation { id name sector } }
    evaluation { rating mean spread disagreement notEvaluated { id name }
                 partners { organisation { name } goalsMet cooperation wouldContinue notes } }
  }
}`;

const RECORD = `mutation RecordPartnerEvaluation($c: ID!, $o: ID!, $in: RecordPartnerEvaluationInput!) {
  recordPartnerEvaluation(collaborationId: $c, organisationId: $o, input: $in) { id phase }
}`;

export const collaborationPage: Page = {
  path: "/collaboration",
  title: "collab.title",
  render(root, { params }) {
    const id = params.get("id");
    const out = h("section", { "aria-busy": "false" });
    root.append(out);
    if (!id) {
      out.append(h("p", {}, t("collab.none")));
      return;
    }
    void load(id);

    async function load(id: string): Promise<void> {
      out.setAttribute("aria-busy", "true");
      try {
        const data = await gql<{ collaboration: Collaboration }>(COLLABORATION, { id });
        show(data.collaboration);
      } catch (err) {
        out.replaceChildren(errorBox(err));
      } finally {
        out.setAttribute("aria-busy", "false");
      }
    }

    function show(c: Collaboration): void {
      const s = currentSession();
      const mine = hasRole("ORG_EDITOR") ? c.partners.filter((p) => s?.orgs.includes(p.organisation.id)) : [];
      const e = c.evaluation;
      const parts: (HTMLElement | null)[] = [
        h("h2", { id: "collab-heading" }, c.title),
        h("p", {}, t("collab.phase"), " ", h("strong", { class: "phase" }, t(`phase.${c.phase}` as MessageKey))),
        c.originCall ? h("p", {}, t("collab.fromCall"), " ", h("a", { href: `/calls?call=${encodeURIComponent(c.originCall.id)}` }, c.originCall.title)) : null,
        c.introducedBy ? h("p", { class: "introduced-by" }, t("collab.introducedBy", { name: c.introducedBy.name })) : null,
        h("h3", {}, t("collab.partners")),
        h("ul", {}, c.partners.map((p) => h("li", {}, p.organisation.name, " ", sectorChip(p.organisation.sector), ` (${p.role})`))),
        h("h3", {}, t("collab.evaluation")),
        e
          ? h(
              "div",
              { class: "card evaluation" },
              h("p", {}, t("collab.mean", { mean: e.mean === null ? "—" : fmtNumber(e.mean, 1), spread: e.spread === null ? "—" : fmtNumber(e.spread, 0) })),
              e.disagreement ? h("p", { class: "alert disagreement", role: "note" }, t("collab.disagreement")) : null,
              e.notEvaluated.length ? h("p", {}, t("collab.notEvaluated", { names: e.notEvaluated.map((o) => o.name).join(", ") })) : null,
              e.partners.length
                ? h(
                    "table",
                    { class: "answers" },
                    h("thead", {}, h("tr", {}, [t("collab.organisation"), t("collab.goalsMet"), t("collab.cooperation"), t("collab.wouldContinue")].map((x) => h("th", { scope: "col" }, x)))),
                    h(
                      "tbody",
                      {},
                      e.partners.map((p) =>
                        h("tr", {}, h("td", {}, p.organisation?.name ?? "—"), h("td", {}, String(p.goalsMet)), h("td", {}, String(p.cooperation)), h("td", {}, p.wouldContinue ? t("collab.yes") : t("collab.no"))),
                      ),
                    ),
                  )
                : null,
            )
          : h("p", { class: "muted" }, t("collab.noEvaluation")),
        ...mine.map((p) => form(c, p.organisation)),
      ];
      out.replaceChildren(...parts.filter((x): x is HTMLElement => x !== null));
    }

    function form(c: Collaboration, org: { id: string; name: string }): HTMLElement {
      const rating = (name: string, label: string): [HTMLElement, () => number] => {
        const select = h("select", { id: `${name}-${org.id}` }, [1, 2, 3, 4, 5].map((n) => h("option", { value: String(n), selected: n === 3 }, String(n))));
        return [h("div", { class: "field" }, h("label", { for: `${name}-${org.id}` }, label), select), () => Number(select.value)];
      };
      const [goalsField, goals] = rating("goals", t("collab.goalsMet"));
      const [coopField, coop] = rating("coop", t("collab.cooperation"));
      const would = h("input", { type: "checkbox", id: `would-${org.id}`, checked: true });
      const notes = h("textarea", { id: `notes-${org.id}`, rows: 2 });
      const status = h("div", { role: "status" });
      return h(
        "form",
        {
          class: "card evaluate",
          "aria-label": t("collab.evaluateFor", { name: org.name }),
          onsubmit: async (ev: Event) => {
            ev.preventDefault();
            try {
              await gql(RECORD, { c: c.id, o: org.id, in: { goalsMet: goals(), cooperation: coop(), wouldContinue: would.checked, notes: notes.value || null } });
              announce(t("collab.recorded"));
              void load(c.id);
            } catch (err) {
              status.replaceChildren(errorBox(err));
            }
          },
        },
        h("h3", {}, t("collab.evaluateFor", { name: org.name })),
        h("div", { class: "two-cols" }, goalsField, coopField),
        h("div", { class: "field inline" }, would, h("label", { for: `would-${org.id}` }, t("collab.wouldContinue"))),
        h("div", { class: "field" }, h("label", { for: `notes-${org.id}` }, t("collab.notes")), notes),
        h("button", { type: "submit", class: "primary" }, t("collab.record")),
        status,
      );
    }
  },
};
