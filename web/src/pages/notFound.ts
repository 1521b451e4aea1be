import { h } from "../dom";
import { t } from "../i18n";
import type { Page } from "../router";

export const notFoundPage: Page = {
  path: "*",
  title: "notFound.title",
  render(root) {
    root.append(h("p", {}, t("notFound.text")), h("p", {}, h("a", { href: "/" }, t("nav.home"))));
  },
};
