// The dialog that asks a translator for an introduction: a modal <dialog>
// (focus stays inside, Escape closes it) with a message and a send button;
// and the button that opens it from a translator card.

import { gql } from "../api";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { t } from "../i18n";
import { currentSession, hasRole } from "../session";

const REQUEST = `mutation RequestIntroduction($in: RequestIntroductionInput!) { requestIntroduction(input: $in) { id status } }`;

export interface IntroductionRequest {
  translator: { id: string; name: string };
  fromOrganisationId: string;
  fromName: string;
  to: { id: string; name: string };
  callId?: string;
}

export function introductionDialog(req: IntroductionRequest): void {
  const message = h("textarea", { id: "intro-message", rows: 4, maxlength: 2000 });
  const out = h("div", { role: "status" });
  const send = h("button", { type: "submit", class: "primary" }, t("intro.send"));
  const dialog = h(
    "dialog",
    { class: "card intro-dialog", "aria-labelledby": "intro-heading" },
    h(
      "form",
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          send.disabled = true;
          try {
            await gql(REQUEST, {
              in: { translatorId: req.translator.id, fromOrganisationId: req.fromOrganisationId, toOrganisationId: req.to.id,
                callId: req.callId ?? null, message: message.value },
            });
            const done = t("intro.sent", { name: req.translator.name });
            out.replaceChildren(h("p", { class: "alert success" }, done));
            announce(done);
          } catch (err) {
            out.replaceChildren(errorBox(err));
            send.disabled = false;
          }
        },
      },
      h("h2", { id: "intro-heading" }, t("intro.dialogTitle")),
      h("p", {}, t("intro.dialogText", { translator: req.translator.name, from: req.fromName, to: req.to.name })),
      h("div", { class: "field" }, h("label", { for: "intro-message" }, t("intro.message")), message),
      h("div", { class: "actions" }, send, h("button", { type: "button", class: "secondary", onclick: () => dialog.close() }, t("common.cancel"))),
      out,
    ),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  message.focus();
}

/** A translator as the ask button needs them. */
export interface AskableTranslator {
  id: string;
  name: string;
  openToBridging: boolean;
  busy: boolean;
}

/**
 * Who asks on whose behalf for an introduction between a and b: an editor
 * of a asks for a, else an editor of b for b; a facilitator or an
 * administrator who edits neither asks for a. Null: the reader may not ask.
 */
export function introductionSides(
  a: { id: string; name: string },
  b: { id: string; name: string },
): { from: { id: string; name: string }; to: { id: string; name: string } } | null {
  const s = currentSession();
  if (!s) return null;
  const edits = (id: string): boolean => hasRole("ORG_EDITOR") && s.orgs.includes(id);
  if (edits(a.id)) return { from: a, to: b };
  if (edits(b.id)) return { from: b, to: a };
  if (hasRole("FACILITATOR") || hasRole("ADMIN")) return { from: a, to: b };
  return null;
}

/**
 * The "Ask for an introduction" button of a translator card between
 * organisations a and b, for editors of either and facilitators; only
 * for a person open to bridging. A busy translator (too many open
 * requests) is shown as busy instead of the button. Null when the reader
 * may not ask.
 */
export function askIntroductionButton(
  tr: AskableTranslator,
  a: { id: string; name: string },
  b: { id: string; name: string },
  callId?: string,
): HTMLElement | null {
  if (!tr.openToBridging) return null;
  const sides = introductionSides(a, b);
  if (!sides) return null;
  if (tr.busy) return h("span", { class: "chip busy", title: t("intro.busyHint") }, t("intro.busy"));
  return h(
    "button",
    {
      type: "button",
      class: "small ask-intro",
      onclick: () =>
        introductionDialog({ translator: tr, fromOrganisationId: sides.from.id, fromName: sides.from.name, to: sides.to, callId }),
    },
    t("intro.ask", { name: tr.name }),
  );
}
