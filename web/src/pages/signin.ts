// Sign-in. Locally, the development login (POST /dev/login, enabled only
// with TULKKI_DEV_LOGIN=true and a local secret) mints a token for a demo
// person and roles; anywhere, a token from the identity provider can be
// pasted. The token lives in sessionStorage only.

import { ApiError, postJSON } from "../api";
import { orgSearch } from "../components/orgSearch";
import { h } from "../dom";
import { errorBox } from "../errors";
import { t, type MessageKey } from "../i18n";
import type { Page } from "../router";
import { currentSession, decodeClaims, signIn, signOut } from "../session";

interface DevPerson {
  id: string;
  name: string;
  headline?: string;
  visibility: string;
}

const ROLES = ["PROFESSIONAL", "ORG_EDITOR", "FACILITATOR", "COORDINATOR", "ADMIN"];

function safeNext(params: URLSearchParams): string {
  const next = params.get("next") ?? "/profile";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/profile";
}

export const signInPage: Page = {
  path: "/signin",
  title: "signin.title",
  render(root, { params, navigate }) {
    const session = currentSession();
    if (session) {
      root.append(
        h("p", {}, t("signin.already", { name: session.name ?? session.personId, roles: session.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ") })),
        h("button", { type: "button", class: "secondary", onclick: () => { signOut(); navigate("/signin", true); } }, t("nav.signOut")),
      );
    }
    const devArea = h("section", { class: "card", "aria-labelledby": "dev-heading" }, h("h2", { id: "dev-heading" }, t("signin.dev")), h("p", { class: "muted" }, t("common.loading")));
    root.append(devArea, pasteForm());

    void fetch("/dev/people", { headers: { Accept: "application/json" } })
      .then(async (res) => {
        if (res.status === 404) {
          devArea.replaceChildren(h("h2", { id: "dev-heading" }, t("signin.dev")), h("p", {}, t("signin.devDisabled")));
          return;
        }
        if (!res.ok) throw new ApiError(`HTTP_${res.status}`, res.statusText);
        const body = (await res.json()) as { people: DevPerson[] };
        devArea.replaceChildren(h("h2", { id: "dev-heading" }, t("signin.dev")), devForm(body.people));
      })
      .catch((err) => devArea.replaceChildren(h("h2", { id: "dev-heading" }, t("signin.dev")), errorBox(err)));

    function devForm(people: DevPerson[]): HTMLElement {
      const person = h(
        "select",
        { id: "dev-person" },
        people.map((p) => h("option", { value: p.id }, `${p.name}${p.headline ? ` — ${p.headline}` : ""}`)),
      );
      const otherId = h("input", { id: "dev-person-id", type: "text", autocomplete: "off", spellcheck: false, "aria-describedby": "dev-person-id-hint" });
      const roleBoxes = ROLES.map((r) =>
        h("div", { class: "field inline" }, h("input", { type: "checkbox", id: `role-${r}`, value: r, checked: r === "PROFESSIONAL" }), h("label", { for: `role-${r}` }, t(`role.${r}` as MessageKey), h("small", { class: "muted" }, ` — ${t(`role.${r}.hint` as MessageKey)}`))),
      );
      const orgs: { id: string; name: string }[] = [];
      const orgList = h("ul", { class: "chips", "aria-label": t("signin.orgs") });
      const renderOrgs = (): void => {
        orgList.replaceChildren(
          ...orgs.map((o, i) =>
            h("li", { class: "chip plain" }, o.name, " ", h("button", { type: "button", class: "link", "aria-label": t("signin.removeOrg", { name: o.name }), onclick: () => { orgs.splice(i, 1); renderOrgs(); } }, "×")),
          ),
        );
      };
      const picker = orgSearch({
        label: t("signin.addOrg"),
        id: "dev-org",
        onChange: (o) => {
          if (o && !orgs.some((x) => x.id === o.id)) {
            orgs.push({ id: o.id, name: o.name });
            renderOrgs();
            picker.clear();
          }
        },
      });
      const out = h("div", {});
      return h(
        "form",
        {
          onsubmit: async (e: Event) => {
            e.preventDefault();
            const roles = ROLES.filter((r) => (document.getElementById(`role-${r}`) as HTMLInputElement).checked);
            try {
              const personId = otherId.value.trim() || person.value;
              const res = await postJSON<{ token: string }>("/dev/login", { personId, roles, orgs: orgs.map((o) => o.id) });
              const name = people.find((p) => p.id === personId)?.name;
              signIn(res.token, name);
              navigate(safeNext(params));
            } catch (err) {
              out.replaceChildren(errorBox(err));
            }
          },
        },
        h("p", { class: "hint" }, t("signin.devHint")),
        h("div", { class: "field" }, h("label", { for: "dev-person" }, t("signin.person")), person),
        h(
          "div",
          { class: "field" },
          h("label", { for: "dev-person-id" }, t("signin.otherId")),
          otherId,
          h("p", { class: "hint", id: "dev-person-id-hint" }, t("signin.otherIdHint")),
        ),
        h("fieldset", {}, h("legend", {}, t("signin.roles")), roleBoxes),
        h("fieldset", {}, h("legend", {}, t("signin.orgs")), h("p", { class: "hint" }, t("signin.orgsHint")), picker.element, orgList),
        out,
        h("button", { type: "submit", class: "primary", id: "dev-signin" }, t("nav.signIn")),
      );
    }

    function pasteForm(): HTMLElement {
      const area = h("textarea", { id: "token", rows: 3, spellcheck: false, autocomplete: "off" });
      const out = h("div", {});
      return h(
        "form",
        {
          class: "card",
          "aria-labelledby": "paste-heading",
          onsubmit: (e: Event) => {
            e.preventDefault();
            try {
              decodeClaims(area.value);
            } catch {
              out.replaceChildren(h("div", { class: "alert error", role: "alert" }, t("signin.notAToken")));
              return;
            }
            signIn(area.value.trim());
            navigate(safeNext(params));
          },
        },
        h("h2", { id: "paste-heading" }, t("signin.paste")),
        h("div", { class: "field" }, h("label", { for: "token" }, t("signin.token")), area),
        out,
        h("button", { type: "submit", class: "secondary" }, t("signin.useToken")),
      );
    }
  },
};
