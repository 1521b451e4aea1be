// Find a translator: two organisations in, ranked people out, each with a
// score breakdown and the evidence drawn as a network.

import { gql } from "../api";
import { askIntroductionButton } from "../components/introductionDialog";
import { evidenceGraph, type Evidence, type EvidenceGraph } from "../components/evidenceGraph";
import { orgSearch, type Org } from "../components/orgSearch";
import { scoreBars, type ScoreComponent } from "../components/scoreBars";
import { sectorChip } from "../components/sectors";
import { h, announce } from "../dom";
import { errorBox } from "../errors";
import { fmtNumber, t } from "../i18n";
import type { Page } from "../router";

interface Match {
  score: number;
  insider: boolean;
  person: { id: string; name: string; headline: string | null; sectors: string[]; languages: string[]; region: string | null; openToBridging: boolean; busy: boolean };
  breakdown: ScoreComponent[];
  evidence: Evidence[];
}

const TRANSLATORS = `query Translators($between: [ID!]!, $first: Int, $filter: TranslatorFilter) {
  translators(between: $between, first: $first, filter: $filter) {
    score insider
    person { id name headline sectors languages region openToBridging busy }
    breakdown { name weight value contribution description }
    evidence {
      side kind strength summary
      organisation { id name sector }
      path { nodes { id label name } relationships { type startId endId } }
    }
  }
}`;

const CONTACT = `query Contact($id: ID!) { person(id: $id) { id contactable contact { email phone } } }`;

/** Sectors of the organisations on evidence paths, in one request (aliases). */
async function orgSectors(ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const vars: Record<string, string> = {};
  const fields = ids.map((id, i) => {
    vars[`o${i}`] = id;
    return `o${i}: organisation(id: $o${i}) { id sector }`;
  });
  const query = `query Sectors(${ids.map((_, i) => `$o${i}: ID!`).join(", ")}) { ${fields.join(" ")} }`;
  const data = await gql<Record<string, { id: string; sector: string } | null>>(query, vars);
  for (const o of Object.values(data)) if (o) out.set(o.id, o.sector);
  return out;
}

export const translatorsPage: Page = {
  path: "/translators",
  title: "translators.title",
  nav: "nav.translators",
  render(root, { params, navigate }) {
    let a: Org | null = null;
    let b: Org | null = null;
    let graph: EvidenceGraph | null = null;
    const results = h("section", { class: "results", "aria-labelledby": "results-heading", "aria-busy": "false" });
    const submit = h("button", { type: "submit", class: "primary", disabled: true }, t("translators.find"));
    const exclude = h("input", { type: "checkbox", id: "exclude-insiders", checked: params.get("insiders") === "no" });
    const ready = (): void => {
      submit.disabled = !(a && b && a.id !== b.id);
    };
    const pickA = orgSearch({ label: t("translators.orgA"), id: "org-a", initialId: params.get("a"), onChange: (o) => ((a = o), ready()) });
    const pickB = orgSearch({ label: t("translators.orgB"), id: "org-b", initialId: params.get("b"), onChange: (o) => ((b = o), ready()) });

    const form = h(
      "form",
      {
        class: "card search-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!a || !b) return;
          const q = new URLSearchParams({ a: a.id, b: b.id });
          if (exclude.checked) q.set("insiders", "no");
          navigate(`/translators?${q}`, true);
        },
      },
      h("div", { class: "two-cols" }, pickA.element, pickB.element),
      h("div", { class: "field inline" }, exclude, h("label", { for: "exclude-insiders" }, t("translators.excludeInsiders"))),
      submit,
    );

    root.append(h("p", { class: "lead" }, t("translators.intro")), form, results);

    const aId = params.get("a");
    const bId = params.get("b");
    if (aId && bId) void load(aId, bId, params.get("insiders") === "no");

    async function load(aId: string, bId: string, excludeInsiders: boolean): Promise<void> {
      results.setAttribute("aria-busy", "true");
      results.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const data = await gql<{ translators: Match[] }>(TRANSLATORS, { between: [aId, bId], first: 10, filter: excludeInsiders ? { excludeInsiders: true } : null });
        const ids = new Set<string>();
        for (const m of data.translators) for (const ev of m.evidence) for (const n of ev.path.nodes) if (n.label === "Organisation") ids.add(n.id);
        ids.add(aId);
        ids.add(bId);
        const sectors = await orgSectors([...ids]);
        const names = new Map<string, string>();
        for (const m of data.translators) for (const ev of m.evidence) for (const n of ev.path.nodes) if (n.name) names.set(n.id, n.name);
        const sideA = { id: aId, name: a?.name ?? names.get(aId) ?? aId };
        const sideB = { id: bId, name: b?.name ?? names.get(bId) ?? bId };
        showResults(data.translators, sectors, sideA, sideB);
      } catch (err) {
        results.replaceChildren(errorBox(err));
      } finally {
        results.setAttribute("aria-busy", "false");
      }
    }

    function showResults(matches: Match[], sectors: Map<string, string>, sideA: { id: string; name: string }, sideB: { id: string; name: string }): void {
      const heading = h("h2", { id: "results-heading" }, t("translators.results", { n: matches.length }));
      announce(t("translators.results", { n: matches.length }));
      if (!matches.length) {
        results.replaceChildren(heading, h("p", {}, t("translators.none")));
        return;
      }
      const graphPanel = h("section", { class: "card graph-panel", "aria-labelledby": "graph-heading" });
      const list = h("ol", { class: "matches" });
      const select = (m: Match, item: HTMLElement): void => {
        graph?.destroy();
        list.querySelectorAll("[aria-pressed]").forEach((b) => b.setAttribute("aria-pressed", "false"));
        item.querySelector(".show-evidence")?.setAttribute("aria-pressed", "true");
        graph = evidenceGraph({ person: m.person, evidence: m.evidence, orgSectors: sectors, sides: { A: sideA, B: sideB } });
        graphPanel.replaceChildren(
          h("h2", { id: "graph-heading" }, t("translators.evidenceFor", { name: m.person.name })),
          graph.element,
          h("h3", {}, t("translators.evidenceList")),
          h(
            "ul",
            { class: "evidence-list" },
            m.evidence.map((ev) =>
              h("li", {}, h("span", { class: `side side-${ev.side}` }, ev.side), " ", h("span", { class: "kind" }, t(`tie.${ev.kind}` as Parameters<typeof t>[0])), " — ", ev.summary, " ", h("small", { class: "muted" }, `(${fmtNumber(ev.strength, 2)})`)),
            ),
          ),
        );
      };
      matches.forEach((m, i) => {
        const contactOut = h("div", { class: "contact-out" });
        const item: HTMLElement = h(
          "li",
          { class: "card match", dataset: { personId: m.person.id } },
          h(
            "div",
            { class: "match-head" },
            h("span", { class: "rank", "aria-hidden": "true" }, String(i + 1)),
            h("div", {}, h("h3", {}, m.person.name), m.person.headline ? h("p", { class: "muted" }, m.person.headline) : null),
            h("span", { class: "score", title: t("translators.score") }, h("span", { class: "visually-hidden" }, t("translators.score"), " "), fmtNumber(m.score, 2)),
          ),
          h("p", { class: "chips" }, m.person.sectors.map((s) => sectorChip(s)), m.insider ? h("span", { class: "chip insider" }, t("translators.insider")) : null),
          scoreBars(m.breakdown),
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", class: "show-evidence", "aria-pressed": "false", onclick: () => { select(m, item); graphPanel.scrollIntoView({ behavior: "smooth", block: "start" }); } }, t("translators.showEvidence")),
            h("button", { type: "button", class: "secondary", onclick: () => void showContact(m.person.id, contactOut) }, t("translators.contact")),
            askIntroductionButton(m.person, sideA, sideB),
          ),
          contactOut,
        );
        list.append(item);
      });
      results.replaceChildren(heading, h("div", { class: "results-grid" }, list, graphPanel));
      select(matches[0], list.firstElementChild as HTMLElement);
    }

    async function showContact(id: string, out: HTMLElement): Promise<void> {
      out.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const data = await gql<{ person: { contactable: boolean; contact: { email: string | null; phone: string | null } | null } }>(CONTACT, { id });
        const c = data.person.contact;
        out.replaceChildren(
          c && (c.email || c.phone)
            ? h("p", { class: "alert success", role: "status" }, c.email ? h("a", { href: `mailto:${c.email}` }, c.email) : null, c.email && c.phone ? " · " : "", c.phone ?? "")
            : h("p", { class: "alert", role: "status" }, t("translators.notContactable")),
        );
      } catch (err) {
        out.replaceChildren(errorBox(err));
      }
    }

    return () => graph?.destroy();
  },
};
