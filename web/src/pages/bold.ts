// Bold collaborations: the collaborations that began in a period, boldest
// first — how far apart their partners were when they began (sectors,
// network distance, new partners) — with the partners and each
// collaboration's phase history.

import { gql } from "../api";
import { phaseHistoryList, phaseName, type PhaseChange } from "../components/phaseHistory";
import { scoreBars, type ScoreComponent } from "../components/scoreBars";
import { sectorChip } from "../components/sectors";
import { topicName, type Topic } from "../components/topicPicker";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, fmtNumber, t, type MessageKey } from "../i18n";
import type { Page } from "../router";

interface BoldCollaboration {
  collaboration: {
    id: string;
    title: string;
    description: string | null;
    form: string;
    phase: string;
    startDate: string | null;
    topics: Topic[];
    partners: { role: string; organisation: { id: string; name: string; sector: string } }[];
    phaseHistory: PhaseChange[];
  };
  boldness: {
    score: number;
    breakdown: ScoreComponent[];
    explanation: string;
    pairs: { organisations: { name: string }[]; crossSector: boolean; distance: number | null; sharedPartners: number }[];
  };
}

const BOLD = `query Bold($period: PeriodInput!, $first: Int) {
  boldCollaborations(period: $period, first: $first) {
    collaboration {
      id title description form phase startDate
      topics { id name nameFi nameSv }
      partners { role organisation { id name sector } }
      phaseHistory { phase at note movedBy { id name } }
    }
    boldness {
      score explanation
      breakdown { name weight value contribution description }
      pairs { organisations { name } crossSector distance sharedPartners }
    }
  }
}`;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The default period: the last five years up to today. */
export function defaultPeriod(today = new Date()): { from: string; to: string } {
  const from = new Date(Date.UTC(today.getUTCFullYear() - 5, today.getUTCMonth(), today.getUTCDate()));
  return { from: isoDate(from), to: isoDate(today) };
}

export const boldPage: Page = {
  path: "/bold",
  title: "bold.title",
  nav: "nav.bold",
  render(root, { params, navigate }) {
    const period = defaultPeriod();
    const fromParam = params.get("from");
    const toParam = params.get("to");
    if (fromParam && ISO_DATE.test(fromParam)) period.from = fromParam;
    if (toParam && ISO_DATE.test(toParam)) period.to = toParam;

    const from = h("input", { type: "date", id: "bold-from", value: period.from, required: true });
    const to = h("input", { type: "date", id: "bold-to", value: period.to, required: true });
    const results = h("section", { class: "results", "aria-labelledby": "bold-heading", "aria-busy": "false" });
    const form = h(
      "form",
      {
        class: "card search-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          navigate(`/bold?${new URLSearchParams({ from: from.value, to: to.value })}`, true);
        },
      },
      h(
        "div",
        { class: "two-cols" },
        h("div", { class: "field" }, h("label", { for: "bold-from" }, t("bold.from")), from),
        h("div", { class: "field" }, h("label", { for: "bold-to" }, t("bold.to")), to),
      ),
      h("button", { type: "submit", class: "primary", id: "show-bold" }, t("bold.show")),
    );
    root.append(h("p", { class: "lead" }, t("bold.intro")), form, results);
    void load();

    async function load(): Promise<void> {
      results.setAttribute("aria-busy", "true");
      results.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const data = await gql<{ boldCollaborations: BoldCollaboration[] }>(BOLD, { period, first: 20 });
        const text = t("bold.results", { n: data.boldCollaborations.length, from: fmtDate(period.from), to: fmtDate(period.to) });
        announce(text);
        const heading = h("h2", { id: "bold-heading" }, text);
        results.replaceChildren(
          heading,
          data.boldCollaborations.length
            ? h("ol", { class: "bold-list" }, data.boldCollaborations.map((b, i) => boldCard(b, i + 1)))
            : h("p", {}, t("bold.none")),
        );
      } catch (err) {
        results.replaceChildren(errorBox(err));
      } finally {
        results.setAttribute("aria-busy", "false");
      }
    }
  },
};

function boldCard(b: BoldCollaboration, rank: number): HTMLElement {
  const c = b.collaboration;
  return h(
    "li",
    { class: "card bold", dataset: { collaborationId: c.id } },
    h(
      "div",
      { class: "match-head" },
      h("span", { class: "rank", "aria-hidden": "true" }, String(rank)),
      h(
        "div",
        {},
        h("h3", {}, h("span", { class: "visually-hidden" }, `${rank}. `), c.title),
        h(
          "p",
          { class: "muted" },
          phaseName(c.phase),
          c.startDate ? ` · ${t("bold.started", { date: fmtDate(c.startDate) })}` : "",
          c.topics.length ? ` · ${c.topics.map(topicName).join(", ")}` : "",
        ),
      ),
      h("span", { class: "score", title: t("bold.score") }, h("span", { class: "visually-hidden" }, t("bold.score"), " "), fmtNumber(b.boldness.score, 2)),
    ),
    scoreBars(b.boldness.breakdown, { label: t("bold.breakdown") }),
    h("p", { class: "explanation" }, b.boldness.explanation),
    h("h4", {}, t("bold.partners")),
    h(
      "ul",
      { class: "partners" },
      c.partners.map((p) => h("li", {}, sectorChip(p.organisation.sector), " ", p.organisation.name, " ", h("span", { class: "muted" }, `(${partnerRole(p.role)})`))),
    ),
    h("h4", {}, t("bold.history")),
    phaseHistoryList(c.phaseHistory),
  );
}

function partnerRole(role: string): string {
  const key = `partnerRole.${role}` as MessageKey;
  const name = t(key);
  return name === key ? role : name;
}
