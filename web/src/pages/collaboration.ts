// One collaboration: its phase (and, for those who may steer it, a control
// that moves it and asks for a note), where it came from (a partnership
// call, a workshop, an introduction and its translator), its partners and
// contributors, the phase timeline, the dated notes and decisions (with a
// form to add one), the next steps it lacks, and the partners'
// evaluation: the aggregate for everyone, each partner's answers for those
// allowed to see them, and a form for an editor of a partner to record
// their organisation's own.

import { gql } from "../api";
import { canSteer, moveControl, phaseHistoryList, type PhaseChange } from "../components/phaseHistory";
import { sectorChip, sectorName } from "../components/sectors";
import { topicName, type Topic } from "../components/topicPicker";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, fmtNumber, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, hasRole } from "../session";

interface Note {
  id: string;
  kind: string;
  text: string;
  at: string;
  author: { id: string; name: string } | null;
}

interface Collaboration {
  id: string;
  title: string;
  description: string | null;
  form: string;
  phase: string;
  startDate: string | null;
  endDate: string | null;
  topics: Topic[];
  originCall: { id: string; title: string } | null;
  workshop: { id: string; title: string } | null;
  introducedBy: { id: string; name: string } | null;
  partners: { role: string; organisation: { id: string; name: string; sector: string } }[];
  contributors: { role: string; person: { id: string; name: string } | null }[];
  phaseHistory: PhaseChange[];
  notes: Note[];
  nextSteps: { sector: string; explanation: string; candidates: { organisation: { id: string; name: string; sector: string } }[] }[];
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
    id title description form phase startDate endDate
    topics { id name nameFi nameSv }
    originCall { id title }
    workshop { id title }
    introducedBy { id name }
    partners { role organisation { id name sector } }
    contributors { role person { id name } }
    phaseHistory { phase at note movedBy { id name } }
    notes { id kind text at author { id name } }
    nextSteps(first: 3) { sector explanation candidates { organisation { id name sector } } }
    evaluation { rating mean spread disagreement notEvaluated { id name }
                 partners { organisation { name } goalsMet cooperation wouldContinue notes } }
  }
}`;

const ADD_NOTE = `mutation AddNote($c: ID!, $kind: CollaborationNoteKind!, $text: String!) {
  addCollaborationNote(collaborationId: $c, kind: $kind, text: $text) { id }
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
      const steer = canSteer(c.partners.map((p) => p.organisation.id));
      const parts: (HTMLElement | null)[] = [
        h("h2", { id: "collab-heading" }, c.title),
        h("p", {}, t("collab.phase"), " ", h("strong", { class: "phase", id: "collab-phase" }, t(`phase.${c.phase}` as MessageKey))),
        steer ? moveControl(c, () => void load(c.id), "collab-move") : null,
        h(
          "p",
          { class: "muted" },
          t(`form.${c.form}` as MessageKey),
          c.startDate ? ` · ${fmtDate(c.startDate)} – ${c.endDate ? fmtDate(c.endDate) : ""}` : "",
          c.topics.length ? ` · ${c.topics.map(topicName).join(", ")}` : "",
        ),
        c.description ? h("p", { class: "description" }, c.description) : null,
        c.originCall ? h("p", {}, t("collab.fromCall"), " ", h("a", { href: `/calls?call=${encodeURIComponent(c.originCall.id)}` }, c.originCall.title)) : null,
        c.workshop ? h("p", {}, t("collab.fromWorkshop"), " ", h("a", { href: `/workshops?id=${encodeURIComponent(c.workshop.id)}` }, c.workshop.title)) : null,
        c.introducedBy ? h("p", { class: "introduced-by" }, t("collab.introducedBy", { name: c.introducedBy.name })) : null,
        h("h3", {}, t("collab.partners")),
        h(
          "ul",
          {},
          c.partners.map((p) => h("li", {}, h("a", { href: `/organisation?id=${encodeURIComponent(p.organisation.id)}` }, p.organisation.name), " ", sectorChip(p.organisation.sector), ` (${p.role})`)),
        ),
        h("h3", {}, t("collab.contributors")),
        c.contributors.length
          ? h("ul", {}, c.contributors.map((k) => h("li", {}, k.person?.name ?? t("collab.erased"), ` (${k.role})`)))
          : h("p", { class: "muted" }, t("collab.noContributors")),
        h("h3", {}, t("collab.timeline")),
        phaseHistoryList(c.phaseHistory, "phase-timeline"),
        h("h3", {}, t("collab.notesTitle")),
        c.notes.length
          ? h(
              "ol",
              { class: "notes", id: "collab-notes" },
              c.notes.map((n) =>
                h(
                  "li",
                  { class: `note ${n.kind.toLowerCase()}` },
                  h("time", { datetime: n.at }, fmtDate(n.at.slice(0, 10))),
                  " ",
                  h("strong", {}, t(`note.kind.${n.kind}` as MessageKey)),
                  n.author ? ` · ${n.author.name}` : "",
                  h("p", {}, n.text),
                ),
              ),
            )
          : h("p", { class: "muted", id: "collab-notes" }, t("collab.noNotes")),
        steer ? noteForm(c) : null,
        c.nextSteps.length ? h("h3", {}, t("collab.nextSteps")) : null,
        c.nextSteps.length
          ? h(
              "ul",
              { class: "next-steps" },
              c.nextSteps.map((step) =>
                h(
                  "li",
                  {},
                  h("strong", {}, t("collab.bringIn", { sector: sectorName(step.sector) })),
                  " ",
                  step.explanation,
                  step.candidates.length
                    ? h("ul", {}, step.candidates.map((k) => h("li", {}, h("a", { href: `/organisation?id=${encodeURIComponent(k.organisation.id)}` }, k.organisation.name), " ", sectorChip(k.organisation.sector))))
                    : null,
                ),
              ),
            )
          : null,
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

    function noteForm(c: Collaboration): HTMLElement {
      const kind = h("select", { id: "note-kind" }, ["NOTE", "DECISION"].map((k) => h("option", { value: k }, t(`note.kind.${k}` as MessageKey))));
      const text = h("textarea", { id: "note-text", rows: 3, maxlength: 10000, required: true });
      const status = h("div", { role: "status" });
      return h(
        "form",
        {
          class: "card add-note",
          "aria-label": t("collab.addNote"),
          onsubmit: async (ev: Event) => {
            ev.preventDefault();
            try {
              await gql(ADD_NOTE, { c: c.id, kind: kind.value, text: text.value });
              announce(t("collab.noteAdded"));
              void load(c.id);
            } catch (err) {
              status.replaceChildren(errorBox(err));
            }
          },
        },
        h("h3", {}, t("collab.addNote")),
        h("div", { class: "field" }, h("label", { for: "note-kind" }, t("collab.noteKind")), kind),
        h("div", { class: "field" }, h("label", { for: "note-text" }, t("collab.noteText")), text),
        h("button", { type: "submit", class: "primary" }, t("collab.addNote")),
        status,
      );
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
