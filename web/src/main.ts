// The app shell: header with navigation, language switch and session,
// the page area, and the router that fills it.

import "./styles.css";
import { h, mount } from "./dom";
import { LANGS, currentLang, onLangChange, setLang, t, type MessageKey } from "./i18n";
import { pages } from "./pages/registry";
import { notFoundPage } from "./pages/notFound";
import { Router, type Page } from "./router";
import { currentSession, onSessionChange, signOut } from "./session";

const app = document.getElementById("app")!;
const nav = h("nav", { "aria-label": t("nav.label") });
const account = h("div", { class: "account" });
const langSwitch = h("div", { class: "lang", role: "group" });
const title = h("h1", { tabindex: "-1", id: "page-title" });
const main = h("main", { id: "main" });
const content = h("div", { class: "page" });
main.append(title, content);

const header = h(
  "header",
  { class: "top" },
  h("a", { href: "/", class: "brand" }, h("img", { src: "/favicon.svg", alt: "", width: 28, height: 28 }), "Tulkki"),
  nav,
  h("div", { class: "tools" }, langSwitch, account),
);
const footer = h("footer", {}, h("a", { href: "/graphiql" }, "GraphiQL"), " — GraphQL API: /graphql");
mount(app, header, main, footer, h("div", { id: "live", class: "visually-hidden", "aria-live": "polite" }));

let firstRender = true;
const router = new Router(content, pages, notFoundPage, (page) => {
  title.textContent = t(page.title);
  document.title = `${t(page.title)} · Tulkki`;
  renderChrome(page);
  // Move focus to the new page's heading so keyboard and screen-reader
  // users start at the top of what changed (not on the first load).
  if (!firstRender) title.focus();
  firstRender = false;
});

function renderChrome(page: Page = router.current()): void {
  nav.setAttribute("aria-label", t("nav.label"));
  mount(
    nav,
    h(
      "ul",
      {},
      pages
        .filter((p) => p.nav)
        .map((p) => h("li", {}, h("a", { href: p.path, "aria-current": p === page ? "page" : undefined }, t(p.nav as MessageKey)))),
    ),
  );
  langSwitch.setAttribute("aria-label", t("lang.label"));
  mount(
    langSwitch,
    LANGS.map((l) =>
      h("button", { type: "button", lang: l, "aria-pressed": String(l === currentLang()), onclick: () => setLang(l), title: t(`lang.${l}` as MessageKey) }, l.toUpperCase()),
    ),
  );
  const s = currentSession();
  mount(
    account,
    s
      ? [
          h("span", { class: "who", title: s.roles.join(", ") }, s.name ?? s.personId),
          h("button", { type: "button", class: "secondary small", onclick: () => { signOut(); router.navigate("/"); } }, t("nav.signOut")),
        ]
      : h("a", { href: `/signin?next=${encodeURIComponent(location.pathname + location.search)}`, class: "button small" }, t("nav.signIn")),
  );
}

onLangChange(() => router.render());
onSessionChange(() => renderChrome());
router.render();
