// The evidence for one translator drawn as a network with Cytoscape.js:
// the person in the middle, the organisations, collaborations and sectors
// that tie them to side A on the left and side B on the right, organisations
// coloured by sector. The layout is fCoSE (cytoscape-fcose), a
// force-directed layout with constraints: the person is fixed in the middle,
// the two organisations asked about at the left and right, and every node
// tied to only one side is kept on that side of the person.
//
// Keyboard: the graph is one focusable region; arrow keys step through the
// nodes, + and - zoom, 0 fits. The selected node is described in text
// below the graph, and the evidence is also listed as text.

import cytoscape from "cytoscape";
import type { Core, ElementDefinition } from "cytoscape";
import fcose, { type FcoseLayoutOptions, type FcoseRelativePlacementConstraint } from "cytoscape-fcose";
import { h } from "../dom";
import { graphKeys } from "./graphKeys";
import { t } from "../i18n";
import { sectorColour, sectorLegend, sectorName } from "./sectors";

export interface PathNode {
  id: string;
  label: string;
  name?: string | null;
}
export interface PathRelationship {
  type: string;
  startId: string;
  endId: string;
}
export interface Evidence {
  side: "A" | "B";
  kind: string;
  strength: number;
  summary: string;
  organisation?: { id: string; name: string; sector: string } | null;
  path: { nodes: PathNode[]; relationships: PathRelationship[] };
}

export interface GraphInput {
  person: { id: string; name: string };
  evidence: Evidence[];
  /** Sector of each organisation on the paths, by id. */
  orgSectors: Map<string, string>;
  sides: { A: { id: string; name: string }; B: { id: string; name: string } };
}

interface NodeData {
  id: string;
  label: string;
  kind: string;
  sector?: string;
  colour: string;
  side?: "A" | "B" | "both";
  main?: boolean;
}

const SIDE_X = 260;

cytoscape.use(fcose);

/**
 * Builds the graph's elements: the union of the evidence paths. An
 * Experience node (one stint) is folded into the edge from its person to
 * its organisation, labelled with the role, which keeps the picture small.
 */
export function graphElements(input: GraphInput): ElementDefinition[] {
  const nodes = new Map<string, NodeData>();
  const edges = new Map<string, { id: string; source: string; target: string; label: string }>();
  const sideOf = new Map<string, Set<"A" | "B">>();

  const addNode = (n: PathNode, side: "A" | "B"): void => {
    if (n.label === "Experience") return;
    const sides = sideOf.get(n.id) ?? new Set();
    sides.add(side);
    sideOf.set(n.id, sides);
    if (nodes.has(n.id)) return;
    let sector: string | undefined;
    if (n.label === "Organisation") sector = input.orgSectors.get(n.id);
    if (n.label === "Sector") sector = n.id;
    const main = n.id === input.person.id;
    nodes.set(n.id, {
      id: n.id,
      label: n.label === "Sector" ? sectorName(n.id) : (n.name ?? n.id),
      kind: n.label,
      sector,
      colour: main ? "#0f172a" : n.label === "Person" ? "#64748b" : n.label === "Collaboration" ? "#f8fafc" : sectorColour(sector),
      main,
    });
  };

  for (const ev of input.evidence) {
    const byId = new Map(ev.path.nodes.map((n) => [n.id, n]));
    ev.path.nodes.forEach((n) => addNode(n, ev.side));
    // Fold Person -HAS_EXPERIENCE-> Experience -AT-> Organisation.
    const stintOwner = new Map<string, string>();
    const stintOrg = new Map<string, string>();
    for (const r of ev.path.relationships) {
      if (r.type === "HAS_EXPERIENCE") stintOwner.set(r.endId, r.startId);
      if (r.type === "AT") stintOrg.set(r.startId, r.endId);
    }
    for (const r of ev.path.relationships) {
      let source = r.startId;
      let target = r.endId;
      let label = r.type.toLowerCase().replace(/_/g, " ");
      if (r.type === "HAS_EXPERIENCE") {
        const org = stintOrg.get(r.endId);
        if (!org) continue;
        target = org;
        label = byId.get(r.endId)?.name ?? t("graph.stint");
      } else if (r.type === "AT" && stintOwner.has(r.startId)) {
        continue;
      }
      const id = `${source}|${label}|${target}`;
      if (!edges.has(id)) edges.set(id, { id, source, target, label });
    }
  }
  if (!nodes.has(input.person.id)) {
    nodes.set(input.person.id, { id: input.person.id, label: input.person.name, kind: "Person", colour: "#0f172a", main: true });
  }
  for (const [id, sides] of sideOf) {
    const n = nodes.get(id);
    if (n) n.side = sides.size > 1 ? "both" : [...sides][0];
  }
  // The two organisations asked about are the anchors of each side.
  for (const [side, org] of [["A", input.sides.A], ["B", input.sides.B]] as const) {
    const n = nodes.get(org.id);
    if (n) n.side = side;
  }

  const els: ElementDefinition[] = [];
  let i = 0;
  for (const n of nodes.values()) {
    i += 1;
    const x = n.main ? 0 : n.side === "A" ? -SIDE_X : n.side === "B" ? SIDE_X : 0;
    const y = n.main ? 0 : ((i % 7) - 3) * 60;
    const isAnchor = n.id === input.sides.A.id || n.id === input.sides.B.id;
    els.push({ group: "nodes", data: { ...n }, position: { x, y }, classes: [n.kind.toLowerCase(), n.main ? "main" : "", isAnchor ? "anchor" : ""].join(" ").trim() });
  }
  for (const e of edges.values()) {
    if (nodes.has(e.source) && nodes.has(e.target)) els.push({ group: "edges", data: e });
  }
  return els;
}

function layoutOptions(cy: Core, input: GraphInput): FcoseLayoutOptions {
  const fixed = [{ nodeId: input.person.id, position: { x: 0, y: 0 } }];
  for (const [id, x] of [[input.sides.A.id, -SIDE_X], [input.sides.B.id, SIDE_X]] as const) {
    if (cy.getElementById(id).nonempty()) fixed.push({ nodeId: id, position: { x, y: 0 } });
  }
  const relative: FcoseRelativePlacementConstraint[] = [];
  cy.nodes().forEach((n) => {
    const d = n.data() as NodeData;
    if (d.main || fixed.some((f) => f.nodeId === d.id)) return;
    if (d.side === "A") relative.push({ left: d.id, right: input.person.id, gap: 80 });
    if (d.side === "B") relative.push({ left: input.person.id, right: d.id, gap: 80 });
  });
  return {
    name: "fcose",
    quality: "proof",
    // Start from the side-ordered positions, so the same evidence is drawn
    // the same way every time.
    randomize: false,
    animate: false,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => 110,
    nodeRepulsion: () => 8000,
    fixedNodeConstraint: fixed,
    relativePlacementConstraint: relative,
  };
}

export interface EvidenceGraph {
  element: HTMLElement;
  destroy: () => void;
}

export function evidenceGraph(input: GraphInput): EvidenceGraph {
  const canvas = h("div", {
    class: "graph-canvas",
    tabindex: "0",
    role: "application",
    "aria-roledescription": t("graph.roleDescription"),
    "aria-label": t("graph.label", { name: input.person.name }),
    "aria-describedby": "graph-help",
    "data-testid": "evidence-graph",
  });
  const details = h("p", { class: "graph-details", "aria-live": "polite" }, t("graph.hint"));
  const help = h("p", { id: "graph-help", class: "hint" }, t("graph.keys"));
  const legend = sectorLegend([
    h("li", {}, h("span", { class: "swatch person", "aria-hidden": "true" }), t("graph.legendPerson")),
    h("li", {}, h("span", { class: "swatch collab", "aria-hidden": "true" }), t("graph.legendCollab")),
  ]);
  const sides = h(
    "div",
    { class: "graph-sides", "aria-hidden": "true" },
    h("span", {}, "A: ", input.sides.A.name),
    h("span", {}, "B: ", input.sides.B.name),
  );
  const element = h("div", { class: "graph" }, sides, canvas, details, legend, help);

  let cy: Core | null = null;
  // Cytoscape needs the container in the document with a size; draw on the
  // next frame after the caller has inserted the element.
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    cy = cytoscape({
      container: canvas,
      elements: graphElements(input),
      minZoom: 0.3,
      maxZoom: 3,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            label: "data(label)",
            "font-size": 11,
            "text-wrap": "wrap",
            "text-max-width": "130px",
            "text-valign": "bottom",
            "text-margin-y": 4,
            color: "#0f172a",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.8,
            "text-background-padding": "2px",
            width: 26,
            height: 26,
            "border-width": 1,
            "border-color": "#0f172a",
          },
        },
        { selector: "node.main", style: { width: 42, height: 42, "font-size": 13, "font-weight": "bold" } },
        { selector: "node.anchor", style: { shape: "round-rectangle", width: 38, height: 30, "border-width": 3 } },
        { selector: "node.collaboration", style: { shape: "diamond", "border-width": 2, "border-color": "#334155" } },
        { selector: "node.sector", style: { shape: "hexagon" } },
        { selector: "node:selected", style: { "border-width": 5, "border-color": "#f59e0b" } },
        {
          selector: "edge",
          style: {
            width: 2,
            "line-color": "#94a3b8",
            "curve-style": "bezier",
            label: "data(label)",
            "font-size": 9,
            color: "#334155",
            "text-rotation": "autorotate",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.8,
          },
        },
      ],
    });
    cy.layout(layoutOptions(cy, input)).run();
    // A small graph fitted to the box would be blown up; keep text at
    // about its natural size.
    if (cy.zoom() > 1.1) {
      cy.zoom(1.1);
      cy.center();
    }
    canvas.dataset.nodeCount = String(cy.nodes().length);
    canvas.dataset.edgeCount = String(cy.edges().length);
    cy.on("tap", "node", (e) => describe(e.target.id()));
  });

  const describe = (id: string): void => {
    if (!cy) return;
    const node = cy.getElementById(id);
    cy.nodes().unselect();
    node.select();
    const d = node.data() as NodeData;
    const kind = t(`graph.kind.${d.kind}` as Parameters<typeof t>[0]);
    const sector = d.sector ? `, ${sectorName(d.sector)}` : "";
    const side = d.main ? "" : d.side === "both" ? ` — ${t("graph.sideBoth")}` : d.side ? ` — ${t("graph.side", { side: d.side })}` : "";
    details.textContent = `${d.label} (${kind}${sector})${side}; ${t("graph.links", { n: node.connectedEdges().length })}`;
  };

  graphKeys(canvas, { cy: () => cy, order: () => cy?.nodes().map((n) => n.id()) ?? [], step: describe, fitPadding: 40 });

  return { element, destroy: () => cy?.destroy() };
}
