// Organisation type-ahead: an ARIA 1.2 combobox over the
// organisations(filter: {search}) connection. Arrow keys move through the
// suggestions, Enter picks one, Escape closes the list.

import { gql } from "../api";
import { h, uid } from "../dom";
import { t } from "../i18n";
import { sectorChip } from "./sectors";

export interface Org {
  id: string;
  name: string;
  sector: string;
  region?: string | null;
}

const SEARCH = `query OrgSearch($search: String!) {
  organisations(filter: { search: $search }, first: 8) { nodes { id name sector region } }
}`;
const BY_ID = `query OrgById($id: ID!) { organisation(id: $id) { id name sector region } }`;

export interface OrgSearchOptions {
  label: string;
  /** Stable id for the input, so tests and labels can find it. */
  id?: string;
  initialId?: string | null;
  onChange: (org: Org | null) => void;
}

export interface OrgSearch {
  element: HTMLElement;
  value: () => Org | null;
  clear: () => void;
}

export async function orgById(id: string): Promise<Org | null> {
  const data = await gql<{ organisation: Org | null }>(BY_ID, { id });
  return data.organisation;
}

export function orgSearch(opts: OrgSearchOptions): OrgSearch {
  const inputId = opts.id ?? uid("org");
  const listId = `${inputId}-list`;
  let selected: Org | null = null;
  let options: Org[] = [];
  let active = -1;
  let timer: number | undefined;
  let seq = 0;

  const input = h("input", {
    id: inputId,
    type: "text",
    role: "combobox",
    autocomplete: "off",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    placeholder: t("org.placeholder"),
  });
  const list = h("ul", { id: listId, role: "listbox", class: "combo-list", hidden: true, "aria-label": opts.label });
  const chosen = h("div", { class: "combo-chosen", "aria-live": "polite" });
  const status = h("div", { class: "combo-status visually-hidden", "aria-live": "polite" });

  function renderChosen(): void {
    chosen.replaceChildren();
    if (selected) chosen.append(sectorChip(selected.sector), " ", selected.region ?? "");
  }

  function close(): void {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function choose(org: Org): void {
    selected = org;
    input.value = org.name;
    close();
    renderChosen();
    opts.onChange(org);
  }

  function highlight(i: number): void {
    active = i;
    list.querySelectorAll("li").forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    const li = list.children[i] as HTMLElement | undefined;
    if (li) {
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    }
  }

  function renderList(): void {
    list.replaceChildren(
      ...options.map((o, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            "aria-selected": "false",
            dataset: { orgId: o.id },
            onmousedown: (e: Event) => e.preventDefault(),
            onclick: () => choose(o),
          },
          sectorChip(o.sector),
          " ",
          o.name,
        ),
      ),
    );
    list.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(options.length > 0));
    status.textContent = options.length ? t("org.results", { n: options.length }) : t("org.noResults");
  }

  async function search(text: string): Promise<void> {
    const mine = ++seq;
    try {
      const data = await gql<{ organisations: { nodes: Org[] } }>(SEARCH, { search: text });
      if (mine !== seq) return; // a newer keystroke won
      options = data.organisations.nodes;
      active = -1;
      renderList();
    } catch {
      if (mine === seq) {
        options = [];
        renderList();
      }
    }
  }

  input.addEventListener("input", () => {
    if (selected) {
      selected = null;
      renderChosen();
      opts.onChange(null);
    }
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      options = [];
      close();
      return;
    }
    timer = window.setTimeout(() => void search(text), 200);
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" && options.length) {
      e.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight((active + 1) % options.length);
    } else if (e.key === "ArrowUp" && options.length) {
      e.preventDefault();
      highlight((active - 1 + options.length) % options.length);
    } else if (e.key === "Enter" && !list.hidden && options.length) {
      e.preventDefault();
      choose(options[Math.max(active, 0)]);
    } else if (e.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => window.setTimeout(close, 100));

  const element = h(
    "div",
    { class: "field combo" },
    h("label", { for: inputId }, opts.label),
    input,
    list,
    chosen,
    status,
  );

  if (opts.initialId) {
    void orgById(opts.initialId)
      .then((org) => {
        if (org && !selected) {
          selected = org;
          input.value = org.name;
          renderChosen();
          opts.onChange(org);
        }
      })
      .catch(() => undefined);
  }

  return {
    element,
    value: () => selected,
    clear: () => {
      selected = null;
      input.value = "";
      renderChosen();
    },
  };
}
