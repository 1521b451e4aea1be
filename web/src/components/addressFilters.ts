// A filter form whose only effect is the address: Apply writes the chosen
// values into the page's query string (leaving out the empty ones and the
// defaults) and the page reads them from there, so a filtered view can be
// bookmarked and the back button works. Clear goes to the bare path.

import { h } from "../dom";
import { t } from "../i18n";

export interface AddressFilter {
  /** The query-string parameter. */
  param: string;
  /** The labelled field. */
  element: HTMLElement;
  value: () => string;
  /** A value that is the same as none (left out of the address). */
  byDefault?: string;
}

/** A labelled field around an input. */
export function filterField(id: string, label: string, input: HTMLElement): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id }, label), input);
}

export function addressFilters(opts: { path: string; idPrefix: string; fields: AddressFilter[]; navigate: (to: string, replace?: boolean) => void }): HTMLElement {
  return h(
    "form",
    {
      class: "card filters",
      "aria-label": t("board.filters"),
      onsubmit: (e: Event) => {
        e.preventDefault();
        const q = new URLSearchParams();
        for (const f of opts.fields) {
          const v = f.value().trim();
          if (v && v !== f.byDefault) q.set(f.param, v);
        }
        opts.navigate(`${opts.path}${q.size ? `?${q}` : ""}`, true);
      },
    },
    h("div", { class: "filter-grid" }, opts.fields.map((f) => f.element)),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", id: `${opts.idPrefix}-apply` }, t("board.apply")),
      h("a", { href: opts.path, class: "button secondary" }, t("board.clear")),
    ),
  );
}

/** A select of [value, label] options with chosen selected. */
export function choice(id: string, options: [string, string][], chosen: string): HTMLSelectElement {
  return h("select", { id }, options.map(([value, label]) => h("option", { value, selected: value === chosen }, label)));
}

/** A text input filter. */
export function textFilter(id: string, value: string, type = "text"): HTMLInputElement {
  return h("input", { id, type, value, autocomplete: "off" });
}
