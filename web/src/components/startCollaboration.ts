// "Start a collaboration" from where it came from: a CONNECTED
// introduction (the inbox) or a partnership call with accepted responses
// (the call's page). A disclosure with the title and the form; on success
// it links to the new collaboration (in phase PARTNERS_MAPPED).

import { gql } from "../api";
import { announce, h } from "../dom";
import { errorBox } from "../errors";
import { t, type MessageKey } from "../i18n";

const START = `mutation Start($in: StartCollaborationInput!) { startCollaboration(input: $in) { id title phase } }`;
const FORMS = ["PROJECT", "PARTNERSHIP_AGREEMENT", "FUNCTIONAL_COOPERATION", "GRANT_AGREEMENT", "FACILITIES"];

/** The origin: exactly one of the two. */
export type Origin = { fromIntroductionId: string } | { fromCallId: string };

export function startCollaborationForm(origin: Origin, idSuffix: string): HTMLElement {
  const title = h("input", { id: `start-title-${idSuffix}`, required: true, maxlength: 200 });
  const form = h("select", { id: `start-form-${idSuffix}` }, FORMS.map((f) => h("option", { value: f }, t(`form.${f}` as MessageKey))));
  const status = h("div", { role: "status" });
  return h(
    "details",
    { class: "start-collaboration" },
    h("summary", {}, t("inbox.start")),
    h(
      "form",
      {
        onsubmit: async (e: Event) => {
          e.preventDefault();
          try {
            const res = await gql<{ startCollaboration: { id: string; title: string } }>(START, {
              in: { ...origin, title: title.value, form: form.value },
            });
            const c = res.startCollaboration;
            status.replaceChildren(h("p", { class: "alert success" }, t("inbox.started"), " ", h("a", { href: `/collaboration?id=${encodeURIComponent(c.id)}` }, c.title)));
            announce(t("inbox.started"));
          } catch (err) {
            status.replaceChildren(errorBox(err));
          }
        },
      },
      h("div", { class: "field" }, h("label", { for: `start-title-${idSuffix}` }, t("inbox.startTitle")), title),
      h("div", { class: "field" }, h("label", { for: `start-form-${idSuffix}` }, t("inbox.startForm")), form),
      h("button", { type: "submit", class: "primary" }, t("inbox.start")),
      status,
    ),
  );
}
