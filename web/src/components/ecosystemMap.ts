// The ecosystem map: organisations as nodes (coloured by sector, sized by
// their collaborations), shared collaborations as edges, drawn with
// Cytoscape.js and laid out with fCoSE, as the evidence graph is. Clicking
// (or, with the keyboard, Enter on) a node opens the organisation's page.
// The picture can be saved as PNG (Cytoscape's renderer) or SVG (written
// here from the laid-out positions, as Cytoscape has no SVG output).
//
// Keyboard: the map is one focusable region; arrow keys step through the
// organisations, most connected first, Enter opens the one chosen, + and -
// zoom, 0 fits.

import cytoscape from "cytoscape";
import type { Core, ElementDefinition } from "cytoscape";
import fcose, { type FcoseLayoutOptions } from "cytoscape-fcose";
import { h } from "../dom";
import { graphKeys } from "./graphKeys";
import { t } from "../i18n";
import { sectorColour, sectorLegend, sectorName } from "./sectors";

cytoscape.use(fcose);

export interface EcosystemGraph {
  nodes: { organisation: { id: string; name: string }; sector: string; collaborations: number; betweenness: number }[];
  edges: { a: string; b: string; weight: number; phase: string }[];
  omitted: number;
}

interface NodeData {
  id: string;
  label: string;
  sector: string;
  colour: string;
  collaborations: number;
  size: number;
}

/** Node diameter in pixels for a number of collaborations. */
function nodeSize(collaborations: number, most: number): number {
  return Math.round(14 + 36 * Math.sqrt(collaborations / Math.max(1, most)));
}

export function mapElements(g: EcosystemGraph): ElementDefinition[] {
  const most = Math.max(1, ...g.nodes.map((n) => n.collaborations));
  const ids = new Set(g.nodes.map((n) => n.organisation.id));
  const nodes: ElementDefinition[] = g.nodes.map((n) => ({
    group: "nodes",
    data: { id: n.organisation.id, label: n.organisation.name, sector: n.sector, colour: sectorColour(n.sector), collaborations: n.collaborations, size: nodeSize(n.collaborations, most) } satisfies NodeData,
  }));
  const edges: ElementDefinition[] = g.edges
    .filter((e) => ids.has(e.a) && ids.has(e.b))
    .map((e) => ({ group: "edges", data: { id: `${e.a}|${e.b}`, source: e.a, target: e.b, weight: e.weight, width: Math.min(8, 1 + e.weight) } }));
  return [...nodes, ...edges];
}

const LAYOUT: FcoseLayoutOptions = {
  name: "fcose",
  quality: "default",
  randomize: true,
  animate: false,
  fit: true,
  padding: 20,
  nodeDimensionsIncludeLabels: false,
  idealEdgeLength: () => 70,
  nodeRepulsion: () => 6000,
};

function escapeXML(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c);
}

/** The laid-out map as a standalone SVG document. */
export function mapSVG(cy: Core, title: string): string {
  const bb = cy.elements().boundingBox({});
  const pad = 20;
  const x0 = bb.x1 - pad;
  const y0 = bb.y1 - pad;
  const w = bb.w + 2 * pad;
  const hgt = bb.h + 2 * pad;
  const lines = cy.edges().map((e) => {
    const s = e.source().position();
    const d = e.target().position();
    return `<line x1="${s.x.toFixed(1)}" y1="${s.y.toFixed(1)}" x2="${d.x.toFixed(1)}" y2="${d.y.toFixed(1)}" stroke="#94a3b8" stroke-width="${e.data("width")}" stroke-opacity="0.7"/>`;
  });
  const circles = cy.nodes().map((n) => {
    const p = n.position();
    const d = n.data() as NodeData;
    return `<g><title>${escapeXML(`${d.label} (${sectorName(d.sector)}): ${d.collaborations}`)}</title><circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="${(d.size / 2).toFixed(1)}" fill="${d.colour}" stroke="#0f172a" stroke-width="1"/><text x="${p.x.toFixed(1)}" y="${(p.y + d.size / 2 + 10).toFixed(1)}" font-size="9" text-anchor="middle" fill="#0f172a">${escapeXML(d.label)}</text></g>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0.toFixed(1)} ${y0.toFixed(1)} ${w.toFixed(1)} ${hgt.toFixed(1)}" width="${Math.round(w)}" height="${Math.round(hgt)}" font-family="system-ui, sans-serif">
<title>${escapeXML(title)}</title>
<rect x="${x0.toFixed(1)}" y="${y0.toFixed(1)}" width="${w.toFixed(1)}" height="${hgt.toFixed(1)}" fill="#ffffff"/>
${lines.join("\n")}
${circles.join("\n")}
</svg>
`;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface EcosystemMap {
  element: HTMLElement;
  destroy: () => void;
}

export function ecosystemMap(g: EcosystemGraph, open: (organisationId: string) => void): EcosystemMap {
  const canvas = h("div", {
    class: "graph-canvas map-canvas",
    id: "ecosystem-map",
    tabindex: "0",
    role: "application",
    "aria-roledescription": t("map.roleDescription"),
    "aria-label": t("map.label", { n: g.nodes.length }),
    "aria-describedby": "map-help",
  });
  const details = h("p", { class: "graph-details", "aria-live": "polite", id: "map-details" }, t("map.hint"));
  const help = h("p", { id: "map-help", class: "hint" }, t("map.keys"));
  const legend = sectorLegend([h("li", {}, h("span", { class: "swatch size", "aria-hidden": "true" }), t("map.legendSize"))]);
  const png = h("button", { type: "button", class: "secondary small", id: "map-png", disabled: true }, t("map.png"));
  const svg = h("button", { type: "button", class: "secondary small", id: "map-svg", disabled: true }, t("map.svg"));
  const element = h(
    "div",
    { class: "graph map" },
    canvas,
    details,
    legend,
    g.omitted ? h("p", { class: "hint", id: "map-omitted" }, t("map.omitted", { n: g.omitted })) : null,
    h("div", { class: "actions" }, png, svg),
    help,
  );

  let cy: Core | null = null;
  // Most connected first: the order the keyboard steps in.
  let order: string[] = [];
  requestAnimationFrame(() => {
    if (!canvas.isConnected) return;
    cy = cytoscape({
      container: canvas,
      elements: mapElements(g),
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            width: "data(size)",
            height: "data(size)",
            label: "data(label)",
            "font-size": 10,
            "min-zoomed-font-size": 7,
            "text-valign": "bottom",
            "text-margin-y": 2,
            color: "#0f172a",
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.7,
            "border-width": 1,
            "border-color": "#0f172a",
          },
        },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#f59e0b" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "#94a3b8", opacity: 0.6, "curve-style": "haystack" } },
      ],
    });
    const started = performance.now();
    cy.layout(LAYOUT).run();
    canvas.dataset.layoutMs = String(Math.round(performance.now() - started));
    canvas.dataset.nodeCount = String(cy.nodes().length);
    canvas.dataset.edgeCount = String(cy.edges().length);
    order = cy
      .nodes()
      .sort((a, b) => b.data("collaborations") - a.data("collaborations") || String(a.data("label")).localeCompare(String(b.data("label"))))
      .map((n) => n.id());
    cy.on("tap", "node", (e) => open(e.target.id()));
    cy.on("mouseover", "node", (e) => describe(e.target.id()));
    png.disabled = false;
    svg.disabled = false;
  });

  png.addEventListener("click", () => {
    if (cy) download(cy.png({ full: true, scale: 2, bg: "#ffffff", output: "blob" }), "tulkki-ecosystem.png");
  });
  svg.addEventListener("click", () => {
    if (cy) download(new Blob([mapSVG(cy, t("map.title"))], { type: "image/svg+xml" }), "tulkki-ecosystem.svg");
  });

  const describe = (id: string): void => {
    if (!cy) return;
    const node = cy.getElementById(id);
    cy.nodes().unselect();
    node.select();
    const d = node.data() as NodeData;
    details.textContent = t("map.node", { name: d.label, sector: sectorName(d.sector), n: d.collaborations, links: node.connectedEdges().length });
  };

  graphKeys(canvas, { cy: () => cy, order: () => order, step: describe, enter: open, fitPadding: 20 });

  return { element, destroy: () => cy?.destroy() };
}
