// Unusual pairings: for an organisation and/or a topic, pairs of
// organisations from different sectors that never worked together, sit far
// apart in the collaboration network, share topics, and have a translator.
// Each suggestion shows its score as three factors (multiplied), the parts
// of surprise, the shared topics, the distance, the explanation and the
// best translators with a link to their evidence on Find a translator.

import { gql } from "../api";
import { askIntroductionButton } from "../components/introductionDialog";
import { orgSearch, type Org } from "../components/orgSearch";
import { scoreBars, type ScoreComponent } from "../components/scoreBars";
import { sectorFilter } from "../components/sectorFilter";
import { sectorChip, SECTORS } from "../components/sectors";
import { topicName, topicPicker, type Topic } from "../components/topicPicker";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtNumber, t } from "../i18n";
import type { Page } from "../router";

interface Pairing {
  organisations: Org[];
  score: number;
  breakdown: ScoreComponent[];
  surpriseBreakdown: ScoreComponent[];
  sharedTopics: Topic[];
  distance: number | null;
  sharedPartners: number;
  sectorCombinationRarity: number;
  translators: { score: number; person: { id: string; name: string; headline: string | null; sectors: string[]; openToBridging: boolean; busy: boolean } }[];
  explanation: string;
}

const PAIRINGS = `query UnusualPairings($for: ID, $topic: ID, $sectors: [Sector!], $same: Boolean, $first: Int) {
  unusualPairings(for: $for, topic: $topic, sectors: $sectors, includeSameSector: $same, first: $first) {
    organisations { id name sector region }
    score
    breakdown { name weight value contribution description }
    surpriseBreakdown { name weight value contribution description }
    sharedTopics { id name nameFi nameSv }
    distance sharedPartners sectorCombinationRarity
    translators { score person { id name headline sectors openToBridging busy } }
    explanation
  }
}`;

/** The most translators shown per pair; the API ranks them best first. */
const TRANSLATORS_SHOWN = 3;

export const pairingsPage: Page = {
  path: "/pairings",
  title: "pairings.title",
  nav: "nav.pairings",
  render(root, { params, navigate }) {
    let org: Org | null = null;
    let topic = params.get("topic") ?? "";
    const results = h("section", { class: "results", "aria-labelledby": "pairings-heading", "aria-busy": "false" });
    const submit = h("button", { type: "submit", class: "primary", id: "find-pairings", disabled: true }, t("pairings.find"));
    const ready = (): void => {
      submit.disabled = !(org || topic);
    };
    const pickOrg = orgSearch({ label: t("pairings.org"), id: "pair-org", initialId: params.get("for"), onChange: (o) => ((org = o), ready()) });
    const pickTopic = topicPicker({ id: "pair-topic", label: t("pairings.topic"), emptyLabel: t("pairings.anyTopic"), initialId: topic, onChange: (id) => ((topic = id), ready()) });
    const chosenSectors = (params.get("sectors") ?? "").split(",").filter((s) => (SECTORS as readonly string[]).includes(s));
    const sectors = sectorFilter({ idPrefix: "pair-sector", legend: t("pairings.sectors"), hint: t("pairings.sectorsHint"), checked: chosenSectors });
    const same = h("input", { type: "checkbox", id: "pair-same", checked: params.get("same") === "yes" });

    const form = h(
      "form",
      {
        class: "card search-form",
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!org && !topic) return;
          const q = new URLSearchParams();
          if (org) q.set("for", org.id);
          if (topic) q.set("topic", topic);
          const s = sectors.value();
          if (s.length) q.set("sectors", s.join(","));
          if (same.checked) q.set("same", "yes");
          navigate(`/pairings?${q}`, true);
        },
      },
      h("p", { class: "hint" }, t("pairings.formHint")),
      h("div", { class: "two-cols" }, pickOrg.element, pickTopic.element),
      sectors.element,
      h("div", { class: "field inline" }, same, h("label", { for: "pair-same" }, t("pairings.includeSameSector"))),
      submit,
    );
    root.append(h("p", { class: "lead" }, t("pairings.intro")), form, results);

    const forId = params.get("for");
    if (forId || topic) {
      void load({
        for: forId,
        topic: topic || null,
        sectors: chosenSectors.length ? chosenSectors : null,
        same: params.get("same") === "yes",
        first: 10,
      });
    }

    async function load(vars: Record<string, unknown>): Promise<void> {
      results.setAttribute("aria-busy", "true");
      results.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const data = await gql<{ unusualPairings: Pairing[] }>(PAIRINGS, vars);
        show(data.unusualPairings);
      } catch (err) {
        results.replaceChildren(errorBox(err));
      } finally {
        results.setAttribute("aria-busy", "false");
      }
    }

    function show(pairings: Pairing[]): void {
      const text = t("pairings.results", { n: pairings.length });
      announce(text);
      const heading = h("h2", { id: "pairings-heading" }, text);
      if (!pairings.length) {
        results.replaceChildren(heading, h("p", {}, t("pairings.none")));
        return;
      }
      results.replaceChildren(heading, h("ol", { class: "pairings" }, pairings.map((p, i) => pairingCard(p, i + 1))));
    }
  },
};

function pairingCard(p: Pairing, rank: number): HTMLElement {
  const [a, b] = p.organisations;
  const names = p.organisations.map((o) => o.name).join(" × ");
  return h(
    "li",
    { class: "card pairing", dataset: { orgs: p.organisations.map((o) => o.id).join(" ") } },
    h(
      "div",
      { class: "match-head" },
      h("span", { class: "rank", "aria-hidden": "true" }, String(rank)),
      h(
        "div",
        {},
        h("h3", {}, h("span", { class: "visually-hidden" }, `${rank}. `), names),
        h("p", { class: "chips" }, p.organisations.map((o) => sectorChip(o.sector))),
      ),
      h("span", { class: "score", title: t("pairings.score") }, h("span", { class: "visually-hidden" }, t("pairings.score"), " "), fmtNumber(p.score, 2)),
    ),
    scoreBars(p.breakdown, { combine: "product", label: t("pairings.factors") }),
    h(
      "details",
      { class: "surprise" },
      h("summary", {}, t("pairings.surpriseParts")),
      scoreBars(p.surpriseBreakdown, { label: t("pairings.surpriseParts") }),
    ),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, t("pairings.sharedTopics")),
      h("dd", {}, p.sharedTopics.length ? p.sharedTopics.map((tp) => h("span", { class: "chip plain" }, topicName(tp))) : "—"),
      h("dt", {}, t("pairings.distance")),
      h("dd", {}, p.distance == null ? t("pairings.notConnected") : t("pairings.steps", { n: p.distance })),
      h("dt", {}, t("pairings.sharedPartners")),
      h("dd", {}, String(p.sharedPartners)),
      h("dt", {}, t("pairings.rarity")),
      h("dd", {}, fmtNumber(p.sectorCombinationRarity, 2)),
    ),
    h("p", { class: "explanation" }, p.explanation),
    h("h4", {}, t("pairings.translators")),
    h(
      "ul",
      { class: "pair-translators" },
      p.translators.slice(0, TRANSLATORS_SHOWN).map((m) =>
        h(
          "li",
          {},
          h("strong", {}, m.person.name),
          " ",
          h("span", { class: "muted" }, `(${fmtNumber(m.score, 2)})`),
          " ",
          m.person.sectors.map((s) => sectorChip(s)),
          m.person.headline ? h("span", { class: "muted headline" }, m.person.headline) : null,
          a && b ? askIntroductionButton(m.person, a, b) : null,
        ),
      ),
    ),
    a && b
      ? h(
          "p",
          {},
          h(
            "a",
            { href: `/translators?${new URLSearchParams({ a: a.id, b: b.id })}`, class: "button small", "aria-label": t("pairings.seeEvidenceFor", { a: a.name, b: b.name }) },
            t("pairings.seeEvidence"),
          ),
        )
      : null,
  );
}
