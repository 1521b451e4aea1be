// A collaboration's phases: their names, the history as a dated list (who
// moved it, with the note given), and the dialog that moves it to another
// phase and asks for that note. The board and the collaboration page share
// them, so a move looks and is recorded the same everywhere.

import { gql } from "../api";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { fmtDate, t, type MessageKey } from "../i18n";
import { currentSession } from "../session";

export const PHASES = ["NEED_IDENTIFIED", "PARTNERS_MAPPED", "GOALS_AGREED", "LAUNCHED", "EVALUATED"] as const;

export interface PhaseChange {
  phase: string;
  at: string;
  note: string | null;
  movedBy: { id: string; name: string } | null;
}

export function phaseName(phase: string): string {
  const key = `phase.${phase}` as MessageKey;
  const name = t(key);
  return name === key ? phase : name;
}

function dateOf(at: string): string {
  return fmtDate(at.slice(0, 10));
}

/** The phase history, oldest first. */
export function phaseHistoryList(history: PhaseChange[], id?: string): HTMLElement {
  return h(
    "ol",
    { class: "phase-history", id },
    history.map((ph) =>
      h(
        "li",
        {},
        h("time", { datetime: ph.at }, dateOf(ph.at)),
        " ",
        h("strong", {}, phaseName(ph.phase)),
        ph.movedBy ? ` · ${t("bold.movedBy", { name: ph.movedBy.name })}` : "",
        ph.note ? h("span", { class: "muted phase-note" }, ` — ${ph.note}`) : null,
      ),
    ),
  );
}

/**
 * Whether the session may move a collaboration with these partners: a
 * coordinator or an administrator any, an organisation editor those of
 * the organisations they edit (the API decides in the end).
 */
export function canSteer(partnerIds: string[]): boolean {
  const s = currentSession();
  if (!s) return false;
  if (s.roles.includes("COORDINATOR") || s.roles.includes("ADMIN")) return true;
  return s.roles.includes("ORG_EDITOR") && partnerIds.some((id) => s.orgs.includes(id));
}

const MOVE = `mutation MovePhase($id: ID!, $phase: CollaborationPhase!, $note: String) {
  moveCollaborationPhase(id: $id, phase: $phase, note: $note) { id phase }
}`;

/**
 * Asks for a note and moves the collaboration to phase: a modal dialog
 * (focus stays inside, Escape cancels). onMoved runs after the API
 * recorded the change; focus returns to returnFocus when it closes.
 */
export function movePhaseDialog(c: { id: string; title: string; phase: string }, phase: string, onMoved: () => void, returnFocus?: HTMLElement | null): void {
  const note = h("textarea", { id: "move-note", rows: 3, maxlength: 10000 });
  const out = h("div", { role: "status" });
  const save = h("button", { type: "submit", class: "primary", id: "move-save" }, t("move.confirm"));
  const dialog = h(
    "dialog",
    { class: "card intro-dialog move-dialog", "aria-labelledby": "move-heading" },
    h(
      "form",
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          save.disabled = true;
          try {
            await gql(MOVE, { id: c.id, phase, note: note.value.trim() || null });
            announce(t("move.done", { title: c.title, phase: phaseName(phase) }));
            dialog.close();
            onMoved();
          } catch (err) {
            out.replaceChildren(errorBox(err));
            save.disabled = false;
          }
        },
      },
      h("h2", { id: "move-heading" }, t("move.title")),
      h("p", {}, t("move.text", { title: c.title, from: phaseName(c.phase), to: phaseName(phase) })),
      h("div", { class: "field" }, h("label", { for: "move-note" }, t("move.note")), h("p", { class: "hint" }, t("move.noteHint")), note),
      h("div", { class: "actions" }, save, h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, t("common.cancel"))),
      out,
    ),
  );
  dialog.addEventListener("close", () => {
    dialog.remove();
    if (returnFocus?.isConnected) returnFocus.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  note.focus();
}

/** A "move to phase" select and button: the keyboard's way to move a card. */
export function moveControl(c: { id: string; title: string; phase: string }, onMoved: () => void, idPrefix = "move"): HTMLElement {
  const id = `${idPrefix}-${c.id}`;
  const select = h(
    "select",
    { id, class: "move-select" },
    PHASES.filter((p) => p !== c.phase).map((p) => h("option", { value: p }, phaseName(p))),
  );
  const button = h("button", { type: "button", class: "secondary small move-button" }, t("move.button"));
  button.addEventListener("click", () => movePhaseDialog(c, select.value, onMoved, button));
  return h("div", { class: "move-control" }, h("label", { for: id, class: "visually-hidden" }, t("move.to", { title: c.title })), select, button);
}
