// My profile: a signed-in professional's own data — details, consent
// settings, stints on a timeline coloured by sector — with export and
// erasure of everything Tulkki holds about them.

import { gql } from "../api";
import { orgSearch, type Org } from "../components/orgSearch";
import { timeline, type Stint } from "../components/timeline";
import { sectorChip } from "../components/sectors";
import { h, announce } from "../dom";
import { errorBox, successBox } from "../errors";
import { fmtDate, t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, setName, signOut } from "../session";

interface Me {
  id: string;
  name: string;
  headline: string | null;
  languages: string[];
  region: string | null;
  visibility: "PUBLIC" | "MEMBERS" | "PRIVATE";
  openToBridging: boolean;
  contactable: boolean;
  contact: { email: string | null; phone: string | null } | null;
  experiences: Stint[];
}

const FIELDS = `id name headline languages region visibility openToBridging contactable contact { email phone }
  experiences { id kind roleTitle startDate endDate ongoing organisation { id name sector } }`;
const ME = `query Me { me { ${FIELDS} } }`;
const UPDATE = `mutation UpdateMe($id: ID!, $input: UpdatePersonInput!) { updatePerson(id: $id, input: $input) { ${FIELDS} } }`;
const ADD = `mutation AddStint($input: AddExperienceInput!) { addExperience(input: $input) { id } }`;
const EDIT = `mutation EditStint($id: ID!, $input: UpdateExperienceInput!) { updateExperience(id: $id, input: $input) { id } }`;
const REMOVE = `mutation RemoveStint($id: ID!) { removeExperience(id: $id) { id } }`;
const CREATE = `mutation CreateMe($input: CreatePersonInput!) { createPerson(input: $input) { id } }`;
const EXPORT = `query Export { exportMyData }`;
const ERASE = `mutation Erase { deleteMyData(confirm: true) { erasedAt experiencesRemoved contributionsAnonymised } }`;

export const KINDS = ["EMPLOYMENT", "VOLUNTEER", "BOARD", "EDUCATION", "SECONDMENT", "TRUST_POSITION"] as const;

function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), input, hint ? h("p", { class: "hint", id: `${id}-hint` }, hint) : null);
}

export const profilePage: Page = {
  path: "/profile",
  title: "profile.title",
  nav: "nav.profile",
  render(root) {
    const session = currentSession();
    if (!session) {
      root.append(h("p", {}, t("profile.signInFirst")), h("p", {}, h("a", { href: "/signin?next=/profile", class: "button primary" }, t("nav.signIn"))));
      return;
    }
    const status = h("div", { class: "status-area" });
    const body = h("div", { class: "profile" }, h("p", { class: "muted" }, t("common.loading")));
    root.append(status, body);

    const flash = (el: HTMLElement): void => {
      status.replaceChildren(el);
      el.scrollIntoView({ block: "nearest" });
    };

    void reload();

    async function reload(): Promise<void> {
      try {
        const data = await gql<{ me: Me | null }>(ME);
        if (!data.me) {
          body.replaceChildren(createForm());
          return;
        }
        setName(data.me.name);
        show(data.me);
      } catch (err) {
        body.replaceChildren(errorBox(err));
      }
    }

    async function update(me: Me, input: Record<string, unknown>, done: string): Promise<void> {
      try {
        const data = await gql<{ updatePerson: Me }>(UPDATE, { id: me.id, input });
        setName(data.updatePerson.name);
        show(data.updatePerson);
        flash(successBox(done));
        announce(done);
      } catch (err) {
        flash(errorBox(err));
      }
    }

    function show(me: Me): void {
      // Details
      const name = h("input", { id: "p-name", type: "text", value: me.name, required: true, autocomplete: "name" });
      const headline = h("input", { id: "p-headline", type: "text", value: me.headline ?? "" });
      const region = h("input", { id: "p-region", type: "text", value: me.region ?? "" });
      const languages = h("input", { id: "p-languages", type: "text", value: me.languages.join(", "), "aria-describedby": "p-languages-hint" });
      const email = h("input", { id: "p-email", type: "email", value: me.contact?.email ?? "", autocomplete: "email" });
      const phone = h("input", { id: "p-phone", type: "tel", value: me.contact?.phone ?? "", autocomplete: "tel" });
      const details = h(
        "form",
        {
          class: "card",
          "aria-labelledby": "details-heading",
          onsubmit: (e: Event) => {
            e.preventDefault();
            void update(
              me,
              {
                name: name.value.trim(),
                headline: headline.value.trim() || null,
                region: region.value.trim() || null,
                languages: languages.value.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean),
                email: email.value.trim() || null,
                phone: phone.value.trim() || null,
              },
              t("profile.saved"),
            );
          },
        },
        h("h2", { id: "details-heading" }, t("profile.details")),
        h("div", { class: "two-cols" }, field("p-name", t("profile.name"), name), field("p-headline", t("profile.headline"), headline)),
        h("div", { class: "two-cols" }, field("p-region", t("profile.region"), region), field("p-languages", t("profile.languages"), languages, t("profile.languagesHint"))),
        h("div", { class: "two-cols" }, field("p-email", t("profile.email"), email), field("p-phone", t("profile.phone"), phone)),
        h("button", { type: "submit", class: "primary", id: "save-details" }, t("common.save")),
      );

      // Visibility and consent
      const radios = (["PUBLIC", "MEMBERS", "PRIVATE"] as const).map((v) =>
        h(
          "div",
          { class: "field inline" },
          h("input", { type: "radio", name: "visibility", id: `vis-${v}`, value: v, checked: me.visibility === v }),
          h("label", { for: `vis-${v}` }, h("strong", {}, t(`visibility.${v}` as MessageKey)), " — ", t(`visibility.${v}.hint` as MessageKey)),
        ),
      );
      const bridging = h("input", { type: "checkbox", id: "p-bridging", checked: me.openToBridging });
      const contactable = h("input", { type: "checkbox", id: "p-contactable", checked: me.contactable });
      const consent = h(
        "form",
        {
          class: "card",
          "aria-labelledby": "consent-heading",
          onsubmit: (e: Event) => {
            e.preventDefault();
            const vis = (consent.querySelector("input[name=visibility]:checked") as HTMLInputElement | null)?.value ?? me.visibility;
            void update(me, { visibility: vis, openToBridging: bridging.checked, contactable: contactable.checked }, t("profile.saved"));
          },
        },
        h("h2", { id: "consent-heading" }, t("profile.consent")),
        h("fieldset", {}, h("legend", {}, t("profile.visibility")), radios),
        h("div", { class: "field inline" }, bridging, h("label", { for: "p-bridging" }, t("profile.openToBridging"))),
        h("div", { class: "field inline" }, contactable, h("label", { for: "p-contactable" }, t("profile.contactable"))),
        h("button", { type: "submit", class: "primary", id: "save-consent" }, t("common.save")),
      );

      // Stints
      const editor = h("div", { class: "stint-editor" });
      const openEditor = (stint: Stint | null): void => {
        editor.replaceChildren(stintForm(me, stint, () => editor.replaceChildren()));
        (editor.querySelector("input, select") as HTMLElement | null)?.focus();
      };
      const stintList = h(
        "ul",
        { class: "stints" },
        me.experiences.map((x) =>
          h(
            "li",
            { dataset: { experienceId: x.id } },
            h("span", { class: "stint-main" }, sectorChip(x.organisation.sector), " ", h("strong", {}, x.roleTitle || t(`kind.${x.kind}` as MessageKey)), ", ", x.organisation.name),
            h("span", { class: "muted" }, ` ${fmtDate(x.startDate)} – ${x.ongoing ? t("profile.ongoing") : fmtDate(x.endDate)} · ${t(`kind.${x.kind}` as MessageKey)}`),
            h(
              "span",
              { class: "actions" },
              h("button", { type: "button", class: "secondary", "aria-label": t("profile.editStintOf", { what: x.organisation.name }), onclick: () => openEditor(x) }, t("common.edit")),
              removeButton(x),
            ),
          ),
        ),
      );
      const stints = h(
        "section",
        { class: "card", "aria-labelledby": "stints-heading" },
        h("h2", { id: "stints-heading" }, t("profile.experiences")),
        timeline(me.experiences),
        stintList,
        h("button", { type: "button", class: "primary", id: "add-stint", onclick: () => openEditor(null) }, t("profile.addStint")),
        editor,
      );

      // Data rights
      const understand = h("input", { type: "checkbox", id: "erase-understand" });
      const erase = h("button", { type: "button", class: "danger", id: "erase", disabled: true, onclick: () => void eraseAll() }, t("profile.erase"));
      understand.addEventListener("change", () => (erase.disabled = !understand.checked));
      const rights = h(
        "section",
        { class: "card", "aria-labelledby": "rights-heading" },
        h("h2", { id: "rights-heading" }, t("profile.rights")),
        h("p", {}, t("profile.exportHint")),
        h("button", { type: "button", class: "secondary", id: "export", onclick: () => void exportData() }, t("profile.export")),
        h("p", {}, t("profile.eraseHint")),
        h("div", { class: "field inline" }, understand, h("label", { for: "erase-understand" }, t("profile.eraseUnderstand"))),
        erase,
      );

      body.replaceChildren(h("p", { class: "lead" }, t("profile.signedInAs", { name: me.name })), details, consent, stints, rights);
    }

    // A signed-in professional without a profile yet creates one under
    // their token's subject; it starts visible to members only and not
    // open to bridging, as the API's defaults are.
    function createForm(): HTMLElement {
      const name = h("input", { id: "c-name", type: "text", required: true, autocomplete: "name" });
      const headline = h("input", { id: "c-headline", type: "text" });
      const out = h("div", {});
      return h(
        "form",
        {
          class: "card",
          "aria-labelledby": "create-heading",
          onsubmit: async (e: Event) => {
            e.preventDefault();
            try {
              await gql(CREATE, { input: { name: name.value.trim(), headline: headline.value.trim() || null } });
              await reload();
              flash(successBox(t("profile.created")));
            } catch (err) {
              out.replaceChildren(errorBox(err));
            }
          },
        },
        h("h2", { id: "create-heading" }, t("profile.create")),
        h("p", {}, t("profile.noProfile", { id: session!.personId })),
        field("c-name", t("profile.name"), name),
        field("c-headline", t("profile.headline"), headline),
        out,
        h("button", { type: "submit", class: "primary" }, t("profile.create")),
      );
    }

    function removeButton(x: Stint): HTMLElement {
      const btn = h("button", { type: "button", class: "secondary", "aria-label": t("profile.removeStintOf", { what: x.organisation.name }) }, t("common.remove"));
      let armed = false;
      btn.addEventListener("click", async () => {
        if (!armed) {
          // Ask once more in place rather than with a modal dialog.
          armed = true;
          btn.textContent = t("profile.confirmRemove");
          btn.classList.add("danger");
          return;
        }
        try {
          await gql(REMOVE, { id: x.id });
          await reload();
          flash(successBox(t("profile.removed")));
        } catch (err) {
          flash(errorBox(err));
        }
      });
      return btn;
    }

    function stintForm(me: Me, stint: Stint | null, close: () => void): HTMLElement {
      let org: Org | null = stint ? stint.organisation : null;
      const picker = orgSearch({ label: t("profile.organisation"), id: "s-org", initialId: stint?.organisation.id, onChange: (o) => (org = o) });
      const kind = h("select", { id: "s-kind" }, KINDS.map((k) => h("option", { value: k, selected: stint?.kind === k }, t(`kind.${k}` as MessageKey))));
      const role = h("input", { id: "s-role", type: "text", value: stint?.roleTitle ?? "" });
      const start = h("input", { id: "s-start", type: "date", value: stint?.startDate ?? "", required: true });
      const end = h("input", { id: "s-end", type: "date", value: stint?.endDate ?? "", "aria-describedby": "s-end-hint" });
      const out = h("div", {});
      return h(
        "form",
        {
          class: "card inset",
          "aria-label": stint ? t("profile.editStint") : t("profile.addStint"),
          onsubmit: async (e: Event) => {
            e.preventDefault();
            if (!org) {
              out.replaceChildren(h("div", { class: "alert error", role: "alert" }, t("profile.pickOrganisation")));
              return;
            }
            const input = { organisationId: org.id, kind: kind.value, roleTitle: role.value.trim() || null, startDate: start.value, endDate: end.value || null };
            try {
              if (stint) await gql(EDIT, { id: stint.id, input });
              else await gql(ADD, { input: { ...input, personId: me.id } });
              close();
              await reload();
              flash(successBox(t("profile.saved")));
            } catch (err) {
              out.replaceChildren(errorBox(err));
            }
          },
        },
        h("h3", {}, stint ? t("profile.editStint") : t("profile.addStint")),
        picker.element,
        h("div", { class: "two-cols" }, field("s-kind", t("profile.kind"), kind), field("s-role", t("profile.roleTitle"), role)),
        h("div", { class: "two-cols" }, field("s-start", t("profile.start"), start), field("s-end", t("profile.end"), end, t("profile.endHint"))),
        out,
        h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "save-stint" }, t("common.save")), h("button", { type: "button", class: "secondary", onclick: close }, t("common.cancel"))),
      );
    }

    async function exportData(): Promise<void> {
      try {
        const data = await gql<{ exportMyData: unknown }>(EXPORT);
        const blob = new Blob([JSON.stringify(data.exportMyData, null, 2)], { type: "application/json" });
        const url = URL.createObjectURL(blob);
        const link = h("a", { href: url, download: `tulkki-${session!.personId}.json` });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        flash(successBox(t("profile.exported")));
      } catch (err) {
        flash(errorBox(err));
      }
    }

    async function eraseAll(): Promise<void> {
      try {
        const data = await gql<{ deleteMyData: { experiencesRemoved: number; contributionsAnonymised: number } }>(ERASE);
        signOut();
        root.replaceChildren(
          successBox(t("profile.erased", { stints: data.deleteMyData.experiencesRemoved, contributions: data.deleteMyData.contributionsAnonymised })),
          h("p", {}, h("a", { href: "/" }, t("nav.home"))),
        );
      } catch (err) {
        flash(errorBox(err));
      }
    }
  },
};
