// Plan a workshop (facilitators and administrators): a form for the plan,
// the proposed tables drawn as groups coloured by sector with each table's
// translator marked, moving people between tables, saving, and the saved
// workshop (?id=…) with its printable seating page and CSV export.
//
// A proposal is not stored: createWorkshop plans again from the same input
// (same seed, same data, same seating). So moves made before saving are
// kept here and replayed with moveWorkshopParticipant right after the
// workshop is created; moves on a saved workshop go straight to the API.

import { ApiError, fetchFile, gql } from "../api";
import { orgSearch, type Org } from "../components/orgSearch";
import { sectorFilter } from "../components/sectorFilter";
import { sectorChip, sectorColour, sectorLegend, SECTORS } from "../components/sectors";
import { topicName, topicPicker, type Topic } from "../components/topicPicker";
import { announce, append, h, mount } from "../dom";
import { errorBox, successBox } from "../errors";
import { fmtDate, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession } from "../session";

interface Participant {
  role: "ORGANISATION_REP" | "TRANSLATOR";
  table: number;
  person: { id: string; name: string; sectors: string[] };
  organisation: { id: string; name: string; sector: string } | null;
}

interface Table {
  number: number;
  sectors: string[];
  participants: Participant[];
  unusualPairing: { id: string; name: string }[];
}

interface Unmet {
  code: string;
  message: string;
  table: number | null;
  sector: string | null;
  subject: string | null;
}

interface Seating {
  topic: Topic;
  size: number;
  seed: number;
  sectors: string[];
  tables: Table[];
  unmetConstraints: Unmet[];
}

interface Workshop extends Seating {
  id: string;
  title: string;
  date: string;
  place: string | null;
  facilitator: string | null;
  seatingCsvUrl: string;
  seatingHtmlUrl: string;
}

interface PlanInput {
  topicId: string;
  size: number;
  tables: number;
  sectors: string[] | null;
  mustInclude: string[];
  exclude: string[];
  seed: number;
}

const SEATING = `topic { id name nameFi nameSv } size seed sectors
  tables {
    number sectors
    participants { role table person { id name sectors } organisation { id name sector } }
    unusualPairing { id name }
  }
  unmetConstraints { code message table sector subject }`;
const WORKSHOP = `id title date place facilitator seatingCsvUrl seatingHtmlUrl ${SEATING}`;
const PLAN = `query PlanWorkshop($input: PlanWorkshopInput!) { planWorkshop(input: $input) { ${SEATING} } }`;
const CREATE = `mutation CreateWorkshop($input: CreateWorkshopInput!) { createWorkshop(input: $input) { ${WORKSHOP} } }`;
const MOVE = `mutation MoveParticipant($w: ID!, $p: ID!, $table: Int!) { moveWorkshopParticipant(workshopId: $w, personId: $p, table: $table) { ${WORKSHOP} } }`;
const MOVE_ONLY = `mutation MoveParticipant($w: ID!, $p: ID!, $table: Int!) { moveWorkshopParticipant(workshopId: $w, personId: $p, table: $table) { id } }`;
const GET = `query Workshop($id: ID!) { workshop(id: $id) { ${WORKSHOP} } }`;
const LIST = `query Workshops { workshops(first: 20) { id title date place topic { id name nameFi nameSv } } }`;

function canPlan(): boolean {
  const roles = currentSession()?.roles ?? [];
  return roles.includes("FACILITATOR") || roles.includes("ADMIN");
}

function numberField(id: string, label: string, value: number, min: number, max: number, hint?: string): [HTMLElement, HTMLInputElement] {
  const input = h("input", { type: "number", id, value: String(value), min: String(min), max: String(max), required: true, inputmode: "numeric" });
  return [h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { class: "hint" }, hint) : null), input];
}

/** A list of chosen organisations with a type-ahead to add more. */
function orgList(id: string, label: string, hint: string): { element: HTMLElement; ids: () => string[] } {
  const chosen: Org[] = [];
  const list = h("ul", { class: "chips", "aria-label": label });
  const render = (): void => {
    list.replaceChildren(
      ...chosen.map((o, i) =>
        h(
          "li",
          { class: "chip plain" },
          o.name,
          " ",
          h("button", { type: "button", class: "link", "aria-label": t("workshop.removeOrg", { name: o.name }), onclick: () => { chosen.splice(i, 1); render(); } }, "×"),
        ),
      ),
    );
  };
  const picker = orgSearch({
    label,
    id,
    onChange: (o) => {
      if (o && !chosen.some((x) => x.id === o.id)) {
        chosen.push(o);
        render();
        picker.clear();
      }
    },
  });
  return { element: h("div", { class: "org-list" }, picker.element, h("p", { class: "hint" }, hint), list), ids: () => chosen.map((o) => o.id) };
}

export const workshopsPage: Page = {
  path: "/workshops",
  title: "workshop.title",
  nav: "nav.workshops",
  render(root, { params, navigate }) {
    if (!currentSession()) {
      root.append(h("p", {}, t("workshop.signInFirst")), h("p", {}, h("a", { href: "/signin?next=/workshops", class: "button primary" }, t("nav.signIn"))));
      return;
    }
    const id = params.get("id");
    if (id) {
      savedView(root, id);
      return;
    }
    planView(root, navigate);
  },
};

function planView(root: HTMLElement, navigate: (to: string, replace?: boolean) => void): void {
  const status = h("div", { class: "status-area" });
  const proposal = h("section", { class: "proposal", "aria-labelledby": "proposal-heading", "aria-busy": "false" });
  let topic = "";
  const pickTopic = topicPicker({ id: "ws-topic", label: t("workshop.topic"), emptyLabel: t("workshop.chooseTopic"), required: true, onChange: (v) => (topic = v) });
  const [sizeField, size] = numberField("ws-size", t("workshop.size"), 12, 6, 200, t("workshop.sizeHint"));
  const [tablesField, tables] = numberField("ws-tables", t("workshop.tables"), 3, 1, 100, t("workshop.tablesHint"));
  const [seedField, seed] = numberField("ws-seed", t("workshop.seed"), 1, -2147483648, 2147483647, t("workshop.seedHint"));
  const sectors = sectorFilter({ idPrefix: "ws-sector", legend: t("workshop.sectors"), hint: t("workshop.sectorsHint"), checked: [...SECTORS] });
  const must = orgList("ws-must", t("workshop.mustInclude"), t("workshop.mustIncludeHint"));
  const exclude = orgList("ws-exclude", t("workshop.exclude"), t("workshop.excludeHint"));

  const form = h(
    "form",
    {
      class: "card plan-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        const chosen = sectors.value();
        void propose({
          topicId: topic,
          size: Number(size.value),
          tables: Number(tables.value),
          // All four is what the API does when none are given.
          sectors: chosen.length === SECTORS.length ? null : chosen,
          mustInclude: must.ids(),
          exclude: exclude.ids(),
          seed: Number(seed.value),
        });
      },
    },
    pickTopic.element,
    h("div", { class: "three-cols" }, sizeField, tablesField, seedField),
    sectors.element,
    h("div", { class: "two-cols" }, must.element, exclude.element),
    h("button", { type: "submit", class: "primary", id: "ws-propose" }, t("workshop.propose")),
  );

  const saved = h("section", { class: "card saved-list", "aria-labelledby": "saved-heading" });
  append(root, [
    h("p", { class: "lead" }, t("workshop.intro")),
    canPlan() ? null : h("p", { class: "alert", role: "note" }, t("workshop.facilitatorsOnly")),
    form,
    status,
    proposal,
    saved,
  ]);
  void listSaved(saved);

  async function propose(input: PlanInput): Promise<void> {
    status.replaceChildren();
    proposal.setAttribute("aria-busy", "true");
    proposal.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
    try {
      const data = await gql<{ planWorkshop: Seating }>(PLAN, { input });
      showProposal(input, data.planWorkshop);
    } catch (err) {
      proposal.replaceChildren(errorBox(err));
    } finally {
      proposal.setAttribute("aria-busy", "false");
    }
  }

  function showProposal(input: PlanInput, plan: Seating): void {
    // Where each person sits now, after the facilitator's moves.
    const planned = new Map<string, number>();
    for (const tb of plan.tables) for (const p of tb.participants) planned.set(p.person.id, tb.number);
    const moved = new Map<string, number>();
    const board = h("div", { class: "board-area" });
    const heading = h("h2", { id: "proposal-heading", tabindex: "-1" }, t("workshop.proposal", { topic: topicName(plan.topic) }));

    const redraw = (focusPerson?: string): void => {
      const seating: Seating = { ...plan, tables: regroup(plan.tables, moved) };
      mount(
        board,
        moved.size ? h("p", { class: "alert", role: "note" }, t("workshop.movedNote", { n: moved.size })) : null,
        unmetList(plan.unmetConstraints),
        tablesBoard(seating.tables, (personId, table) => {
          if (planned.get(personId) === table) moved.delete(personId);
          else moved.set(personId, table);
          redraw(personId);
          announceMove(seating.tables, personId, table);
        }),
      );
      if (focusPerson) focusMoved(board, focusPerson);
    };

    const title = h("input", { type: "text", id: "ws-title", required: true, maxlength: 200 });
    const date = h("input", { type: "date", id: "ws-date", required: true, value: defaultDate() });
    const place = h("input", { type: "text", id: "ws-place", maxlength: 200 });
    const facilitator = h("input", { type: "text", id: "ws-facilitator", maxlength: 200, value: currentSession()?.name ?? "" });
    const saveOut = h("div", {});
    const saveForm = h(
      "form",
      {
        class: "card save-form",
        "aria-labelledby": "save-heading",
        onsubmit: (e: Event) => {
          e.preventDefault();
          void save();
        },
      },
      h("h2", { id: "save-heading" }, t("workshop.saveHeading")),
      h(
        "div",
        { class: "two-cols" },
        h("div", { class: "field" }, h("label", { for: "ws-title" }, t("workshop.workshopTitle")), title),
        h("div", { class: "field" }, h("label", { for: "ws-date" }, t("workshop.date")), date),
        h("div", { class: "field" }, h("label", { for: "ws-place" }, t("workshop.place")), place),
        h("div", { class: "field" }, h("label", { for: "ws-facilitator" }, t("workshop.facilitator")), facilitator),
      ),
      h("button", { type: "submit", class: "primary", id: "ws-save" }, t("workshop.save")),
      saveOut,
    );

    async function save(): Promise<void> {
      saveOut.replaceChildren(h("p", { class: "muted" }, t("common.loading")));
      try {
        const data = await gql<{ createWorkshop: Workshop }>(CREATE, {
          input: { title: title.value.trim(), date: date.value, place: place.value.trim() || null, facilitator: facilitator.value.trim() || null, plan: input },
        });
        const w = data.createWorkshop;
        // Replay the moves made on the proposal, in the order they were
        // made. The workshop is saved by now, so a move that fails (the
        // data changed since the proposal) is reported on the saved
        // workshop rather than stopping here.
        let unmoved = 0;
        for (const [personId, table] of moved) {
          try {
            await gql<{ moveWorkshopParticipant: { id: string } }>(MOVE_ONLY, { w: w.id, p: personId, table });
          } catch {
            unmoved += 1;
          }
        }
        const q = new URLSearchParams({ id: w.id, saved: "1" });
        if (unmoved) q.set("unmoved", String(unmoved));
        navigate(`/workshops?${q}`);
      } catch (err) {
        saveOut.replaceChildren(errorBox(err));
      }
    }

    proposal.replaceChildren(
      heading,
      h("p", { class: "muted" }, t("workshop.proposalFacts", { size: plan.size, seed: plan.seed, sectors: plan.sectors.length })),
      sectorLegend([h("li", {}, h("span", { class: "badge translator" }, t("workshop.translator")))]),
      board,
      saveForm,
    );
    redraw();
    heading.focus();
    announce(t("workshop.proposal", { topic: topicName(plan.topic) }));
  }
}

function savedView(root: HTMLElement, id: string): void {
  const params = new URLSearchParams(location.search);
  const unmoved = Number(params.get("unmoved") ?? 0);
  const status = h(
    "div",
    { class: "status-area" },
    params.get("saved") ? successBox(t("workshop.saved")) : "",
    unmoved > 0 ? h("p", { class: "alert unmet", role: "alert" }, t("workshop.unmoved", { n: unmoved })) : "",
  );
  // The notes are for this visit only: a reload or a bookmark shows the workshop alone.
  if (params.has("saved") || params.has("unmoved")) history.replaceState(null, "", `/workshops?${new URLSearchParams({ id })}`);
  const body = h("div", { class: "workshop" }, h("p", { class: "muted" }, t("common.loading")));
  root.append(status, body);
  void (async () => {
    try {
      const data = await gql<{ workshop: Workshop | null }>(GET, { id });
      if (!data.workshop) {
        body.replaceChildren(errorBox(new ApiError("NOT_FOUND", id)));
        return;
      }
      show(data.workshop);
    } catch (err) {
      body.replaceChildren(errorBox(err));
    }
  })();

  function show(w: Workshop, focusPerson?: string): void {
    const exportOut = h("div", {});
    body.replaceChildren(
      h(
        "section",
        { class: "card workshop-head", "aria-labelledby": "workshop-heading" },
        h("h2", { id: "workshop-heading" }, w.title),
        h(
          "p",
          {},
          fmtDate(w.date),
          w.place ? ` · ${w.place}` : "",
          w.facilitator ? ` · ${t("workshop.facilitatedBy", { name: w.facilitator })}` : "",
        ),
        h("p", { class: "muted" }, t("workshop.topicIs", { topic: topicName(w.topic) }), " · ", t("workshop.proposalFacts", { size: w.size, seed: w.seed, sectors: w.sectors.length })),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", id: "ws-print", onclick: () => void openPrintable(w, exportOut) }, t("workshop.printable")),
          h("button", { type: "button", id: "ws-csv", onclick: () => void downloadCsv(w, exportOut) }, t("workshop.csv")),
          h("a", { href: "/workshops" }, t("workshop.planAnother")),
        ),
        exportOut,
      ),
      sectorLegend([h("li", {}, h("span", { class: "badge translator" }, t("workshop.translator")))]),
      unmetList(w.unmetConstraints),
      tablesBoard(w.tables, (personId, table) => void move(w, personId, table)),
    );
    if (focusPerson) focusMoved(body, focusPerson);
  }

  async function move(w: Workshop, personId: string, table: number): Promise<void> {
    status.replaceChildren();
    try {
      const data = await gql<{ moveWorkshopParticipant: Workshop }>(MOVE, { w: w.id, p: personId, table });
      show(data.moveWorkshopParticipant, personId);
      announceMove(data.moveWorkshopParticipant.tables, personId, table);
    } catch (err) {
      status.replaceChildren(errorBox(err));
    }
  }
}

/** The tables with the moved people taken to their new tables (translators first, as the API orders them). */
function regroup(tables: Table[], moved: Map<string, number>): Table[] {
  const all = tables.flatMap((tb) => tb.participants);
  return tables.map((tb) => {
    const here = all
      .filter((p) => (moved.get(p.person.id) ?? p.table) === tb.number)
      .map((p) => ({ ...p, table: tb.number }))
      .sort((a, b) => Number(b.role === "TRANSLATOR") - Number(a.role === "TRANSLATOR"));
    const sectors = SECTORS.filter((s) => here.some((p) => p.role === "ORGANISATION_REP" && p.organisation?.sector === s));
    const orgs = new Set(here.map((p) => p.organisation?.id));
    // The pairing stays shown only while both of its organisations sit here.
    const pairing = tb.unusualPairing.every((o) => orgs.has(o.id)) ? tb.unusualPairing : [];
    return { ...tb, participants: here, sectors, unusualPairing: pairing };
  });
}

function unmetList(unmet: Unmet[]): HTMLElement {
  if (!unmet.length) return h("p", { class: "alert success", role: "status", id: "ws-unmet" }, t("workshop.allMet"));
  return h(
    "div",
    { class: "alert unmet", id: "ws-unmet" },
    h("strong", {}, t("workshop.unmet", { n: unmet.length })),
    h(
      "ul",
      {},
      unmet.map((u) =>
        h(
          "li",
          { dataset: { code: u.code } },
          h("strong", {}, unmetTitle(u.code)),
          u.table != null ? ` (${t("workshop.tableN", { n: u.table })})` : "",
          ": ",
          u.message,
        ),
      ),
    ),
  );
}

/** The drag-and-drop data type of a seat (a person id). */
const DRAG_TYPE = "application/x-tulkki-person";

/** A translated name for a constraint code; the API's message (English) follows it. */
function unmetTitle(code: string): string {
  const key = `unmet.${code}` as MessageKey;
  const title = t(key);
  return title === key ? code : title;
}

function tablesBoard(tables: Table[], onMove: (personId: string, table: number) => void): HTMLElement {
  return h(
    "ol",
    { class: "tables-board", "aria-label": t("workshop.tablesLabel") },
    tables.map((tb) =>
      h(
        "li",
        {
          class: "card table-card",
          dataset: { table: String(tb.number) },
          // Drag and drop is a shortcut for mouse users; the table select
          // and Move button beside each person do the same by keyboard.
          ondragover: (e: DragEvent) => {
            if (!e.dataTransfer?.types.includes(DRAG_TYPE)) return;
            e.preventDefault();
            (e.currentTarget as HTMLElement).classList.add("drop-target");
          },
          ondragleave: (e: DragEvent) => (e.currentTarget as HTMLElement).classList.remove("drop-target"),
          ondrop: (e: DragEvent) => {
            e.preventDefault();
            (e.currentTarget as HTMLElement).classList.remove("drop-target");
            const personId = e.dataTransfer?.getData(DRAG_TYPE);
            const from = tables.find((x) => x.participants.some((p) => p.person.id === personId));
            if (personId && from && from.number !== tb.number) onMove(personId, tb.number);
          },
        },
        h("h3", {}, t("workshop.tableN", { n: tb.number }), " ", h("span", { class: "muted count" }, t("workshop.people", { n: tb.participants.length }))),
        h("p", { class: "chips" }, tb.sectors.map((s) => sectorChip(s))),
        tb.unusualPairing.length ? h("p", { class: "pairing-line" }, t("workshop.pairing", { names: tb.unusualPairing.map((o) => o.name).join(" × ") })) : null,
        h(
          "ul",
          { class: "seats" },
          tb.participants.map((p) => seat(p, tables, onMove)),
        ),
      ),
    ),
  );
}

function seat(p: Participant, tables: Table[], onMove: (personId: string, table: number) => void): HTMLElement {
  const translator = p.role === "TRANSLATOR";
  const selectId = `move-${p.person.id}`;
  const select = h(
    "select",
    { id: selectId, class: "move-select" },
    tables.map((tb) => h("option", { value: String(tb.number), selected: tb.number === p.table }, t("workshop.tableN", { n: tb.number }))),
  );
  const colour = translator ? "#0f172a" : sectorColour(p.organisation?.sector);
  return h(
    "li",
    {
      class: translator ? "seat translator" : "seat",
      style: { borderLeftColor: colour },
      dataset: { personId: p.person.id },
      draggable: "true",
      ondragstart: (e: DragEvent) => {
        e.dataTransfer?.setData(DRAG_TYPE, p.person.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
      },
    },
    h(
      "div",
      { class: "seat-who" },
      h("strong", {}, p.person.name),
      translator ? h("span", { class: "badge translator" }, t("workshop.translator")) : null,
      h("br", {}),
      translator
        ? h("span", { class: "muted" }, t("workshop.knows"), " ", p.person.sectors.map((s) => sectorChip(s)))
        : h("span", {}, p.organisation ? [sectorChip(p.organisation.sector), p.organisation.name] : null),
    ),
    h(
      "div",
      { class: "seat-move" },
      h("label", { for: selectId, class: "visually-hidden" }, t("workshop.moveLabel", { name: p.person.name })),
      select,
      h(
        "button",
        {
          type: "button",
          class: "small",
          "aria-label": t("workshop.moveButton", { name: p.person.name }),
          onclick: () => {
            const to = Number(select.value);
            if (to !== p.table) onMove(p.person.id, to);
          },
        },
        t("workshop.move"),
      ),
    ),
  );
}

function announceMove(tables: Table[], personId: string, table: number): void {
  const p = tables.flatMap((tb) => tb.participants).find((x) => x.person.id === personId);
  if (p) announce(t("workshop.movedTo", { name: p.person.name, n: table }));
}

/** After a redraw, puts focus back on the moved person's table choice. */
function focusMoved(container: HTMLElement, personId: string): void {
  const el = container.querySelector<HTMLSelectElement>(`li[data-person-id="${CSS.escape(personId)}"] select`);
  el?.focus();
}

function defaultDate(): string {
  const d = new Date(Date.now() + 14 * 86_400_000);
  return d.toISOString().slice(0, 10);
}

async function listSaved(out: HTMLElement): Promise<void> {
  try {
    const data = await gql<{ workshops: { id: string; title: string; date: string; place: string | null; topic: Topic }[] }>(LIST);
    out.replaceChildren(
      h("h2", { id: "saved-heading" }, t("workshop.savedList")),
      data.workshops.length
        ? h(
            "ul",
            { class: "saved-workshops" },
            data.workshops.map((w) =>
              h("li", {}, h("a", { href: `/workshops?${new URLSearchParams({ id: w.id })}` }, w.title), " ", h("span", { class: "muted" }, `${fmtDate(w.date)}${w.place ? ` · ${w.place}` : ""} · ${topicName(w.topic)}`)),
            ),
          )
        : h("p", { class: "muted" }, t("workshop.noneSaved")),
    );
  } catch {
    out.remove(); // the list is a convenience; planning still works without it
  }
}

/**
 * Fetches a seating export with the bearer token (the routes need it, so a
 * plain link would be refused). Failures become ApiErrors by HTTP status.
 */
async function downloadCsv(w: Workshop, out: HTMLElement): Promise<void> {
  out.replaceChildren();
  try {
    const blob = await fetchFile(w.seatingCsvUrl);
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: `seating-${w.id}.csv` });
    document.body.append(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
    out.replaceChildren(successBox(t("workshop.csvDone")));
  } catch (err) {
    out.replaceChildren(errorBox(err));
  }
}

async function openPrintable(w: Workshop, out: HTMLElement): Promise<void> {
  out.replaceChildren();
  // Open the tab while the click still counts as the user's, then fill it.
  const tab = window.open("", "_blank");
  try {
    const blob = await fetchFile(w.seatingHtmlUrl);
    const url = URL.createObjectURL(new Blob([blob], { type: "text/html" }));
    if (tab) {
      tab.location.href = url;
    } else {
      // A blocked pop-up: save the page instead.
      const a = h("a", { href: url, download: `seating-${w.id}.html` });
      document.body.append(a);
      a.click();
      a.remove();
    }
    window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (err) {
    tab?.close();
    out.replaceChildren(errorBox(err));
  }
}
