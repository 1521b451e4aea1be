// The ecosystem map (coordinators and administrators): the organisation
// collaboration network of Query.ecosystemGraph drawn with Cytoscape.js,
// filtered by region, topic, sector and phase, with the sector matrix of
// Query.ecosystem beside it as a heat map. Filters live in the address.

import { gql } from "../api";
import { addressFilters, choice, filterField, textFilter } from "../components/addressFilters";
import { ecosystemMap, type EcosystemGraph } from "../components/ecosystemMap";
import { PHASES, phaseName } from "../components/phaseHistory";
import { SECTORS, sectorName } from "../components/sectors";
import { topicPicker } from "../components/topicPicker";
import { h } from "../dom";
import { errorBox } from "../errors";
import { t } from "../i18n";
import type { Page } from "../router";
import { canSee, matrix } from "./dashboard";

const SIZES = ["100", "300", "1000"];

export const MAP = `query EcosystemMap($g: EcosystemGraphFilter, $e: EcosystemFilter, $max: Int) {
  ecosystemGraph(filter: $g, maxNodes: $max) {
    nodes { organisation { id name } sector collaborations betweenness }
    edges { a b weight phase }
    omitted
  }
  ecosystem(filter: $e) { sectorMatrix { a b collaborations translators organisationsA organisationsB } }
}`;

interface MapData {
  ecosystemGraph: EcosystemGraph;
  ecosystem: { sectorMatrix: { a: string; b: string; collaborations: number; translators: number; organisationsA: number; organisationsB: number }[] };
}

export const mapPage: Page = {
  path: "/map",
  title: "map.title",
  nav: "nav.map",
  render(root, { params, navigate }) {
    root.append(h("p", { class: "lead" }, t("map.summary")));
    if (!canSee()) {
      root.append(h("p", { role: "note" }, h("a", { href: "/signin?next=/map" }, t("map.signInFirst"))));
      return;
    }
    const get = (k: string) => params.get(k) ?? "";
    const region = textFilter("map-region", get("region"));
    const sector = choice("map-sector", [["", t("board.anySector")], ...SECTORS.map((s): [string, string] => [s, sectorName(s)])], get("sector"));
    const phase = choice("map-phase", [["", t("map.anyPhase")], ...PHASES.map((p): [string, string] => [p, phaseName(p)])], get("phase"));
    const size = choice("map-size", SIZES.map((n): [string, string] => [n, n]), get("max") || "300");
    const topic = topicPicker({ id: "map-topic", label: t("board.topic"), emptyLabel: t("board.anyTopic"), initialId: get("topic") || null });
    const filters = addressFilters({
      path: "/map",
      idPrefix: "map",
      navigate,
      fields: [
        { param: "region", element: filterField("map-region", t("board.region"), region), value: () => region.value },
        { param: "topic", element: topic.element, value: topic.value },
        { param: "sector", element: filterField("map-sector", t("board.sector"), sector), value: () => sector.value },
        { param: "phase", element: filterField("map-phase", t("map.phase"), phase), value: () => phase.value },
        { param: "max", element: filterField("map-size", t("map.size"), size), value: () => size.value, byDefault: "300" },
      ],
    });
    const body = h("div", { class: "map-layout", "aria-busy": "true" }, h("p", { class: "muted" }, t("common.loading")));
    root.append(filters, body);

    let destroy: (() => void) | null = null;
    let gone = false;
    // Filters not set are left out: the API refuses an enum given as null.
    const set = (pairs: [string, string][]) => Object.fromEntries(pairs.filter(([, v]) => v));
    const g = set([["region", get("region")], ["topicId", get("topic")], ["sector", get("sector")], ["phase", get("phase")]]);
    const e = set([["region", get("region")], ["topicId", get("topic")]]);
    void gql<MapData>(MAP, { g, e, max: Number(get("max") || 300) })
      .then((data) => {
        if (gone) return;
        const graph = data.ecosystemGraph;
        if (!graph.nodes.length) {
          body.replaceChildren(h("p", { class: "muted", id: "map-empty" }, t("map.empty")));
          return;
        }
        const map = ecosystemMap(graph, (id) => navigate(`/organisation?id=${encodeURIComponent(id)}`));
        destroy = map.destroy;
        const list = h(
          "details",
          { class: "map-list" },
          h("summary", {}, t("map.list", { n: graph.nodes.length })),
          h(
            "ol",
            { class: "plain-list" },
            [...graph.nodes]
              .sort((a, b) => b.collaborations - a.collaborations || a.organisation.name.localeCompare(b.organisation.name))
              .map((n) => h("li", {}, h("a", { href: `/organisation?id=${encodeURIComponent(n.organisation.id)}` }, n.organisation.name), ` · ${sectorName(n.sector)} · ${t("map.collabs", { n: n.collaborations })}`)),
          ),
        );
        body.replaceChildren(h("section", { class: "card map-card", "aria-label": t("map.title") }, map.element, list), matrix(data.ecosystem.sectorMatrix));
      })
      .catch((err) => body.replaceChildren(errorBox(err)))
      .finally(() => body.setAttribute("aria-busy", "false"));
    return () => {
      gone = true;
      destroy?.();
    };
  },
};
