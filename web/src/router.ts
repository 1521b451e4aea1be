// A small client-side router over a page registry (pages/registry.ts).
// Pages are plain functions that fill the main element; links are ordinary
// <a href> elements, so they work with the keyboard and open in new tabs.

import type { MessageKey } from "./i18n";

export interface PageContext {
  /** The query string of the current URL. */
  params: URLSearchParams;
  /** Goes to another page of the app. */
  navigate: (to: string, replace?: boolean) => void;
}

export interface Page {
  path: string;
  /** The heading and document title. */
  title: MessageKey;
  /** When set, the page is listed in the navigation under this label. */
  nav?: MessageKey;
  /** Fills root; may return a clean-up run when the page is left. */
  render: (root: HTMLElement, ctx: PageContext) => void | (() => void);
}

export class Router {
  private cleanup: (() => void) | void = undefined;
  private readonly pages: Page[];
  private readonly notFound: Page;
  private readonly onRender: (page: Page) => void;
  private readonly root: HTMLElement;

  constructor(root: HTMLElement, pages: Page[], notFound: Page, onRender: (page: Page) => void) {
    this.root = root;
    this.pages = pages;
    this.notFound = notFound;
    this.onRender = onRender;
    window.addEventListener("popstate", () => this.render());
    document.addEventListener("click", (e) => this.intercept(e));
  }

  current(): Page {
    return this.pages.find((p) => p.path === location.pathname) ?? this.notFound;
  }

  navigate = (to: string, replace = false): void => {
    if (replace) history.replaceState(null, "", to);
    else history.pushState(null, "", to);
    this.render();
  };

  render(): void {
    if (typeof this.cleanup === "function") this.cleanup();
    const page = this.current();
    this.root.replaceChildren();
    this.cleanup = page.render(this.root, { params: new URLSearchParams(location.search), navigate: this.navigate });
    this.onRender(page);
  }

  private intercept(e: MouseEvent): void {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element).closest("a");
    if (!a || a.target || a.hasAttribute("download") || a.origin !== location.origin) return;
    const path = a.pathname;
    if (!this.pages.some((p) => p.path === path)) return; // e.g. /graphiql: a real page load
    e.preventDefault();
    this.navigate(path + a.search);
  }
}
