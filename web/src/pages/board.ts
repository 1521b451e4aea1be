// The collaborations board: one column per phase, a card per collaboration
// with its partners (sector colours), form, topics and days in the phase.
// Filters live in the address, so a filtered board can be bookmarked. A
// card moves by dragging it to another column or, with the keyboard, by
// its "move to" select; either way a dialog asks for a note and the API
// records the phase change. On a phone the board scrolls sideways one
// column at a time inside its own box; the page itself does not.

import { gql } from "../api";
import { addressFilters, choice, filterField, textFilter } from "../components/addressFilters";
import { movePhaseDialog, moveControl, canSteer, phaseName, PHASES } from "../components/phaseHistory";
import { orgSearch } from "../components/orgSearch";
import { SECTORS, sectorColour, sectorName } from "../components/sectors";
import { topicName, topicPicker, type Topic } from "../components/topicPicker";
import { h } from "../dom";
import { errorBox } from "../errors";
import { locale, t, type MessageKey } from "../i18n";
import type { Page } from "../router";

interface Card {
  id: string;
  title: string;
  form: string;
  phase: string;
  lastPhaseChangeAt: string;
  topics: Topic[];
  partners: { organisation: { id: string; name: string; sector: string } }[];
}

type Column = { totalCount: number; nodes: Card[] };

/** Cards per column; the column says how many more there are. */
const PER_COLUMN = 50;
const DAY = 24 * 60 * 60 * 1000;
const FORMS = ["GRANT_AGREEMENT", "PARTNERSHIP_AGREEMENT", "FACILITIES", "FUNCTIONAL_COOPERATION", "PROJECT"];
const STALLED = ["", "P30D", "P90D", "P180D"];

const CARD = `id title form phase lastPhaseChangeAt topics { id name nameFi nameSv } partners { organisation { id name sector } }`;
/**
 * One aliased list per phase, stalled cards first. Each list takes its own
 * filter object (the shared filters and its phase), with the filters not
 * set left out: the API refuses an enum given as null.
 */
const BOARD = `query Board(${PHASES.map((p) => `$${p}: CollaborationFilter`).join(", ")}, $n: Int!) {
${PHASES.map((p) => `  ${p}: collaborations(filter: $${p}, orderBy: { field: LAST_PHASE_CHANGE, direction: ASC }, first: $n) { totalCount nodes { ${CARD} } }`).join("\n")}
}`;

function daysIn(c: Card, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(c.lastPhaseChangeAt)) / DAY));
}

export const boardPage: Page = {
  path: "/board",
  title: "board.title",
  nav: "nav.board",
  render(root, { params, navigate }) {
    const get = (k: string) => params.get(k) ?? "";
    const search = textFilter("board-search", get("q"), "search");
    const form = choice("board-form", [["", t("board.anyForm")], ...FORMS.map((f): [string, string] => [f, t(`form.${f}` as MessageKey)])], get("form"));
    const sector = choice("board-sector", [["", t("board.anySector")], ...SECTORS.map((s): [string, string] => [s, sectorName(s)])], get("sector"));
    const region = textFilter("board-region", get("region"));
    const stalled = choice("board-stalled", STALLED.map((d): [string, string] => [d, d ? t("board.stalledFor", { n: parseInt(d.slice(1), 10) }) : t("board.anyPace")]), get("stalled"));
    const topic = topicPicker({ id: "board-topic", label: t("board.topic"), emptyLabel: t("board.anyTopic"), initialId: get("topic") || null });
    const partner = orgSearch({ label: t("board.partner"), id: "board-partner", initialId: get("partner") || null, onChange: () => undefined });
    const filters = addressFilters({
      path: "/board",
      idPrefix: "board",
      navigate,
      fields: [
        { param: "q", element: filterField("board-search", t("board.search"), search), value: () => search.value },
        { param: "form", element: filterField("board-form", t("board.form"), form), value: () => form.value },
        { param: "topic", element: topic.element, value: topic.value },
        { param: "sector", element: filterField("board-sector", t("board.sector"), sector), value: () => sector.value },
        { param: "partner", element: partner.element, value: () => partner.value()?.id ?? "" },
        { param: "region", element: filterField("board-region", t("board.region"), region), value: () => region.value },
        { param: "stalled", element: filterField("board-stalled", t("board.stalled"), stalled), value: () => stalled.value },
      ],
    });
    const board = h("div", { class: "board", id: "board", "aria-busy": "true" });
    root.append(h("p", { class: "lead" }, t("board.summary")), filters, h("p", { class: "hint" }, t("board.howToMove")), board);

    const shared: Record<string, string> = {};
    for (const [key, param] of [["form", "form"], ["topicId", "topic"], ["sector", "sector"], ["organisationId", "partner"], ["region", "region"], ["stalledFor", "stalled"], ["search", "q"]]) {
      if (get(param)) shared[key] = get(param);
    }
    const vars: Record<string, unknown> = { n: PER_COLUMN };
    for (const p of PHASES) vars[p] = { ...shared, phase: p };
    let gone = false;

    async function load(): Promise<void> {
      board.setAttribute("aria-busy", "true");
      try {
        const data = await gql<Record<string, Column>>(BOARD, vars);
        if (!gone) show(data);
      } catch (err) {
        board.replaceChildren(errorBox(err));
      } finally {
        board.setAttribute("aria-busy", "false");
      }
    }

    function show(data: Record<string, Column>): void {
      const now = Date.now();
      board.replaceChildren(...PHASES.map((p) => column(p, data[p], now)));
    }

    function column(phase: string, col: Column, now: number): HTMLElement {
      const headingId = `col-${phase}-h`;
      const list = h("ul", { class: "board-cards" }, col.nodes.map((c) => card(c, now)));
      const section = h(
        "section",
        { class: "board-col", id: `col-${phase}`, "aria-labelledby": headingId, dataset: { phase } },
        h("h2", { id: headingId }, phaseName(phase), " ", h("span", { class: "count" }, `(${col.totalCount.toLocaleString(locale())})`)),
        col.nodes.length ? list : h("p", { class: "muted" }, t("board.empty")),
        col.totalCount > col.nodes.length ? h("p", { class: "hint" }, t("board.more", { n: col.totalCount - col.nodes.length })) : null,
      );
      // Dropping a dragged card on another column moves it there.
      section.addEventListener("dragover", (e) => {
        if (!e.dataTransfer?.types.includes("application/x-tulkki-collaboration")) return;
        e.preventDefault();
        section.classList.add("drop-target");
      });
      section.addEventListener("dragleave", () => section.classList.remove("drop-target"));
      section.addEventListener("drop", (e) => {
        section.classList.remove("drop-target");
        const raw = e.dataTransfer?.getData("application/x-tulkki-collaboration");
        if (!raw) return;
        e.preventDefault();
        const c = JSON.parse(raw) as { id: string; title: string; phase: string };
        if (c.phase !== phase) movePhaseDialog(c, phase, () => void load(), document.getElementById(`card-${c.id}`)?.querySelector("a"));
      });
      return section;
    }

    function card(c: Card, now: number): HTMLElement {
      const steer = canSteer(c.partners.map((p) => p.organisation.id));
      const days = daysIn(c, now);
      const el = h(
        "li",
        { class: "board-card", id: `card-${c.id}`, draggable: steer ? "true" : undefined, dataset: { id: c.id } },
        h("h3", {}, h("a", { href: `/collaboration?id=${encodeURIComponent(c.id)}` }, c.title)),
        h(
          "ul",
          { class: "card-partners", "aria-label": t("collab.partners") },
          c.partners.map((p) => h("li", { class: "chip", style: { background: sectorColour(p.organisation.sector) }, title: sectorName(p.organisation.sector) }, p.organisation.name)),
        ),
        h("p", { class: "muted" }, t(`form.${c.form}` as MessageKey), c.topics.length ? ` · ${c.topics.map(topicName).join(", ")}` : ""),
        h("p", { class: `days${days >= 90 && c.phase !== "EVALUATED" ? " stalled" : ""}` }, t("board.days", { n: days })),
        steer ? moveControl(c, () => void load(), "board-move") : null,
      );
      if (steer) {
        el.addEventListener("dragstart", (e) => {
          e.dataTransfer?.setData("application/x-tulkki-collaboration", JSON.stringify({ id: c.id, title: c.title, phase: c.phase }));
          if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
          el.classList.add("dragging");
        });
        el.addEventListener("dragend", () => el.classList.remove("dragging"));
      }
      return el;
    }

    void load();
    return () => {
      gone = true;
    };
  },
};
