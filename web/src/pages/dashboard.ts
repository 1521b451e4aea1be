// The coordinator's dashboard: the ecosystem's aggregates (Query.ecosystem)
// as small charts, the sector matrix as a heat map, and the stalled
// collaborations and pending evaluations as lists to act on. The charts
// are drawn with Chart.js; each has its figures as a table beside it for
// screen readers and the keyboard (the canvas itself is an image).

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
} from "chart.js";
import { gql } from "../api";
import { sectorChip, sectorColour } from "../components/sectors";
import { h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, locale, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession } from "../session";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

interface Ecosystem {
  collaborations: number;
  stalled: number;
  evaluationsPending: number;
  collaborationsByPhase: { phase: string; count: number }[];
  collaborationsByForm: { form: string; count: number }[];
  sectorMatrix: { a: string; b: string; collaborations: number; translators: number; organisationsA: number; organisationsB: number }[];
  crossSectorByYear: { year: number; collaborations: number; crossSector: number }[];
}

interface Listed {
  id: string;
  title: string;
  phase: string;
  lastPhaseChangeAt: string;
  evaluation: { rating: number } | null;
  partners: { organisation: { name: string; sector: string } }[];
}

export const DASHBOARD = `query Dashboard {
  ecosystem {
    collaborations stalled evaluationsPending
    collaborationsByPhase { phase count } collaborationsByForm { form count }
    sectorMatrix { a b collaborations translators organisationsA organisationsB }
    crossSectorByYear { year collaborations crossSector }
  }
  stalled: collaborations(filter: { stalledFor: "P90D" }, orderBy: { field: LAST_PHASE_CHANGE }, first: 20) {
    totalCount nodes { id title phase lastPhaseChangeAt evaluation { rating } partners { organisation { name sector } } }
  }
  launched: collaborations(filter: { phase: LAUNCHED }, orderBy: { field: LAST_PHASE_CHANGE }, first: 100) {
    nodes { id title phase lastPhaseChangeAt evaluation { rating } partners { organisation { name sector } } }
  }
}`;

/** Whether the session may read the ecosystem (COORDINATOR or ADMIN). */
export function canSee(): boolean {
  const roles = currentSession()?.roles ?? [];
  return roles.includes("COORDINATOR") || roles.includes("ADMIN");
}

const DAY = 24 * 60 * 60 * 1000;
const LISTED = 20;

/** A chart with its figures as a table beside it. */
function chartCard(id: string, title: MessageKey, draw: (canvas: HTMLCanvasElement) => Chart, headers: string[], rows: (string | number)[][]): { card: HTMLElement; draw: () => Chart } {
  const canvas = h("canvas", { id: `${id}-chart`, role: "img", "aria-label": t(title) }) as HTMLCanvasElement;
  const table = h(
    "table",
    { class: "figures", id: `${id}-table` },
    h("caption", { class: "visually-hidden" }, t(title)),
    h("thead", {}, h("tr", {}, headers.map((x) => h("th", { scope: "col" }, x)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, r.map((x, i) => (i === 0 ? h("th", { scope: "row" }, String(x)) : h("td", {}, String(x))))))),
  );
  const card = h("section", { class: "card chart-card", "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, t(title)), h("div", { class: "chart-box" }, canvas), h("details", {}, h("summary", {}, t("dashboard.count")), table));
  return { card, draw: () => draw(canvas) };
}

function bar(canvas: HTMLCanvasElement, labels: string[], data: number[], colour: string): Chart {
  return new Chart(canvas, {
    type: "bar",
    data: { labels, datasets: [{ label: t("dashboard.count"), data, backgroundColor: colour }] },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, locale: locale() },
  });
}

/** A list of at most LISTED collaborations to act on, headed by how many there are in all. */
function collabList(id: string, title: MessageKey, empty: MessageKey, items: Listed[], total: number, now: number): HTMLElement {
  items = items.slice(0, LISTED);
  return h(
    "section",
    { class: "card", "aria-labelledby": `${id}-h`, id },
    h("h2", { id: `${id}-h` }, `${t(title)} (${total.toLocaleString(locale())})`),
    items.length === 0
      ? h("p", { class: "muted" }, t(empty))
      : h(
          "ul",
          { class: "plain-list" },
          items.map((c) =>
            h(
              "li",
              { "data-id": c.id },
              h("strong", {}, c.title),
              " ",
              h("span", { class: "muted" }, t("dashboard.daysInPhase", { n: Math.floor((now - Date.parse(c.lastPhaseChangeAt)) / DAY), phase: t(`phase.${c.phase}` as MessageKey) })),
              " ",
              h("span", {}, c.partners.map((p) => sectorChip(p.organisation.sector))),
              " ",
              h("span", { class: "muted" }, fmtDate(c.lastPhaseChangeAt.slice(0, 10))),
            ),
          ),
        ),
  );
}

/** The sector matrix as a table shaded by collaborations per organisation. */
export function matrix(rows: Ecosystem["sectorMatrix"]): HTMLElement {
  const ratios = rows.map((r) => r.collaborations / Math.max(1, Math.min(r.organisationsA, r.organisationsB)));
  const most = Math.max(0.0001, ...ratios);
  return h(
    "section",
    { class: "card", "aria-labelledby": "matrix-h" },
    h("h2", { id: "matrix-h" }, t("dashboard.matrix")),
    h("p", { class: "hint" }, t("dashboard.matrixHint")),
    h(
      "div",
      { class: "table-scroll" },
      h(
        "table",
        { class: "matrix", id: "sector-matrix" },
        h("thead", {}, h("tr", {}, [t("dashboard.pair"), t("dashboard.collaborations"), t("dashboard.translators"), t("dashboard.organisations")].map((x) => h("th", { scope: "col" }, x)))),
        h(
          "tbody",
          {},
          rows.map((r, i) => {
            // Grey areas darker: fewer collaborations per organisation.
            const shade = 1 - ratios[i] / most;
            return h(
              "tr",
              { "data-pair": `${r.a}-${r.b}` },
              h("th", { scope: "row" }, sectorChip(r.a), r.a === r.b ? null : sectorChip(r.b)),
              h("td", { class: "heat", style: { background: `rgba(71, 85, 105, ${(0.08 + 0.5 * shade).toFixed(2)})`, color: shade > 0.7 ? "#fff" : "inherit" } }, String(r.collaborations)),
              h("td", {}, String(r.translators)),
              h("td", {}, r.a === r.b ? String(r.organisationsA) : `${r.organisationsA} / ${r.organisationsB}`),
            );
          }),
        ),
      ),
    ),
  );
}

export const dashboardPage: Page = {
  path: "/dashboard",
  title: "dashboard.title",
  nav: "nav.dashboard",
  render(root) {
    root.append(h("p", { class: "lead" }, t("dashboard.summary")));
    if (!canSee()) {
      root.append(h("p", { role: "note" }, h("a", { href: "/signin?next=/dashboard" }, t("dashboard.signInFirst"))));
      return;
    }
    const status = h("p", { class: "muted", role: "status" }, t("common.loading"));
    root.append(status);
    const charts: Chart[] = [];
    let gone = false;
    void gql<{ ecosystem: Ecosystem; stalled: { totalCount: number; nodes: Listed[] }; launched: { nodes: Listed[] } }>(DASHBOARD)
      .then(({ ecosystem: e, stalled, launched }) => {
        if (gone) return;
        const now = Date.now();
        const figure = (id: string, label: MessageKey, n: number) =>
          h("div", { class: "figure", id }, h("span", { class: "figure-n" }, n.toLocaleString(locale())), h("span", { class: "figure-label" }, t(label)));
        const phases = chartCard(
          "phases",
          "dashboard.byPhase",
          (c) => bar(c, e.collaborationsByPhase.map((p) => t(`phase.${p.phase}` as MessageKey)), e.collaborationsByPhase.map((p) => p.count), "#1d4ed8"),
          ["", t("dashboard.count")],
          e.collaborationsByPhase.map((p) => [t(`phase.${p.phase}` as MessageKey), p.count]),
        );
        const forms = chartCard(
          "forms",
          "dashboard.byForm",
          (c) => bar(c, e.collaborationsByForm.map((f) => t(`form.${f.form}` as MessageKey)), e.collaborationsByForm.map((f) => f.count), sectorColour("THIRD")),
          ["", t("dashboard.count")],
          e.collaborationsByForm.map((f) => [t(`form.${f.form}` as MessageKey), f.count]),
        );
        const share = (y: Ecosystem["crossSectorByYear"][number]) => (y.collaborations ? Math.round((100 * y.crossSector) / y.collaborations) : 0);
        const cross = chartCard(
          "cross",
          "dashboard.crossShare",
          (c) =>
            new Chart(c, {
              type: "line",
              data: { labels: e.crossSectorByYear.map((y) => String(y.year)), datasets: [{ label: t("dashboard.crossShareAxis"), data: e.crossSectorByYear.map(share), borderColor: sectorColour("ACADEMIA"), backgroundColor: sectorColour("ACADEMIA") }] },
              options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, max: 100 } }, locale: locale() },
            }),
          [t("dashboard.year"), t("dashboard.collaborations"), "%"],
          e.crossSectorByYear.map((y) => [y.year, y.collaborations, share(y)]),
        );
        const pending = launched.nodes.filter((c) => !c.evaluation);
        status.remove();
        root.append(
          h("div", { class: "figures-row" }, figure("fig-total", "dashboard.total", e.collaborations), figure("fig-stalled", "dashboard.stalled", e.stalled), figure("fig-pending", "dashboard.pending", e.evaluationsPending)),
          h("div", { class: "chart-grid" }, phases.card, forms.card, cross.card),
          matrix(e.sectorMatrix),
          h("div", { class: "chart-grid" }, collabList("stalled-list", "dashboard.stalledList", "dashboard.noneStalled", stalled.nodes, e.stalled, now), collabList("pending-list", "dashboard.pendingList", "dashboard.nonePending", pending, e.evaluationsPending, now)),
        );
        charts.push(phases.draw(), forms.draw(), cross.draw());
      })
      .catch((err) => {
        status.replaceWith(errorBox(err));
      });
    return () => {
      gone = true;
      for (const c of charts) c.destroy();
    };
  },
};
