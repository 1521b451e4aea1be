import { h } from "../dom";
import { t, type MessageKey } from "../i18n";
import type { Page } from "../router";
// registry.ts imports this module; the list is read only when rendering.
import { pages } from "./registry";

export const homePage: Page = {
  path: "/",
  title: "home.title",
  render(root) {
    root.append(
      h("p", { class: "lead" }, t("home.intro")),
      h(
        "ul",
        { class: "tiles" },
        pages
          .filter((p) => p.nav && p.path !== "/")
          .map((p) => h("li", { class: "card" }, h("h2", {}, h("a", { href: p.path }, t(p.nav as MessageKey))), h("p", {}, t(`${p.title.replace(/\.title$/, "")}.summary` as MessageKey)))),
      ),
    );
  },
};
