// Sector choice as a group of checkboxes, each drawn as the sector's
// coloured chip, so a filter looks like the chips in the results.

import { h } from "../dom";
import { SECTORS, sectorColour, sectorName, type Sector } from "./sectors";

export function sectorFilter(opts: { idPrefix: string; legend: string; hint?: string; checked: string[] }): { element: HTMLElement; value: () => Sector[] } {
  const boxes = SECTORS.map((s) => h("input", { type: "checkbox", id: `${opts.idPrefix}-${s}`, value: s, checked: opts.checked.includes(s) }));
  const element = h(
    "fieldset",
    { class: "sector-filter" },
    h("legend", {}, opts.legend),
    opts.hint ? h("p", { class: "hint" }, opts.hint) : null,
    h(
      "div",
      { class: "sector-boxes" },
      boxes.map((box, i) =>
        h("div", { class: "sector-box" }, box, h("label", { for: box.id, class: "chip", style: { background: sectorColour(SECTORS[i]) } }, sectorName(SECTORS[i]))),
      ),
    ),
  );
  return { element, value: () => boxes.filter((b) => b.checked).map((b) => b.value as Sector) };
}
