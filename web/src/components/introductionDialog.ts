// The dialog that asks a translator for an introduction: a modal <dialog>
// (focus stays inside, Escape closes it) with a message and a send button.

import { gql } from "../api";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { t } from "../i18n";

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
